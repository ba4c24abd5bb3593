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

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from omsorg.cases.models import Decision
from omsorg.core import clock
from omsorg.core.errors import InvalidInput, NotFound, PermissionDenied
from omsorg.core.models import Municipality, Role, User
from omsorg.people.access import accessible_persons, log_reads
from omsorg.respite.models import Stay
from omsorg.steering.delivery import (
    DecidedService,
    Delivered,
    Line,
    Status,
    Totals,
    compare,
    totals,
    totals_by_unit,
)
from omsorg.steering.kpi import json_number
from omsorg.steering.models import NightHours, Registration
from omsorg.steering.periods import Period, parse_period
from omsorg.steering.selectors import municipality_units, unit_with_descendants
from omsorg.steering.suppression import suppress_figures, suppress_table

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


def hours_per_night(municipality: Municipality, on: datetime.date) -> dict[str, Decimal]:
    """The configured hours per respite night by service code, as in force on `on`."""
    found: dict[str, Decimal] = {}
    rows = NightHours.objects.filter(municipality=municipality, valid_from__lte=on).order_by(
        "valid_from"
    )
    for code, hours in rows.values_list("service_code", "hours_per_night"):
        found[code] = hours
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


def _registrations(unit_ids, persons: set[int], span: Window) -> list[Delivered]:
    where = Q(unit_id__in=unit_ids)
    if persons:
        where |= Q(person_id__in=persons)
    rows = (
        Registration.objects.filter(
            where, replaced_by__isnull=True, date__gte=span.first, date__lte=span.last
        )
        .values("person_id", "service_type__code", "unit_id")
        .annotate(hours=Sum("hours"))
        .values_list("person_id", "service_type__code", "unit_id", "hours")
    )
    return [Delivered(p, code, unit, hours=hours or Decimal(0)) for p, code, unit, hours in rows]


def _stays(unit_ids, span: Window) -> list[Delivered]:
    """Nights of stays that are not cancelled, within the window, at the units' homes."""
    stays = Stay.objects.filter(
        home__unit_id__in=unit_ids,
        first_night__lte=span.last,
        first_night__gte=span.first - datetime.timedelta(days=366),
    ).exclude(status=Stay.Status.CANCELLED)
    nights: dict[tuple[int, int], int] = defaultdict(int)
    for person_id, unit_id, first_night, count in stays.values_list(
        "placement__person_id", "home__unit_id", "first_night", "nights"
    ):
        last_night = first_night + datetime.timedelta(days=count - 1)
        inside = (min(last_night, span.last) - max(first_night, span.first)).days + 1
        if inside > 0:
            nights[(person_id, unit_id)] += inside
    return [
        Delivered(person_id, RESPITE_HOME_SERVICE, unit_id, nights=count)
        for (person_id, unit_id), count in nights.items()
    ]


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
    delivered = _registrations(unit_ids, persons, span) + _stays(unit_ids, span)
    lines = compare(
        decided, delivered, span.first, span.last,
        hours_per_night=hours_per_night(municipality, span.last),
    )  # fmt: skip
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
    shown = suppress_figures(_json(figures.as_dict()), figures.persons)
    return {
        "unit": code, "period": period.label, "first": span.first.isoformat(),
        "last": span.last.isoformat(), **shown,
    }  # fmt: skip


def unit_figures_unsuppressed(figures: Totals) -> dict:
    """The totals as JSON numbers, not suppressed: for person-level roles only."""
    return {**_json(figures.as_dict()), "suppressed": False}


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
         **_json(figures.as_dict())}
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
