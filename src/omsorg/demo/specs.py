"""The demo plan as plain data: who, with which applications, decided when.

The plan is computed from (seed, size, today) without a database, so it can be compared,
counted and tested on its own; omsorg.demo.execute then carries it out through the services.
"""

from dataclasses import dataclass, field
from datetime import date

# Stages an application is left in (Application.Status values).
RECEIVED, ASSESSING, READY, DECIDED, WITHDRAWN = (
    "received",
    "assessing",
    "ready",
    "decided",
    "withdrawn",
)
GRANTED, PARTLY, REFUSED = "granted", "partly_granted", "refused"

# What happens after the decision (omsorg.demo.execute carries these out).
NOTHING = ""
REVIEW_CONTINUE = "review_continue"
REVIEW_CHANGE = "review_change"  # renewal of a time-limited decision at its yearly review
REVIEW_END = "review_end"
END_AFTER_STAY = "end_after_stay"
APPEAL_WITHIN = "appeal_within"
APPEAL_LATE = "appeal_late"
APPEAL_FORWARDED = "appeal_forwarded"
APPEAL_CLOSED = "appeal_closed"  # forwarded, and Statsforvalteren has decided
APPEAL_REVERSED = "appeal_reversed"  # the coordinating unit gave the appellant right
APPEALS = (APPEAL_WITHIN, APPEAL_LATE, APPEAL_FORWARDED, APPEAL_CLOSED, APPEAL_REVERSED)


@dataclass(frozen=True)
class DecisionSpec:
    service: str
    outcome: str
    requested: int | None
    quantity: int | None  # granted; None when refused
    unit: str | None  # providing unit's name
    valid_from: date | None = None
    valid_to: date | None = None
    review_date: date | None = None


@dataclass(frozen=True)
class EpisodeSpec:
    """One application and what became of it."""

    stage: str
    received_on: date
    decisions: tuple[DecisionSpec, ...]
    channel: str = "portal"
    assessed_on: date | None = None  # planned date when stage is ASSESSING
    reply_on: date | None = None  # preliminary reply (fvl §11a)
    decided_on: date | None = None
    notified_on: date | None = None
    follow_up: str = NOTHING
    # Dates of the follow-up: a review's date; an appeal's receipt, forwarding/reversal, outcome.
    follow_dates: tuple[date, ...] = ()
    urgent_days: int | None = None  # the urgent track (decided within these days of receipt)


@dataclass(frozen=True)
class RelativeSpec:
    name: str
    relation: str  # Relative.Relation value
    is_guardian: bool
    email: str = ""


@dataclass(frozen=True)
class PersonSpec:
    key: str  # persona key, or "p0001" in build order
    given_name: str
    family_name: str
    gender: str
    birth_date: date
    identity_number: str
    street_address: str
    postal_code: str
    city: str
    unit: str | None
    relatives: tuple[RelativeSpec, ...] = ()
    fetching_consent: bool = True
    episodes: tuple[EpisodeSpec, ...] = field(default_factory=tuple)
    care_worker: str | None = None  # a persona care worker's username, else any in the unit
