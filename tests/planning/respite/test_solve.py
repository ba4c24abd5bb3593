"""solve(): the frozen Plan, its JSON shape, bounds, progress reports and parameters."""

import dataclasses
import json
import math

import pytest

from omsorg.planning.common import ProgressEvent, SolveParams
from omsorg.planning.respite import (
    STAGE_NAMES,
    RespiteParams,
    load_instance,
    parse_instance,
    solve,
)

from .helpers import DATA, TEST_PARAMS, child, instance, solve_checked

SMALL = DATA / "respite_small.json"


def test_small_instance_is_solved_to_optimality():
    """respite_small.json: 4 children, 1 home with 2 beds; every entitlement can be met."""
    plan = solve_checked(load_instance(SMALL))
    assert plan.status == "optimal"
    assert plan.objective.total_shortfall == 0
    assert plan.objective.wished_planned == 2


def test_plan_json_has_the_contract_shape():
    data = solve(load_instance(SMALL), TEST_PARAMS).to_dict()
    json.dumps(data)  # serialisable
    assert data["status"] in ("optimal", "feasible", "infeasible")
    assert set(data["stays"][0]) == {"child", "home", "first_night", "nights"}
    assert set(data["children"]["c01"]) >= {
        "entitled",
        "planned",
        "shortfall",
        "wished_planned",
        "shortfall_reasons",
    }
    assert set(data["objective"]) >= {
        "max_shortfall_ratio",
        "total_shortfall",
        "wished_planned",
        "preferred_planned",
    }
    assert set(data["bound"]) == {"max_shortfall_ratio", "total_shortfall"}
    assert isinstance(data["objective"]["max_shortfall_ratio"], float)


def test_plan_is_frozen():
    plan = solve(load_instance(SMALL), TEST_PARAMS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.status = "feasible"


def test_progress_reports_each_improving_solution():
    # More entitled nights than beds, so no ideal plan: the weighted shortfall stage runs.
    a, b = child("a", 7, preferred_weekdays=["fri"]), child("b", 3)
    over = parse_instance(instance(a, b, end="2027-03-07", beds=1))
    events: list[ProgressEvent] = []
    solve(over, TEST_PARAMS, progress=events.append)
    assert events[0].stage == "start"  # the greedy plan, before CP-SAT
    stages = [event.stage for event in events]
    assert "shortfall" in stages and "preferences" in stages
    assert all(event.wall_time >= 0 for event in events)
    assert set(stages) <= set(STAGE_NAMES)  # callers label stages by these names
    shortfall = [e for e in events if e.stage == "shortfall"]
    keys = [(e.terms["max_shortfall_ratio"], e.terms["total_shortfall"]) for e in shortfall]
    assert keys == sorted(keys, reverse=True)  # improving: lexicographically never worse
    for event in shortfall:  # minimised: the bound on the ratio is below it
        assert event.objective == event.terms["max_shortfall_ratio"]
        assert event.bound <= event.objective + 1e-9
    for event in events:
        if event.stage == "preferences":  # maximised
            assert event.bound >= event.objective - 1e-9


def test_exact_ratio_with_awkward_denominators():
    """Objective 1 compares fractions exactly: shortfalls (2 of 7, 1 of 3) beat (3 of 7, 0)."""
    data = instance(child("a", 7), child("b", 3), end="2027-03-07", beds=1)
    plan = solve_checked(data)
    # One bed, 7 nights, 10 entitled: 3 nights short in all; max(2/7, 1/3) < 3/7 < 2/3.
    assert plan.status == "optimal"
    assert (plan.child("a").planned, plan.child("b").planned) == (5, 2)
    assert math.isclose(plan.objective.max_shortfall_ratio, 1 / 3)


def test_no_children_and_no_entitlement():
    plan = solve_checked(instance(child("a", 0)))
    assert plan.status == "optimal" and plan.stays == ()
    assert plan.objective.max_shortfall_ratio == 0.0
    empty = solve_checked(instance())
    assert empty.children == () and empty.status == "optimal"


def test_solve_params_refuse_nonsense():
    with pytest.raises(ValueError):
        SolveParams(time_limit=0)
    with pytest.raises(ValueError):
        RespiteParams(num_workers=0)


def test_solve_validates_an_instance_built_in_code():
    """The web planner builds the frozen instance itself; solve() still validates it."""
    problem = parse_instance(instance(child("a")))
    broken = dataclasses.replace(problem, incompatible=(("a", "a"),))
    with pytest.raises(ValueError, match="incompatible"):
        solve(broken, TEST_PARAMS)


def test_the_ideal_plan_proves_both_shortfall_terms_at_once():
    """descent.ideal_search: every child at the most it could have alone is optimal on
    objectives 1 and 2. Without the greedy start the engine must find it by CP-SAT."""
    params = RespiteParams(time_limit=10.0, num_workers=1, greedy_hint=False)
    plan = solve_checked(load_instance(SMALL), params)
    ideal = plan.stages[0]
    assert ideal.name == "ideal" and ideal.status == "optimal"
    assert plan.status == "optimal"
    assert plan.objective.total_shortfall == plan.bound.total_shortfall == 0
    assert [stage.name for stage in plan.stages] == ["ideal", "preferences", "stays"]
    assert all(stage.name in STAGE_NAMES for stage in plan.stages)


def test_no_ideal_search_when_the_beds_cannot_hold_every_entitlement():
    """Two children of 2 nights each and one bed over 2 nights: the floors rule the ideal
    plan out, so the ratio search and the weighted stage run instead."""
    plan = solve_checked(instance(child("a"), child("b"), beds=1))
    assert [stage.name for stage in plan.stages] == [
        "max_shortfall_ratio",
        "shortfall",
        "preferences",
        "stays",
    ]


def test_ratio_search_proves_the_largest_ratio_first():
    """Objective 1 alone (descent.py): one bed, two children of 2 nights over 2 nights; the
    search proves ratio 1/2 (a plan at 1/2, none at 0) before the weighted stage."""
    plan = solve_checked(instance(child("a"), child("b"), beds=1))
    search = plan.stages[0]
    assert search.name == "max_shortfall_ratio" and search.status == "optimal"
    assert search.objective == search.bound == plan.objective.max_shortfall_ratio == 0.5
