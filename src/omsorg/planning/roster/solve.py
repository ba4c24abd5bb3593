"""Solve a rotation instance with CP-SAT and return a checked :class:`RosterResult`."""

import math
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from omsorg.planning.common.params import SolveParams
from omsorg.planning.common.progress import Progress, ProgressEvent
from omsorg.planning.roster.check import Objective, Roster, Violation, check_roster, evaluate
from omsorg.planning.roster.greedy import greedy_roster
from omsorg.planning.roster.instance import Instance
from omsorg.planning.roster.model import RosterModel, build_model

STATUS_NAMES = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.MODEL_INVALID: "infeasible",
}


@dataclass(frozen=True)
class RosterParams(SolveParams):
    """``hint`` starts the search from the greedy roster (the baseline)."""

    hint: bool = True


@dataclass(frozen=True)
class RosterResult:
    """The contract's output: ``status`` is optimal, feasible, infeasible, or unknown (the time
    ran out before any roster was found; nothing is proven either way)."""

    status: str
    roster: Roster
    objective: Objective | None
    bound: int | None
    violations: tuple[Violation, ...] = ()
    wall_time: float = 0.0

    def to_dict(self) -> dict:
        return {
            "status": self.status,
            "roster": {staff: list(days) for staff, days in self.roster.items()},
            "objective": None if self.objective is None else self.objective.to_dict(),
            "bound": self.bound,
            "violations": [v.to_dict() for v in self.violations],
        }


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Forwards each improving solution to the progress callback."""

    def __init__(self, progress: Progress, began: float) -> None:
        super().__init__()
        self._progress = progress
        self._began = began

    def on_solution_callback(self) -> None:
        self._progress(
            ProgressEvent(
                stage="roster",
                objective=self.ObjectiveValue(),
                bound=self.BestObjectiveBound(),
                wall_time=time.monotonic() - self._began,
            )
        )


def solve(
    instance: Instance, params: RosterParams | None = None, progress: Progress | None = None
) -> RosterResult:
    """The cheapest roster CP-SAT finds within ``params.time_limit``, with its proven bound."""
    params = params or RosterParams()
    began = time.monotonic()
    model = build_model(instance)
    if params.hint:
        _hint(model, greedy_roster(instance))
    solver = cp_model.CpSolver()
    left = params.time_limit - (time.monotonic() - began)
    solver.parameters.max_time_in_seconds = max(0.01, left)
    solver.parameters.num_workers = params.num_workers
    solver.parameters.random_seed = params.seed
    solver.parameters.log_search_progress = params.log_search
    reporter = _Reporter(progress, began) if progress is not None else None
    status = solver.Solve(model.cp, reporter)
    wall = time.monotonic() - began
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        name = STATUS_NAMES.get(status, "unknown")
        return RosterResult(name, {}, None, None, wall_time=wall)
    roster = _roster_of(model, solver)
    objective = evaluate(instance, roster)
    bound = objective.total if status == cp_model.OPTIMAL else _bound(solver, objective)
    return RosterResult(
        STATUS_NAMES[status],
        roster,
        objective,
        bound,
        tuple(check_roster(instance, roster)),
        wall_time=wall,
    )


def _bound(solver: cp_model.CpSolver, objective: Objective) -> int:
    # The objective is integral, so a fractional bound rounds up; it never exceeds a roster.
    return min(objective.total, math.ceil(solver.BestObjectiveBound() - 1e-6))


def _roster_of(model: RosterModel, solver: cp_model.CpSolver) -> Roster:
    roster = {}
    for person, staff in enumerate(model.instance.staff):
        days = []
        for day in range(model.instance.days):
            worked = [
                shift.id
                for shift in model.instance.shift_types
                if (person, day, shift.id) in model.shift
                and solver.BooleanValue(model.shift[(person, day, shift.id)])
            ]
            days.append(worked[0] if worked else "")
        roster[staff.id] = tuple(days)
    return roster


def _hint(model: RosterModel, roster: Roster) -> None:
    for (person, day, shift_id), var in model.shift.items():
        staff_id = model.instance.staff[person].id
        model.cp.AddHint(var, roster[staff_id][day] == shift_id)
