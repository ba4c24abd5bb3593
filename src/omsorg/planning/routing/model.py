"""The solver's view of an instance: plain index arrays, and the exact schedule of a set of routes.

Visits and staff are numbered in instance order. Given each staff member's sequence of visits,
the start times are the least solution of a system of difference constraints: a visit starts no
earlier than its window start and than its arrival from the previous stop, and each link
``start(second) - start(first) in [min_gap, max_gap]`` gives ``second >= first + min_gap`` and
``first >= second - max_gap``. Every upper bound left (a hard window's end, the shift end when
overtime is forbidden) is a constant, so the least solution is feasible exactly when any solution
is; and since every cost term grows with start times, it is also the cheapest schedule for the
sequences. Times are sums of the instance's floats, never rounded.
"""

import math
from dataclasses import dataclass, field

from omsorg.planning.routing.instance import Instance

# Floats from sums of gaps can differ in the last bit; a push smaller than this is no push.
EPS = 1e-9
INF = math.inf


class RoutingModel:
    """Index arrays over an :class:`Instance` (no behaviour beyond lookups)."""

    def __init__(self, instance: Instance, *, distinct_linked_staff: bool = False) -> None:
        """``distinct_linked_staff``: every linked pair (not only a double visit) needs two
        different staff; not part of the JSON contract, the Mankowska benchmark's rule."""
        self.instance = instance
        self.distinct_linked_staff = distinct_linked_staff
        where = instance.location_index()
        w = instance.weights
        self.weights = w
        self.n, self.m = len(instance.visits), len(instance.staff)
        self.T = [list(row) for row in instance.travel]
        self.D = [list(row) for row in instance.distances]
        self.arc = [
            [w.distance * d + w.travel * t for d, t in zip(drow, trow, strict=True)]
            for drow, trow in zip(self.D, self.T, strict=True)
        ]
        visits, staff = instance.visits, instance.staff
        self.loc = [where[v.location] for v in visits]
        self.dur = [v.duration for v in visits]
        self.ws = [v.window[0] for v in visits]
        self.hard_end = [v.window[1] if v.window_hard else INF for v in visits]
        self.soft_end = [None if v.window_hard else v.window[1] for v in visits]
        self.demand = [v.demand for v in visits]
        self.home = [where[s.start] for s in staff]
        self.away = [where[s.end] for s in staff]
        self.shift_start = [s.shift[0] for s in staff]
        self.shift_end = [s.shift[1] for s in staff]
        self.cap = [s.capacity if s.capacity > 0 else INF for s in staff]
        self.overtime_allowed = w.overtime > 0
        self.allowed = [[v.skills <= s.skills for v in visits] for s in staff]
        self.not_preferred = [
            [bool(v.preferred_staff) and s.id not in v.preferred_staff for v in visits]
            for s in staff
        ]
        self._links(instance)

    def _links(self, instance: Instance) -> None:
        index = {v.id: i for i, v in enumerate(instance.visits)}
        self.push: list[list[tuple[int, float]]] = [[] for _ in range(self.n)]
        self.pull: list[list[tuple[int, float]]] = [[] for _ in range(self.n)]
        self.sync: list[tuple[int, int]] = []
        self.sync_of: list[list[int]] = [[] for _ in range(self.n)]
        parent = list(range(self.n))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for link in instance.links:
            a, b = index[link.first], index[link.second]
            self.push[a].append((b, link.min_gap))
            self.pull[b].append((a, link.min_gap))
            if link.max_gap is not None:
                self.push[b].append((a, -link.max_gap))
                self.pull[a].append((b, -link.max_gap))
            if link.synchronised or self.distinct_linked_staff:
                self.sync.append((a, b))
                self.sync_of[a].append(b)
                self.sync_of[b].append(a)
            parent[find(a)] = find(b)
        groups: dict[int, list[int]] = {}
        for v in range(self.n):
            groups.setdefault(find(v), []).append(v)
        # A linked group is planned whole or not at all, first visits first.
        self.components = [sorted(g, key=lambda v: (self.ws[v], v)) for g in groups.values()]
        self.component_of = [0] * self.n
        for c, group in enumerate(self.components):
            for v in group:
                self.component_of[v] = c
        self.linked = [bool(p) for p in self.push]
        for a, b in self.sync:
            self.linked[a] = self.linked[b] = True
        self.max_rounds = len(instance.links) + 3


@dataclass
class Schedule:
    """The least schedule of ``routes``: start per visit (``None`` unplanned), return per staff,
    the objective's terms and its weighted total."""

    routes: list[list[int]]
    start: list[float | None]
    floor: list[float]
    returns: list[float]
    terms: dict[str, float]
    total: float
    owner: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.owner:
            self.owner = [-1] * len(self.start)
            for k, route in enumerate(self.routes):
                for v in route:
                    self.owner[v] = k


def schedule(model: RoutingModel, routes: list[list[int]]) -> Schedule | None:
    """The least schedule of ``routes`` (one list of visits per staff member), or ``None`` when
    no schedule keeps the hard rules (a window, a shift end, a capacity, a link, two staff)."""
    start: list[float | None] = [None] * model.n
    owner = [-1] * model.n
    for k, route in enumerate(routes):
        if sum(model.demand[v] for v in route) > model.cap[k] + EPS:
            return None
        for v in route:
            owner[v] = k
    for a, b in model.sync:
        if owner[a] >= 0 and owner[a] == owner[b]:
            return None
    floor = list(model.ws)
    returns = [0.0] * model.m
    # Each pass takes every link pull it can (Gauss-Seidel), so a longest path gains at least one
    # link per pass: with no positive cycle, starts stop changing within len(links) + 2 passes.
    for _ in range(model.max_rounds):
        changed = _forward(model, routes, floor, start, returns)
        if changed is None:
            return None
        if not changed:
            return _finish(model, routes, start, floor, returns)
    return None  # a positive cycle of links: no schedule


def _forward(model, routes, floor, start, returns) -> bool | None:
    """One pass over all routes; ``None`` if a hard bound breaks, else whether a start moved."""
    T, loc, dur, hard_end, pull = model.T, model.loc, model.dur, model.hard_end, model.pull
    changed = False
    for k, route in enumerate(routes):
        time, here = model.shift_start[k], model.home[k]
        for v in route:
            lowest = floor[v]
            for u, gap in pull[v]:
                su = start[u]
                if su is not None and su + gap > lowest + EPS:
                    lowest = su + gap
            floor[v] = lowest
            arrive = time + T[here][loc[v]]
            begin = arrive if arrive > lowest else lowest
            if begin > hard_end[v] + EPS:
                return None
            old = start[v]
            if old is None or begin > old + EPS:
                changed = True
                start[v] = begin
            time, here = start[v] + dur[v], loc[v]
        returns[k] = time + T[here][model.away[k]]
        if not model.overtime_allowed and returns[k] > model.shift_end[k] + EPS:
            return None
    return changed


def _finish(model, routes, start, floor, returns) -> Schedule:
    T, D, loc = model.T, model.D, model.loc
    travel = distance = tardiness = max_tardiness = overtime = 0.0
    not_preferred = planned = 0
    for k, route in enumerate(routes):
        here = model.home[k]
        for v in route:
            travel += T[here][loc[v]]
            distance += D[here][loc[v]]
            here = loc[v]
            planned += 1
            not_preferred += model.not_preferred[k][v]
            end = model.soft_end[v]
            if end is not None and start[v] > end:
                late = start[v] - end
                tardiness += late
                max_tardiness = max(max_tardiness, late)
        travel += T[here][model.away[k]]
        distance += D[here][model.away[k]]
        overtime += max(0.0, returns[k] - model.shift_end[k])
    terms = {
        "unassigned": model.n - planned, "distance": distance, "travel": travel,
        "tardiness": tardiness, "max_tardiness": max_tardiness,
        "not_preferred": not_preferred, "overtime": overtime,
    }
    return Schedule(routes, start, floor, list(returns), terms, weighted(model, terms))


def weighted(model: RoutingModel, terms: dict[str, float]) -> float:
    """Σ weight × term."""
    weights = model.weights.as_dict()
    return sum(weights[name] * value for name, value in terms.items())
