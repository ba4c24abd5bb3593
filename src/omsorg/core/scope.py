"""A decision's scope: how much, of what, per which period (DESIGN: the data all hangs on).

One vocabulary for decisions, the catalogue, the respite entitlement and the letters. Pure
Python, so the catalogue's pure rules (catalogue.spec) and the letters read the same words;
the translated labels live in `scope_text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ScopeUnit(StrEnum):
    HOURS = "hours"
    NIGHTS = "nights"
    DAYS = "days"
    WEEKENDS = "weekends"
    VISITS = "visits"
    MEALS = "meals"


class ScopePeriod(StrEnum):
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    STAY = "stay"


# A catalogue service that grants no countable amount (e.g. a safety alarm) says "none".
NO_SCOPE = "none"

# The most of a unit that one period can hold: more is a typing error, never a grant (the
# security report's 100 000 nights a month). Per stay, or with no period: a year.
_DAYS_IN = {"week": 7, "month": 31, "year": 366}
_PER_DAY = {"hours": 24, "visits": 24, "nights": 1, "days": 1, "meals": 6}
_WEEKENDS_IN = {"week": 1, "month": 5, "year": 53}


def most_in_period(unit: str, period: str | None) -> int:
    """The physical ceiling of `unit` per `period` (24 hours a day, one night a night)."""
    span = period if period in _DAYS_IN else "year"
    if unit == ScopeUnit.WEEKENDS:
        return _WEEKENDS_IN[span]
    return _DAYS_IN[span] * _PER_DAY.get(unit, 24)


class ScopeError(ValueError):
    """Not a scope: `field` names the part at fault (quantity, unit or period)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class Scope:
    """`quantity` `unit` per `period` ("10 hours per month"); a period of None means in all."""

    quantity: int
    unit: ScopeUnit
    period: ScopePeriod | None = None

    def __post_init__(self) -> None:
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int):
            raise ScopeError("quantity", "must be a whole number")
        if self.quantity < 0:
            raise ScopeError("quantity", "must not be negative")
        object.__setattr__(self, "unit", _member(ScopeUnit, self.unit, "unit"))
        if self.period is not None:
            object.__setattr__(self, "period", _member(ScopePeriod, self.period, "period"))

    @classmethod
    def of(cls, quantity: int | None, unit: str, period: str | None) -> Scope | None:
        """The scope stored in three columns, or None where there is no countable amount."""
        if not quantity or not unit or unit == NO_SCOPE:
            return None
        return cls(quantity, ScopeUnit(unit), ScopePeriod(period) if period else None)

    def exceeds(self, limit: int | None) -> bool:
        """True if the quantity is above a limit given in the same unit and period."""
        return limit is not None and self.quantity > limit


def _member(enum: type[StrEnum], value: str, field: str) -> StrEnum:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise ScopeError(field, f"{value!r} is not one of {allowed}") from None
