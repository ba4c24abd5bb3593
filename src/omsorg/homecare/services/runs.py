"""Running the routing engine for a day plan: what the background task calls.

Not one transaction: the progress of a solve must be visible to the leader's page while it
runs, so each state change and each progress report is its own short write; the routes are
written in one transaction at the end.
"""

import logging
import math
from concurrent.futures import ThreadPoolExecutor, wait

from django.db import transaction

from omsorg.core.clock import now
from omsorg.core.lifecycle import set_status
from omsorg.core.progress import LatestProgress
from omsorg.homecare import plan_io
from omsorg.homecare.models import DayPlan, Visit
from omsorg.homecare.routing_server import TravelMatrix, travel_matrix
from omsorg.homecare.selectors import known_staff
from omsorg.homecare.travel import Point

logger = logging.getLogger(__name__)
PROGRESS_SECONDS = 0.5
KEPT = (Visit.Status.STARTED, Visit.Status.DONE, Visit.Status.NOT_DONE)


def _solve_reporting(plan: DayPlan, instance):
    latest = LatestProgress()
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(
            plan_io.run_engine, instance, time_limit=plan.time_limit, on_progress=latest.put
        )
        done = False
        while not done:
            done = bool(wait([future], timeout=PROGRESS_SECONDS).done)
            progress = latest.take()
            if progress is not None:
                DayPlan.objects.filter(pk=plan.pk).update(progress=progress)
        return future.result()


def _kept(plan: DayPlan, visit: Visit, sick: set[int]) -> bool:
    """In a re-plan, a visit stays as it is if started or done, or if it was due before the
    re-plan's minute with a staff member who is still at work."""
    if visit.status in KEPT:
        return True
    if plan.replan_from is None or visit.staff_id is None or visit.start is None:
        return False
    return visit.staff_id not in sick and visit.start < plan.replan_from


def _resume(plan: DayPlan, kept: list[Visit]) -> dict[int, tuple[int | None, float]]:
    """Where and when each staff member is free again in a re-plan: after her last kept visit,
    and not before the re-plan's minute."""
    if plan.replan_from is None:
        return {}
    resume: dict[int, tuple[int | None, float]] = {}
    for visit in sorted(kept, key=lambda v: v.start or 0):
        if visit.staff_id is None or visit.start is None:
            continue
        resume[visit.staff_id] = (visit.person_id, visit.start + visit.duration)
    for shift in plan.shifts.all():
        where, ready = resume.get(shift.staff_id, (None, shift.start))
        resume[shift.staff_id] = (where, max(ready, plan.replan_from))
    return resume


class _Travel:
    """The day's matrix from the configured source; remembers which was used and why."""

    def __init__(self, plan: DayPlan):
        self.base = plan.zone.zone_base
        self.used: TravelMatrix | None = None

    def __call__(self, points):
        self.used = travel_matrix(
            points, speed_kmh=self.base.speed_kmh, detour=self.base.detour_factor
        )
        return self.used.travel, self.used.distance


def _day_input(plan: DayPlan, travel: "_Travel | None" = None):
    shifts = list(plan.shifts.all())
    sick = {s.staff_id for s in shifts if s.sick_from is not None}
    working = [s for s in shifts if s.sick_from is None]
    visits = list(plan.visits.select_related("person__home_address"))
    kept = [v for v in visits if _kept(plan, v, sick)]
    kept_ids = {v.pk for v in kept}
    open_visits = [v for v in visits if v.pk not in kept_ids]
    planable = _bound_by_kept(open_visits, kept)
    points = {}
    for visit in visits:
        address = getattr(visit.person, "home_address", None)
        if address is not None and address.located:
            points[visit.person_id] = Point(address.latitude, address.longitude)
    preferred = known_staff(
        zone=plan.zone, date=plan.date, person_ids={v.person_id for v in open_visits}
    )
    day = plan_io.DayInput(
        base=plan.zone.zone_base,
        shifts=working,
        visits=planable,
        points=points,
        preferred=preferred,
        resume=_resume(plan, kept),
        matrix=travel,
    )
    return day, open_visits


def _bound_by_kept(open_visits: list[Visit], kept: list[Visit]) -> list[Visit]:
    """In a re-plan, an open visit linked to a kept one keeps the link's timing: a visit that
    follows a kept one starts inside the gap after it (its window narrowed, in memory only);
    the other half of a kept double visit is left out (the pair's time is fixed and gone)."""
    starts = {v.pk: v.start for v in kept if v.start is not None}
    planable = []
    for visit in open_visits:
        if visit.partner_id in starts:
            continue
        first = starts.get(visit.follows_id)
        if first is not None:
            low = max(visit.window_start, math.ceil(first + visit.min_gap))
            high = visit.window_end
            if visit.max_gap is not None:
                high = min(high, math.floor(first + visit.max_gap))
            if high < low:
                continue
            visit.window_start, visit.window_end = low, high
        planable.append(visit)
    return planable


def _passed(plan: DayPlan, visit: Visit) -> bool:
    return (
        plan.replan_from is not None and visit.window_end < plan.replan_from and visit.window_hard
    )


@transaction.atomic
def _apply(plan: DayPlan, open_visits: list[Visit], instance, result: dict) -> None:
    """Write the routes onto the visits; the unplanned ones get their reason."""
    routes = {}
    for route in result["routes"]:
        for position, stop in enumerate(route["visits"]):
            routes[plan_io.id_of(stop["visit"])] = (
                plan_io.id_of(route["staff"]), position, stop["start"],
            )  # fmt: skip
    in_instance = {v.id for v in instance.visits}
    for visit in open_visits:
        key = plan_io.visit_key(visit.pk)
        if visit.pk in routes:
            visit.staff_id, visit.position, visit.start = routes[visit.pk]
            visit.unassigned_reason = ""
        else:
            visit.staff_id = visit.position = visit.start = None
            if key not in in_instance:
                address = getattr(visit.person, "home_address", None)
                located = address is not None and address.located
                visit.unassigned_reason = (
                    Visit.Unassigned.PASSED if located else Visit.Unassigned.NO_ADDRESS
                )
            elif _passed(plan, visit):
                visit.unassigned_reason = Visit.Unassigned.PASSED
            else:
                visit.unassigned_reason = plan_io.unassigned_reason(instance, key)
    Visit.objects.bulk_update(
        open_visits, ["staff", "position", "start", "unassigned_reason"], batch_size=500
    )
    plan.result, plan.plan_status, plan.finished_at = result, result["status"], now()
    set_status(
        plan,
        DayPlan.Status.PLANNED,
        actor=None,
        extra_fields=["result", "plan_status", "finished_at"],
    )


def day_plan_execute(*, plan_id: int) -> DayPlan:
    """Build the instance from the database, solve, and write the routes onto the visits."""
    plan = DayPlan.objects.select_related("zone__zone_base").get(pk=plan_id)
    if plan.status != DayPlan.Status.QUEUED:
        logger.info("day plan %s is %s, not queued: not run again", plan.pk, plan.status)
        return plan
    plan.started_at = now()
    with transaction.atomic():
        set_status(plan, DayPlan.Status.RUNNING, actor=None, extra_fields=["started_at"])
    try:
        travel = _Travel(plan)
        day, open_visits = _day_input(plan, travel)
        instance = plan_io.build_instance(day)
        # A routing server that failed: the plan keeps the straight line, and says why.
        plan.error = travel.used.note if travel.used is not None else ""
        DayPlan.objects.filter(pk=plan.pk).update(
            instance=plan_io.instance_json(instance), error=plan.error
        )
        result = _solve_reporting(plan, instance).to_dict()
    except Exception as error:
        logger.exception("day plan %s failed", plan.pk)
        plan.error, plan.finished_at = str(error)[:2000], now()
        with transaction.atomic():
            set_status(
                plan, DayPlan.Status.FAILED, actor=None, extra_fields=["error", "finished_at"]
            )
        raise
    plan.refresh_from_db(fields=["version"])
    _apply(plan, open_visits, instance, result)
    return plan
