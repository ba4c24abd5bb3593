"""Window search: re-plan every child's stays inside a few weeks, everything else held fixed.

On half-year instances CP-SAT's own neighbourhoods improve the plan slowly: a stay interacts
only with the nights around it (beds, the night at home after it) and with its period's cap,
so a time window is the natural neighbourhood. Each step clones the model, fixes every stay
that lies wholly outside the window to its value in the best plan so far, and lets CP-SAT
re-plan the window from that plan. Measured on the 60-children half-year benchmark, it brings
total shortfall down several times faster than the full model does (benchmarks/RESULTS.md).
"""

import random
import time
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

if TYPE_CHECKING:  # stage.py imports this module
    from omsorg.planning.respite.stage import StageRunner

# Horizons up to five weeks are searched whole by the full solve; windows add nothing there.
MIN_NIGHTS_FOR_WINDOWS = 35
# Windows start at two weeks, grow while CP-SAT proves them optimal quickly, shrink when not.
START_WIDTH, MIN_WIDTH, MAX_WIDTH, WIDTH_STEP = 14, 7, 56, 7
# One window must not eat the stage: a second is enough for ~60 children over a few weeks.
SUB_SOLVE_SECONDS = 1.0
MIN_SUB_SOLVE_SECONDS = 0.2


def is_stay(mine: frozenset[int], first: int, nights: int) -> bool:
    """Is [first, first + nights) exactly one run of ``mine`` (a stay of the plan)?"""
    inside = all(index in mine for index in range(first, first + nights))
    return inside and first - 1 not in mine and first + nights not in mine


def window_search_pays(runner: "StageRunner") -> bool:
    return len(runner.model.nights) >= MIN_NIGHTS_FOR_WINDOWS and runner.last_solver is not None


def window_search(runner: "StageRunner", name: str, search, deadline: float, describe) -> None:
    """Improve ``runner.incumbent`` on ``search`` (minimised) until ``deadline``.

    ``describe`` is (solution -> objective in user units, the stage's bound in user units),
    for progress reports.
    """
    measure, bound = describe
    rng = random.Random(runner.params.seed)
    best = runner.last_solver.value(search)
    width = START_WIDTH
    horizon = len(runner.model.nights)
    while deadline - time.monotonic() >= MIN_SUB_SOLVE_SECONDS:
        first = rng.randrange(0, max(1, horizon - width + 1))
        window = (first, first + width - 1)
        model = _neighbourhood(runner, window)
        model.minimize(search)
        limit = min(SUB_SOLVE_SECONDS, deadline - time.monotonic())
        solver = runner.solver(limit)
        began = time.monotonic()
        status = solver.solve(model)
        width = _adapt(width, status, time.monotonic() - began, limit)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        value = solver.objective_value
        if value <= best:  # equal moves too: they shift the plan and open other windows
            runner.incumbent = runner.extract(solver)
            if value < best:
                runner.report(name, measure(solver.value), bound)
            best = value


def _adapt(width: int, status, seconds: float, limit: float) -> int:
    if status == cp_model.OPTIMAL and seconds < limit / 2:
        return min(MAX_WIDTH, width + WIDTH_STEP)
    if status != cp_model.OPTIMAL:
        return max(MIN_WIDTH, width - WIDTH_STEP)
    return width


def _neighbourhood(runner: "StageRunner", window: tuple[int, int]) -> cp_model.CpModel:
    """A copy of the model with every stay outside ``window`` fixed to the incumbent's value."""
    model = runner.model.cp.clone()
    proto = model.proto
    first_free, last_free = window
    for child_id, stays in runner.model.stays.items():
        mine = runner.incumbent[child_id]
        for (first, nights), var in stays.items():
            if first + nights - 1 < first_free or first > last_free:
                value = 1 if is_stay(mine, first, nights) else 0
                domain = proto.variables[var.index].domain
                domain[0] = value
                domain[1] = value
    runner.hint(model)
    return model
