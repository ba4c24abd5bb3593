"""Objective 1 on its own: a search over the achievable ratios by feasibility solves.

A child's shortfall ratio is a fraction k / E, so the largest ratio takes one of finitely many
values. "Is there a plan with every ratio <= r?" is a feasibility question (each child needs
planned >= E - floor(r E)) and monotone in r, so a binary search over the candidate values
between the proven floor and the best plan's ratio finds the optimum: a plan at r* and an
infeasibility proof at the candidate just below it prove objective 1 optimal. On the 60-children
half-year benchmark such a solve finds a plan at ratio 0.1 in about 3 s, where the weighted
solve of both shortfall terms was still at 0.125 after 60 s: without total shortfall in the
objective, CP-SAT's search goes straight for the worst-off children.
"""

import time
from fractions import Fraction
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from omsorg.planning.common.progress import ProgressEvent
from omsorg.planning.respite.floors import ratio_floor
from omsorg.planning.respite.objectives import counts, ratio_of
from omsorg.planning.respite.plan import StageReport

if TYPE_CHECKING:  # stage.py imports the model; only the type is needed here
    from omsorg.planning.respite.stage import StageRunner

# One feasibility solve gets at most this share of the search's time: a hard candidate must not
# eat the whole search, and an easier (larger) one is tried next.
TRY_SHARE = 0.34
# Below this a solve cannot even load the model of the larger benchmarks.
MIN_TRY_SECONDS = 0.05
# The name of the search in progress events and the plan's stages (the web page's label key).
STAGE = "max_shortfall_ratio"


def candidates(runner: "StageRunner") -> list[Fraction]:
    """Achievable ratios k / E from the proven floor up to the best plan's ratio, sorted."""
    model = runner.model
    low, high = ratio_floor(model), ratio_of(model, counts(runner.incumbent))
    values = {Fraction(k, e) for e in model.terms.ratio.denominators for k in range(e + 1)}
    return sorted(value for value in values if low <= value <= high)


def ratio_search(runner: "StageRunner", deadline: float) -> Fraction:
    """Lower the best plan's largest ratio by feasibility solves; return the proven bound.

    Binary search over ``candidates``: a plan found at a candidate moves the top to that plan's
    own ratio; an infeasible candidate moves the bottom above it (and proves it); a solve that
    runs out of time moves the bottom too, as a guess, without proving anything.
    """
    values = candidates(runner)
    proven = values[0] if values else Fraction(0)
    low, high = 0, len(values) - 1  # values[high] is the best plan's ratio
    while low < high:
        left = deadline - time.monotonic()
        if left < MIN_TRY_SECONDS:
            break
        middle = (low + high) // 2
        status, nights = _try(runner, values[middle], max(MIN_TRY_SECONDS, left * TRY_SHARE))
        if nights is not None:
            runner.incumbent = nights
            high = values.index(ratio_of(runner.model, counts(nights)))
            _report(runner, values[high], proven)
        else:
            if status == cp_model.INFEASIBLE:  # so is every candidate below it
                proven = max(proven, values[middle + 1])
            low = middle + 1
    return proven


def _report(runner: "StageRunner", ratio: Fraction, proven: Fraction) -> None:
    """Tell ``progress`` about a plan with a lower largest ratio."""
    if runner.progress is not None:
        wall = time.monotonic() - runner.began
        terms = {"max_shortfall_ratio": float(ratio)}
        runner.progress(ProgressEvent(STAGE, float(ratio), float(proven), wall, terms))


def search_report(runner: "StageRunner", proven: Fraction) -> StageReport:
    """The search as a stage of the plan: "optimal" when the best plan's ratio is proven."""
    ratio = ratio_of(runner.model, counts(runner.incumbent))
    status = "optimal" if ratio <= proven else "feasible"
    wall = time.monotonic() - runner.began
    return StageReport(STAGE, status, float(ratio), float(proven), wall)


def _try(runner: "StageRunner", ratio: Fraction, limit: float):
    """One feasibility solve: every child at ratio <= ``ratio``; (status, nights or None)."""
    model = runner.model
    cp = model.cp.clone()
    cp.clear_objective()
    for child_id, entitled in model.entitled.items():
        if entitled > 0:
            # planned >= E - floor(r E): exactly "(E - planned) / E <= r" in integers.
            cp.add(model.planned[child_id] >= entitled - int(ratio * entitled))
    runner.hint(cp)
    solver = runner.solver(limit)
    status = solver.solve(cp)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, runner.extract(solver)
    return status, None
