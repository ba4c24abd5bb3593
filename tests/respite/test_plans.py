"""A plan run on a small home: the engine runs as a task, the run records its status, objective
and bounds, and accepting it creates stays that the engine's own checker accepts. Re-planning
keeps confirmed stays and changes as few planned stays as it can."""

import datetime

import pytest

from omsorg.core.errors import PermissionDenied
from omsorg.planning.respite import STAGE_NAMES, check_plan, parse_instance
from omsorg.planning.respite import Stay as EngineStay
from omsorg.respite.models import PlanRun, Stay
from omsorg.respite.plan_words import SHARE_STAGES, STEPS, progress_words
from omsorg.respite.services.plans import plan_run_accept, plan_run_request
from omsorg.respite.services.runs import plan_run_execute
from omsorg.respite.services.stays import stay_set_status

from .conftest import next_monday

pytestmark = pytest.mark.django_db
FOUR_WEEKS = datetime.timedelta(days=27)


def engine_check(run: PlanRun, stays) -> list:
    instance = parse_instance(run.instance)
    engine_stays = [
        EngineStay(f"c{s.placement_id}", f"h{s.home_id}", s.first_night, s.nights) for s in stays
    ]
    return check_plan(instance, engine_stays)


def test_plan_run_records_status_objective_and_bound(child, run_plan, today):
    for _ in range(3):
        child(quantity=2, per="week")
    first = next_monday(today)
    run = run_plan(first, first + FOUR_WEEKS)
    assert run.status == PlanRun.Status.FINISHED
    assert run.task_id
    assert run.plan_status in {"optimal", "feasible"}
    assert run.result["objective"]["total_shortfall"] >= run.result["bound"]["total_shortfall"]
    assert progress_words(run.progress)  # every stage the engine reports has words
    assert len(run.result["children"]) == 3


def test_every_engine_stage_has_words_for_the_progress_line():
    assert set(SHARE_STAGES) | set(STEPS) == set(STAGE_NAMES)


def test_accepted_plan_creates_stays_the_engines_checker_accepts(child, run_plan, leader, today):
    for _ in range(4):
        child(quantity=2, per="week", min_nights=1, max_nights=2)
    first = next_monday(today)
    run = run_plan(first, first + FOUR_WEEKS)
    created = plan_run_accept(actor=leader, run=run, expected_version=run.version, today=today)
    assert created
    assert len(created) == len(run.result["stays"])
    assert engine_check(run, Stay.objects.all()) == []
    run.refresh_from_db()
    assert run.status == PlanRun.Status.ACCEPTED


def test_replanning_keeps_confirmed_stays_and_most_planned_ones(child, run_plan, leader, today):
    for _ in range(3):
        child(quantity=2, per="week", min_nights=2, max_nights=2)
    first = next_monday(today)
    run = run_plan(first, first + FOUR_WEEKS)
    stays = plan_run_accept(actor=leader, run=run, expected_version=run.version, today=today)
    confirmed = stays[0]
    stay_set_status(
        actor=leader,
        stay=confirmed,
        status=Stay.Status.CONFIRMED,
        expected_version=confirmed.version,
    )
    # A time limit the tiny instance never reaches when the machine is idle (each stage stops
    # once proven), so a loaded machine cannot cut the last stage short.
    again = run_plan(first, first + FOUR_WEEKS, time_limit=60)
    assert again.result["objective"]["previous_not_kept"] == 0  # nothing changed, nothing moved
    plan_run_accept(actor=leader, run=again, expected_version=again.version, today=today)
    kept = Stay.objects.get(pk=confirmed.pk)
    assert kept.status == Stay.Status.CONFIRMED
    assert (kept.first_night, kept.nights) == (confirmed.first_night, confirmed.nights)
    live = Stay.objects.exclude(status=Stay.Status.CANCELLED)
    assert live.count() == len(stays)
    assert engine_check(again, live) == []


def test_only_the_homes_leader_plans(child, care_worker, home, today):
    child()
    first = next_monday(today)
    with pytest.raises(PermissionDenied):
        plan_run_request(
            actor=care_worker, home=home, first_night=first, last_night=first + FOUR_WEEKS,
            time_limit=2, today=today,
        )  # fmt: skip


def test_the_worker_function_can_run_a_queued_run_directly(child, leader, home, today):
    child()
    first = next_monday(today)
    run = plan_run_request(
        actor=leader, home=home, first_night=first, last_night=first + FOUR_WEEKS,
        time_limit=2, today=today,
    )  # fmt: skip
    assert run.status == PlanRun.Status.QUEUED  # not committed: not yet enqueued
    done = plan_run_execute(run_id=run.pk)
    assert done.status == PlanRun.Status.FINISHED
    assert done.result["children"]


def test_a_run_already_done_is_not_run_again(child, leader, home, today):
    """A task delivered twice (or a run the demo did itself) leaves the finished run as it is."""
    child()
    first = next_monday(today)
    run = plan_run_request(
        actor=leader, home=home, first_night=first, last_night=first + FOUR_WEEKS,
        time_limit=1, today=today,
    )  # fmt: skip
    done = plan_run_execute(run_id=run.pk)
    again = plan_run_execute(run_id=run.pk)
    assert again.status == PlanRun.Status.FINISHED
    assert again.version == done.version
