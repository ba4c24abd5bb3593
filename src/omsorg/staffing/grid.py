"""Reads of a rotation: the grid (staff × days, codes, weekends, hours against the position),
the rules broken, the cover short, wishes met (issue 11 §2-3), and one employee's own shifts."""

import datetime
from dataclasses import dataclass, field

from omsorg.core.errors import NotFound
from omsorg.core.models import Unit, User
from omsorg.staffing import plan_io
from omsorg.staffing.models import Employee, Rotation, Wish
from omsorg.staffing.permissions import is_unit_leader
from omsorg.staffing.rule_words import rule_text

WEEKEND = (5, 6)


@dataclass
class Day:
    index: int
    date: datetime.date

    @property
    def weekend(self) -> bool:
        return self.date.weekday() in WEEKEND


@dataclass
class Cell:
    day: Day
    code: str
    wished: str | None = None  # "" for a wished day off, a code for a wished shift
    broken: bool = False

    @property
    def wish_met(self) -> bool | None:
        if self.wished is None:
            return None
        return self.code == self.wished


@dataclass
class Row:
    staff: str
    employee: Employee
    cells: list[Cell]
    minutes: int
    target: int
    rules: list[str] = field(default_factory=list)

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)

    @property
    def target_hours(self) -> float:
        return round(self.target / 60, 1)

    @property
    def wishes(self) -> int:
        return sum(1 for c in self.cells if c.wished is not None)

    @property
    def wishes_met(self) -> int:
        return sum(1 for c in self.cells if c.wish_met)


@dataclass
class Short:
    day: Day
    shift: str
    skill: str | None
    missing: int


@dataclass
class Grid:
    rotation: Rotation
    days: list[Day]
    rows: list[Row]
    short: list[Short]
    shift_codes: list[str]

    @property
    def broken_rules(self) -> list[str]:
        return sorted({rule for row in self.rows for rule in row.rules})


def rotation_get(*, actor: User, unit: Unit, rotation_id: int) -> Rotation:
    rotation = unit.rotations.filter(pk=rotation_id).first()
    if rotation is None or not is_unit_leader(actor, unit):
        raise NotFound()
    return rotation


def rotations_of(unit: Unit):
    return unit.rotations.all()


def _wishes(rotation: Rotation, employees) -> dict[tuple[int, datetime.date], str]:
    last = rotation.start + datetime.timedelta(days=rotation.days - 1)
    rows = Wish.objects.filter(employee__in=employees, date__range=(rotation.start, last))
    return {
        (w.employee_id, w.date): (w.shift_type.code if w.shift_type else "")
        for w in rows.select_related("shift_type")
    }


def _short(instance, roster, days: list[Day]) -> list[Short]:
    """Cover rows not met: the day, the shift, the competence and how many are missing."""
    short = []
    for cover in instance.cover:
        count = sum(
            1
            for staff in instance.staff
            if roster[staff.id][cover.day] == cover.shift and instance.has_skill(staff, cover.skill)
        )
        if count < cover.required:
            short.append(Short(days[cover.day], cover.shift, cover.skill, cover.required - count))
    return short


def rotation_grid(rotation: Rotation) -> Grid:
    instance = plan_io.instance_of(rotation)
    roster = plan_io.roster_of(rotation)
    days = [Day(d, rotation.start + datetime.timedelta(days=d)) for d in range(rotation.days)]
    ids = [plan_io.employee_id_of(s.id) for s in instance.staff]
    employees = Employee.objects.in_bulk(ids)
    wishes = _wishes(rotation, employees.values())
    broken: dict[str, list] = {}
    for violation in plan_io.violations(instance, roster):
        broken.setdefault(violation.staff, []).append(violation)
    minutes = {t.id: t.minutes for t in instance.shift_types}
    rows = []
    for staff in instance.staff:
        employee = employees[plan_io.employee_id_of(staff.id)]
        bad_days = {v.day for v in broken.get(staff.id, []) if v.day is not None}
        cells = [
            Cell(day, roster[staff.id][day.index], wishes.get((employee.pk, day.date)),
                 day.index in bad_days)
            for day in days
        ]  # fmt: skip
        rows.append(
            Row(
                staff=staff.id,
                employee=employee,
                cells=cells,
                minutes=sum(minutes[c.code] for c in cells if c.code),
                target=plan_io.position_minutes(employee.position_percent, rotation.weeks),
                rules=sorted({rule_text(v.rule) for v in broken.get(staff.id, [])}),
            )
        )
    codes = [t.id for t in instance.shift_types]
    return Grid(rotation, days, rows, _short(instance, roster, days), codes)


@dataclass
class OwnShift:
    date: datetime.date
    code: str
    start: datetime.datetime
    end: datetime.datetime


def own_shifts(employee: Employee) -> list[OwnShift]:
    """The employee's shifts in the unit's published rotations, in order."""
    shifts = []
    rotations = employee.unit.rotations.filter(status=Rotation.Status.PUBLISHED).order_by("start")
    who = plan_io.staff_id(employee.pk)
    for rotation in rotations:
        roster = rotation.roster or {}
        if who not in roster:
            continue
        types = {t["id"]: t for t in rotation.instance["shift_types"]}
        for index, code in enumerate(roster[who]):
            if not code:
                continue
            date = rotation.start + datetime.timedelta(days=index)
            hour, minute = (int(x) for x in types[code]["start"].split(":"))
            start = datetime.datetime.combine(date, datetime.time(hour, minute))
            end = start + datetime.timedelta(minutes=types[code]["minutes"])
            shifts.append(OwnShift(date, code, start, end))
    return shifts


@dataclass
class Evaluation:
    """Seed 001 Avd. mål 6.8 (evaluate the rotation twice a year), issue 11 §5: per rotation,
    the share of cover filled, wishes met, extra shifts and overtime, and the shifts without
    the competence they need."""

    cover_required: int
    cover_filled: int
    competence_short: int
    wishes: int
    wishes_met: int
    vacancies: int
    extra_shifts: int
    overtime_minutes: int

    @property
    def cover_percent(self) -> float | None:
        if not self.cover_required:
            return None
        return round(100 * self.cover_filled / self.cover_required, 1)

    @property
    def wishes_percent(self) -> float | None:
        return round(100 * self.wishes_met / self.wishes, 1) if self.wishes else None

    @property
    def overtime_hours(self) -> float:
        return round(self.overtime_minutes / 60, 1)


def rotation_evaluation(rotation: Rotation) -> Evaluation:
    grid = rotation_grid(rotation)
    instance = plan_io.instance_of(rotation)
    roster = plan_io.roster_of(rotation)
    required = filled = 0
    for cover in instance.cover:
        if cover.skill is not None:
            continue
        count = sum(1 for s in instance.staff if roster[s.id][cover.day] == cover.shift)
        required += cover.required
        filled += min(count, cover.required)
    vacancies = rotation.vacancies.all()
    return Evaluation(
        cover_required=required,
        cover_filled=filled,
        competence_short=sum(1 for s in grid.short if s.skill),
        wishes=sum(r.wishes for r in grid.rows),
        wishes_met=sum(r.wishes_met for r in grid.rows),
        vacancies=vacancies.count(),
        extra_shifts=vacancies.filter(filled_by__isnull=False).count(),
        overtime_minutes=sum(max(0, r.minutes - r.target) for r in grid.rows),
    )


def uncovered_needs(unit: Unit, needed: set[str]) -> dict[str, list[str]]:
    """For the unit's latest published rotation: per needed competence, the shifts ("Mon
    9.3. D") where no one on duty holds it (issue 11 §1: needs not covered on which shifts)."""
    rotation = unit.rotations.filter(status=Rotation.Status.PUBLISHED).order_by("-start").first()
    if rotation is None or not needed:
        return {}
    instance = plan_io.instance_of(rotation)
    roster = plan_io.roster_of(rotation)
    found: dict[str, list[str]] = {}
    for day in range(rotation.days):
        date = rotation.start + datetime.timedelta(days=day)
        for shift in instance.shift_types:
            on = [s for s in instance.staff if roster[s.id][day] == shift.id]
            if not on:
                continue
            for competence in needed:
                if not any(competence in s.skills for s in on):
                    found.setdefault(competence, []).append(f"{date:%d.%m.} {shift.id}")
    return found
