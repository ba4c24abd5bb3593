"""Builders for tiny named instances and a solve that always runs the independent checker."""

import copy
from fractions import Fraction
from pathlib import Path

from omsorg.planning.respite import (
    Instance,
    Plan,
    RespiteParams,
    check_plan,
    evaluate_plan,
    parse_instance,
    solve,
)

DATA = Path(__file__).resolve().parent.parent / "data"
# Tiny instances solve in milliseconds; the limit only guards against a hang.
TEST_PARAMS = RespiteParams(time_limit=10.0, num_workers=1)


def child(child_id: str, nights: int = 2, per: str = "horizon", **fields) -> dict:
    """A child in home "flata" entitled to ``nights`` per ``per``; stays of 1-7 nights."""
    data = {
        "id": child_id,
        "home": "flata",
        "entitlement": {"nights": nights, "per": per},
        "stay_nights": {"min": 1, "max": 7},
    }
    data.update(fields)
    return data


def instance(*children: dict, start="2027-03-01", end="2027-03-02", beds=4, **fields) -> dict:
    """One home "flata" with ``beds`` beds; ``fields`` override top-level or home keys."""
    home = {"id": "flata", "beds": beds}
    for key in ("closed_nights", "max_one_to_one_per_night"):
        if key in fields:
            home[key] = fields.pop(key)
    data = {"start": start, "end": end, "homes": [home], "children": list(children)}
    data.update(fields)
    return copy.deepcopy(data)


def solve_checked(data: dict | Instance, params: RespiteParams = TEST_PARAMS) -> Plan:
    """Solve, then verify every hard rule and every reported figure independently."""
    problem = data if isinstance(data, Instance) else parse_instance(data)
    plan = solve(problem, params)
    if plan.status == "infeasible":
        assert plan.violations, "an infeasible plan says which rule the fixed stays break"
        return plan
    assert check_plan(problem, plan.stays, plan.day_stays) == []
    assert_figures_match(problem, plan)
    return plan


def assert_figures_match(problem: Instance, plan: Plan) -> None:
    """The plan's per-child figures and objective equal the checker's own evaluation."""
    evaluation = evaluate_plan(problem, plan.stays)
    for result in plan.children:
        expected = evaluation.children[result.child]
        assert (result.entitled, result.planned) == (expected.entitled, expected.planned)
        assert result.wished_planned == expected.wished_planned
        assert result.preferred_planned == expected.preferred_planned
        assert result.stays == expected.stays
    objective = plan.objective
    assert objective.stays == evaluation.stays
    assert objective.max_shortfall_ratio == float(evaluation.max_shortfall_ratio)
    assert objective.total_shortfall == evaluation.total_shortfall
    assert objective.wished_planned == evaluation.wished_planned
    assert objective.preferred_planned == evaluation.preferred_planned
    if plan.status == "optimal":
        assert plan.bound.max_shortfall_ratio == objective.max_shortfall_ratio
        assert plan.bound.total_shortfall == objective.total_shortfall
    _assert_day_figures_match(problem, plan)


def _assert_day_figures_match(problem: Instance, plan: Plan) -> None:
    """Day figures, when the instance plans day stays, equal the checker's evaluation."""
    days = evaluate_plan(problem, plan.stays, plan.day_stays).days
    if days is None:
        assert plan.objective.days is None and not plan.day_stays
        return
    for result in plan.children:
        expected = days.children.get(result.child)
        if expected is None:
            assert result.days is None
            continue
        figures = (result.days.entitled, result.days.planned, result.days.wished_planned)
        assert figures == (expected.entitled, expected.planned, expected.wished_planned)
    assert plan.objective.days.max_shortfall_ratio == float(days.max_shortfall_ratio)
    assert plan.objective.days.total_shortfall == days.total_shortfall
    assert plan.objective.days.wished_planned == days.wished_planned


def key_of(problem: Instance, plan: Plan) -> tuple:
    """Lexicographic objective of a plan, exact, with previous stays not kept last."""
    evaluation = evaluate_plan(problem, plan.stays)
    return (*evaluation.key(), evaluation.previous_not_kept)


def ratio(plan: Plan) -> Fraction:
    return Fraction(plan.objective.max_shortfall_ratio).limit_denominator(1000)
