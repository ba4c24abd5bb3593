"""Crunch months: the engine against an independent reference (reference.py) on tight loads.

Tight, realistic loads: entitled nights 1.0-1.4 x open bed-nights (beds x nights the home is
open), 60 children x 6 months x 10 beds (the target size), several seeds; and seed 11 of the
target size (0.98), the case RESULTS.md left open (no ideal plan, a short February). Both
solvers get 60 s and 2 workers; every plan is checked by the independent checker.

    .venv/bin/python -m benchmarks.respite.crunch --runs 3
    .venv/bin/python -m benchmarks.respite.crunch --only t120_s23 --runs 1 --no-reference
"""

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.respite.generate import Spec, generate
from benchmarks.respite.reference import solve_reference
from benchmarks.respite.run import machine

from omsorg.planning.respite import RespiteParams, check_plan, evaluate_plan, parse_instance, solve

HERE = Path(__file__).resolve().parent
LIMIT = 60.0
# (name, seed, wanted demand over open bed-nights)
TIGHT = (
    ("t100_s21", 21, 1.0),
    ("t110_s22", 22, 1.1),
    ("t120_s23", 23, 1.2),
    ("t130_s24", 24, 1.3),
    ("t140_s25", 25, 1.4),
    ("t105_s26", 26, 1.05),
)


def open_demand(data: dict) -> float:
    """Entitled nights over open bed-nights, as the engine's checker counts entitlement."""
    problem = parse_instance(data)
    entitled = sum(c.entitled for c in evaluate_plan(problem, []).children.values())
    home = problem.homes[0]
    return entitled / (home.beds * (len(problem.nights()) - len(home.closed_nights)))


def tight_instance(seed: int, wanted: float) -> dict:
    """generate.py's instance of the target size, its demand scaled until the entitled nights
    are within 1 % of ``wanted`` x open bed-nights (entitlements are rounded, so a few tries)."""
    spec = Spec(f"tight_{seed}", 60, 6, 10, wanted, seed)
    data = generate(spec)
    for _ in range(8):
        found = open_demand(data)
        if abs(found - wanted) <= 0.01 * wanted:
            break
        spec = replace(spec, demand=spec.demand * wanted / found)
        data = generate(spec)
    return data


def instances() -> dict[str, dict]:
    found = {name: tight_instance(seed, wanted) for name, seed, wanted in TIGHT}
    found["r60_6m_10b_s11"] = generate(Spec("r60_6m_10b_s11", 60, 6, 10, 0.9, 11))
    return found


def run_engine(problem, seed: int) -> dict:
    began = time.monotonic()
    plan = solve(problem, RespiteParams(time_limit=LIMIT, seed=seed))
    wall = time.monotonic() - began
    if check_plan(problem, plan.stays):
        raise SystemExit("invalid engine plan")
    return {
        "max_shortfall_ratio": plan.objective.max_shortfall_ratio,
        "total_shortfall": plan.objective.total_shortfall,
        "bound": plan.bound.to_dict(),
        "status": plan.status,
        "stages": [s.to_dict() for s in plan.stages],
        "wall": wall,
    }


def _median(runs: list[dict]) -> dict:
    """The run with the median (ratio, total) (of two, the worse); every run's pair in order."""
    ordered = sorted(runs, key=lambda r: (r["max_shortfall_ratio"], r["total_shortfall"]))
    middle = dict(ordered[len(ordered) // 2])
    middle["runs"] = len(runs)
    middle["all"] = [[r["max_shortfall_ratio"], r["total_shortfall"]] for r in ordered]
    middle["totals"] = sorted(r["total_shortfall"] for r in runs)
    middle["ratios"] = sorted(r["max_shortfall_ratio"] for r in runs)
    middle["median_wall"] = statistics.median(r["wall"] for r in runs)
    return middle


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--no-reference", action="store_true")
    parser.add_argument("--out", default=str(HERE / "crunch.json"))
    args = parser.parse_args(argv)
    info = machine()
    results = {}
    out = Path(args.out)
    previous = json.loads(out.read_text())["results"] if out.exists() else {}
    for name, data in instances().items():
        if args.only and name not in args.only:
            continue
        problem = parse_instance(data)
        result = {"demand": open_demand(data)}
        result["engine"] = _median([run_engine(problem, seed) for seed in range(args.runs)])
        if args.no_reference and name in previous:
            result["reference"] = previous[name].get("reference")
        elif not args.no_reference:
            runs = [solve_reference(problem, LIMIT, 2, seed) for seed in range(args.runs)]
            result["reference"] = _median(runs)
        results[name] = result
        print(json.dumps({name: _brief(result)}), file=sys.stderr, flush=True)
    info["load_at_end"] = os.getloadavg()
    merged = previous | results
    out.write_text(json.dumps({"machine": info, "results": merged}, indent=1))
    return 0


def _brief(result: dict) -> dict:
    brief = {"demand": round(result["demand"], 3)}
    for who in ("engine", "reference"):
        if result.get(who):
            run = result[who]
            brief[who] = (round(run["max_shortfall_ratio"], 4), run["total_shortfall"])
    if result.get("engine"):
        brief["bound"] = result["engine"]["bound"]
    return brief


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
