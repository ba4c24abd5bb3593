"""Delivered hours in the demo (issue 9 §2): the journal system's monthly exports of
registrations for the last four months, imported as a unit head would (`omsorg import
registrations`), so that decided vs delivered has something to show.

For each decision in force counted in hours (practical help, support contact, BPA, respite in
the home), the delivery follows a pattern drawn per person: mostly as decided, some less (a
vacant position, the person in hospital), a few more, a few nothing at all (the person
silently dropped, DOMAIN.md's first complaint); and a few persons get practical help with no
decision in force (the decision expired). Respite nights come from the respite demo's stays.
Hours per respite night are set for the respite home (18 h: 16:00 to 10:00).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from omsorg.cases.models import Decision
from omsorg.core.models import Municipality, Unit
from omsorg.people.models import Person
from omsorg.steering.models import NightHours
from omsorg.steering.services import import_file

MONTHS = 4
# (share of persons, share of the decided hours delivered): the demo's delivery patterns.
PATTERNS = (
    (Decimal("0.70"), (Decimal("0.95"), Decimal("1.05"))),
    (Decimal("0.12"), (Decimal("0.50"), Decimal("0.75"))),
    (Decimal("0.08"), (Decimal("1.15"), Decimal("1.35"))),
    (Decimal("0.10"), (Decimal(0), Decimal(0))),
)
WITHOUT_DECISION = 4  # persons served with practical help and no decision in force
QUARTER = Decimal("0.25")


def _months(today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """(first, last) day of each of the last MONTHS months, the current one up to yesterday."""
    spans = []
    first = today.replace(day=1)
    for _ in range(MONTHS):
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        last = min(following - datetime.timedelta(days=1), today - datetime.timedelta(days=1))
        if last >= first:
            spans.append((first, last))
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return sorted(spans)


def _share(rng: random.Random) -> Decimal:
    draw, cumulative = Decimal(str(rng.random())), Decimal(0)
    for weight, (low, high) in PATTERNS:
        cumulative += weight
        if draw < cumulative:
            return low + (high - low) * Decimal(str(rng.random()))
    return Decimal(1)


def _days_a_week(quantity: int) -> int:
    """A visit a week for up to 2 hours, two for up to 5, every weekday above."""
    return 1 if quantity <= 2 else 2 if quantity <= 5 else 5


def _days(decision, first, last, weekly: bool) -> list[datetime.date]:
    """Delivery days: `_days_a_week` for weekly scopes, two days a month for monthly ones."""
    start = max(first, decision.valid_from or first)
    end = min(last, decision.valid_to or last)
    per_week = _days_a_week(decision.quantity)
    days, day = [], start
    while day <= end:
        if (weekly and day.weekday() < per_week) or (not weekly and day.day in (5, 19)):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def _add_rows(rows: dict, decision, unit_code, share, first, last) -> None:
    """Add the decision's delivered hours by (date, person, unit, service), the import's key
    (two decisions of one person and service in the months add up)."""
    weekly = decision.scope_period == "week"
    per_day = Decimal(decision.quantity) / (_days_a_week(decision.quantity) if weekly else 2)
    per_day *= share
    hours = (per_day / QUARTER).quantize(Decimal(1)) * QUARTER
    if hours <= 0:
        return
    number, code = decision.person.identity_number, decision.service_type.code
    for day in _days(decision, first, last, weekly):
        key = (day.isoformat(), number, unit_code, code)
        rows[key] = rows.get(key, Decimal(0)) + hours


def delivery_demo(*, municipality: Municipality, today: datetime.date, rng: random.Random) -> int:
    """Import the months' registrations; returns the number of rows imported."""
    NightHours.objects.get_or_create(
        municipality=municipality, service_code="respite_home",
        valid_from=datetime.date(2000, 1, 1), defaults={"hours_per_night": Decimal(18)},
    )  # fmt: skip
    spans = _months(today)
    if not spans:
        return 0
    decisions = list(
        Decision.objects.in_force(spans[0][0], spans[-1][1])
        .filter(person__municipality=municipality, scope_unit="hours",
                scope_period__in=("week", "month"), quantity__gt=0)
        .exclude(service_type__code="care_allowance")
        .select_related("person", "service_type", "unit")
        .order_by("pk")
    )  # fmt: skip
    fallback = Unit.objects.filter(municipality=municipality, code="TT").first()
    shares = {decision.pk: _share(rng) for decision in decisions}
    served = {decision.person_id for decision in decisions}
    strangers = list(
        Person.objects.filter(municipality=municipality).exclude(pk__in=served).order_by("pk")[:40]
    )
    strangers = rng.sample(strangers, min(WITHOUT_DECISION, len(strangers)))
    zone = Unit.objects.filter(municipality=municipality, kind=Unit.Kind.ZONE).order_by("code")
    zone_code = zone.values_list("code", flat=True).first()
    imported = 0
    for first, last in spans:
        rows: dict[tuple, Decimal] = {}
        for decision in decisions:
            unit = decision.unit or fallback
            if unit is not None and unit.code:
                _add_rows(rows, decision, unit.code, shares[decision.pk], first, last)
        for person in strangers if zone_code else ():
            for day in (first + datetime.timedelta(days=d) for d in range(0, 28, 7)):
                if day <= last:
                    key = (day.isoformat(), person.identity_number, zone_code, "practical_help")
                    rows[key] = Decimal("1.5")
        if not rows:
            continue
        lines = [",".join((*key, str(hours))) for key, hours in sorted(rows.items())]
        content = "\n".join(["date,national_id,unit,service,hours", *lines]).encode()
        event = import_file(
            actor=None, municipality=municipality, kind="registrations", content=content,
            file_name=f"fagsystem-{first:%Y-%m}.csv", actor_label="demo",
        )  # fmt: skip
        imported += event.created_count
    return imported
