"""The routing core for instances a standard solver expresses: PyVRP (hybrid genetic search).

PyVRP solves the vehicle routing problem with time windows, capacities, optional visits with a
prize, several vehicle types and routing profiles. An instance without links, whose soft windows
cost nothing (so they are open), and without paid overtime maps onto it: one location per visit
and per depot; each group of equal staff is a vehicle type; the weighted travel, distance and
preference cost of each leg is PyVRP's distance; skills are legs too expensive to take in the
profile of staff without them; an unplanned visit costs its prize. PyVRP's numbers are integers:
costs are scaled to integers, times scaled and rounded so that a PyVRP-feasible route is feasible
in exact times (travel, service and window starts up, window and shift ends down). The routes it
returns are then scheduled exactly (``model.schedule``); PyVRP only chooses the sequences.
"""

import math
import time

from omsorg.planning.routing.model import INF, RoutingModel

SCALES = (1, 10, 100, 1000)
FINE_SCALE = 1000


def fits(model: RoutingModel) -> bool:
    """Whether PyVRP can express ``model``'s rules and objective."""
    w = model.weights
    soft_free = w.tardiness == 0 and w.max_tardiness == 0
    has_soft = any(end is not None for end in model.soft_end)
    return (
        not model.instance.links
        and (soft_free or not has_soft)
        and not model.overtime_allowed
        and model.n > 0
        and model.m > 0
    )


def solve_core(model: RoutingModel, deadline: float, seed: int = 0) -> list[list[int]] | None:
    """Routes (visit indices per staff member) found by PyVRP by ``deadline``
    (``time.monotonic()``; building the model counts), or ``None``."""
    try:
        import pyvrp
        from pyvrp.stop import MaxRuntime
    except ImportError:  # pragma: no cover - pyvrp is a pinned dependency
        return None
    built = _build(model, pyvrp)
    seconds = max(0.05, deadline - time.monotonic())
    result = built.model.solve(MaxRuntime(seconds), seed=seed, display=False)
    return _routes(model, built, result.best)


class _Built:
    def __init__(self, model, groups, depots) -> None:
        self.model = model
        self.groups = groups
        self.depots = depots


def _scale(values) -> int:
    for scale in SCALES:
        if all(abs(x * scale - round(x * scale)) < 1e-9 for x in values if math.isfinite(x)):
            return scale
    return FINE_SCALE


def _build(model: RoutingModel, pyvrp) -> _Built:  # noqa: C901, PLR0912, PLR0915
    w = model.weights
    cost_scale = _scale([x for row in model.arc for x in row] + [w.not_preferred, w.unassigned])
    times = [x for row in model.T for x in row] + model.dur + model.ws
    times += [x for x in model.hard_end if x != INF] + model.shift_start + model.shift_end
    ts = _scale(times)
    demands = model.demand + [c for c in model.cap if c != INF]
    ds = _scale(demands)
    prize = round(w.unassigned * cost_scale)
    forbidden = 10 * prize + 10**9
    wide = 10**12

    m = pyvrp.Model()
    depot_locs = sorted(set(model.home) | set(model.away))
    depots = {}
    for loc in depot_locs:
        location = m.add_location(0, 0)
        depots[loc] = (m.add_depot(location, tw_early=0, tw_late=wide), location)
    client_locs = []
    for v in range(model.n):
        location = m.add_location(0, 0)
        hard = model.hard_end[v]
        m.add_client(
            location,
            delivery=[math.ceil(model.demand[v] * ds - 1e-9)],
            service_duration=math.ceil(model.dur[v] * ts - 1e-9),
            tw_early=math.ceil(model.ws[v] * ts - 1e-9),
            tw_late=wide if hard == INF else math.floor(hard * ts + 1e-9),
            prize=prize,
            required=False,
        )
        client_locs.append(location)
    # One profile per kind of staff member (skills and preferences); equal staff share a type.
    kinds: dict[tuple, list[int]] = {}
    for k in range(model.m):
        key = (tuple(model.allowed[k]), tuple(model.not_preferred[k]))
        kinds.setdefault(key, []).append(k)
    use_profiles = len(kinds) > 1
    places = list(depot_locs) + [model.loc[v] for v in range(model.n)]
    locations = [depots[loc][1] for loc in depot_locs] + client_locs
    groups = []
    for (allowed, not_preferred), members in kinds.items():
        profile = m.add_profile() if use_profiles else None
        for i, frm in enumerate(locations):
            for j, to in enumerate(locations):
                if i == j:
                    continue
                a, b = places[i], places[j]
                cost = model.arc[a][b]
                duration = math.ceil(model.T[a][b] * ts - 1e-9)
                visit = j - len(depot_locs)
                if visit >= 0 and not allowed[visit]:
                    m.add_edge(frm, to, forbidden, wide, profile=profile)
                    continue
                if visit >= 0 and not_preferred[visit]:
                    cost += w.not_preferred
                m.add_edge(frm, to, round(cost * cost_scale), duration, profile=profile)
        by_shape: dict[tuple, list[int]] = {}
        for k in members:
            shape = (model.home[k], model.away[k], model.shift_start[k], model.shift_end[k],
                     model.cap[k])
            by_shape.setdefault(shape, []).append(k)
        for (home, away, begin, end, cap), staff in by_shape.items():
            m.add_vehicle_type(
                num_available=len(staff),
                capacity=[10**15 if cap == INF else math.floor(cap * ds + 1e-9)],
                start_depot=depots[home][0],
                end_depot=depots[away][0],
                tw_early=math.ceil(begin * ts - 1e-9),
                tw_late=math.floor(end * ts + 1e-9),
                unit_distance_cost=1,
                unit_duration_cost=0,
                profile=profile,
            )
            groups.append(staff)
    return _Built(m, groups, len(depot_locs))


def _routes(model: RoutingModel, built: _Built, solution) -> list[list[int]]:
    routes: list[list[int]] = [[] for _ in range(model.m)]
    free = [list(staff) for staff in built.groups]
    for route in solution.routes():
        k = free[route.vehicle_type()].pop(0)
        routes[k] = [activity.idx for activity in route if activity.is_client()]
    return routes
