"""Reads for decided vs delivered (issue 9 §2): the decisions in force, the registered hours
and the respite nights of a period, compared by steering.delivery.

The seam for other parts: `delivery_figures(municipality, code, period)` gives the totals of
a unit and every unit below it (None: the whole municipality), and `delivery_by_unit(...)`
the totals per unit, both without persons (scorecards, tertial reports, the API). The lines
per person (`delivery_lines`) are for person-level roles only and go through the access door
(`delivery_person_lines`), which logs every person shown.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from omsorg.cases.models import Decision
from omsorg.core import clock
from omsorg.core.errors import InvalidInput, NotFound, PermissionDenied
from omsorg.core.models import Municipality, Role, User
from omsorg.people.access import accessible_persons, log_reads
from omsorg.respite.models import DayStay, Stay
from omsorg.steering.delivery import (
    DEFAULT_HOURS_PER_NIGHT,
    DecidedService,
    Delivered,
    Line,
    Status,
    Totals,
    compare,
    day_stay_hours,
    totals,
    totals_by_unit,
)
from omsorg.steering.kpi import json_number
from omsorg.steering.models import HoursPerUnit, Registration
from omsorg.steering.periods import Period, parse_period
from omsorg.steering.selectors import municipality_units, unit_with_descendants
from omsorg.steering.suppression import suppress_figures, suppress_table

MEASURE_LABELS = {
    "hours": _("hours"), "nights": _("nights"), "visits": _("visits"), "meals": _("meals"),
    "days": _("days"), "weekends": _("weekends"),
}  # fmt: skip
RESPITE_HOME_SERVICE = "respite_home"  # the catalogue code of stays at a respite home
PERSON_LEVEL_ROLES = frozenset({Role.CASEWORKER})
FIGURE_READERS = frozenset(
    {Role.CASEWORKER, Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR}
)
# Figures about persons: hidden for a small group. Nothing here is not about persons.
PERSON_FIGURES = (
    "decided_hours", "delivered_hours", "fulfilment_pct", "under_hours", "over_hours",
    "hours_without_decision", "persons", "persons_with_decision", "persons_under",
    "persons_over", "persons_no_delivery", "persons_no_decision", "decisions_not_comparable",
    "counted_in_own_unit",
)  # fmt: skip


def figures_municipality(actor: User) -> Municipality:
    """The actor's municipality, if the actor may read its steering figures."""
    if not actor.is_authenticated or actor.role not in FIGURE_READERS:
        raise PermissionDenied()
    if actor.municipality is None:
        raise NotFound()
    return actor.municipality


def parse_period_or_refuse(text: str) -> Period:
    try:
        return parse_period(text or "")
    except ValueError:  # BadPeriod, or a year out of range (0000)
        raise InvalidInput(
            _("The period must be written YYYY, YYYY-MM or YYYY-T1, -T2 or -T3."), field="period"
        ) from None


def may_see_persons(actor: User) -> bool:
    """Caseworkers (the deciding unit) see the persons behind the figures; leaders, management
    and administrators see counts only, with small groups suppressed."""
    return actor.is_authenticated and actor.role in PERSON_LEVEL_ROLES


@dataclass(frozen=True)
class Window:
    """The compared days: the period cut at the day of the comparison."""

    first: datetime.date
    last: datetime.date

    @property
    def empty(self) -> bool:
        return self.last < self.first


def window(period: Period, as_of: datetime.date | None = None) -> Window:
    as_of = as_of or clock.today()
    return Window(period.first, min(period.last, as_of))


def hours_per_unit(municipality: Municipality, on: datetime.date) -> dict[tuple[str, str], Decimal]:
    """The configured hours per unit of scope by (service code, scope unit), in force on `on`."""
    found: dict[tuple[str, str], Decimal] = {}
    rows = HoursPerUnit.objects.filter(municipality=municipality, valid_from__lte=on).order_by(
        "valid_from"
    )
    for code, unit, hours in rows.values_list("service_code", "scope_unit", "hours_per_unit"):
        found[(code, unit)] = hours
    return found


def _decisions(municipality, unit_ids, span: Window) -> list[DecidedService]:
    in_scope = Q(unit_id__in=unit_ids) | Q(unit__isnull=True, person__municipality=municipality)
    rows = (
        Decision.objects.in_force(span.first, span.last)
        .filter(in_scope, quantity__isnull=False)
        .values_list(
            "person_id", "service_type__code", "unit_id", "quantity", "scope_unit",
            "scope_period", "valid_from", "valid_to",
        )
    )  # fmt: skip
    return [
        DecidedService(p, code, unit, q, su or "", sp or None, vf, vt)
        for p, code, unit, q, su, sp, vf, vt in rows
    ]


def _registrations(unit_ids, persons: set[int], span: Window, stay_nights) -> list[Delivered]:
    """Registered hours and days per (person, service, unit); a registration of the respite
    home's service on a night the person stayed there, or on the day of a day stay, is left
    out: the stay is that day's delivery, counted once (registrations are one row per person,
    service, unit and day)."""
    where = Q(unit_id__in=unit_ids)
    if persons:
        where |= Q(person_id__in=persons)
    rows = Registration.objects.filter(
        where, replaced_by__isnull=True, date__gte=span.first, date__lte=span.last
    )
    summed = (
        rows.exclude(service_type__code=RESPITE_HOME_SERVICE)
        .values("person_id", "service_type__code", "unit_id")
        .annotate(hours=Sum("hours"), days=Count("pk"))
        .values_list("person_id", "service_type__code", "unit_id", "hours", "days")
    )
    found = [
        Delivered(p, code, unit, hours=hours or Decimal(0), days=days)
        for p, code, unit, hours, days in summed
    ]
    return found + _respite_registrations(rows, stay_nights)


def _respite_registrations(rows, stay_nights) -> list[Delivered]:
    kept: dict[tuple[int, int], list] = defaultdict(lambda: [Decimal(0), 0])
    respite = rows.filter(service_type__code=RESPITE_HOME_SERVICE).values_list(
        "person_id", "unit_id", "date", "hours"
    )
    for person_id, unit_id, day, hours in respite:
        if day in stay_nights.get(person_id, ()):
            continue  # the stay delivered this night
        kept[(person_id, unit_id)][0] += hours
        kept[(person_id, unit_id)][1] += 1
    return [
        Delivered(person_id, RESPITE_HOME_SERVICE, unit_id, hours=hours, days=days)
        for (person_id, unit_id), (hours, days) in kept.items()
    ]


def _stay_nights(unit_ids, span: Window) -> dict[tuple[int, int], set[datetime.date]]:
    """The nights of stays that are not cancelled, within the window, at the units' homes, by
    (person, unit of the home)."""
    stays = Stay.objects.filter(
        home__unit_id__in=unit_ids,
        first_night__lte=span.last,
        first_night__gte=span.first - datetime.timedelta(days=366),
    ).exclude(status=Stay.Status.CANCELLED)
    nights: dict[tuple[int, int], set[datetime.date]] = defaultdict(set)
    for person_id, unit_id, first_night, count in stays.values_list(
        "placement__person_id", "home__unit_id", "first_night", "nights"
    ):
        for k in range(count):
            night = first_night + datetime.timedelta(days=k)
            if span.first <= night <= span.last:
                nights[(person_id, unit_id)].add(night)
    return nights


def _day_stays(unit_ids, span: Window, table) -> tuple[list[Delivered], dict[int, set]]:
    """Day stays (no night) that are not cancelled, within the window, at the units' homes:
    per (person, unit of the home) the days and their hours (steering.delivery's rule), and
    per person the dates they delivered."""
    rows = (
        DayStay.objects.filter(
            home__unit_id__in=unit_ids, date__gte=span.first, date__lte=span.last
        )
        .exclude(status=Stay.Status.CANCELLED)
        .values_list(
            "placement__person_id", "home__unit_id", "date", "home__day_start_time",
            "home__day_end_time",
        )
    )  # fmt: skip
    summed: dict[tuple[int, int], list] = defaultdict(lambda: [Decimal(0), 0])
    dates: dict[int, set[datetime.date]] = defaultdict(set)
    for person_id, unit_id, day, begins, ends in rows:
        summed[(person_id, unit_id)][0] += day_stay_hours(table, RESPITE_HOME_SERVICE, begins, ends)
        summed[(person_id, unit_id)][1] += 1
        dates[person_id].add(day)
    delivered = [
        Delivered(person_id, RESPITE_HOME_SERVICE, unit_id, hours=hours, days=days)
        for (person_id, unit_id), (hours, days) in summed.items()
    ]
    return delivered, dates


def _stays(nights: dict[tuple[int, int], set[datetime.date]]) -> list[Delivered]:
    return [
        Delivered(person_id, RESPITE_HOME_SERVICE, unit_id, nights=len(dates))
        for (person_id, unit_id), dates in nights.items()
        if dates
    ]


def _nights_by_person(nights) -> dict[int, set[datetime.date]]:
    by_person: dict[int, set[datetime.date]] = defaultdict(set)
    for (person_id, _unit_id), dates in nights.items():
        by_person[person_id] |= dates
    return by_person


def delivery_lines(
    municipality: Municipality,
    code: str | None,
    period: Period,
    *,
    as_of: datetime.date | None = None,
) -> list[Line]:
    """Decided against delivered per (person, service) for the unit with this code and every
    unit below it (None: the whole municipality). Person ids: not for pages without the door."""
    span = window(period, as_of)
    if span.empty:
        return []
    unit_ids = unit_with_descendants(municipality, code)
    decided = _decisions(municipality, unit_ids, span)
    persons = {d.person_id for d in decided}
    table = hours_per_unit(municipality, span.last)
    nights = _stay_nights(unit_ids, span)
    day_stays, day_stay_dates = _day_stays(unit_ids, span, table)
    at_home = _nights_by_person(nights)  # a registration on these dates is the stay's
    for person_id, dates in day_stay_dates.items():
        at_home[person_id] |= dates
    delivered = _registrations(unit_ids, persons, span, at_home) + _stays(nights) + day_stays
    lines = compare(decided, delivered, span.first, span.last, hours_per_unit=table)
    inside = set(unit_ids)
    return [line for line in lines if line.unit_id in inside]


def delivery_figures(
    municipality: Municipality,
    code: str | None,
    period: Period,
    *,
    as_of: datetime.date | None = None,
) -> Totals:
    """The totals (no persons) of a unit and every unit below it in a period: decided and
    delivered hours, fulfilment %, under- and over-delivery, persons with a decision and no
    delivery, deliveries with no decision. Not suppressed: callers that show them outside
    person-level roles pass them through steering.suppression (see `delivery_figures_shown`)."""
    return totals(delivery_lines(municipality, code, period, as_of=as_of))


def delivery_by_unit(
    municipality: Municipality,
    code: str | None,
    period: Period,
    *,
    as_of: datetime.date | None = None,
) -> dict[int, Totals]:
    """Totals per unit (each unit's own lines, not its children's), by unit id."""
    grouped = totals_by_unit(delivery_lines(municipality, code, period, as_of=as_of))
    return {unit_id: figures for unit_id, figures in grouped.items() if unit_id is not None}


def unit_labels(municipality: Municipality) -> dict[int, tuple[str, str]]:
    return {pk: (code, name) for pk, code, name in municipality_units(municipality).values_list(
        "pk", "code", "name"
    )}  # fmt: skip


@dataclass(frozen=True)
class PersonLine:
    line: Line
    person_name: str
    person_id: int


DEVIATIONS = (Status.UNDER, Status.OVER, Status.NO_DELIVERY, Status.NO_DECISION)


def delivery_person_lines(
    *,
    actor: User,
    lines: list[Line],
    statuses=DEVIATIONS,
    limit: int = 200,
    channel: str = "web",
) -> list[PersonLine]:
    """The deviating lines with the persons' names, for a person-level role: only persons the
    access door gives the actor, each read logged. Others get nothing."""
    if not may_see_persons(actor):
        return []
    wanted = [line for line in lines if line.status in statuses]
    ids = {line.person_id for line in wanted}
    readable = {
        person.pk: person for person in accessible_persons(actor, clock.today()).filter(pk__in=ids)
    }
    shown = [line for line in wanted if line.person_id in readable][:limit]
    persons = {line.person_id: readable[line.person_id] for line in shown}
    log_reads(actor, persons.values(), what="decided vs delivered", channel=channel)
    return [
        PersonLine(line, f"{persons[line.person_id].given_name} "
                   f"{persons[line.person_id].family_name}", line.person_id)
        for line in shown
    ]  # fmt: skip


def _json(figures: dict) -> dict:
    return {name: json_number(value) for name, value in figures.items()}


def _figures_json(figures: Totals) -> dict:
    """The totals as JSON: the hours' figures, and the lines compared in their own unit (days,
    meals) by unit, which are never in the hours."""
    own = [
        {"measure": row.measure, "decided": json_number(row.decided),
         "delivered": json_number(row.delivered),
         "fulfilment_pct": json_number(row.fulfilment_pct), "lines": row.lines}
        for row in figures.own_unit_rows
    ]  # fmt: skip
    return {**_json(figures.as_dict()), "counted_in_own_unit": own}


def hours_per_unit_shown(municipality: Municipality, on: datetime.date) -> list[dict]:
    """The hours per unit of scope the comparison used (configured, and the defaults where
    none is), for pages and the API to show beside the figures. A respite day stay with no
    hours per day set counts its home's day-stay times, which differ by home: that default
    row has `hours` null."""
    table = hours_per_unit(municipality, on)
    rows = [
        {"service": code, "scope_unit": unit, "hours": json_number(hours), "configured": True}
        for (code, unit), hours in sorted(table.items())
    ]
    if (RESPITE_HOME_SERVICE, "days") not in table:
        rows.append({"service": RESPITE_HOME_SERVICE, "scope_unit": "days", "hours": None,
                     "configured": False})  # fmt: skip
    rows.append({"service": None, "scope_unit": "nights",
                 "hours": json_number(DEFAULT_HOURS_PER_NIGHT), "configured": False})  # fmt: skip
    return rows


def delivery_figures_shown(
    municipality: Municipality,
    code: str | None,
    period: Period,
    *,
    as_of: datetime.date | None = None,
) -> dict:
    """`delivery_figures` as shown outside person-level roles (the API, leaders' pages): JSON
    numbers, and every figure null when fewer than five persons are behind them."""
    span = window(period, as_of)
    figures = delivery_figures(municipality, code, period, as_of=as_of)
    shown = suppress_figures(_figures_json(figures), figures.persons)
    return {
        "unit": code, "period": period.label, "first": span.first.isoformat(),
        "last": span.last.isoformat(), **shown,
        "hours_per_unit": hours_per_unit_shown(municipality, span.last),
    }  # fmt: skip


def unit_figures_unsuppressed(figures: Totals) -> dict:
    """The totals as JSON numbers, not suppressed: for person-level roles only."""
    return {**_figures_json(figures), "suppressed": False}


def delivery_by_unit_shown(
    municipality: Municipality,
    period: Period,
    *,
    as_of: datetime.date | None = None,
    suppressed: bool = True,
) -> dict:
    """Per unit (by code), suppressed as a table with a total (steering.suppression);
    `suppressed=False` only for person-level roles."""
    span = window(period, as_of)
    labels = unit_labels(municipality)
    by_unit = delivery_by_unit(municipality, None, period, as_of=as_of)
    rows = [
        {"unit": labels[unit_id][0], "name": labels[unit_id][1], "period": period.label,
         "first": span.first.isoformat(), "last": span.last.isoformat(),
         **_figures_json(figures)}
        for unit_id, figures in by_unit.items()
        if unit_id in labels
    ]  # fmt: skip
    rows.sort(key=lambda row: (row["unit"] or "", row["name"]))
    if suppressed:
        shown = suppress_table(rows, lambda row: row["persons"], PERSON_FIGURES)
    else:
        shown = [{**row, "suppressed": False} for row in rows]
    return {
        "period": period.label, "first": span.first.isoformat(),
        "last": span.last.isoformat(), "units": shown,
    }  # fmt: skip
