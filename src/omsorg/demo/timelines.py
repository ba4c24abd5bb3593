"""When each step of a case happened, counted back from the build's `today`.

The ranges are chosen so that the caseworker's worklist on `today` shows every kind of item:
reviews due within the 30-day warning and overdue, decisions ending within the 60-day expiry
warning, applications past the one-month preliminary-reply deadline (fvl §11a), and appeals
inside and outside the 4-week period (pbrl §7-5).
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from omsorg.cases.deadlines import add_months
from omsorg.demo import specs

# How a grant's story goes, with the range of days before `today` it was decided.
CURRENT = "current"  # decided in the last 11 months: review and end more than a month away
UNNOTIFIED = "unnotified"  # decided in the last days, letter not yet sent
REVIEW_SOON = "review_soon"  # the yearly review falls within the worklist's 30-day warning
REVIEW_OVERDUE = "review_overdue"  # decided over a year ago, never reviewed
REVIEWED = "reviewed"  # decided 1–2 years ago and reviewed (continued or renewed) since
ENDED = "ended"  # ended at a review (moved, recovered, died)
RECENT = "recent"  # short, time-limited services (rehabilitation) decided weeks ago

DECIDED_DAYS_AGO = {
    CURRENT: (7, 330),
    UNNOTIFIED: (0, 3),
    REVIEW_SOON: (336, 364),
    REVIEW_OVERDUE: (372, 420),
    REVIEWED: (400, 650),
    ENDED: (60, 400),
    RECENT: (7, 60),
}
# Weights of the stories for a decision that may be open-ended; time-limited decisions are
# renewed at their review instead of being overdue or ended.
GRANT_STORIES = {
    CURRENT: 0.84,
    UNNOTIFIED: 0.02,
    REVIEW_SOON: 0.04,
    REVIEW_OVERDUE: 0.015,
    REVIEWED: 0.07,
    ENDED: 0.015,
}
OPEN_ENDED_ONLY = {REVIEW_OVERDUE, ENDED}

# Appeals: (decided days ago, notified after, appeal after notification, next step after it,
# Statsforvalteren's outcome after forwarding), as (from, to) ranges in days.
APPEAL_DAYS = {
    specs.APPEAL_WITHIN: ((8, 15), (1, 1), (4, 10), None, None),
    specs.APPEAL_LATE: ((65, 80), (2, 2), (35, 45), None, None),
    specs.APPEAL_FORWARDED: ((70, 90), (2, 2), (7, 14), (14, 21), None),
    specs.APPEAL_CLOSED: ((200, 240), (2, 2), (7, 14), (14, 21), (60, 100)),
    specs.APPEAL_REVERSED: ((45, 60), (2, 2), (5, 12), (7, 14), None),
}

# A case is never dated before the person was two months old.
MIN_AGE_DAYS_AT_APPLICATION = 60
MAX_PROCESSING_DAYS = 50


def days(n: int) -> timedelta:
    return timedelta(days=n)


@dataclass(frozen=True)
class Steps:
    received_on: date
    assessed_on: date
    reply_on: date | None
    decided_on: date
    notified_on: date | None


def steps_before(
    rng: random.Random, decided: date, today: date, earliest: date, *, notify: bool = True
) -> Steps:
    """Receipt, assessment and preliminary reply leading to a decision on `decided`."""
    received = max(earliest, decided - days(rng.randint(10, MAX_PROCESSING_DAYS)))
    span = (decided - received).days
    assessed = received + days(rng.randint(min(2, span), span))
    # fvl §11a: undecided after a month, so a preliminary reply went out before that.
    reply = received + days(rng.randint(20, 29)) if span > 30 else None
    notified = min(today, decided + days(rng.randint(1, 4))) if notify else None
    return Steps(received, assessed, reply, decided, notified)


def earliest_case_date(birth_date: date) -> date:
    return birth_date + days(MIN_AGE_DAYS_AT_APPLICATION)


def decided_on(rng: random.Random, story: str, today: date, earliest: date) -> date | None:
    """A decision date for `story`, or None when the person is too young for it."""
    low, high = DECIDED_DAYS_AGO[story]
    high = min(high, (today - earliest).days - MAX_PROCESSING_DAYS)
    if high < low:
        return None
    return today - days(rng.randint(low, high))


def grant_story(rng: random.Random, *, open_ended: bool) -> str:
    stories = [s for s in GRANT_STORIES if open_ended or s not in OPEN_ENDED_ONLY]
    return rng.choices(stories, weights=[GRANT_STORIES[s] for s in stories])[0]


def validity(
    rng: random.Random, decided: date, months: int | None
) -> tuple[date, date | None, date]:
    """Valid from, valid to (None: open-ended) and review date of a grant decided then."""
    valid_from = decided + days(rng.randint(0, 7))
    valid_to = add_months(valid_from, months) - days(1) if months else None
    # Seed 004 §2: reviewed within a year; a shorter decision is reviewed before it ends.
    review = add_months(decided, min(months or 12, 12))
    return valid_from, valid_to, review


def stay_validity(rng: random.Random, received: date, decided: date, stay_days: int):
    """Respite outside the municipality (seed 004 §1.7): applied 2+ months before departure."""
    departure = max(received + days(rng.randint(65, 90)), decided + days(1))
    return departure, departure + days(stay_days - 1), add_months(decided, 12)


def review_follow_up(rng: random.Random, story: str, decided: date, today: date, months):
    """The follow-up of a story and its date (the review), or (NOTHING, ())."""
    if story == REVIEWED:
        performed = add_months(decided, 12) - days(rng.randint(5, 30))
        kind = specs.REVIEW_CHANGE if months else specs.REVIEW_CONTINUE
        return kind, (performed,)
    if story == ENDED:
        performed = decided + days(rng.randint(30, min(300, (today - decided).days - 5)))
        return specs.REVIEW_END, (performed,)
    return specs.NOTHING, ()


def appeal_dates(rng: random.Random, kind: str, today: date) -> tuple[date, date, tuple]:
    """Decided, notified and the appeal's own dates for an appeal story."""
    decided_range, notified_range, appeal_range, next_range, outcome_range = APPEAL_DAYS[kind]
    decided = today - days(rng.randint(*decided_range))
    notified = decided + days(rng.randint(*notified_range))
    received = min(today, notified + days(rng.randint(*appeal_range)))
    dates = [received]
    if next_range:
        dates.append(min(today, received + days(rng.randint(*next_range))))
    if outcome_range:
        dates.append(min(today, dates[-1] + days(rng.randint(*outcome_range))))
    return decided, notified, tuple(dates)
