"""The rotation (turnus) instance: frozen dataclasses and their semantic validation.

A unit's leader defines shift types, the cover per shift and day, and the staff with their
position's hours and wishes (issue 11 §2). Days are indexed 0 … days−1 from ``start``; a roster
gives each staff member at most one shift a day. The web builds an :class:`Instance` from the
database, the command line parses one from JSON (``parse.py``); both go through
:func:`validate`, which names the offending field.
"""

import datetime as dt
from dataclasses import dataclass, field

from omsorg.planning.common.json_input import InstanceError

MINUTES_PER_DAY = 24 * 60
SATURDAY = 5


@dataclass(frozen=True)
class ShiftType:
    """A shift type; ``start`` is minutes after midnight (None: no clock time, no rest rules).

    A shift belongs to the day it starts on, also a night shift that ends the next morning.
    """

    id: str
    minutes: int
    start: int | None = None
    cannot_be_followed_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Range:
    """An inclusive ``[low, high]`` pair."""

    low: int
    high: int


@dataclass(frozen=True)
class Staff:
    """A staff member; every limit is optional (None or empty: no limit)."""

    id: str
    skills: tuple[str, ...] = ()
    # (shift type, at most this many shifts of it); a type not named is unlimited.
    max_shifts: tuple[tuple[str, int], ...] = ()
    minutes: Range | None = None
    consecutive_shifts: Range | None = None
    min_consecutive_days_off: int | None = None
    max_weekends: int | None = None
    days_off: tuple[int, ...] = ()


@dataclass(frozen=True)
class Request:
    """A wish: ``on`` costs ``weight`` if the shift is not worked, ``on=False`` if it is."""

    staff: str
    day: int
    shift: str
    on: bool
    weight: int


@dataclass(frozen=True)
class Cover:
    """Wanted staff on a shift; ``skill`` None counts everyone, else only staff with it."""

    day: int
    shift: str
    skill: str | None
    required: int
    under_weight: int
    over_weight: int


@dataclass(frozen=True)
class Rules:
    """Working Environment Act rest rules in hours (AML § 10-8 (1) and (2)); None: not applied."""

    daily_rest_hours: float | None = None
    weekly_rest_hours: float | None = None


@dataclass(frozen=True)
class Instance:
    """Everything the engine needs. ``start`` None means day 0 is a Monday (weekends by index)."""

    start: dt.date | None
    days: int
    shift_types: tuple[ShiftType, ...]
    staff: tuple[Staff, ...]
    requests: tuple[Request, ...] = ()
    cover: tuple[Cover, ...] = ()
    rules: Rules = field(default_factory=Rules)

    def shift(self, shift_id: str) -> ShiftType:
        return next(t for t in self.shift_types if t.id == shift_id)

    @property
    def cells(self) -> int:
        """Staff × days × shift types: the size the engine chooses its methods by."""
        return len(self.staff) * self.days * len(self.shift_types)

    @property
    def first_weekday(self) -> int:
        """``date.weekday()`` of day 0 (Monday = 0)."""
        return 0 if self.start is None else self.start.weekday()

    def weekends(self) -> list[tuple[int, ...]]:
        """Each calendar weekend (a Saturday and the following Sunday) touching the horizon, as
        the day indexes of it inside the horizon: a horizon that starts on a Sunday or ends on a
        Saturday holds half a weekend, which is worked if that day is."""
        first_saturday = (SATURDAY - self.first_weekday) % 7
        saturdays = range(first_saturday - 7, self.days, 7)
        weekends = []
        for saturday in saturdays:
            inside = tuple(d for d in (saturday, saturday + 1) if 0 <= d < self.days)
            if inside:
                weekends.append(inside)
        return weekends

    def has_skill(self, staff: Staff, skill: str | None) -> bool:
        return skill is None or skill in staff.skills


def validate(instance: Instance) -> Instance:
    """Refuse an instance that no roster could be judged against; return it unchanged if sound."""
    if instance.days < 1:
        raise InstanceError("days", "must be 1 or more")
    _validate_shift_types(instance)
    _validate_staff(instance)
    _validate_requests(instance)
    _validate_cover(instance)
    _validate_rules(instance.rules)
    return instance


def _check_unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            raise InstanceError(f"{what}[{index}].id", f"duplicate id {item_id!r}")
        seen.add(item_id)


def _check_day(instance: Instance, path: str, day: int) -> None:
    if not 0 <= day < instance.days:
        raise InstanceError(path, f"day {day} is outside the horizon 0..{instance.days - 1}")


def _check_shift(instance: Instance, path: str, shift_id: str) -> None:
    if shift_id not in {t.id for t in instance.shift_types}:
        raise InstanceError(path, f"unknown shift type {shift_id!r}")


def _check_range(value: Range | None, path: str, low: int) -> None:
    if value is None:
        return
    if value.low < low:
        raise InstanceError(f"{path}[0]", f"must be {low} or more")
    if value.low > value.high:
        raise InstanceError(path, f"min {value.low} is greater than max {value.high}")


def _validate_shift_types(instance: Instance) -> None:
    _check_unique([t.id for t in instance.shift_types], "shift_types")
    for index, shift in enumerate(instance.shift_types):
        path = f"shift_types[{index}]"
        if not 1 <= shift.minutes <= MINUTES_PER_DAY:
            raise InstanceError(f"{path}.minutes", f"must be 1..{MINUTES_PER_DAY}")
        if shift.start is not None and not 0 <= shift.start < MINUTES_PER_DAY:
            raise InstanceError(f"{path}.start", "must be a time HH:MM from 00:00 to 23:59")
        for next_index, next_id in enumerate(shift.cannot_be_followed_by):
            _check_shift(instance, f"{path}.cannot_be_followed_by[{next_index}]", next_id)


def _validate_staff(instance: Instance) -> None:
    _check_unique([s.id for s in instance.staff], "staff")
    for index, staff in enumerate(instance.staff):
        path = f"staff[{index}]"
        for shift_id, limit in staff.max_shifts:
            _check_shift(instance, f"{path}.max_shifts.{shift_id}", shift_id)
            if limit < 0:
                raise InstanceError(f"{path}.max_shifts.{shift_id}", "must be 0 or more")
        _check_range(staff.minutes, f"{path}.minutes", 0)
        _check_range(staff.consecutive_shifts, f"{path}.consecutive_shifts", 1)
        for name in ("min_consecutive_days_off", "max_weekends"):
            value = getattr(staff, name)
            if value is not None and value < 0:
                raise InstanceError(f"{path}.{name}", "must be 0 or more")
        for day_index, day in enumerate(staff.days_off):
            _check_day(instance, f"{path}.days_off[{day_index}]", day)


def _validate_requests(instance: Instance) -> None:
    staff_ids = {s.id for s in instance.staff}
    for index, request in enumerate(instance.requests):
        path = f"requests[{index}]"
        if request.staff not in staff_ids:
            raise InstanceError(f"{path}.staff", f"unknown staff {request.staff!r}")
        _check_day(instance, f"{path}.day", request.day)
        _check_shift(instance, f"{path}.shift", request.shift)
        if request.weight < 0:
            raise InstanceError(f"{path}.weight", "must be 0 or more")


def _validate_cover(instance: Instance) -> None:
    for index, cover in enumerate(instance.cover):
        path = f"cover[{index}]"
        _check_day(instance, f"{path}.day", cover.day)
        _check_shift(instance, f"{path}.shift", cover.shift)
        for name in ("required", "under_weight", "over_weight"):
            if getattr(cover, name) < 0:
                raise InstanceError(f"{path}.{name}", "must be 0 or more")


def _validate_rules(rules: Rules) -> None:
    for name, most in (("daily_rest_hours", 24), ("weekly_rest_hours", 7 * 24)):
        value = getattr(rules, name)
        if value is not None and not 0 <= value <= most:
            raise InstanceError(f"rules.{name}", f"must be 0..{most} hours")
