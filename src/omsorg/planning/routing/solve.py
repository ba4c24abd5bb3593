"""Plan a zone's day: exhaustive search when tiny, PyVRP where it fits, else our own search.

1. A tiny instance is searched exhaustively (``exact.py``): the plan is ``optimal``.
2. An instance without links, paid soft windows or paid overtime goes to PyVRP (``core.py``);
   its sequences are scheduled exactly.
3. Everything else (synchronised double visits, minimum and maximum gaps, soft windows with
   tardiness and maximum tardiness, overtime) is planned by cheapest insertion and large
   neighbourhood search over exact schedules (``search.py``).
The plan is ``optimal`` when proven (exhaustive search, or the objective meets the bound).
"""

import random
import time

from omsorg.planning.common.params import SolveParams
from omsorg.planning.common.progress import Progress, ProgressEvent
from omsorg.planning.routing import core
from omsorg.planning.routing.bound import lower_bound
from omsorg.planning.routing.exact import MAX_LEAVES, leaf_count, solve_exactly
from omsorg.planning.routing.instance import Instance
from omsorg.planning.routing.model import RoutingModel, Schedule, schedule
from omsorg.planning.routing.results import Plan, infeasible_plan, plan_of
from omsorg.planning.routing.search import construct, improve

RoutingParams = SolveParams


def solve(instance: Instance, params: SolveParams | None = None, progress: Progress | None = None,
          *, use_core: bool = True, exhaustive: bool = True,
          distinct_linked_staff: bool = False) -> Plan:
    """The best plan found within ``params.time_limit`` seconds. ``use_core`` and ``exhaustive``
    switch PyVRP and the exhaustive search off (tests compare the search with them);
    ``distinct_linked_staff`` makes every link need two staff (see ``RoutingModel``)."""
    params = params or SolveParams()
    began = time.monotonic()
    deadline = began + params.time_limit
    model = RoutingModel(instance, distinct_linked_staff=distinct_linked_staff)
    empty = schedule(model, [[] for _ in range(model.m)])
    if empty is None:
        return infeasible_plan(model)
    bound = lower_bound(model)
    if exhaustive and leaf_count(model) <= MAX_LEAVES:
        exact = solve_exactly(model, deadline)
        if exact is not None:
            return plan_of(model, exact, "optimal", exact.total)
    report = _reporter(progress, began, bound)
    state = None
    if use_core and core.fits(model):
        routes = core.solve_core(model, deadline, params.seed)
        state = schedule(model, routes) if routes is not None else None
        if state is not None:
            report("pyvrp", state)
    if state is None:
        state = construct(model, empty, deadline=deadline)
        report("construction", state)
    if time.monotonic() < deadline:
        rng = random.Random(params.seed)
        state = improve(model, state, deadline, rng, lambda s: report("search", s))
    status = "optimal" if state.total <= bound + 1e-9 else "feasible"
    return plan_of(model, state, status, state.total if status == "optimal" else bound)


def _reporter(progress: Progress | None, began: float, bound: float):
    def report(stage: str, state: Schedule) -> None:
        if progress is not None:
            elapsed = time.monotonic() - began
            progress(ProgressEvent(stage, state.total, bound, elapsed, dict(state.terms)))

    return report
