"""Best-response polishing of a starting plan, before CP-SAT takes over.

Each child in turn (most short first) gets the best stays it could have alone on the nights the
others leave it (an exact DP, alone.py): a child never loses a night, so the largest ratio and
the total shortfall can only improve. The greedy plan leaves many such single-child gains;
finding them in CP-SAT's neighbourhood search takes far longer than these few DPs.
"""

import time
from collections import Counter

from omsorg.planning.respite.alone import best_nights
from omsorg.planning.respite.model import RespiteModel

Nights = dict[str, frozenset[int]]


def improve(model: RespiteModel, nights: Nights, deadline: float) -> Nights:
    """Sweep best responses until none helps or ``deadline`` (time.monotonic()) passes."""
    plan = {child_id: set(mine) for child_id, mine in nights.items()}
    occupancy = Occupancy(model, plan)
    fixed = {stay.child for stay in model.instance.fixed_stays}
    movable = [child for child in model.instance.children if child.id not in fixed]
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        movable.sort(key=lambda c: _ratio(model, plan, c.id), reverse=True)
        for child in movable:
            if time.monotonic() >= deadline:
                break
            improved |= _respond(model, plan, occupancy, child)
    return {child_id: frozenset(mine) for child_id, mine in plan.items()}


def _ratio(model: RespiteModel, plan: dict[str, set[int]], child_id: str) -> float:
    entitled = model.entitled[child_id]
    return 0.0 if entitled == 0 else (entitled - len(plan[child_id])) / entitled


def _respond(model, plan, occupancy: "Occupancy", child) -> bool:
    """Replace the child's nights by its best response; True if that is strictly better."""
    old = plan[child.id]
    occupancy.remove(child, old)
    usable = occupancy.free_for(child, plan)
    bonus = _bonus(model, child, usable)
    new = best_nights(child.stay_nights, model.caps[child.id], usable, bonus)
    old_score = (len(old), sum(bonus.get(i, 0) for i in old))
    better = (len(new), sum(bonus.get(i, 0) for i in new)) > old_score
    if better:
        plan[child.id] = new
    occupancy.add(child, plan[child.id])
    return better


def _bonus(model: RespiteModel, child, usable: set[int]) -> dict[int, int]:
    """Ties between equally long plans: wished nights first, then preferred weekdays."""
    wished = {model.index_of(night) for night in child.wished_nights}
    weekdays = child.preferred_isoweekdays
    preferred = {i for i in usable if model.nights[i].weekday() in weekdays}
    wished_weight = len(preferred) + 1  # one wished night outweighs every preferred night
    return {
        i: (wished_weight if i in wished else 0) + (1 if i in preferred else 0)
        for i in usable
        if i in wished or i in preferred
    }


class Occupancy:
    """Children and one-to-one children per home and night, kept up to date as plans change."""

    def __init__(self, model: RespiteModel, plan: dict[str, set[int]]) -> None:
        self.model = model
        self.count: Counter = Counter()
        self.one_to_one: Counter = Counter()
        self.partners: dict[str, set[str]] = {c.id: set() for c in model.instance.children}
        for first, second in model.instance.incompatible:
            self.partners[first].add(second)
            self.partners[second].add(first)
        for child in model.instance.children:
            self.add(child, plan[child.id])

    def add(self, child, nights: set[int], sign: int = 1) -> None:
        for index in nights:
            self.count[(child.home, index)] += sign
            if child.one_to_one:
                self.one_to_one[(child.home, index)] += sign

    def remove(self, child, nights: set[int]) -> None:
        self.add(child, nights, -1)

    def free_for(self, child, plan: dict[str, set[int]]) -> set[int]:
        """The child's usable nights where a bed, staffing and company allow it to stay."""
        home = self.model.instance.home(child.home)
        limit = home.max_one_to_one_per_night
        taken = set().union(*(plan[p] for p in self.partners[child.id]))
        return {
            index
            for index in self.model.stay_night[child.id]
            if self.count[(home.id, index)] < home.beds
            and not (
                child.one_to_one
                and limit is not None
                and self.one_to_one[(home.id, index)] >= limit
            )
            and index not in taken
        }

    def _crowded(self, home_id: str, index: int, limit: int) -> bool:
        return self.one_to_one[(home_id, index)] >= limit
