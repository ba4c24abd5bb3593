"""The day plan (issue 10 §3): the staff on shift and the day's visits, the engine's routes,
a leader's move of a visit, and the rest of the day planned again when someone calls in sick."""

import datetime
from functools import partial

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput, InvalidTransition, StaleVersion
from omsorg.core.events import event_record, snapshot
from omsorg.core.lifecycle import set_status
from omsorg.core.models import Unit, User
from omsorg.homecare import plan_io
from omsorg.homecare.models import DayPlan, Shift, StaffMember, Visit, VisitPattern
from omsorg.homecare.rules import falls_on
from omsorg.homecare.selectors import home_care_decisions, require_zone_leader
from omsorg.homecare.services.common import RuleBroken, RuleNames, check_minute
from omsorg.homecare.tasks import day_plan_task

TIME_LIMITS = (1, 120)  # seconds the leader may give the engine for a day
BUSY = (DayPlan.Status.QUEUED, DayPlan.Status.RUNNING)
PLANNING_DAYS_AHEAD = 31


def _due_patterns(zone: Unit, date: datetime.date) -> list[VisitPattern]:
    """Active patterns falling on the date whose decision is in force that day (a pattern whose
    decision was replaced waits for the leader's review and makes no visit)."""
    in_force = set(home_care_decisions(zone, date).values_list("pk", flat=True))
    patterns = VisitPattern.objects.filter(zone=zone, active=True, decision_id__in=in_force)
    return [
        p
        for p in patterns.order_by("person_id", "window_start", "id")
        if falls_on(date, weekdays=p.weekdays, every_weeks=p.every_weeks, week_parity=p.week_parity)
    ]


def _visit_of(plan: DayPlan, pattern: VisitPattern, actor: User) -> Visit:
    return Visit(
        day_plan=plan,
        pattern=pattern,
        person_id=pattern.person_id,
        decision_id=pattern.decision_id,
        label=pattern.label,
        window_start=pattern.window_start,
        window_end=pattern.window_end,
        window_hard=pattern.window_hard,
        duration=pattern.duration,
        tasks=pattern.tasks,
        level=pattern.level,
        min_gap=pattern.min_gap,
        max_gap=pattern.max_gap,
        created_by=actor,
        updated_by=actor,
    )


def _visits_create(plan: DayPlan, actor: User) -> int:
    """The day's visits from the patterns: a double visit is two visits, each the other's
    partner; a visit that follows another links to the first of that pattern's visits."""
    first_of: dict[int, Visit] = {}
    made = []
    for pattern in _due_patterns(plan.zone, plan.date):
        visit = _visit_of(plan, pattern, actor)
        visit.save()
        first_of[pattern.pk] = visit
        made.append((pattern, visit))
        if pattern.staff_count == 2:
            partner = _visit_of(plan, pattern, actor)
            partner.partner = visit
            partner.save()
            visit.partner = partner
            visit.save(update_fields=["partner"])
    for pattern, visit in made:
        if pattern.follows_id in first_of:
            visit.follows = first_of[pattern.follows_id]
            visit.save(update_fields=["follows"])
    return len(made)


@transaction.atomic
def day_plan_create(
    *, actor: User, zone: Unit, date: datetime.date, today: datetime.date
) -> DayPlan:
    """A zone's day: the active staff on their usual shifts, the visits the patterns make."""
    require_zone_leader(actor, zone)
    if not hasattr(zone, "zone_base"):
        raise InvalidInput(_("Set the zone's base before planning a day."), field="date")
    if date < today or date > today + datetime.timedelta(days=PLANNING_DAYS_AHEAD):
        raise InvalidInput(_("Plan a day from today and up to a month ahead."), field="date")
    if DayPlan.objects.filter(zone=zone, date=date).exists():
        raise InvalidInput(_("The day already has a plan."), field="date")
    plan = DayPlan.objects.create(zone=zone, date=date, created_by=actor, updated_by=actor)
    members = StaffMember.objects.filter(zone=zone, active=True)
    Shift.objects.bulk_create(
        Shift(
            day_plan=plan,
            staff_id=m.user_id,
            start=m.shift_start,
            end=m.shift_end,
            level=m.level,
            created_by=actor,
            updated_by=actor,
        )
        for m in members
    )
    _visits_create(plan, actor)
    event_record(actor=actor, kind="day_plan_created", subject=plan)
    return plan


def _enqueue(plan_id: int) -> None:
    result = day_plan_task.enqueue(plan_id)
    DayPlan.objects.filter(pk=plan_id).update(task_id=str(result.id))


def _queue(actor: User, plan: DayPlan, expected_version: int | None) -> DayPlan:
    plan.progress, plan.error = {}, ""
    set_status(
        plan,
        DayPlan.Status.QUEUED,
        actor=actor,
        extra_fields=["time_limit", "replan_from", "progress", "error"],
        expected_version=expected_version,
    )
    transaction.on_commit(partial(_enqueue, plan.pk))
    return plan


@transaction.atomic
def day_plan_request(
    *, actor: User, plan: DayPlan, time_limit: int, expected_version: int | None = None
) -> DayPlan:
    """Queue the engine for the whole day (visits started or done stay as they are)."""
    require_zone_leader(actor, plan.zone)
    if not TIME_LIMITS[0] <= time_limit <= TIME_LIMITS[1]:
        raise InvalidInput(_("Give the planner between 1 and 120 seconds."), field="time_limit")
    if plan.status in BUSY:
        raise InvalidTransition(_("The day is being planned already."))
    if not plan.shifts.filter(sick_from__isnull=True).exists():
        raise InvalidInput(_("No one is on shift this day."), field="time_limit")
    plan.time_limit, plan.replan_from = time_limit, None
    return _queue(actor, plan, expected_version)


@transaction.atomic
def shift_sick(*, actor: User, shift: Shift, from_minute: int, time_limit: int = 5) -> DayPlan:
    """Someone calls in sick: she leaves the plan from `from_minute`, and the rest of the day
    is planned again; visits done, started, or due earlier with others stay as they are."""
    plan = shift.day_plan
    require_zone_leader(actor, plan.zone)
    check_minute(from_minute, "from_minute")
    if plan.status != DayPlan.Status.PLANNED:
        raise InvalidTransition(_("Only a planned day can be planned again."))
    before = snapshot(shift)
    shift.sick_from = from_minute
    save_versioned(shift, expected_version=shift.version, actor=actor, fields=["sick_from"])
    event_record(actor=actor, kind="shift_sick", subject=shift, before=before)
    plan.time_limit, plan.replan_from = time_limit, from_minute
    return _queue(actor, plan, None)


@transaction.atomic
def shift_set(*, actor: User, shift: Shift, start: int, end: int, expected_version: int) -> Shift:
    """Change a shift's times before the day is planned (again)."""
    require_zone_leader(actor, shift.day_plan.zone)
    check_minute(start, "start")
    check_minute(end, "end")
    if end <= start:
        raise InvalidInput(_("The shift ends after it starts."), field="end")
    if shift.day_plan.status in BUSY:
        raise InvalidTransition(_("The day is being planned already."))
    before = snapshot(shift)
    shift.start, shift.end = start, end
    save_versioned(shift, expected_version=expected_version, actor=actor, fields=["start", "end"])
    event_record(actor=actor, kind="shift_set", subject=shift, before=before)
    return shift


def _routes_of(plan: DayPlan, instance) -> dict[str, list[str]]:
    keys = {v.id for v in instance.visits}
    routes: dict[str, list[str]] = {}
    rows = plan.visits.filter(staff__isnull=False).order_by("staff_id", "position", "start", "id")
    for visit in rows:
        key = plan_io.visit_key(visit.pk)
        if key in keys:
            routes.setdefault(plan_io.staff_key(visit.staff_id), []).append(key)
    return routes


def _write_routes(plan: DayPlan, result: dict) -> None:
    """The moved plan's routes onto the visits that changed; a visit the leader took off the
    routes says so."""
    placed = {}
    for route in result["routes"]:
        for position, stop in enumerate(route["visits"]):
            placed[plan_io.id_of(stop["visit"])] = (
                plan_io.id_of(route["staff"]), position, stop["start"],
            )  # fmt: skip
    keys = [*placed, *(plan_io.id_of(k) for k in result["unassigned"])]
    changed = []
    for visit in plan.visits.filter(pk__in=keys):
        staff, position, start = placed.get(visit.pk, (None, None, None))
        if (visit.staff_id, visit.position, visit.start) == (staff, position, start):
            continue
        if staff is None and visit.staff_id is not None:
            visit.unassigned_reason = Visit.Unassigned.BY_LEADER
        elif staff is not None:
            visit.unassigned_reason = ""
        visit.staff_id, visit.position, visit.start = staff, position, start
        changed.append(visit)
    Visit.objects.bulk_update(changed, ["staff", "position", "start", "unassigned_reason"])


@transaction.atomic
def visit_move(*, actor: User, visit: Visit, to_staff: User | None, expected_version: int) -> Visit:
    """Move a planned visit to another staff member's route (None: take it off the routes).
    Refused, with the rule named, if the routes would break a hard rule (the engine's
    checker); the visit gets its cheapest place in the new route."""
    plan = DayPlan.objects.select_for_update().get(pk=visit.day_plan_id)
    require_zone_leader(actor, plan.zone)
    if plan.status != DayPlan.Status.PLANNED or not plan.instance:
        raise InvalidTransition(_("Only a planned day's visits can be moved."))
    if visit.status != Visit.Status.PLANNED:
        raise InvalidTransition(_("A visit started or done stays where it is."))
    if visit.version != expected_version:
        raise StaleVersion()
    instance = plan_io.instance_of(plan.instance)
    key = plan_io.visit_key(visit.pk)
    target = plan_io.staff_key(to_staff.pk) if to_staff is not None else None
    if key not in {v.id for v in instance.visits}:
        raise InvalidInput(_("The visit was not part of this plan's run."), field="to_staff")
    if target is not None and target not in {s.id for s in instance.staff}:
        raise InvalidInput(_("The staff member is not on shift in this plan."), field="to_staff")
    moved = plan_io.move(instance, _routes_of(plan, instance), key, target)
    if moved.plan is None:
        raise RuleBroken(reasons=RuleNames(moved.broken))
    before = snapshot(visit)
    _write_routes(plan, moved.plan)
    visit.refresh_from_db()
    save_versioned(visit, expected_version=visit.version, actor=actor, fields=[])
    plan.result = moved.plan
    DayPlan.objects.filter(pk=plan.pk).update(result=moved.plan)
    event_record(actor=actor, kind="visit_moved", subject=visit, person=visit.person, before=before)
    return visit
