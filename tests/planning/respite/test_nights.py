"""nights.py: the night-by-night model of crunch months (beds short) reaches the exhaustive
optimum of objectives 1 and 2 on tiny instances, and its plans are valid plans."""

import time

from hypothesis import HealthCheck, assume, given, settings

from omsorg.planning.respite import check_plan, parse_instance
from omsorg.planning.respite.floors import counts_floor, fits_homes
from omsorg.planning.respite.model import build_model
from omsorg.planning.respite.nights import NightModel
from omsorg.planning.respite.objectives import counts, ratio_of, total_shortfall
from omsorg.planning.respite.results import stays_of
from omsorg.planning.respite.stage import StageRunner

from .bruteforce import best_key
from .helpers import TEST_PARAMS, child, instance, solve_checked
from .strategies import tiny_instances


def _night_plan(problem):
    """Night model stage 1 then stage 2 from an empty plan; (nights, ratio, total)."""
    model = build_model(problem)
    empty = {c.id: frozenset() for c in problem.children}
    runner = StageRunner(model, TEST_PARAMS, None, time.monotonic(), empty)
    night = NightModel(runner)
    assert night.minimise_ratio(5.0)[0]
    assert night.minimise_total(5.0)[0]
    planned = counts(runner.incumbent)
    return runner, float(ratio_of(model, planned)), total_shortfall(model, planned)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances(fixed=True))
def test_night_model_reaches_the_exhaustive_optimum_of_both_shortfall_terms(data):
    problem = parse_instance(data)
    best = best_key(problem)
    assume(best is not None and not any(v for v in _fixed_violations(problem)))
    runner, ratio, total = _night_plan(problem)
    assert check_plan(problem, stays_of(runner.model, runner.incumbent)) == []
    assert (ratio, total) == (float(best[0]), best[1])


def _fixed_violations(problem):
    return check_plan(problem, problem.fixed_stays)


def test_a_crunch_month_goes_through_the_night_model_and_is_proven():
    """Three children of 4 nights in a week and two beds: the beds cannot hold every child's
    most, so the night model plans the shortfall terms (no ideal search); 8 of 12 nights fit
    with stays of 2-4 nights, the fairest split is 3, 3, 2 (ratio 1/2), and it is proven."""
    data = instance(
        *(child(c, 4, stay_nights={"min": 2, "max": 4}) for c in "abc"),
        start="2027-03-01",
        end="2027-03-04",
        beds=2,
    )
    problem = parse_instance(data)
    assert not fits_homes(build_model(problem), counts_floor(build_model(problem)))
    plan = solve_checked(problem)
    assert plan.status == "optimal"
    assert [s.name for s in plan.stages][:2] == ["max_shortfall_ratio", "shortfall"]
    assert plan.objective.total_shortfall == plan.bound.total_shortfall == 4
    assert plan.objective.max_shortfall_ratio == plan.bound.max_shortfall_ratio == 0.5
