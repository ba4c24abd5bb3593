"""Pure rules of home-based services (no Django): skills, when a weekly pattern falls due,
and clock times as minutes from midnight (the routing engine's unit)."""

import datetime

# Competence levels, highest first (DOMAIN.md "Home-based services in practice"): a nurse may
# do what a health worker does, a health worker what an assistant does.
NURSE, HEALTH_WORKER, ASSISTANT = "nurse", "health_worker", "assistant"
LEVELS = (NURSE, HEALTH_WORKER, ASSISTANT)
MINUTES_PER_DAY = 24 * 60


def skills_of(level: str) -> frozenset[str]:
    """The skills a staff member of `level` has: their own and every level below it."""
    if level not in LEVELS:
        raise ValueError(f"unknown competence level {level!r}")
    return frozenset(LEVELS[LEVELS.index(level) :])


def needed_skills(level: str) -> frozenset[str]:
    """The skill a visit needing `level` asks of the staff member (one name in the contract)."""
    if level not in LEVELS:
        raise ValueError(f"unknown competence level {level!r}")
    return frozenset({level})


def falls_on(
    date: datetime.date, *, weekdays: list[int], every_weeks: int, week_parity: int
) -> bool:
    """A weekly pattern's visit falls on `date`: its weekday (0 = Monday) is one of
    `weekdays`, and for "every other week" (every_weeks 2) the ISO week number's remainder is
    `week_parity`."""
    if date.weekday() not in weekdays:
        return False
    if every_weeks <= 1:
        return True
    return date.isocalendar().week % every_weeks == week_parity % every_weeks


def clock(minutes: float | None) -> str:
    """Minutes from midnight as HH:MM (rounded down to the minute); '' for None."""
    if minutes is None:
        return ""
    whole = int(minutes)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def minutes_of(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def time_of(minutes: int) -> datetime.time:
    minutes = max(0, min(MINUTES_PER_DAY - 1, int(minutes)))
    return datetime.time(minutes // 60, minutes % 60)
