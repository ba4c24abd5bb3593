"""Plans: the leader asks for a plan, the engine runs in the background, the leader accepts."""

import datetime
from functools import partial

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import InvalidInput, InvalidTransition
from omsorg.core.events import event_record
from omsorg.core.lifecycle import set_status
from omsorg.core.models import User
from omsorg.respite import plan_io
from omsorg.respite.models import PlanRun, RespiteHome, Stay
from omsorg.respite.rules import row_of
from omsorg.respite.selectors import home_stays
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


def _changes(run: PlanRun) -> tuple[list, list[Stay], list]:
    """(rows to create, planned stays to cancel, all current rows) if the plan is accepted."""
    period = period_stays(run.home, run.first_night, run.last_night)
    planned = plan_io.plan_rows(plan_io.plan_of(run.result))
    existing = set(period.fixed) | set(period.previous)
    new = [row for row in planned if row not in existing]
    kept = set(planned)
    cancel = [stay for stay in period.replaceable if row_of(stay) not in kept]
    current = [row_of(s) for s in home_stays(run.home, run.first_night, run.last_night)]
    return new, cancel, current


@transaction.atomic
def plan_run_accept(
    *, actor: User, run: PlanRun, expected_version: int, today: datetime.date
) -> list[Stay]:
    """Create the plan's stays; cancel the planned stays it replaced. Confirmed stays stay."""
    require_leader(actor, run.home)
    if run.status != PlanRun.Status.FINISHED or run.plan_status == "infeasible":
        raise InvalidTransition(field="status")
    RespiteHome.objects.select_for_update().filter(pk=run.home_id).first()
    new, cancel, current = _changes(run)
    cancelled = {row_of(stay) for stay in cancel}
    after = [row for row in current if row not in cancelled] + new
    broken = plan_io.new_violations(
        run.home, run.first_night, run.last_night, before=current, after=after
    )
    if broken:
        raise PlanOutdated(reasons=RuleReasons(broken))
    run.version = expected_version
    set_status(run, PlanRun.Status.ACCEPTED, actor=actor)
    placements = plan_io.placements_for(run.home, [row.placement_id for row in new])
    for stay in cancel:
        set_status(stay, Stay.Status.CANCELLED, actor=actor, person=stay.placement.person)
    created = []
    for row in new:
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


@transaction.atomic
def plan_run_discard(*, actor: User, run: PlanRun, expected_version: int) -> PlanRun:
    require_leader(actor, run.home)
    run.version = expected_version
    set_status(run, PlanRun.Status.DISCARDED, actor=actor)
    return run
