"""floors.py: lower bounds on the shortfall terms that hold for every plan, without search."""

import time
from fractions import Fraction

from omsorg.planning.respite import parse_instance
from omsorg.planning.respite.descent import ideal_search
from omsorg.planning.respite.floors import ratio_floor, routable, total_floor
from omsorg.planning.respite.model import build_model
from omsorg.planning.respite.stage import StageRunner

from .helpers import TEST_PARAMS, child, instance, solve_checked

# February and March 2027: 28 + 31 nights. One bed; two children of 15 nights per month each
# (60 nights wanted, 59 bed-nights): over the horizon the bed lacks one night, but February
# alone lacks two (30 wanted, 28 nights), and March's spare night cannot help February.
FEBRUARY = instance(
    child("a", 15, per="month"),
    child("b", 15, per="month"),
    start="2027-02-01",
    end="2027-03-31",
    beds=1,
)


def test_the_floor_sees_a_short_month_that_the_horizon_hides():
    model = build_model(parse_instance(FEBRUARY))
    assert routable(model, {"a": 30, "b": 30}) == 28 + 30
    assert total_floor(model) == 2


def test_the_february_floor_is_the_optimum_and_proves_it():
    plan = solve_checked(FEBRUARY)
    assert plan.status == "optimal"
    assert plan.objective.total_shortfall == plan.bound.total_shortfall == 2
    # The two February nights short fall on one child each (1 of 30) or both on one (2 of 30):
    # the ratio floor allows 1/30 each, and the plan reaches it.
    assert plan.objective.max_shortfall_ratio == plan.bound.max_shortfall_ratio == 1 / 30


def test_the_ratio_floor_routes_every_childs_needed_nights():
    """Ratio 0 would need all 60 nights: not routable. At 1/30 each child needs 29: 58 fit."""
    model = build_model(parse_instance(FEBRUARY))
    assert ratio_floor(model) == Fraction(1, 30)


def test_one_to_one_children_share_the_staffing_limit_night_by_night():
    """Two beds but one one-to-one child per night: two one-to-one children of 2 nights over
    2 nights can have 2 nights in all, not 4."""
    data = instance(
        child("a", one_to_one=True),
        child("b", one_to_one=True),
        beds=2,
        max_one_to_one_per_night=1,
    )
    model = build_model(parse_instance(data))
    assert routable(model, {"a": 2, "b": 2}) == 2
    assert total_floor(model) == 2


def test_an_ideal_plan_proven_impossible_lifts_the_total_floor_by_one():
    """Two beds over 2 nights hold both children's 2 nights, so the floor is 0; but the two
    must not meet, so no plan gives both their 2 nights: the total floor becomes 1."""
    data = instance(child("a"), child("b"), beds=2, incompatible=[["a", "b"]])
    model = build_model(parse_instance(data))
    assert total_floor(model) == 0
    nothing = {"a": frozenset(), "b": frozenset()}
    runner = StageRunner(model, TEST_PARAMS, None, time.monotonic(), nothing)
    assert ideal_search(runner, 10.0) is False
    assert total_floor(model) == 1
