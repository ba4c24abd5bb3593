"""API bodies of steering's aggregate endpoints (issue 9 §2, §8): figures only, never a
person; a group of fewer than five persons has its figures null and `suppressed` true."""

from ninja import Schema


class OwnUnitOut(Schema):
    """Decisions in days or meals with no hours per unit set: compared in their own unit
    (a registered day is one day, or one meal), never added to the hours."""

    measure: str
    decided: float
    delivered: float
    fulfilment_pct: float | None
    lines: int


class HoursPerUnitOut(Schema):
    """Hours one unit of a scope counted as; `configured` false for a default: `service`
    null for the respite night's default used where a service has none, and `hours` null
    for a respite day stay with no hours per day set, which counts its own home's day-stay
    times (they differ by home)."""

    service: str | None
    scope_unit: str
    hours: float | None
    configured: bool


class DeliveryFiguresOut(Schema):
    unit: str | None
    period: str
    first: str
    last: str
    suppressed: bool
    decided_hours: float | None
    delivered_hours: float | None
    fulfilment_pct: float | None
    under_hours: float | None
    over_hours: float | None
    hours_without_decision: float | None
    persons: int | None
    persons_with_decision: int | None
    persons_under: int | None
    persons_over: int | None
    persons_no_delivery: int | None
    persons_no_decision: int | None
    decisions_not_comparable: int | None
    counted_in_own_unit: list[OwnUnitOut] | None


class DeliveryTotalOut(DeliveryFiguresOut):
    hours_per_unit: list[HoursPerUnitOut]


class UnitDeliveryOut(DeliveryFiguresOut):
    name: str


class DeliveryByUnitOut(Schema):
    period: str
    first: str
    last: str
    units: list[UnitDeliveryOut]
