"""The plain baseline: fill each day's cover one shift at a time, greedily.

Day by day, each cover row (skill rows first, then by under-cover weight) takes the best staff
member who can still work that shift without breaking a rule that looks backwards (day off,
shift maximum, maximum minutes, the day before's shift, daily rest, maximum run, maximum
weekends, a short run of days off). Rules that look forward (minimum minutes, minimum runs,
weekly rest) are not planned for, so the baseline's roster can break them; the checker says so.
"""

from dataclasses import dataclass, field

from omsorg.planning.roster import timing
from omsorg.planning.roster.check import Roster
from omsorg.planning.roster.instance import Instance, Staff


@dataclass
class _State:
    """One staff member's roster so far."""

    staff: Staff
    days: list[str]
    minutes: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def greedy_roster(instance: Instance) -> Roster:
    states = {s.id: _State(s, [""] * instance.days) for s in instance.staff}
    wishes = _wishes(instance)
    rows = sorted(
        instance.cover,
        key=lambda c: (c.day, c.skill is None, -c.under_weight, c.shift),
    )
    for cover in rows:
        count = sum(
            1
            for state in states.values()
            if state.days[cover.day] == cover.shift and instance.has_skill(state.staff, cover.skill)
        )
        while count < cover.required:
            able = [
                s
                for s in states.values()
                if instance.has_skill(s.staff, cover.skill)
                and _can_work(instance, s, cover.day, cover.shift)
            ]
            if not able:
                break
            best = max(able, key=lambda s: _score(instance, s, cover.day, cover.shift, wishes))
            _assign(instance, best, cover.day, cover.shift)
            count += 1
    return {staff_id: tuple(state.days) for staff_id, state in states.items()}


def _wishes(instance: Instance) -> dict[tuple[str, int, str], int]:
    """Signed request weights: positive for wished shifts, negative for unwanted ones."""
    wishes: dict[tuple[str, int, str], int] = {}
    for r in instance.requests:
        key = (r.staff, r.day, r.shift)
        wishes[key] = wishes.get(key, 0) + (r.weight if r.on else -r.weight)
    return wishes


def _score(instance: Instance, state: _State, day: int, shift_id: str, wishes) -> tuple:
    wanted = wishes.get((state.staff.id, day, shift_id), 0)
    low = state.staff.minutes.low if state.staff.minutes else 0
    continues = day > 0 and bool(state.days[day - 1])
    return (wanted, low - state.minutes, continues)


def _assign(instance: Instance, state: _State, day: int, shift_id: str) -> None:
    state.days[day] = shift_id
    state.minutes += instance.shift(shift_id).minutes
    state.counts[shift_id] = state.counts.get(shift_id, 0) + 1


def _can_work(instance: Instance, state: _State, day: int, shift_id: str) -> bool:
    staff = state.staff
    if state.days[day] or day in staff.days_off:
        return False
    if state.counts.get(shift_id, 0) >= dict(staff.max_shifts).get(shift_id, instance.days):
        return False
    if staff.minutes and state.minutes + instance.shift(shift_id).minutes > staff.minutes.high:
        return False
    return (
        _follows(instance, state, day, shift_id)
        and _run_allows(instance, state, day)
        and _weekends_allow(instance, state, day)
    )


def _follows(instance: Instance, state: _State, day: int, shift_id: str) -> bool:
    """Neither the day before's shift type nor the daily rest forbids this shift."""
    before = state.days[day - 1] if day > 0 else ""
    if before and shift_id in instance.shift(before).cannot_be_followed_by:
        return False
    for gap, first, second in timing.rest_conflicts(instance):
        if second == shift_id and day - gap >= 0 and state.days[day - gap] == first:
            return False
    after = state.days[day + 1] if day + 1 < instance.days else ""
    return not (after and after in instance.shift(shift_id).cannot_be_followed_by)


def _run_allows(instance: Instance, state: _State, day: int) -> bool:
    """The run of work stays within its maximum; a run of days off is not cut short."""
    staff = state.staff
    worked_before = 0
    while day - worked_before - 1 >= 0 and state.days[day - worked_before - 1]:
        worked_before += 1
    if staff.consecutive_shifts and worked_before + 1 > staff.consecutive_shifts.high:
        return False
    if worked_before or not staff.min_consecutive_days_off:
        return True
    off = 0
    while day - off - 1 >= 0 and not state.days[day - off - 1]:
        off += 1
    started_inside = day - off > 0
    return not (started_inside and off < staff.min_consecutive_days_off)


def _weekends_allow(instance: Instance, state: _State, day: int) -> bool:
    limit = state.staff.max_weekends
    if limit is None:
        return True
    weekends = instance.weekends()
    mine = next((w for w in weekends if day in w), None)
    if mine is None or any(state.days[d] for d in mine):
        return True
    return sum(1 for w in weekends if any(state.days[d] for d in w)) < limit
