"""Crunch months: the two shortfall terms on a night-by-night model, for when beds run short.

When the floors already rule the ideal plan out (``floors.fits_homes``: more nights are wanted
than the beds can give, at least in one month), every bed-night counts and the stay model's
many stay variables (one per first night and length) slow CP-SAT down. A second formulation of
the same hard rules, one Boolean per child and usable night, is smaller: a run starting on a
night covers at least ``min`` nights (a start indicator), no ``max + 1`` consecutive nights are
all planned, and beds, one-to-one staffing, incompatible pairs and period caps are counted
night by night. On tight benchmark loads (entitled nights 1.0-1.4 x open bed-nights, 60
children x 6 months) CP-SAT finds far better ratios on it within the same time (t130_s24:
0.30 against 0.75 after 30 s on a loaded machine).

Every plan of this model is a plan of the stay model (a run of usable nights within the
lengths and caps is one of its stay variables), so its plans become the engine's incumbent,
and the stay model's stages (window search, wishes, weekdays, fewer stays) go on from there.
Stage 1 minimises the largest ratio, with the proven floor stated so CP-SAT stops on reaching
it; stage 2 holds the best ratio and minimises total shortfall, again down to the floor.
"""

import time
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from omsorg.planning.common.progress import ProgressEvent
from omsorg.planning.respite.descent import required_at
from omsorg.planning.respite.floors import scaled_floor, total_floor
from omsorg.planning.respite.objectives import counts, ratio_of, total_shortfall

if TYPE_CHECKING:  # stage.py imports the model; only the type is needed here
    from omsorg.planning.respite.stage import StageRunner

Nights = dict[str, frozenset[int]]


class NightModel:
    """The night-by-night model of a respite model's hard rules, with z and total shortfall."""

    def __init__(self, runner: "StageRunner") -> None:
        self.runner = runner
        model = runner.model
        self.cp = cp_model.CpModel()
        self.x: dict[str, dict[int, cp_model.IntVar]] = {}
        for child in model.instance.children:
            usable = model.stay_night[child.id]  # nights some allowed stay covers
            self.x[child.id] = {i: self.cp.new_bool_var(f"n[{child.id},{i}]") for i in usable}
            self._lengths(child)
            self._caps(child.id)
        self._homes()
        self._fixed()
        self.planned = {c: sum(mine.values()) for c, mine in self.x.items()}
        for child_id, best in model.alone_best.items():  # valid: no plan gives a child more
            if best < model.entitled[child_id]:
                self.cp.add(self.planned[child_id] <= best)
        term = model.terms.ratio
        self.z = self.cp.new_int_var(scaled_floor(model), term.scale, "z")
        for child_id, entitled in model.entitled.items():
            if entitled > 0:
                self.cp.add((entitled - self.planned[child_id]) * term.scale <= self.z * entitled)
        self.total = sum(model.entitled.values()) - sum(self.planned.values())
        self.cp.add(self.total >= total_floor(model))

    def _night(self, child_id: str, index: int):
        return self.x[child_id].get(index, 0)

    def _lengths(self, child) -> None:
        """Hard rule 1: runs of min..max nights (the night at home between two stays is what
        ends a run, so it needs no constraint of its own)."""
        shortest, longest = child.stay_nights.min_nights, child.stay_nights.max_nights
        mine = self.x[child.id]
        for index, var in mine.items():
            if shortest > 1:
                start = self.cp.new_bool_var("")
                self.cp.add(start >= var - self._night(child.id, index - 1))
                for offset in range(1, shortest):
                    following = mine.get(index + offset)
                    if following is None:
                        self.cp.add(start == 0)
                        break
                    self.cp.add(following >= start)
            window = [mine[j] for j in range(index, index + longest + 1) if j in mine]
            if len(window) == longest + 1:
                self.cp.add(sum(window) <= longest)

    def _caps(self, child_id: str) -> None:
        """Hard rule 5 per counting period."""
        mine = self.x[child_id]
        for cap in self.runner.model.caps[child_id]:
            inside = [mine[i] for i in range(cap.first, cap.last + 1) if i in mine]
            if len(inside) > cap.entitled:
                self.cp.add(sum(inside) <= cap.entitled)

    def _homes(self) -> None:
        """Hard rules 3 and 4, night by night."""
        instance = self.runner.model.instance
        for home in instance.homes:
            members = [c for c in instance.children if c.home == home.id]
            limit = home.max_one_to_one_per_night
            for index in range(len(self.runner.model.nights)):
                present = [self.x[c.id][index] for c in members if index in self.x[c.id]]
                if len(present) > home.beds:
                    self.cp.add(sum(present) <= home.beds)
                ones = [
                    self.x[c.id][index] for c in members if c.one_to_one and index in self.x[c.id]
                ]
                if limit is not None and len(ones) > limit:
                    self.cp.add(sum(ones) <= limit)
        for first, second in set(instance.incompatible):
            if instance.child(first).home == instance.child(second).home:
                for index in self.x[first].keys() & self.x[second].keys():
                    self.cp.add_bool_or([self.x[first][index].Not(), self.x[second][index].Not()])

    def _fixed(self) -> None:
        """Fixed stays exactly: their nights planned, the nights just outside them not."""
        model = self.runner.model
        for stay in model.instance.fixed_stays:
            first = model.index_of(stay.first_night)
            for index in range(first, first + stay.nights):
                self.cp.add(self.x[stay.child][index] == 1)
            for index in (first - 1, first + stay.nights):
                if index in self.x[stay.child]:
                    self.cp.add(self.x[stay.child][index] == 0)

    def minimise_ratio(self, limit: float) -> tuple[bool, int]:
        """Stage 1; (proven optimal, raw bound on z). A better plan becomes the incumbent."""
        self.cp.minimize(self.z)
        # Hinted with the best plan so far: on t130_s24 (loaded machine) 0.25, proven, in 17 s,
        # where the same solve unhinted was at 0.375 after 30 s.
        status, solver = self._solve(limit, hint=True)
        return status == cp_model.OPTIMAL, _bound(solver, status)

    def minimise_total(self, limit: float) -> tuple[bool, int]:
        """Stage 2, the incumbent's ratio held; (proven optimal, raw bound on total)."""
        model = self.runner.model
        best = ratio_of(model, counts(self.runner.incumbent))
        for child_id, least in required_at(model, best).items():
            self.cp.add(self.planned[child_id] >= least)
        self.cp.minimize(self.total)
        status, solver = self._solve(limit, hint=True)
        return status == cp_model.OPTIMAL, _bound(solver, status)

    def _solve(self, limit: float, hint: bool):
        self.cp.clear_hints()
        for child_id, mine in self.x.items() if hint else ():
            planned = self.runner.incumbent[child_id]
            for index, var in mine.items():
                self.cp.add_hint(var, index in planned)
        solver = self.runner.solver(limit)
        status = solver.solve(self.cp)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self._offer(solver)
        return status, solver

    def offer(self, nights: Nights) -> None:
        """Report a plan found outside this model (it is the incumbent already)."""
        self._report(counts(nights))

    def _offer(self, solver: cp_model.CpSolver) -> None:
        """Take the solver's plan when it is better on (ratio, total) than the incumbent."""
        model = self.runner.model
        nights = {
            c: frozenset(i for i, var in mine.items() if solver.boolean_value(var))
            for c, mine in self.x.items()
        }
        old, new = counts(self.runner.incumbent), counts(nights)
        if (ratio_of(model, new), total_shortfall(model, new)) < (
            ratio_of(model, old),
            total_shortfall(model, old),
        ):
            self.runner.incumbent = nights
            self._report(new)

    def _report(self, planned: dict[str, int]) -> None:
        runner, model = self.runner, self.runner.model
        if runner.progress is not None:
            ratio = float(ratio_of(model, planned))
            terms = {
                "max_shortfall_ratio": ratio,
                "total_shortfall": total_shortfall(model, planned),
            }
            wall = time.monotonic() - runner.began
            runner.progress(ProgressEvent(STAGE, ratio, 0.0, wall, terms))


# Progress from this model is reported under the weighted stage's name (the web's labels).
STAGE = "shortfall"


def _bound(solver: cp_model.CpSolver, status) -> int:
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return int(-(-(solver.best_objective_bound - 1e-6) // 1))
    return 0
