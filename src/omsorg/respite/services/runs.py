"""Running the planning engine for a plan run: what the background task calls.

Not one transaction: the progress of a long solve must be visible to the leader's page while it
runs, so each state change and each progress report is its own short write.
"""

import datetime
import logging
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from django.db import transaction

from omsorg.core.clock import now
from omsorg.core.lifecycle import set_status
from omsorg.core.progress import LatestProgress
from omsorg.respite import plan_io
from omsorg.respite.models import DayStay, PlanRun, RespiteHome, Stay
from omsorg.respite.rules import DayRow, StayRow, clip, day_row_of, edge_blocked, row_of
from omsorg.respite.selectors import home_day_stays, home_stays

logger = logging.getLogger(__name__)
ONE_DAY = datetime.timedelta(days=1)
PROGRESS_SECONDS = 0.5  # how often the leader's page can see a new objective and bound


@dataclass
class PeriodStays:
    """The home's stays as a plan for [first, last] sees them."""

    fixed: list[StayRow] = field(default_factory=list)  # confirmed, or cut by an edge: kept
    previous: list[StayRow] = field(default_factory=list)  # planned, inside: may be moved
    replaceable: list[Stay] = field(default_factory=list)  # the stays behind ``previous``
    blocked: dict = field(default_factory=dict)  # edge nights next to stays just outside
    fixed_days: list[DayRow] = field(default_factory=list)  # confirmed day stays: kept
    replaceable_days: list[DayStay] = field(default_factory=list)  # planned: a new plan's own


def period_stays(home: RespiteHome, first: datetime.date, last: datetime.date) -> PeriodStays:
    around = home_stays(home, first - ONE_DAY, last + ONE_DAY)
    period = PeriodStays(blocked=edge_blocked(map(row_of, around), first, last))
    for day_stay in home_day_stays(home, first, last):
        if day_stay.status == Stay.Status.PLANNED:
            period.replaceable_days.append(day_stay)
        else:
            period.fixed_days.append(day_row_of(day_stay))
    for stay in around:
        inside = first <= stay.first_night and stay.last_night <= last
        clipped = clip(row_of(stay), first, last)
        if clipped is None:
            continue
        if inside and stay.status == Stay.Status.PLANNED:
            period.previous.append(clipped)
            period.replaceable.append(stay)
        else:
            period.fixed.append(clipped)
    return period


def _solve_reporting(run: PlanRun, instance):
    """Solve in a thread; the task's own thread (and its database connection) writes the
    progress every PROGRESS_SECONDS. The solver calls back from its own threads, which must not
    touch the database (a connection per solver thread, never closed)."""
    latest = LatestProgress()
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(
            plan_io.run_engine, instance, time_limit=run.time_limit, on_progress=latest.put
        )
        done = False
        while not done:
            done = bool(wait([future], timeout=PROGRESS_SECONDS).done)
            progress = latest.take()
            if progress is not None:
                PlanRun.objects.filter(pk=run.pk).update(progress=progress)
        return future.result()


def plan_run_execute(*, run_id: int) -> PlanRun:
    """Build the instance from the database, solve, and store the plan with its bounds."""
    run = PlanRun.objects.select_related("home").get(pk=run_id)
    if run.status != PlanRun.Status.QUEUED:
        # Already run (the demo runs plans itself; a queue may deliver a task twice).
        logger.info("plan run %s is %s, not queued: not run again", run.pk, run.status)
        return run
    run.started_at = now()
    with transaction.atomic():
        set_status(run, PlanRun.Status.RUNNING, actor=None, extra_fields=["started_at"])
    try:
        period = period_stays(run.home, run.first_night, run.last_night)
        instance = plan_io.build_instance(
            run.home,
            run.first_night,
            run.last_night,
            fixed=period.fixed,
            previous=period.previous,
            blocked=period.blocked,
            fixed_days=period.fixed_days,
        )
        PlanRun.objects.filter(pk=run.pk).update(instance=plan_io.instance_json(instance))
        result = _solve_reporting(run, instance)
    except Exception as error:
        # Recorded on the run for the leader's page, then raised again for the task's result.
        logger.exception("plan run %s failed", run.pk)
        run.error, run.finished_at = str(error)[:2000], now()
        with transaction.atomic():
            set_status(
                run, PlanRun.Status.FAILED, actor=None, extra_fields=["error", "finished_at"]
            )
        raise
    run.result, run.plan_status, run.finished_at = result.to_dict(), result.status, now()
    with transaction.atomic():
        set_status(
            run,
            PlanRun.Status.FINISHED,
            actor=None,
            extra_fields=["result", "plan_status", "finished_at"],
        )
    return run
