"""Plans: the leader asks for a plan, the engine runs in the background, the leader accepts."""

import datetime
from dataclasses import dataclass, field
from functools import partial

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import InvalidInput, InvalidTransition
from omsorg.core.events import event_record
from omsorg.core.lifecycle import set_status
from omsorg.core.models import User
from omsorg.respite import plan_io
from omsorg.respite.models import DayStay, PlanRun, RespiteHome, Stay
from omsorg.respite.rules import DayRow, day_row_of, row_of
from omsorg.respite.selectors import home_day_stays, home_stays
from omsorg.respite.services.common import RuleBroken, RuleReasons, require_leader
from omsorg.respite.services.runs import period_stays
from omsorg.respite.tasks import plan_run_task

MAX_PLAN_NIGHTS = 366
TIME_LIMITS = (1, 600)  # seconds the leader may give the engine


class PlanOutdated(RuleBroken):
    code = "respite_plan_outdated"
    default_message = _(
        "The stays have changed since this plan was made, and it no longer fits: %(reasons)s. "
        "Make a new plan."
    )


def _check_period(first: datetime.date, last: datetime.date, today: datetime.date) -> None:
    if first < today:
        raise InvalidInput(_("A plan starts today or later."), field="first_night")
    if last < first:
        raise InvalidInput(_("The end date is before the start date."), field="last_night")
    if (last - first).days + 1 > MAX_PLAN_NIGHTS:
        raise InvalidInput(_("A plan covers at most a year."), field="last_night")


def _enqueue(run_id: int) -> None:
    result = plan_run_task.enqueue(run_id)
    PlanRun.objects.filter(pk=run_id).update(task_id=str(result.id))


@transaction.atomic
def plan_run_request(
    *,
    actor: User,
    home: RespiteHome,
    first_night: datetime.date,
    last_night: datetime.date,
    time_limit: int,
    today: datetime.date,
) -> PlanRun:
    """Queue a plan run for the home and period; the engine starts once this commits."""
    require_leader(actor, home)
    _check_period(first_night, last_night, today)
    if not TIME_LIMITS[0] <= time_limit <= TIME_LIMITS[1]:
        raise InvalidInput(_("Give the planner between 1 and 600 seconds."), field="time_limit")
    busy = (PlanRun.Status.QUEUED, PlanRun.Status.RUNNING)
    if home.plan_runs.filter(status__in=busy).exists():
        raise InvalidInput(_("A plan is already being made for this home."))
    run = PlanRun.objects.create(
        home=home,
        first_night=first_night,
        last_night=last_night,
        time_limit=time_limit,
        created_by=actor,
        updated_by=actor,
    )
    event_record(actor=actor, kind="plan_run_requested", subject=run)
    transaction.on_commit(partial(_enqueue, run.pk))
    return run


@dataclass
class Changes:
    """What accepting a plan changes: stays and day stays to create and to cancel, and the
    home's rows as they are now (to judge the change against)."""

    new: list
    cancel: list[Stay]
    current: list
    new_days: list[DayRow] = field(default_factory=list)
    cancel_days: list[DayStay] = field(default_factory=list)
    current_days: list[DayRow] = field(default_factory=list)

    def after(self) -> list:
        cancelled = {row_of(stay) for stay in self.cancel}
        return [row for row in self.current if row not in cancelled] + self.new

    def days_after(self) -> list[DayRow]:
        cancelled = {day_row_of(day) for day in self.cancel_days}
        return [row for row in self.current_days if row not in cancelled] + self.new_days


def _changes(run: PlanRun) -> Changes:
    """The rows to create and the planned rows to cancel if the plan is accepted: a planned
    stay or day stay the plan does not keep is replaced; confirmed ones always stay."""
    period = period_stays(run.home, run.first_night, run.last_night)
    plan = plan_io.plan_of(run.result)
    planned = plan_io.plan_rows(plan)
    existing = set(period.fixed) | set(period.previous)
    kept = set(planned)
    current = [row_of(s) for s in home_stays(run.home, run.first_night, run.last_night)]
    changes = Changes(
        new=[row for row in planned if row not in existing],
        cancel=[stay for stay in period.replaceable if row_of(stay) not in kept],
        current=current,
    )
    planned_days = plan_io.plan_day_rows(plan)
    existing_days = set(period.fixed_days) | {day_row_of(d) for d in period.replaceable_days}
    changes.new_days = [row for row in planned_days if row not in existing_days]
    changes.cancel_days = [
        day for day in period.replaceable_days if day_row_of(day) not in set(planned_days)
    ]
    day_rows = home_day_stays(run.home, run.first_night, run.last_night)
    changes.current_days = [day_row_of(day) for day in day_rows]
    return changes


def _create_stays(actor: User, run: PlanRun, rows) -> list[Stay]:
    placements = plan_io.placements_for(run.home, [row.placement_id for row in rows])
    created = []
    for row in rows:
        stay = Stay.objects.create(
            home=run.home,
            placement=placements[row.placement_id],
            first_night=row.first_night,
            nights=row.nights,
            plan_run=run,
            created_by=actor,
            updated_by=actor,
        )
        event_record(actor=actor, kind="stay_planned", subject=stay, person=stay.placement.person)
        created.append(stay)
    return created


def _create_day_stays(actor: User, run: PlanRun, rows: list[DayRow]) -> list[DayStay]:
    placements = plan_io.placements_for(run.home, [row.placement_id for row in rows])
    created = []
    for row in rows:
        day = DayStay.objects.create(
            home=run.home,
            placement=placements[row.placement_id],
            date=row.date,
            plan_run=run,
            created_by=actor,
            updated_by=actor,
        )
        event_record(actor=actor, kind="day_stay_planned", subject=day, person=day.placement.person)
        created.append(day)
    return created


@transaction.atomic
def plan_run_accept(
    *, actor: User, run: PlanRun, expected_version: int, today: datetime.date
) -> list[Stay]:
    """Create the plan's stays and day stays; cancel the planned ones it replaced. Confirmed
    stays and day stays stay. Returns the stays created (day stays: ``run.day_stays``)."""
    require_leader(actor, run.home)
    if run.status != PlanRun.Status.FINISHED or run.plan_status == "infeasible":
        raise InvalidTransition(field="status")
    RespiteHome.objects.select_for_update().filter(pk=run.home_id).first()
    changes = _changes(run)
    broken = plan_io.new_violations(
        run.home,
        run.first_night,
        run.last_night,
        before=changes.current,
        after=changes.after(),
        days_before=changes.current_days,
        days_after=changes.days_after(),
    )
    if broken:
        raise PlanOutdated(reasons=RuleReasons(broken))
    run.version = expected_version
    set_status(run, PlanRun.Status.ACCEPTED, actor=actor)
    for stay in changes.cancel:
        set_status(stay, Stay.Status.CANCELLED, actor=actor, person=stay.placement.person)
    for day in changes.cancel_days:
        set_status(day, Stay.Status.CANCELLED, actor=actor, person=day.placement.person)
    created = _create_stays(actor, run, changes.new)
    _create_day_stays(actor, run, changes.new_days)
    return created


@transaction.atomic
def plan_run_discard(*, actor: User, run: PlanRun, expected_version: int) -> PlanRun:
    require_leader(actor, run.home)
    run.version = expected_version
    set_status(run, PlanRun.Status.DISCARDED, actor=actor)
    return run
