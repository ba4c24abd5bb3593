"""The contract's rules on hand-made instances (issue 10, "The engine's contract"), each plan
checked independently; the heuristic paths (PyVRP core, own search) as well as the exact one."""

import copy

import pytest

from omsorg.planning.common.params import SolveParams
from omsorg.planning.routing.check import check_plan
from omsorg.planning.routing.parse import parse_instance
from omsorg.planning.routing.solve import solve

from .helpers import small, solved, stops

PATHS = [
    pytest.param({}, id="exact"),
    pytest.param({"exhaustive": False, "use_core": False}, id="search"),
]


def line(n_places: int, staff: int = 2, **weights) -> dict:
    """Places 1..n on a line, 5 minutes apart; the base at 0."""
    names = ["base"] + [f"p{i}" for i in range(1, n_places + 1)]
    travel = [[5 * abs(i - j) for j in range(len(names))] for i in range(len(names))]
    return {
        "locations": names,
        "travel": travel,
        "staff": [
            {
                "id": f"s{k}",
                "start": "base",
                "end": "base",
                "shift": [420, 600],
                "skills": ["nurse"],
            }
            for k in range(staff)
        ],
        "visits": [],
        "links": [],
        "weights": {"unassigned": 1000, "travel": 1, **weights},
    }


def visit(i: int, place: str, window, duration=10, **extra) -> dict:
    return {"id": f"v{i}", "location": place, "duration": duration, "window": window, **extra}


@pytest.mark.parametrize("switches", PATHS)
def test_a_double_visit_is_two_staff_starting_together(switches):
    data = line(3)
    data["visits"] = [
        visit(0, "p1", [430, 500]),
        visit(1, "p1", [430, 500]),
        visit(2, "p3", [420, 440]),
    ]
    data["links"] = [{"first": "v0", "second": "v1", "min_gap": 0, "max_gap": 0}]
    plan = solved(data, **switches)
    at = stops(plan)
    assert at["v0"][0] != at["v1"][0]
    assert at["v0"][1] == at["v1"][1]


@pytest.mark.parametrize("switches", PATHS)
def test_a_gap_after_insulin_comes_the_meal(switches):
    data = line(2, staff=1)
    data["visits"] = [visit(0, "p1", [430, 500]), visit(1, "p2", [420, 600])]
    data["links"] = [{"first": "v0", "second": "v1", "min_gap": 30, "max_gap": 45}]
    plan = solved(data, **switches)
    at = stops(plan)
    assert 30 <= at["v1"][1] - at["v0"][1] <= 45


@pytest.mark.parametrize("switches", PATHS)
def test_a_soft_window_may_be_late_and_costs_tardiness(switches):
    data = line(2, staff=1, tardiness=1, max_tardiness=2)
    data["visits"] = [
        visit(0, "p1", [430, 430], duration=60),
        visit(1, "p2", [440, 450], window_hard=False),
    ]
    plan = solved(data, **switches)
    late = stops(plan)["v1"][1] - 450
    assert late == pytest.approx(45.0)
    assert plan["objective"]["tardiness"] == pytest.approx(45.0)
    assert plan["objective"]["max_tardiness"] == pytest.approx(45.0)


@pytest.mark.parametrize("switches", PATHS)
def test_a_hard_window_that_cannot_be_met_leaves_the_visit_unassigned(switches):
    data = line(2, staff=1)
    data["visits"] = [visit(0, "p1", [430, 430], duration=60), visit(1, "p2", [440, 450])]
    plan = solved(data, **switches)
    assert plan["unassigned"] == ["v1"]
    assert plan["objective"]["unassigned"] == 1


@pytest.mark.parametrize("switches", PATHS)
def test_skills_decide_who_may_go(switches):
    data = line(2)
    data["staff"][0]["skills"] = []
    data["visits"] = [
        visit(0, "p1", [430, 500], skills=["nurse"]),
        visit(1, "p2", [430, 500], skills=["nurse"]),
    ]
    plan = solved(data, **switches)
    assert {staff for staff, _ in stops(plan).values()} == {"s1"}


@pytest.mark.parametrize("switches", PATHS)
def test_preferred_staff_wins_when_it_costs_little(switches):
    data = line(2, not_preferred=50)
    data["visits"] = [visit(0, "p1", [430, 500], preferred_staff=["s1"])]
    plan = solved(data, **switches)
    assert stops(plan)["v0"][0] == "s1"
    assert plan["objective"]["not_preferred"] == 0


@pytest.mark.parametrize("switches", PATHS)
def test_capacity_splits_meal_delivery(switches):
    data = line(3)
    for member in data["staff"]:
        member["capacity"] = 2
    data["visits"] = [visit(i, f"p{i + 1}", [420, 600], demand=1) for i in range(3)]
    plan = solved(data, **switches)
    assert all(len(route["visits"]) <= 2 for route in plan["routes"])
    assert plan["unassigned"] == []


@pytest.mark.parametrize("switches", PATHS)
def test_overtime_is_forbidden_unless_weighted(switches):
    data = line(1, staff=1)
    data["staff"][0]["shift"] = [420, 470]
    data["visits"] = [visit(0, "p1", [460, 470], duration=20)]
    assert solved(copy.deepcopy(data), **switches)["unassigned"] == ["v0"]
    data["weights"]["overtime"] = 1
    plan = solved(data, **switches)
    assert plan["unassigned"] == []
    assert plan["objective"]["overtime"] == pytest.approx(15.0)
    assert plan["routes"][0]["return"] == pytest.approx(485.0)


def test_times_are_exact_floats():
    data = line(2, staff=1)
    data["travel"] = [[t + 0.1 for t in row] for row in data["travel"]]
    data["visits"] = [visit(0, "p1", [420, 430], duration=12.3), visit(1, "p2", [440, 600])]
    plan = solved(data)
    route = plan["routes"][0]["visits"]
    assert route[0]["start"] == 420 + 5.1
    assert route[1]["start"] == ((420 + 5.1) + 12.3) + 5.1
    assert plan["routes"][0]["return"] == (((420 + 5.1) + 12.3) + 5.1 + 10) + 10.1


def test_the_small_instance_is_optimal_and_keeps_every_rule():
    plan = solved(small())
    assert plan["status"] == "optimal"
    assert plan["bound"] == plan["objective"]["total"]


def test_the_pyvrp_core_plans_a_linkless_day():
    data = line(6, staff=2, distance=1)
    data["visits"] = [visit(i, f"p{i % 6 + 1}", [420 + 10 * i, 480 + 10 * i]) for i in range(12)]
    plan = solved(data, time_limit=1.0)
    assert plan["unassigned"] == []
    assert plan["status"] in {"optimal", "feasible"}


def test_no_staff_leaves_every_visit_unassigned():
    data = small()
    data["staff"] = []
    for visit in data["visits"]:
        visit["preferred_staff"] = []
    plan = solved(data)
    assert plan["status"] == "optimal"
    assert plan["unassigned"] == [v["id"] for v in data["visits"]]


def test_no_visits_is_an_empty_day():
    data = small()
    data["visits"], data["links"] = [], []
    plan = solved(data)
    assert plan["objective"]["total"] == 0
    assert [r["visits"] for r in plan["routes"]] == [[], []]


@pytest.mark.parametrize("switches", PATHS)
def test_two_staff_for_every_link_when_asked(switches):
    data = line(1)
    data["visits"] = [visit(0, "p1", [430, 500]), visit(1, "p1", [430, 600])]
    data["links"] = [{"first": "v0", "second": "v1", "min_gap": 10, "max_gap": 60}]
    alone = stops(solved(data, **switches))
    assert alone["v0"][0] == alone["v1"][0]  # one trip is cheaper: the contract allows it
    instance = parse_instance(data)
    plan = solve(
        instance, SolveParams(time_limit=1.0), distinct_linked_staff=True, **switches
    ).to_dict()
    assert check_plan(instance, plan, distinct_linked_staff=True).violations == []
    together = stops(plan)
    assert together["v0"][0] != together["v1"][0]
    assert check_plan(instance, solved(data, **switches), distinct_linked_staff=True).violations
