"""The independent checker finds each kind of broken plan (it must, or the other tests prove
nothing)."""

import copy

from omsorg.planning.routing.check import check_plan
from omsorg.planning.routing.parse import parse_instance

from .helpers import small, solved


def _broken(change) -> list[str]:
    data = small()
    plan = copy.deepcopy(solved(data))
    change(plan, data)
    return check_plan(parse_instance(data), plan).violations


def _first(plan):
    return plan["routes"][0]["visits"][0]


def test_a_valid_plan_has_no_violations():
    assert _broken(lambda plan, data: None) == []


def test_a_start_before_arrival():
    assert any("before arrival" in v for v in _broken(lambda p, d: _first(p).update(start=421)))


def test_a_start_after_a_hard_window():
    def late(plan, data):
        for route in plan["routes"]:
            for stop in route["visits"]:
                if stop["visit"] == "v1":
                    stop["start"] = 600

    assert any("hard window" in v for v in _broken(late))


def test_a_wrong_return():
    def back(plan, data):
        plan["routes"][0]["return"] += 1

    assert any("returns at" in v for v in _broken(back))


def test_a_lost_visit_and_a_twice_planned_visit():
    def lose(plan, data):
        plan["routes"][0]["visits"].pop()

    assert any("neither" in v for v in _broken(lose))

    def twice(plan, data):
        plan["unassigned"].append(plan["routes"][0]["visits"][0]["visit"])

    assert any("both" in v for v in _broken(twice))


def test_skills_and_double_visits():
    def swap(plan, data):
        data["staff"][0]["skills"], data["staff"][1]["skills"] = [], []

    assert any("lacks the skills" in v for v in _broken(swap))

    def alone(plan, data):
        for route in plan["routes"]:
            route["visits"] = [s for s in route["visits"] if s["visit"] not in {"v3", "v4"}]
        plan["routes"][0]["visits"].insert(0, {"visit": "v3", "start": 480})
        plan["routes"][0]["visits"].insert(1, {"visit": "v4", "start": 480})

    assert any("one staff member" in v for v in _broken(alone))


def test_a_link_gap_and_half_a_group():
    def half(plan, data):
        for route in plan["routes"]:
            route["visits"] = [s for s in route["visits"] if s["visit"] != "v2"]
        plan["unassigned"].append("v2")

    assert any("only one of the two" in v for v in _broken(half))

    def tight(plan, data):
        data["links"][1]["min_gap"] = 200

    assert any("gap" in v for v in _broken(tight))


def test_overtime_capacity_and_objective():
    def short(plan, data):
        data["staff"][0]["shift"][1] = 600

    assert any("overtime" in v for v in _broken(short))

    def full(plan, data):
        data["staff"][0]["capacity"] = 1
        for v in data["visits"]:
            v["demand"] = 1

    assert any("capacity" in v for v in _broken(full))

    def lie(plan, data):
        plan["objective"]["travel"] -= 1
        plan["objective"]["total"] -= 1

    broken = _broken(lie)
    assert any("objective.travel" in v for v in broken)
    assert any("objective.total" in v for v in broken)
