"""Shared helpers: the small instance, solving with the independent check on every plan."""

import json
from pathlib import Path

from omsorg.planning.common.params import SolveParams
from omsorg.planning.routing.check import check_plan
from omsorg.planning.routing.parse import parse_instance
from omsorg.planning.routing.solve import solve

DATA = Path(__file__).resolve().parent.parent / "data"
SMALL = DATA / "routes_small.json"


def small() -> dict:
    return json.loads(SMALL.read_text())


def solved(data: dict, time_limit: float = 1.0, **switches) -> dict:
    """Solve ``data`` (contract JSON) and return the plan's JSON after checking it independently:
    every hard rule kept and every objective term equal to the recomputed one."""
    instance = parse_instance(data)
    plan = solve(instance, SolveParams(time_limit=time_limit), **switches).to_dict()
    violations = check_plan(instance, plan).violations
    assert violations == [], violations
    return plan


def stops(plan: dict) -> dict[str, tuple[str, float]]:
    """visit -> (staff, start)."""
    return {v["visit"]: (r["staff"], v["start"]) for r in plan["routes"] for v in r["visits"]}
