"""Writes for the scorecard (issue 9 §4): KPI targets (dated data), survey scores and the
leaders' explanations (optimistic concurrency). Each one transaction and one case event.

Who: the scorecard shows figures only, never a person. Service leaders, management and
administrators of the municipality read it. Targets and survey scores: management and
administrators for any unit, a service leader for the unit they lead and the units below it.
Explanations: management for any unit or the whole municipality, a service leader for their
own unit and the units below it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput, PermissionDenied, StaleVersion
from omsorg.core.events import event_record, snapshot
from omsorg.core.models import Municipality, Role, Unit, User
from omsorg.steering.models import Kpi, KpiTarget, ScorecardNote, SurveyScore
from omsorg.steering.periods import BadPeriod, parse_period
from omsorg.steering.scorecard_selectors import UnitTree

READERS = {Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR}
TEXT_LIMIT = 4000
SCORE_MIN, SCORE_MAX = Decimal(1), Decimal(6)  # the common 1–6 scale of municipal surveys
_COUNTS = {"appeals_reversed", "median_days_to_decision"}


def require_scorecard_reader(actor: User, municipality: Municipality) -> None:
    if actor.role not in READERS or actor.municipality_id != municipality.pk:
        raise PermissionDenied()


def _leads(actor: User, unit_id: int | None, tree: UnitTree) -> bool:
    """The actor's own unit is this unit or one above it."""
    return (
        unit_id is not None and actor.unit_id is not None and actor.unit_id in tree.chain(unit_id)
    )


def may_write_note(actor: User, municipality: Municipality, unit_id: int | None) -> bool:
    if actor.municipality_id != municipality.pk:
        return False
    if actor.role == Role.MANAGEMENT:
        return True
    return actor.role == Role.SERVICE_LEADER and _leads(actor, unit_id, UnitTree(municipality))


def may_set_targets(actor: User, municipality: Municipality, unit_id: int | None) -> bool:
    if actor.municipality_id != municipality.pk:
        return False
    if actor.role in (Role.MANAGEMENT, Role.ADMINISTRATOR):
        return True
    return actor.role == Role.SERVICE_LEADER and _leads(actor, unit_id, UnitTree(municipality))


def _check_unit(municipality: Municipality, unit: Unit | None) -> None:
    if unit is not None and unit.municipality_id != municipality.pk:
        raise InvalidInput(_("The unit is not in this municipality."), field="unit")


def _check_target(kpi: str, target: Decimal, near_margin: Decimal | None) -> None:
    if kpi not in Kpi.values:
        raise InvalidInput(_("Unknown KPI."), field="kpi")
    if kpi.endswith("_score") and not SCORE_MIN <= target <= SCORE_MAX:
        raise InvalidInput(_("A survey score is between 1 and 6."), field="target")
    if kpi == Kpi.BUDGET_DEVIATION and not -100 <= target <= 100:
        raise InvalidInput(_("A percentage is between -100 and 100."), field="target")
    if kpi.endswith("_pct") and kpi != Kpi.BUDGET_DEVIATION and not 0 <= target <= 100:
        raise InvalidInput(_("A percentage is between 0 and 100."), field="target")
    if kpi in _COUNTS and target < 0:
        raise InvalidInput(_("The number cannot be negative."), field="target")
    if near_margin is not None and near_margin < 0:
        raise InvalidInput(_("The number cannot be negative."), field="near_margin")


@transaction.atomic
def kpi_target_set(
    *,
    actor: User,
    municipality: Municipality,
    unit: Unit | None,
    kpi: str,
    valid_from: datetime.date,
    target: Decimal,
    near_margin: Decimal | None = None,
) -> KpiTarget:
    """A KPI's target for the unit (None: the whole municipality) from a date. A target from
    the same date replaces that one (the case event keeps the old value); a later date
    supersedes it from then on."""
    _check_unit(municipality, unit)
    if not may_set_targets(actor, municipality, unit.pk if unit else None):
        raise PermissionDenied()
    _check_target(kpi, target, near_margin)
    found = KpiTarget.objects.filter(
        municipality=municipality, unit=unit, kpi=kpi, valid_from=valid_from
    ).first()
    before = snapshot(found)
    if found is None:
        found = KpiTarget(municipality=municipality, unit=unit, kpi=kpi, valid_from=valid_from)
    found.target, found.near_margin, found.created_by = target, near_margin, actor
    found.save()
    event_record(actor=actor, kind="kpi_target_set", subject=found, before=before)
    return found


@transaction.atomic
def survey_score_record(
    *,
    actor: User,
    municipality: Municipality,
    unit: Unit,
    kind: str,
    period: str,
    score: Decimal,
    respondents: int,
) -> SurveyScore:
    """A survey's mean score for a unit and the period it was held in (replaces an earlier
    entry for the same unit, survey and period)."""
    _check_unit(municipality, unit)
    if not may_set_targets(actor, municipality, unit.pk):
        raise PermissionDenied()
    if kind not in SurveyScore.Kind.values:
        raise InvalidInput(_("Unknown survey."), field="kind")
    try:
        held = parse_period(period)
    except BadPeriod as error:
        raise InvalidInput(
            _("The period is written YYYY, YYYY-MM or YYYY-T1, T2 or T3."), field="period"
        ) from error
    if not SCORE_MIN <= score <= SCORE_MAX:
        raise InvalidInput(_("A survey score is between 1 and 6."), field="score")
    if respondents < 1:
        raise InvalidInput(_("At least one person answered."), field="respondents")
    found = SurveyScore.objects.filter(unit=unit, kind=kind, period=held.label).first()
    before = snapshot(found)
    if found is None:
        found = SurveyScore(municipality=municipality, unit=unit, kind=kind, period=held.label)
    found.first_day, found.last_day = held.first, held.last
    found.score, found.respondents, found.created_by = score, respondents, actor
    found.save()
    event_record(actor=actor, kind="survey_score_recorded", subject=found, before=before)
    return found


@transaction.atomic
def scorecard_note_save(
    *,
    actor: User,
    municipality: Municipality,
    unit: Unit | None,
    period: str,
    kpi: str,
    explanation: str,
    measures: str,
    expected_version: int,
) -> ScorecardNote:
    """The leader's explanation of a KPI in a period (for the budget: the causes) and the
    measures. `expected_version` is the version the leader opened (0: there was none); a
    note saved by someone else since is refused with StaleVersion, never overwritten."""
    _check_unit(municipality, unit)
    if not may_write_note(actor, municipality, unit.pk if unit else None):
        raise PermissionDenied()
    if kpi not in Kpi.values:
        raise InvalidInput(_("Unknown KPI."), field="kpi")
    try:
        label = parse_period(period).label
    except BadPeriod as error:
        raise InvalidInput(
            _("The period is written YYYY, YYYY-MM or YYYY-T1, T2 or T3."), field="period"
        ) from error
    explanation, measures = explanation.strip(), measures.strip()
    if not explanation and not measures:
        raise InvalidInput(_("Write an explanation or the measures."), field="explanation")
    for name, text in (("explanation", explanation), ("measures", measures)):
        if len(text) > TEXT_LIMIT:
            raise InvalidInput(_("At most %(limit)s characters."), field=name, limit=TEXT_LIMIT)
    note = ScorecardNote.objects.filter(
        municipality=municipality, unit=unit, period=label, kpi=kpi
    ).first()
    if note is None:
        if expected_version != 0:
            raise StaleVersion()
        try:
            with transaction.atomic():
                note = ScorecardNote.objects.create(
                    municipality=municipality, unit=unit, period=label, kpi=kpi,
                    explanation=explanation, measures=measures,
                    created_by=actor, updated_by=actor,
                )  # fmt: skip
        except IntegrityError as error:  # someone else wrote the first note just now
            raise StaleVersion() from error
        event_record(actor=actor, kind="scorecard_note_saved", subject=note)
        return note
    before = snapshot(note)
    note.explanation, note.measures = explanation, measures
    save_versioned(
        note, expected_version=expected_version, actor=actor, fields=["explanation", "measures"]
    )
    event_record(actor=actor, kind="scorecard_note_saved", subject=note, before=before)
    return note
