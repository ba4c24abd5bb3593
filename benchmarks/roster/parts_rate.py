"""Parts per second of the neighbourhood search: the sub-model of the free staff (parts.py)
against the whole model with fixed domains (the engine before 7 Dec 2026, kept here to
measure against). One search thread, the same first roster and seed for both.

    python -m benchmarks.roster.parts_rate --instances 5 8 10 13 --seconds 20
"""

import argparse
import os
import time

from benchmarks.roster.convert import load
from benchmarks.roster.run import HERE
from ortools.sat.python import cp_model

from omsorg.planning.roster import check_roster, evaluate, lns, parse_instance
from omsorg.planning.roster.construct import sequential_roster
from omsorg.planning.roster.model import build_model
from omsorg.planning.roster.solve import _complete, _hint, _roster_of


def whole_model_part(model, best, free, limit, rng):
    """The former part-solve: the whole model, non-free shifts fixed by their domains."""
    part = model.cp.clone()
    variables = part.Proto().variables
    for var in model.shift.values():
        index = var.Index()
        if index not in free:
            domain = variables[index].domain
            domain[0] = domain[1] = best.values[index]
    part.ClearHints()
    hint = part.Proto().solution_hint
    hint.vars.extend(range(len(best.values)))
    hint.values.extend(best.values)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = rng.randrange(1 << 30)
    status = solver.Solve(part)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, None
    values = list(solver.ResponseProto().solution)
    return status, lns.Incumbent(values, round(solver.ObjectiveValue()))


def measure(number: int, seconds: float) -> None:
    instance = parse_instance(load(HERE / "instances" / f"Instance{number}.txt"))
    start = sequential_roster(instance, time.monotonic() + 10)
    model = build_model(instance)
    _hint(model, start)
    first = _complete(model, time.monotonic() + 30)
    new = lns._part_solve
    for name, solver in (("whole model", whole_model_part), ("sub-model", new)):
        lns._part_solve = solver
        stats: dict = {}
        load_before = os.getloadavg()[0]
        began = time.monotonic()
        best = lns.improve(model, lns.Incumbent(first.values, first.cost),
                           began + seconds, 0, stats=stats)  # fmt: skip
        wall = time.monotonic() - began
        roster = _roster_of(model, best.values)
        checked = evaluate(instance, roster).total
        broken = len(check_roster(instance, roster))
        print(f"Instance{number} {name}: {stats.get('parts', 0)} parts in {wall:.1f} s "
              f"({stats.get('parts', 0) / wall:.2f}/s), cost {first.cost} -> {best.cost} "
              f"(checker {checked}, {broken} broken), load {load_before:.1f} -> "
              f"{os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
    lns._part_solve = new


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--instances", type=int, nargs="+", default=[5, 8, 10, 13])
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    for number in args.instances:
        measure(number, args.seconds)


if __name__ == "__main__":
    main()
