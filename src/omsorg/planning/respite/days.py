"""Day stays (respite by the day, seed 004 §1.2 and §1.4): planned after every night term.

A child with a day entitlement ("2 days per month") may spend a date in its home without staying
the night, e.g. an afternoon or a holiday. Day rules (checked independently by check_days.py):

1. a day stay lies on a date inside the horizon and the child's validity window, not on a
   blocked day of the child, and not on a date the child stays the night;
2. per home and date: day stays <= the home's day places that date;
3. per child and counting period: day stays <= entitled days (prorated like nights);
4. two incompatible children never have a day stay on the same date in the same home;
and fixed (confirmed) day stays are kept.

Objective, lexicographic and strictly after the night terms (the nights' contract comes first,
so an instance with day stays gets the same nights as without them): (D1) the largest day
shortfall ratio, (D2) total day shortfall, (D3) wished days planned. The day model is small (one
Boolean per child and usable date) and is solved in three stages, each fixing the last optimum.
"""

import time
from dataclasses import dataclass
from fractions import Fraction

from ortools.sat.python import cp_model

from omsorg.planning.respite.entitlements import day_caps
from omsorg.planning.respite.instance import DayStay, Instance
from omsorg.planning.respite.plan import StageReport
from omsorg.planning.respite.rules import ratio_scale

STAGE = "days"
Nights = dict[str, frozenset[int]]


@dataclass
class DayModel:
    instance: Instance
    cp: cp_model.CpModel
    days: dict[str, dict[int, cp_model.IntVar]]  # child -> date index -> Boolean
    entitled: dict[str, int]  # children with a day entitlement only
    planned: dict[str, cp_model.LinearExprT]
    wished: cp_model.LinearExprT


def build_day_model(instance: Instance, nights: Nights) -> DayModel:
    """Variables and day rules 1-4 for the nights ``nights`` (child -> night indexes)."""
    cp = cp_model.CpModel()
    model = DayModel(instance, cp, {}, {}, {}, 0)
    wished = []
    for child in instance.children:
        if child.day_entitlement is None:
            continue
        caps = day_caps(instance, child)
        model.entitled[child.id] = sum(cap.entitled for cap in caps)
        usable = _usable_dates(instance, child, caps, nights.get(child.id, frozenset()))
        mine = {i: cp.new_bool_var(f"day[{child.id},{i}]") for i in sorted(usable)}
        model.days[child.id] = mine
        for cap in caps:  # day rule 3
            inside = [mine[i] for i in range(cap.first, cap.last + 1) if i in mine]
            if len(inside) > cap.entitled:
                cp.add(sum(inside) <= cap.entitled)
        model.planned[child.id] = sum(mine.values())
        wished += [mine[i] for d in set(child.wished_days) if (i := _index(instance, d)) in mine]
    model.wished = sum(wished)
    _add_places(model)
    _add_incompatible(model)
    for stay in instance.fixed_day_stays:
        cp.add(model.days[stay.child][_index(instance, stay.date)] == 1)
    return model


def _index(instance: Instance, date) -> int:
    return (date - instance.start).days


def _usable_dates(instance: Instance, child, caps, nights: frozenset[int]) -> set[int]:
    """Day rule 1, and dates in a period entitled to no day (day rule 3 forbids them)."""
    home = instance.home(child.home)
    blocked = {_index(instance, d) for d in child.blocked_days}
    dates = instance.nights()
    return {
        i
        for cap in caps
        if cap.entitled > 0
        for i in range(cap.first, cap.last + 1)
        if i not in blocked
        and i not in nights
        and (child.valid is None or dates[i] in child.valid)
        and home.places_on(dates[i]) > 0
    }


def _add_places(model: DayModel) -> None:
    """Day rule 2: per home and date, day stays <= day places."""
    dates = model.instance.nights()
    for home in model.instance.homes:
        members = [c.id for c in model.instance.children if c.home == home.id]
        for i, date in enumerate(dates):
            present = [model.days[c][i] for c in members if i in model.days.get(c, {})]
            if len(present) > home.places_on(date):
                model.cp.add(sum(present) <= home.places_on(date))


def _add_incompatible(model: DayModel) -> None:
    """Day rule 4: incompatible children never share a day-stay date in the same home."""
    for first, second in set(model.instance.incompatible):
        if model.instance.child(first).home != model.instance.child(second).home:
            continue
        mine, theirs = model.days.get(first, {}), model.days.get(second, {})
        for i in mine.keys() & theirs.keys():
            model.cp.add_bool_or([mine[i].Not(), theirs[i].Not()])


def plan_days(
    instance: Instance, nights: Nights, limit: float, workers: int, began: float
) -> tuple[list[DayStay], StageReport]:
    """The day stays around ``nights``: three lexicographic solves within ``limit`` seconds."""
    deadline = time.monotonic() + limit
    model = build_day_model(instance, nights)
    chosen = {(s.child, _index(instance, s.date)) for s in instance.fixed_day_stays}
    statuses = []
    for share, (expression, minimise) in zip((0.4, 0.6, 1.0), _objectives(model), strict=True):
        left = max(0.05, (deadline - time.monotonic()) * share)
        status, value, found = _solve(model, expression, minimise, chosen, left, workers)
        statuses.append(status)
        if found is None:
            break
        chosen = found
        model.cp.add(expression <= value if minimise else expression >= value)
    optimal = len(statuses) == 3 and all(s == cp_model.OPTIMAL for s in statuses)
    stays = sorted(
        (DayStay(c, instance.child(c).home, instance.nights()[i]) for c, i in chosen),
        key=lambda s: (s.date, s.child),
    )
    label = "optimal" if optimal else "feasible"
    ratio = float(_ratio(model, chosen))
    report = StageReport(STAGE, label, ratio, ratio if optimal else None, time.monotonic() - began)
    return stays, report


def _objectives(model: DayModel) -> list[tuple]:
    """(D1) the largest day shortfall ratio as z / scale, (D2) total day shortfall, (D3) wished
    days; each child's (E - planned) * scale <= z * E keeps (D1) exact in integers."""
    positive = tuple(sorted({e for e in model.entitled.values() if e > 0}))
    scale = ratio_scale(positive) if positive else 1
    z = model.cp.new_int_var(0, scale, "day_shortfall_ratio_scaled")
    for child_id, entitled in model.entitled.items():
        if entitled > 0:
            model.cp.add((entitled - model.planned[child_id]) * scale <= z * entitled)
    total = sum(model.entitled.values()) - sum(model.planned.values())
    return [(z, True), (total, True), (model.wished, False)]


def _solve(model: DayModel, expression, minimise: bool, chosen, limit: float, workers: int):
    """One stage, hinted with ``chosen``; (status, value, chosen (child, index) pairs or None)."""
    cp = model.cp
    cp.clear_hints()
    for child_id, variables in model.days.items():
        for i, var in variables.items():
            cp.add_hint(var, (child_id, i) in chosen)
    if minimise:
        cp.minimize(expression)
    else:
        cp.maximize(expression)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = workers
    status = solver.solve(cp)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, None, None
    found = {
        (child_id, i)
        for child_id, variables in model.days.items()
        for i, var in variables.items()
        if solver.boolean_value(var)
    }
    return status, int(solver.objective_value), found


def _ratio(model: DayModel, chosen) -> Fraction:
    ratios = [
        Fraction(e - sum(1 for c, _ in chosen if c == child_id), e)
        for child_id, e in model.entitled.items()
        if e > 0
    ]
    return max(ratios, default=Fraction(0))
