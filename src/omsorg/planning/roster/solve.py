"""Solve a rotation instance with CP-SAT and return a checked :class:`RosterResult`."""

import math
import threading
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from omsorg.planning.common.params import SolveParams
from omsorg.planning.common.progress import Progress, ProgressEvent
from omsorg.planning.roster import colgen, lns, pattern
from omsorg.planning.roster.check import Objective, Roster, Violation, check_roster, evaluate
from omsorg.planning.roster.construct import Infeasible, improve_by_paths, sequential_roster
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
    """The contract's output: ``status`` is optimal, feasible or infeasible (the first phase
    always concludes, so there is always a roster or a proof that none exists)."""

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
    """Forwards each improving solution to the progress callback and to the neighbourhood
    search running beside the solve."""

    def __init__(self, progress: Progress | None, began: float, shared=None) -> None:
        super().__init__()
        self._progress = progress
        self._began = began
        self._shared = shared

    def on_solution_callback(self) -> None:
        if self._shared is not None:
            values = list(self.response_proto.solution)
            self._shared.offer(lns.Incumbent(values, round(self.ObjectiveValue())))
        if self._progress is None:
            return
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
    """The cheapest roster found within ``params.time_limit``, with its proven bound.

    A first roster is built person by person (construct.py, which always concludes: a roster
    or a proof of infeasibility, if need be a little past the time limit); then one LP-heavy
    worker, hinted with that roster, improves it and proves the bound (or optimality), and the
    neighbourhood search (lns.py) improves the roster: with two workers (the default) both at
    once for all the time left, each on a core; with one, the LP worker for BOUND_SHARE of it
    and the search after it.
    """
    params = params or RosterParams()
    began = time.monotonic()
    deadline = began + params.time_limit
    builds: list[float] = []
    try:  # always concludes, if need be a little past the deadline (construct.py)
        first_deadline = began + params.time_limit * FIRST_SHARE
        start = sequential_roster(instance, first_deadline, params.seed, builds)
    except Infeasible:
        return RosterResult("infeasible", {}, None, None, wall_time=time.monotonic() - began)
    # The whole model costs about one person's model per staff member to build; when that
    # would not leave half the time left, the first roster is the answer.
    expected_build = len(instance.staff) * (sum(builds) / max(1, len(builds)))
    if time.monotonic() + 2 * expected_build >= deadline - MIN_SOLVE:
        return _by_paths(instance, start, params, deadline, progress, began)
    model = build_model(instance)
    _hint(model, start)
    first = _complete(model, deadline)
    if first.status != cp_model.FEASIBLE:  # no time left to read the model's values
        return _by_paths(instance, start, params, deadline, progress, began)
    if progress is not None:
        progress(ProgressEvent("first roster", first.cost, 0.0, time.monotonic() - began))
    if time.monotonic() >= deadline - MIN_SOLVE:
        return _result(model, first, began)
    _set_hint(model, first.values)
    deadline -= _finish_margin(model, params.time_limit)
    if params.num_workers >= 2 and params.num_workers < PORTFOLIO_WORKERS:
        return _side_by_side(model, params, first, deadline, progress, began)
    main = _full_solve(model, params, deadline, BOUND_SHARE, progress, began)
    if main.status == cp_model.OPTIMAL:
        return _result(model, main, began)
    best = main if main.values and main.cost <= first.cost else first
    bound = max(first.bound, main.bound)
    report = _lns_reporter(progress, began, bound)
    found = lns.improve(model, lns.Incumbent(best.values, best.cost), deadline, params.seed, report)
    return _result(model, _Outcome(cp_model.FEASIBLE, found.values, found.cost, bound), began)


def _side_by_side(model, params, first, deadline, progress, began) -> RosterResult:
    """Two workers: on small instances the column generation (the relaxation for the relaxed
    parts and a bound, :func:`_relax`), then the full model's LP worker (the bound, and
    optimality on small instances) in a thread for LP_SHARE of the time left, the
    neighbourhood search beside it on the other core; when the LP worker's time is up, its
    thread runs a second neighbourhood search.
    CP-SAT releases the GIL while it solves. Both searches and the full solve share the best
    roster (``lns.Shared``); each takes it over when it is cheaper than its own."""
    shared = lns.Shared()
    outcome: list[_Outcome] = []
    report = _lns_reporter(progress, began, first.bound)

    def full() -> None:
        try:
            solved = _relax(model, shared, first, deadline)
            if shared.proven((shared.take() or first).cost):
                return
            if not solved or model.instance.cells <= PROOF_CELLS:
                found = _full_solve(
                    model, params, deadline, LP_SHARE, progress, began, shared=shared
                )
                outcome.append(found)
                shared.stop = None
                shared.bound = max(shared.bound, found.bound)
                if found.status == cp_model.OPTIMAL:
                    return
            mine = shared.take() or lns.Incumbent(first.values, first.cost)
            lns.improve(model, mine, deadline, params.seed + 1, report, shared)
        finally:
            shared.done = True  # the other search stops too

    thread = threading.Thread(target=full, name="roster-full-model")
    thread.start()
    incumbent = lns.Incumbent(first.values, first.cost)
    found = lns.improve(model, incumbent, deadline, params.seed, report, shared)
    stop = shared.stop
    if shared.proven(found.cost) and stop is not None:
        stop()  # the search met the bound: the roster is optimal
    thread.join()
    main = outcome[0] if outcome else _Outcome(cp_model.UNKNOWN, [], 0, 0.0)
    if main.status == cp_model.OPTIMAL:
        return _result(model, main, began)
    other = shared.take()
    if other is not None and other.cost < found.cost:
        found = other
    bound = max(first.bound, main.bound, shared.bound)
    status = cp_model.OPTIMAL if shared.proven(found.cost) else cp_model.FEASIBLE
    return _result(model, _Outcome(status, found.values, found.cost, bound), began)


def _relax(model: RosterModel, shared: lns.Shared, first: "_Outcome", deadline: float) -> bool:
    """Column generation (colgen.py) for RELAX_SHARE of the time left, from the best roster so
    far: its relaxation goes to the searches' relaxed parts, its bound to the shared bound.
    Whether it solved the relaxation: its bound is then the LP's, which the full model's LP
    worker does not reach in what is left of a minute (Curtois & Qu 8: 1296 against 1256)."""
    instance, generation = model.instance, colgen.ColumnGeneration(model.instance)
    most, rate = RELAX_CELLS, RELAX_CELLS_PER_SECOND
    if generation.priced_exactly():
        most, rate = RELAX_CELLS_EXACT, RELAX_CELLS_PER_SECOND_EXACT
    if instance.cells > min(most, rate * (deadline - time.monotonic())):
        return False
    best = shared.take() or lns.Incumbent(first.values, first.cost)
    generation.add_roster(_roster_of(model, best.values))
    until = time.monotonic() + RELAX_SHARE * (deadline - time.monotonic())

    def publish(relaxation: colgen.Relaxation) -> None:
        shared.bound = max(shared.bound, relaxation.bound)
        if relaxation.value < (shared.take() or best).cost:  # it tells the search something
            shared.relaxation = relaxation

    def met() -> bool:  # the search's roster meets the bound: nothing left to do
        return shared.proven((shared.take() or best).cost)

    relaxation = generation.relax(until, publish, met)
    shared.bound = max(shared.bound, generation.bound)
    return relaxation is not None and relaxation.solved


def _by_paths(instance, start, params, deadline, progress, began) -> RosterResult:
    """Without the whole model (too large to build, or its values not read in time): the
    first roster, improved by rows by cheapest paths where they apply until just before the
    limit."""
    if progress is not None:
        cost = evaluate(instance, start).total
        progress(ProgressEvent("first roster", cost, 0.0, time.monotonic() - began))
    if pattern.applies(instance):
        start = improve_by_paths(instance, start, deadline - PLAIN_MARGIN, params.seed)
    return _plain_result(instance, start, began)


def _finish_margin(model: RosterModel, time_limit: float) -> float:
    """Seconds kept back from the searches for what follows them on a large model: the last
    part-solve's build past its own limit, the threads' join, reading the roster out of the
    values and checking it. Without it Curtois & Qu 22 and 23 (364 days, 182 000 and 582 000
    shift variables) returned 1.3 and 1.6 s after a 60 s limit, and 13 (121 000) 0.2-0.4 s."""
    return min(FINISH_SHARE * time_limit, FINISH_PER_VARIABLE * len(model.shift))


def _plain_result(instance: Instance, roster: Roster, began: float) -> RosterResult:
    """The first roster as it is, when the time ran out before the full model could run: it
    breaks no rule; the bound is the trivial 0 (no cost is negative)."""
    objective = evaluate(instance, roster)
    violations = tuple(check_roster(instance, roster))
    wall = time.monotonic() - began
    return RosterResult("feasible", roster, objective, 0, violations, wall)


def _complete(model: RosterModel, deadline: float) -> "_Outcome":
    """The whole model's values for the hinted shifts (cover counts, weekends, rest blocks)."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.max_time_in_seconds = max(MIN_SOLVE, min(5.0, deadline - time.monotonic()))
    status = solver.Solve(model.cp)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _Outcome(cp_model.UNKNOWN, [], 0, 0.0)
    values = list(solver.ResponseProto().solution)
    # Optimal only for these shifts: the whole roster is merely feasible.
    return _Outcome(cp_model.FEASIBLE, values, round(solver.ObjectiveValue()), 0.0)


def _lns_reporter(progress: Progress | None, began: float, bound: float):
    if progress is None:
        return None

    def report(best: lns.Incumbent) -> None:
        progress(ProgressEvent("neighbourhoods", best.cost, bound, time.monotonic() - began))

    return report


def _set_hint(model: RosterModel, values: list[int]) -> None:
    model.cp.ClearHints()
    model.cp.Proto().solution_hint.vars.extend(range(len(values)))
    model.cp.Proto().solution_hint.values.extend(values)


# The portfolio's search for a first roster may take this share of the time at most; the LP
# worker then gets BOUND_SHARE of the rest, the neighbourhood search the remainder.
FIRST_SHARE, BOUND_SHARE = 0.3, 0.35
# With two workers the LP worker runs beside the search for this share of the time left, then
# its core goes to a second search: on the larger instances its relaxation stays far from the
# rosters found (Instance8: bound 1236 against 2438) and it finds none of its own.
LP_SHARE = 0.5
# The column generation runs first in the LP worker's thread, for this share of the time left,
# on instances of at most this many (staff, day, shift type) cells.
RELAX_SHARE, RELAX_CELLS = 0.8, 6_000
# ... and only with at least one second left per this many cells: it needs about that long to
# solve the relaxation (Curtois & Qu 7, 1 680 cells: 25 s; 8, 3 360: 36 s; 14, 5 376: 50 s,
# alone on a core). At 10 s, 8 and 16 gave bounds of 28 and 30 with it (the LP worker's 1236
# and 3182 without) and no better rosters.
RELAX_CELLS_PER_SECOND = 120
# Where every person's row is priced exactly by a program (program.py), the relaxation is
# solved several times faster (Curtois & Qu 12, 16 800 cells: in 15-25 s), so these apply.
RELAX_CELLS_EXACT, RELAX_CELLS_PER_SECOND_EXACT = 20_000, 400
# Up to this many cells the full model's LP worker runs after the column generation even when
# that solved the relaxation: it proves optimality where the LP has a gap (Curtois & Qu 1-3).
# Above it, a solved relaxation's bound is more than the LP worker reaches in what is left of a
# minute (8: 1296 against 1256; 16: 3222 against 3184), so the thread searches instead.
PROOF_CELLS = 2_000
# Where the whole model is too large, rows by cheapest paths improve the first roster until
# this many seconds before the limit (checking and pricing the roster take the rest).
PLAIN_MARGIN = 1.0
# The searches stop this many seconds per shift variable before the limit, at most this share
# of it (_finish_margin): 1.5 s on Curtois & Qu 22, 3 s of 60 on 23, 0.03 s on 8.
FINISH_PER_VARIABLE, FINISH_SHARE = 8e-6, 0.05
# A CP-SAT solve is not started with less than this many seconds left.
MIN_SOLVE = 0.05
# Below this many workers CP-SAT's portfolio drops its LP-based workers' strong relaxation (on
# Curtois & Qu Instance3 at 10 s: bound 300 with 2 workers against 1001, the optimum, with one
# worker at linearization level 2), so smaller machines run one worker at that level.
PORTFOLIO_WORKERS = 8


def configure(parameters, workers: int) -> None:
    """One LP-heavy worker on a small machine, CP-SAT's own portfolio on a big one."""
    if workers >= PORTFOLIO_WORKERS:
        parameters.num_workers = workers
    else:
        parameters.num_workers = 1
        parameters.linearization_level = 2


@dataclass
class _Outcome:
    status: int
    values: list[int]
    cost: int
    bound: float


def _full_solve(
    model, params, deadline, share, progress, began, first=False, shared=None
) -> _Outcome:
    """CP-SAT on the whole model for ``share`` of the time left: the portfolio until its first
    roster when ``first``, else as :func:`configure` says."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, (deadline - time.monotonic()) * share)
    if first:
        solver.parameters.num_workers = params.num_workers
        solver.parameters.stop_after_first_solution = True
    else:
        configure(solver.parameters, 1 if shared is not None else params.num_workers)
    solver.parameters.random_seed = params.seed
    solver.parameters.log_search_progress = params.log_search
    if shared is not None:
        shared.stop = solver.StopSearch

        def raise_bound(bound: float) -> None:
            shared.bound = max(shared.bound, bound)

        solver.best_bound_callback = raise_bound
    wanted = progress is not None or shared is not None
    reporter = _Reporter(progress, began, shared) if wanted else None
    status = solver.Solve(model.cp, reporter)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _Outcome(status, [], 0, 0.0)
    values = list(solver.ResponseProto().solution)
    return _Outcome(status, values, round(solver.ObjectiveValue()), solver.BestObjectiveBound())


def _result(model: RosterModel, outcome: _Outcome, began: float) -> RosterResult:
    wall = time.monotonic() - began
    roster = _roster_of(model, outcome.values)
    objective = evaluate(model.instance, roster)
    optimal = outcome.status == cp_model.OPTIMAL
    # The objective is integral, so a fractional bound rounds up; it never exceeds a roster.
    bound = objective.total if optimal else min(objective.total, math.ceil(outcome.bound - 1e-6))
    violations = tuple(check_roster(model.instance, roster))
    return RosterResult(STATUS_NAMES[outcome.status], roster, objective, bound, violations, wall)


def _roster_of(model: RosterModel, values: list[int]) -> Roster:
    roster = {}
    for person, staff in enumerate(model.instance.staff):
        days = []
        for day in range(model.instance.days):
            worked = [
                shift.id
                for shift in model.instance.shift_types
                if (person, day, shift.id) in model.shift
                and values[model.shift[(person, day, shift.id)].Index()]
            ]
            days.append(worked[0] if worked else "")
        roster[staff.id] = tuple(days)
    return roster


def _hint(model: RosterModel, roster: Roster) -> None:
    model.cp.ClearHints()
    for (person, day, shift_id), var in model.shift.items():
        staff_id = model.instance.staff[person].id
        model.cp.AddHint(var, roster[staff_id][day] == shift_id)
