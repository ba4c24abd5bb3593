"""Large neighbourhood search over exact schedules: remove some visits, insert them again.

Each step removes a few linked groups (at random, related in place and time to a seed visit,
the costliest, or a whole route), re-inserts every unplanned group by cheapest feasible
insertion (``insert.py``) in a random or window order, and accepts the result by simulated
annealing. Every state is a least schedule of its routes (``model.schedule``), so every plan
the search keeps keeps all hard rules and carries its exact objective.
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
START_TEMPERATURE = 0.002
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
    while time.monotonic() < deadline and model.n and model.m:
        fraction = (time.monotonic() - began) / span
        temperature = start_temperature * (0.01**fraction)
        candidate = _step(model, current, rng, deadline)
        if candidate is None:
            continue
        change = candidate.total - current.total
        if change < 0 or rng.random() < math.exp(-change / max(temperature, 1e-12)):
            current = candidate
            if current.total < best.total - 1e-9:
                best = current
                if improved is not None:
                    improved(best)
    return best


def _route_cost(model: RoutingModel, state: Schedule) -> float:
    return state.total - model.weights.unassigned * state.terms["unassigned"] + 1.0


def _step(model, current: Schedule, rng: random.Random, deadline: float) -> Schedule | None:
    planned = [v for route in current.routes for v in route]
    if not planned:
        return _recreate(model, current, rng, deadline)
    groups = sorted({model.component_of[v] for v in planned})
    count = rng.randint(1, max(1, min(len(groups), 4 + len(groups) // 8, 30)))
    chosen = rng.choice((_random_groups, _related_groups, _costly_groups, _route_groups))(
        model, current, groups, count, rng
    )
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
