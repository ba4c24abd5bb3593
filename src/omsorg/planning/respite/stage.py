"""Run one stage of the lexicographic solve: window search, then a full CP-SAT solve.

On horizons of five weeks or more, window search (lns.py) improves the best plan so far within
most of the stage's time; a full solve of the whole model, hinted with that plan, then gets the
rest: it proves optimality or a bound, and may still improve the plan. Short horizons go
straight to the full solve, which proves them optimal in milliseconds.
"""

import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from omsorg.planning.common.params import SolveParams
from omsorg.planning.common.progress import Progress, ProgressEvent
from omsorg.planning.respite.instance import Stay
from omsorg.planning.respite.lns import is_stay, window_search, window_search_pays
from omsorg.planning.respite.model import RespiteModel
from omsorg.planning.respite.objectives import StageSpec
from omsorg.planning.respite.plan import StageReport

# Below this a stage cannot even load the model; it is skipped and the plan stays "feasible".
MIN_STAGE_SECONDS = 0.05
# Share of a stage's time for window search; the full solve gets the rest. The full solve of
# the largest benchmark needs one to two seconds just to presolve, so it keeps a good part.
WINDOW_SHARE = 0.6
# Models up to this many stay variables (about 20 children over a quarter) first get a quick
# full solve, which often proves them optimal at once; on larger ones it would mostly presolve.
QUICK_SOLVE_MAX_STAYS = 10_000
QUICK_SHARE = 0.25

Nights = dict[str, frozenset[int]]


def nights_of_stays(model: RespiteModel, stays: list[Stay]) -> Nights:
    """Night indexes per child of a list of stays (the hint's shape)."""
    nights: dict[str, set[int]] = {child.id: set() for child in model.instance.children}
    for stay in stays:
        first = model.index_of(stay.first_night)
        nights[stay.child].update(range(first, first + stay.nights))
    return {child_id: frozenset(indexes) for child_id, indexes in nights.items()}


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Tells ``progress`` about every improving solution of a full solve."""

    def __init__(self, spec: StageSpec, progress: Progress, began: float, known: float) -> None:
        super().__init__()
        self._spec, self._progress, self._began = spec, progress, began
        self._known = known  # the bound known before solving (floors, earlier solves)

    def on_solution_callback(self) -> None:
        terms = self._spec.describe(self.value)
        bound = self.best_objective_bound
        bound = max(bound, self._known) if self._spec.minimise else min(bound, self._known)
        event = ProgressEvent(
            stage=self._spec.name,
            objective=next(iter(terms.values())),
            bound=self._spec.describe_bound(bound),
            wall_time=time.monotonic() - self._began,
            terms=terms,
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
        finish: Callable[[Nights], float] | None = None,
    ) -> None:
        self.model, self.params, self.progress, self.began = model, params, progress, began
        self.incumbent = incumbent
        # Seconds the caller needs after the stages for the plan it will get (solve.py: the
        # shortfall reasons); kept back from the time left.
        self.finish = finish
        self.load_seconds = 0.0  # the last full solve's wall time beyond CP-SAT's own (hints, load)
        self.raw_bound = 0.0  # the last stage's proven bound, in the solver's own units

    def remaining(self) -> float:
        keep = 0.0 if self.finish is None else self.finish(self.incumbent)
        return self.params.time_limit - keep - (time.monotonic() - self.began)

    def run(self, spec: StageSpec) -> StageReport:
        """Optimise ``spec`` within its share of the time left."""
        # CP-SAT's time limit does not count loading the model; the last full solve's loading
        # time is kept back, so the last stage ends within the engine's limit.
        limit = self.remaining() * spec.share - self.load_seconds
        self.raw_bound = float(spec.known_bound)
        if limit < MIN_STAGE_SECONDS:
            return StageReport(spec.name, "skipped", None, None, time.monotonic() - self.began)
        deadline = time.monotonic() + limit
        if not window_search_pays(self.model):
            return self._full_solve(spec, limit)
        if _quick_solve_pays(self.model):
            report = self._full_solve(spec, limit * QUICK_SHARE)
            if report.status == "optimal":
                return report
        window_search(self, spec, time.monotonic() + self._left(deadline) * WINDOW_SHARE)
        return self._full_solve(spec, self._left(deadline))

    @staticmethod
    def _left(deadline: float) -> float:
        return max(0.0, deadline - time.monotonic())

    def _full_solve(self, spec: StageSpec, limit: float) -> StageReport:
        solving = time.monotonic()
        self.hint(self.model.cp)
        if spec.minimise:
            self.model.cp.minimize(spec.expression)
        else:
            self.model.cp.maximize(spec.expression)
        solver = self.solver(max(limit, MIN_STAGE_SECONDS))
        reporter = None
        if self.progress is not None:
            reporter = _Reporter(spec, self.progress, self.began, self.raw_bound)
        status = solver.solve(self.model.cp, reporter)
        self.load_seconds = max(0.0, time.monotonic() - solving - solver.wall_time)
        wall = time.monotonic() - self.began
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = self.extract(solver)
            # CP-SAT may end on a plan worse than the hint it was given (when the hint was
            # not completed in time); the best plan so far is never given up.
            accepted = spec.score(found) <= spec.score(self.incumbent)
            if accepted:
                self.incumbent = found
            bound = solver.best_objective_bound
            known = self.raw_bound
            self.raw_bound = max(bound, known) if spec.minimise else min(bound, known)
            label = "optimal" if status == cp_model.OPTIMAL else "feasible"
            objective = next(iter(spec.describe(solver.value).values())) if accepted else None
            return StageReport(
                spec.name, label, objective, spec.describe_bound(self.raw_bound), wall
            )
        if status == cp_model.UNKNOWN:  # time ran out before the hint was even loaded
            return StageReport(
                spec.name, "feasible", None, spec.describe_bound(self.raw_bound), wall
            )
        # The incumbent satisfies every constraint, so anything else is a modelling bug.
        raise RuntimeError(f"stage {spec.name}: CP-SAT returned {solver.status_name(status)}")

    def report(self, spec: StageSpec, terms: dict[str, float]) -> None:
        """Tell ``progress`` about an improving plan found by window search."""
        if self.progress is not None:
            bound = spec.describe_bound(self.raw_bound)
            wall = time.monotonic() - self.began
            objective = next(iter(terms.values()))
            self.progress(ProgressEvent(spec.name, objective, bound, wall, terms))

    def solver(self, limit: float) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = limit
        solver.parameters.num_workers = self.params.num_workers
        solver.parameters.random_seed = self.params.seed
        solver.parameters.log_search_progress = self.params.log_search
        return solver

    def hint(self, cp: cp_model.CpModel, window: tuple[int, int] | None = None) -> None:
        """Hint the incumbent: stays (only those meeting ``window``, if given), nights, counts."""
        cp.clear_hints()
        first_free, last_free = window if window is not None else (0, len(self.model.nights))
        for child_id, variables in self.model.stay_night.items():
            mine = self.incumbent[child_id]
            for index, var in variables.items():
                if first_free <= index <= last_free:
                    cp.add_hint(var, index in mine)
            for (first, nights), var in self.model.stays[child_id].items():
                if first <= last_free and first + nights - 1 >= first_free:
                    cp.add_hint(var, is_stay(mine, first, nights))
            cp.add_hint(self.model.planned[child_id], len(mine))

    def extract(self, solver: cp_model.CpSolver) -> Nights:
        return {
            child_id: frozenset(i for i, var in variables.items() if solver.boolean_value(var))
            for child_id, variables in self.model.stay_night.items()
        }


def _quick_solve_pays(model: RespiteModel) -> bool:
    return sum(len(stays) for stays in model.stays.values()) <= QUICK_SOLVE_MAX_STAYS
