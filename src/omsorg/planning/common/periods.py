"""Periods that entitlements are counted in, and their arithmetic.

A night is named by the date of its evening. An entitlement such as "4 nights per month" is
counted per calendar month, "per week" per ISO week (Monday to Sunday, so the days around New
Year may belong to week 53 or week 1 of a neighbouring year), and "per horizon" over the whole
planning horizon. A period cut by the horizon is entitled to the floor of the prorated nights.
"""

import calendar
import datetime as dt
from dataclasses import dataclass

PERIOD_KINDS = ("week", "month", "horizon")
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, order=True)
class Period:
    """A counting period: ``key`` names it ("2026-W53", "2027-02", "horizon")."""

    first: dt.date
    last: dt.date
    kind: str
    key: str

    @property
    def nights(self) -> int:
        return (self.last - self.first).days + 1

    def __contains__(self, night: object) -> bool:
        return isinstance(night, dt.date) and self.first <= night <= self.last


@dataclass(frozen=True)
class PeriodShare:
    """The part of a period that lies inside a horizon."""

    period: Period
    first: dt.date
    last: dt.date

    @property
    def nights(self) -> int:
        return (self.last - self.first).days + 1


def horizon_nights(start: dt.date, end: dt.date) -> list[dt.date]:
    """All nights from ``start`` to ``end`` inclusive."""
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def iso_week_period(night: dt.date) -> Period:
    """The ISO week (Monday..Sunday) that holds ``night``."""
    year, week, weekday = night.isocalendar()
    monday = night - dt.timedelta(days=weekday - 1)
    return Period(monday, monday + dt.timedelta(days=6), "week", f"{year}-W{week:02d}")


def month_period(night: dt.date) -> Period:
    """The calendar month that holds ``night``."""
    days = calendar.monthrange(night.year, night.month)[1]
    first = night.replace(day=1)
    return Period(first, night.replace(day=days), "month", f"{night.year}-{night.month:02d}")


def period_of(night: dt.date, kind: str, start: dt.date, end: dt.date) -> Period:
    """The period of ``kind`` that holds ``night``; ``start``/``end`` define the horizon period."""
    if kind == "week":
        return iso_week_period(night)
    if kind == "month":
        return month_period(night)
    if kind == "horizon":
        return Period(start, end, "horizon", "horizon")
    raise ValueError(f"unknown period kind {kind!r}")


def period_shares(start: dt.date, end: dt.date, kind: str) -> list[PeriodShare]:
    """The periods of ``kind`` that meet the horizon [start, end], each cut to the horizon."""
    if end < start:
        return []
    shares = []
    night = start
    while night <= end:
        period = period_of(night, kind, start, end)
        shares.append(PeriodShare(period, max(period.first, start), min(period.last, end)))
        night = period.last + ONE_DAY
    return shares


def prorated_entitlement(nights: int, share: PeriodShare) -> int:
    """Nights a period cut by the horizon is entitled to: floor(nights * inside / whole)."""
    return nights * share.nights // share.period.nights
