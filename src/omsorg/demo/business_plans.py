"""The demo's business plans (issue 9 §5): seed 001's plan on Tilrettelagte tjenester (TT) and
seed 000's action plan on Avlastningshjemmet IKS, both loaded from the YAML transcriptions in
omsorg/demo/plans/ through the import service, for the build's year (the seeds' own years,
2019 and 2017, lie before any demo's today; the files keep them).

Seed 001 "Tidsplan virksomhetsrapportering": every unit below TT reports monthly. The demo owes
reports from three months back; the older months are all submitted but one, the last finished
month has its gaps (Avd. Leirali, Granli and Flata have not reported), so the unit head
(`virksomhetsleder`), the department head of Leirali (`avdelingsleder`) and Flata's leader
(`tjenesteleder`) find reports due or missing on their worklist.
"""

import datetime
import random
from pathlib import Path

from django.contrib.auth.hashers import make_password

from omsorg.core.models import Municipality, Role, Unit, User
from omsorg.demo.personas import DEMO_EMAIL_DOMAIN
from omsorg.steering.plan_models import BusinessPlan, Measure, PlanReportLine
from omsorg.steering.plan_selectors import (
    month_start,
    plan_measures,
    report_months,
    reporting_units,
)
from omsorg.steering.plan_services import (
    LineInput,
    measure_set_status,
    measure_update,
    plan_import,
    plan_report_submit,
)

PLANS = Path(__file__).resolve().parent / "plans"
SEED_001_UNIT = "TT"
SEED_000_COMPANY_UNIT = "AVL-IKS"
MONTHS_BACK = 3
# The units that have not reported the last finished month (the worklist shows them).
LATE = {"Avd. Leirali", "Granli", "Flata avlastning"}
# The unit head's progress on a few of seed 001's goals (demo assumptions, not the seed's).
PROGRESS = {
    ("TT. mål", "1.2"): (Measure.Status.IN_PROGRESS, "Vernepleierandel 31 % (mål minst 34 %)."),
    ("TT. mål", "3.3"): (Measure.Status.DONE, "Brukerundersøkelse gjennomført i vår."),
    ("TT. mål", "5.2"): (Measure.Status.IN_PROGRESS, "Digital vaktbok i bruk i to avdelinger."),
    ("TT. mål", "6.7"): (Measure.Status.DELAYED, "Kvalitetslosen mangler rutiner for Fagernes."),
    ("Avd. mål", "6.8"): (Measure.Status.IN_PROGRESS, ""),
}  # fmt: skip
REPORT_WEIGHTS = {
    PlanReportLine.Status.ON_TRACK: 12,
    PlanReportLine.Status.AT_RISK: 3,
    PlanReportLine.Status.BEHIND: 1,
    PlanReportLine.Status.DONE: 1,
    PlanReportLine.Status.NOT_RELEVANT: 1,
}


def _leader(username: str, unit: Unit, first: str, last: str, password: str | None) -> User:
    """A unit's leader: the printed ones log in with their demo password, the others not."""
    if password:  # a printed login: this user, whoever else leads the unit
        found = User.objects.filter(username=username).first()
    else:
        found = User.objects.filter(role=Role.SERVICE_LEADER, unit=unit).order_by("pk").first()
    if found is not None:
        return found
    return User.objects.create(
        username=username, email=f"{username}@{DEMO_EMAIL_DOMAIN}", first_name=first,
        last_name=last, role=Role.SERVICE_LEADER, municipality=unit.municipality, unit=unit,
        password=make_password(password) if password else make_password(None),
    )  # fmt: skip


def business_plans_build(*, municipality: Municipality, today: datetime.date, seed: int):
    """Both plans, the unit head's progress and the monthly reports; returns the logins to
    print (username, password, what to try)."""
    logins = []
    tt = Unit.objects.get(municipality=municipality, code=SEED_001_UNIT)
    head = _leader("virksomhetsleder", tt, "Vigdis", "Nordby", "omsorg-demo-virksomhetsleder")
    leirali = Unit.objects.get(municipality=municipality, code="TT-LEI")
    _leader("avdelingsleder", leirali, "Anders", "Bøe", "omsorg-demo-avdelingsleder")
    logins += [
        ("virksomhetsleder", "omsorg-demo-virksomhetsleder",
         "virksomhetsplan TT: tiltak, månedsrapporter fra avdelinger og team"),
        ("avdelingsleder", "omsorg-demo-avdelingsleder",
         "avd. Leirali: månedsrapport å skrive, teamenes rapporter"),
    ]  # fmt: skip
    first = max(month_start(today.replace(month=1)), _months_before(today, MONTHS_BACK))
    plan = plan_import(actor=None, unit=tt, content=(PLANS / "tt_nord_aurdal.yaml").read_bytes(),
                       year=today.year, reporting_from=first)  # fmt: skip
    _progress(plan, head)
    _reports(plan, today, random.Random(seed))
    iks = Unit.objects.filter(company__isnull=False, code=SEED_000_COMPANY_UNIT).first()
    if iks is not None and not BusinessPlan.objects.filter(unit=iks, year=today.year).exists():
        plan_import(actor=None, unit=iks, year=today.year,
                    content=(PLANS / "avlastningshjemmet_iks.yaml").read_bytes())  # fmt: skip
    return logins


def _months_before(today: datetime.date, count: int) -> datetime.date:
    month = month_start(today)
    for _ in range(count):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return month


def _progress(plan: BusinessPlan, head: User) -> None:
    """The unit head's status and result on a few goals, through the measure's life cycle."""
    for measure in plan_measures(plan):
        goal = measure.goal
        wanted = PROGRESS.get((goal.series, goal.number)) if goal else None
        if wanted is None:
            continue
        status, result = wanted
        if status != Measure.Status.IN_PROGRESS:
            measure_set_status(actor=head, measure=measure, status=Measure.Status.IN_PROGRESS,
                               expected_version=measure.version)  # fmt: skip
        measure_update(actor=head, measure=measure, expected_version=measure.version,
                       status=status, result=result)  # fmt: skip


def _reports(plan: BusinessPlan, today: datetime.date, rng: random.Random) -> None:
    months = report_months(plan, today)
    measures = plan_measures(plan)
    statuses, weights = list(REPORT_WEIGHTS), list(REPORT_WEIGHTS.values())
    for unit in reporting_units(plan):
        leader = _leader(f"leder_{unit.code.lower()}", unit, "Demo", unit.name, None)
        for month in months:
            if month == months[-1] and unit.name in LATE:
                continue
            lines = {m.pk: LineInput(rng.choices(statuses, weights)[0]) for m in measures}
            plan_report_submit(actor=leader, plan=plan, unit=unit, month=month,
                               comment=f"Status {unit.name}, {month:%m.%Y}.", lines=lines,
                               expected_version=None, today=today)  # fmt: skip
