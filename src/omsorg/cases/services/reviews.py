"""Reviews (evaluering): every decision within one year, or when needs change (seed 004 §2).

A review continues, changes or ends a decision; a change is a new decision, the old one kept.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.cases.deadlines import latest_review_date
from omsorg.cases.models import Decision, Review
from omsorg.cases.services.common import require_caseworker
from omsorg.cases.services.decisions import DecisionInput, decision_end, decision_make
from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput
from omsorg.core.events import event_record, snapshot
from omsorg.core.models import User

REVIEWABLE = {Decision.Status.DECIDED, Decision.Status.NOTIFIED}


def _check(decision: Decision, performed_on: datetime.date, notes: str, today) -> None:
    if decision.status not in REVIEWABLE or decision.outcome == Decision.Outcome.REFUSED:
        raise InvalidInput(_("Only a grant in force can be reviewed."), field="decision")
    if performed_on > today:
        raise InvalidInput(_("The date cannot be in the future."), field="performed_on")
    if not notes.strip():
        raise InvalidInput(_("Write what the review found."), field="notes")


def _continue(actor, decision: Decision, next_review: datetime.date | None, performed_on):
    if next_review is None or not performed_on < next_review <= latest_review_date(performed_on):
        raise InvalidInput(
            _("The next review must be within one year of this one."), field="next_review_date"
        )
    before = snapshot(decision)
    decision.review_date = next_review
    save_versioned(decision, expected_version=decision.version, actor=actor, fields=["review_date"])
    event_record(
        actor=actor,
        kind="decision_review_date_moved",
        subject=decision,
        person=decision.person,
        before=before,
    )


@transaction.atomic
def review_record(
    *,
    actor: User,
    decision: Decision,
    performed_on: datetime.date,
    outcome: str,
    notes: str,
    today: datetime.date,
    next_review_date: datetime.date | None = None,
    new_decision: DecisionInput | None = None,
) -> Review:
    require_caseworker(actor)
    _check(decision, performed_on, notes, today)
    created = None
    if outcome == Review.Outcome.CONTINUE:
        _continue(actor, decision, next_review_date, performed_on)
    elif outcome == Review.Outcome.CHANGE:
        if new_decision is None:
            raise InvalidInput(_("A change needs the new decision."), field="new_decision")
        created = decision_make(
            actor=actor,
            person=decision.person,
            data=new_decision,
            today=today,
            application=decision.application,
            replaces=decision,
        )
    elif outcome == Review.Outcome.END:
        decision_end(actor=actor, decision=decision, ended_on=performed_on)
    else:
        raise InvalidInput(_("Unknown outcome."), field="outcome")
    review = Review.objects.create(
        decision=decision,
        performed_on=performed_on,
        outcome=outcome,
        notes=notes,
        next_review_date=next_review_date if outcome == Review.Outcome.CONTINUE else None,
        new_decision=created,
        created_by=actor,
        updated_by=actor,
    )
    event_record(actor=actor, kind="review_recorded", subject=review, person=decision.person)
    return review
