"""Run one stage of the lexicographic solve: hint, objective, time share, progress reports."""

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ortools.sat.python import cp_model

from omsorg.planning.common.params import SolveParams
from omsorg.planning.common.progress import Progress, ProgressEvent
from omsorg.planning.respite.instance import Stay
from omsorg.planning.respite.lns import is_stay, window_search, window_search_pays
from omsorg.planning.respite.model import RespiteModel
from omsorg.planning.respite.plan import StageReport

# Below this a stage cannot even load the model; it is skipped and the plan stays "feasible".
MIN_STAGE_SECONDS = 0.05
# A stage's time: the first full solve (proves small instances optimal at once), then window
# search, then a last full solve from the improved plan, which tries to close the gap.
FIRST_SOLVE_SHARE = 0.3
LAST_SOLVE_SHARE = 0.25

Nights = dict[str, frozenset[int]]
Measure = Callable[[Callable[[Any], int]], float]


def nights_of_stays(model: RespiteModel, stays: list[Stay]) -> Nights:
    """Night indexes per child of a list of stays (the hint's shape)."""
    nights: dict[str, set[int]] = {child.id: set() for child in model.instance.children}
    for stay in stays:
        first = model.index_of(stay.first_night)
        nights[stay.child].update(range(first, first + stay.nights))
    return {child_id: frozenset(indexes) for child_id, indexes in nights.items()}


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Tells ``progress`` about every improving solution of the stage."""

    def __init__(self, stage: str, progress: Progress, began: float, measure, bound) -> None:
        super().__init__()
        self._stage, self._progress, self._began = stage, progress, began
        self._measure, self._bound = measure, bound

    def on_solution_callback(self) -> None:
        event = ProgressEvent(
            stage=self._stage,
            objective=self._measure(self.value),
            bound=self._bound(self.best_objective_bound),
            wall_time=time.monotonic() - self._began,
        )
        self._progress(event)


class StageRunner:
    """Runs stages on one model, carrying the best plan so far (``incumbent``) between them."""

    def __init__(
        self,
        model: RespiteModel,
        params: SolveParams,
        progress: Progress | None,
        began: float,
        incumbent: Nights,
    ) -> None:
        self.model, self.params, self.progress, self.began = model, params, progress, began
        self.incumbent = incumbent
        self.raw_bound = 0.0  # the last stage's proven bound, in the solver's own units
        self.last_solver: cp_model.CpSolver | None = None  # holds the last full solve's plan

    def remaining(self) -> float:
        return self.params.time_limit - (time.monotonic() - self.began)

    def run(
        self, name: str, expression, *, minimise: bool, share: float, **describe
    ) -> StageReport:
        """Optimise ``expression`` within ``share`` of the time left.

        ``describe`` may hold ``describe`` (solution -> objective in user units),
        ``describe_bound`` (raw bound -> user units) and ``search`` (the objective the window
        search minimises, when it differs from ``expression``). A first full solve gets a
        third of the time; if it does not prove optimality, window search (lns.py) improves
        the plan and a last full solve, started from it, tries to close the gap.
        """
        measure: Measure = describe.get("describe") or (lambda value: float(value(expression)))
        to_bound = describe.get("describe_bound") or float
        limit = self.remaining() * share
        self.raw_bound = 0.0
        if limit < MIN_STAGE_SECONDS:
            return StageReport(name, "skipped", None, None, 0.0)
        deadline = time.monotonic() + limit
        objective = (expression, minimise)
        report = self._full_solve(name, objective, limit * FIRST_SOLVE_SHARE, measure, to_bound)
        if report.status == "optimal" or not window_search_pays(self):
            return report
        bound = self.raw_bound
        search = describe.get("search", expression if minimise else -expression)
        describe_now = (measure, to_bound(self.raw_bound))
        window_search(self, name, search, deadline - limit * LAST_SOLVE_SHARE, describe_now)
        final = self._full_solve(name, objective, deadline - time.monotonic(), measure, to_bound)
        self.raw_bound = max(bound, self.raw_bound) if minimise else min(bound, self.raw_bound)
        return replace(final, bound=to_bound(self.raw_bound))

    def _full_solve(self, name, objective, limit, measure, to_bound) -> StageReport:
        expression, minimise = objective
        self._hint()
        if minimise:
            self.model.cp.minimize(expression)
        else:
            self.model.cp.maximize(expression)
        solver = self.solver(max(limit, MIN_STAGE_SECONDS))
        reporter = None
        if self.progress is not None:
            reporter = _Reporter(name, self.progress, self.began, measure, to_bound)
        status = solver.solve(self.model.cp, reporter)
        found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        self.last_solver = solver if found else None
        return self._finish(name, solver, status, measure, to_bound)

    def report(self, stage: str, objective: float, bound: float) -> None:
        """Tell ``progress`` about an improving plan found outside a full solve."""
        if self.progress is not None:
            self.progress(ProgressEvent(stage, objective, bound, time.monotonic() - self.began))

    def solver(self, limit: float) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = limit
        solver.parameters.num_workers = self.params.num_workers
        solver.parameters.random_seed = self.params.seed
        solver.parameters.log_search_progress = self.params.log_search
        return solver

    def _hint(self) -> None:
        self.hint(self.model.cp)

    def hint(self, cp: cp_model.CpModel) -> None:
        """Start from the incumbent: every stay, night and planned-count variable hinted."""
        cp.clear_hints()
        for child_id, variables in self.model.stay_night.items():
            mine = self.incumbent[child_id]
            for index, var in variables.items():
                cp.add_hint(var, index in mine)
            for (first, nights), var in self.model.stays[child_id].items():
                cp.add_hint(var, is_stay(mine, first, nights))
            cp.add_hint(self.model.planned[child_id], len(mine))

    def _finish(self, name, solver, status, measure, to_bound) -> StageReport:
        wall = time.monotonic() - self.began
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.incumbent = self.extract(solver)
            self.raw_bound = solver.best_objective_bound
            label = "optimal" if status == cp_model.OPTIMAL else "feasible"
            return StageReport(name, label, measure(solver.value), to_bound(self.raw_bound), wall)
        if status == cp_model.UNKNOWN:  # time ran out before the hint was even accepted
            return StageReport(name, "feasible", None, None, wall)
        # The incumbent satisfies every constraint, so anything else is a modelling bug.
        raise RuntimeError(f"stage {name}: CP-SAT returned {solver.status_name(status)}")

    def extract(self, solver: cp_model.CpSolver) -> Nights:
        return {
            child_id: frozenset(i for i, var in variables.items() if solver.boolean_value(var))
            for child_id, variables in self.model.stay_night.items()
        }
