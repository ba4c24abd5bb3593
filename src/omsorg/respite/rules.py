"""The respite home's own rules, apart from the engine's mapping (plan_io): which nights the
home is closed, which decision gives a child's entitlement, a stay cut to a period, and when a
stay counts as completed.

Selectors, services, accounting and plan_io all read these; plan_io only maps them to the
engine's dataclasses.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from omsorg.cases.models import Decision
from omsorg.core.scope import ScopeUnit
from omsorg.respite.models import WEEKDAYS, DayStay, RespiteHome, Stay

RESPITE_SERVICE = "respite_home"
ONE_DAY = datetime.timedelta(days=1)
# A stay whose last night has passed and that was not cancelled: delivered (seed 000's
# "opphold"), invoiced, and fixed in the family's calendar. Derived from the date, not stored.
COMPLETED = "completed"
# A respite decision in these units grants day stays (seed 004 §1.4: "på timebasis", afternoons,
# holidays); in any other unit it grants nights.
DAY_UNITS = (ScopeUnit.DAYS.value, ScopeUnit.HOURS.value)


@dataclass(frozen=True)
class StayRow:
    """A stay as the rules and the mapping pass it: which placement, from which night, how long."""

    placement_id: int
    first_night: datetime.date
    nights: int

    @property
    def last_night(self) -> datetime.date:
        return self.first_night + datetime.timedelta(days=self.nights - 1)


def row_of(stay: Stay) -> StayRow:
    return StayRow(stay.placement_id, stay.first_night, stay.nights)


def nights_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]


def closed_nights(home: RespiteHome, first: datetime.date, last: datetime.date) -> set:
    """Closures (holidays, summer) and the weekdays the home is not staffed (seed 004 §4:
    staffed when stays are planned, not around the clock)."""
    closed = set()
    for closure in home.closures.filter(first_night__lte=last, last_night__gte=first):
        closed.update(
            nights_between(max(first, closure.first_night), min(last, closure.last_night))
        )
    staffed = set(home.staffed_weekdays)
    closed.update(n for n in nights_between(first, last) if WEEKDAYS[n.weekday()] not in staffed)
    return closed


def open_bed_nights(home: RespiteHome, first: datetime.date, last: datetime.date) -> int:
    """Beds times the nights the home is open in [first, last]."""
    open_nights = (last - first).days + 1 - len(closed_nights(home, first, last))
    return home.beds * open_nights


def clip(row: StayRow, first: datetime.date, last: datetime.date) -> StayRow | None:
    """The part of a stay inside [first, last], or None if it lies outside."""
    start, end = max(first, row.first_night), min(last, row.last_night)
    if end < start:
        return None
    return StayRow(row.placement_id, start, (end - start).days + 1)


def edge_blocked(rows: Iterable[StayRow], first: datetime.date, last: datetime.date) -> dict:
    """Per placement, the period's edge night next to a stay just outside it: a child has a
    night at home between two stays, which a plan of [first, last] cannot see by itself."""
    blocked: dict[int, set] = defaultdict(set)
    for row in rows:
        if row.last_night == first - ONE_DAY:
            blocked[row.placement_id].add(first)
        if row.first_night == last + ONE_DAY:
            blocked[row.placement_id].add(last)
    return blocked


def decisions_in_force(
    home: RespiteHome, first: datetime.date, last: datetime.date, *, days: bool = False
) -> dict[int, Decision]:
    """Per person id, the respite-home decision for this home in force in the period (newest):
    of nights, or with ``days`` of day stays (a decision in days or hours). A child may have
    one of each: "2 nights per month" beside "8 hours per month"."""
    rows = Decision.objects.in_force(first, last).filter(
        unit_id=home.unit_id, service_type__code=RESPITE_SERVICE
    )
    rows = rows.filter(scope_unit__in=DAY_UNITS) if days else rows.exclude(scope_unit__in=DAY_UNITS)
    return {d.person_id: d for d in rows.order_by("valid_from", "pk")}


def is_completed(stay: Stay, today: datetime.date) -> bool:
    """Every night has passed (the child went home this morning or earlier), not cancelled."""
    return stay.status != Stay.Status.CANCELLED and stay.ends_on <= today


def stay_state(stay: Stay, today: datetime.date) -> str:
    """The stay's status as users see it: "completed" once its nights have passed."""
    return COMPLETED if is_completed(stay, today) else stay.status


def stay_state_label(stay: Stay, today: datetime.date) -> str:
    state = stay_state(stay, today)
    return str(_("completed")) if state == COMPLETED else stay.get_status_display()


# -- day stays ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayRow:
    """A day stay as the rules and the mapping pass it: which placement, which date."""

    placement_id: int
    date: datetime.date


def day_row_of(day_stay: DayStay) -> DayRow:
    return DayRow(day_stay.placement_id, day_stay.date)


def is_day_completed(day_stay: DayStay, today: datetime.date) -> bool:
    """The date has passed and the day stay was not cancelled: delivered."""
    return day_stay.status != Stay.Status.CANCELLED and day_stay.date < today


def day_stay_state(day_stay: DayStay, today: datetime.date) -> str:
    return COMPLETED if is_day_completed(day_stay, today) else day_stay.status


def day_stay_state_label(day_stay: DayStay, today: datetime.date) -> str:
    state = day_stay_state(day_stay, today)
    return str(_("completed")) if state == COMPLETED else day_stay.get_status_display()


def day_places_by_date(home: RespiteHome, first: datetime.date, last: datetime.date) -> dict:
    """Dates in [first, last] whose day places differ from the home's usual figure: none on a
    closure (holiday, summer: the home is shut), and a period's own figure (DayPlaces), which
    wins over a closure (the leader opened the home by day). Unstaffed weekday nights close
    nights only."""
    places: dict[datetime.date, int] = {}
    for closure in home.closures.filter(first_night__lte=last, last_night__gte=first):
        for date in nights_between(max(first, closure.first_night), min(last, closure.last_night)):
            places[date] = 0
    periods = home.day_periods.filter(first_day__lte=last, last_day__gte=first)
    for period in periods.order_by("first_day", "pk"):
        for date in nights_between(max(first, period.first_day), min(last, period.last_day)):
            places[date] = period.places
    return {date: n for date, n in places.items() if n != home.day_places}
