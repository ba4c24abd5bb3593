"""The engine against exhaustive search on tiny instances (issue 11, Tests: hypothesis on tiny
instances against exhaustive search): same optimum, same infeasibility, and every roster it
returns passes the independent reference checker."""

from hypothesis import HealthCheck, given, settings

from .bruteforce import best_cost
from .helpers import solved
from .strategies import tiny_instances


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances())
def test_engine_optimum_equals_exhaustive_search(data):
    best = best_cost(data)
    result = solved(data)
    if best is None:
        assert result["status"] == "infeasible"
        assert result["objective"] is None
    else:
        assert result["status"] == "optimal"
        assert result["objective"]["total"] == best
        assert result["bound"] == best
