"""Reads of home-based services. Person data only through people.access: a name, an address or
a visit's notes are shown to staff with a service need, and every person shown is logged."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from omsorg.cases.models import Decision
from omsorg.core.errors import NotFound, PermissionDenied
from omsorg.core.models import Role, Unit, User
from omsorg.homecare.models import (
    Address,
    DayPlan,
    Shift,
    StaffMember,
    Visit,
    VisitPattern,
    ZoneBase,
)
from omsorg.people.access import access_person_by_id, accessible_persons, log_reads
from omsorg.people.models import Person

# The services a zone turns into visits (catalogue codes, catalogues/hjemmetjenester.yaml).
HOME_CARE_SERVICES = (
    "home_nursing",
    "practical_help",
    "training_daily_tasks",
    "rehabilitation_at_home",
    "meal_delivery",
)
CONTINUITY_DAYS = 14  # the quality measure's window: different staff a person met


def persons_on_route(actor: User, today: datetime.date) -> QuerySet:
    """The access door's provider for care workers: persons with a visit on the worker's route
    today (issue 10 §4)."""
    return Visit.objects.filter(staff_id=actor.pk, day_plan__date=today).values("person_id")


def require_zone_leader(actor: User, zone: Unit) -> None:
    """The zone's service leader plans the zone."""
    if actor.role != Role.SERVICE_LEADER or actor.unit_id != zone.pk:
        raise PermissionDenied()


def zone_get(*, actor: User, zone_id: int) -> Unit:
    """A zone its leader may plan; absent and not the leader's alike give 404."""
    zone = Unit.objects.filter(pk=zone_id, kind=Unit.Kind.ZONE).select_related("zone_base").first()
    if zone is None or actor.role != Role.SERVICE_LEADER or actor.unit_id != zone.pk:
        raise NotFound()
    return zone


def zones_for(actor: User) -> list[Unit]:
    """The zones the actor plans (a zone's leader) or works in (on a zone's staff list)."""
    ids = set(StaffMember.objects.filter(user=actor, active=True).values_list("zone_id", flat=True))
    if actor.role == Role.SERVICE_LEADER and actor.unit_id is not None:
        ids.add(actor.unit_id)
    return list(
        Unit.objects.filter(pk__in=ids, kind=Unit.Kind.ZONE)
        .select_related("zone_base")
        .order_by("name")
    )


def leader_zone(actor: User) -> Unit | None:
    if actor.role != Role.SERVICE_LEADER or actor.unit_id is None:
        return None
    return Unit.objects.filter(pk=actor.unit_id, kind=Unit.Kind.ZONE).first()


def zone_base_of(zone: Unit) -> ZoneBase | None:
    return ZoneBase.objects.filter(unit=zone).first()


def home_care_decisions(zone: Unit, first: datetime.date, last: datetime.date | None = None):
    """Home-care grants in force (some day of first..last) that the zone delivers."""
    return (
        Decision.objects.in_force(first, last or first)
        .filter(unit=zone, service_type__code__in=HOME_CARE_SERVICES)
        .select_related("service_type", "person")
    )


@dataclass
class PersonLine:
    person: Person
    address: Address | None
    decisions: list[Decision] = field(default_factory=list)
    patterns: list[VisitPattern] = field(default_factory=list)
    without_pattern: list[Decision] = field(default_factory=list)
    review: list[tuple[VisitPattern, list]] = field(default_factory=list)
    staff_met: int = 0


def review_reasons(pattern: VisitPattern, today: datetime.date) -> list:
    """Why a pattern needs the leader's review: its decision changed since she confirmed it."""
    decision, seen = pattern.decision, pattern.decision_state or {}
    reasons = []
    if decision.status == Decision.Status.REPLACED:
        reasons.append(_("the decision is replaced by a new one"))
    elif decision.status == Decision.Status.ENDED:
        reasons.append(_("the decision has ended"))
    elif decision.valid_to is not None and decision.valid_to < today:
        reasons.append(_("the decision has expired"))
    if any(seen.get(key) != value for key, value in decision_state(decision).items()):
        reasons.append(_("the decision's scope or period has changed"))
    return reasons


def decision_state(decision: Decision) -> dict:
    """What a pattern remembers of its decision, to notice a change."""
    return {
        "quantity": decision.quantity,
        "scope_unit": decision.scope_unit,
        "scope_period": decision.scope_period,
        "valid_from": decision.valid_from.isoformat() if decision.valid_from else None,
        "valid_to": decision.valid_to.isoformat() if decision.valid_to else None,
    }


def zone_persons(*, actor: User, zone: Unit, today: datetime.date) -> list[PersonLine]:
    """The zone's recipients (a home-care grant in force delivered by the zone) the leader may
    read, with address, decisions, patterns, and patterns to review; every person logged."""
    decisions = list(home_care_decisions(zone, today))
    readable = set(
        accessible_persons(actor, today)
        .filter(pk__in={d.person_id for d in decisions})
        .values_list("pk", flat=True)
    )
    patterns = VisitPattern.objects.filter(zone=zone, active=True).select_related("decision")
    by_person: dict[int, PersonLine] = {}
    for decision in decisions:
        if decision.person_id not in readable:
            continue
        line = by_person.setdefault(decision.person_id, PersonLine(decision.person, None))
        line.decisions.append(decision)
    for pattern in patterns:
        line = by_person.get(pattern.person_id)
        if line is None:
            continue
        line.patterns.append(pattern)
        reasons = review_reasons(pattern, today)
        if reasons:
            line.review.append((pattern, reasons))
    for address in Address.objects.filter(person_id__in=by_person):
        by_person[address.person_id].address = address
    met = continuity(zone=zone, today=today, person_ids=list(by_person))
    for line in by_person.values():
        covered = {p.decision_id for p in line.patterns}
        line.without_pattern = [d for d in line.decisions if d.pk not in covered]
        line.staff_met = met.get(line.person.pk, 0)
    lines = sorted(by_person.values(), key=lambda x: (x.person.family_name, x.person.given_name))
    log_reads(actor, [line.person for line in lines], what="homecare: zone", channel="page")
    return lines


def continuity(*, zone: Unit, today: datetime.date, person_ids: list[int]) -> dict[int, int]:
    """Distinct staff each person met on done visits in the last 14 days (fewer is better)."""
    since = today - datetime.timedelta(days=CONTINUITY_DAYS)
    rows = (
        Visit.objects.filter(
            day_plan__zone=zone,
            day_plan__date__gte=since,
            day_plan__date__lte=today,
            status=Visit.Status.DONE,
            person_id__in=person_ids,
        )
        .values_list("person_id", "staff_id")
        .distinct()
    )
    counts = Counter(person for person, _staff in rows)
    return dict(counts)


def known_staff(*, zone: Unit, date: datetime.date, person_ids) -> dict[int, list[int]]:
    """The staff each person met most in the last 14 days, most often first (the engine's
    preferred staff)."""
    since = date - datetime.timedelta(days=CONTINUITY_DAYS)
    rows = Visit.objects.filter(
        day_plan__zone=zone,
        day_plan__date__gte=since,
        day_plan__date__lt=date,
        status=Visit.Status.DONE,
        person_id__in=person_ids,
    ).values_list("person_id", "staff_id")
    counts: dict[int, Counter] = defaultdict(Counter)
    for person, staff in rows:
        counts[person][staff] += 1
    return {person: [s for s, _n in c.most_common(3)] for person, c in counts.items()}


def zone_staff(zone: Unit) -> list[StaffMember]:
    return list(
        StaffMember.objects.filter(zone=zone)
        .select_related("user")
        .order_by("-active", "user__last_name", "user__first_name")
    )


def pattern_get(*, actor: User, zone: Unit, pattern_id: int, today: datetime.date):
    pattern = (
        VisitPattern.objects.filter(pk=pattern_id, zone=zone)
        .select_related("decision__service_type", "person")
        .first()
    )
    if pattern is None:
        raise NotFound()
    access_person_by_id(
        actor, pattern.person_id, today=today, what="homecare: visit pattern", channel="page"
    )
    return pattern


def decision_for_pattern(*, actor: User, zone: Unit, decision_id: int, today: datetime.date):
    decision = home_care_decisions(zone, today).filter(pk=decision_id).first()
    if decision is None:
        raise NotFound()
    access_person_by_id(
        actor, decision.person_id, today=today, what="homecare: visit pattern", channel="page"
    )
    return decision


def person_patterns(person: Person, zone: Unit) -> QuerySet:
    return VisitPattern.objects.filter(person=person, zone=zone, active=True)


def address_get(*, actor: User, zone: Unit, person_id: int, today: datetime.date):
    """The person (through the door) and their address, if any."""
    if not home_care_decisions(zone, today).filter(person_id=person_id).exists():
        raise NotFound()
    person = access_person_by_id(
        actor, person_id, today=today, what="homecare: address", channel="page"
    )
    return person, Address.objects.filter(person=person).first()


def day_plans(zone: Unit) -> QuerySet:
    return DayPlan.objects.filter(zone=zone).order_by("-date")[:14]


def day_plan_get(*, zone: Unit, date: datetime.date) -> DayPlan:
    plan = DayPlan.objects.filter(zone=zone, date=date).first()
    if plan is None:
        raise NotFound()
    return plan


def plan_shifts(plan: DayPlan) -> list[Shift]:
    return list(plan.shifts.select_related("staff"))


def plan_visits(
    *, actor: User, plan: DayPlan, today: datetime.date, channel: str = "page", every: bool = False
) -> list[Visit]:
    """The plan's visits with their persons; the persons shown are logged. A visit of a person
    the actor does not serve is left out, or with `every` kept with `person_readable` False
    (the API lists it without the name)."""
    visits = list(
        plan.visits.select_related(
            "person", "person__home_address", "staff", "decision__service_type"
        ).order_by("staff_id", "position", "window_start", "id")
    )
    readable = set(
        accessible_persons(actor, today)
        .filter(pk__in={v.person_id for v in visits})
        .values_list("pk", flat=True)
    )
    for visit in visits:
        visit.person_readable = visit.person_id in readable
    shown = [v for v in visits if v.person_readable]
    log_reads(actor, {v.person for v in shown}, what="homecare: day plan", channel=channel)
    return visits if every else shown


def worklist(*, actor: User, date: datetime.date, channel: str = "page") -> list[Visit]:
    """The care worker's route of the day in order; each person read through the door."""
    visits = list(
        Visit.objects.filter(staff=actor, day_plan__date=date)
        .select_related("person", "person__home_address", "decision__service_type", "day_plan")
        .order_by("start", "position", "id")
    )
    readable = set(
        accessible_persons(actor, date)
        .filter(pk__in={v.person_id for v in visits})
        .values_list("pk", flat=True)
    )
    shown = [v for v in visits if v.person_id in readable]
    log_reads(actor, {v.person for v in shown}, what="homecare: work list", channel=channel)
    return shown


def visit_for_worker(
    *, actor: User, visit_id: int, today: datetime.date, channel: str = "page"
) -> Visit:
    """One visit on the worker's own route; the person read through the door."""
    visit = (
        Visit.objects.filter(pk=visit_id, staff=actor)
        .select_related("person", "person__home_address", "decision__service_type", "day_plan")
        .first()
    )
    if visit is None:
        raise NotFound()
    access_person_by_id(
        actor, visit.person_id, today=today, what="homecare: visit", channel=channel
    )
    return visit


def not_done_visits(*, zone: Unit, since: datetime.date) -> QuerySet:
    """Visits marked not done, with their reasons (issue 10 §5), newest first."""
    return (
        Visit.objects.filter(day_plan__zone=zone, day_plan__date__gte=since)
        .filter(Q(status=Visit.Status.NOT_DONE))
        .select_related("person", "staff", "day_plan")
        .order_by("-day_plan__date", "start")
    )


def not_done_list(*, actor: User, zone: Unit, today: datetime.date) -> list[Visit]:
    """The leader's list of visits not done in the last 14 days, with reasons; logged."""
    since = today - datetime.timedelta(days=CONTINUITY_DAYS)
    visits = list(not_done_visits(zone=zone, since=since))
    readable = set(
        accessible_persons(actor, today)
        .filter(pk__in={v.person_id for v in visits})
        .values_list("pk", flat=True)
    )
    shown = [v for v in visits if v.person_id in readable]
    log_reads(actor, {v.person for v in shown}, what="homecare: not done", channel="page")
    return shown


@dataclass
class RouteLine:
    shift: Shift
    visits: list[Visit]


@dataclass
class Board:
    """A day plan as the leader's page shows it: each shift's route in order, the visits left
    out with their reasons, the visits kept outside a re-plan."""

    routes: list[RouteLine]
    unassigned: list[Visit]


def plan_board(
    *, actor: User, plan: DayPlan, today: datetime.date, channel: str = "page", every: bool = False
) -> Board:
    visits = plan_visits(actor=actor, plan=plan, today=today, channel=channel, every=every)
    by_staff: dict[int, list[Visit]] = defaultdict(list)
    unassigned = []
    for visit in visits:
        if visit.staff_id is None:
            unassigned.append(visit)
        else:
            by_staff[visit.staff_id].append(visit)
    routes = [
        RouteLine(shift, sorted(by_staff.get(shift.staff_id, []), key=lambda v: v.start or 0))
        for shift in plan_shifts(plan)
    ]
    return Board(routes, sorted(unassigned, key=lambda v: (v.window_start, v.pk)))


def last_report(visit: Visit) -> Visit | None:
    """The person's latest earlier visit with a report: what the last staff member wrote."""
    return (
        Visit.objects.filter(person_id=visit.person_id, status=Visit.Status.DONE)
        .exclude(pk=visit.pk)
        .exclude(report="")
        .select_related("day_plan", "staff")
        .order_by("-day_plan__date", "-start")
        .first()
    )
