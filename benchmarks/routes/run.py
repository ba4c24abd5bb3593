"""Run the routing engine and the nearest-neighbour baseline on the benchmark instances.

    python -m benchmarks.routes.run --set solomon --time-limit 10 --runs 1
    python -m benchmarks.routes.run --set mankowska --names B1,B2 --time-limit 120
    python -m benchmarks.routes.run --set zone --time-limit 10 60 --runs 3

Every plan (engine and baseline) is checked by ``omsorg.planning.routing.check``; a plan with a
violation is recorded as such. Raw figures are merged into ``benchmarks/routes/results.json``
(one record per set, instance, time limit and seed; a re-run replaces its record).
"""

import argparse
import json
import os
import platform
import time
from pathlib import Path

from benchmarks.routes import mankowska, solomon, zone
from benchmarks.routes.baseline import nearest_neighbour

from omsorg.planning.common.params import SolveParams
from omsorg.planning.routing.check import check_plan
from omsorg.planning.routing.parse import parse_instance
from omsorg.planning.routing.solve import solve

RESULTS = Path(__file__).parent / "results.json"
COMMIT = os.environ.get("OMSORG_COMMIT", "")


def _instances(which: str, names: list[str] | None):
    """(name, contract JSON, best-known value or None) for the chosen set."""
    if which == "solomon":
        for path in solomon.instances():
            name = solomon.name_of(path)
            if not names or name in names:
                yield name, solomon.convert(path), solomon.best_known(path)[0]
    elif which == "mankowska":
        best = mankowska.best_known()
        for name in mankowska.names():
            if not names or name in names:
                yield name, mankowska.convert(mankowska.path_of(name)), best[name][1]
    else:
        for seed in (1, 2, 3):
            name = f"zone{seed}"
            if not names or name in names:
                yield name, zone.generate(seed), None


def _value(which: str, objective: dict) -> float:
    """Solomon: distance (every customer must be planned); otherwise the weighted total."""
    if which == "solomon":
        return objective["distance"] if objective["unassigned"] == 0 else float("inf")
    return objective["total"]


def _record(which, name, limit, seed, plan, violations, best, seconds) -> dict:
    value = _value(which, plan["objective"])
    return {
        "set": which, "instance": name, "time_limit": limit, "seed": seed,
        "status": plan["status"], "value": value, "best_known": best,
        "gap_percent": None if best is None else 100 * (value - best) / best,
        "objective": plan["objective"], "bound": plan["bound"], "violations": violations,
        "wall_seconds": round(seconds, 2), "load_before": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=("solomon", "mankowska", "zone"), required=True)
    parser.add_argument("--time-limit", type=float, nargs="+", default=[10.0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--first-seed", type=int, default=0,
                        help="seeds first-seed .. first-seed + runs - 1 (more seeds of a run)")
    parser.add_argument("--names", default="")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--results", type=Path, default=RESULTS, help="raw figures (merged)")
    parser.add_argument("--plans", type=Path, help="also write each engine plan here as JSON")
    args = parser.parse_args()
    names = [n for n in args.names.split(",") if n]
    results = json.loads(args.results.read_text()) if args.results.exists() else {"records": []}
    results["machine"] = {"platform": platform.platform(), "python": platform.python_version(),
                          "cpus": os.cpu_count()}
    for name, data, best in _instances(args.set, names):
        instance = parse_instance(data)
        # Mankowska's double services always take two different staff, also with a gap.
        two_staff = args.set == "mankowska"
        if not args.no_baseline:
            began = time.monotonic()
            plan = nearest_neighbour(instance)
            violations = check_plan(instance, plan, distinct_linked_staff=two_staff).violations
            record = _record(args.set, name, "baseline", 0, plan, violations, best,
                             time.monotonic() - began)
            _store(results, record)
        for limit in args.time_limit:
            for seed in range(args.first_seed, args.first_seed + args.runs):
                load = os.getloadavg()
                began = time.monotonic()
                params = SolveParams(time_limit=limit, seed=seed)
                plan = solve(instance, params, distinct_linked_staff=two_staff).to_dict()
                seconds = time.monotonic() - began
                violations = check_plan(instance, plan, distinct_linked_staff=two_staff).violations
                record = _record(args.set, name, limit, seed, plan, violations, best, seconds)
                record["load_before"] = load
                record["commit"] = COMMIT
                if args.plans:
                    args.plans.mkdir(parents=True, exist_ok=True)
                    out = args.plans / f"{args.set}-{name}-{limit:g}s-seed{seed}.json"
                    out.write_text(json.dumps(plan))
                _store(results, record)
                gap = record["gap_percent"]
                print(f"{name} {limit:g}s seed {seed}: {record['value']:.2f}"
                      + ("" if gap is None else f" gap {gap:.2f} %")
                      + f" load {load[0]:.1f} violations {len(record['violations'])}", flush=True)
        args.results.write_text(json.dumps(results, indent=1))


def _store(results: dict, record: dict) -> None:
    key = (record["set"], record["instance"], record["time_limit"], record["seed"])
    results["records"] = [
        r for r in results["records"]
        if (r["set"], r["instance"], r["time_limit"], r["seed"]) != key
    ] + [record]


if __name__ == "__main__":
    main()
