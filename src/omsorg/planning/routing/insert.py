"""Cheapest feasible insertion of a visit, or of a linked group of visits, into a schedule.

The cost of an insertion is exact: the change of the weighted objective, found by the least
schedule (``model.schedule``) of the routes with the visits in place. Positions are tried in
order of their travel/distance/preference cost, which is a lower bound of the whole change
(tardiness and overtime only grow when a visit is added), so the search stops as soon as that
bound cannot beat the best position found. A visit without links placed in a route with no
linked visit after it is evaluated on its own route only, which gives the same times.
"""

from dataclasses import dataclass

from omsorg.planning.routing.model import EPS, RoutingModel, Schedule, schedule

# Linked groups: positions kept per visit, and partial placements kept between visits.
GROUP_CANDIDATES = 8
GROUP_BEAM = 4


@dataclass(frozen=True)
class Insertion:
    """Visits placed as ``(visit, staff, position)`` and the exact change of the objective."""

    placements: tuple[tuple[int, int, int], ...]
    delta: float


def positions(model: RoutingModel, routes: list[list[int]], v: int) -> list[tuple[float, int, int]]:
    """``(arc and preference cost, staff, position)`` for every position a staff member with
    the skills could take ``v``, cheapest first."""
    arc, loc, lv = model.arc, model.loc, model.loc[v]
    w_np = model.weights.not_preferred
    found = []
    for k, route in enumerate(routes):
        if not model.allowed[k][v]:
            continue
        extra = w_np if model.not_preferred[k][v] else 0.0
        stops = [model.home[k], *(loc[u] for u in route), model.away[k]]
        for p in range(len(route) + 1):
            a, b = stops[p], stops[p + 1]
            found.append((arc[a][lv] + arc[lv][b] - arc[a][b] + extra, k, p))
    found.sort()
    return found


def best_single(model: RoutingModel, state: Schedule, v: int) -> Insertion | None:
    """The cheapest feasible position for the unlinked visit ``v``, or ``None``."""
    best: Insertion | None = None
    penalty = model.weights.unassigned
    for bound, k, p in positions(model, state.routes, v):
        if best is not None and bound - penalty >= best.delta - EPS:
            break
        route = state.routes[k]
        if any(model.linked[u] for u in route[p:]):
            delta = _delta_full(model, state, ((v, k, p),))
        else:
            delta = _delta_local(model, state, v, k, p, bound)
        if delta is not None and (best is None or delta < best.delta):
            best = Insertion(((v, k, p),), delta)
    return best


def best_group(model: RoutingModel, state: Schedule, group: list[int]) -> Insertion | None:
    """A cheap feasible placement of a linked ``group`` (beam search over its visits)."""
    beam: list[tuple[float, tuple[tuple[int, int, int], ...], list[list[int]]]] = [
        (0.0, (), state.routes)
    ]
    for v in group:
        grown = []
        for _, placed, routes in beam:
            for _, k, p in positions(model, routes, v)[:GROUP_CANDIDATES]:
                trial = [r[:] for r in routes]
                trial[k].insert(p, v)
                result = schedule(model, trial)
                if result is not None:
                    grown.append((result.total, (*placed, (v, k, p)), trial))
        grown.sort(key=lambda item: item[0])
        beam = grown[:GROUP_BEAM]
        if not beam:
            return None
    total, placed, _ = beam[0]
    return Insertion(placed, total - state.total)


def apply(model: RoutingModel, state: Schedule, insertion: Insertion) -> Schedule | None:
    """The schedule with ``insertion`` made (placements in the order they were chosen)."""
    routes = [r[:] for r in state.routes]
    for v, k, p in insertion.placements:
        routes[k].insert(p, v)
    return schedule(model, routes)


def _delta_full(model, state, placements) -> float | None:
    result = apply(model, state, Insertion(placements, 0.0))
    return None if result is None else result.total - state.total


def _delta_local(model, state, v, k, p, bound) -> float | None:  # noqa: C901, PLR0912
    route, start = state.routes[k], state.start
    load = sum(model.demand[u] for u in route) + model.demand[v]
    if load > model.cap[k] + EPS:
        return None
    T, loc, dur, w = model.T, model.loc, model.dur, model.weights
    if p == 0:
        time, here = model.shift_start[k], model.home[k]
    else:
        u = route[p - 1]
        time, here = start[u] + dur[u], loc[u]
    tardiness, max_late = 0.0, state.terms["max_tardiness"]
    old_return = state.returns[k]
    new_return = None
    for u in (v, *route[p:]):
        begin = max(time + T[here][loc[u]], state.floor[u])
        if begin > model.hard_end[u] + EPS:
            return None
        if u != v and begin <= start[u] + EPS:
            new_return = old_return  # the rest of the route keeps its times
            break
        late = _late(model, u, begin)
        if late:
            tardiness += late - (_late(model, u, start[u]) if u != v else 0.0)
            max_late = max(max_late, late)
        time, here = begin + dur[u], loc[u]
    if new_return is None:
        new_return = time + T[here][model.away[k]]
    end = model.shift_end[k]
    if new_return > end + EPS and not model.overtime_allowed:
        return None
    overtime = max(0.0, new_return - end) - max(0.0, old_return - end)
    return (
        bound - w.unassigned + w.tardiness * tardiness
        + w.max_tardiness * (max_late - state.terms["max_tardiness"]) + w.overtime * overtime
    )


def _late(model: RoutingModel, v: int, begin: float) -> float:
    end = model.soft_end[v]
    return begin - end if end is not None and begin > end else 0.0
