"""Running the rotation engine: what the background task calls.

Not one transaction: the progress of a long solve must be visible to the leader's page while it
runs, so each state change and each progress report is its own short write.
"""

import logging
from concurrent.futures import ThreadPoolExecutor, wait

from django.db import transaction

from omsorg.core.lifecycle import set_status
from omsorg.core.progress import LatestProgress
from omsorg.staffing import plan_io
from omsorg.staffing.models import Rotation
from omsorg.staffing.selectors import competences_of

logger = logging.getLogger(__name__)
PROGRESS_SECONDS = 0.5  # how often the leader's page can see a new objective and bound


def _solve_reporting(rotation: Rotation, instance):
    """Solve in a thread; this thread writes the progress every PROGRESS_SECONDS (the solver's
    threads never touch the database)."""
    latest = LatestProgress()
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(
            plan_io.run_engine, instance, time_limit=rotation.time_limit, on_progress=latest.put
        )
        done = False
        while not done:
            done = bool(wait([future], timeout=PROGRESS_SECONDS).done)
            progress = latest.take()
            if progress is not None:
                Rotation.objects.filter(pk=rotation.pk).update(progress=progress)
        return future.result()


def _skills(rotation: Rotation):
    return lambda employee: competences_of(employee, rotation.start)


def rotation_execute(*, rotation_id: int) -> Rotation:
    """Build the instance from the database, solve, store the roster (what the task calls)."""
    rotation = Rotation.objects.select_related("unit").get(pk=rotation_id)
    if rotation.status != Rotation.Status.QUEUED:
        logger.info("rotation %s is %s, not queued: not run again", rotation.pk, rotation.status)
        return rotation
    with transaction.atomic():
        set_status(rotation, Rotation.Status.RUNNING, actor=None)
    try:
        instance = plan_io.build_instance(rotation, _skills(rotation))
        Rotation.objects.filter(pk=rotation.pk).update(instance=plan_io.instance_json(instance))
        result = _solve_reporting(rotation, instance)
    except Exception as error:
        logger.exception("rotation %s failed", rotation.pk)
        rotation.error = str(error)[:2000]
        with transaction.atomic():
            set_status(rotation, Rotation.Status.FAILED, actor=None, extra_fields=["error"])
        raise
    rotation.result = result.to_dict()
    rotation.roster = rotation.result["roster"] or {
        s.id: [""] * rotation.days for s in instance.staff
    }
    rotation.plan_status = result.status
    rotation.instance = plan_io.instance_json(instance)
    with transaction.atomic():
        set_status(
            rotation, Rotation.Status.PLANNED, actor=None,
            extra_fields=["result", "roster", "plan_status", "instance"],
        )  # fmt: skip
    return rotation
