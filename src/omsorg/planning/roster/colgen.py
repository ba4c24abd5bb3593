"""The roster's linear relaxation by column generation: each person chooses one row.

The master LP (GLOP, kept between solves) chooses, per person, a mix of rows (columns) that
sums to one, and pays the rows' requests and the cover's under and over weights. Its duals
price each (day, shift type) cell; a person's cheapest row under those prices is found
exactly by dynamic programming over the person's rules (program.py) where its state is small
enough, else by CP-SAT on the person's own model (every hard rule of theirs, nothing else),
and a row of negative reduced cost joins the master. When no person has one left, the LP is
solved.

What the engine uses it for:
- :attr:`Relaxation.cells`: how much of each (person, day, type) the LP works. The
  neighbourhood search frees the cells where this is fractional or differs from the best
  roster and fixes the rest (relaxation-induced neighbourhoods, RINS): on Curtois & Qu
  Instance7 this took a roster from 1079 to 1058 in 15 s, where the LP's value is 1054.1.
- :attr:`Relaxation.bound`: a proven lower bound. For any cover prices within
  [-over weight, under weight], the cover's required counts at those prices plus each
  person's cheapest row at them is no more than any roster's cost (Lagrangian relaxation of
  the cover rows); a person's cheapest row is the program's exact least cost, or is bounded
  from below by CP-SAT's proven bound, less what rounding the prices to integers can have
  hidden. So the bound holds at every iteration, converged or not.
"""

import math
import time
from dataclasses import dataclass

import numpy as np
from ortools.math_opt.python import mathopt
from ortools.sat.python import cp_model

from omsorg.planning.roster.check import Roster
from omsorg.planning.roster.construct import (
    CoverTable,
    keeps_rules,
    person_instance,
    row_cost,
    wish_costs,
)
from omsorg.planning.roster.instance import Instance
from omsorg.planning.roster.model import build_model
from omsorg.planning.roster.program import RowProgram, program

# Prices are scaled by this and rounded for CP-SAT (integer coefficients).
SCALE = 1000
# A person's pricing solve may take at most this many seconds.
PRICE_LIMIT = 0.3
# A column joins the master only when its reduced cost is below minus this.
EPSILON = 1e-6
# The master is solved again once this share of the people found a column.
ENOUGH = 0.25
# A pricing solve offers the master at most this many of the rows it found, the last ones.
FOUND_ROWS = 5
# Prices are tried at this weight on the best bound's prices, the rest on the master's own.
SMOOTHING = 0.5


@dataclass(frozen=True)
class Relaxation:
    """The master LP's solution: ``cells[person, day, type]`` is the share of that shift in
    the person's mix of rows; ``value`` the LP's cost (the full LP's when ``solved``), and
    ``bound`` the best proven lower bound on any roster's cost found so far."""

    cells: np.ndarray
    value: float
    bound: float
    solved: bool


class _Column:
    __slots__ = ("cost", "hits", "var")

    def __init__(self, cost: float, hits: np.ndarray) -> None:
        self.cost, self.hits = cost, hits
        self.var = None  # its variable in the master LP, once added


class ColumnGeneration:
    """The master's columns, and the people's pricing models, kept between calls."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.cover = CoverTable(instance)
        self.types = len(self.cover.index)
        self.wishes = wish_costs(instance, self.cover.index)
        # A request "on" costs its weight when not worked: that part of a row's cost is fixed.
        self.fixed = dict.fromkeys((s.id for s in instance.staff), 0)
        for request in instance.requests:
            if request.on:
                self.fixed[request.staff] += request.weight
        self.columns: list[dict[tuple[str, ...], _Column]] = [{} for _ in instance.staff]
        self._models: dict[int, object] = {}
        self._programs: dict[int, RowProgram | None] = {}
        self._lp: _Master | None = None  # built on the first call to _master
        self._chosen: list = []  # (person, row) of every column in the master, in order
        self._turn = 0  # the person the next round of pricing starts with
        self.bound = -math.inf

    def add_roster(self, roster: Roster) -> None:
        """Every person's row of a roster that keeps the rules, as columns."""
        for person, staff in enumerate(self.instance.staff):
            row = tuple(roster[staff.id])
            if row not in self.columns[person] and keeps_rules(self.instance, staff, row):
                self.columns[person][row] = self._column(person, row)

    def relax(self, deadline: float, publish=None, stop=None) -> Relaxation | None:
        """Generate columns until none prices out or ``deadline`` (a monotonic clock time);
        the last master's solution. None when a person has no column yet. ``publish`` gets
        each master's solution on the way (the search can use a relaxation long before it
        is solved: on Curtois & Qu 14 and 16 the master's value is within 0.1 % of the best
        known long before the pricing finds nothing more). It stops early when ``stop()``
        says so (the search met the bound).

        Two standard speed-ups: the people are priced in turn and the master is solved
        again once ENOUGH of them found a column (partial pricing), and the prices are
        smoothed towards those of the best bound so far (Wentges), which damps the duals'
        swings; a round that finds nothing at smoothed prices is priced again at the
        master's own before the LP counts as solved."""
        if any(not columns for columns in self.columns):
            return None
        centre, smooth = None, SMOOTHING
        enough = max(1, math.ceil(ENOUGH * len(self.columns)))
        while True:
            value, prices, mix, person_prices = self._master()
            if publish is not None:
                publish(Relaxation(mix, value, self.bound, solved=False))
            if time.monotonic() >= deadline or (stop is not None and stop()):
                return Relaxation(mix, value, self.bound, solved=False)
            tried = prices if centre is None else smooth * centre + (1 - smooth) * prices
            added, bound = self._price(tried, prices, person_prices, deadline, enough)
            if bound is not None and bound >= self.bound:
                self.bound, centre = bound, tried
            if added:
                smooth = SMOOTHING
            elif bound is None:  # the deadline cut the round short
                return Relaxation(mix, value, self.bound, solved=False)
            elif tried is prices or smooth == 0.0:
                return Relaxation(mix, value, self.bound, solved=True)
            else:
                smooth = 0.0

    def _column(self, person: int, row: tuple[str, ...]) -> _Column:
        staff = self.instance.staff[person]
        wishes = self.wishes.get(staff.id)
        cost = float(self.fixed[staff.id])
        if wishes is not None:
            cost += row_cost(self.cover, wishes, row)
        return _Column(cost, self.cover.hits(staff, row))

    def _master(self):
        """The master LP over the columns so far: its value, the cover rows' prices (duals),
        the mix of each person's cells, and each person's own price (convexity dual). The LP
        is kept between calls and only the new columns are added, so GLOP goes on from the
        last basis (Curtois & Qu 12 at 5 000 columns: 0.2 s a solve from scratch)."""
        if self._lp is None:
            self._lp = _Master(self.cover, len(self.columns))
        for person, columns in enumerate(self.columns):
            for row, column in columns.items():
                if column.var is None:
                    column.var = self._lp.add(person, column)
                    self._chosen.append((person, row))
        value, duals, own, shares = self._lp.solve()
        prices = np.clip(duals, -self.cover.over, self.cover.under)
        return value, prices, self._mix(self._chosen, shares), own

    def _mix(self, chosen, shares) -> np.ndarray:
        index = self.cover.index
        cells = np.zeros((len(self.instance.staff), self.instance.days, self.types))
        for (person, row), share in zip(chosen, shares, strict=True):
            if share > 1e-9:
                for day, code in enumerate(row):
                    if code:
                        cells[person, day, index[code]] += share
        return cells

    def _price(self, tried, prices, person_prices, deadline, enough):
        """Each person's cheapest row at the ``tried`` prices, in turn, joins when its reduced
        cost at the master's ``prices`` is negative; stops after ``enough`` joined. Returns
        how many joined and, when every person was priced, the Lagrangian bound at ``tried``
        (else None)."""
        cover, added, people = self.cover, 0, len(self.columns)
        bound = float(np.dot(tried, cover.required))
        for step in range(people):
            person = (self._turn + step) % people
            if time.monotonic() >= deadline:
                return added, None
            staff = self.instance.staff[person]
            table = np.zeros((self.instance.days, self.types))
            rows = cover.rows_of(staff)
            np.add.at(table, (cover.day[rows], cover.shift[rows]), -tried[rows])
            wishes = self.wishes.get(staff.id)
            if wishes is not None:
                table += wishes
            found = self._cheapest(person, table, deadline)
            if found is None:
                bound = -math.inf
                continue
            rows, least = found
            bound += least + self.fixed[staff.id]
            if self._join(person, rows, prices, person_prices[person]):
                added += 1
            if added >= enough and step < people - 1:
                self._turn = (person + 1) % people
                return added, None
        return added, bound

    def _join(self, person: int, rows: list[tuple[str, ...]], prices, own: float) -> bool:
        """Whether any of ``rows`` joins the master: those of negative reduced cost do."""
        joined = False
        for row in rows:
            if row in self.columns[person]:
                continue
            column = self._column(person, row)
            if column.cost - float(prices[column.hits].sum()) - own < -EPSILON:
                self.columns[person][row] = column
                joined = True
        return joined

    def priced_exactly(self) -> bool:
        """Whether every person's row is priced by a program (program.py), not by CP-SAT."""
        return all(self._program(person) is not None for person in range(len(self.columns)))

    def _program(self, person: int) -> RowProgram | None:
        if person not in self._programs:
            self._programs[person] = program(self.instance, self.instance.staff[person])
        return self._programs[person]

    def _cheapest(self, person: int, table: np.ndarray, deadline: float):
        """The person's cheapest rows under ``table`` (cost per day and type index), the
        cheapest last, and a lower bound on its cost; None when none was found in time.
        Exact by the person's program where it applies, else by CP-SAT."""
        rows_program = self._program(person)
        if rows_program is None:
            return self._cheapest_by_solver(person, table, deadline)
        rows, least = rows_program.cheapest(table, FOUND_ROWS)
        return (rows, least) if rows else None

    def _cheapest_by_solver(self, person: int, table: np.ndarray, deadline: float):
        """The rows CP-SAT found on its way to the person's cheapest row under ``table``
        (cost per day and type index), the cheapest last, and a proven lower bound on its
        cost; None when CP-SAT found none in time. The rows on the way are columns too:
        they cost nothing more to find, and a master with them needs fewer rounds."""
        if person not in self._models:
            self._models[person] = build_model(
                person_instance(self.instance, self.instance.staff[person])
            )
        model, index = self._models[person], self.cover.index
        cells = list(model.shift.items())
        weights = [int(round(SCALE * table[day, index[sid]])) for (_p, day, sid), _v in cells]
        model.cp.Minimize(cp_model.LinearExpr.WeightedSum([v for _k, v in cells], weights))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        # A person's model is small: probing and symmetry detection cost more than they save,
        # the full LP relaxation less (Curtois & Qu 8: 53 ms a solve by default, 22 this way).
        solver.parameters.linearization_level = 2
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.symmetry_level = 0
        left = deadline - time.monotonic()
        solver.parameters.max_time_in_seconds = max(0.01, min(PRICE_LIMIT, left))
        found = _Rows(cells, self.instance.days)
        if solver.Solve(model.cp, found) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        if not found.rows:  # solved without a callback (presolve alone): read the answer
            found.read(solver.BooleanValue)
        # Rounding moved each worked cell's price by at most half a unit; a row works at most
        # one cell a day.
        least = (solver.BestObjectiveBound() - 0.5 * self.instance.days) / SCALE
        return found.rows[-FOUND_ROWS:], least


class _Master:
    """The master LP in MathOpt, solved incrementally by GLOP: a new column is a new variable,
    and GLOP starts from the last basis (pywraplp's GLOP rebuilt it on every solve)."""

    def __init__(self, cover: CoverTable, people: int) -> None:
        self.model = model = mathopt.Model(name="roster-master")
        self.rows = [model.add_linear_constraint(lb=float(n), ub=float(n)) for n in cover.required]
        objective = model.objective
        for r, row in enumerate(self.rows):
            under, over = model.add_variable(lb=0.0), model.add_variable(lb=0.0)
            row.set_coefficient(under, 1.0)
            row.set_coefficient(over, -1.0)
            objective.set_linear_coefficient(under, float(cover.under[r]))
            objective.set_linear_coefficient(over, float(cover.over[r]))
        self.people = [model.add_linear_constraint(lb=1.0, ub=1.0) for _ in range(people)]
        self.columns: list = []
        self.solver = mathopt.IncrementalSolver(model, mathopt.SolverType.GLOP)

    def add(self, person: int, column: _Column):
        var = self.model.add_variable(lb=0.0)
        self.people[person].set_coefficient(var, 1.0)
        self.model.objective.set_linear_coefficient(var, column.cost)
        for r in column.hits:
            self.rows[r].set_coefficient(var, 1.0)
        self.columns.append(var)
        return var

    def solve(self):
        """The LP's value, the cover rows' and the people's duals, and each column's share."""
        result = self.solver.solve()
        if result.termination.reason != mathopt.TerminationReason.OPTIMAL:
            raise RuntimeError("the master LP has no optimum")  # every person has a column
        duals = result.dual_values(self.rows)
        own = result.dual_values(self.people)
        return result.objective_value(), np.array(duals), own, result.variable_values(self.columns)


class _Rows(cp_model.CpSolverSolutionCallback):
    """Each roster row a pricing solve finds, in the order found."""

    def __init__(self, cells, days: int) -> None:
        super().__init__()
        self._cells, self._days = cells, days
        self.rows: list[tuple[str, ...]] = []

    def on_solution_callback(self) -> None:
        self.read(self.BooleanValue)

    def read(self, value) -> None:
        row = [""] * self._days
        for (_p, day, sid), var in self._cells:
            if value(var):
                row[day] = sid
        self.rows.append(tuple(row))
