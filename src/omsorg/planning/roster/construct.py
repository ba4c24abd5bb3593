"""A first roster built one staff member at a time, each by a small CP-SAT solve.

Every hard rule concerns one staff member only; only the cost couples them. So a roster that
breaks no rule exists exactly when every person's own rules can hold, and it can be built person
by person: each solves their own rules against the cover still open after the people before
them (the rows' required counts lowered by what is already planned), and their own wishes.

This phase always concludes, even past the deadline: a person's model is tiny, and when the
cost-aware solve runs out of its share of time the person's rules alone are solved without a
time limit (no cost, so CP-SAT stops at the first roster or the proof that none exists). The
engine therefore always returns a roster or a proof of infeasibility, never "unknown".
"""

import time
from collections import Counter
from dataclasses import replace

from ortools.sat.python import cp_model

from omsorg.planning.roster.check import Roster
from omsorg.planning.roster.instance import Instance, Staff
from omsorg.planning.roster.model import build_model

# Each person's cost-aware solve gets an equal share of the time left, at most PERSON_MAX
# seconds: a good row found quickly serves better than a perfect one (the neighbourhood search
# improves it). Past the deadline a person gets no cost-aware solve, only the rules.
PERSON_MAX = 0.5


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
    planned: Counter = Counter()  # cover row index -> staff already planned on it
    people = list(instance.staff)
    for index, staff in enumerate(people):
        left = deadline - time.monotonic()
        limit = min(PERSON_MAX, left / (len(people) - index + 1)) if left > 0 else 0.0
        row = _one(instance, staff, planned, limit, seed, builds)
        roster[staff.id] = row
        _count(instance, staff, row, planned)
    return roster


def _one(instance: Instance, staff: Staff, planned, limit: float, seed: int, builds=None):
    """The person's row, cost-aware: within ``limit`` seconds, else (past the deadline, or
    when that found nothing) the first row that keeps their rules, without a time limit. On an
    instance with many shift types, first with the few types the open cover needs most."""
    alone = replace(
        instance,
        staff=(staff,),
        requests=tuple(r for r in instance.requests if r.staff == staff.id),
        cover=(),
    )
    costs = _cover_costs(instance, staff, planned)
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


def _cover_costs(instance: Instance, staff: Staff, planned) -> dict[tuple[int, str], int]:
    """One person's cover cost, linear in their shifts: a shift on a row still open (fewer
    planned than required) saves its under weight, one on a row already met costs its over
    weight."""
    costs: dict[tuple[int, str], int] = {}
    for index, row in enumerate(instance.cover):
        if instance.has_skill(staff, row.skill):
            change = -row.under_weight if planned[index] < row.required else row.over_weight
            key = (row.day, row.shift)
            costs[key] = costs.get(key, 0) + change
    return costs


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


def _count(instance: Instance, staff: Staff, row, planned: Counter) -> None:
    for index, cover in enumerate(instance.cover):
        if row[cover.day] == cover.shift and instance.has_skill(staff, cover.skill):
            planned[index] += 1
