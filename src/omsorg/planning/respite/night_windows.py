"""Crunch months: window search on the night model, after pair exchanges (exchange.py).

A large-neighbourhood search: each step frees a window of consecutive nights for every child
(or, one step in ``CHILDREN_EVERY``, the whole horizon for a few short children), fixes every
other night of the night model (nights.py) to the best plan so far, and lets CP-SAT re-plan the
freed part for a short time, minimising total shortfall with the largest ratio held: each child
keeps at least the nights the plan's ratio requires (descent.required_at), so objective 1 can
never rise, and the plan is kept only when (ratio, total) is lexicographically better and the
engine's checker passes it. On seed 11 of the benchmark, offline from the exchange plan (28
nights short): 23 in 45 s at load 21 with 21-night windows of 2 s each, where the full
night-model solve and the stay model's window search reached 26-33.

Windows are drawn with ``random.Random(seed)``, every other one centred on a night that a
"culprit" could use but does not: a child short of its most alone, or, when the Lagrangian floor
split the horizon (floors.py), short of its most outside the split nights S (a plan at that floor
has every child at that most), with nights outside S preferred. Sub-solves run one presolve
pass without probing: all but the window is fixed.
"""

import random
import time
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from omsorg.planning.respite.check import check_plan
from omsorg.planning.respite.descent import required_at
from omsorg.planning.respite.floors import total_floor
from omsorg.planning.respite.objectives import counts, ratio_of, total_shortfall
from omsorg.planning.respite.results import stays_of

if TYPE_CHECKING:
    from omsorg.planning.respite.nights import NightModel

Nights = dict[str, frozenset[int]]

# Three weeks: wide enough to move a stay and the ones it blocks, small enough to solve in a
# second or two on 60 children.
WIDTH = 21
SUB_SOLVE_SECONDS = 2.0
MIN_SUB_SOLVE_SECONDS = 0.3
# One step in this many frees a few children over the whole horizon instead of a window.
CHILDREN_EVERY = 4
FREE_CHILDREN = 3
# Share of windows centred on a night a short child could use (the rest uniform).
TARGETED_SHARE = 0.5
# One presolve pass without probing: most of the model is fixed, and the full presolve took a
# third of each sub-solve (seed 11: 1.5 s against 2.1 s for a 21-night window, same optimum).
LIGHT_PRESOLVE = True


def score(night: "NightModel", nights: Nights) -> tuple:
    """(ratio, total shortfall) of a plan: smaller is better, lexicographically."""
    model = night.runner.model
    planned = counts(nights)
    return ratio_of(model, planned), total_shortfall(model, planned)


def window_search(night: "NightModel", deadline: float, seed: int, steps: int | None = None) -> int:
    """Improve ``night.runner.incumbent`` until ``deadline``, the total floor or ``steps``
    sub-solves; returns the number of improving steps. The incumbent is replaced only by a
    better, checked plan."""
    runner, model = night.runner, night.runner.model
    rng = random.Random(seed)
    horizon = len(model.nights)
    fixed = {stay.child for stay in model.instance.fixed_stays}
    best = score(night, runner.incumbent)
    floor = total_floor(model)
    step = improved = 0
    while deadline - time.monotonic() >= MIN_SUB_SOLVE_SECONDS and best[1] > floor:
        if steps is not None and step >= steps:
            break
        step += 1
        short = _culprits(model, runner.incumbent, fixed)
        if not short:
            break
        if step % CHILDREN_EVERY == 0:
            chosen = rng.sample(short, min(FREE_CHILDREN, len(short)))
            free = _Free({c.id for c in chosen}, (0, -1))
        else:
            first = _pick_start(model, rng, short, horizon, WIDTH, runner.incumbent)
            free = _Free(set(), (first, first + WIDTH - 1))
        limit = min(SUB_SOLVE_SECONDS, deadline - time.monotonic())
        found = _solve(night, free, limit, seed)
        if found is None:
            continue
        new = score(night, found)
        if new < best and not check_plan(model.instance, stays_of(model, found)):
            runner.incumbent, best = found, new
            night.offer(found)
            improved += 1
    return improved


def _culprits(model, plan: Nights, fixed: set[str]) -> list:
    """The children a better plan must give more: those short of their most alone, and, when
    the Lagrangian floor split the horizon (floors.py), those short of their most outside its
    nights S. A plan at that floor has every child at its most outside S and the beds of S
    full, so only these children's nights can close the gap (seed 11: 25 nights short, 5 above
    the floor, all of them three children's missing nights outside February, two of whom had
    their most alone)."""
    split = model.floors.get("split", frozenset())
    outside = model.floors.get("outside", {})
    return [
        c
        for c in model.instance.children
        if c.id not in fixed
        and (
            len(plan[c.id]) < model.alone_best[c.id]
            or len(plan[c.id] - split) < outside.get(c.id, 0)
        )
    ]


class _Free:
    """The freed part of a neighbourhood: every night of ``children``, every night in
    ``window`` (first, last; empty when last < first)."""

    def __init__(self, children: set[str], window: tuple[int, int]) -> None:
        self.children, (self.first, self.last) = children, window

    def __call__(self, child_id: str, index: int) -> bool:
        return child_id in self.children or self.first <= index <= self.last


def _pick_start(model, rng: random.Random, short: list, horizon: int, width: int, plan) -> int:
    """The first night of a window: half of them centred on a night one of ``short`` could use
    but does not (outside S when the horizon is split: a night gained there closes the gap)."""
    if rng.random() < TARGETED_SHARE:
        child = rng.choice(short)
        split = model.floors.get("split", frozenset())
        usable = sorted(model.stay_night[child.id].keys() - plan[child.id] - split)
        if usable:
            centre = rng.choice(usable)
            return min(max(0, centre - width // 2), max(0, horizon - width))
    return rng.randrange(0, max(1, horizon - width + 1))


def _solve(night: "NightModel", free: _Free, limit: float, seed: int) -> Nights | None:
    """The night model with every night outside ``free`` fixed to the incumbent, each child
    held at the nights the incumbent's ratio requires, total shortfall minimised."""
    runner, model = night.runner, night.runner.model
    incumbent = runner.incumbent
    cp = night.cp.clone()
    cp.clear_hints()
    proto = cp.proto
    for child_id, mine in night.x.items():
        planned = incumbent[child_id]
        for index, var in mine.items():
            if not free(child_id, index):
                value = 1 if index in planned else 0
                domain = proto.variables[var.index].domain
                domain[0] = value  # a Boolean's domain is [0, 1]
                domain[1] = value
            cp.add_hint(var, index in planned)
    for child_id, least in required_at(model, ratio_of(model, counts(incumbent))).items():
        cp.add(night.planned[child_id] >= least)
    cp.minimize(night.total)
    solver = runner.solver(limit)
    solver.parameters.random_seed = seed
    if LIGHT_PRESOLVE:
        solver.parameters.max_presolve_iterations = 1
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.symmetry_level = 0
    status = solver.solve(cp)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {
        c: frozenset(i for i, var in mine.items() if solver.boolean_value(var))
        for c, mine in night.x.items()
    }
