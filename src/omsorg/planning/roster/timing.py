"""Clock arithmetic for the rest rules, precomputed once per instance for the model.

Shifts have fixed clock times, so both rest rules become patterns over (day, shift type) pairs:
daily rest forbids pairs of shifts too close together (AML § 10-8 (1)); weekly rest asks, in every
7 × 24 h window, for one off-block of the required length, whose possible starts are the
window's start or a shift's end (AML § 10-8 (2)). A shift without a clock time takes no part in
daily rest and fills its whole day for weekly rest (the checker does the same).
"""

from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache

from omsorg.planning.roster.instance import MINUTES_PER_DAY, Instance

# The longest shift is 24 h and the longest daily rest 24 h: a pair further apart than this many
# days can never be too close.
MAX_REST_REACH_DAYS = 3

DayShift = tuple[int, str]


def interval(instance: Instance, day: int, shift_id: str) -> tuple[int, int]:
    """Minutes from midnight of day 0 to the shift's start and end."""
    shift = instance.shift(shift_id)
    if shift.start is None:
        return day * MINUTES_PER_DAY, (day + 1) * MINUTES_PER_DAY
    begin = day * MINUTES_PER_DAY + shift.start
    return begin, begin + shift.minutes


def rest_conflicts(instance: Instance) -> list[tuple[int, str, str]]:
    """(days apart, first type, second type) that leave less than the daily rest between them."""
    return _rest_conflicts(instance.shift_types, instance.rules.daily_rest_hours)


@lru_cache(maxsize=16)
def _rest_conflicts(shift_types, hours) -> list[tuple[int, str, str]]:
    if hours is None:
        return []
    need = Fraction(hours) * 60
    timed = [t for t in shift_types if t.start is not None]
    conflicts = []
    for gap in range(1, MAX_REST_REACH_DAYS + 1):
        for first in timed:
            for second in timed:
                rest = gap * MINUTES_PER_DAY + second.start - (first.start + first.minutes)
                if rest < need:
                    conflicts.append((gap, first.id, second.id))
    return conflicts


@dataclass(frozen=True)
class RestBlock:
    """An off-block of the weekly rest's length inside a window: it holds if none of
    ``blocked`` (the (day, shift) pairs overlapping it) is worked."""

    window: int
    begin: Fraction
    blocked: frozenset[DayShift]


def weekly_rest_blocks(instance: Instance) -> dict[int, list[RestBlock]]:
    """Per window (its first day), the off-blocks that could carry its weekly rest; a window
    whose rest no roster can break is left out, one with no possible block maps to []."""
    # Cached on what the blocks depend on: the construction solves one person at a time.
    key = replace(instance, staff=(), requests=(), cover=())
    return _weekly_rest_blocks(key)


@lru_cache(maxsize=16)
def _weekly_rest_blocks(instance: Instance) -> dict[int, list[RestBlock]]:
    hours = instance.rules.weekly_rest_hours
    if hours is None or instance.days < 7:
        return {}
    need = Fraction(hours) * 60
    windows = {}
    for first in range(instance.days - 6):
        blocks = _window_blocks(instance, first, need)
        if all(block.blocked for block in blocks):
            windows[first] = blocks
    return windows


def _window_blocks(instance: Instance, first: int, need: Fraction) -> list[RestBlock]:
    begin = first * MINUTES_PER_DAY
    end = begin + 7 * MINUTES_PER_DAY
    pairs = [
        (day, shift.id)
        for day in range(max(0, first - 1), min(instance.days, first + 7))
        for shift in instance.shift_types
    ]
    spans = {pair: interval(instance, *pair) for pair in pairs}
    starts = {Fraction(begin)} | {
        Fraction(stop) for _start, stop in spans.values() if begin < stop <= end - need
    }
    blocks = []
    for start in sorted(starts):
        if start + need > end:
            continue
        blocked = frozenset(p for p, (s, e) in spans.items() if s < start + need and e > start)
        blocks.append(RestBlock(first, start, blocked))
    return _undominated(blocks)


def _undominated(blocks: list[RestBlock]) -> list[RestBlock]:
    """Drop a block whose blocked pairs include another block's: the other always serves."""
    kept: list[RestBlock] = []
    for block in sorted(blocks, key=lambda b: len(b.blocked)):
        if not any(other.blocked <= block.blocked for other in kept):
            kept.append(block)
    return kept
