"""Generated, more realistic instances: valid plans under a time limit, honest bounds.

Uses the benchmark generator (benchmarks/respite/generate.py) at a size that a short time
limit cannot always prove, so the "feasible" path, the window search and the bounds run too.
"""

from benchmarks.respite.generate import Spec, generate

from omsorg.planning.respite import RespiteParams, parse_instance

from .helpers import solve_checked

# Two months: long enough for window search (35+ nights), small enough for a few seconds.
MEDIUM = Spec("medium", children=14, months=2, beds=4, demand=1.2, seed=11)


def _assert_bounds_hold(plan) -> None:
    assert plan.bound.max_shortfall_ratio <= plan.objective.max_shortfall_ratio + 1e-12
    assert plan.bound.total_shortfall <= plan.objective.total_shortfall


def test_medium_instance_under_a_time_limit():
    problem = parse_instance(generate(MEDIUM))
    plan = solve_checked(problem, RespiteParams(time_limit=4.0))
    assert plan.status in ("optimal", "feasible")
    _assert_bounds_hold(plan)
    assert all(r.shortfall_reasons for r in plan.children if r.shortfall > 0)
    if plan.status == "optimal":
        assert all("time_limit" not in r.shortfall_reasons for r in plan.children)


def test_a_tiny_time_limit_still_gives_a_valid_plan():
    """Time runs out in the first stage: the greedy start is reported as "feasible"."""
    problem = parse_instance(generate(MEDIUM))
    plan = solve_checked(problem, RespiteParams(time_limit=0.01))
    assert plan.status == "feasible"
    assert plan.stays  # the greedy plan, not nothing
    assert "skipped" in {stage.status for stage in plan.stages}
    _assert_bounds_hold(plan)
