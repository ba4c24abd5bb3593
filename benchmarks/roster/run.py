"""Run the rotation benchmarks: Curtois & Qu instances at 10 s and 60 s beside the greedy
baseline, and the Norwegian unit; raw figures to ``results.json`` (rewritten after every run,
so a cut-short run keeps what it measured), then ``report.py`` writes RESULTS.md's section.

    python -m benchmarks.roster.run --instances 1-22 --limits 10 60 --runs 1
    python -m benchmarks.roster.run --norway --limits 60
"""

import argparse
import json
import os
import platform
import subprocess
import time
from pathlib import Path

from benchmarks.roster.convert import load
from benchmarks.roster.norway import generate
from ortools import __version__ as ortools_version

from omsorg.planning.roster import (
    RosterParams,
    check_roster,
    evaluate,
    greedy_roster,
    parse_instance,
    solve,
)

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
# The commit the engine was run at (each record names it).
ENGINE = subprocess.run(
    ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE
).stdout.strip()


def _numbers(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


# Above this many (staff, day, shift type) cells the greedy baseline is not run.
BASELINE_CELLS = 70_000


def _baseline(instance) -> dict:
    began = time.monotonic()
    roster = greedy_roster(instance)
    return {
        "cost": evaluate(instance, roster).total,
        "broken_rules": len(check_roster(instance, roster)),
        "seconds": round(time.monotonic() - began, 2),
    }


def _run(instance, limit: float, seed: int) -> dict:
    events = []
    began = time.monotonic()
    result = solve(
        instance,
        RosterParams(time_limit=limit, seed=seed),
        lambda e: events.append((round(e.wall_time, 2), e.objective)),
    )
    objective = result.objective.to_dict() if result.objective else None
    return {
        "limit": limit,
        "seed": seed,
        "status": result.status,
        "objective": objective,
        "bound": result.bound,
        "violations": len(result.violations),
        "wall": round(time.monotonic() - began, 2),
        "first_roster_s": events[0][0] if events else None,
        "improvements": events,
        "load_after": os.getloadavg(),
        "engine": ENGINE,
    }


def _save(data: dict) -> None:
    RESULTS.write_text(json.dumps(data, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--instances", default="")
    parser.add_argument("--limits", type=float, nargs="+", default=[10.0, 60.0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--norway", action="store_true")
    args = parser.parse_args()
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"runs": {}}
    data["machine"] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "ortools": ortools_version,
    }
    names = [f"Instance{n}" for n in _numbers(args.instances)] if args.instances else []
    if args.norway:
        names.append("norway")
    for name in names:
        raw = generate() if name == "norway" else load(HERE / "instances" / f"{name}.txt")
        instance = parse_instance(raw)
        entry = data["runs"].setdefault(name, {"runs": []})
        if instance.cells <= BASELINE_CELLS:
            entry["baseline"] = _baseline(instance)
        else:  # the greedy baseline alone ran past 300 s on Instance24
            entry["baseline"] = {"cost": None, "broken_rules": None, "skipped": "too large"}
        for limit in args.limits:
            for seed in range(args.runs):
                before = {"load_before": os.getloadavg()}
                entry["runs"].append(_run(instance, limit, seed) | before)
                print(name, entry["runs"][-1]["limit"], entry["runs"][-1]["objective"],
                      entry["runs"][-1]["bound"], flush=True)  # fmt: skip
                _save(data)
    _save(data)


if __name__ == "__main__":
    main()
