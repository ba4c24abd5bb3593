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
child short of its most alone could use (only there can a night be gained).
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
        short = [
            c
            for c in model.instance.children
            if c.id not in fixed and len(runner.incumbent[c.id]) < model.alone_best[c.id]
        ]
        if not short:
            break
        if step % CHILDREN_EVERY == 0:
            chosen = {c.id for c in rng.sample(short, min(FREE_CHILDREN, len(short)))}
            free = _Free(chosen, (0, -1))
        else:
            first = _pick_start(model, rng, short, horizon)
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


class _Free:
    """The freed part of a neighbourhood: every night of ``children``, every night in
    ``window`` (first, last; empty when last < first)."""

    def __init__(self, children: set[str], window: tuple[int, int]) -> None:
        self.children, (self.first, self.last) = children, window

    def __call__(self, child_id: str, index: int) -> bool:
        return child_id in self.children or self.first <= index <= self.last


def _pick_start(model, rng: random.Random, short: list, horizon: int) -> int:
    if rng.random() < TARGETED_SHARE:
        usable = sorted(model.stay_night[rng.choice(short).id])
        if usable:
            centre = rng.choice(usable)
            return min(max(0, centre - WIDTH // 2), max(0, horizon - WIDTH))
    return rng.randrange(0, max(1, horizon - WIDTH + 1))


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
    status = solver.solve(cp)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {
        c: frozenset(i for i, var in mine.items() if solver.boolean_value(var))
        for c, mine in night.x.items()
    }
