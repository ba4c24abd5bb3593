"""A person's row without CP-SAT: a cheapest path over the days, priced by Lagrange multipliers.

A row that keeps one person's rules is a path through an automaton over the days: its state is
the shift type worked and the length of the run of work so far, or the length of the run of days
off. The run limits, the minimum days off, the days off and ``cannot_be_followed_by`` (with the
daily rest between consecutive days) are the automaton's arcs, so every path keeps them. The
rules that count over the whole horizon are priced instead: a price per minute worked (searched
for by bisection until the total lies within the position's range) and a price per shift of a
type over its maximum, raised while the row breaks them. A person who may work fewer weekends
than the horizon holds first gets the cheapest of them only (then, on a second try, all of them
with a price per weekend). A row a few changes from keeping the counted rules is mended change
by change (a day worked or freed, another type), each change keeping every rule.

The cheapest paths are found for a pool of people at once (numpy over people, types and run
lengths); each person joins the pool with the cover still open after those who concluded
before. A row is kept only if it keeps every rule (construct.py checks it with the checker); a
person the prices do not settle is left to CP-SAT, which also proves when no row exists.

Weekly rest and daily rest between shifts more than a day apart are not arcs of the automaton:
:func:`applies` says no for such an instance, and the construction uses CP-SAT alone.
"""

import math
import time

import numpy as np

from omsorg.planning.roster import timing
from omsorg.planning.roster.instance import Instance, Staff

INF = np.inf  # a forbidden cell, whatever the prices add to it
# Prices tried per person before the person is left to CP-SAT.
ROUNDS = 30
# The minutes' price moves per round by at most this many times the largest cell cost per
# minute of the shortest shift (beyond it every day's choice has flipped already).
STEP_MAX = 4.0
# A row this many shift changes from keeping its counted rules at most is mended change by
# change (construct's checker has the last word).
REPAIR_STEPS = 6
# At most this many changes in all (the cheapest may change a type for a few minutes only).
REPAIR_MOVES = 40
# Tries per person, each from fresh noise and no prices.
TRIES = 3
# People priced at once.
POOL = 10
# The noise on each cell, as a share of the largest cost.
NOISE = 0.05


def applies(instance: Instance) -> bool:
    """Every hard rule of the instance is an arc of the automaton or a priced count."""
    if timing.weekly_rest_blocks(instance):
        return False
    return all(gap == 1 for gap, _first, _second in timing.rest_conflicts(instance))


def rows(instance: Instance, people: list[Staff], cost_of, done, seed: int = 0,
         pool: int = POOL) -> "Paths":  # fmt: skip
    """Each person's row (a tuple of shift codes) keeping all their rules, cheapest under
    their costs ((day, shift id) -> cost) as far as the prices allow, or None where none was
    found: ``done(staff, row)`` is called as each concludes. Up to ``pool`` people are priced
    at once; a person's costs are asked for (``cost_of(staff)``) as they join, so they see the
    rows of everyone who concluded before."""
    paths = Paths(instance, people, seed)
    paths.solve(cost_of, done, pool)
    return paths


def _move(price, step, last, turn) -> None:
    """Move each price by its step in the direction ``turn`` (+1, -1 or 0), in place."""
    moving = turn != 0
    step[moving & (turn == last)] *= 1.5
    step[moving & (turn == -last)] *= 0.5
    price[moving] = np.maximum(0.0, price[moving] + turn[moving] * step[moving])
    last[moving] = turn[moving]


class _Prices:
    """Each person's prices: per minute worked (searched for by bisection until the total lies
    in the range), per shift of each type and per weekend (raised while the count is over the
    limit, lowered while the row has too little work and the count is under it; a step grows
    while its price keeps going one way and halves when it turns, so the prices settle)."""

    def __init__(self, n: int, types: int, scale: float, minutes: np.ndarray):
        self.scale, self.first_step = scale, 0.1 * scale / float(minutes.mean())
        self.most = STEP_MAX * scale / float(minutes.min())
        self.lam, self.lam_step = np.zeros(n), np.full(n, self.first_step)
        self.lam_low = np.full(n, -np.inf)  # a price known to give too many minutes
        self.lam_high = np.full(n, np.inf)  # a price known to give too few
        self.mu, self.mu_step = np.zeros((n, types)), np.full((n, types), 0.2 * scale)
        self.mu_last = np.zeros((n, types), dtype=int)
        self.nu, self.nu_step = np.zeros(n), np.full(n, 0.2 * scale)
        self.nu_last = np.zeros(n, dtype=int)
        self.rounds = np.zeros(n, dtype=int)
        self.tries = np.ones(n, dtype=int)
        self.seen = np.zeros(n, dtype=bool)

    def start(self, p: int, lam: float | None) -> None:
        """A person joins: from their own last price, else the one given."""
        self.rounds[p], self.tries[p] = 0, 1
        self.lam_low[p], self.lam_high[p] = -np.inf, np.inf
        if self.seen[p]:
            self.lam_step[p] = self.first_step
        elif lam is not None:
            self.lam[p], self.lam_step[p] = lam, self.first_step
        self.seen[p] = True

    def restart(self, p: int) -> None:
        self.tries[p] += 1
        self.rounds[p] = 0
        self.lam[p], self.lam_step[p] = 0.0, self.first_step
        self.lam_low[p], self.lam_high[p] = -np.inf, np.inf
        self.mu[p], self.nu[p] = 0.0, 0.0

    def count_prices(self, p: int, over: np.ndarray, room: np.ndarray) -> None:
        turn = np.where(over, 1, np.where(room & (self.mu[p] > 0), -1, 0))
        _move(self.mu[p], self.mu_step[p], self.mu_last[p], turn)

    def weekend_price(self, p: int, turn: int) -> None:
        if turn < 0 and self.nu[p] <= 0:
            return
        s = slice(p, p + 1)
        _move(self.nu[s], self.nu_step[s], self.nu_last[s], np.array([turn]))

    def minutes_price(self, p: int, total: float, low: float, high: float, moved: bool) -> bool:
        """The next price per minute; True when the bracket closed without a fit (on a jump
        of the total): the search starts over. When the other prices ``moved``, the bound on
        the other side is stale: it is dropped and the search goes on from here in small steps."""
        if moved:
            self.lam_step[p] = min(self.lam_step[p], 0.5 * self.first_step)
        if total > high:
            self.lam_low[p] = self.lam[p]
            if moved:
                self.lam_high[p] = np.inf
        elif total < low:
            self.lam_high[p] = self.lam[p]
            if moved:
                self.lam_low[p] = -np.inf
        lo, hi = self.lam_low[p], self.lam_high[p]
        closed = hi - lo < 1e-3 * self.first_step
        if closed:
            self.lam_low[p], self.lam_high[p] = lo, hi = -np.inf, np.inf
        if math.isfinite(lo) and math.isfinite(hi):
            self.lam[p] = (lo + hi) / 2
        elif math.isfinite(lo) or math.isfinite(hi):
            self.lam_step[p] = min(self.lam_step[p] * 2, self.most)
            self.lam[p] = lo + self.lam_step[p] if math.isfinite(lo) else hi - self.lam_step[p]
        return bool(closed)


class Paths:
    """The people's automata, costs and prices; :meth:`solve` may be called again for some of
    them (the neighbourhood search of long horizons, construct.py), the prices kept."""

    def __init__(self, instance: Instance, people: list[Staff], seed: int):
        self.instance = instance
        self.people = people
        days, types = instance.days, instance.shift_types
        self.ids = [t.id for t in types]
        self.index = index = {sid: i for i, sid in enumerate(self.ids)}
        n, t = len(people), len(types)
        self.minutes = np.array([s.minutes for s in types], dtype=float)
        base = np.zeros((n, days, t))
        allowed = np.ones((n, days, t), dtype=bool)
        self.max_shifts = np.full((n, t), np.inf)
        person = {staff.id: p for p, staff in enumerate(people)}
        for p, staff in enumerate(people):
            for sid, limit in staff.max_shifts:
                self.max_shifts[p, index[sid]] = limit
                if limit == 0:
                    allowed[p, :, index[sid]] = False
            for day in staff.days_off:
                allowed[p, day, :] = False
        for request in instance.requests:
            if request.staff in person:
                sign = -1 if request.on else 1
                base[person[request.staff], request.day, index[request.shift]] += (
                    sign * request.weight
                )
        self.base, self.allowed = base, allowed
        self.wishes = base.copy()  # the requests' part of the costs
        self.open_weekends = allowed.copy()  # before the weekends are chosen (_join)
        # The prices' scale: the largest cost of a cell (cover rows by their weights).
        weights = [max(c.under_weight, c.over_weight) for c in instance.cover]
        self.scale = scale = max(1.0, max(weights, default=1), float(np.abs(base).max()))
        # Ties (many cells of the same cost) make the total minutes jump as the price moves;
        # a small fixed noise per cell spreads the jumps out.
        self.rng = np.random.default_rng(seed)
        self.noise = self.rng.uniform(0, NOISE * scale, size=base.shape)
        self._limits(people)
        self._arcs(instance, index)
        self._weekends(instance)
        # Each weekend's price varies a little per person, or the count of weekends worked
        # jumps from all to none as the price passes the cost of a weekend's shifts.
        self.weekend_spread = self.rng.uniform(0.5, 1.5, size=(n, days))

    def _limits(self, people: list[Staff]) -> None:
        days = self.instance.days
        self.run_low = np.array([s.consecutive_shifts.low if s.consecutive_shifts else 1
                                 for s in people])  # fmt: skip
        self.run_high = np.array([s.consecutive_shifts.high if s.consecutive_shifts else math.inf
                                  for s in people], dtype=float)  # fmt: skip
        self.off_low = np.array([max(1, s.min_consecutive_days_off or 1) for s in people])
        finite = [int(h) for h in self.run_high if h < math.inf]
        self.L = max(1, min(days, max([*finite, *self.run_low.tolist(), 1])))
        self.K = max(1, min(days, int(self.off_low.max())))
        self.weekend_max = np.array([math.inf if s.max_weekends is None else s.max_weekends
                                     for s in people], dtype=float)  # fmt: skip
        self.low = np.array([s.minutes.low if s.minutes else 0 for s in people], dtype=float)
        self.high = np.array([s.minutes.high if s.minutes else math.inf for s in people],
                             dtype=float)  # fmt: skip

    def _arcs(self, instance: Instance, index: dict) -> None:
        """Which type may follow which on the next day, grouped by the set of types allowed
        before a type (few distinct sets: one minimum per set and day)."""
        t = len(self.ids)
        follows = np.ones((t, t), dtype=bool)  # follows[a, b]: b may come the day after a
        for a, shift in enumerate(instance.shift_types):
            for sid in shift.cannot_be_followed_by:
                follows[a, index[sid]] = False
        for gap, first, second in timing.rest_conflicts(instance):
            if gap == 1:
                follows[index[first], index[second]] = False
        self.follows = follows
        groups: dict[bytes, int] = {}
        self.group_of = np.zeros(t, dtype=int)
        self.group_members: list[np.ndarray] = []
        for b in range(t):
            key = follows[:, b].tobytes()
            if key not in groups:
                groups[key] = len(groups)
                self.group_members.append(np.flatnonzero(follows[:, b]))
            self.group_of[b] = groups[key]

    def _weekends(self, instance: Instance) -> None:
        """A weekend is priced on its first worked day: any work on its first day, work on its
        second day only when the day before was off."""
        self.weekend_list = instance.weekends()
        self.weekend_of = {d: w for w in self.weekend_list for d in w}
        self.first_day = np.zeros(instance.days, dtype=bool)
        self.second_day = np.zeros(instance.days, dtype=bool)
        for weekend in instance.weekends():
            self.first_day[weekend[0]] = True
            if len(weekend) > 1:
                self.second_day[weekend[1]] = True

    def _contract(self, p: int) -> tuple:
        staff = self.people[p]
        return staff.minutes

    def _choose_days(self, p: int) -> None:
        """A type the person may work on fewer days than it is allowed on is allowed on its
        cheapest days only, as many as its maximum: prices on several such types (Curtois &
        Qu 23's night types) swing the counts from one type to another."""
        for k in np.flatnonzero(np.isfinite(self.max_shifts[p])):
            days = np.flatnonzero(self.allowed[p, :, k])
            most = int(self.max_shifts[p, k])
            if 0 < most < days.size:
                cost = self.base[p, days, k] + self.noise[p, days, k]
                self.allowed[p, days[np.argsort(cost, kind="stable")[most:]], k] = False

    def _join(self, p: int, costs: dict) -> None:
        """The person's cover costs; a person who may work fewer weekends than the horizon
        holds works only on the cheapest of them (by the best cell of each day): a price on
        weekends makes the count swing between all and none, and the minutes with it."""
        self.base[p] = self.wishes[p]
        if isinstance(costs, dict):
            for (day, sid), cost in costs.items():
                self.base[p, day, self.index[sid]] += cost
        else:  # an array over (day, type)
            self.base[p] += costs
        self.allowed[p] = self.open_weekends[p]
        self._choose_days(p)
        staff, weekends = self.people[p], self.weekend_list
        if staff.max_weekends is None or staff.max_weekends >= len(weekends):
            return
        cells = np.where(self.allowed[p], self.base[p] + self.noise[p], np.inf).min(axis=1)
        score = [min(0.0, float(min(cells[d] for d in w))) for w in weekends]
        keep = set(np.argsort(score, kind="stable")[: staff.max_weekends].tolist())
        for i, weekend in enumerate(weekends):
            if i not in keep:
                self.allowed[p, list(weekend), :] = False

    def solve(self, cost_of, done, pool: int = POOL, order=None, deadline=None) -> None:
        """Each person's row (in ``order``, indexes into the people) to ``done(staff, row)``,
        None where the prices did not settle; past ``deadline`` (a clock time) the people still
        open conclude with None and no more join."""
        n = len(self.people)
        if not hasattr(self, "prices"):
            self.prices = _Prices(n, len(self.ids), self.scale, self.minutes)
            # The minutes' price a person with the same range concluded with: the next one
            # starts there (the costs change little from one person to the next).
            self.settled: dict = {}
        prices = self.prices
        self.open = np.zeros(n, dtype=bool)
        waiting = list(range(n) if order is None else order)
        self.done = done
        while True:
            late = deadline is not None and time.monotonic() > deadline
            while waiting and self.open.sum() < pool and not late:
                p = waiting.pop(0)
                self._join(p, cost_of(self.people[p]))
                self.open[p] = True
                prices.start(p, self.settled.get(self.people[p].minutes))
            if late:
                for p in np.flatnonzero(self.open):
                    self._conclude(int(p), None)
            if not self.open.any():
                break
            chosen = np.flatnonzero(self.open)
            prices.rounds[chosen] += 1
            paths = self._cheapest(chosen, prices.lam[chosen], prices.mu[chosen],
                                   prices.nu[chosen])  # fmt: skip
            for p, row in zip(chosen, paths, strict=True):
                self._settle(int(p), row)

    def _conclude(self, p: int, row) -> None:
        self.open[p] = False
        if row is not None and self.prices.tries[p] == 1:
            self.settled[self.people[p].minutes] = self.prices.lam[p]
        self.done(self.people[p], row)

    def _again(self, p: int) -> bool:
        """Start the person over from fresh noise, no prices and every weekend open (priced
        now); False when their tries are used up (CP-SAT decides)."""
        prices = self.prices
        if prices.tries[p] >= TRIES:
            self._conclude(p, None)
            return False
        prices.restart(p)
        self.noise[p] = self.rng.uniform(0, NOISE * self.scale, self.noise[p].shape)
        self.allowed[p] = self.open_weekends[p]
        return True

    def _settle(self, p: int, row) -> None:
        """Keep the row if it keeps every rule (or a few changes make it), else move the
        prices towards one that does."""
        if row is None:  # no path at all under the chosen weekends
            self._again(p)
            return
        counts = np.bincount([self.index[c] for c in row if c], minlength=len(self.ids))
        total = float((counts * self.minutes).sum())
        weekends = self._weekends_worked(row)
        over = counts > self.max_shifts[p]
        excess = float(np.where(over, counts - self.max_shifts[p], 0).sum())
        gap = max(self.low[p] - total, total - self.high[p])
        near = excess <= REPAIR_STEPS and gap <= REPAIR_STEPS * self.minutes.max()
        if (gap > 0 or excess) and near and weekends <= self.weekend_max[p]:
            mended = self._repair(p, row, counts, total)
            if mended is not None:
                self._conclude(p, mended)
                return
        if gap <= 0 and not excess and weekends <= self.weekend_max[p]:
            self._conclude(p, row)
            return
        if self.prices.rounds[p] >= ROUNDS:
            self._again(p)
            return
        short = total < self.low[p]
        self.prices.count_prices(p, over, short & (counts < self.max_shifts[p]))
        wk = weekends - self.weekend_max[p]
        self.prices.weekend_price(p, 1 if wk > 0 else (-1 if short and wk < 0 else 0))
        moved = bool(excess) or wk > 0
        if self.prices.minutes_price(p, total, self.low[p], self.high[p], moved):
            self.noise[p] = self.rng.uniform(0, NOISE * self.scale, self.noise[p].shape)

    def _weekends_worked(self, row) -> int:
        return sum(1 for w in self.weekend_list if any(row[d] for d in w))

    def _cheapest(self, sel, lam, mu, nu) -> list:
        """The cheapest path for each selected person under these prices (None: no path)."""
        cost = self.base[sel] + self.noise[sel] + lam[:, None, None] * self.minutes
        cost = np.where(self.allowed[sel], cost + mu[:, None, :], INF)
        search = _Search(self, sel, cost, nu[:, None] * self.weekend_spread[sel])
        return [search.trace(k) for k in range(len(sel))]

    def _repair(self, p: int, row: tuple, counts, total: float):
        """The row brought into the minutes' range by single-day changes (a day worked or
        freed, or another type), each keeping every other rule, the cheapest change first;
        None when no such change is left."""
        row, counts = list(row), counts.copy()
        for k in np.flatnonzero(counts > self.max_shifts[p]):
            while counts[k] > self.max_shifts[p, k]:
                swap = self._swap(p, row, k, counts)
                if swap is None:
                    return None
                day, j = swap
                row[day] = self.ids[j]
                counts[k] -= 1
                counts[j] += 1
                total += self.minutes[j] - self.minutes[k]
        for _step in range(REPAIR_MOVES):
            if self.low[p] <= total <= self.high[p]:
                return tuple(row)
            best = self._best_move(p, row, counts, total)
            if best is None:
                return None
            day, code = best
            total += self._minutes_of(code) - self._minutes_of(row[day])
            if row[day]:
                counts[self.index[row[day]]] -= 1
            if code:
                counts[self.index[code]] += 1
            row[day] = code
        return tuple(row) if self.low[p] <= total <= self.high[p] else None

    def _swap(self, p: int, row: list, k: int, counts):
        """(day, type) of the cheapest change of one shift of type ``k`` to another type
        under its maximum, of the same minutes if one serves, keeping every rule."""
        named = {c: int(counts[i]) for i, c in enumerate(self.ids)}
        worked_weekends = self._weekends_worked(row)
        best, best_key = None, None
        for day, code in enumerate(row):
            if code != self.ids[k]:
                continue
            for j, other in enumerate(self.ids):
                if j == k or counts[j] + 1 > self.max_shifts[p, j]:
                    continue
                if not self._may_work(p, row, day, other, named, worked_weekends):
                    continue
                key = (self.minutes[j] != self.minutes[k],
                       float(self.base[p, day, j] - self.base[p, day, k]))  # fmt: skip
                if best_key is None or key < best_key:
                    best, best_key = (day, j), key
        return best

    def _minutes_of(self, code: str) -> float:
        return float(self.minutes[self.index[code]]) if code else 0.0

    def _best_move(self, p: int, row: list, counts, total: float):
        """(day, new code) of the cheapest single-day change that moves the minutes towards
        the range without passing beyond it and keeps every rule; None if there is none."""
        days, low, high = len(row), self.low[p], self.high[p]
        now = np.array([self.index[c] if c else -1 for c in row])
        worked = now >= 0
        # column 0: the day off, columns 1..: the types
        spans = np.concatenate(([0.0], self.minutes))
        cells = np.concatenate((np.zeros((days, 1)), self.base[p]), axis=1)
        current = np.where(worked, spans[now + 1], 0.0)
        change = spans[None, :] - current[:, None]
        after = total + change
        sign = 1 if total < low else -1
        useful = change * sign > 0
        useful &= (after <= high) if sign > 0 else (after >= low)
        useful |= (change * sign > 0) & (after >= low) & (after <= high)
        useful[:, 1:] &= self.allowed[p] & (counts < self.max_shifts[p])[None, :]
        delta = cells - np.where(worked, cells[np.arange(days), now + 1], 0.0)[:, None]
        flat = np.flatnonzero(useful)
        if flat.size == 0:
            return None
        named = {c: int(counts[i]) for i, c in enumerate(self.ids)}
        worked_weekends = self._weekends_worked(row)
        for f in flat[np.argsort(delta.ravel()[flat], kind="stable")]:
            day, column = divmod(int(f), len(spans))
            code = self.ids[column - 1] if column else ""
            if code and not self._may_work(p, row, day, code, named, worked_weekends):
                continue
            if bool(code) != bool(row[day]) and not self._runs_hold(p, row, day, code):
                continue
            return day, code
        return None

    def _may_work(self, p: int, row: list, day: int, code: str, counts,
                  worked_weekends: int | None = None) -> bool:  # fmt: skip
        k = self.index[code]
        if not self.allowed[p, day, k] or counts[code] + 1 > self.max_shifts[p, k]:
            return False
        before = row[day - 1] if day > 0 else ""
        after = row[day + 1] if day + 1 < len(row) else ""
        if before and not self.follows[self.index[before], k]:
            return False
        if after and not self.follows[k, self.index[after]]:
            return False
        if row[day] or not math.isfinite(self.weekend_max[p]):
            return True
        weekend = self.weekend_of.get(day)
        if weekend is None or any(row[d] for d in weekend):
            return True
        if worked_weekends is None:
            worked_weekends = self._weekends_worked(row)
        return worked_weekends + 1 <= self.weekend_max[p]

    def _runs_hold(self, p: int, row: list, day: int, code: str) -> bool:
        """The runs of work and of days off around ``day`` keep their lengths after the
        change (the runs further away are untouched)."""
        days = len(row)
        first = day - 1
        while first > 0 and bool(row[first - 1]) == bool(row[first]):
            first -= 1
        last = day + 1
        while last < days - 1 and bool(row[last + 1]) == bool(row[last]):
            last += 1
        first, last = max(first, 0), min(last, days - 1)
        window = [bool(row[d]) for d in range(first, last + 1)]
        window[day - first] = bool(code)
        start = 0
        while start < len(window):
            end = start
            while end + 1 < len(window) and window[end + 1] == window[start]:
                end += 1
            length = end - start + 1
            exempt = first + start == 0 or first + end == days - 1
            if window[start]:
                if length > self.run_high[p] or (length < self.run_low[p] and not exempt):
                    return False
            elif length < self.off_low[p] and not exempt:
                return False
            start = end + 1
        return True


class _Search:
    """The cheapest paths of a batch, day by day. A state is (type, run length index) while at
    work, or the run length index of days off; lengths are exact below L (K) and stay at L (K)
    after (only a person without a maximum run goes on at L). For each day and state the state
    before it is kept, and the paths are read backwards from the cheapest last state."""

    def __init__(self, batch: "Paths", sel: np.ndarray, cost: np.ndarray, weekend: np.ndarray):
        self.b, self.cost, self.weekend = batch, cost, weekend
        days, t, L, K = batch.instance.days, len(batch.ids), batch.L, batch.K
        n = self.n = len(sel)
        self.run_low, run_high = batch.run_low[sel], batch.run_high[sel]
        self.off_low = batch.off_low[sel]
        self.lengths, self.offs = np.arange(L), np.arange(K)
        self.may_grow = (self.lengths[None, 1:] + 1) <= run_high[:, None]  # (n, L-1)
        self.saturates = np.isinf(run_high)
        self.back_work = np.zeros((days, n, t, L), dtype=np.int16)  # the type before
        self.back_self = np.zeros((days, n, t), dtype=bool)  # the run stayed at L
        self.back_start = np.zeros((days, n), dtype=np.int16)  # days off before a run
        self.back_stop = np.zeros((days, n), dtype=np.int32)  # flat (type, length) before
        self.back_off = np.zeros((days, n), dtype=bool)  # days off stayed at K
        self.rows = np.arange(n)
        work, off = np.full((n, t, L), INF), np.full((n, K), INF)
        charged = batch.first_day[0] or batch.second_day[0]
        work[:, :, 0] = cost[:, 0, :] + (self.weekend[:, 0:1] if charged else 0)
        off[:, 0] = 0.0
        for day in range(1, days):
            new_work = self._work_after_work(day, work)
            self._work_after_off(day, off, new_work)
            off = self._off(day, work, off)
            work = new_work
        self.work, self.off = work, off

    def _work_after_work(self, day: int, work: np.ndarray) -> np.ndarray:
        """The best run one day longer, by the group of types allowed before each type."""
        b, L = self.b, self.b.L
        best = np.empty_like(work)
        arg = np.zeros(work.shape, dtype=np.int16)
        for g, members in enumerate(b.group_members):
            targets = b.group_of == g
            if members.size == 0:
                best[:, targets, :] = INF
                continue
            sub = work[:, members, :]
            best[:, targets, :] = sub.min(axis=1)[:, None, :]
            arg[:, targets, :] = members[sub.argmin(axis=1)][:, None, :]
        today = self.cost[:, day, :] + (self.weekend[:, day, None] if b.first_day[day] else 0)
        new_work = np.full_like(work, INF)
        if L > 1:
            grow = np.where(self.may_grow[:, None, :], best[:, :, :-1], INF)
            new_work[:, :, 1:] = grow + today[:, :, None]
        stay = np.where(self.saturates[:, None], best[:, :, L - 1], INF) + today
        better = stay < new_work[:, :, L - 1]
        new_work[:, :, L - 1] = np.where(better, stay, new_work[:, :, L - 1])
        self.back_self[day] = better
        self.back_work[day] = arg  # index l: the type before, from a run of length index l
        return new_work

    def _work_after_off(self, day: int, off: np.ndarray, new_work: np.ndarray) -> None:
        """A run starting after enough days off (or days off from day 0)."""
        b = self.b
        may = (self.offs[None, :] >= self.off_low[:, None] - 1) | (self.offs[None, :] == day - 1)
        ready = np.where(may, off, INF)
        k = ready.argmin(axis=1)
        charged = b.first_day[day] or b.second_day[day]
        start = ready[self.rows, k] + (self.weekend[:, day] if charged else 0)
        fresh = self.cost[:, day, :] + start[:, None]
        if b.L == 1:  # the one work state may also be a run going on
            better = fresh < new_work[:, :, 0]
            new_work[:, :, 0] = np.where(better, fresh, new_work[:, :, 0])
            self.back_self[day] &= ~better
        else:
            new_work[:, :, 0] = fresh
        self.back_start[day] = k

    def _off(self, day: int, work: np.ndarray, off: np.ndarray) -> np.ndarray:
        """Days off after a run long enough (or from day 0), or after days off."""
        n, t, L, K = self.n, len(self.b.ids), self.b.L, self.b.K
        lengths = self.lengths[None, :]
        may = (lengths >= self.run_low[:, None] - 1) | (lengths == day - 1)
        done = np.where(may[:, None, :], work, INF).reshape(n, t * L)
        flat = done.argmin(axis=1)
        self.back_stop[day] = flat
        new_off = np.full((n, K), INF)
        new_off[:, 0] = done[self.rows, flat]
        if K > 1:
            new_off[:, 1:] = off[:, :-1]
        better = off[:, K - 1] < new_off[:, K - 1]
        new_off[:, K - 1] = np.where(better, off[:, K - 1], new_off[:, K - 1])
        self.back_off[day] = better
        return new_off

    def trace(self, k: int):
        """Person ``k``'s row, read backwards from their cheapest last state."""
        work, off, L = self.work[k], self.off[k], self.b.L
        if min(work.min(), off.min()) == INF:
            return None
        if work.min() <= off.min():
            flat = int(work.argmin())
            state = (True, flat // L, flat % L)
        else:
            state = (False, 0, int(off.argmin()))
        row = [""] * self.b.instance.days
        for day in range(len(row) - 1, 0, -1):
            if state[0]:
                row[day] = self.b.ids[state[1]]
                state = self._before_work(k, day, state[1], state[2])
            else:
                state = self._before_off(k, day, state[2])
        if state[0]:
            row[0] = self.b.ids[state[1]]
        return tuple(row)

    def _before_work(self, k: int, day: int, typ: int, length: int) -> tuple:
        L = self.b.L
        if length == L - 1 and self.back_self[day, k, typ]:
            return (True, int(self.back_work[day, k, typ, length]), length)
        if length == 0:
            return (False, 0, int(self.back_start[day, k]))
        return (True, int(self.back_work[day, k, typ, length - 1]), length - 1)

    def _before_off(self, k: int, day: int, length: int) -> tuple:
        L, K = self.b.L, self.b.K
        if length == K - 1 and self.back_off[day, k]:
            return (False, 0, length)
        if length == 0:
            flat = int(self.back_stop[day, k])
            return (True, flat // L, flat % L)
        return (False, 0, length - 1)
