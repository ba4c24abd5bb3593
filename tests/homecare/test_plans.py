"""The day plan (issue 10 §3): the day's visits from the patterns, the engine's routes checked by
its independent checker, unassigned visits with a reason, a leader's move refused with the rule
named when it breaks one, and the rest of the day re-planned when someone calls in sick."""

import datetime

import pytest

from omsorg.core.errors import InvalidInput
from omsorg.homecare import plan_io
from omsorg.homecare.models import DayPlan, Task, Visit
from omsorg.homecare.services.common import RuleBroken
from omsorg.homecare.services.patterns import PatternInput, pattern_create
from omsorg.homecare.services.plans import day_plan_create, day_plan_request, shift_sick, visit_move

pytestmark = pytest.mark.django_db
EVERY_DAY = [0, 1, 2, 3, 4, 5, 6]


def visit(label="Morgen", level="nurse", start=450, end=570, duration=20, **changes):
    values = dict(label=label, weekdays=EVERY_DAY, window_start=start, window_end=end,
                  duration=duration, level=level, tasks=[Task.MEDICATION])  # fmt: skip
    values.update(changes)
    return PatternInput(**values)


@pytest.fixture
def tomorrow(today):
    return today + datetime.timedelta(days=1)


@pytest.fixture
def plan_day(zone_leader, zone, tomorrow, django_capture_on_commit_callbacks):
    def run(plan=None, time_limit=2):
        plan = plan or day_plan_create(actor=zone_leader, zone=zone, date=tomorrow,
                                       today=tomorrow - datetime.timedelta(days=1))  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            day_plan_request(actor=zone_leader, plan=plan, time_limit=time_limit)
        plan.refresh_from_db()
        return plan

    return run


def checked(plan: DayPlan) -> dict:
    """The stored plan passes the engine's independent checker against the stored instance."""
    instance = plan_io.instance_of(plan.instance)
    assert plan_io.violations(instance, plan.result) == []
    return plan.result


def test_patterns_become_routes_that_keep_every_hard_rule(
    base, worker, recipient, zone_leader, zone, plan_day, today
):
    nurse = worker("nurse")
    worker("assistant")
    for km in (1, 3, 5):
        person, decision = recipient(km_east=km)
        pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today, data=visit())
        pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                       data=visit("Middag", "assistant", 690, 780, 15))  # fmt: skip
    plan = plan_day()
    assert plan.status == DayPlan.Status.PLANNED
    result = checked(plan)
    assert result["unassigned"] == []
    by_staff = {v.staff_id for v in plan.visits.filter(label="Morgen")}
    assert by_staff == {nurse.pk}  # only the nurse may give medication
    assert plan.visits.filter(staff__isnull=True).count() == 0
    assert plan.progress or plan.plan_status in ("optimal", "feasible")


def test_a_double_visit_takes_two_staff_at_once(base, worker, recipient, zone_leader, zone,
                                                plan_day, today):  # fmt: skip
    worker("nurse"), worker("health_worker")
    _, decision = recipient()
    pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                   data=visit("Stell", "health_worker", staff_count=2))  # fmt: skip
    plan = plan_day()
    checked(plan)
    first, second = plan.visits.all()
    assert first.partner_id == second.pk and second.partner_id == first.pk
    assert first.staff_id != second.staff_id and first.start == second.start


def test_unassigned_visits_say_why(base, worker, recipient, zone_leader, zone, plan_day, today):
    worker("assistant")
    _, decision = recipient()
    pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today, data=visit())
    _, far = recipient(located=False)
    pattern_create(actor=zone_leader, zone=zone, decision=far, today=today,
                   data=visit("Middag", "assistant", 690, 780, 15))  # fmt: skip
    plan = plan_day()
    checked(plan)
    reasons = {v.label: v.unassigned_reason for v in plan.visits.all()}
    assert reasons == {"Morgen": Visit.Unassigned.NO_SKILL, "Middag": Visit.Unassigned.NO_ADDRESS}


def test_a_move_that_breaks_a_hard_rule_is_refused_by_name(
    base, worker, recipient, zone_leader, zone, plan_day, today
):
    nurse, assistant = worker("nurse"), worker("assistant")
    _, decision = recipient()
    pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today, data=visit())
    plan = plan_day()
    morning = plan.visits.get()
    assert morning.staff_id == nurse.pk
    with pytest.raises(RuleBroken) as refused:
        visit_move(actor=zone_leader, visit=morning, to_staff=assistant,
                   expected_version=morning.version)  # fmt: skip
    assert "kompetansen" in refused.value.text("nb")
    assert "competence" in refused.value.text("en")
    morning.refresh_from_db()
    assert morning.staff_id == nurse.pk


def test_a_move_within_the_rules_is_made_and_checked(
    base, worker, recipient, zone_leader, zone, plan_day, today
):
    first, second = worker("nurse"), worker("nurse")
    for km in (1, 2):
        _, decision = recipient(km_east=km)
        pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                       data=visit(end=700))  # fmt: skip
    plan = plan_day()
    moving = plan.visits.first()
    target = second if moving.staff_id == first.pk else first
    visit_move(actor=zone_leader, visit=moving, to_staff=target, expected_version=moving.version)
    moving.refresh_from_db()
    plan.refresh_from_db()
    assert moving.staff_id == target.pk
    checked(plan)
    visit_move(actor=zone_leader, visit=moving, to_staff=None, expected_version=moving.version)
    moving.refresh_from_db()
    assert moving.staff_id is None and moving.unassigned_reason == Visit.Unassigned.BY_LEADER


def test_sick_call_replans_the_rest_of_the_day_keeping_done_visits(
    base, worker, recipient, zone_leader, zone, plan_day, today, django_capture_on_commit_callbacks
):
    worker("nurse"), worker("nurse")
    for km in (1, 2, 3, 4):
        _, decision = recipient(km_east=km)
        pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                       data=visit(start=450, end=840))  # fmt: skip
    plan = plan_day()
    done = plan.visits.order_by("start").first()
    Visit.objects.filter(pk=done.pk).update(status=Visit.Status.DONE)  # done before the call
    sick = done.staff
    shift = plan.shifts.get(staff=sick)
    with django_capture_on_commit_callbacks(execute=True):
        shift_sick(actor=zone_leader, shift=shift, from_minute=int(done.start) + 30)
    plan.refresh_from_db()
    assert plan.status == DayPlan.Status.PLANNED
    checked(plan)
    done.refresh_from_db()
    assert (done.staff_id, done.status) == (sick.pk, Visit.Status.DONE)  # kept as it was
    later = plan.visits.exclude(pk=done.pk)
    assert not later.filter(staff=sick).exists()
    assert all(v.start >= plan.replan_from for v in later if v.staff_id)


def test_a_day_is_planned_once_and_only_ahead(base, worker, zone_leader, zone, today):
    day_plan_create(actor=zone_leader, zone=zone, date=today, today=today)
    with pytest.raises(InvalidInput):
        day_plan_create(actor=zone_leader, zone=zone, date=today, today=today)
    with pytest.raises(InvalidInput):
        day_plan_create(actor=zone_leader, zone=zone, today=today,
                        date=today - datetime.timedelta(days=1))  # fmt: skip


def test_the_planner_prefers_staff_the_person_knows(
    base, worker, recipient, zone_leader, zone, today, django_capture_on_commit_callbacks
):
    """Continuity (issue 10 §6): staff who did the person's visits in the last 14 days are the
    visit's preferred_staff in the engine's instance, and the plan gives it to them."""
    from omsorg.homecare.services.visits import visit_done

    worker("nurse"), worker("nurse")
    _, decision = recipient()
    pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today, data=visit())
    yesterday = today - datetime.timedelta(days=1)
    past = day_plan_create(actor=zone_leader, zone=zone, date=yesterday, today=yesterday)
    with django_capture_on_commit_callbacks(execute=True):
        day_plan_request(actor=zone_leader, plan=past, time_limit=1)
    done = past.visits.get()
    visit_done(actor=done.staff, visit=done, expected_version=done.version, today=yesterday)
    plan = day_plan_create(actor=zone_leader, zone=zone, date=today, today=today)
    with django_capture_on_commit_callbacks(execute=True):
        day_plan_request(actor=zone_leader, plan=plan, time_limit=1)
    plan.refresh_from_db()
    (engine_visit,) = plan.instance["visits"]
    assert engine_visit["preferred_staff"] == [plan_io.staff_key(done.staff_id)]
    assert plan.visits.get().staff_id == done.staff_id
    assert checked(plan)["objective"]["not_preferred"] == 0


def test_a_replan_keeps_a_following_visit_inside_its_gap_after_a_done_first(
    base, worker, recipient, zone_leader, zone, plan_day, today, django_capture_on_commit_callbacks
):
    """Insulin, then breakfast 20-40 minutes after (issue 10 §2): the insulin is done, the
    breakfast's staff member calls in sick; the breakfast is re-planned with another staff
    member inside the gap after the insulin that was given."""
    worker("nurse"), worker("assistant"), worker("assistant")
    _, decision = recipient()
    insulin = pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                             data=visit("Insulin", start=450, end=600))  # fmt: skip
    pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                   data=visit("Frokost", "assistant", 450, 700, 15, follows=insulin,
                              min_gap=20, max_gap=40))  # fmt: skip
    plan = plan_day()
    first, meal = plan.visits.get(label="Insulin"), plan.visits.get(label="Frokost")
    Visit.objects.filter(pk=first.pk).update(status=Visit.Status.DONE)
    away = meal.staff_id
    with django_capture_on_commit_callbacks(execute=True):
        shift_sick(actor=zone_leader, shift=plan.shifts.get(staff_id=away),
                   from_minute=int(first.start) + 1)  # fmt: skip
    plan.refresh_from_db()
    checked(plan)
    meal.refresh_from_db()
    assert meal.staff_id not in (None, away)
    assert 20 <= meal.start - first.start <= 40
