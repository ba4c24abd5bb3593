"""Large neighbourhood search around CP-SAT: improve a roster by re-solving a part of it.

On two shared cores CP-SAT's portfolio has too few workers for its own neighbourhood search,
and its LP worker, strong on the bound, rarely improves a roster of 40 staff or more within a
minute. So the engine runs a neighbourhood search itself: free the shifts of a few staff over
the whole period (they can swap whole patterns: hours, weekends and runs are per person), of
every staff member over a window of days (cover moves between people), or of the staff around
a day whose cover is short; fix the rest to the best roster; let one CP-SAT worker solve that
part, hinted with the best roster; the kind of part is drawn by what each kind has paid per
second so far (adaptive LNS). A better roster is kept (an equal one too: it moves the
search on a plateau); a part solved to optimality makes the next part larger, one that ran
out of time smaller. A part-solve proves nothing about the whole: the bound comes from the
full model, which the engine may run beside this search (``shared``).
"""

import math
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from omsorg.planning.roster import parts
from omsorg.planning.roster.model import RosterModel

# A part-solve gets this share of the time left, within these limits (seconds).
PART_SHARE, PART_MIN, PART_MAX = 0.05, 0.3, 1.0
# A large model's part may need longer than PART_MAX only to be presolved on a loaded machine
# (the Norwegian unit: 78 000 constraints, 0.6 s unloaded): the least limit rises up to this.
FLOOR_MAX = 8.0
# The size of a part is counted in free shift variables; it starts here and grows by GROW on
# a part solved to optimality, shrinks by it otherwise, within these limits.
START_FREE, MIN_FREE, GROW = 80, 20, 1.15
KINDS = ("rows", "window", "short", "short rows")
# Drawn too once the column generation beside the search has published the relaxation
# (colgen.py): the cells where it is fractional or differs from the best roster are freed.
RELAXED = "relaxed"
# The size of a relaxed part's share of the open cells (see improve), on models of more than
# CAPPED_FROM shift variables: on smaller ones every part frees all of them (Curtois & Qu 5,
# 676 variables, at 60 s: 1143/1145/1146 capped, 1143 in each of three runs without).
OPEN, CAPPED_FROM = "open", 2_000
# A relaxed part frees a third of the cells or more: it may take this long.
RELAXED_MAX = 3.0
# A share of the relaxation this far from 0 or 1 counts as fractional.
FRACTIONAL = 0.01
# Adaptive choice of the kind (ALNS): each kind's weight is a moving average of what its parts
# paid per second (an improvement counts 1, an equal roster REWARD_EQUAL); a kind is drawn in
# proportion to its weight, but never less often than MIN_SHARE of the draws. Against the
# uniform draw (lns-only, 15 s, same first roster and seed, run side by side at load 5-7):
# Instance8 seeds 0-2 2843/2753/3048 -> 2646/2634/2347, Instance10 5515 -> 5513.
DECAY, REWARD_EQUAL, MIN_SHARE = 0.8, 0.1, 0.05


@dataclass
class Incumbent:
    """The best roster so far as one value per variable of the model's proto, and its cost."""

    values: list[int]
    cost: int


@dataclass
class Shared:
    """What the searches and the full-model solve running side by side share: the best roster
    (each takes it over when cheaper than its own), the proven bound, and whether the other
    side is done (the search then stops). When a search reaches the bound, it stops the full
    solve (``stop``)."""

    best: Incumbent | None = None
    relaxation: object = None  # colgen.Relaxation, once published
    done: bool = False
    bound: float = 0.0
    stop: Callable[[], None] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def proven(self, cost: int) -> bool:
        """``cost`` is optimal: no roster is cheaper than the bound (an integer objective)."""
        return cost <= math.ceil(self.bound - 1e-6)

    def offer(self, found: Incumbent) -> None:
        with self.lock:
            if self.best is None or found.cost < self.best.cost:
                self.best = found

    def take(self) -> Incumbent | None:
        with self.lock:
            return self.best


def improve(
    model: RosterModel,
    best: Incumbent,
    deadline: float,
    seed: int,
    on_better=None,
    shared: Shared | None = None,
    stats: dict | None = None,
):
    """Re-solve parts of ``best`` until ``deadline`` (a ``time.monotonic()`` value)."""
    rng = random.Random(seed)
    layout = _Layout(model)
    # One size per kind of neighbourhood: whole rows are much harder to solve than windows.
    sizes = {kind: float(min(START_FREE, len(model.shift))) for kind in (*KINDS, RELAXED)}
    # How many of the relaxation's open cells a relaxed part frees: all, until parts run out
    # of time.
    sizes[OPEN] = float(len(model.shift))
    weights = dict.fromkeys(KINDS, 1.0)
    floor = PART_MIN  # raised while parts end without any roster (presolve alone took it)
    while time.monotonic() < deadline - PART_MIN and best.cost > 0:
        best, stop = _take_shared(shared, best, weights)
        if stop:
            break
        kind = _choose(weights, rng)
        relaxation = shared.relaxation if shared is not None else None
        capped = int(sizes[OPEN]) if len(model.shift) > CAPPED_FROM else None
        free = _neighbourhood(layout, best, rng, kind, int(sizes[kind]), relaxation, capped)
        left = deadline - time.monotonic()
        most = RELAXED_MAX if kind == RELAXED else PART_MAX
        limit = min(left, max(floor, min(most, left * PART_SHARE)))
        began = time.monotonic()
        status, found = _part_solve(model, best, free, limit, rng)
        kept = found is not None and found.cost <= best.cost
        paid = (1.0 if found.cost < best.cost else REWARD_EQUAL) if kept else 0.0
        spent = max(0.01, time.monotonic() - began)
        weights[kind] = DECAY * weights[kind] + (1 - DECAY) * paid / spent
        if stats is not None:
            stats["parts"] = stats.get("parts", 0) + 1
        if found is None:
            floor = min(FLOOR_MAX, floor * 1.5)
        if found is not None and found.cost <= best.cost:
            better = found.cost < best.cost
            best = found
            if better and shared is not None:
                shared.offer(best)
            if better and on_better is not None:
                on_better(best)
        sizes[kind] = _adapt(sizes[kind], status, len(model.shift))
        if kind == RELAXED:  # from the part's own size: the first may free far fewer
            sizes[OPEN] = _adapt(min(sizes[OPEN], len(free)), status, len(model.shift))
    return best


def _take_shared(shared: Shared | None, best: Incumbent, weights: dict) -> tuple[Incumbent, bool]:
    """The shared roster when it is cheaper, and whether to stop (the other side is done, or
    the roster meets the bound). Once the relaxation is published its kind joins the draw at
    the best weight so far, so that it is tried at once."""
    if shared is None:
        return best, False
    other = shared.take()
    if other is not None and other.cost < best.cost:
        best = other
    if shared.relaxation is not None and RELAXED not in weights:
        weights[RELAXED] = max(weights.values())
    return best, shared.done or shared.proven(best.cost)


def _choose(weights: dict[str, float], rng) -> str:
    """A kind drawn in proportion to its weight, each at least MIN_SHARE of the time."""
    total = sum(weights.values()) or 1.0
    shares = [max(MIN_SHARE, weight / total) for weight in weights.values()]
    return rng.choices(list(weights), shares)[0]


def _adapt(size: float, status, most: int) -> float:
    if status == cp_model.OPTIMAL:
        return min(float(most), size * GROW)
    return max(float(MIN_FREE), size / GROW)


class _Layout:
    """The shift variables' indexes by person and day, and the cover rows' variables."""

    def __init__(self, model: RosterModel) -> None:
        instance = model.instance
        self.people = len(instance.staff)
        self.days = instance.days
        self.cell: dict[tuple[int, int], list[int]] = {}
        for (person, day, _sid), var in model.shift.items():
            self.cell.setdefault((person, day), []).append(var.Index())
        self.per_day = max(1, len(model.shift) // max(1, self.people * self.days))
        type_of = {t.id: i for i, t in enumerate(instance.shift_types)}
        keys = list(model.shift)
        self.shift_cells = (
            np.array([k[0] for k in keys], dtype=int),
            np.array([k[1] for k in keys], dtype=int),
            np.array([type_of[k[2]] for k in keys], dtype=int),
        )
        self.shift_vars = np.array([model.shift[k].Index() for k in keys], dtype=int)
        self.cover = []
        for cover in instance.cover:
            keys = ((p, cover.day, cover.shift) for p in range(self.people))
            qualified = [
                key
                for key in keys
                if key in model.shift and instance.has_skill(instance.staff[key[0]], cover.skill)
            ]
            chosen = [model.shift[key].Index() for key in qualified]
            self.cover.append((cover.day, cover.required, chosen, [k[0] for k in qualified]))

    def short_rows(self, values: list[int]) -> list[tuple[int, list[int]]]:
        """(day, staff who could fill it) of each cover row left short."""
        return [
            (day, people)
            for day, need, chosen, people in self.cover
            if sum(values[i] for i in chosen) < need
        ]

    def idle(self, values: list[int], person: int, day: int) -> bool:
        return not any(values[i] for i in self.cell.get((person, day), ()))

    def free(self, people, days) -> set[int]:
        return {i for p in people for d in days for i in self.cell.get((p, d), ())}


def _neighbourhood(layout: _Layout, best: Incumbent, rng, kind: str, size: int,
                   relaxation=None, open_size: int | None = None) -> set[int]:  # fmt: skip
    """Indexes of about ``size`` shift variables to free: whole rows of a few staff, a window
    of days for as many staff as fit (all when they do), or such a window around a short day;
    or the cells the relaxation leaves open, with the rows of a few staff."""
    cells = max(1, size // layout.per_day)
    everyone = list(range(layout.people))
    count = max(1, min(layout.people, cells // layout.days))
    if kind == RELAXED:
        return _relaxed(layout, best, rng, relaxation, max(1, count // 2), open_size)
    if kind == "short rows":  # whole rows of staff who could fill a short row, and others
        short = layout.short_rows(best.values)
        if short:
            day, able = rng.choice(short)
            idle = [p for p in able if layout.idle(best.values, p, day)]
            people = set(rng.sample(idle, min(len(idle), max(1, count // 2))))
            rest = [p for p in everyone if p not in people]
            people |= set(rng.sample(rest, min(len(rest), count - len(people))))
            return layout.free(people, range(layout.days))
        kind = "rows"
    if kind == "rows":
        return layout.free(rng.sample(everyone, count), range(layout.days))
    short = [day for day, _able in layout.short_rows(best.values)] if kind == "short" else []
    width = max(2, min(layout.days, cells // layout.people))
    people = everyone
    if width == 2 and cells < 2 * layout.people:  # too many staff for a window: some of them
        people = rng.sample(everyone, max(1, cells // 2))
    centre = rng.choice(short) if short else rng.randrange(layout.days)
    first = max(0, min(layout.days - width, centre - width // 2))
    return layout.free(people, range(first, first + width))


def _relaxed(layout: _Layout, best: Incumbent, rng, relaxation, people: int,
             size: int | None = None) -> set[int]:  # fmt: skip
    """The shift variables whose share in the relaxation is fractional or rounds to another
    value than the best roster's, and every shift variable of ``people`` staff drawn by how
    many such cells they have (so that parts differ while the relaxation stays the same,
    and a person the relaxation would change can change their hours and weekends too).
    With more than ``size`` such cells, only those of some staff, drawn the same way until
    they hold ``size``: on Curtois & Qu 14 the relaxation leaves so many open that a part
    with all of them rarely solved in its time."""
    share = relaxation.cells[layout.shift_cells]
    now = np.array(best.values)[layout.shift_vars]
    open_ = ((share > FRACTIONAL) & (share < 1 - FRACTIONAL)) | (np.rint(share) != now)
    owner = layout.shift_cells[0]
    counts = np.bincount(owner[open_], minlength=layout.people)
    weight = counts + 1.0
    if size is not None and open_.sum() > size:
        order = _weighted_order(rng, weight)
        taken = order[: int(np.searchsorted(np.cumsum(counts[order]), size)) + 1]
        open_ &= np.isin(owner, taken)
        weight = np.where(np.isin(np.arange(layout.people), taken), weight, 0.0)
    free = set(layout.shift_vars[open_].tolist())
    chosen: set[int] = set()
    while len(chosen) < min(people, int(np.count_nonzero(weight))):
        chosen.add(rng.choices(range(layout.people), weight.tolist())[0])
    return free | layout.free(chosen, range(layout.days))


def _weighted_order(rng, weight: np.ndarray) -> np.ndarray:
    """The staff in a random order, those with more weight earlier (Efraimidis-Spirakis)."""
    keys = np.array([rng.random() ** (1.0 / w) for w in weight.tolist()])
    return np.argsort(-keys)


def _part_solve(model: RosterModel, best: Incumbent, free: set[int], limit: float, rng):
    """Solve the part of the model that ``free`` (shift variables) can change (parts.py), the
    rest fixed to ``best``; a solution is merged into a copy of ``best``."""
    index = _index_of(model)
    part, changing = parts.sub_model(index, model.cp.Proto(), best.values, free)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = rng.randrange(1 << 30)
    # The full LP relaxation (level 2) pays inside parts too: lns-only, 15 s, same first roster
    # and seed, default level 1 against 2 run side by side (load 3.5-11): Instance5 1543 -> 1161,
    # 6 2551 -> 2156, 7 1573 -> 1479, 8 2247/2455 -> 2171/2447, 10 5604 -> 5214,
    # 12 8139 -> 7511, 14 3843 -> 3018, 16 5293 -> 4871 (9 worse, from another first roster);
    # level 0 was worse than 1 on 4 of 5.
    solver.parameters.linearization_level = 2
    status = solver.Solve(part)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, None
    solution = solver.ResponseProto().solution
    values = list(best.values)
    for var in changing:
        values[var] = solution[var]
    return status, Incumbent(values, round(solver.ObjectiveValue()))


_INDEX_LOCK = threading.Lock()


def _index_of(model: RosterModel) -> parts.Index:
    """Built once per model and shared by the searches running side by side."""
    with _INDEX_LOCK:
        if model.parts is None:
            model.parts = parts.build_index(model)
        return model.parts
