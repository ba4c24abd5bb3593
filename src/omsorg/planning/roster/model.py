"""The CP-SAT model of a rotation: one Boolean per (staff, day, shift type), then one named
step per rule, each stating its rule and source.

A staff member has a variable only for the shift types they may work that day (not on a day off,
not a type whose maximum is 0), and a "works that day" Boolean equal to their sum, which is what
the run, weekend and weekly-rest rules read. Run lengths are stated as clauses over these
Booleans (a run that starts must last the minimum; every window one day longer than the maximum
has a day off), which CP-SAT propagates as tightly as an automaton over worked/off days.
"""

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from omsorg.planning.roster import timing
from omsorg.planning.roster.instance import Instance, Staff

Key = tuple[int, int, str]  # staff index, day, shift type id


@dataclass
class RosterModel:
    instance: Instance
    cp: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    shift: dict[Key, cp_model.IntVar] = field(default_factory=dict)
    # (staff index, day) -> Boolean: works that day.
    works: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    requests: list = field(default_factory=list)
    cover_under: list = field(default_factory=list)
    cover_over: list = field(default_factory=list)
    _by_person: dict = field(default_factory=dict, repr=False)
    parts: object = field(default=None, repr=False)  # the neighbourhood search's index

    def of_person(self, person: int) -> list[tuple[int, str, cp_model.IntVar]]:
        """(day, shift type id, variable) of one staff member, built once."""
        if not self._by_person:
            for (p, day, sid), var in self.shift.items():
                self._by_person.setdefault(p, []).append((day, sid, var))
        return self._by_person.get(person, [])

    def shifts_of(self, person: int, day: int) -> list[cp_model.IntVar]:
        return [
            self.shift[(person, day, t.id)]
            for t in self.instance.shift_types
            if (person, day, t.id) in self.shift
        ]

    def objective(self) -> cp_model.LinearExpr:
        return sum(self.requests) + sum(self.cover_under) + sum(self.cover_over)


def build_model(instance: Instance) -> RosterModel:
    """Variables, every hard rule, and the three cost terms as the objective."""
    model = RosterModel(instance)
    create_variables(model)
    add_cannot_be_followed_by(model)
    add_daily_rest(model)
    add_weekly_rest(model)
    for person, staff in enumerate(instance.staff):
        add_max_shifts(model, person, staff)
        add_minutes(model, person, staff)
        add_consecutive_shifts(model, person, staff)
        add_min_days_off(model, person, staff)
        add_max_weekends(model, person, staff)
    add_request_costs(model)
    add_cover_costs(model)
    model.cp.Minimize(model.objective())
    return model


def _allowed(staff: Staff, day: int, shift_id: str) -> bool:
    return day not in staff.days_off and dict(staff.max_shifts).get(shift_id) != 0


def create_variables(model: RosterModel) -> None:
    """At most one shift per staff member per day (the contract); none on ``days_off``."""
    instance = model.instance
    for person, staff in enumerate(instance.staff):
        for day in range(instance.days):
            for shift in instance.shift_types:
                if _allowed(staff, day, shift.id):
                    key = (person, day, shift.id)
                    model.shift[key] = model.cp.NewBoolVar(f"x_{staff.id}_{day}_{shift.id}")
            works = model.cp.NewBoolVar(f"w_{staff.id}_{day}")
            model.cp.Add(works == sum(model.shifts_of(person, day)))
            model.works[(person, day)] = works


def _forbid_following(model: RosterModel, pairs) -> None:
    """For each (days apart, first type, second type) in ``pairs``: not both worked.

    At most one shift a day, so for one day's shifts of the same forbidden followers F one
    linear row says it all: (those shifts today) + (F on the later day) <= 1. One row per
    person, day and group instead of one clause per pair keeps the model small on instances
    with many shift types (Curtois & Qu Instance24: 32 types, 150 staff, 364 days)."""
    followers: dict[tuple[int, str], set[str]] = {}
    for gap, first, second in pairs:
        followers.setdefault((gap, first), set()).add(second)
    groups: dict[tuple[int, frozenset], list[str]] = {}
    for (gap, first), after in followers.items():
        groups.setdefault((gap, frozenset(after)), []).append(first)
    for person in range(len(model.instance.staff)):
        for (gap, after), firsts in groups.items():
            for day in range(model.instance.days - gap):
                today = _present(model, person, day, firsts)
                later = _present(model, person, day + gap, after)
                if today and later:
                    model.cp.Add(sum(today) + sum(later) <= 1)


def _present(model: RosterModel, person: int, day: int, shift_ids) -> list:
    keys = ((person, day, sid) for sid in shift_ids)
    return [model.shift[key] for key in keys if key in model.shift]


def add_cannot_be_followed_by(model: RosterModel) -> None:
    """A shift type in ``cannot_be_followed_by`` may not be worked the next day."""
    pairs = [
        (1, shift.id, following)
        for shift in model.instance.shift_types
        for following in shift.cannot_be_followed_by
    ]
    _forbid_following(model, pairs)


def add_daily_rest(model: RosterModel) -> None:
    """AML § 10-8 (1): at least ``daily_rest_hours`` from a shift's end to the next start."""
    _forbid_following(model, timing.rest_conflicts(model.instance))


def add_weekly_rest(model: RosterModel) -> None:
    """AML § 10-8 (2): every 7 × 24 h window inside the period holds one continuous off-time of
    ``weekly_rest_hours``; one Boolean per possible off-block, at least one of them kept.

    An off-block is the same in every window that holds it (its blocked shifts depend on its
    start alone), so each person gets one Boolean per distinct block, shared by the windows:
    about a seventh of the variables and constraints of one per window and block (the
    Norwegian unit: 78 000 constraints before), which matters most to the neighbourhood
    search, whose every part-solve presolves the whole model again."""
    windows = timing.weekly_rest_blocks(model.instance)
    for person in range(len(model.instance.staff)):
        kept: dict[tuple, cp_model.IntVar] = {}
        for blocks in windows.values():
            chosen = []
            for block in blocks:
                blocked = [
                    model.shift[(person, day, sid)]
                    for day, sid in sorted(block.blocked)
                    if (person, day, sid) in model.shift
                ]
                if not blocked:
                    chosen = []
                    break
                key = (block.begin, block.blocked)
                if key not in kept:
                    keep = model.cp.NewBoolVar(f"rest_{person}_{block.begin}")
                    model.cp.AddBoolAnd([var.Not() for var in blocked]).OnlyEnforceIf(keep)
                    kept[key] = keep
                chosen.append(kept[key])
            else:
                model.cp.AddBoolOr(chosen)


def add_max_shifts(model: RosterModel, person: int, staff: Staff) -> None:
    """At most ``max_shifts[t]`` shifts of type t."""
    for shift_id, limit in staff.max_shifts:
        chosen = [var for _day, sid, var in model.of_person(person) if sid == shift_id]
        if len(chosen) > limit:
            model.cp.Add(sum(chosen) <= limit)


def add_minutes(model: RosterModel, person: int, staff: Staff) -> None:
    """The position's hours: total minutes within ``minutes`` [min, max]."""
    if staff.minutes is None:
        return
    minutes = {t.id: t.minutes for t in model.instance.shift_types}
    chosen = model.of_person(person)
    total = cp_model.LinearExpr.WeightedSum(
        [var for _d, _s, var in chosen], [minutes[sid] for _d, sid, _v in chosen]
    )
    model.cp.AddLinearConstraint(total, staff.minutes.low, staff.minutes.high)


def add_consecutive_shifts(model: RosterModel, person: int, staff: Staff) -> None:
    """Every run of worked days within ``consecutive_shifts`` [min, max]; a run starting on day 0
    or cut by the last day is exempt from the minimum."""
    if staff.consecutive_shifts is None:
        return
    days = model.instance.days
    works = [model.works[(person, d)] for d in range(days)]
    most = staff.consecutive_shifts.high
    for first in range(days - most):
        model.cp.Add(sum(works[first : first + most + 1]) <= most)
    _minimum_runs(model, works, staff.consecutive_shifts.low)


def add_min_days_off(model: RosterModel, person: int, staff: Staff) -> None:
    """Every run of days off at least ``min_consecutive_days_off``, with the same exemptions."""
    if not staff.min_consecutive_days_off:
        return
    days = model.instance.days
    off = [model.works[(person, d)].Not() for d in range(days)]
    _minimum_runs(model, off, staff.min_consecutive_days_off)


def _minimum_runs(model: RosterModel, flags: list, least: int) -> None:
    """A run of true ``flags`` that starts after day 0 lasts ``least`` days or to the end."""
    for start in range(1, len(flags)):
        for later in range(start + 1, min(start + least, len(flags))):
            model.cp.AddBoolOr([flags[start - 1], flags[start].Not(), flags[later]])


def add_max_weekends(model: RosterModel, person: int, staff: Staff) -> None:
    """At most ``max_weekends`` worked weekends (a Saturday and the following Sunday by the
    calendar; worked if either day has a shift)."""
    if staff.max_weekends is None:
        return
    worked = []
    for weekend in model.instance.weekends():
        days = [model.works[(person, d)] for d in weekend]
        if len(days) == 1:
            worked.append(days[0])
            continue
        flag = model.cp.NewBoolVar(f"weekend_{person}_{weekend[0]}")
        model.cp.AddMaxEquality(flag, days)
        worked.append(flag)
    model.cp.Add(sum(worked) <= staff.max_weekends)


def add_request_costs(model: RosterModel) -> None:
    """Wishes (ønsketurnus) are soft: ``weight`` for each one not met."""
    index = {staff.id: i for i, staff in enumerate(model.instance.staff)}
    for request in model.instance.requests:
        var = model.shift.get((index[request.staff], request.day, request.shift))
        if var is None:  # the shift cannot be worked at all
            model.requests.append(request.weight if request.on else 0)
        elif request.on:
            model.requests.append(request.weight * (1 - var))
        else:
            model.requests.append(request.weight * var)


def add_cover_costs(model: RosterModel) -> None:
    """Cover is soft: under × under_weight + over × over_weight per row, counting only staff
    with the row's skill when it names one."""
    instance = model.instance
    for index, cover in enumerate(instance.cover):
        count = sum(
            model.shift.get((person, cover.day, cover.shift), 0)
            for person, staff in enumerate(instance.staff)
            if instance.has_skill(staff, cover.skill)
        )
        under = model.cp.NewIntVar(0, cover.required, f"under_{index}")
        over = model.cp.NewIntVar(0, len(instance.staff), f"over_{index}")
        model.cp.Add(count - cover.required == over - under)
        model.cover_under.append(cover.under_weight * under)
        model.cover_over.append(cover.over_weight * over)
