"""A first roster built one staff member at a time, each by a small CP-SAT solve.

Every hard rule concerns one staff member only; only the cost couples them. So a roster that
breaks no rule can be built person by person: each solves their own rules against the cover
still open after the people before them (the rows' required counts lowered by what is already
planned), and their own wishes. This is much quicker than CP-SAT's search for a first roster
of the whole unit, and proves the instance infeasible when one person's rules cannot all hold.
"""

import time
from dataclasses import replace

from ortools.sat.python import cp_model

from omsorg.planning.roster.check import Roster
from omsorg.planning.roster.instance import Instance, Staff
from omsorg.planning.roster.model import build_model

# Each person's solve gets an equal share of the time left, at most PERSON_MAX seconds: a good
# row found quickly serves better than a perfect one (the neighbourhood search improves it).
PERSON_MAX = 0.5


class Infeasible(Exception):
    """A staff member's own rules cannot all hold: no roster of the unit can."""

    def __init__(self, staff_id: str) -> None:
        super().__init__(staff_id)
        self.staff = staff_id


def sequential_roster(instance: Instance, deadline: float, seed: int = 0) -> Roster | None:
    """A roster breaking no rule, or None when the time ran out first."""
    roster: Roster = {}
    people = list(instance.staff)
    for index, staff in enumerate(people):
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        limit = max(0.05, min(PERSON_MAX, left / (len(people) - index + 1)))
        row = _one(instance, staff, roster, limit, seed)
        if row is None:
            return None
        roster[staff.id] = row
    return roster


def _one(instance: Instance, staff: Staff, roster: Roster, limit: float, seed: int):
    alone = replace(
        instance,
        staff=(staff,),
        requests=tuple(r for r in instance.requests if r.staff == staff.id),
        cover=tuple(_open_cover(instance, roster)),
    )
    model = build_model(alone)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    status = solver.Solve(model.cp)
    if status == cp_model.INFEASIBLE:
        raise Infeasible(staff.id)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    days = []
    for day in range(instance.days):
        worked = [
            shift.id
            for shift in instance.shift_types
            if (0, day, shift.id) in model.shift and solver.Value(model.shift[(0, day, shift.id)])
        ]
        days.append(worked[0] if worked else "")
    return tuple(days)


def _open_cover(instance: Instance, roster: Roster):
    """Each cover row with its required count lowered by the staff already planned."""
    for cover in instance.cover:
        planned = sum(
            1
            for staff in instance.staff
            if staff.id in roster
            and roster[staff.id][cover.day] == cover.shift
            and instance.has_skill(staff, cover.skill)
        )
        yield replace(cover, required=max(0, cover.required - planned))
