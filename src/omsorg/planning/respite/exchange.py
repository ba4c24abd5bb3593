"""Pair exchanges: two children re-planned together by best responses, in pure Python.

Best responses (improve.py) stop where no child alone can gain a night: a short child's nights
are taken by another child who could as well stay elsewhere. A pair exchange takes both off
the plan, gives the short child its best response (alone.best_nights on the nights left), then
the other child its best response, and keeps the result when the two together gain a night and
neither falls below the nights it needs for the plan's largest ratio (descent.required_at).
The largest ratio never rises, total shortfall only falls. On seed 11 of the benchmark (a
short February) the ratio stage's plan, 117 nights short, went to 54 by best responses and to
28 by pair exchanges in 5 s on a machine loaded 14 on 2 cores, where CP-SAT's full solve of the
night model gained nothing in 30 s.
"""

import time

from omsorg.planning.respite.alone import best_nights
from omsorg.planning.respite.descent import required_at
from omsorg.planning.respite.improve import Occupancy
from omsorg.planning.respite.model import RespiteModel
from omsorg.planning.respite.objectives import counts, ratio_of

Nights = dict[str, frozenset[int]]


def exchange(
    model: RespiteModel, nights: Nights, deadline: float, worst_only: bool = False
) -> Nights:
    """Sweep pair exchanges until none helps or ``deadline`` (time.monotonic()) passes.

    ``worst_only``: only the children at the plan's largest ratio go first, to lower that ratio
    quickly (a sweep over every short child took 13 s at load 16 on t120_s23 and gained nothing).
    """
    plan = {child_id: set(mine) for child_id, mine in nights.items()}
    needed = required_at(model, ratio_of(model, counts(nights)))
    occupancy = Occupancy(model, plan)
    fixed = {stay.child for stay in model.instance.fixed_stays}
    movable = [child for child in model.instance.children if child.id not in fixed]
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        short = [c for c in movable if len(plan[c.id]) < model.alone_best[c.id]]
        if worst_only:
            worst = max((_ratio(model, plan, c.id) for c in movable), default=0.0)
            short = [c for c in short if _ratio(model, plan, c.id) >= worst]
        # The worst-off first: from a plan whose ratio is above the floor (the start plan of a
        # crunch month), their gains lower the largest ratio.
        short.sort(key=lambda c: _ratio(model, plan, c.id), reverse=True)
        for child in short:
            usable = model.stay_night[child.id].keys()
            for other in movable:
                if time.monotonic() >= deadline:
                    break
                if other.id == child.id or not plan[other.id] & usable:
                    continue
                if _exchange(model, plan, occupancy, (child, other), needed):
                    improved = True
                    # Held at the plan's new ratio, so a later exchange never raises it again.
                    needed = required_at(model, ratio_of(model, counts(plan)))
                    break
    return {child_id: frozenset(mine) for child_id, mine in plan.items()}


def _ratio(model: RespiteModel, plan: dict[str, set[int]], child_id: str) -> float:
    entitled = model.entitled[child_id]
    return 0.0 if entitled == 0 else (entitled - len(plan[child_id])) / entitled


def _exchange(model, plan, occupancy: Occupancy, pair: tuple, needed: dict[str, int]) -> bool:
    """Re-plan ``pair`` (short child first); True and kept when they gain a night together."""
    old = [plan[child.id] for child in pair]
    for child, mine in zip(pair, old, strict=True):
        occupancy.remove(child, mine)
        plan[child.id] = set()
    for child in pair:
        usable = occupancy.free_for(child, plan)
        plan[child.id] = best_nights(child.stay_nights, model.caps[child.id], usable)
        occupancy.add(child, plan[child.id])
    gained = sum(len(plan[c.id]) for c in pair) > sum(len(mine) for mine in old)
    if gained and all(len(plan[c.id]) >= needed.get(c.id, 0) for c in pair):
        return True
    for child, mine in zip(pair, old, strict=True):
        occupancy.remove(child, plan[child.id])
        plan[child.id] = mine
        occupancy.add(child, mine)
    return False
