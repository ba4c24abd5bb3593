"""Check a roster against every hard rule and price it, independently of the CP-SAT model.

Used by ``omsorg check-roster`` for hand-edited rosters and by the solver to verify what it
returns. Each rule is one function over one staff member's days; a broken rule is a
:class:`Violation` naming the rule, the staff member and the first day concerned.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from omsorg.planning.roster.instance import MINUTES_PER_DAY, Instance, Staff

Roster = dict[str, tuple[str, ...]]

RULE_TEXT = {
    "days_off": "works on a day off",
    "cannot_be_followed_by": "a shift type that may not follow the day before's",
    "daily_rest": "daily rest (AML § 10-8 (1)) shorter than required",
    "weekly_rest": "weekly rest (AML § 10-8 (2)) shorter than required in a 7-day window",
    "max_shifts": "more shifts of a type than allowed",
    "minutes": "total minutes outside the position's range",
    "consecutive_shifts": "a run of worked days outside the allowed length",
    "min_consecutive_days_off": "a run of days off shorter than allowed",
    "max_weekends": "more worked weekends than allowed",
}


@dataclass(frozen=True)
class Violation:
    rule: str
    staff: str
    day: int | None
    message: str

    def to_dict(self) -> dict:
        return {"rule": self.rule, "staff": self.staff, "day": self.day, "message": self.message}


@dataclass(frozen=True)
class Objective:
    """The roster's cost: request costs plus under- and over-cover costs."""

    requests: int
    cover_under: int
    cover_over: int

    @property
    def total(self) -> int:
        return self.requests + self.cover_under + self.cover_over

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "requests": self.requests,
            "cover_under": self.cover_under,
            "cover_over": self.cover_over,
        }


def evaluate(instance: Instance, roster: Roster) -> Objective:
    """The cost of ``roster`` (the contract's objective), whatever rules it breaks."""
    requests = 0
    for request in instance.requests:
        works = roster[request.staff][request.day] == request.shift
        if works != request.on:
            requests += request.weight
    under = over = 0
    for cover in instance.cover:
        count = sum(
            1
            for staff in instance.staff
            if roster[staff.id][cover.day] == cover.shift and instance.has_skill(staff, cover.skill)
        )
        under += max(0, cover.required - count) * cover.under_weight
        over += max(0, count - cover.required) * cover.over_weight
    return Objective(requests, under, over)


def check_roster(instance: Instance, roster: Roster) -> list[Violation]:
    """Every broken hard rule of ``roster``, staff by staff in instance order."""
    violations: list[Violation] = []
    for staff in instance.staff:
        days = roster[staff.id]
        for rule in STAFF_RULES:
            violations.extend(rule(instance, staff, days))
    return violations


def _violation(rule: str, staff: Staff, day: int | None, detail: str) -> Violation:
    return Violation(rule, staff.id, day, f"{RULE_TEXT[rule]}: {detail}")


def _days_off(instance: Instance, staff: Staff, days: tuple[str, ...]) -> Iterator[Violation]:
    for day in sorted(set(staff.days_off)):
        if days[day]:
            yield _violation("days_off", staff, day, f"{days[day]} on day {day}")


def _cannot_follow(instance: Instance, staff: Staff, days: tuple[str, ...]) -> Iterator[Violation]:
    for day in range(1, instance.days):
        before, after = days[day - 1], days[day]
        if before and after and after in instance.shift(before).cannot_be_followed_by:
            yield _violation(
                "cannot_be_followed_by", staff, day, f"{after} on day {day} after {before}"
            )


def _interval(instance: Instance, day: int, shift_id: str) -> tuple[int, int]:
    """The shift's minutes from midnight of day 0; a shift without a clock time fills its day."""
    shift = instance.shift(shift_id)
    if shift.start is None:
        return day * MINUTES_PER_DAY, (day + 1) * MINUTES_PER_DAY
    begin = day * MINUTES_PER_DAY + shift.start
    return begin, begin + shift.minutes


def _daily_rest(instance: Instance, staff: Staff, days: tuple[str, ...]) -> Iterator[Violation]:
    hours = instance.rules.daily_rest_hours
    if hours is None:
        return
    need = Fraction(hours) * 60
    worked = [d for d in range(instance.days) if days[d]]
    for first, second in zip(worked, worked[1:], strict=False):
        timed = instance.shift(days[first]).start is not None
        if not timed or instance.shift(days[second]).start is None:
            continue
        ends = _interval(instance, first, days[first])[1]
        rest = _interval(instance, second, days[second])[0] - ends
        if rest < need:
            yield _violation(
                "daily_rest", staff, second,
                f"{rest} minutes between {days[first]} on day {first} and {days[second]} on day "
                f"{second}, at least {hours} hours required",
            )  # fmt: skip


def longest_rest(busy: list[tuple[int, int]], begin: int, end: int) -> int:
    """The longest continuous off-time inside [begin, end) around the ``busy`` intervals."""
    longest, free_from = 0, begin
    for start, stop in sorted(busy):
        if stop <= begin or start >= end:
            continue
        longest = max(longest, start - free_from)
        free_from = max(free_from, stop)
    return max(longest, end - free_from)


def _weekly_rest(instance: Instance, staff: Staff, days: tuple[str, ...]) -> Iterator[Violation]:
    hours = instance.rules.weekly_rest_hours
    if hours is None:
        return
    need = Fraction(hours) * 60
    busy = [_interval(instance, d, days[d]) for d in range(instance.days) if days[d]]
    for first in range(instance.days - 6):
        begin = first * MINUTES_PER_DAY
        rest = longest_rest(busy, begin, begin + 7 * MINUTES_PER_DAY)
        if rest < need:
            yield _violation(
                "weekly_rest", staff, first,
                f"longest rest {rest} minutes in days {first}-{first + 6}, "
                f"at least {hours} hours required",
            )  # fmt: skip


def _max_shifts(instance: Instance, staff: Staff, days: tuple[str, ...]) -> Iterator[Violation]:
    for shift_id, limit in staff.max_shifts:
        count = sum(1 for code in days if code == shift_id)
        if count > limit:
            detail = f"{count} {shift_id} shifts, at most {limit}"
            yield _violation("max_shifts", staff, None, detail)


def _minutes(instance: Instance, staff: Staff, days: tuple[str, ...]) -> Iterator[Violation]:
    if staff.minutes is None:
        return
    total = sum(instance.shift(code).minutes for code in days if code)
    if not staff.minutes.low <= total <= staff.minutes.high:
        yield _violation(
            "minutes", staff, None,
            f"{total} minutes, allowed {staff.minutes.low}-{staff.minutes.high}",
        )  # fmt: skip


def runs(worked: list[bool], value: bool) -> Iterator[tuple[int, int]]:
    """(first day, length) of each maximal run of days whose ``worked`` equals ``value``."""
    first = None
    for day, flag in enumerate([*worked, not value]):
        if flag == value and first is None:
            first = day
        elif flag != value and first is not None:
            yield first, day - first
            first = None


def _exempt_from_minimum(first: int, length: int, horizon: int) -> bool:
    """A run that starts on day 0 or is cut by the last day is exempt from a minimum length."""
    return first == 0 or first + length == horizon


def _consecutive(instance: Instance, staff: Staff, days: tuple[str, ...]) -> Iterator[Violation]:
    limits = staff.consecutive_shifts
    if limits is None:
        return
    for first, length in runs([bool(code) for code in days], True):
        short = length < limits.low and not _exempt_from_minimum(first, length, instance.days)
        if short or length > limits.high:
            yield _violation(
                "consecutive_shifts", staff, first,
                f"{length} worked days from day {first}, allowed {limits.low}-{limits.high}",
            )  # fmt: skip


def _days_off_runs(instance: Instance, staff: Staff, days: tuple[str, ...]) -> Iterator[Violation]:
    least = staff.min_consecutive_days_off
    if not least:
        return
    for first, length in runs([bool(code) for code in days], False):
        if length < least and not _exempt_from_minimum(first, length, instance.days):
            yield _violation(
                "min_consecutive_days_off", staff, first,
                f"{length} days off from day {first}, at least {least}",
            )  # fmt: skip


def _weekends(instance: Instance, staff: Staff, days: tuple[str, ...]) -> Iterator[Violation]:
    if staff.max_weekends is None:
        return
    worked = [w for w in instance.weekends() if any(days[d] for d in w)]
    if len(worked) > staff.max_weekends:
        yield _violation(
            "max_weekends", staff, worked[staff.max_weekends][0],
            f"{len(worked)} weekends worked, at most {staff.max_weekends}",
        )  # fmt: skip


STAFF_RULES = (
    _days_off,
    _cannot_follow,
    _daily_rest,
    _weekly_rest,
    _max_shifts,
    _minutes,
    _consecutive,
    _days_off_runs,
    _weekends,
)
