"""Day stays (dagopphold), seed 004 §1.2 and §1.4: respite "på timebasis", afternoons and
holidays. A respite decision in days or hours becomes the child's day entitlement in the
instance the web builds; accepting a plan creates day-stay rows; re-planning keeps the
confirmed ones and replaces the planned ones."""

import datetime

import pytest
from django.urls import reverse

from omsorg.core.errors import InvalidInput
from omsorg.core.models import Role
from omsorg.planning.respite import DayStay as EngineDayStay
from omsorg.planning.respite import Stay as EngineStay
from omsorg.planning.respite import check_plan, parse_instance
from omsorg.respite import plan_io
from omsorg.respite.models import Closure, DayPlaces, DayStay, FamilyDay, Stay
from omsorg.respite.services.common import RuleBroken
from omsorg.respite.services.days import day_stay_set_status, family_day_set, home_days_update
from omsorg.respite.services.plans import plan_run_accept
from omsorg.respite.services.stays import stay_create

from .conftest import next_monday

pytestmark = pytest.mark.django_db
FOUR_WEEKS = datetime.timedelta(days=27)


@pytest.fixture
def day_home(home, users, leader):
    """The home takes two children by day, 14:00-18:00 (a 4-hour day stay)."""
    return home_days_update(
        actor=users[Role.ADMINISTRATOR],
        home=home,
        day_places=2,
        day_start_time=datetime.time(14),
        day_end_time=datetime.time(18),
        expected_version=home.version,
    )


@pytest.fixture
def day_child(make_person, grant, place):
    """A child granted `quantity` `unit` per `per` (days or hours), and `nights` per month."""

    def make(quantity=4, unit="days", per="month", nights=0, **fields):
        person = make_person(age_years=10)
        if nights:
            grant(person, quantity=nights, per="month")
        grant(person, quantity=quantity, per=per, unit=unit)
        return place(person, **fields)

    return make


def _child(instance, placement):
    return instance.child(plan_io.child_id(placement.pk))


def test_a_decision_in_days_is_the_childs_day_entitlement(day_home, day_child, today):
    """Seed 004 §1.4: "4 dager per måned" → day_entitlement 4 per month, no nights."""
    placement = day_child(quantity=4, unit="days")
    first = next_monday(today)
    instance = plan_io.build_instance(day_home, first, first + FOUR_WEEKS)
    child = _child(instance, placement)
    assert (child.day_entitlement.days, child.day_entitlement.per) == (4, "month")
    assert child.entitlement.nights == 0
    assert instance.homes[0].day_places == 2


def test_hours_become_day_stays_of_the_homes_length_rounded_up(day_home, day_child, today):
    """Seed 004 §1.2, §1.4 ("på timebasis"): 10 hours per month with 4-hour day stays is 3 day
    stays (the last one shorter), so every hour granted can be given."""
    placement = day_child(quantity=10, unit="hours")
    first = next_monday(today)
    instance = plan_io.build_instance(day_home, first, first + FOUR_WEEKS)
    assert _child(instance, placement).day_entitlement.days == 3


def test_nights_and_days_from_two_decisions_of_one_child(day_home, day_child, today):
    """Seed 004 §1.4: weekends and afternoons side by side, each from its own decision."""
    placement = day_child(quantity=2, unit="days", per="week", nights=4)
    first = next_monday(today)
    child = _child(plan_io.build_instance(day_home, first, first + FOUR_WEEKS), placement)
    assert (child.entitlement.nights, child.entitlement.per) == (4, "month")
    assert (child.day_entitlement.days, child.day_entitlement.per) == (2, "week")


def test_family_days_closures_and_day_periods_reach_the_engine(day_home, day_child, today):
    """Seed 004 §1.4: the family's blocked and wished days mirror its nights; a closure shuts
    the home by day too, and a period's own day places win over both."""
    placement = day_child()
    first = next_monday(today)
    day = datetime.timedelta(days=1)
    FamilyDay.objects.create(placement=placement, date=first, kind="blocked")
    FamilyDay.objects.create(placement=placement, date=first + day, kind="wished")
    Closure.objects.create(
        home=day_home, first_night=first + 2 * day, last_night=first + 4 * day, kind="holiday"
    )
    DayPlaces.objects.create(
        home=day_home, first_day=first + 4 * day, last_day=first + 5 * day, places=5
    )
    instance = plan_io.build_instance(day_home, first, first + FOUR_WEEKS)
    child = _child(instance, placement)
    assert child.blocked_days == (first,)
    assert child.wished_days == (first + day,)
    places = dict(instance.homes[0].day_places_by_date)
    assert places == {
        first + 2 * day: 0,
        first + 3 * day: 0,
        first + 4 * day: 5,
        first + 5 * day: 5,
    }
    assert parse_instance(plan_io.instance_json(instance)) == instance


def test_a_day_decision_outside_the_catalogues_units_is_refused(grant, make_person):
    """The catalogue grants respite in nights, days or hours; not in visits."""
    with pytest.raises(InvalidInput) as raised:
        grant(make_person(age_years=9), quantity=3, unit="visits")
    assert raised.value.field == "scope_unit"


def engine_check(run, stays, day_stays) -> list:
    instance = parse_instance(run.instance)
    return check_plan(
        instance,
        [EngineStay(f"c{s.placement_id}", f"h{s.home_id}", s.first_night, s.nights) for s in stays],
        [EngineDayStay(f"c{d.placement_id}", f"h{d.home_id}", d.date) for d in day_stays],
    )


def test_accepting_a_plan_creates_day_stays(
    day_home, day_child, child, run_plan, leader, today, client_as
):
    """Seed 004 §1.4: the plan's day stays become rows (planned, from the run), beside the
    nights, and the engine's checker accepts them together."""
    afternoons = day_child(quantity=2, unit="days", per="week")
    child(quantity=2, per="week")
    first = next_monday(today)
    run = run_plan(first, first + FOUR_WEEKS)
    assert len(run.result["day_stays"]) == 8
    page = client_as(leader).get(reverse("plan_run_detail", args=[day_home.pk, run.pk]))
    body = page.content.decode()
    assert "Tildelte og planlagte dagopphold" in body and "dagopphold (uten natt)" in body
    plan_run_accept(actor=leader, run=run, expected_version=run.version, today=today)
    days = list(DayStay.objects.all())
    assert len(days) == 8
    assert {d.placement_id for d in days} == {afternoons.pk}
    assert {d.status for d in days} == {DayStay.Status.PLANNED}
    assert {d.plan_run_id for d in days} == {run.pk}
    assert engine_check(run, Stay.objects.all(), days) == []


def test_re_planning_keeps_confirmed_day_stays(day_home, day_child, run_plan, leader, today):
    """Seed 004 §1.4: a confirmed day stay is passed back as a fixed day stay and kept; the
    planned ones are the new plan's to replace, and no date holds two of the child's."""
    day_child(quantity=2, unit="days", per="week")
    first = next_monday(today)
    run = run_plan(first, first + FOUR_WEEKS)
    plan_run_accept(actor=leader, run=run, expected_version=run.version, today=today)
    confirmed = DayStay.objects.order_by("date").last()
    day_stay_set_status(
        actor=leader, day_stay=confirmed, status="confirmed", expected_version=confirmed.version
    )
    again = run_plan(first, first + FOUR_WEEKS)
    kept = {
        "child": f"c{confirmed.placement_id}",
        "home": f"h{day_home.pk}",
        "date": confirmed.date.isoformat(),
    }
    assert again.instance["fixed_day_stays"] == [kept]
    assert kept in again.result["day_stays"]
    plan_run_accept(actor=leader, run=again, expected_version=again.version, today=today)
    confirmed.refresh_from_db()
    assert confirmed.status == DayStay.Status.CONFIRMED
    live = DayStay.objects.exclude(status=DayStay.Status.CANCELLED)
    assert live.count() == 8
    assert engine_check(again, [], live) == []


def test_a_night_on_a_day_stays_date_is_refused(day_home, day_child, run_plan, leader, today):
    """Day rule 1 (seed 004 §1.4): a child does not stay the night on its day-stay date."""
    placement = day_child(quantity=1, unit="days", per="week", nights=4)
    first = next_monday(today)
    run = run_plan(first, first + FOUR_WEEKS)
    plan_run_accept(actor=leader, run=run, expected_version=run.version, today=today)
    day = DayStay.objects.filter(placement=placement).first()
    clash = Stay.objects.filter(placement=placement, first_night=day.date).exists()
    assert not clash
    with pytest.raises(RuleBroken):
        stay_create(actor=leader, placement=placement, first_night=day.date, nights=1, today=today)


def test_family_day_set_by_the_guardian(day_child, guardian_of, today):
    """Seed 004 §1.4: the family blocks or wishes a day as it does a night; a past date is
    refused."""
    placement = day_child()
    parent = guardian_of(placement)
    tomorrow = today + datetime.timedelta(days=1)
    row = family_day_set(
        actor=parent, placement=placement, date=tomorrow, kind="wished", today=today
    )
    assert (row.date, row.kind) == (tomorrow, "wished")
    assert (
        family_day_set(actor=parent, placement=placement, date=tomorrow, kind=None, today=today)
        is None
    )
    assert not FamilyDay.objects.exists()
    with pytest.raises(InvalidInput):
        family_day_set(
            actor=parent,
            placement=placement,
            date=today - datetime.timedelta(days=1),
            kind="blocked",
            today=today,
        )
