"""Steering data for the demo (issue 9 §1, §6, §7): what a unit head imports from the journal,
payroll and accounts systems, loaded through the import service as CSV files, so that the
tertial report, the board report and the service analysis show figures.

All of it is synthetic and deterministic in (seed, today):
- registrations: for every granted decision of a coded unit, one row a week from January of
  last year to the end of last month, within the decision's validity; hours are the decided
  hours a week (nights × 10 hours, visits × ½ hour) times a delivery between 80 and 105 %.
  Day services and meals are registered a row a day (the first N weekdays of a week for N
  days or meals a week, each kept with probability 0.9), with 6 hours a day centre day and
  ¼ hour a meal. Respite home nights are not registered: the homes' stays are their record
  (decided vs delivered would otherwise count a night twice);
- staff: every coded unit a stable team of 4–14 employees a month, a third social educators
  (vernepleiere), sick leave mostly 0–12 % with a few long absences;
- budget: a month's budget from the team's positions, accounts within −6 % to +7 % of it;
- KOSTRA: the municipality's own inhabitants by age group (30 000 inhabitants, DOMAIN.md) and
  comparison figures for Alver. These are SYNTHETIC DEMO FIGURES, invented for the demo and
  not published by SSB: their import is marked synthetic with `KOSTRA_SOURCE` as its source
  (steering.analysis_services), and the service analysis page says so on every such column.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from omsorg.cases.models import Decision
from omsorg.core.models import Municipality, Unit, User
from omsorg.demo.alver import NUMBER as ALVER_NUMBER
from omsorg.steering.analysis_services import import_source_set
from omsorg.steering.services import import_file

WEEK = datetime.timedelta(days=7)
HOURS_PER_NIGHT = 10
HOURS_PER_VISIT = Decimal("0.5")
PROFESSIONS = (("vernepleier", True), ("sykepleier", True), ("helsefagarbeider", True),
               ("assistent", False))  # fmt: skip
MONTHLY_COST_PER_FTE = Decimal(875_000) / 12
# Inhabitants by age group of a municipality of 30 000 (DOMAIN.md), as KOSTRA rows.
POPULATION = {"0-17": 6600, "18-66": 18600, "67-79": 3300, "80+": 1500}
KOSTRA_SOURCE = "Synthetic demo figures, invented for the demo; not published by SSB (KOSTRA)"
PEER_FIGURES = {  # SYNTHETIC: the demo's comparison figures for Alver, not published ones
    "mottakere per 1000 innbyggere 0-17": "9.8",
    "mottakere per 1000 innbyggere 18-66": "21.4",
    "mottakere per 1000 innbyggere 67-79": "88.0",
    "mottakere per 1000 innbyggere 80+": "310.5",
    "timer per mottaker": "402",
    "kostnad per mottaker": "231000",
    "kostnad per time": "575",
}


def _hours_a_week(decision: Decision) -> Decimal | None:
    per_week = {"week": Decimal(1), "month": Decimal(12) / 52, "year": Decimal(1) / 52}
    if decision.scope_period not in per_week or not decision.quantity:
        return None
    factor = {"hours": Decimal(1), "nights": Decimal(HOURS_PER_NIGHT), "visits": HOURS_PER_VISIT}
    if decision.scope_unit not in factor:
        return None
    return decision.quantity * factor[decision.scope_unit] * per_week[decision.scope_period]


STAYS_ARE_THE_RECORD = frozenset({"respite_home"})
PER_DAY = {"days": Decimal(6), "meals": Decimal("0.25")}  # hours a registered day


def _daily_rows(decision: Decision, first, last, rng) -> list[tuple[datetime.date, Decimal]]:
    """Days and meals a week: a row on each of the first N weekdays, 9 in 10 kept."""
    if decision.scope_period != "week" or not decision.quantity or decision.valid_from is None:
        return []
    hours = PER_DAY[decision.scope_unit]
    rows = []
    day = max(first, decision.valid_from)
    end = min(last, decision.valid_to or last)
    while day <= end:
        if day.weekday() < min(decision.quantity, 7) and rng.random() < 0.9:
            rows.append((day, hours))
        day += datetime.timedelta(days=1)
    return rows


def _weekly_rows(decision: Decision, first, last, rng) -> list[tuple[datetime.date, Decimal]]:
    weekly = _hours_a_week(decision)
    if weekly is None or decision.valid_from is None:
        return []
    rows = []
    day = max(first, decision.valid_from)
    end = min(last, decision.valid_to or last)
    while day <= end:
        rows.append((day, (weekly * Decimal(rng.uniform(0.8, 1.05))).quantize(Decimal("0.5"))))
        day += WEEK
    return rows


def _csv(header: str, rows: list[str]) -> bytes:
    return "\n".join([header, *rows]).encode()


def _registrations(municipality, first, last, rng) -> list[str]:
    decisions = (
        Decision.objects.filter(
            person__municipality=municipality,
            outcome__in=[Decision.Outcome.GRANTED, Decision.Outcome.PARTLY_GRANTED],
            unit__isnull=False,
        )
        .exclude(unit__code="")
        .select_related("person", "unit", "service_type")
        .order_by("pk")
    )
    rows, seen = [], set()
    for decision in decisions:
        code = decision.service_type.code
        if code in STAYS_ARE_THE_RECORD:
            continue
        daily = decision.scope_unit in PER_DAY
        made = (_daily_rows if daily else _weekly_rows)(decision, first, last, rng)
        for day, hours in made:
            key = (day, decision.person_id, decision.unit_id, code)
            if key not in seen and hours > 0:
                seen.add(key)
                rows.append(
                    f"{day:%Y-%m-%d},{decision.person.identity_number},{decision.unit.code},"
                    f"{code},{hours}"
                )
    return rows


def _months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _staff_and_budget(units, months, rng) -> tuple[list[str], list[str]]:
    staff, budget = [], []
    for unit in units:
        team = [
            (f"{unit.code}-{n:02d}", rng.choice((100, 100, 80, 75, 60, 50)),
             PROFESSIONS[0] if n % 3 == 0 else rng.choice(PROFESSIONS[1:]))
            for n in range(rng.randint(4, 14))
        ]  # fmt: skip
        for month in months:
            positions = Decimal(0)
            for employee, pct, (profession, relevant) in team:
                contracted = Decimal("162.5") * pct / 100
                sick_share = rng.choice((0, 0, 0.02, 0.05, 0.08, 0.12, 0.6 * rng.random()))
                sick = (contracted * Decimal(sick_share)).quantize(Decimal("0.5"))
                staff.append(
                    f"{month:%Y-%m},{unit.code},{employee},{pct},{profession},"
                    f"{'true' if relevant else 'false'},{contracted},{sick}"
                )
                positions += Decimal(pct) / 100
            planned = (positions * MONTHLY_COST_PER_FTE).quantize(Decimal(1000))
            spent = (planned * Decimal(rng.uniform(0.94, 1.07))).quantize(Decimal(1))
            budget.append(f"{month:%Y-%m},{unit.code},{planned},{spent}")
    return staff, budget


def _kostra(municipality: Municipality, years: list[int]) -> list[str]:
    rows = []
    for year in years:
        rows += [f"{year},{municipality.number},innbyggere {age},{n}" for age, n in
                 POPULATION.items()]  # fmt: skip
        rows += [f"{year},{ALVER_NUMBER},{name},{value}" for name, value in PEER_FIGURES.items()]
    return rows


def steering_demo(*, municipality: Municipality, actor: User, today: datetime.date, seed: int):
    """Import the demo's registrations, staff, budget and KOSTRA rows as `actor` (a leader)."""
    rng = random.Random(seed)
    first = datetime.date(today.year - 1, 1, 1)
    last = today.replace(day=1) - datetime.timedelta(days=1)
    units = list(Unit.objects.filter(municipality=municipality).exclude(code="").order_by("code"))
    staff, budget = _staff_and_budget(units, _months(first, last), rng)
    files = (
        ("registrations", "date,national_id,unit,service,hours",
         _registrations(municipality, first, last, rng)),
        ("staff", "month,unit,employee_id,position_pct,profession,relevant_education,"
                  "contracted_hours,sick_leave_hours", staff),
        ("budget", "month,unit,budget_nok,accounts_nok", budget),
        ("kostra", "year,municipality_number,indicator,value",
         _kostra(municipality, [today.year - 1, today.year])),
    )  # fmt: skip
    for kind, header, rows in files:
        if rows:
            event = import_file(
                actor=actor,
                municipality=municipality,
                kind=kind,
                content=_csv(header, rows),
                file_name=f"demo-{kind}.csv",
            )
            if kind == "kostra":  # invented figures: marked so wherever they are shown
                import_source_set(actor=actor, event=event, source=KOSTRA_SOURCE, synthetic=True)
