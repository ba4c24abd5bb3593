"""An independent reference for the two shortfall terms: a plain CP-SAT model, two stages.

Written from the rules in the respite issue, sharing no modelling code with the engine (no
``rules.py``, ``entitlements.py``, ``common.periods``, floors or searches): one Boolean per child
and usable night, stay lengths by start indicators and sliding windows, caps per counting period,
beds, one-to-one staffing and incompatible pairs night by night. Stage 1 minimises the largest
shortfall ratio; stage 2 holds it and minimises total shortfall. Only the instance parser (to
read the instance) and the engine's independent checker (to validate the plan and evaluate its
terms) are reused.

    .venv/bin/python -m benchmarks.respite.reference INSTANCE.json --time-limit 60
"""

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from omsorg.planning.respite import Stay, check_plan, evaluate_plan, load_instance

# Share of the time limit for stage 1 (the ratio); stage 2 gets what is left.
STAGE_1_SHARE = 0.5


def _period(night: dt.date, per: str) -> tuple:
    if per == "week":
        return ("week", *night.isocalendar()[:2])
    if per == "month":
        return ("month", night.year, night.month)
    return ("horizon",)


def _length(key: tuple, horizon: int) -> int:
    if key[0] == "week":
        return 7
    if key[0] == "month":
        first = dt.date(key[1], key[2], 1)
        return ((first + dt.timedelta(days=32)).replace(day=1) - first).days
    return horizon


def entitled_per_period(problem, child) -> dict[tuple, int]:
    """floor(nights x nights of the period inside horizon and validity / nights of the period)."""
    dates = problem.nights()
    inside: dict[tuple, int] = {}
    for night in dates:
        key = _period(night, child.entitlement.per)
        covered = child.valid is None or child.valid.first <= night <= child.valid.last
        inside[key] = inside.get(key, 0) + int(covered)
    return {
        key: child.entitlement.nights * count // _length(key, len(dates))
        for key, count in inside.items()
    }


@dataclass
class Reference:
    problem: object
    cp: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    x: dict = field(default_factory=dict)  # (child, night index) -> Boolean
    planned: dict = field(default_factory=dict)
    entitled: dict = field(default_factory=dict)


def build(problem) -> Reference:
    ref = Reference(problem)
    dates = problem.nights()
    for child in problem.children:
        caps = entitled_per_period(problem, child)
        ref.entitled[child.id] = sum(caps.values())
        closed = set(problem.home(child.home).closed_nights)
        for i, night in enumerate(dates):
            usable = (
                night not in closed
                and night not in child.blocked_nights
                and (child.valid is None or child.valid.first <= night <= child.valid.last)
                and caps[_period(night, child.entitlement.per)] > 0
            )
            if usable:
                ref.x[child.id, i] = ref.cp.new_bool_var(f"x[{child.id},{i}]")
        _stay_lengths(ref, child, len(dates))
        for key, cap in caps.items():
            inside = [
                ref.x[child.id, i]
                for i, night in enumerate(dates)
                if (child.id, i) in ref.x and _period(night, child.entitlement.per) == key
            ]
            if len(inside) > cap:
                ref.cp.add(sum(inside) <= cap)
        ref.planned[child.id] = sum(v for (c, _), v in ref.x.items() if c == child.id)
    _capacity(ref, len(dates))
    _fixed(ref)
    return ref


def _night(ref: Reference, child_id: str, i: int):
    return ref.x.get((child_id, i), 0)


def _stay_lengths(ref: Reference, child, horizon: int) -> None:
    """A run starting at i (night i stays, night i - 1 does not) covers at least min nights;
    no max + 1 consecutive nights are all stays."""
    shortest, longest = child.stay_nights.min_nights, child.stay_nights.max_nights
    for i in range(horizon):
        if (child.id, i) not in ref.x:
            continue
        if shortest > 1:
            start = ref.cp.new_bool_var("")
            ref.cp.add(start >= ref.x[child.id, i] - _night(ref, child.id, i - 1))
            for k in range(1, shortest):
                ref.cp.add(_night(ref, child.id, i + k) >= start)
        window = [_night(ref, child.id, j) for j in range(i, min(horizon, i + longest + 1))]
        if len(window) == longest + 1:
            ref.cp.add(sum(window) <= longest)


def _capacity(ref: Reference, horizon: int) -> None:
    problem = ref.problem
    for home in problem.homes:
        members = [c for c in problem.children if c.home == home.id]
        for i in range(horizon):
            present = [ref.x[c.id, i] for c in members if (c.id, i) in ref.x]
            if len(present) > home.beds:
                ref.cp.add(sum(present) <= home.beds)
            ones = [ref.x[c.id, i] for c in members if c.one_to_one and (c.id, i) in ref.x]
            limit = home.max_one_to_one_per_night
            if limit is not None and len(ones) > limit:
                ref.cp.add(sum(ones) <= limit)
    for first, second in problem.incompatible:
        for i in range(horizon):
            if (first, i) in ref.x and (second, i) in ref.x:
                ref.cp.add(ref.x[first, i] + ref.x[second, i] <= 1)


def _fixed(ref: Reference) -> None:
    problem = ref.problem
    for stay in problem.fixed_stays:
        first = (stay.first_night - problem.start).days
        for i in range(first, first + stay.nights):
            ref.cp.add(_night(ref, stay.child, i) == 1)
        for i in (first - 1, first + stay.nights):
            if (stay.child, i) in ref.x:
                ref.cp.add(ref.x[stay.child, i] == 0)


def _scale(entitled: dict) -> int:
    """Two different fractions k/E with E <= the largest entitlement differ by more than 1 /
    scale, so minimising z with (E - planned) * scale <= z * E minimises the ratio exactly."""
    largest = max(entitled.values(), default=1)
    return largest * largest + 1


def solve_reference(problem, limit: float, workers: int = 2, seed: int = 0) -> dict:
    began = time.monotonic()
    ref = build(problem)
    scale = _scale(ref.entitled)
    z = ref.cp.new_int_var(0, scale, "z")
    for child_id, entitled in ref.entitled.items():
        if entitled > 0:
            ref.cp.add((entitled - ref.planned[child_id]) * scale <= z * entitled)
    total = sum(ref.entitled.values()) - sum(ref.planned.values())
    ref.cp.minimize(z)
    first = _solve(ref, limit * STAGE_1_SHARE, workers, seed)
    if first["values"] is None:
        return {"stage_1": first["status"], "stage_2": None, "wall": time.monotonic() - began}
    ref.cp.add(z <= first["objective"])
    _hint(ref, first["values"])
    ref.cp.minimize(total)
    second = _solve(ref, max(0.1, limit - (time.monotonic() - began)), workers, seed)
    values = second["values"] or first["values"]
    return _result(ref, values, first, second, time.monotonic() - began)


def _solve(ref: Reference, limit: float, workers: int, seed: int) -> dict:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(ref.cp)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {"status": solver.status_name(status), "values": None}
    return {
        "status": solver.status_name(status),
        "objective": round(solver.objective_value),
        "bound": solver.best_objective_bound,
        "values": {key: solver.boolean_value(var) for key, var in ref.x.items()},
    }


def _hint(ref: Reference, values: dict) -> None:
    ref.cp.clear_hints()
    for key, var in ref.x.items():
        ref.cp.add_hint(var, values[key])


def stays_of(problem, values: dict) -> list[Stay]:
    """Maximal runs of planned nights, one stay each."""
    stays = []
    for child in problem.children:
        nights = sorted(i for (c, i), on in values.items() if c == child.id and on)
        run: list[int] = []
        for i in nights + [None]:
            if run and (i is None or i != run[-1] + 1):
                first = problem.start + dt.timedelta(days=run[0])
                stays.append(Stay(child.id, child.home, first, len(run)))
                run = []
            if i is not None:
                run.append(i)
    return stays


def _result(ref: Reference, values: dict, first: dict, second: dict, wall: float) -> dict:
    stays = stays_of(ref.problem, values)
    violations = check_plan(ref.problem, stays)
    if violations:
        raise SystemExit(f"reference plan breaks a rule: {violations[:3]}")
    evaluation = evaluate_plan(ref.problem, stays)
    return {
        "max_shortfall_ratio": float(evaluation.max_shortfall_ratio),
        "total_shortfall": evaluation.total_shortfall,
        "stage_1": first["status"],
        "stage_2": second["status"],
        "total_bound": second.get("bound"),
        "wall": wall,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    result = solve_reference(load_instance(args.instance), args.time_limit, args.workers)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
