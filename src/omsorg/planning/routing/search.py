"""Large neighbourhood search over exact schedules: remove some visits, insert them again.

Each step removes a few linked groups with one of five removal operators (at random, related in
place and time to a seed visit, the costliest, a whole route, or the latest visits and those
around the latest), re-inserts every unplanned
group by cheapest feasible insertion (``insert.py``) in a random or window order, and accepts the
result by simulated annealing. The operators are chosen by adaptive weights (scored by how often
each found a new best, an improvement or an accepted plan). When the best plan has not improved
for a while the search restarts from it with a large random removal: on Mankowska the plain
search often sat in one deep local optimum (B9 at 8.4 % with one seed, 0.3 % with another).
Every state is a least schedule of its routes (``model.schedule``), so every plan the search keeps
keeps all hard rules and carries its exact objective.
"""

import math
import random
import time
from collections.abc import Callable

from omsorg.planning.routing.insert import apply, best_group, best_single
from omsorg.planning.routing.model import RoutingModel, Schedule, schedule

Improved = Callable[[Schedule], None]

# Simulated annealing: the first temperature as a share of the plan's cost per planned visit
# (unplanned visits' weight left out), cooling geometrically to a hundredth by the deadline.
# 0.002 was in effect a descent: Mankowska B4 never left its first second's plan (17.5 % above
# the best known at 10, 20 and 120 s); with 0.05 it reached the best known in 15 s.
START_TEMPERATURE = 0.05
# Steps without a new best before a restart from the best plan with a large random removal
# (a share of the groups between RESTART_SHARE and twice it).
STALL_STEPS = 250
RESTART_SHARE = 0.2
# Adaptive operator weights: scores for a new best, an improvement, an accepted plan; weights
# move by REACTION towards the mean score of each operator every SEGMENT steps.
SCORES = (10.0, 4.0, 1.0)
REACTION = 0.2
SEGMENT = 50
# Re-insert linked groups first in half of the ordered re-insertions: off, as on Mankowska B1, C3
# and D1 (10 s each) it did slightly worse.
GROUPS_FIRST = False


def construct(
    model: RoutingModel, state: Schedule, rng: random.Random | None = None,
    deadline: float = math.inf,
) -> Schedule:
    """Insert every unplanned group into ``state``, earliest window first (or shuffled), until
    ``deadline`` (``time.monotonic()``): groups left then stay unplanned."""
    return _recreate(model, state, rng, deadline)


def improve(
    model: RoutingModel,
    state: Schedule,
    deadline: float,
    rng: random.Random,
    improved: Improved | None = None,
) -> Schedule:
    """Search until ``deadline`` (``time.monotonic()``); return the best schedule seen."""
    best = current = state
    planned = model.n - int(state.terms["unassigned"])
    start_temperature = START_TEMPERATURE * _route_cost(model, best) / max(1, planned) + 1e-6
    began = time.monotonic()
    span = max(1e-6, deadline - began)
    operators = _Operators()
    stalled = 0
    while time.monotonic() < deadline and model.n and model.m:
        fraction = (time.monotonic() - began) / span
        temperature = start_temperature * (0.01**fraction)
        if stalled >= STALL_STEPS:
            stalled = 0
            restarted = _restart(model, best, rng, deadline)
            if restarted is not None:
                current = restarted
            continue
        op = operators.choose(rng)
        candidate = _step(model, current, rng, deadline, op)
        stalled += 1
        if candidate is None:
            operators.score(op, None)
            continue
        change = candidate.total - current.total
        if change < 0 or rng.random() < math.exp(-change / max(temperature, 1e-12)):
            outcome = 2 if change < -1e-9 else 3
            current = candidate
            if current.total < best.total - 1e-9:
                best, outcome, stalled = current, 0, 0
                if improved is not None:
                    improved(best)
            operators.score(op, SCORES[outcome - 1] if outcome else SCORES[0])
        else:
            operators.score(op, 0.0)
    return best


class _Operators:
    """Roulette-wheel choice of the removal operators with adaptive weights."""

    def __init__(self) -> None:
        self.ops = REMOVALS
        self.weights = [1.0] * len(self.ops)
        self.sums = [0.0] * len(self.ops)
        self.counts = [0] * len(self.ops)
        self.steps = 0

    def choose(self, rng: random.Random) -> int:
        return rng.choices(range(len(self.ops)), weights=self.weights)[0]

    def score(self, op: int, value: float | None) -> None:
        self.sums[op] += value or 0.0
        self.counts[op] += 1
        self.steps += 1
        if self.steps % SEGMENT:
            return
        for i in range(len(self.ops)):
            if self.counts[i]:
                mean = self.sums[i] / self.counts[i]
                # A floor keeps every operator in play.
                self.weights[i] = max(0.1, (1 - REACTION) * self.weights[i] + REACTION * mean)
            self.sums[i], self.counts[i] = 0.0, 0


def _restart(model, best: Schedule, rng: random.Random, deadline: float) -> Schedule | None:
    planned = [v for route in best.routes for v in route]
    groups = sorted({model.component_of[v] for v in planned})
    if not groups:
        return None
    share = RESTART_SHARE * (1 + rng.random())
    chosen = set(rng.sample(groups, max(1, round(share * len(groups)))))
    routes = [[v for v in route if model.component_of[v] not in chosen] for route in best.routes]
    ruined = schedule(model, routes)
    if ruined is None:
        return None
    return _recreate(model, ruined, rng, deadline)


def _route_cost(model: RoutingModel, state: Schedule) -> float:
    return state.total - model.weights.unassigned * state.terms["unassigned"] + 1.0


def _step(
    model, current: Schedule, rng: random.Random, deadline: float, op: int | None = None,
) -> Schedule | None:
    planned = [v for route in current.routes for v in route]
    if not planned:
        return _recreate(model, current, rng, deadline)
    groups = sorted({model.component_of[v] for v in planned})
    count = rng.randint(1, max(1, min(len(groups), 4 + len(groups) // 8, 30)))
    remove = REMOVALS[op] if op is not None else rng.choice(REMOVALS)
    chosen = remove(model, current, groups, count, rng)
    routes = [[v for v in route if model.component_of[v] not in chosen] for route in current.routes]
    ruined = schedule(model, routes)
    if ruined is None:  # the travel times need not keep the triangle inequality
        return None
    return _recreate(model, ruined, rng, deadline)


def _random_groups(model, state, groups, count, rng) -> set[int]:
    return set(rng.sample(groups, count))


def _related_groups(model, state, groups, count, rng) -> set[int]:
    seed = model.components[rng.choice(groups)][0]
    here, when = model.loc[seed], state.start[seed]

    def distance(c: int) -> float:
        v = model.components[c][0]
        return model.T[here][model.loc[v]] + 0.5 * abs((state.start[v] or 0.0) - when)

    return set(sorted(groups, key=distance)[:count])


def _costly_groups(model, state, groups, count, rng) -> set[int]:
    arc, loc = model.arc, model.loc
    saving: dict[int, float] = {}
    for k, route in enumerate(state.routes):
        stops = [model.home[k], *(loc[v] for v in route), model.away[k]]
        for i, v in enumerate(route):
            a, b, c = stops[i], stops[i + 1], stops[i + 2]
            gain = arc[a][b] + arc[b][c] - arc[a][c]
            late = state.start[v] - model.soft_end[v] if model.soft_end[v] is not None else 0.0
            gain += max(0.0, late) * (model.weights.tardiness + model.weights.max_tardiness)
            group = model.component_of[v]
            saving[group] = saving.get(group, 0.0) + gain * (0.7 + 0.6 * rng.random())
    return set(sorted(saving, key=saving.__getitem__, reverse=True)[:count])


def _route_groups(model, state, groups, count, rng) -> set[int]:
    used = [route for route in state.routes if route]
    chosen = {model.component_of[v] for v in rng.choice(used)}
    if len(chosen) < count:
        chosen |= _related_groups(model, state, groups, count - len(chosen), rng)
    return chosen


def _late_groups(model, state, groups, count, rng) -> set[int]:
    """The groups of the latest visits, then the groups related to the latest of them.

    Mankowska D3 (one 120 s run, 7 % above the best known) kept 61 of tardiness where the best
    known plans have almost none; the costliest removal scores a late visit by its tardiness
    next to its arcs, which are larger, so late visits were rarely taken out together."""
    late = []
    for route in state.routes:
        for v in route:
            end = model.soft_end[v]
            if end is not None and state.start[v] > end + 1e-9:
                late.append((state.start[v] - end, model.component_of[v]))
    if not late:
        return _related_groups(model, state, groups, count, rng)
    late.sort(reverse=True)
    chosen: set[int] = set()
    for _, group in late:
        if len(chosen) >= max(1, count // 2):
            break
        chosen.add(group)
    if len(chosen) < count:
        # Around the latest visit in place and time, so that its neighbours can make room.
        seed = model.components[late[0][1]][0]
        here, when = model.loc[seed], state.start[seed]

        def distance(c: int) -> float:
            v = model.components[c][0]
            return model.T[here][model.loc[v]] + 0.5 * abs((state.start[v] or 0.0) - when)

        rest = [g for g in groups if g not in chosen]
        chosen |= set(sorted(rest, key=distance)[: count - len(chosen)])
    return chosen


REMOVALS = (_random_groups, _related_groups, _costly_groups, _route_groups, _late_groups)


def _recreate(model, state: Schedule, rng: random.Random | None, deadline: float) -> Schedule:
    planned = {v for route in state.routes for v in route}
    waiting = [g for g in model.components if g[0] not in planned]
    if rng is None or rng.random() < 0.5:
        big_first = GROUPS_FIRST and (rng is None or rng.random() < 0.5)
        waiting.sort(key=lambda g: (-len(g) if big_first else 0, model.ws[g[0]], g[0]))
    else:
        rng.shuffle(waiting)
    for group in waiting:
        if time.monotonic() > deadline:
            break
        found = best_single(model, state, group[0]) if len(group) == 1 else None
        if len(group) > 1:
            found = best_group(model, state, group)
        if found is not None and found.delta < 0:
            placed = apply(model, state, found)
            if placed is not None:
                state = placed
    return state
