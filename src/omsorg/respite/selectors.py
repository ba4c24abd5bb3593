"""Reads of the respite app for staff. Children's names and records only through people.access:
a name is shown to staff with a service need for the child, and every name shown is logged."""

import calendar as month_calendar
import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import NotFound, PermissionDenied
from omsorg.core.models import Municipality, Role, User
from omsorg.core.scope_text import scope_text
from omsorg.people.access import access_person_by_id, accessible_persons, log_reads
from omsorg.people.models import Assignment
from omsorg.respite import plan_io
from omsorg.respite.calendar import CalendarDay, CalendarStay, build_calendar
from omsorg.respite.models import (
    MAX_STAY_NIGHTS,
    Closure,
    DayStay,
    Owner,
    PlanRun,
    RespiteHome,
    Shift,
    Stay,
    StayReport,
)
from omsorg.respite.rules import (
    clip,
    closed_nights,
    day_places_by_date,
    day_stay_state,
    decisions_in_force,
    nights_between,
    row_of,
    stay_state,
)

STAFF_ROLES = {Role.SERVICE_LEADER, Role.CARE_WORKER}
FIGURES_ROLES = {Role.MANAGEMENT}  # figures only: accounting, never names
REPORT_DUE_DAYS = 2  # a stay without a report two days after it ended is on the worklist

# The engine's shortfall reason codes, in the leader's words.
REASON_LABELS = {
    "stay_length": _("the stay lengths and period limits cannot reach the entitlement"),
    "closed_nights": _("the home is closed on nights the child could use"),
    "blocked_nights": _("the family has blocked nights, or the decision does not cover them"),
    "capacity": _("the beds were full on nights the child could use"),
    "one_to_one_limit": _("the one-to-one staffing was fully used on such nights"),
    "incompatibility": _("a child who must not meet this child stayed on such nights"),
    "fixed_stays": _("the child's confirmed stays leave no room for a better pattern"),
    "time_limit": _("the planner ran out of time before it could do better"),
}


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    last = month_calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def homes_for(actor: User):
    """Homes the actor works at; management sees every home of the municipality and of the
    intermunicipal companies it owns (figures)."""
    homes = RespiteHome.objects.select_related("unit__company", "unit__municipality")
    if actor.role in STAFF_ROLES and actor.unit_id:
        return homes.filter(unit_id=actor.unit_id)
    if actor.municipality_id is None:
        return homes.none()
    if actor.role in FIGURES_ROLES or actor.role == Role.ADMINISTRATOR:
        # Figures and set-up only: home_get keeps them off the children's pages.
        mine = Q(unit__municipality_id=actor.municipality_id)
        return homes.filter(mine | Q(unit__company__owners=actor.municipality_id)).distinct()
    return homes.none()


def home_get(*, actor: User, home_id: int, figures: bool = False) -> RespiteHome:
    """A home the actor works at (or, with ``figures``, one management may see figures of)."""
    homes = homes_for(actor)
    if not figures and actor.role not in STAFF_ROLES:
        homes = homes.none()
    home = homes.filter(pk=home_id).first()
    if home is None:
        raise NotFound()
    return home


def home_for_setup(*, actor: User, home_id: int) -> RespiteHome:
    """A home the actor may set up: the home's service leader, or an administrator of its
    municipality. Other staff of the home are refused; anyone else is told it is not there."""
    home = RespiteHome.objects.select_related("unit").filter(pk=home_id).first()
    if home is None:
        raise NotFound()
    own = actor.municipality_id is not None and home.unit.municipality_id == actor.municipality_id
    if actor.role == Role.ADMINISTRATOR and own:
        return home
    if actor.role in STAFF_ROLES and actor.unit_id == home.unit_id:
        if actor.role == Role.SERVICE_LEADER:
            return home
        raise PermissionDenied()
    raise NotFound()


def home_closures(home: RespiteHome):
    return home.closures.order_by("first_night", "pk")


@dataclass(frozen=True)
class Owners:
    owners: list[Owner]
    total: Decimal  # the sum of the shares, at most 100


def home_owners(home: RespiteHome) -> Owners:
    """The owner municipalities with their share of the bed-nights, and the sum of the shares."""
    owners = list(Owner.objects.filter(home=home).select_related("municipality"))
    total = sum((owner.share_percent for owner in owners), start=Decimal(0))
    return Owners(owners, total)


class ChildLabels(dict):
    """Placement id -> the child's name, or "occupied" for a child the actor may not read;
    ``readable`` holds the placements whose stays the actor may open (so none is offered as a
    link that then answers 404)."""

    def __init__(self, labels: dict, readable: frozenset):
        super().__init__(labels)
        self.readable = readable


def child_labels(
    *, actor: User, home: RespiteHome, placement_ids, today, what: str, channel: str = "page"
) -> ChildLabels:
    """Names of the children the actor may read; the others are shown as "occupied". Logged."""
    placements = plan_io.placements_for(home, placement_ids)
    person_ids = {p.person_id for p in placements.values()}
    readable = {p.pk: p for p in accessible_persons(actor, today).filter(pk__in=person_ids)}
    log_reads(actor, readable.values(), what=what, channel=channel)
    occupied = str(_("occupied"))
    return ChildLabels(
        {
            pk: (readable[p.person_id].full_name if p.person_id in readable else occupied)
            for pk, p in placements.items()
        },
        frozenset(pk for pk, p in placements.items() if p.person_id in readable),
    )


def closed_labels(home: RespiteHome, first, last) -> dict:
    """Closed nights with a word for why: the closure's name, or "not staffed"."""
    labels = {night: str(_("not staffed")) for night in closed_nights(home, first, last)}
    closures = Closure.objects.filter(home=home, first_night__lte=last, last_night__gte=first)
    for closure in closures:
        night = max(first, closure.first_night)
        while night <= min(last, closure.last_night):
            labels[night] = closure.name or str(closure.get_kind_display())
            night += datetime.timedelta(days=1)
    return labels


def home_stays(home: RespiteHome, first, last) -> list[Stay]:
    """The home's stays (not cancelled) with a night in [first, last]."""
    stays = home.stays.exclude(status=Stay.Status.CANCELLED).filter(
        first_night__lte=last, first_night__gte=first - datetime.timedelta(days=MAX_STAY_NIGHTS)
    )
    rows = stays.select_related("placement").order_by("first_night", "pk")
    return [stay for stay in rows if stay.last_night >= first]


def home_day_stays(home: RespiteHome, first, last) -> list[DayStay]:
    """The home's day stays (not cancelled) on a date in [first, last]."""
    rows = home.day_stays.exclude(status=Stay.Status.CANCELLED).filter(
        date__gte=first, date__lte=last
    )
    return list(rows.select_related("placement").order_by("date", "pk"))


def day_places_on(home: RespiteHome, first, last) -> dict:
    """The home's day places on each date of [first, last] (closures and periods applied)."""
    own = day_places_by_date(home, first, last)
    return {date: own.get(date, home.day_places) for date in nights_between(first, last)}


def home_calendar(*, actor: User, home: RespiteHome, first, last, today):
    stays = home_stays(home, first, last)
    days = home_day_stays(home, first, last)
    labels = child_labels(
        actor=actor,
        home=home,
        placement_ids={s.placement_id for s in stays} | {d.placement_id for d in days},
        today=today,
        what="respite calendar",
    )
    linked = labels.readable
    shown = [
        CalendarStay(
            s.placement_id,
            s.first_night,
            s.nights,
            labels[s.placement_id],
            s.placement.one_to_one,
            s.pk if s.placement_id in linked else None,
            stay_state(s, today),
        )
        for s in stays
    ]
    shown_days = [
        CalendarDay(
            d.placement_id,
            d.date,
            labels[d.placement_id],
            d.pk if d.placement_id in linked else None,
            day_stay_state(d, today),
        )
        for d in days
    ]
    return build_calendar(
        first,
        last,
        beds=home.beds,
        stays=shown,
        closed=closed_labels(home, first, last),
        day_stays=shown_days,
        day_places=day_places_on(home, first, last),
    )


def run_plan(run: PlanRun):
    """The run's plan as the engine's typed Plan (read back from the stored JSON)."""
    if not run.result:
        raise NotFound()
    return plan_io.plan_of(run.result)


def plan_calendar(*, actor: User, run: PlanRun, first, last, today):
    """The calendar of the stays and day stays a plan run proposes."""
    plan = run_plan(run)
    rows = plan_io.plan_rows(plan)
    day_rows = plan_io.plan_day_rows(plan)
    labels = child_labels(
        actor=actor,
        home=run.home,
        placement_ids={r.placement_id for r in rows} | {d.placement_id for d in day_rows},
        today=today,
        what="respite plan",
    )
    one_to_one = set(run.home.placements.filter(one_to_one=True).values_list("pk", flat=True))
    shown = [
        CalendarStay(
            r.placement_id,
            r.first_night,
            r.nights,
            labels[r.placement_id],
            r.placement_id in one_to_one,
        )
        for r in rows
    ]
    shown_days = [CalendarDay(d.placement_id, d.date, labels[d.placement_id]) for d in day_rows]
    return build_calendar(
        first,
        last,
        beds=run.home.beds,
        stays=shown,
        closed=closed_labels(run.home, first, last),
        day_stays=shown_days,
        day_places=day_places_on(run.home, first, last),
    )


@dataclass(frozen=True)
class ChildLine:
    label: str
    entitled: int
    planned: int
    wished_planned: int
    preferred_planned: int
    reasons: list
    stays: int = 0
    days_entitled: int | None = None  # day stays (seed 004 §1.4); None: no day entitlement
    days_planned: int = 0

    @property
    def shortfall(self) -> int:
        return self.entitled - self.planned


def plan_children(*, actor: User, run: PlanRun, today) -> list[ChildLine]:
    """Each child's entitled vs planned nights and why any shortfall (the engine's reasons)."""
    children = run_plan(run).children
    ids = [plan_io.placement_id_of(result.child) for result in children]
    labels = child_labels(
        actor=actor, home=run.home, placement_ids=ids, today=today, what="respite plan"
    )
    lines = [
        ChildLine(
            label=labels.get(plan_io.placement_id_of(result.child), ""),
            entitled=result.entitled,
            planned=result.planned,
            wished_planned=result.wished_planned,
            preferred_planned=result.preferred_planned,
            reasons=[REASON_LABELS.get(code, code) for code in result.shortfall_reasons],
            stays=result.stays,
            days_entitled=result.days.entitled if result.days else None,
            days_planned=result.days.planned if result.days else 0,
        )
        for result in children
    ]
    return sorted(lines, key=lambda line: (-line.shortfall, line.label))


@dataclass(frozen=True)
class PlacementLine:
    placement: object
    label: str
    entitlement: str  # "4 nights per month", from the decisions in force
    planned: int  # nights planned in the month shown
    days: int = 0  # day stays in the month shown (not nights: never added to them)


def home_children(*, actor: User, home: RespiteHome, first, last, today) -> list[PlacementLine]:
    """The children placed at the home, their entitlement from the decision, nights planned."""
    placements = list(home.placements.select_related("municipality").order_by("pk"))
    labels = child_labels(
        actor=actor,
        home=home,
        placement_ids=[p.pk for p in placements],
        today=today,
        what="respite children",
    )
    decisions = decisions_in_force(home, first, last)
    day_decisions = decisions_in_force(home, first, last, days=True)
    planned: dict[int, int] = {}
    for stay in home_stays(home, first, last):
        inside = clip(row_of(stay), first, last)
        planned[stay.placement_id] = planned.get(stay.placement_id, 0) + inside.nights
    days: dict[int, int] = {}
    for day in home_day_stays(home, first, last):
        days[day.placement_id] = days.get(day.placement_id, 0) + 1
    lines = []
    for placement in placements:
        found = [decisions.get(placement.person_id), day_decisions.get(placement.person_id)]
        scopes = [scope_text(decision.scope) for decision in found if decision is not None]
        lines.append(
            PlacementLine(
                placement,
                labels[placement.pk],
                "; ".join(scopes),
                planned.get(placement.pk, 0),
                days.get(placement.pk, 0),
            )
        )
    return sorted(lines, key=lambda line: line.label)


def home_worklist(*, actor: User, home: RespiteHome, today) -> dict:
    """Stays without a report two days after they ended; reports awaiting review. Only the
    children the actor may read: a task on a stay the actor cannot open is not theirs."""
    recent = home.stays.exclude(status=Stay.Status.CANCELLED).filter(
        first_night__lt=today, first_night__gte=today - datetime.timedelta(days=120)
    )
    missing = [
        s
        for s in recent.filter(report__isnull=True).order_by("first_night")
        if s.ends_on + datetime.timedelta(days=REPORT_DUE_DAYS) <= today
    ]
    waiting = list(
        StayReport.objects.filter(stay__home=home, status=StayReport.Status.SUBMITTED)
        .select_related("stay")
        .order_by("stay__first_night")
    )
    labels = child_labels(
        actor=actor,
        home=home,
        placement_ids={s.placement_id for s in missing} | {r.stay.placement_id for r in waiting},
        today=today,
        what="respite worklist",
    )
    mine = labels.readable
    return {
        "missing_reports": [(s, labels[s.placement_id]) for s in missing if s.placement_id in mine],
        "reports_to_review": [
            (r, labels[r.stay.placement_id]) for r in waiting if r.stay.placement_id in mine
        ],
    }


def plan_runs(home: RespiteHome):
    return home.plan_runs.order_by("-created_at", "-pk")[:10]


def plan_run_get(*, home: RespiteHome, run_id: int) -> PlanRun:
    run = home.plan_runs.filter(pk=run_id).first()
    if run is None:
        raise NotFound()
    return run


def stay_get(
    *, actor: User, home: RespiteHome, stay_id: int, today, what: str = "stay", channel="page"
):
    """A stay of the home and its child, read through people.access (checked and logged)."""
    stay = home.stays.select_related("placement", "home__unit").filter(pk=stay_id).first()
    if stay is None:
        raise NotFound()
    person = access_person_by_id(
        actor, stay.placement.person_id, today=today, what=what, channel=channel
    )
    return stay, person


def day_stay_get(*, actor: User, home: RespiteHome, day_stay_id: int, today, channel="page"):
    """A day stay of the home and its child, read through people.access (checked and logged)."""
    day = home.day_stays.select_related("placement", "home__unit").filter(pk=day_stay_id).first()
    if day is None:
        raise NotFound()
    person = access_person_by_id(
        actor, day.placement.person_id, today=today, what="day stay", channel=channel
    )
    return day, person


FREE_BEDS_DAYS = 14  # nights shown before and after a stay when moving it


def free_beds_around(stay: Stay, today) -> list:
    """The nights around a stay with the beds free if this stay moved away (no names: the
    other stays only take beds), from today on: where the stay can go."""
    first = max(today, stay.first_night - datetime.timedelta(days=FREE_BEDS_DAYS))
    last = stay.last_night + datetime.timedelta(days=FREE_BEDS_DAYS)
    others = [s for s in home_stays(stay.home, first, last) if s.pk != stay.pk]
    shown = [CalendarStay(s.placement_id, s.first_night, s.nights, "") for s in others]
    closed = closed_labels(stay.home, first, last)
    return build_calendar(first, last, beds=stay.home.beds, stays=shown, closed=closed).rows


def free_day_places_around(day: DayStay, today) -> list[tuple[datetime.date, int]]:
    """The dates around a day stay with the day places free if it moved away (no names), from
    today on: where it can go."""
    first = max(today, day.date - datetime.timedelta(days=FREE_BEDS_DAYS))
    last = day.date + datetime.timedelta(days=FREE_BEDS_DAYS)
    taken = Counter(d.date for d in home_day_stays(day.home, first, last) if d.pk != day.pk)
    places = day_places_on(day.home, first, last)
    return [(date, max(0, places[date] - taken[date])) for date in sorted(places)]


def stay_people(stay: Stay) -> dict:
    """Who is the child's primary contact, and who is on shift on the stay's nights."""
    on_date = stay.first_night
    primary = (
        Assignment.objects.filter(
            person_id=stay.placement.person_id,
            kind=Assignment.Kind.PRIMARY_CONTACT,
            valid_from__lte=on_date,
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on_date))
        .select_related("staff")
        .first()
    )
    shifts = Shift.objects.filter(
        home=stay.home, date__gte=stay.first_night, date__lte=stay.last_night
    ).select_related("staff")
    return {"primary_contact": primary.staff if primary else None, "shifts": list(shifts)}


def home_shifts(home: RespiteHome, first, last):
    return home.shifts.filter(date__gte=first, date__lte=last).select_related("staff")


def home_staff(home: RespiteHome):
    return User.objects.filter(unit_id=home.unit_id, role__in=STAFF_ROLES, is_active=True)


def unplaced_children(*, actor: User, home: RespiteHome, today) -> list[tuple[int, str]]:
    """Children with a respite decision for the home but no placement yet (for the leader)."""
    decided = set(decisions_in_force(home, today, today))
    decided |= set(decisions_in_force(home, today, today, days=True))
    placed = set(home.placements.values_list("person_id", flat=True))
    persons = accessible_persons(actor, today).filter(pk__in=decided - placed)
    persons = list(persons.order_by("family_name", "given_name"))
    log_reads(actor, persons, what="respite children", channel="page")
    return [(p.pk, p.full_name) for p in persons]


def placement_get(*, actor: User, home: RespiteHome, placement_id: int, today):
    placement = home.placements.filter(pk=placement_id).first()
    if placement is None:
        raise NotFound()
    person = access_person_by_id(
        actor, placement.person_id, today=today, what="respite placement", channel="page"
    )
    return placement, person


def municipalities_for(home: RespiteHome):
    """Whom a child's nights can count to: an owner, or any municipality buying a place."""
    return Municipality.objects.order_by("name")


def placement_person(*, actor: User, person_id: int, today):
    """The child about to be placed, read through people.access (checked and logged)."""
    return access_person_by_id(
        actor, person_id, today=today, what="respite placement", channel="page"
    )
