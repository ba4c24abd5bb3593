"""A nearest-neighbour baseline on the same contract instances.

All staff move in parallel: repeatedly, of every unplanned visit (or linked group, with two
different staff for a double visit) that some staff member can still take keeping the hard
rules, take the one its staff member can start soonest (travel plus waiting: nearest in time,
as time windows make the plain nearest place a poor choice), ties broken by travel. Nothing is
ever moved again. The sequences are then timed by the engine's least schedule and checked by
``check.py`` like the engine's plans.
"""

import itertools
import math

from omsorg.planning.routing.instance import Instance
from omsorg.planning.routing.model import EPS, RoutingModel, schedule
from omsorg.planning.routing.results import plan_of


def nearest_neighbour(instance: Instance) -> dict:
    """The baseline's plan (contract JSON)."""
    model = RoutingModel(instance)
    here = list(model.home)
    free = list(model.shift_start)
    load = [0.0] * model.m
    routes: list[list[int]] = [[] for _ in range(model.m)]
    waiting = [g for g in model.components]
    while waiting:
        best = None
        for group in waiting:
            for choice in _choices(model, group, here, free, load):
                if best is None or choice[0] < best[0]:
                    best = (*choice, group)
        if best is None:
            break
        _, _, starts, staff, group = best
        for v, k, begin in zip(group, staff, starts, strict=True):
            routes[k].append(v)
            here[k], free[k] = model.loc[v], begin + model.dur[v]
            load[k] += model.demand[v]
        waiting.remove(group)
    state = schedule(model, routes)
    return plan_of(model, state, "feasible", None).to_dict()


def _choices(model, group, here, free, load):
    """(key, _, starts, staff) for each feasible assignment of ``group`` to distinct staff."""
    capable = [[k for k in range(model.m) if model.allowed[k][v]] for v in group]
    for staff in itertools.product(*capable):
        if len(set(staff)) < len(staff):
            continue
        starts = _starts(model, group, staff, here, free, load)
        if starts is not None:
            pairs = list(zip(group, staff, strict=True))
            soonest = max(begin - free[k] for begin, (_, k) in zip(starts, pairs, strict=True))
            distance = sum(model.T[here[k]][model.loc[v]] for v, k in pairs)
            yield ((soonest, distance), 0, starts, staff)


def _starts(model, group, staff, here, free, load):  # noqa: C901
    start = {}
    for v, k in zip(group, staff, strict=True):
        if load[k] + model.demand[v] > model.cap[k] + EPS:
            return None
        start[v] = max(free[k] + model.T[here[k]][model.loc[v]], model.ws[v])
    for _ in range(len(group) + 2):  # settle the links inside the group
        moved = False
        for v in group:
            for w, gap in model.push[v]:
                if w in start and start[w] < start[v] + gap - EPS:
                    start[w], moved = start[v] + gap, True
        if not moved:
            break
    else:
        return None
    result = []
    for v, k in zip(group, staff, strict=True):
        begin = start[v]
        back = begin + model.dur[v] + model.T[model.loc[v]][model.away[k]]
        if begin > model.hard_end[v] + EPS or math.isinf(begin):
            return None
        if not model.overtime_allowed and back > model.shift_end[k] + EPS:
            return None
        result.append(begin)
    return result
