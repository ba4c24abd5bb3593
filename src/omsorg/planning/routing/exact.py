"""Exhaustive search for tiny instances, so that a plan can say ``optimal`` and mean it.

Every linked group is planned whole or not at all; each of its visits goes into any position of
any route whose staff member has the skills. Each complete assignment is scheduled exactly
(``model.schedule``), which gives the cheapest times for its sequences, so the best leaf is an
optimum. Used only when the number of leaves is small.
"""

import time

from omsorg.planning.routing.model import RoutingModel, Schedule, schedule

MAX_LEAVES = 30000


def leaf_count(model: RoutingModel) -> float:
    """An upper estimate of the assignments :func:`solve_exactly` enumerates."""
    count, placed = 1.0, 0
    for group in model.components:
        options = 1.0
        for _ in group:
            options *= model.m + placed
            placed += 1
        count *= options + 1
    return count


def solve_exactly(model: RoutingModel, deadline: float) -> Schedule | None:
    """An optimal schedule, or ``None`` if the deadline came first."""
    best: list[Schedule | None] = [None]
    routes: list[list[int]] = [[] for _ in range(model.m)]
    finished = _branch(model, routes, 0, best, deadline)
    return best[0] if finished else None


def _branch(model, routes, index, best, deadline) -> bool:
    if time.monotonic() > deadline:
        return False
    if index == len(model.components):
        result = schedule(model, routes)
        if result is not None and (best[0] is None or result.total < best[0].total):
            best[0] = Schedule(
                [r[:] for r in routes], result.start, result.floor, result.returns,
                result.terms, result.total,
            )
        return True
    if not _branch(model, routes, index + 1, best, deadline):  # the group stays unplanned
        return False
    return _place(model, routes, model.components[index], 0, index, best, deadline)


def _place(model, routes, group, i, index, best, deadline) -> bool:
    if i == len(group):
        return _branch(model, routes, index + 1, best, deadline)
    v = group[i]
    for k, route in enumerate(routes):
        if not model.allowed[k][v]:
            continue
        for p in range(len(route) + 1):
            route.insert(p, v)
            finished = _place(model, routes, group, i + 1, index, best, deadline)
            del route[p]
            if not finished:
                return False
    return True
