"""Issue 8 §2: a database failure in the middle of a case use case leaves nothing behind.

The database refuses the use case's last case event (tests/db_failure.py), after the decision,
its case document and the status changes are written; each test checks that every table has
the rows it had before and the records changed on the way are as they were. Transactional
tests: the service's transaction is the outermost one, so its rollback is a real ROLLBACK.
"""

import pytest
from django.db import DatabaseError

from omsorg.cases.deadlines import add_months
from omsorg.cases.models import Appeal, Application, Decision
from omsorg.cases.services.appeals import appeal_register, appeal_reverse
from omsorg.cases.services.applications import application_register, assessment_record
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.cases.services.reviews import review_record
from tests import factories
from tests.db_failure import failing_event, table_counts

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def assessed(caseworker, make_person, service_type, today):
    child = make_person(age_years=12)
    application = application_register(
        actor=caseworker, person=child, channel="portal", received_on=today,
        services=[(service_type("support_contact"), 8)], consent_given=True, today=today,
    )  # fmt: skip
    assessment_record(
        actor=caseworker, application=application, performed_on=today, methods=["home_visit"],
        facts=factories.SUPPORT_CONTACT_FACTS, summary="Kartlagt.", expected_version=None,
        today=today,
    )  # fmt: skip
    application.refresh_from_db()
    return application


def grant(service_type, today, quantity=8) -> DecisionInput:
    return DecisionInput(
        service_type=service_type("support_contact"), outcome="granted",
        reasons="Vilkårene er oppfylt.", quantity=quantity, valid_from=today,
        valid_to=add_months(today, 12), review_date=add_months(today, 11),
        service_form="individual",
    )  # fmt: skip


def decide(caseworker, assessed, service_type, today, quantity=8):
    data = grant(service_type, today, quantity)
    return decision_make(
        actor=caseworker, person=assessed.person, today=today, data=data, application=assessed
    )


def test_a_failed_decision_leaves_no_decision_letter_or_status(
    caseworker, assessed, service_type, today
):
    """The last write of decision_make: the application's move to decided (its event)."""
    before, status = table_counts(), assessed.status
    with failing_event("application_decided"), pytest.raises(DatabaseError):
        decide(caseworker, assessed, service_type, today)
    assert table_counts() == before
    assessed.refresh_from_db()
    assert assessed.status == status and not Decision.objects.exists()
    decide(caseworker, assessed, service_type, today)  # the same use case then succeeds
    assert Application.objects.get(pk=assessed.pk).status == "decided"


def test_a_failed_appeal_reversal_keeps_the_old_decision_in_force(
    caseworker, assessed, service_type, today
):
    """appeal_reverse replaces the decision, makes a new one, and ends with the appeal's move."""
    old = decide(caseworker, assessed, service_type, today)
    appeal = appeal_register(actor=caseworker, decision=old, received_on=today,
                             grounds="Mer tid.", today=today)  # fmt: skip
    before = table_counts()
    with failing_event("appeal_reversed"), pytest.raises(DatabaseError):
        appeal_reverse(actor=caseworker, appeal=appeal, data=grant(service_type, today, 10),
                       partly=False, today=today)  # fmt: skip
    assert table_counts() == before
    old.refresh_from_db()
    appeal.refresh_from_db()
    assert (old.status, old.version) == ("decided", 1)
    assert (appeal.status, appeal.new_decision_id) == (Appeal.Status.REGISTERED, None)


def test_a_failed_review_change_keeps_the_old_decision(caseworker, assessed, service_type, today):
    """review_record's last write is the review's own event."""
    old = decide(caseworker, assessed, service_type, today)
    before = table_counts()
    with failing_event("review_recorded"), pytest.raises(DatabaseError):
        review_record(actor=caseworker, decision=old, performed_on=today, outcome="change",
                      notes="Behovet er endret.", today=today,
                      new_decision=grant(service_type, today, 6))  # fmt: skip
    assert table_counts() == before
    old.refresh_from_db()
    assert old.status == "decided"
