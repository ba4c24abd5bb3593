"""A person's cheapest row, exactly, by dynamic programming over the days.

A row that keeps one person's rules is a path through an automaton over the days (pattern.py
draws the same one): its state is the type worked and the length of the run of work so far,
or the length of the run of days off. The counted rules are extra axes of the state instead
of prices: the minutes worked so far (in units of the shift lengths' greatest common divisor),
the shifts of each type whose maximum can bind, and the weekends worked when their maximum
can bind. The program keeps, for every state of every day, the least cost of a row reaching
it, so the cheapest row over the final states that hold the minimum minutes is the cheapest
row there is: column generation's pricing (colgen.py) gets an exact answer, and its bound
needs no solver's proof.

The state grows with the product of the axes, so :func:`program` builds one only when it
stays under GRID_LIMIT a day and every hard rule is an arc or an axis (no weekly rest, no
daily rest across a day off); else the pricing stays with CP-SAT. On Curtois & Qu that is
everyone of 1-7, 9, 11, 12, 16, 17 and 20, and some of 8, 10, 14, 15, 18 and 19. Near the
limit a run takes about as long as CP-SAT's solve of the person's model (10: 15 s to solve
the relaxation with every person's program, 5.6 s with CP-SAT for those above 60 000).
"""

import math
from dataclasses import dataclass
from functools import reduce

import numpy as np

from omsorg.planning.roster import timing
from omsorg.planning.roster.instance import Instance, Staff

INF = np.inf
# States of one day (automaton states × counted axes) above which no program is built: past
# it CP-SAT prices the person faster (Curtois & Qu 8: relaxation solved in 15.7 s at this
# limit, 22.7 s at 60 000; 10: 5.8 s, against 15.3 s at 400 000).
GRID_LIMIT = 150_000


@dataclass(frozen=True)
class _Axes:
    """The counted axes: sizes, and each type's step along them (minutes, its own count)."""

    sizes: tuple[int, ...]
    steps: np.ndarray  # steps[type, axis]: how far working the type moves along the axis
    weekend: int | None  # the weekend axis's position, if the maximum can bind
    minutes: int | None  # the minutes axis's position, if the person has a range
    low: int  # the least minutes, in units, a final state must hold


def program(instance: Instance, staff: Staff) -> "RowProgram | None":
    """The person's program, or None when a rule is not an arc or axis or the state is too large."""
    if timing.weekly_rest_blocks(instance):
        return None
    if any(gap != 1 for gap, _first, _second in timing.rest_conflicts(instance)):
        return None
    built = RowProgram(instance, staff)
    return built if built.size <= GRID_LIMIT else None


class RowProgram:
    """The automaton and axes of one person; :meth:`cheapest` runs the program on a cost table."""

    def __init__(self, instance: Instance, staff: Staff) -> None:
        self.instance, self.staff = instance, staff
        self.ids = [t.id for t in instance.shift_types]
        days, types = instance.days, len(self.ids)
        runs = staff.consecutive_shifts
        self.run_low = runs.low if runs else 1
        self.run_high = runs.high if runs else None
        # Run lengths past the maximum (or, with no maximum, past the minimum) need no state.
        self.L = max(1, min(days, self.run_high or self.run_low))
        self.K = max(1, min(days, staff.min_consecutive_days_off or 1))
        self.allowed = self._allowed(days, types)
        self.before = self._before(instance, types)
        self.axes = self._axes(instance, staff, days)
        self.first_day = np.zeros(days, dtype=bool)  # a weekend's first day in the horizon
        self.second_day = np.zeros(days, dtype=bool)
        for weekend in instance.weekends():
            self.first_day[weekend[0]] = True
            if len(weekend) > 1:
                self.second_day[weekend[1]] = True
        self.size = (types * self.L + self.K) * math.prod(self.axes.sizes)
        self.groups, self.group_of = _groups(self.before)
        self._slice_cache: dict[tuple[int, ...], tuple | None] = {}
        self._moves: list | None = None  # see _day_moves

    def _day_moves(self) -> list:
        """The moves along the axes of work on each day and type, after work and after a day
        off (they differ on a weekend's second day), as (target, source) slices; built on
        the first run, since :func:`program` may refuse the program by its size."""
        if self._moves is None:
            days, types = self.allowed.shape
            self._moves = [[[self._slices(day, b, from_off) for b in range(types)]
                            for from_off in (False, True)] for day in range(days)]  # fmt: skip
        return self._moves

    def _allowed(self, days: int, types: int) -> np.ndarray:
        allowed = np.ones((days, types), dtype=bool)
        for sid, most in self.staff.max_shifts:
            if most == 0:
                allowed[:, self.ids.index(sid)] = False
        allowed[list(self.staff.days_off), :] = False
        return allowed

    def _before(self, instance: Instance, types: int) -> list[np.ndarray]:
        """For each type, the types it may follow on the next day."""
        follows = np.ones((types, types), dtype=bool)
        for a, shift in enumerate(instance.shift_types):
            for sid in shift.cannot_be_followed_by:
                follows[a, self.ids.index(sid)] = False
        for _gap, first, second in timing.rest_conflicts(instance):
            follows[self.ids.index(first), self.ids.index(second)] = False
        return [np.flatnonzero(follows[:, b]) for b in range(types)]

    def _axes(self, instance: Instance, staff: Staff, days: int) -> _Axes:
        types = len(self.ids)
        open_days = int(self.allowed.any(axis=1).sum())
        sizes, columns, minutes, weekend, low = [], [], None, None, 0
        if staff.minutes is not None:
            unit = reduce(math.gcd, (t.minutes for t in instance.shift_types))
            longest = max(t.minutes for t in instance.shift_types) // unit
            minutes, low = 0, -(-staff.minutes.low // unit)
            sizes.append(min(staff.minutes.high // unit, open_days * longest) + 1)
            columns.append([t.minutes // unit for t in instance.shift_types])
        for sid, most in staff.max_shifts:
            if 0 < most < open_days:
                b = self.ids.index(sid)
                sizes.append(most + 1)
                columns.append([1 if a == b else 0 for a in range(types)])
        weekends = len(instance.weekends())
        if staff.max_weekends is not None and staff.max_weekends < weekends:
            weekend = len(sizes)
            sizes.append(staff.max_weekends + 1)
            columns.append([0] * types)  # moved by the day, not the type (see _weekend_step)
        steps = np.array(columns, dtype=int).T.reshape(types, len(sizes))
        return _Axes(tuple(sizes), steps, weekend, minutes, low)

    def cheapest(self, table: np.ndarray, count: int = 1) -> tuple[list[tuple[str, ...]], float]:
        """Up to ``count`` rows of the least cost under ``table`` (cost per day and type index of
        a worked cell), each ending in another final state, the cheapest last, and the least
        cost (inf, with no row, when the person's rules allow none)."""
        work, off = self._forward(np.asarray(table, dtype=float))
        final = self._final(work[-1], off[-1])
        order = np.argsort(final, axis=None, kind="stable")[:count]
        order = [i for i in order if np.isfinite(final.flat[i])]
        rows = [self._trace(work, off, np.unravel_index(i, final.shape)) for i in order]
        least = float(final.flat[order[0]]) if order else INF
        return rows[::-1], least

    def _forward(self, table: np.ndarray):
        days, types = table.shape
        shape = self.axes.sizes
        work = np.full((types, self.L, *shape), INF)
        off = np.full((self.K, *shape), INF)
        origin = (0,) * len(shape)
        off[(0, *origin)] = 0.0
        for b in np.flatnonzero(self.allowed[0]):
            at = tuple(self.axes.steps[b] + self._weekend_step(0, True))
            if all(a < s for a, s in zip(at, shape, strict=True)):
                work[(b, 0, *at)] = table[0, b]
        works, offs = [work], [off]
        for day in range(1, days):
            work, off = self._step(day, table[day], work, off)
            works.append(work)
            offs.append(off)
        return works, offs

    def _weekend_step(self, day: int, from_off: bool) -> np.ndarray:
        """The move along the weekend axis for work on ``day``: a weekend counts on its first
        worked day (its first day, or its second when the day before was off)."""
        step = np.zeros(len(self.axes.sizes), dtype=int)
        if self.axes.weekend is not None and (
            self.first_day[day] or (from_off and self.second_day[day])
        ):
            step[self.axes.weekend] = 1
        return step

    def _free_off(self, day: int) -> list[int]:
        """Off-run lengths (index) after which work may start on ``day``: long enough, or
        begun on day 0 (exempt from the minimum)."""
        ends = {self.K - 1}
        if day < self.K:
            ends.add(day - 1)
        return sorted(ends)

    def _free_work(self, day: int) -> list[int]:
        """Work-run lengths (index) after which ``day`` may be off."""
        return [r for r in range(self.L) if r + 1 >= self.run_low or r + 1 == day]

    def _slices(self, day: int, b: int, from_off: bool):
        """Where work of type ``b`` on ``day`` moves a state along the axes: a (target,
        source) pair of index tuples over the axes, or None when every state leaves them."""
        step = tuple(self.axes.steps[b] + self._weekend_step(day, from_off))
        if step not in self._slice_cache:
            self._slice_cache[step] = self._step_slices(step)
        return self._slice_cache[step]

    def _step_slices(self, step: tuple[int, ...]):
        target, source = [], []
        for move, size in zip(step, self.axes.sizes, strict=True):
            if move >= size:
                return None
            target.append(slice(move, None))
            source.append(slice(0, size - move))
        return tuple(target), tuple(source)

    def _step(self, day: int, cost: np.ndarray, work: np.ndarray, off: np.ndarray):
        new_work = np.full_like(work, INF)
        from_off = off[self._free_off(day)].min(axis=0)
        runs = [work[members].min(axis=0) if members.size else None for members in self.groups]
        after_work, after_off = self._day_moves()[day]
        for b in np.flatnonzero(self.allowed[day]):
            run = runs[self.group_of[b]]
            if run is not None and after_work[b] is not None:
                target, source = after_work[b]
                new_work[(b, slice(1, None), *target)] = run[(slice(0, -1), *source)]
                if self.run_high is None:  # a run past the minimum stays at the last length
                    last = (b, -1, *target)
                    new_work[last] = np.minimum(new_work[last], run[(-1, *source)])
            if after_off[b] is not None:
                target, source = after_off[b]
                first = (b, 0, *target)  # also the last length when that is 1
                new_work[first] = np.minimum(new_work[first], from_off[source])
            new_work[b] += cost[b]
        new_off = np.full_like(off, INF)
        new_off[0] = work[:, self._free_work(day)].min(axis=(0, 1))
        if self.K > 1:
            new_off[1:] = off[:-1]
            new_off[-1] = np.minimum(new_off[-1], off[-1])
        else:
            new_off[0] = np.minimum(new_off[0], off[0])
        return new_work, new_off

    def _final(self, work: np.ndarray, off: np.ndarray) -> np.ndarray:
        """Every final state's cost (work states first, then off), inf below the minutes."""
        shape = self.axes.sizes
        final = np.concatenate([work.reshape(-1, *shape), off.reshape(-1, *shape)])
        if self.axes.minutes is not None and self.axes.low > 0:
            index = [slice(None)] * final.ndim
            index[1 + self.axes.minutes] = slice(0, self.axes.low)
            final[tuple(index)] = INF
        return final

    def _trace(self, works, offs, state) -> tuple[str, ...]:
        """The row that reaches a final state, followed back day by day."""
        days, types = len(works), len(self.ids)
        row = [""] * days
        kind, at = int(state[0]), tuple(int(a) for a in state[1:])
        if kind < types * self.L:
            where = ("work", kind // self.L, kind % self.L)
        else:
            where = ("off", None, kind - types * self.L)
        for day in range(days - 1, -1, -1):
            if where[0] == "work":
                row[day] = self.ids[where[1]]
            if day == 0:
                break
            where, at = self._back(day, where, at, works[day - 1], offs[day - 1])
        return tuple(row)

    def _back(self, day, where, at, work, off):
        """The cheapest state of ``day - 1`` that leads to ``where`` at ``at`` on ``day``."""
        kind, b, r = where
        best: list = []  # the cheapest candidate of each kind of step
        if kind == "off":
            if r == 0:
                best.append(_cheapest_work(work, range(len(self.ids)), self._free_work(day), at))
            else:
                best.append((off[(r - 1, *at)], ("off", None, r - 1), at))
            if r == self.K - 1:  # the last length holds every longer run too
                best.append((off[(r, *at)], ("off", None, r), at))
            return min(best, key=lambda c: c[0])[1:]
        if r == 0:
            came = tuple(np.array(at) - self.axes.steps[b] - self._weekend_step(day, True))
            if min(came, default=0) >= 0:
                best.extend((off[(j, *came)], ("off", None, j), came) for j in self._free_off(day))
        came = tuple(np.array(at) - self.axes.steps[b] - self._weekend_step(day, False))
        if min(came, default=0) >= 0:
            lengths = [r - 1] if r > 0 else []
            if self.run_high is None and r == self.L - 1:  # the last length holds longer runs
                lengths.append(r)
            if lengths and len(self.before[b]):
                best.append(_cheapest_work(work, self.before[b], lengths, came))
        return min(best, key=lambda c: c[0])[1:]


def _cheapest_work(work: np.ndarray, types, lengths: list[int], at: tuple) -> tuple:
    """The cheapest of the work states of ``types`` × ``lengths`` at ``at`` on the axes."""
    types = np.asarray(types)
    values = work[(types[:, None], np.asarray(lengths)[None, :], *at)]
    a, q = np.unravel_index(int(np.argmin(values)), values.shape)
    return values[a, q], ("work", int(types[a]), lengths[q]), at


def _groups(before: list[np.ndarray]) -> tuple[list[np.ndarray], list[int]]:
    """The distinct sets of types allowed before a type, and each type's set: one minimum
    per set and day serves every type that set may precede."""
    groups: dict[bytes, int] = {}
    members, group_of = [], []
    for allowed in before:
        key = allowed.tobytes()
        if key not in groups:
            groups[key] = len(members)
            members.append(allowed)
        group_of.append(groups[key])
    return members, group_of
