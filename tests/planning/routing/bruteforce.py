"""Exhaustive search written apart from the engine: every assignment and order, least start
times by Bellman-Ford over an explicit constraint graph, each plan judged by the checker.

A linked group is planned whole or not at all (the engine's rule, checked by ``check.py``).
"""

import itertools
import math

from omsorg.planning.routing.check import evaluate_routes
from omsorg.planning.routing.instance import Instance


def best_total(instance: Instance) -> float:
    """The least objective over all plans that keep every hard rule."""
    groups = _groups(instance)
    best = math.inf
    for chosen in itertools.product((False, True), repeat=len(groups)):
        planned = [v for group, on in zip(groups, chosen, strict=True) if on for v in group]
        for routes in _routings(instance, planned):
            plan = _plan(instance, routes)
            if plan is None:
                continue
            result = evaluate_routes(instance, plan)
            if not result.violations:
                best = min(best, result.total)
    return best


def _groups(instance: Instance) -> list[list[str]]:
    group_of = {v.id: {v.id} for v in instance.visits}
    for link in instance.links:
        merged = group_of[link.first] | group_of[link.second]
        for v in merged:
            group_of[v] = merged
    seen, groups = set(), []
    for v in instance.visits:
        if v.id not in seen:
            seen |= group_of[v.id]
            groups.append(sorted(group_of[v.id]))
    return groups


def _routings(instance: Instance, planned: list[str]):
    m = len(instance.staff)
    for owners in itertools.product(range(m), repeat=len(planned)):
        per_staff = [[v for v, k in zip(planned, owners, strict=True) if k == s] for s in range(m)]
        for orders in itertools.product(*(itertools.permutations(r) for r in per_staff)):
            yield [list(order) for order in orders]


def _plan(instance: Instance, routes: list[list[str]]) -> dict | None:
    """The plan with the least start times for ``routes``, or ``None`` (a positive cycle)."""
    where = {name: i for i, name in enumerate(instance.locations)}
    visits = {v.id: v for v in instance.visits}
    T = instance.travel
    edges = []  # (from, to, weight): x[to] >= x[from] + weight; "0" is time zero
    for k, (member, route) in enumerate(zip(instance.staff, routes, strict=True)):
        depart, back = f"depart{k}", f"return{k}"
        edges.append(("0", depart, member.shift[0]))
        here, node, service = where[member.start], depart, 0.0
        for v in route:
            there = where[visits[v].location]
            edges.append((node, v, service + T[here][there]))
            edges.append(("0", v, visits[v].window[0]))
            here, node, service = there, v, visits[v].duration
        edges.append((node, back, service + T[here][where[member.end]]))
    planned = {v for route in routes for v in route}
    for link in instance.links:
        if link.first in planned and link.second in planned:
            edges.append((link.first, link.second, link.min_gap))
            if link.max_gap is not None:
                edges.append((link.second, link.first, -link.max_gap))
    time = _longest_paths(edges)
    if time is None:
        return None
    return {
        "status": "feasible",
        "routes": [
            {
                "staff": member.id,
                "visits": [{"visit": v, "start": time[v]} for v in route],
                "return": time[f"return{k}"],
            }
            for k, (member, route) in enumerate(zip(instance.staff, routes, strict=True))
        ],
        "unassigned": [v.id for v in instance.visits if v.id not in planned],
    }


def _longest_paths(edges) -> dict[str, float] | None:
    nodes = {a for a, _, _ in edges} | {b for _, b, _ in edges}
    time = dict.fromkeys(nodes, -math.inf)
    time["0"] = 0.0
    for _ in range(len(nodes) + 1):
        changed = False
        for a, b, w in edges:
            if time[a] + w > time[b] + 1e-9:
                time[b] = time[a] + w
                changed = True
        if not changed:
            return time
    return None
