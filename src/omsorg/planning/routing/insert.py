"""Cheapest feasible insertion of a visit, or of a linked group of visits, into a schedule.

The cost of an insertion is exact: the change of the weighted objective between the least
schedule of the routes before and after. It is found incrementally: the routes that receive a
visit are re-timed from the insertion point, and a visit whose start moves pushes the floors of
its linked visits, whose routes are re-timed from there, until nothing moves. When a start would
move earlier (travel times need not keep the triangle inequality) or the pushes do not settle,
the whole schedule is recomputed (``model.schedule``). Positions are tried in order of their
travel/distance/preference cost, a lower bound of the change as long as starts only move later,
and the search stops when that bound cannot beat the best position found.
"""

from collections import deque
from dataclasses import dataclass

from omsorg.planning.routing.model import EPS, RoutingModel, Schedule, schedule

# Linked groups: positions kept per visit, and partial placements kept between visits. With 10
# and 5, Mankowska B1 stayed 2.5 % above its optimum for 120 s; with 30 and 10 it reached it in
# 30 s, and C2 went from 9.8-18 % to 6.9 % (30 s runs, one each).
GROUP_CANDIDATES = 30
GROUP_BEAM = 10

# A visit re-timed more often than this in one insertion is taken to sit on a positive cycle of
# links (two double visits in crossing order, say) and the placement is refused. A feasible
# placement that needs more rounds is missed, never accepted wrongly: plans are always scheduled
# in full (``apply``).
RETIMES = 3

Placements = tuple[tuple[int, int, int], ...]


@dataclass(frozen=True)
class Insertion:
    """Visits placed as ``(visit, staff, position)`` and the exact change of the objective."""

    placements: Placements
    delta: float


def positions(
    model: RoutingModel, routes: list[list[int]], v: int, state: Schedule | None = None,
    *, alone: bool = True,
) -> list[tuple[float, int, int]]:
    """``(lower bound of the change, staff, position)`` for every position a staff member with
    the skills could take ``v``, cheapest first. The bound is the arc and preference cost and,
    given the ``state`` the routes grew from, the tardiness of ``v`` itself: it cannot start
    before the previous stop's start there plus its duration and the travel (starts only move
    later). ``alone``: ``v`` is the only visit inserted, so its rise of the maximum tardiness
    counts too (for a group's later visit an earlier one may have raised it already)."""
    arc, loc, lv = model.arc, model.loc, model.loc[v]
    w = model.weights
    w_np = w.not_preferred
    end = model.soft_end[v]
    timed = state is not None and end is not None and (w.tardiness > 0 or w.max_tardiness > 0)
    if timed:
        T, dur, ws, start = model.T, model.dur, model.ws, state.start
        lowest = ws[v]
        for u, gap in model.pull[v]:
            if start[u] is not None and start[u] + gap > lowest:
                lowest = start[u] + gap
        w_max = w.max_tardiness if alone else 0.0
        old_max = state.terms["max_tardiness"]
    found = []
    for k, route in enumerate(routes):
        if not model.allowed[k][v]:
            continue
        extra = w_np if model.not_preferred[k][v] else 0.0
        stops = [model.home[k], *(loc[u] for u in route), model.away[k]]
        for p in range(len(route) + 1):
            a, b = stops[p], stops[p + 1]
            cost = arc[a][lv] + arc[lv][b] - arc[a][b] + extra
            if timed:
                if p == 0:
                    t = model.shift_start[k] + T[a][lv]
                else:
                    u = route[p - 1]
                    t = (ws[u] if start[u] is None else start[u]) + dur[u] + T[a][lv]
                late = (t if t > lowest else lowest) - end
                if late > 0:
                    cost += w.tardiness * late + w_max * max(0.0, late - old_max)
            found.append((cost, k, p))
    found.sort()
    return found


def best_single(model: RoutingModel, state: Schedule, v: int) -> Insertion | None:
    """The cheapest feasible position for the unlinked visit ``v``, or ``None``."""
    best: Insertion | None = None
    penalty = model.weights.unassigned
    for bound, k, p in positions(model, state.routes, v, state):
        if best is not None and bound - penalty >= best.delta - EPS:
            break
        delta = change(model, state, ((v, k, p),))
        if delta is not None and (best is None or delta < best.delta):
            best = Insertion(((v, k, p),), delta)
    return best


def best_group(model: RoutingModel, state: Schedule, group: list[int]) -> Insertion | None:
    """A cheap feasible placement of a linked ``group`` (beam search over its visits)."""
    beam: list[tuple[float, Placements, list[list[int]]]] = [(0.0, (), state.routes)]
    for v in group[:-1]:
        options = [
            (delta + bound, placed, routes, k, p)
            for delta, placed, routes in beam
            for bound, k, p in positions(model, routes, v, state, alone=False)[:GROUP_CANDIDATES]
        ]
        options.sort(key=lambda item: item[0])
        grown: list = []
        for bound, placed, routes, k, p in options:
            # Bounds as in _best_last: nothing left can enter the beam's best GROUP_BEAM.
            if len(grown) >= GROUP_BEAM and bound >= grown[GROUP_BEAM - 1][0] - EPS:
                break
            trial = (*placed, (v, k, p))
            delta = change(model, state, trial)
            if delta is not None:
                grown.append((delta, trial, routes, k, p, v))
                grown.sort(key=lambda item: item[0])
        beam = []
        for delta, trial, routes, k, p, v_ in grown[:GROUP_BEAM]:
            after = list(routes)
            after[k] = [*routes[k][:p], v_, *routes[k][p:]]
            beam.append((delta, trial, after))
        if not beam:
            return None
    return _best_last(model, state, beam, group[-1])


def _best_last(model: RoutingModel, state: Schedule, beam, v: int) -> Insertion | None:
    """The best completion of the beam by the group's last visit. A partial placement's change
    plus the arc cost of the last position is a lower bound of the completed change (starts only
    move later), so candidates are tried in that order and the search stops when the bound
    cannot beat the best found: about a tenth of the evaluations of trying them all."""
    options = []
    for delta, placed, routes in beam:
        for bound, k, p in positions(model, routes, v, state, alone=False)[:GROUP_CANDIDATES]:
            options.append((delta + bound, placed, k, p))
    options.sort(key=lambda item: item[0])
    best: Insertion | None = None
    penalty = model.weights.unassigned
    for bound, placed, k, p in options:
        if best is not None and bound - penalty >= best.delta - EPS:
            break
        trial = (*placed, (v, k, p))
        delta = change(model, state, trial)
        if delta is not None and (best is None or delta < best.delta):
            best = Insertion(trial, delta)
    return best


def apply(model: RoutingModel, state: Schedule, insertion: Insertion) -> Schedule | None:
    """The schedule with ``insertion`` made (placements in the order they were chosen)."""
    return schedule(model, _inserted(state.routes, insertion.placements))


def _inserted(routes: list[list[int]], placements: Placements) -> list[list[int]]:
    result = [r[:] for r in routes]
    for v, k, p in placements:
        result[k].insert(p, v)
    return result


def change(model: RoutingModel, state: Schedule, placements: Placements) -> float | None:
    """The exact change of the objective when ``placements`` are made, ``None`` if infeasible."""
    timing = _Retiming(model, state, placements)
    outcome = timing.run()
    if outcome is _FULL:
        result = schedule(model, _inserted(state.routes, placements))
        return None if result is None else result.total - state.total
    if outcome is None:
        return None
    return timing.delta()


_FULL = object()


class _Retiming:
    """Incremental least schedule after insertions (see the module's docstring)."""

    def __init__(self, model: RoutingModel, state: Schedule, placements: Placements) -> None:
        self.model, self.state = model, state
        self.routes: dict[int, list[int]] = {}
        self.owner: dict[int, int] = {}
        first: dict[int, int] = {}
        for v, k, p in placements:
            route = self.routes.setdefault(k, state.routes[k][:])
            route.insert(p, v)
            self.owner[v] = k
            first[k] = min(first.get(k, p), p)
        self.new = set(self.owner)
        self.first = first
        self.last_new = {
            k: max(i for i, u in enumerate(route) if u in self.new)
            for k, route in self.routes.items()
        }
        self.start: dict[int, float] = {}
        self.floor: dict[int, float] = {}
        self.returns: dict[int, float] = {}
        self.index: dict[int, dict[int, int]] = {}

    def _owner(self, u: int) -> int:
        return self.owner.get(u, self.state.owner[u])

    def _start(self, u: int) -> float | None:
        if u in self.start:
            return self.start[u]
        return None if u in self.new else self.state.start[u]

    def _route(self, k: int) -> list[int]:
        return self.routes.get(k) or self.state.routes[k]

    def run(self):  # noqa: C901
        model = self.model
        for v in self.new:
            for partner in model.sync_of[v]:
                if self._owner(partner) == self.owner[v] and self._owner(partner) >= 0:
                    return None
            floor = model.ws[v]
            for u, gap in model.pull[v]:
                s = self._start(u)
                if s is not None and s + gap > floor:
                    floor = s + gap
            self.floor[v] = floor
        for k, route in self.routes.items():
            if sum(model.demand[u] for u in route) > model.cap[k] + EPS:
                return None
        work = deque(sorted(self.first.items()))
        self.visits_retimed: dict[int, int] = {}
        while work:
            k, i = work.popleft()
            outcome = self._retime(k, i, work)
            if outcome is not True:
                return outcome
        return True

    def _retime(self, k: int, i: int, work: deque):  # noqa: C901, PLR0912, PLR0915
        model = self.model
        T, loc, dur, hard_end, push = model.T, model.loc, model.dur, model.hard_end, model.push
        starts, floors, new = self.start, self.floor, self.new
        old_starts, old_floors = self.state.start, self.state.floor
        route = self._route(k)
        if i == 0:
            time, here = model.shift_start[k], model.home[k]
        else:
            u = route[i - 1]
            previous = self._start(u)
            if previous is None:
                return _FULL
            time, here = previous + dur[u], loc[u]
        last_new = self.last_new.get(k, -1)
        for j in range(i, len(route)):
            u = route[j]
            floor = floors[u] if u in floors else old_floors[u]
            arrive = time + T[here][loc[u]]
            begin = arrive if arrive > floor else floor
            if u in starts:
                old = starts[u]
                times = self.visits_retimed.get(u, 0) + 1
                if times > RETIMES:
                    return None  # going round: a positive cycle of links (see RETIMES)
                self.visits_retimed[u] = times
            else:
                old = None if u in new else old_starts[u]
            if old is not None:
                if begin < old - EPS:
                    return _FULL
                if begin <= old + EPS and j > last_new:
                    return True  # the rest of the route keeps its times
            if begin > hard_end[u] + EPS:
                return None
            starts[u] = begin
            for w, gap in push[u]:
                pushed = begin + gap
                if pushed > (floors[w] if w in floors else old_floors[w]) + EPS:
                    owner = self._owner(w)
                    if owner < 0:
                        continue
                    floors[w] = pushed
                    s = self._start(w)
                    if s is not None and s < pushed - EPS:
                        work.append((owner, self._position(w)))
            time, here = begin + dur[u], loc[u]
        back = time + T[here][model.away[k]]
        if not model.overtime_allowed and back > model.shift_end[k] + EPS:
            return None
        self.returns[k] = back
        return True

    def _position(self, u: int) -> int:
        k = self._owner(u)
        if k not in self.index:
            self.index[k] = {x: i for i, x in enumerate(self._route(k))}
        return self.index[k][u]

    def delta(self) -> float:
        model, state, w = self.model, self.state, self.model.weights
        total = -w.unassigned * len(self.new)
        for k, route in self.routes.items():
            total += _route_arcs(model, k, route) - _route_arcs(model, k, state.routes[k])
        for v in self.new:
            if model.not_preferred[self.owner[v]][v]:
                total += w.not_preferred
        max_late = state.terms["max_tardiness"]
        for u, begin in self.start.items():
            late = _late(model, u, begin)
            if late:
                old = 0.0 if u in self.new else _late(model, u, state.start[u])
                total += w.tardiness * (late - old)
                max_late = max(max_late, late)
        total += w.max_tardiness * (max_late - state.terms["max_tardiness"])
        for k, back in self.returns.items():
            end = model.shift_end[k]
            total += w.overtime * (max(0.0, back - end) - max(0.0, state.returns[k] - end))
        return total


def _route_arcs(model: RoutingModel, k: int, route: list[int]) -> float:
    arc, loc = model.arc, model.loc
    here, total = model.home[k], 0.0
    for u in route:
        total += arc[here][loc[u]]
        here = loc[u]
    return total + arc[here][model.away[k]]


def _late(model: RoutingModel, v: int, begin: float) -> float:
    end = model.soft_end[v]
    return begin - end if end is not None and begin > end else 0.0
