"""The benchmarks' independent reference (benchmarks/respite/reference.py) is right where it can
be checked: on tiny instances its two stages reach the exhaustive optimum of objectives 1-2."""

from benchmarks.respite.reference import solve_reference
from hypothesis import HealthCheck, given, settings

from omsorg.planning.respite import parse_instance

from .bruteforce import best_key
from .strategies import tiny_instances


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances(fixed=True))
def test_reference_reaches_the_exhaustive_optimum_of_both_shortfall_terms(data):
    problem = parse_instance(data)
    best = best_key(problem)
    result = solve_reference(problem, limit=10.0, workers=1)
    if best is None:
        assert result["stage_1"] == "INFEASIBLE"
        return
    assert (result["max_shortfall_ratio"], result["total_shortfall"]) == (
        float(best[0]),
        best[1],
    )
