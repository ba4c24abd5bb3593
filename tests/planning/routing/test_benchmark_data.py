"""The benchmark converters read the public instances right (benchmarks/routes): every Solomon
best-known cost and every published Mankowska solution cost is recomputed exactly from the
converted instance, and those plans pass the independent checker."""

import pytest
from benchmarks.routes import mankowska, solomon
from benchmarks.routes.baseline import nearest_neighbour

from omsorg.planning.routing.check import check_plan, evaluate_routes
from omsorg.planning.routing.parse import parse_instance

from .bruteforce import _plan


@pytest.mark.parametrize("path", solomon.instances()[::7], ids=solomon.name_of)
def test_solomon_best_known_distance_is_recomputed(path):
    instance = solomon.convert(path)
    cost, routes = solomon.best_known(path)
    assert solomon.route_distance(instance, routes) == pytest.approx(cost, abs=1e-6)


@pytest.mark.parametrize("name", ["A1", "A3", "B6", "C1", "D10"])
def test_mankowska_published_cost_is_recomputed(name):
    data = mankowska.convert(mankowska.path_of(name))
    instance = parse_instance(data)
    cost, routes = mankowska.published_solution(name)
    plan = _least_plan(instance, routes)
    result = evaluate_routes(instance, plan)
    assert result.violations == []
    assert result.total == pytest.approx(cost, rel=5e-6)  # the file prints six significant digits


def test_the_baseline_plans_pass_the_checker():
    instance = parse_instance(mankowska.convert(mankowska.path_of("B2")))
    plan = nearest_neighbour(instance)
    assert check_plan(instance, plan).violations == []
    assert plan["unassigned"] == []


def _least_plan(instance, routes):
    """Time the published sequences by Bellman-Ford (the brute force's timing, not the engine's)."""
    padded = routes + [[] for _ in range(len(instance.staff) - len(routes))]
    return _plan(instance, padded)
