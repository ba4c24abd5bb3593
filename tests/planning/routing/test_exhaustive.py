"""Against exhaustive search on small random instances (issue 10, Tests): the engine's plan keeps
every hard rule (the independent checker), is never better than the brute-force optimum, and
equals it whenever the engine says ``optimal``."""

from hypothesis import given, settings

from omsorg.planning.routing.parse import parse_instance

from .bruteforce import best_total
from .helpers import solved
from .strategies import instances

TOLERANCE = 1e-6


@settings(max_examples=40)
@given(instances())
def test_an_optimal_plan_equals_the_brute_force_optimum(data):
    plan = solved(data, time_limit=2.0)
    best = best_total(parse_instance(data))
    assert plan["status"] == "optimal"
    assert abs(plan["objective"]["total"] - best) <= TOLERANCE * max(1.0, best)
    assert plan["bound"] <= best + TOLERANCE * max(1.0, best)


@settings(max_examples=25)
@given(instances(max_visits=4))
def test_the_search_alone_is_never_better_than_the_optimum(data):
    plan = solved(data, time_limit=0.3, exhaustive=False, use_core=False)
    best = best_total(parse_instance(data))
    assert plan["objective"]["total"] >= best - TOLERANCE * max(1.0, best)
    assert plan["bound"] is None or plan["bound"] <= best + TOLERANCE * max(1.0, best)


@settings(max_examples=15)
@given(instances(max_visits=4))
def test_the_pyvrp_core_is_never_better_than_the_optimum(data):
    data["links"] = []
    plan = solved(data, time_limit=0.3, exhaustive=False)
    best = best_total(parse_instance(data))
    assert plan["objective"]["total"] >= best - TOLERANCE * max(1.0, best)
