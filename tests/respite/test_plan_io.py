"""plan_io: the decision's scope gives the entitlement (never typed twice); the home's closures,
staffed weekdays and family nights reach the engine; the instance survives a JSON round trip."""

import datetime

import pytest

from omsorg.planning.respite import parse_instance
from omsorg.respite import plan_io
from omsorg.respite.models import Closure, FamilyNight, Incompatibility
from omsorg.respite.plan_io import StayRow

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


def test_nights_outside_the_decision_are_blocked(make_person, grant, place, home, today):
    first = next_monday(today, weeks=2)
    person = make_person()
    grant(person, valid_from=first + datetime.timedelta(days=3))
    placement = place(person)
    instance = plan_io.build_instance(home, first, first + datetime.timedelta(days=6))
    blocked = instance.child(plan_io.child_id(placement.pk)).blocked_nights
    assert blocked == tuple(first + datetime.timedelta(days=i) for i in range(3))
