"""ORM <-> the rotation engine: the only module that imports ``omsorg.planning.roster``.

Staff are named ``e<employee id>``, shift types by their code. The instance holds the unit's
permanent employees with their competences on the first day (skills), the position's hours over
the period (minutes, within one short shift either way), at most every third weekend and five
days in a row (configurable on the rotation; every third weekend of a 6-week rotation is 2
weekends, of a 2-week one 1), their wishes as requests, the cover rules as
cover rows per day, and the Working Environment Act's rest rules (§ 10-8 (1) and (2)).
"""

import datetime
import math
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from omsorg.planning.common.progress import ProgressEvent
from omsorg.planning.roster import (
    Cover,
    Instance,
    Range,
    Request,
    RosterParams,
    RosterResult,
    Rules,
    ShiftType,
    Staff,
    check_roster,
    evaluate,
    instance_to_dict,
    parse_instance,
    solve,
    validate,
)
from omsorg.staffing.models import CoverRule, Employee, Rotation, Wish
from omsorg.staffing.models import ShiftType as ShiftTypeRow

# Tariff week for rotations with nights and Sundays in municipal care (DOMAIN.md): 35.5 h.
FULL_TIME_MINUTES_PER_WEEK = 35 * 60 + 30
# The hours over the period may miss the position's by this much either way: shifts are
# whole, so a position is met to within about one short shift.
MINUTES_SLACK = 4 * 60
# Cover weights: a missing person costs far more than a wish; a missing competence more than a
# missing person (issue 11 §2: a social educator on every day shift is the point of the cover
# row, and a person with the competence should rather fill that shift than another one); an
# extra person costs a little.
UNDER_WEIGHT = 100
SKILL_UNDER_WEIGHT = 150
OVER_WEIGHT = 1
WISH_WEIGHT = 5
MIN_DAYS_OFF_IN_A_ROW = 1


def staff_id(employee_id: int) -> str:
    return f"e{employee_id}"


def employee_id_of(staff: str) -> int:
    return int(staff[1:])


def minutes_of_day(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def position_minutes(percent: Decimal, weeks: int) -> int:
    """The position's working minutes over the period (35.5 h a week at 100 %)."""
    return int(FULL_TIME_MINUTES_PER_WEEK * weeks * percent / 100)


def rotation_staff(rotation: Rotation) -> list[Employee]:
    """The unit's active employees in permanent positions: the ones the rotation plans."""
    return list(
        rotation.unit.employees.filter(active=True, kind=Employee.Kind.PERMANENT)
        .prefetch_related("certificates")
        .order_by("last_name", "first_name", "pk")
    )


def staff_for(rotation: Rotation, employee: Employee, skills: set[str]) -> Staff:
    target = position_minutes(employee.position_percent, rotation.weeks)
    return Staff(
        id=staff_id(employee.pk),
        skills=tuple(sorted(skills)),
        minutes=Range(max(0, target - MINUTES_SLACK), target + MINUTES_SLACK),
        consecutive_shifts=Range(1, rotation.max_consecutive_days),
        min_consecutive_days_off=MIN_DAYS_OFF_IN_A_ROW,
        max_weekends=math.ceil(rotation.weeks / rotation.weekend_every),
    )


def _requests(rotation: Rotation, employees, shift_codes: list[str]) -> list[Request]:
    last = rotation.start + datetime.timedelta(days=rotation.days - 1)
    wishes = Wish.objects.filter(
        employee__in=employees, date__range=(rotation.start, last)
    ).select_related("shift_type")
    requests = []
    for wish in wishes.order_by("employee_id", "date"):
        day = (wish.date - rotation.start).days
        who = staff_id(wish.employee_id)
        if wish.shift_type is not None:
            requests.append(Request(who, day, wish.shift_type.code, True, WISH_WEIGHT))
            continue
        requests += [Request(who, day, code, False, WISH_WEIGHT) for code in shift_codes]
    return requests


def _cover(rotation: Rotation) -> list[Cover]:
    rules = list(CoverRule.objects.filter(unit=rotation.unit).select_related("shift_type"))
    rows = []
    for day in range(rotation.days):
        weekday = (rotation.start + datetime.timedelta(days=day)).weekday()
        for rule in rules:
            if rule.weekday != weekday:
                continue
            skill = rule.competence or None
            rows.append(
                Cover(
                    day=day,
                    shift=rule.shift_type.code,
                    skill=skill,
                    required=rule.required,
                    under_weight=SKILL_UNDER_WEIGHT if skill else UNDER_WEIGHT,
                    over_weight=0 if skill else OVER_WEIGHT,
                )
            )
    return rows


def build_instance(rotation: Rotation, skills_of: Callable[[Employee], set[str]]) -> Instance:
    shift_rows = list(ShiftTypeRow.objects.filter(unit=rotation.unit))
    wanted = set(
        CoverRule.objects.filter(unit=rotation.unit)
        .exclude(competence="")
        .values_list("competence", flat=True)
    )
    # Staff with a competence the cover asks for come first: the engine's first phase plans
    # person by person against the cover still open, so they get the shifts that need them.
    employees = sorted(rotation_staff(rotation), key=lambda e: not (skills_of(e) & wanted))
    instance = Instance(
        start=rotation.start,
        days=rotation.days,
        shift_types=tuple(
            ShiftType(id=s.code, minutes=s.minutes, start=minutes_of_day(s.start))
            for s in shift_rows
        ),
        staff=tuple(staff_for(rotation, e, skills_of(e)) for e in employees),
        requests=tuple(_requests(rotation, employees, [s.code for s in shift_rows])),
        cover=tuple(_cover(rotation)),
        rules=Rules(
            daily_rest_hours=float(rotation.daily_rest_hours),
            weekly_rest_hours=float(rotation.weekly_rest_hours),
        ),
    )
    return validate(instance)


def instance_json(instance: Instance) -> dict:
    return instance_to_dict(instance)


def instance_of(rotation: Rotation) -> Instance:
    return parse_instance(rotation.instance)


def run_engine(
    instance: Instance, *, time_limit: float, on_progress: Callable[[dict], None]
) -> RosterResult:
    def report(event: ProgressEvent) -> None:
        on_progress(
            {
                "stage": event.stage,
                "objective": event.objective,
                "bound": event.bound,
                "wall_time": round(event.wall_time, 2),
            }
        )

    return solve(instance, RosterParams(time_limit=float(time_limit)), report)


def roster_of(rotation: Rotation) -> dict[str, tuple[str, ...]]:
    return {who: tuple(days) for who, days in (rotation.roster or {}).items()}


def violations(instance: Instance, roster: dict[str, tuple[str, ...]]):
    """Every hard rule the roster breaks (the engine's own independent checker)."""
    return check_roster(instance, roster)


def cost(instance: Instance, roster: dict[str, tuple[str, ...]]):
    return evaluate(instance, roster)


def extra_shift_staff(
    rotation: Rotation, instance: Instance, employee: Employee, skills: set[str], full: int
) -> Staff:
    """The employee's rules for taking an extra shift (issue 11 §4): the rotation's, with the
    hours allowed up to ``full`` minutes (full time for a part-timer; a substitute's own
    position size for the pool)."""
    known = next((s for s in instance.staff if s.id == staff_id(employee.pk)), None)
    base = known or staff_for(rotation, employee, skills)
    return replace(base, minutes=Range(0, full))


def new_breaks(instance: Instance, staff: Staff, days: list[str], day: int, code: str) -> list[str]:
    """The rules the staff member would break by working ``code`` on ``day`` that they do not
    break now (the engine's checker on this one person)."""
    alone = replace(instance, staff=(staff,), requests=(), cover=())
    before = {v.rule for v in check_roster(alone, {staff.id: tuple(days)})}
    changed = list(days)
    changed[day] = code
    after = {v.rule for v in check_roster(alone, {staff.id: tuple(changed)})}
    return sorted(after - before)
