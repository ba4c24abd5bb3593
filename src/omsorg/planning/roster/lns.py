"""Large neighbourhood search around CP-SAT: improve a roster by re-solving a part of it.

On two shared cores CP-SAT's portfolio has too few workers for its own neighbourhood search,
and its LP worker, strong on the bound, rarely improves a roster of 40 staff or more within a
minute. So the engine runs a neighbourhood search itself: free the shifts of a few staff, of
every staff member over a window of days, or around a day whose cover is short; fix the rest
to the best roster; let one CP-SAT worker solve that part, hinted with the best roster. A
better roster is kept; a part solved to optimality makes the next part larger, one that ran
out of time smaller. A part-solve proves nothing about the whole: the bound comes from the
full model.
"""

import random
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from omsorg.planning.roster.model import RosterModel

# A part-solve gets this share of the time left, within these limits (seconds).
PART_SHARE, PART_MIN, PART_MAX = 0.1, 0.3, 2.0


@dataclass
class Incumbent:
    """The best roster so far as one value per variable of the model's proto, and its cost."""

    values: list[int]
    cost: int


@dataclass
class _Size:
    staff: int
    days: int


def improve(model: RosterModel, best: Incumbent, deadline: float, seed: int, on_better=None):
    """Re-solve parts of ``best`` until ``deadline`` (a ``time.monotonic()`` value)."""
    rng = random.Random(seed)
    size = _Size(staff=min(3, len(model.instance.staff)), days=min(7, model.instance.days))
    while time.monotonic() < deadline - PART_MIN and best.cost > 0:
        free = _neighbourhood(model, best, rng, size)
        limit = min(PART_MAX, max(PART_MIN, (deadline - time.monotonic()) * PART_SHARE))
        status, found = _part_solve(model, best, free, limit, rng)
        if found is not None and found.cost < best.cost:
            best = found
            if on_better is not None:
                on_better(best)
        _adapt(size, status, model)
    return best


def _adapt(size: _Size, status, model: RosterModel) -> None:
    if status == cp_model.OPTIMAL:
        size.staff = min(len(model.instance.staff), size.staff + 1)
        size.days = min(model.instance.days, size.days + 1)
    else:
        size.staff = max(1, size.staff - 1)
        size.days = max(2, size.days - 1)


def _short_days(model: RosterModel, best: Incumbent) -> list[int]:
    """Days of a cover row left short in ``best``."""
    days = []
    instance = model.instance
    for cover in instance.cover:
        count = sum(
            best.values[var.Index()]
            for (person, day, shift_id), var in _on(model, cover.day, cover.shift)
            if instance.has_skill(instance.staff[person], cover.skill)
        )
        if count < cover.required:
            days.append(cover.day)
    return days


def _on(model: RosterModel, day: int, shift_id: str):
    return (
        (key, model.shift[key])
        for key in ((p, day, shift_id) for p in range(len(model.instance.staff)))
        if key in model.shift
    )


def _neighbourhood(model: RosterModel, best: Incumbent, rng: random.Random, size: _Size):
    """Indexes of the shift variables to free: a few staff, a window of days, or both."""
    instance = model.instance
    people = set(range(len(instance.staff)))
    days = set(range(instance.days))
    kind = rng.random()
    if kind < 0.35:
        people = set(rng.sample(sorted(people), size.staff))
    else:
        short = _short_days(model, best) if kind < 0.7 else []
        centre = rng.choice(short) if short else rng.randrange(instance.days)
        first = max(0, min(instance.days - size.days, centre - size.days // 2))
        days = set(range(first, first + size.days))
        if len(instance.staff) > 2 * size.staff:
            people = set(rng.sample(sorted(people), max(size.staff, len(people) // 2)))
    return {var.Index() for (p, d, _s), var in model.shift.items() if p in people and d in days}


def _part_solve(model: RosterModel, best: Incumbent, free: set[int], limit: float, rng):
    part = model.cp.clone()
    variables = part.Proto().variables
    for var in model.shift.values():
        index = var.Index()
        if index not in free:
            domain = variables[index].domain
            domain[0] = domain[1] = best.values[index]
    part.ClearHints()
    hint = part.Proto().solution_hint
    hint.vars.extend(range(len(best.values)))
    hint.values.extend(best.values)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = rng.randrange(1 << 30)
    status = solver.Solve(part)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, None
    return status, Incumbent(list(solver.ResponseProto().solution), round(solver.ObjectiveValue()))
