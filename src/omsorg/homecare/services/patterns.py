"""Visit patterns from home-care decisions (issue 10 §2): the zone leader turns a decision's
scope into a weekly pattern of visits and confirms it again when the decision changes."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.cases.models import Decision
from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput
from omsorg.core.events import event_record, snapshot
from omsorg.core.models import Unit, User
from omsorg.homecare.models import Level, Task, VisitPattern
from omsorg.homecare.rules import ASSISTANT, HEALTH_WORKER, NURSE
from omsorg.homecare.selectors import decision_state, home_care_decisions, require_zone_leader
from omsorg.homecare.services.common import check_minute

EVERY_DAY = [0, 1, 2, 3, 4, 5, 6]


@dataclass(frozen=True)
class PatternInput:
    label: str
    weekdays: list[int]
    window_start: int
    window_end: int
    duration: int
    level: str
    tasks: list[str] = field(default_factory=list)
    every_weeks: int = 1
    week_parity: int = 0
    window_hard: bool = True
    staff_count: int = 1
    follows: VisitPattern | None = None
    min_gap: int = 0
    max_gap: int | None = None


# What each home-care service usually means on the road: the first pattern the leader edits.
# (Seed 002 and the issue's examples: home nursing "morning 07:30-09:30, 20 min, medication,
# nurse" every day; practical help "60 min every other Tuesday".)
SERVICE_DEFAULTS = {
    "home_nursing": PatternInput("Morgen", EVERY_DAY, 450, 570, 20, NURSE, [Task.MEDICATION]),
    "practical_help": PatternInput(
        "Hjemmehjelp", [1], 540, 840, 60, ASSISTANT, [Task.CLEANING], every_weeks=2
    ),
    "training_daily_tasks": PatternInput(
        "Opplæring", [0, 3], 600, 840, 45, HEALTH_WORKER, [Task.TRAINING]
    ),
    "rehabilitation_at_home": PatternInput(
        "Rehabilitering", [0, 2, 4], 540, 840, 45, HEALTH_WORKER, [Task.TRAINING]
    ),
    "meal_delivery": PatternInput(
        "Middag", EVERY_DAY, 690, 780, 10, ASSISTANT, [Task.MEAL_DELIVERY]
    ),
}


def pattern_defaults(decision: Decision) -> PatternInput:
    return SERVICE_DEFAULTS.get(decision.service_type.code, SERVICE_DEFAULTS["practical_help"])


def _check(data: PatternInput, person_id: int, pattern: VisitPattern | None) -> None:  # noqa: C901
    if not data.label.strip():
        raise InvalidInput(_("Give the visit a name."), field="label")
    if not data.weekdays or any(d not in EVERY_DAY for d in data.weekdays):
        raise InvalidInput(_("Choose at least one weekday."), field="weekdays")
    if not 1 <= data.every_weeks <= 4 or not 0 <= data.week_parity < data.every_weeks:
        raise InvalidInput(
            _("Choose every week, or every second to fourth week."), field="every_weeks"
        )
    check_minute(data.window_start, "window_start")
    check_minute(data.window_end, "window_end")
    if data.window_end < data.window_start:
        raise InvalidInput(_("The latest start is before the earliest."), field="window_end")
    if not 1 <= data.duration <= 720:
        raise InvalidInput(_("A visit lasts 1 to 720 minutes."), field="duration")
    if data.level not in Level.values:
        raise InvalidInput(_("Choose the competence the visit needs."), field="level")
    if any(task not in Task.values for task in data.tasks):
        raise InvalidInput(_("Unknown task."), field="tasks")
    if data.staff_count not in (1, 2):
        raise InvalidInput(_("A visit needs one or two staff."), field="staff_count")
    if data.follows is not None:
        if data.follows.person_id != person_id or (pattern and data.follows.pk == pattern.pk):
            raise InvalidInput(
                _("A visit can only follow another visit to the same person."), field="follows"
            )
        if data.max_gap is not None and data.max_gap < data.min_gap:
            raise InvalidInput(_("The longest gap is shorter than the shortest."), field="max_gap")


def _values(data: PatternInput) -> dict:
    return {
        "label": data.label.strip(),
        "weekdays": sorted(set(data.weekdays)),
        "every_weeks": data.every_weeks,
        "week_parity": data.week_parity,
        "window_start": data.window_start,
        "window_end": data.window_end,
        "window_hard": data.window_hard,
        "duration": data.duration,
        "tasks": list(dict.fromkeys(data.tasks)),
        "level": data.level,
        "staff_count": data.staff_count,
        "follows": data.follows,
        "min_gap": data.min_gap if data.follows else 0,
        "max_gap": data.max_gap if data.follows else None,
    }


@transaction.atomic
def pattern_create(
    *, actor: User, zone: Unit, decision: Decision, data: PatternInput, today: datetime.date
) -> VisitPattern:
    """A new weekly pattern of visits for a home-care decision the zone delivers."""
    require_zone_leader(actor, zone)
    if not home_care_decisions(zone, today).filter(pk=decision.pk).exists():
        raise InvalidInput(
            _("The decision is not a home-care grant of this zone."), field="decision"
        )
    _check(data, decision.person_id, None)
    pattern = VisitPattern.objects.create(
        decision=decision,
        person_id=decision.person_id,
        zone=zone,
        decision_state=decision_state(decision),
        created_by=actor,
        updated_by=actor,
        **_values(data),
    )
    event_record(actor=actor, kind="visit_pattern_created", subject=pattern, person=decision.person)
    return pattern


@transaction.atomic
def pattern_update(
    *, actor: User, pattern: VisitPattern, data: PatternInput, expected_version: int
) -> VisitPattern:
    """The leader edits the pattern (times, tasks, competence, staff, links)."""
    require_zone_leader(actor, pattern.zone)
    _check(data, pattern.person_id, pattern)
    before = snapshot(pattern)
    values = _values(data)
    for name, value in values.items():
        setattr(pattern, name, value)
    save_versioned(pattern, expected_version=expected_version, actor=actor, fields=list(values))
    event_record(
        actor=actor, kind="visit_pattern_updated", subject=pattern, person=pattern.person,
        before=before,
    )  # fmt: skip
    return pattern


def _current(decision: Decision) -> Decision:
    """The decision in force at the end of the chain of replacements."""
    while decision.status == Decision.Status.REPLACED:
        successor = Decision.objects.filter(replaces=decision).first()
        if successor is None:
            break
        decision = successor
    return decision


@transaction.atomic
def pattern_review_confirm(
    *, actor: User, pattern: VisitPattern, expected_version: int, today: datetime.date
) -> VisitPattern:
    """The leader has looked at the pattern after its decision changed: it follows the decision
    that replaced the old one, and remembers the decision as it is now."""
    require_zone_leader(actor, pattern.zone)
    decision = _current(pattern.decision)
    if not home_care_decisions(pattern.zone, today).filter(pk=decision.pk).exists():
        raise InvalidInput(
            _("The decision is no longer in force: end the pattern instead."), field="decision"
        )
    before = snapshot(pattern)
    pattern.decision, pattern.decision_state = decision, decision_state(decision)
    save_versioned(
        pattern,
        expected_version=expected_version,
        actor=actor,
        fields=["decision", "decision_state"],
    )
    event_record(
        actor=actor, kind="visit_pattern_reviewed", subject=pattern, person=pattern.person,
        before=before,
    )  # fmt: skip
    return pattern


@transaction.atomic
def pattern_end(*, actor: User, pattern: VisitPattern, expected_version: int) -> VisitPattern:
    """No more visits from this pattern (the day plans already made keep theirs)."""
    require_zone_leader(actor, pattern.zone)
    before = snapshot(pattern)
    pattern.active = False
    save_versioned(pattern, expected_version=expected_version, actor=actor, fields=["active"])
    event_record(
        actor=actor, kind="visit_pattern_ended", subject=pattern, person=pattern.person,
        before=before,
    )  # fmt: skip
    return pattern
