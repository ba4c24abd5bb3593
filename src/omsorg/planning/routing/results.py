"""The plan the engine returns, in the JSON shape of the issue's contract."""

from dataclasses import dataclass

from omsorg.planning.routing.model import RoutingModel, Schedule

TERM_NAMES = (
    "unassigned", "distance", "travel", "tardiness", "max_tardiness", "not_preferred", "overtime",
)
COUNT_TERMS = {"unassigned", "not_preferred"}


@dataclass(frozen=True)
class RouteVisit:
    visit: str
    start: float


@dataclass(frozen=True)
class Route:
    staff: str
    visits: tuple[RouteVisit, ...]
    return_time: float


@dataclass(frozen=True)
class Plan:
    """``status`` is ``optimal``, ``feasible`` or ``infeasible`` (no staff member can even go
    from start to end inside the shift); ``objective`` holds ``total`` and every term."""

    status: str
    routes: tuple[Route, ...]
    unassigned: tuple[str, ...]
    objective: dict[str, float] | None
    bound: float | None

    def to_dict(self) -> dict:
        return {
            "status": self.status,
            "routes": [
                {
                    "staff": route.staff,
                    "visits": [{"visit": v.visit, "start": v.start} for v in route.visits],
                    "return": route.return_time,
                }
                for route in self.routes
            ],
            "unassigned": list(self.unassigned),
            "objective": self.objective,
            "bound": self.bound,
        }


def plan_of(model: RoutingModel, state: Schedule, status: str, bound: float | None) -> Plan:
    """The plan for the least schedule ``state``: every staff member's route in instance order
    (an empty route is the trip from start to end), unplanned visits in instance order."""
    visits, staff = model.instance.visits, model.instance.staff
    routes = tuple(
        Route(
            staff[k].id,
            tuple(RouteVisit(visits[v].id, float(state.start[v])) for v in route),
            float(state.returns[k]),
        )
        for k, route in enumerate(state.routes)
    )
    planned = {v for route in state.routes for v in route}
    objective: dict[str, float] = {"total": float(state.total)}
    for name in TERM_NAMES:
        value = state.terms[name]
        objective[name] = int(value) if name in COUNT_TERMS else float(value)
    return Plan(
        status=status,
        routes=routes,
        unassigned=tuple(visits[v].id for v in range(model.n) if v not in planned),
        objective=objective,
        bound=bound,
    )


def infeasible_plan(model: RoutingModel) -> Plan:
    """No plan: some staff member cannot get from start to end within the shift."""
    return Plan("infeasible", (), tuple(v.id for v in model.instance.visits), None, None)
