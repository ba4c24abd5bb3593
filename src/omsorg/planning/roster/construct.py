"""A first roster built one staff member at a time, each by a cheapest path or a small CP-SAT
solve.

Every hard rule concerns one staff member only; only the cost couples them. So a roster that
breaks no rule exists exactly when every person's own rules can hold, and it can be built person
by person: each solves their own rules against the cover still open after the people before
them (the rows' required counts lowered by what is already planned), and their own wishes.

On horizons longer than PATTERN_DAYS, where the instance's rules allow it, a person's row comes
from a priced cheapest path over the days (pattern.py, no CP-SAT); a person the paths do not
serve (in PATH_PASSES passes) is solved by CP-SAT after everyone else, as before.

This phase always concludes, even past the deadline: a person's model is tiny, and when the
cost-aware solve runs out of its share of time the person's rules alone are solved without a
time limit (no cost, so CP-SAT stops at the first roster or the proof that none exists). The
engine therefore always returns a roster or a proof of infeasibility, never "unknown".
"""

import time
from collections import Counter
from dataclasses import replace

import numpy as np
from ortools.sat.python import cp_model

from omsorg.planning.roster import pattern
from omsorg.planning.roster.check import STAFF_RULES, Roster
from omsorg.planning.roster.instance import Instance, Staff
from omsorg.planning.roster.model import build_model

# Each person's cost-aware solve gets an equal share of the time left, at most PERSON_MAX
# seconds: a good row found quickly serves better than a perfect one (the neighbourhood search
# improves it). Past the deadline a person gets no cost-aware solve, only the rules.
PERSON_MAX = 0.5
# Horizons longer than this many days go to the cheapest paths (Curtois & Qu 18-24: a
# person's CP-SAT row took 0.1-2 s there, the first roster 11.8-276 s). On shorter ones the
# CP-SAT rows are much better (Instance13, 28 days: 8675 against 30 000 by paths at 60 s:
# 6080 against a median of 8208) and fast enough.
PATTERN_DAYS = 56
# Passes of the cheapest paths over the people they missed before CP-SAT takes them (a
# person's CP-SAT row on a 364-day horizon takes seconds; Curtois & Qu 23: 9-15 of 100 missed
# in the first pass).
PATH_PASSES = 3


class Infeasible(Exception):
    """A staff member's own rules cannot all hold: no roster of the unit can."""

    def __init__(self, staff_id: str) -> None:
        super().__init__(staff_id)
        self.staff = staff_id


def sequential_roster(
    instance: Instance, deadline: float, seed: int = 0, builds: list[float] | None = None
) -> Roster:
    """A roster breaking no rule; raises :class:`Infeasible` when none exists. The seconds
    each person's model took to build are appended to ``builds`` (the engine estimates from
    them whether the whole model can still be built in time)."""
    roster: Roster = {}
    cover = CoverTable(instance)
    people = list(instance.staff)
    if instance.days > PATTERN_DAYS and pattern.applies(instance):
        people = _by_paths(instance, people, cover, roster, seed, builds)
    for index, staff in enumerate(people):
        _add(instance, staff, cover, roster, deadline, len(people) - index, seed, builds)
    return {staff.id: roster[staff.id] for staff in instance.staff}


def _add(instance, staff, cover, roster, deadline, still, seed, builds) -> None:
    """The person's row by CP-SAT, with an equal share of the time left."""
    left = deadline - time.monotonic()
    limit = min(PERSON_MAX, left / (still + 1)) if left > 0 else 0.0
    row = _one(instance, staff, cover, limit, seed, builds)
    roster[staff.id] = row
    cover.count(staff, row)


def _by_paths(instance, people, cover, roster, seed, builds) -> list[Staff]:
    """Rows by cheapest paths into ``roster``; the people left to CP-SAT."""
    left: list[Staff] = []

    def done(staff: Staff, row) -> None:
        if row is None or not keeps_rules(instance, staff, row):
            left.append(staff)
            return
        roster[staff.id] = row
        cover.count(staff, row)

    paths = pattern.rows(instance, people, cover.costs, done, seed)
    for _again in range(PATH_PASSES - 1):  # the few missed, with fresh noise: cheaper than CP-SAT
        if not left:
            break
        missed = {staff.id for staff in left}
        left.clear()
        order = [i for i, staff in enumerate(people) if staff.id in missed]
        paths.solve(cover.costs, done, order=order)
    if builds is not None and people:  # the engine's estimate of the whole model's build
        began = time.monotonic()
        build_model(person_instance(instance, people[0]))
        builds.append(time.monotonic() - began)
    return left


def keeps_rules(instance: Instance, staff: Staff, row: tuple[str, ...]) -> bool:
    """The checker's verdict on one person's row (every path is checked before it is kept)."""
    return not any(any(True for _ in rule(instance, staff, row)) for rule in STAFF_RULES)


class CoverTable:
    """The cover rows as arrays, with the count of staff already planned on each."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.index = {t.id: i for i, t in enumerate(instance.shift_types)}
        rows = instance.cover
        self.day = np.array([c.day for c in rows], dtype=int)
        self.shift = np.array([self.index[c.shift] for c in rows], dtype=int)
        self.required = np.array([c.required for c in rows], dtype=int)
        self.under = np.array([c.under_weight for c in rows], dtype=float)
        self.over = np.array([c.over_weight for c in rows], dtype=float)
        self.planned = np.zeros(len(rows), dtype=int)
        self._rows: dict[tuple[str, ...], np.ndarray] = {}

    def rows_of(self, staff: Staff) -> np.ndarray:
        """The rows the person counts on (no skill, or one of theirs)."""
        key = tuple(sorted(staff.skills))
        if key not in self._rows:
            self._rows[key] = np.array(
                [i for i, c in enumerate(self.instance.cover)
                 if self.instance.has_skill(staff, c.skill)], dtype=int)  # fmt: skip
        return self._rows[key]

    def costs(self, staff: Staff) -> np.ndarray:
        """One person's cover cost per (day, type), linear in their shifts: a shift on a row
        still open (fewer planned than required) saves its under weight, one on a row already
        met costs its over weight."""
        rows = self.rows_of(staff)
        open_ = self.planned[rows] < self.required[rows]
        change = np.where(open_, -self.under[rows], self.over[rows])
        table = np.zeros((self.instance.days, len(self.index)))
        np.add.at(table, (self.day[rows], self.shift[rows]), change)
        return table

    def cost_dict(self, staff: Staff) -> dict[tuple[int, str], int]:
        table = self.costs(staff)
        ids = list(self.index)
        return {(int(d), ids[t]): int(table[d, t]) for d, t in zip(*np.nonzero(table), strict=True)}

    def hits(self, staff: Staff, row) -> np.ndarray:
        """The cover rows the person's row counts on."""
        rows = self.rows_of(staff)
        worked = np.array([self.index[c] if c else -1 for c in row], dtype=int)
        return rows[worked[self.day[rows]] == self.shift[rows]]

    def count(self, staff: Staff, row, by: int = 1) -> None:
        """Add the person's row to the planned counts (``by=-1``: take it out)."""
        self.planned[self.hits(staff, row)] += by


def improve_by_paths(instance: Instance, roster: Roster, deadline: float, seed: int = 0) -> Roster:
    """The roster improved one person at a time until ``deadline``, where the whole model is
    too large to build in time (Curtois & Qu 21-24: 182-364 days, up to 150 staff): each
    person's row is taken out, a cheapest path is found against everyone else's cover, and
    the cheaper of the two rows is kept. A person's cover cost with the others fixed is linear
    in their own shifts (each counts once on a row), so the comparison is exact and the
    roster's cost never rises; every new row is checked by the checker."""
    roster = dict(roster)
    cover, people = CoverTable(instance), list(instance.staff)
    for staff in people:
        cover.count(staff, roster[staff.id])
    wishes = wish_costs(instance, cover.index)
    paths = pattern.Paths(instance, people, seed)
    rng = np.random.default_rng(seed)

    def cost_of(staff: Staff) -> np.ndarray:
        cover.count(staff, roster[staff.id], by=-1)
        return cover.costs(staff)

    def done(staff: Staff, row) -> None:
        if row is not None and keeps_rules(instance, staff, row):
            table = cover.costs(staff) + wishes.get(staff.id, 0)
            if row_cost(cover, table, row) < row_cost(cover, table, roster[staff.id]):
                roster[staff.id] = row
        cover.count(staff, roster[staff.id])

    while time.monotonic() < deadline:
        order = rng.permutation(len(people)).tolist()
        paths.solve(cost_of, done, order=order, deadline=deadline)
    return roster


def wish_costs(instance: Instance, index: dict[str, int]) -> dict[str, np.ndarray]:
    """Per person, the requests' cost change per (day, type index) when worked."""
    tables: dict[str, np.ndarray] = {}
    for r in instance.requests:
        table = tables.setdefault(r.staff, np.zeros((instance.days, len(index))))
        table[r.day, index[r.shift]] += -r.weight if r.on else r.weight
    return tables


def row_cost(cover: CoverTable, table: np.ndarray, row) -> float:
    """The sum of ``table`` (per day and type index) over the shifts the row works."""
    return float(sum(table[day, cover.index[code]] for day, code in enumerate(row) if code))


def person_instance(instance: Instance, staff: Staff) -> Instance:
    """One person's part of the instance: their own rules and requests, no cover."""
    return replace(
        instance,
        staff=(staff,),
        requests=tuple(r for r in instance.requests if r.staff == staff.id),
        cover=(),
    )


def _one(instance: Instance, staff: Staff, cover, limit: float, seed: int, builds=None):
    """The person's row, cost-aware: within ``limit`` seconds, else (past the deadline, or
    when that found nothing) the first row that keeps their rules, without a time limit. On an
    instance with many shift types, first with the few types the open cover needs most."""
    alone = person_instance(instance, staff)
    costs = cover.cost_dict(staff)
    narrow = _narrowed(alone, staff, costs)
    if narrow is not None:
        scale = len(alone.shift_types) / len(narrow.shift_types)
        tries = [(max(limit, NARROW_MIN), False)] if limit >= 0.01 else []
        for budget, first in [*tries, (NARROW_FIRST, True)]:
            try:
                row = _solve_row(narrow, costs, budget, seed, builds, first, scale)
            except Infeasible:  # only with these types: all of them may still serve
                break
            if row is not None:
                return row
    if limit >= 0.01:
        row = _solve_row(alone, costs, limit, seed, builds)
        if row is not None:
            return row
    # Guided by the costs even here: on long horizons a search without them wanders (Curtois
    # & Qu Instance20, one person's rules alone: 8 s without presolve, 74 s with).
    row = _solve_row(alone, costs, None, seed, builds, first=True)
    if row is None:  # no limit was set, so CP-SAT stopped only on a proof or a roster
        raise RuntimeError(f"no conclusion for {staff.id}")
    return row


# More shift types than this (Curtois & Qu Instance24: 32) and a person's model is first built
# with only the few the open cover needs most: the whole one takes 0.3 s to build there, for
# each of 150 staff. Such a narrowed solve gets at least NARROW_MIN seconds.
NARROW_ABOVE, NARROW_MIN, NARROW_K = 6, 0.3, 3
# Only on long horizons with many types (shift variables per person above this).
NARROW_CELLS = 4000
# A narrowed model's first row may take this long before the person's whole model is tried.
NARROW_FIRST = 5.0


def _narrowed(alone: Instance, staff: Staff, costs) -> Instance | None:
    """``alone`` with the shift types that fill most open cover, enough of them (with room to
    spare) for the position's minimum hours; None when there are few types anyway."""
    limits = dict(staff.max_shifts)
    allowed = [t for t in alone.shift_types if limits.get(t.id) != 0]
    if len(allowed) <= NARROW_ABOVE or len(allowed) * alone.days <= NARROW_CELLS:
        return None
    need: Counter = Counter()
    for (_day, sid), cost in costs.items():
        need[sid] -= min(0, cost)
    allowed.sort(key=lambda t: -need[t.id])
    least = 2 * (staff.minutes.low if staff.minutes else 0)
    chosen, room = [], 0
    for shift in allowed:
        chosen.append(shift)
        room += min(alone.days, limits.get(shift.id, alone.days)) * shift.minutes
        if len(chosen) >= NARROW_K and room >= least:
            break
    if len(chosen) == len(allowed):
        return None
    return replace(alone, shift_types=tuple(chosen))


def _solve_row(alone: Instance, costs, limit: float | None, seed: int, builds=None,
               first: bool = False, scale: float = 1.0):  # fmt: skip
    """None when the time ran out; raises Infeasible on a proof. Without ``costs`` only the
    rules are solved (no objective: CP-SAT stops at the first roster); with ``first`` the
    first roster is taken. ``scale``: how much longer the person's whole model would take to
    build than this one (the engine estimates the whole model's build from ``builds``)."""
    began = time.monotonic()
    model = build_model(alone)
    if builds is not None:
        builds.append((time.monotonic() - began) * scale)
    if costs is not None:
        terms = [(var, costs.get((day, sid), 0)) for (_p, day, sid), var in model.shift.items()]
        terms = [(var, c) for var, c in terms if c]
        extra = cp_model.LinearExpr.WeightedSum([v for v, _ in terms], [c for _, c in terms])
        model.cp.Minimize(model.objective() + extra)
    else:
        model.cp.ClearObjective()
    solver = cp_model.CpSolver()
    if limit is not None:
        solver.parameters.max_time_in_seconds = limit
    else:  # a person's rules alone: search at once (presolve and probing cost more here)
        solver.parameters.cp_model_presolve = False
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.symmetry_level = 0
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.stop_after_first_solution = first
    if first:  # one worker's default search is heavy-tailed on long horizons (Curtois & Qu
        # Instance20, a person's rules with tight hours over 182 days: no row in 8 s; with
        # quick restarts one in 0.2 s)
        solver.parameters.search_branching = cp_model.PORTFOLIO_WITH_QUICK_RESTART_SEARCH
    status = solver.Solve(model.cp)
    if status in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
        raise Infeasible(alone.staff[0].id)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    days = []
    for day in range(alone.days):
        worked = [
            shift.id
            for shift in alone.shift_types
            if (0, day, shift.id) in model.shift and solver.Value(model.shift[(0, day, shift.id)])
        ]
        days.append(worked[0] if worked else "")
    return tuple(days)
