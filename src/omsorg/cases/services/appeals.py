"""Appeals (klage): registered, reassessed, reversed by the municipality or forwarded.

The written appeal goes to the coordinating unit (fvl §32); if the unit does not uphold it, the
case is forwarded to Statsforvalteren (pbrl §7-2). A late appeal is registered and flagged; it
may still be taken up (fvl §31).
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.cases.deadlines import appeal_is_late
from omsorg.cases.models import Appeal, Decision, Document
from omsorg.cases.services.common import require_caseworker
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.cases.services.numbering import document_register
from omsorg.core.errors import InvalidInput
from omsorg.core.events import event_record
from omsorg.core.lifecycle import set_status
from omsorg.core.models import User

APPEALABLE = {Decision.Status.DECIDED, Decision.Status.NOTIFIED}


@transaction.atomic
def appeal_register(
    *,
    actor: User,
    decision: Decision,
    received_on: datetime.date,
    grounds: str,
    today: datetime.date,
    late_reason: str = "",
) -> Appeal:
    require_caseworker(actor)
    if decision.status not in APPEALABLE:
        raise InvalidInput(_("Only a decision in force can be appealed."), field="decision")
    if received_on > today:
        raise InvalidInput(_("The date cannot be in the future."), field="received_on")
    if decision.decided_on and received_on < decision.decided_on:
        raise InvalidInput(
            _("The appeal cannot be received before the decision was made."), field="received_on"
        )
    if not grounds.strip():
        raise InvalidInput(_("Write what the appellant asks for and why."), field="grounds")
    late = decision.notified_on is not None and appeal_is_late(
        decision.notified_on, received_on, weeks=decision.service_type.appeal_weeks
    )
    appeal = Appeal.objects.create(
        decision=decision,
        received_on=received_on,
        grounds=grounds,
        late=late,
        late_reason=late_reason,
        created_by=actor,
        updated_by=actor,
    )
    event_record(actor=actor, kind="appeal_registered", subject=appeal, person=decision.person)
    return appeal


@transaction.atomic
def appeal_reassess(*, actor: User, appeal: Appeal, reassessment: str) -> Appeal:
    require_caseworker(actor)
    if not reassessment.strip():
        raise InvalidInput(_("Write the reassessment."), field="reassessment")
    appeal.reassessment = reassessment
    set_status(
        appeal,
        Appeal.Status.REASSESSING,
        actor=actor,
        person=appeal.decision.person,
        extra_fields=["reassessment"],
    )
    return appeal


@transaction.atomic
def appeal_reverse(
    *, actor: User, appeal: Appeal, data: DecisionInput, partly: bool, today: datetime.date
) -> Decision:
    """The coordinating unit gives the appellant right: a new decision replaces the old."""
    require_caseworker(actor)
    old = appeal.decision
    new = decision_make(
        actor=actor,
        person=old.person,
        data=data,
        today=today,
        application=old.application,
        replaces=old,
    )
    appeal.new_decision = new
    appeal.outcome = Appeal.Outcome.PARTLY if partly else Appeal.Outcome.UPHELD
    appeal.outcome_on = today
    set_status(
        appeal,
        Appeal.Status.REVERSED,
        actor=actor,
        person=old.person,
        extra_fields=["new_decision", "outcome", "outcome_on"],
    )
    return new


@transaction.atomic
def appeal_forward(
    *,
    actor: User,
    appeal: Appeal,
    reassessment: str,
    forwarded_on: datetime.date,
    today: datetime.date,
) -> Appeal:
    """Not upheld: the case goes to Statsforvalteren with the unit's reassessment."""
    require_caseworker(actor)
    if not reassessment.strip():
        raise InvalidInput(
            _("Write the reassessment that goes with the case."), field="reassessment"
        )
    if forwarded_on > today or forwarded_on < appeal.received_on:
        raise InvalidInput(_("The date must be between receipt and today."), field="forwarded_on")
    appeal.reassessment, appeal.forwarded_on = reassessment, forwarded_on
    set_status(
        appeal,
        Appeal.Status.FORWARDED,
        actor=actor,
        person=appeal.decision.person,
        extra_fields=["reassessment", "forwarded_on"],
    )
    _forwarding_letters_register(appeal, forwarded_on)
    return appeal


def _forwarding_letters_register(appeal: Appeal, forwarded_on: datetime.date) -> None:
    """Two letters go out the day an appeal is forwarded: the forwarding letter with the case
    to Statsforvalteren, and the notice to the appellant (fvl § 33)."""
    case_file = appeal.decision.case_file
    if case_file is None:
        return
    for kind in (Document.Kind.APPEAL_FORWARDING, Document.Kind.APPEAL_NOTICE):
        document_register(case_file=case_file, kind=kind, dated=forwarded_on, appeal=appeal)


@transaction.atomic
def appeal_record_outcome(
    *,
    actor: User,
    appeal: Appeal,
    outcome: str,
    outcome_on: datetime.date,
    today: datetime.date,
) -> Appeal:
    """Statsforvalteren's outcome on a forwarded appeal closes it."""
    require_caseworker(actor)
    if appeal.status != Appeal.Status.FORWARDED:
        raise InvalidInput(
            _("Only a forwarded appeal gets an outcome from the county governor."), field="status"
        )
    if outcome not in Appeal.Outcome.values:
        raise InvalidInput(_("Unknown outcome."), field="outcome")
    if outcome_on > today or (appeal.forwarded_on and outcome_on < appeal.forwarded_on):
        raise InvalidInput(_("The date must be between forwarding and today."), field="outcome_on")
    appeal.outcome, appeal.outcome_on = outcome, outcome_on
    set_status(
        appeal,
        Appeal.Status.CLOSED,
        actor=actor,
        person=appeal.decision.person,
        extra_fields=["outcome", "outcome_on"],
    )
    event_record(actor=actor, kind="appeal_outcome", subject=appeal, person=appeal.decision.person)
    return appeal
