"""Objective 5: fewer, longer stays (every stay is a trip for the family), strictly after the
four terms of the contract; and the plan in plain words (``summary``)."""

import datetime as dt

from omsorg.planning.respite import Stay, check_plan, evaluate_plan, parse_instance

from .helpers import child, instance, solve_checked

MARCH = dt.date(2027, 3, 1)  # a Monday


def _night(offset: int) -> str:
    return (MARCH + dt.timedelta(days=offset)).isoformat()


def test_eight_nights_come_as_two_stays_not_eight_single_nights():
    """8 nights per month, stays of 1-7 nights: eight single nights are as good on terms 1-4
    (every night planned, no wishes or weekdays), but two stays are fewer trips."""
    data = instance(child("a", 8, per="month"), end="2027-03-31")
    problem = parse_instance(data)
    singles = [Stay("a", "flata", MARCH + dt.timedelta(days=2 * i), 1) for i in range(8)]
    assert check_plan(problem, singles) == []
    plan = solve_checked(problem)
    assert plan.status == "optimal"
    assert evaluate_plan(problem, plan.stays).key()[:4] == evaluate_plan(problem, singles).key()[:4]
    assert len(plan.stays) == plan.objective.stays == 2  # ceil(8 / 7)
    assert sorted(stay.nights for stay in plan.stays) in ([1, 7], [2, 6], [3, 5], [4, 4])


def test_fewer_stays_never_cost_a_wished_night_a_weekday_or_a_night_of_entitlement():
    """Objective 5 comes after 1-4: wished Monday and Wednesday nights stay two stays rather
    than one stay that misses a wish; preferred Fridays stay single Fridays; and a child
    entitled to 3 nights with 1-night stays gets 3 stays rather than 1 night."""
    data = instance(
        child("wishes", 2, stay_nights={"min": 1, "max": 2}, wished_nights=[_night(0), _night(2)]),
        child("fridays", 2, stay_nights={"min": 1, "max": 3}, preferred_weekdays=["fri"]),
        child("singles", 3, stay_nights={"min": 1, "max": 1}),
        end=_night(13),
    )
    plan = solve_checked(data)
    assert plan.status == "optimal"
    wishes = [s for s in plan.stays if s.child == "wishes"]
    assert sorted(s.first_night for s in wishes) == [MARCH, MARCH + dt.timedelta(days=2)]
    fridays = [s for s in plan.stays if s.child == "fridays"]
    assert [s.nights for s in fridays] == [1, 1]
    assert all(s.first_night.weekday() == 4 for s in fridays)
    assert plan.child("singles").planned == 3 and plan.child("singles").stays == 3
    assert plan.objective.total_shortfall == 0 and plan.objective.wished_planned == 2


def test_the_plan_says_in_plain_words_what_every_child_gets():
    """Two children of 4 nights and one bed over 6 nights: the fairest plan gives each 3 of 4
    (75 %), and it is proven that no plan gives every child more."""
    plan = solve_checked(instance(child("a", 4), child("b", 4), end=_night(5), beds=1))
    summary = plan.to_dict()["summary"]
    assert summary["lowest_share"] == 0.75
    assert summary["lowest_share_possible"] == 0.75
    assert summary["children_short"] == 2 and summary["nights_short"] == 2
    assert summary["proven"] == {
        "max_shortfall_ratio": True,
        "total_shortfall": True,
        "wished_planned": True,
        "preferred_planned": True,
        "stays": True,
    }


def test_a_child_without_entitlement_has_every_share_and_nothing_short():
    plan = solve_checked(instance(child("a", 0)))
    assert plan.summary.lowest_share == 1.0 and plan.summary.children_short == 0
