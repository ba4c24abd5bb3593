"""plan_io: the decision's scope gives the entitlement (never typed twice); the home's closures,
staffed weekdays and family nights reach the engine; the instance survives a JSON round trip."""

import datetime

import pytest

from omsorg.planning.respite import Bound, ChildResult, DayStay, Objective, Plan, parse_instance
from omsorg.planning.respite import Stay as EngineStay
from omsorg.planning.respite.plan import ChildDays, DayObjective
from omsorg.respite import plan_io
from omsorg.respite.models import Closure, FamilyNight, Incompatibility
from omsorg.respite.rules import StayRow

from .conftest import next_monday

pytestmark = pytest.mark.django_db


def test_entitlement_comes_from_the_decision_scope_per_week_and_month(child, home, today):
    weekly = child(quantity=2, per="week")
    monthly = child(quantity=5, per="month", one_to_one=True, preferred_weekdays=["sat", "fri"])
    first = next_monday(today)
    instance = plan_io.build_instance(home, first, first + datetime.timedelta(days=27))
    by_id = {c.id: c for c in instance.children}
    assert by_id[plan_io.child_id(weekly.pk)].entitlement.nights == 2
    assert by_id[plan_io.child_id(weekly.pk)].entitlement.per == "week"
    assert by_id[plan_io.child_id(monthly.pk)].entitlement.nights == 5
    assert by_id[plan_io.child_id(monthly.pk)].entitlement.per == "month"
    assert by_id[plan_io.child_id(monthly.pk)].one_to_one
    assert by_id[plan_io.child_id(monthly.pk)].preferred_weekdays == ("fri", "sat")


def test_per_year_becomes_the_horizons_prorated_share(child, home, today):
    yearly = child(quantity=73, per="year")
    first = next_monday(today)
    instance = plan_io.build_instance(home, first, first + datetime.timedelta(days=99))
    entitlement = instance.child(plan_io.child_id(yearly.pk)).entitlement
    assert (entitlement.nights, entitlement.per) == (73 * 100 // 365, "horizon")


def test_closures_weekdays_family_nights_and_pairs_reach_the_engine(child, home, today):
    first = next_monday(today)
    a, b = child(), child()
    home.staffed_weekdays = ["fri", "sat", "sun"]
    home.save()
    Closure.objects.create(
        home=home,
        first_night=first + datetime.timedelta(days=4),
        last_night=first + datetime.timedelta(days=4),
        kind="holiday",
    )
    FamilyNight.objects.create(
        placement=a, night=first + datetime.timedelta(days=5), kind="blocked"
    )
    FamilyNight.objects.create(placement=b, night=first + datetime.timedelta(days=6), kind="wished")
    Incompatibility.objects.create(home=home, first=a, second=b)
    instance = plan_io.build_instance(home, first, first + datetime.timedelta(days=6))
    closed = set(instance.homes[0].closed_nights)
    # Monday..Thursday not staffed, Friday a holiday: only Saturday and Sunday are open.
    assert closed == {first + datetime.timedelta(days=i) for i in range(5)}
    assert instance.child(plan_io.child_id(a.pk)).blocked_nights == (
        first + datetime.timedelta(days=5),
    )
    assert instance.child(plan_io.child_id(b.pk)).wished_nights == (
        first + datetime.timedelta(days=6),
    )
    assert instance.incompatible == ((plan_io.child_id(a.pk), plan_io.child_id(b.pk)),)


def test_instance_round_trips_through_the_engines_json(child, home, today):
    first = next_monday(today)
    a = child(quantity=2, per="week")
    child(quantity=6, per="month")
    fixed = [StayRow(a.pk, first + datetime.timedelta(days=2), 2)]
    instance = plan_io.build_instance(home, first, first + datetime.timedelta(days=20), fixed=fixed)
    again = parse_instance(plan_io.instance_json(instance))
    assert again == instance


def test_a_child_without_a_decision_in_force_is_not_planned(grant, place, make_person, home, today):
    person = make_person()
    grant(person, valid_to=today + datetime.timedelta(days=3))
    place(person)
    first = next_monday(today, weeks=2)
    assert plan_io.build_instance(home, first, first + datetime.timedelta(days=6)).children == ()


def test_a_decision_starting_mid_horizon_gives_the_engine_a_validity_window(
    make_person, grant, place, home, today
):
    """No nights before the decision starts; the engine prorates the entitlement to the window
    itself (tested in tests/planning), so the nights before are not blocked and counted."""
    first = next_monday(today, weeks=2)
    starts = first + datetime.timedelta(days=3)
    person = make_person()
    grant(person, valid_from=starts)
    placement = place(person)
    last = first + datetime.timedelta(days=6)
    child = plan_io.build_instance(home, first, last).child(plan_io.child_id(placement.pk))
    assert (child.valid.first, child.valid.last) == (starts, last)
    assert child.blocked_nights == ()
    instance = plan_io.build_instance(home, first, last)
    plan = plan_io.run_engine(instance, time_limit=2, on_progress=lambda _event: None)
    nights = {
        row.first_night + datetime.timedelta(days=i)
        for row in plan_io.plan_rows(plan)
        if row.placement_id == placement.pk
        for i in range(row.nights)
    }
    assert all(night >= starts for night in nights)


def test_the_stored_plan_reads_back_as_the_engines_typed_plan(child, home, today):
    """Issue 7 §4: the planner's result is read back into the typed Plan (its dataclasses),
    not a dict read by key; the JSON stored on the run round-trips exactly."""
    for _ in range(3):
        child(quantity=2, per="week")
    first = next_monday(today)
    instance = plan_io.build_instance(home, first, first + datetime.timedelta(days=13))
    plan = plan_io.run_engine(instance, time_limit=2, on_progress=lambda _event: None)
    stored = plan.to_dict()
    typed = plan_io.plan_of(stored)
    assert isinstance(typed, Plan)
    assert typed.to_dict() == stored
    assert typed.stays == plan.stays and typed.children == plan.children
    assert typed.summary == plan.summary


def test_a_plan_with_day_stays_reads_back_too():
    """The engine's day-stay extension (seed 004 §1.2, §1.4) survives the round trip."""
    day = datetime.date(2027, 1, 4)
    plan = Plan(
        status="optimal",
        stays=(EngineStay("c1", "h1", day, 2),),
        children=(ChildResult("c1", 2, 2, 0, 0, days=ChildDays(3, 2, 1), stays=1),),
        objective=Objective(0.0, 0, 0, 0, days=DayObjective(0.34, 1, 1), stays=1),
        bound=Bound(0.0, 0),
        day_stays=(DayStay("c1", "h1", day + datetime.timedelta(days=3)),),
    )
    assert plan_io.plan_of(plan.to_dict()) == plan
