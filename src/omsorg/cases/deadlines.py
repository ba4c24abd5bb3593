"""Pure date rules for case processing (saksbehandlingsfrister).

Every function takes the dates it needs, `today` included; nothing here reads a clock, so the
rules are testable and the worklist shows the same answer in every process (DESIGN.md, conv. 14).

How deadlines are counted (fristberegning): forvaltningsloven (fvl) §30 counts appeal deadlines
by the courts' rules in domstolloven chapter 8 (the Legislation Department, 2004, on fvl §29:
those rules were the model for the length of the appeal period), and pbrl chapter 7 sets only
the length. The same rules are written out in foreldelsesloven §29 and skatteforvaltningsloven
§5-5, so the practice is uniform:

* domstolloven §148: a deadline set in weeks ends on the same weekday in the last week; one set
  in months or years ends on the same date number, or on the last day of a shorter month.
* domstolloven §149 first paragraph: a deadline that ends on a Saturday, a Sunday/public holiday
  (helgedag) or a day that law makes equal to one (1 and 17 May) is extended to the next working
  day (virkedag). Christmas Eve and New Year's Eve are not public holidays in Norway.
* The court-holiday rule (rettsferie, domstolloven §140) is not applied to administrative cases.

Deadlines that bind the municipality itself (preliminary reply, yearly review, expiry follow-up)
are not extended: doing the work early is always lawful, late never is.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays

__all__ = [
    "DeadlineState",
    "add_months",
    "add_working_days",
    "appeal_deadline",
    "appeal_is_late",
    "deadline_state",
    "expiry_warning_from",
    "is_working_day",
    "latest_review_date",
    "next_monthly_meeting",
    "next_working_day",
    "preliminary_reply_due",
    "review_due",
]

# Two months: a renewal must pass the coordinating unit's monthly meeting (seed 004 §2), which
# can be up to ~5 weeks away, and may need a home visit or a doctor's statement first; fvl §11a
# treats one month as the normal processing time. Warning 60 days ahead leaves one meeting
# cycle plus one month of processing before the decision ends, so nobody falls out silently.
DEFAULT_EXPIRY_LEAD_DAYS = 60

_SATURDAY = 5


class DeadlineState(StrEnum):
    """Where a deadline stands on a given day, for worklists and badges."""

    OK = "ok"
    DUE_SOON = "due_soon"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"


def add_months(d: date, months: int) -> date:
    """Return `d` moved by `months` calendar months (negative moves back).

    A day that does not exist in the target month becomes its last day (31 Jan + 1 month =
    28/29 Feb), as domstolloven §148 second paragraph counts deadlines set in months.
    """
    month_index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last_day))


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    # Sundays are checked by weekday, so the library's optional Sunday listing stays off.
    return frozenset(holidays.country_holidays("NO", years=year).keys())


def is_working_day(d: date) -> bool:
    """True on Monday–Friday that is not a Norwegian public holiday (domstolloven §149)."""
    return d.weekday() < _SATURDAY and d not in _public_holidays(d.year)


def next_working_day(d: date) -> date:
    """Return `d` if it is a working day, else the first working day after it."""
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def add_working_days(d: date, days: int) -> date:
    """The `days`-th working day after `d` (Saturdays, Sundays and public holidays skipped)."""
    if days < 0:
        raise ValueError("days cannot be negative")
    for _ in range(days):
        d = next_working_day(d + timedelta(days=1))
    return d


def preliminary_reply_due(received: date) -> date:
    """Day by which a preliminary reply (foreløpig svar) must have been sent.

    fvl §11a third paragraph: in cases on individual decisions a preliminary reply is given when
    an enquiry cannot be answered within one month of receipt; seed 004 §2 says the same. The
    duty is the municipality's, so the date is not moved off weekends.
    """
    return add_months(received, 1)


def appeal_deadline(notified: date, *, weeks: int, extend_to_working_day: bool = True) -> date:
    """Last day to appeal (klagefrist) a decision notified on `notified`.

    `weeks` is the service's appeal period from its legal data: 4 under pbrl §7-5 for municipal
    health and care services, 3 under the general rule of fvl §29. The deadline ends on the same
    weekday `weeks` later (domstolloven §148) and, by default, moves to the next working day
    when that is a Saturday, Sunday or public holiday (fvl §30 with domstolloven §149).
    `extend_to_working_day=False` gives the unextended calendar date.
    """
    if weeks < 1:
        raise ValueError("an appeal period is at least one week")
    end = notified + timedelta(weeks=weeks)
    return next_working_day(end) if extend_to_working_day else end


def appeal_is_late(
    notified: date, received: date, *, weeks: int, extend_to_working_day: bool = True
) -> bool:
    """True when an appeal sent on `received` is after the deadline.

    Pass the date the appeal was posted or sent electronically when known (fvl §30: an appeal
    handed to the post before the deadline is in time). Only a flag: a late appeal may still be
    taken up (fvl §31; pbrl §7-7), so the caseworker decides.
    """
    deadline = appeal_deadline(notified, weeks=weeks, extend_to_working_day=extend_to_working_day)
    return received > deadline


def latest_review_date(decided: date) -> date:
    """Latest review (evaluering) of a decision: one year after it was made (seed 004 §2)."""
    return add_months(decided, 12)


def review_due(decided: date, review_date: date | None) -> date:
    """When the decision must be reviewed: its planned review date, but never later than a year.

    Seed 004 §2: all decisions are evaluated within one year, or earlier when needed; a planned
    date beyond a year cannot postpone the yearly evaluation.
    """
    latest = latest_review_date(decided)
    return latest if review_date is None else min(review_date, latest)


def expiry_warning_from(valid_to: date, *, lead_days: int = DEFAULT_EXPIRY_LEAD_DAYS) -> date:
    """First day a decision ending on `valid_to` shows on the worklist as about to expire.

    Persons silently dropped when a decision expires is the commonest complaint about today's
    systems (DOMAIN.md); see DEFAULT_EXPIRY_LEAD_DAYS for why two months.
    """
    if lead_days < 0:
        raise ValueError("lead_days cannot be negative")
    return valid_to - timedelta(days=lead_days)


def deadline_state(due: date, today: date, *, warn_days: int) -> DeadlineState:
    """Classify `due` as seen on `today`; due soon means within `warn_days` days ahead."""
    if warn_days < 0:
        raise ValueError("warn_days cannot be negative")
    if today > due:
        return DeadlineState.OVERDUE
    if today == due:
        return DeadlineState.DUE_TODAY
    if (due - today).days <= warn_days:
        return DeadlineState.DUE_SOON
    return DeadlineState.OK


def _nth_meeting_day(year: int, month: int, *, weekday: int, nth: int) -> date | None:
    """The nth `weekday` of the month that is not a public holiday, or None if there is none."""
    candidates = [
        date(year, month, day)
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if date(year, month, day).weekday() == weekday
    ]
    open_days = [d for d in candidates if d not in _public_holidays(year)]
    return open_days[nth - 1] if len(open_days) >= nth else None


def next_monthly_meeting(after: date, *, weekday: int, nth: int) -> date:
    """First monthly meeting strictly after `after`.

    Seed 004 §2: applications are reviewed in the coordinating unit's meeting held once a month.
    The meeting is the `nth` (1–4) occurrence of `weekday` (0 = Monday) in the month, counting
    only days that are not public holidays: "the first Tuesday that is not a holiday". A month
    where that day does not exist has no meeting.
    """
    if not 0 <= weekday < _SATURDAY:
        raise ValueError("meetings are held Monday to Friday (weekday 0-4)")
    if not 1 <= nth <= 4:
        raise ValueError("nth must be 1-4 so that every month can have a meeting")
    first_of_month = after.replace(day=1)
    for step in range(12):
        month = add_months(first_of_month, step)
        meeting = _nth_meeting_day(month.year, month.month, weekday=weekday, nth=nth)
        if meeting is not None and meeting > after:
            return meeting
    raise AssertionError("unreachable: holidays never remove a meeting for a whole year")
