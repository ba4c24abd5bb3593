"""The demo's home-based services (seed 002): the seven zones get a base, a day shift of six
with their competence, addresses with practical notes, visit patterns from the decisions of up
to a dozen recipients each (a double visit, insulin then breakfast), and a planned tomorrow; in
Lundhaugen also an evening shift of two (help to bed, evening medication), yesterday worked
through (done and not-done visits) and today planned, so the nurse persona has a work list.
Everything through the services, as the zones' own leaders and staff; the engine runs here, not
in the worker."""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field, replace

from omsorg.core.models import Role, Unit, User
from omsorg.homecare.models import DayPlan, Task
from omsorg.homecare.rules import ASSISTANT, HEALTH_WORKER, NURSE
from omsorg.homecare.selectors import home_care_decisions
from omsorg.homecare.services.patterns import PatternInput, pattern_create, pattern_defaults
from omsorg.homecare.services.plans import day_plan_create, day_plan_request
from omsorg.homecare.services.runs import day_plan_execute
from omsorg.homecare.services.visits import visit_done, visit_not_done
from omsorg.homecare.services.zones import (
    AddressInput,
    BaseInput,
    address_set,
    staff_member_set,
    zone_base_set,
)

# Synthetic coordinates around Elnesvågen (the seed's places point to Hustadvika): each zone's
# base a few km from the next; recipients within about 5 km of their base.
CENTRE = (62.855, 7.160)
ZONE_OFFSETS = ((0, 0), (0.03, 0.08), (-0.03, 0.10), (0.05, -0.06), (-0.05, -0.05),
                (0.08, 0.02), (-0.02, -0.14))  # fmt: skip
DAY_SHIFT = (7 * 60, 15 * 60 + 30)
LEVELS = (NURSE, HEALTH_WORKER, NURSE, ASSISTANT, HEALTH_WORKER, NURSE)
EVENING_SHIFT = (15 * 60, 22 * 60 + 30)
EVENING_LEVELS = (NURSE, HEALTH_WORKER)
EVENING_PERSONS = 4  # recipients with home nursing who also get help to bed
PERSONS_PER_ZONE = 12
PLAN_SECONDS = 1
KEY_BOXES = ("", "Nøkkelboks ved ytterdøra, kode i journal", "Nøkkel hos nabo i nr. 3", "")
PETS = ("", "", "Katt", "Hund, snill", "")
ENTRANCES = ("", "Inngang bak huset", "2. etasje, ring på", "")
NOT_DONE_REASON = "Ikke hjemme, pårørende varslet"


@dataclass
class HomecareDemo:
    zones: int = 0
    patterns: int = 0
    plans: list[DayPlan] = field(default_factory=list)


def _leader(zone: Unit) -> User | None:
    leaders = User.objects.filter(unit=zone, role=Role.SERVICE_LEADER).order_by("pk")
    return leaders.filter(username="soneleder").first() or leaders.first()


def _staff(zone: Unit, leader: User, *, evening: bool = False) -> None:
    """The day shift of six (the nurse persona first); with `evening` two more on the evening
    shift."""
    workers = User.objects.filter(unit=zone, role=Role.CARE_WORKER).order_by("pk")
    chosen = list(workers.filter(username="sykepleier")) + list(
        workers.exclude(username="sykepleier")[: len(LEVELS) + len(EVENING_LEVELS)]
    )
    shifts = [(level, DAY_SHIFT) for level in LEVELS]
    if evening:
        shifts += [(level, EVENING_SHIFT) for level in EVENING_LEVELS]
    for user, (level, (start, end)) in zip(chosen, shifts, strict=False):
        staff_member_set(actor=leader, zone=zone, user=user, level=level,
                         shift_start=start, shift_end=end)  # fmt: skip


def _address(zone, leader, person, base, rng: random.Random, today) -> None:
    address_set(
        actor=leader,
        zone=zone,
        person=person,
        today=today,
        data=AddressInput(
            street=person.street_address or "Storvegen 1",
            postal_code=person.postal_code if len(person.postal_code or "") == 4 else "",
            city=person.city,
            latitude=round(base[0] + rng.uniform(-0.04, 0.04), 5),
            longitude=round(base[1] + rng.uniform(-0.09, 0.09), 5),
            key_box=rng.choice(KEY_BOXES),
            pets=rng.choice(PETS),
            entrance=rng.choice(ENTRANCES),
        ),
    )


def _patterns(zone, leader, index: int, decisions, today) -> int:
    """The decision's first pattern; the first person gets a double visit, the second insulin
    followed by breakfast (issue 10 §2's examples)."""
    made = 0
    for decision in decisions:
        data = pattern_defaults(decision)
        if index == 0 and decision.service_type.code == "home_nursing":
            tasks = [Task.PERSONAL_CARE, Task.HELP_TO_RISE]
            data = replace(data, label="Morgenstell", level=HEALTH_WORKER, duration=40,
                           tasks=tasks, staff_count=2)  # fmt: skip
        first = pattern_create(actor=leader, zone=zone, decision=decision, data=data, today=today)
        made += 1
        if index == 1 and decision.service_type.code == "home_nursing":
            meal = PatternInput("Frokost", data.weekdays, 450, 600, 15, ASSISTANT, [Task.MEAL],
                                follows=first, min_gap=20, max_gap=60)  # fmt: skip
            pattern_create(actor=leader, zone=zone, decision=decision, data=meal, today=today)
            made += 1
    return made


def _evening_patterns(zone, leader, decisions, today) -> int:
    """Help to bed for the first recipients with home nursing; the first also gets her
    evening medication from a nurse (the evening shift's work)."""
    nursing = [d for d in decisions if d.service_type.code == "home_nursing"][:EVENING_PERSONS]
    made = 0
    for number, decision in enumerate(nursing):
        bed = PatternInput("Kveldsstell", list(range(7)), 20 * 60, 21 * 60 + 30, 30,
                           HEALTH_WORKER, [Task.HELP_TO_BED, Task.PERSONAL_CARE])  # fmt: skip
        pattern_create(actor=leader, zone=zone, decision=decision, data=bed, today=today)
        made += 1
        if number == 0:
            pills = PatternInput("Kveldsmedisin", list(range(7)), 21 * 60, 22 * 60, 15, NURSE,
                                 [Task.MEDICATION])  # fmt: skip
            pattern_create(actor=leader, zone=zone, decision=decision, data=pills, today=today)
            made += 1
    return made


def _plan(zone, leader, date, today) -> DayPlan:
    plan = day_plan_create(actor=leader, zone=zone, date=date, today=today)
    day_plan_request(actor=leader, plan=plan, time_limit=PLAN_SECONDS)
    return day_plan_execute(plan_id=plan.pk)


def _work_through(plan: DayPlan, day: datetime.date) -> None:
    """Yesterday's visits done by their staff, with a report now and then; one not done."""
    visits = plan.visits.filter(staff__isnull=False).select_related("staff").order_by("start")
    for number, visit in enumerate(visits):
        if number == 3:
            visit_not_done(actor=visit.staff, visit=visit, reason=NOT_DONE_REASON, today=day,
                           expected_version=visit.version)  # fmt: skip
            continue
        report = "Tok medisinene, i god form." if number % 4 == 0 else ""
        visit_done(actor=visit.staff, visit=visit, expected_version=visit.version, today=day,
                   report=report)  # fmt: skip


def _zone(demo, zone, index, rng, today) -> None:
    leader = _leader(zone)
    if leader is None:
        return
    base = (CENTRE[0] + ZONE_OFFSETS[index % 7][0], CENTRE[1] + ZONE_OFFSETS[index % 7][1])
    zone_base_set(actor=leader, zone=zone, data=BaseInput(f"{zone.name}, base", *base, 35.0))
    persona = leader.username == "soneleder"
    _staff(zone, leader, evening=persona)
    by_person = defaultdict(list)
    for decision in home_care_decisions(zone, today).order_by("person_id", "pk"):
        by_person[decision.person].append(decision)
    served = list(by_person.items())[:PERSONS_PER_ZONE]
    for number, (person, decisions) in enumerate(served):
        _address(zone, leader, person, base, rng, today)
        demo.patterns += _patterns(zone, leader, number, decisions, today)
    if persona:
        every = [d for _person, decisions in served for d in decisions]
        demo.patterns += _evening_patterns(zone, leader, every, today)
    demo.zones += 1
    if persona:
        yesterday = today - datetime.timedelta(days=1)
        _work_through(_plan(zone, leader, yesterday, yesterday), yesterday)
        demo.plans.append(_plan(zone, leader, today, today))
    demo.plans.append(_plan(zone, leader, today + datetime.timedelta(days=1), today))


def build_homecare_demo(*, municipality, today: datetime.date, rng: random.Random) -> HomecareDemo:
    demo = HomecareDemo()
    zones = Unit.objects.filter(municipality=municipality, kind=Unit.Kind.ZONE).order_by("pk")
    for index, zone in enumerate(zones):
        _zone(demo, zone, index, rng, today)
    return demo
