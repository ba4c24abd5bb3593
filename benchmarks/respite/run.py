"""Run the respite benchmarks and write the "Respite planning engine" section of RESULTS.md.

    .venv/bin/python -m benchmarks.respite.run            # full run, about 20 minutes
    .venv/bin/python -m benchmarks.respite.run --quick    # one 10 s run per instance, no 60 s

Per instance: the greedy baseline, then CP-SAT with a 10 s limit (median of ``--runs`` runs)
and, for the instances in LONG_RUNS, a 60 s limit; then one 60 s run on each of SIBLINGS (the
target's size with other seeds). Every plan is verified by the independent
checker; an invalid plan stops the run.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.respite.generate import SIBLINGS, SPECS, Spec, generate
from benchmarks.respite.report import write_section
from ortools import __version__ as ortools_version

from omsorg.planning.respite import (
    RespiteParams,
    check_plan,
    evaluate_plan,
    greedy_plan,
    parse_instance,
    solve,
)

HERE = Path(__file__).resolve().parent
# The target size and its over-demand twin get three 60 s runs, r30 one (~12 minutes).
LONG_RUNS = {"r60_6m_10b": 3, "r60_6m_10b_over": 3, "r30_6m_6b": 1}


@dataclass
class Run:
    """One solve: when the first plans came, where it ended, what it proved."""

    limit: float
    first_plan: float  # the polished greedy start, a valid plan
    first_cp_sat: float | None  # the first solution reported by CP-SAT
    wall: float
    status: str
    objective: dict
    bound: dict
    stages: list = field(default_factory=list)


def machine() -> dict:
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "ortools": ortools_version,
        "load_at_start": os.getloadavg(),
    }


def run_solver(problem, limit: float) -> Run:
    events = []
    began = time.monotonic()
    plan = solve(problem, RespiteParams(time_limit=limit), progress=events.append)
    wall = time.monotonic() - began
    violations = check_plan(problem, plan.stays)
    if violations:
        raise SystemExit(f"invalid plan: {violations[:3]}")
    cp_sat = [e.wall_time for e in events if e.stage != "start"]
    return Run(
        limit=limit,
        first_plan=events[0].wall_time,
        first_cp_sat=cp_sat[0] if cp_sat else None,
        wall=wall,
        status=plan.status,
        objective=plan.objective.to_dict(),
        bound=plan.bound.to_dict(),
        stages=[s.to_dict() for s in plan.stages],
    )


def run_greedy(problem) -> dict:
    began = time.monotonic()
    stays = greedy_plan(problem)
    seconds = time.monotonic() - began
    if check_plan(problem, stays):
        raise SystemExit("invalid greedy plan")
    evaluation = evaluate_plan(problem, stays)
    return {
        "seconds": seconds,
        "max_shortfall_ratio": float(evaluation.max_shortfall_ratio),
        "total_shortfall": evaluation.total_shortfall,
    }


def median_run(runs: list[Run]) -> dict:
    """The run with the median total shortfall, and the median times over all runs."""
    ordered = sorted(runs, key=lambda r: (r.objective["total_shortfall"], r.wall))
    middle = ordered[len(ordered) // 2]
    return {
        "runs": len(runs),
        "first_plan": statistics.median(r.first_plan for r in runs),
        "first_cp_sat": statistics.median(
            r.first_cp_sat if r.first_cp_sat is not None else float("inf") for r in runs
        ),
        "statuses": sorted(r.status for r in runs),
        # Runs whose plan reached the proven bound on both shortfall terms (the 60 s target).
        "proven": sum(all(r.objective[t] == r.bound[t] for t in r.bound) for r in runs),
        "median": middle.__dict__,
    }


def describe(spec: Spec, problem) -> dict:
    entitled = sum(evaluate_plan(problem, []).children[c.id].entitled for c in problem.children)
    return {
        "spec": spec.__dict__ | {"start": spec.start.isoformat()},
        "entitled": entitled,
        "bed_nights": problem.homes[0].beds * len(problem.nights()),
        "greedy": run_greedy(problem),
    }


def bench(spec: Spec, runs: int, long_runs: int) -> dict:
    problem = parse_instance(generate(spec))
    result = describe(spec, problem)
    result["at_10s"] = median_run([run_solver(problem, 10.0) for _ in range(runs)])
    if long_runs:
        result["at_60s"] = median_run([run_solver(problem, 60.0) for _ in range(long_runs)])
    print(json.dumps({spec.name: result["at_10s"]["median"]["objective"]}), file=sys.stderr)
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Respite planning benchmarks.")
    parser.add_argument("--runs", type=int, default=3, help="10 s runs per instance")
    parser.add_argument("--quick", action="store_true", help="one 10 s run, no 60 s runs")
    parser.add_argument("--only", nargs="*", help="instance names to run")
    parser.add_argument("--no-siblings", action="store_true", help="skip the other-seed runs")
    args = parser.parse_args(argv)
    info = machine()
    results = {}
    for spec in SPECS:
        if args.only and spec.name not in args.only:
            continue
        long_runs = 0 if args.quick else LONG_RUNS.get(spec.name, 0)
        results[spec.name] = bench(spec, 1 if args.quick else args.runs, long_runs)
    siblings = {}
    if not (args.quick or args.no_siblings or args.only):
        for spec in SIBLINGS:  # one 60 s run each: the target's size with other seeds
            problem = parse_instance(generate(spec))
            siblings[spec.name] = describe(spec, problem)
            siblings[spec.name]["at_60s"] = median_run([run_solver(problem, 60.0)])
    info["load_at_end"] = os.getloadavg()
    raw = {"machine": info, "results": results, "siblings": siblings}
    (HERE / "results.json").write_text(json.dumps(raw, indent=1))
    write_section(HERE.parent / "RESULTS.md", info, results, siblings)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
