"""API bodies of steering's aggregate endpoints (issue 9 §2, §8): figures only, never a
person; a group of fewer than five persons has its figures null and `suppressed` true."""

from ninja import Schema


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


class UnitDeliveryOut(DeliveryFiguresOut):
    name: str


class DeliveryByUnitOut(Schema):
    period: str
    first: str
    last: str
    units: list[UnitDeliveryOut]
