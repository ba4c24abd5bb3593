"""Objectives 1 and 2 by feasibility solves: the ideal plan first, then a search over ratios.

No plan gives a child more than it could have alone (``floors.counts_floor``), so a plan in
which every child has exactly that much is optimal on both shortfall terms at once, and the
floors prove it. Where the homes' nights could hold that much (``floors.routable``),
``ideal_search`` asks CP-SAT for such a plan first. On the 60-children half-year benchmark it
finds one in 6-19 s (five solver seeds, idle machine) where minimising total shortfall was still
one night above it after 60 s.

Otherwise objective 1 alone:

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
from omsorg.planning.respite.floors import (
    counts_floor,
    fits_homes,
    raise_total_floor,
    ratio_floor,
)
from omsorg.planning.respite.objectives import counts, ratio_of
from omsorg.planning.respite.plan import StageReport
from omsorg.planning.respite.rules import add_planned_at_least

if TYPE_CHECKING:  # stage.py imports the model; only the type is needed here
    from omsorg.planning.respite.stage import StageRunner

# One feasibility solve gets at most this share of the search's time: a hard candidate must not
# eat the whole search, and an easier (larger) one is tried next.
TRY_SHARE = 0.34
# Below this a solve cannot even load the model of the larger benchmarks.
MIN_TRY_SECONDS = 0.05
# The names of the searches in progress events and the plan's stages (the web page's label keys).
STAGE = "max_shortfall_ratio"
IDEAL_STAGE = "ideal"


def ideal_search(runner: "StageRunner", limit: float) -> bool:
    """Look for a plan giving every child the most it could have alone; True when found.

    Skipped (False) when the beds or the one-to-one staffing cannot hold that much night by
    night (``floors.fits_homes``): then the floors already say no such plan exists. Proven
    infeasible (stay lengths, incompatible children), it still teaches something: total
    shortfall is at least one night above the floor, which was exactly "everyone at the most".
    """
    model = runner.model
    most = counts_floor(model)
    if limit < MIN_TRY_SECONDS or not fits_homes(model, most):
        return False
    if counts(runner.incumbent) == most:
        return True
    # Unhinted: a greedy hint pulls the search towards the greedy plan's pattern, which on the
    # benchmark made the same solve take 31 s instead of 6 s.
    status, nights = _try(runner, most, limit, hint=False)
    if status == cp_model.INFEASIBLE:  # some child gets less than its most in every plan
        raise_total_floor(model, sum(model.entitled.values()) - sum(most.values()) + 1)
    if nights is None:
        return False
    runner.incumbent = nights
    ratio = ratio_of(model, most)
    _report(runner, ratio, ratio, stage=IDEAL_STAGE)
    return True


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
        required = required_at(runner.model, values[middle])
        status, nights = _try(runner, required, max(MIN_TRY_SECONDS, left * TRY_SHARE))
        if nights is not None:
            runner.incumbent = nights
            high = values.index(ratio_of(runner.model, counts(nights)))
            _report(runner, values[high], proven)
        else:
            if status == cp_model.INFEASIBLE:  # so is every candidate below it
                proven = max(proven, values[middle + 1])
            low = middle + 1
    return proven


def _report(runner: "StageRunner", ratio: Fraction, proven: Fraction, stage: str = STAGE) -> None:
    """Tell ``progress`` about a plan with a lower largest ratio."""
    if runner.progress is not None:
        wall = time.monotonic() - runner.began
        terms = {"max_shortfall_ratio": float(ratio)}
        runner.progress(ProgressEvent(stage, float(ratio), float(proven), wall, terms))


def search_report(runner: "StageRunner", proven: Fraction) -> StageReport:
    """The search as a stage of the plan: "optimal" when the best plan's ratio is proven."""
    ratio = ratio_of(runner.model, counts(runner.incumbent))
    status = "optimal" if ratio <= proven else "feasible"
    wall = time.monotonic() - runner.began
    return StageReport(STAGE, status, float(ratio), float(proven), wall)


def required_at(model, ratio: Fraction) -> dict[str, int]:
    """Nights each child needs for a shortfall ratio <= ``ratio``: E - floor(r E), in integers."""
    return {c: e - int(ratio * e) for c, e in model.entitled.items() if e > 0}


def _try(runner: "StageRunner", required: dict[str, int], limit: float, hint: bool = True):
    """One feasibility solve: each child planned >= ``required``; (status, nights or None)."""
    model = runner.model
    cp = model.cp.clone()
    cp.clear_objective()
    add_planned_at_least(model, cp, required)
    if hint:
        runner.hint(cp)
    else:
        cp.clear_hints()
    solver = runner.solver(limit)
    status = solver.solve(cp)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, runner.extract(solver)
    return status, None
