"""The chain application -> assessment -> decision -> notification -> appeal -> review.

Rules from seed 004 §2 (case processing) and forvaltningsloven; dates computed from `today`.
"""

import datetime

import pytest

from omsorg.cases.deadlines import add_months, appeal_deadline, latest_review_date
from omsorg.cases.models import Appeal, Application, Decision, Review
from omsorg.cases.services.appeals import appeal_forward, appeal_register, appeal_reverse
from omsorg.cases.services.applications import (
    application_register,
    assessment_record,
    preliminary_reply_required,
)
from omsorg.cases.services.decisions import DecisionInput, decision_make, decision_notify
from omsorg.cases.services.reviews import review_record
from omsorg.core.errors import InvalidInput, InvalidTransition, PermissionDenied, StaleVersion
from omsorg.core.models import CaseEvent, Role
from tests import factories

pytestmark = pytest.mark.django_db

SUPPORT_CONTACT_FACTS = factories.SUPPORT_CONTACT_FACTS


@pytest.fixture
def child(make_person):
    return make_person(age_years=12)


@pytest.fixture
def application(caseworker, child, service_type, today):
    return application_register(
        actor=caseworker,
        person=child,
        channel="portal",
        received_on=today,
        services=[(service_type("support_contact"), 8)],
        consent_given=True,
        today=today,
    )


def assess(caseworker, application, today, facts=None):
    return assessment_record(
        actor=caseworker,
        application=application,
        performed_on=today,
        methods=["home_visit"],
        facts=facts or SUPPORT_CONTACT_FACTS,
        summary="Kartlagt.",
        expected_version=None,
        today=today,
    )


@pytest.fixture
def granted(caseworker, child, application, service_type, today) -> Decision:
    """The assessed application's support contact, granted as applied for."""
    assess(caseworker, application, today)
    return decision_make(
        actor=caseworker,
        person=child,
        data=grant(service_type, today),
        today=today,
        application=application,
    )


def grant(service_type, today, **overrides) -> DecisionInput:
    values = {
        "service_type": service_type("support_contact"),
        "outcome": "granted",
        "reasons": "Vilkårene er oppfylt.",
        "quantity": 8,
        "valid_from": today,
        "valid_to": add_months(today, 12),
        "review_date": add_months(today, 11),
        "service_form": "individual",
    }
    values.update(overrides)
    return DecisionInput(**values)


def test_decision_follows_assessment_and_records_catalogue_version(
    caseworker, child, application, service_type, today
):
    assess(caseworker, application, today)
    application.refresh_from_db()
    assert application.status == Application.Status.READY
    decision = decision_make(
        actor=caseworker,
        person=child,
        data=grant(service_type, today),
        today=today,
        application=application,
    )
    assert decision.suggestion == "granted"
    assert decision.service_type.version_id == service_type("support_contact").version_id
    assert (decision.quantity, decision.scope_unit, decision.scope_period) == (8, "hours", "month")
    application.refresh_from_db()
    assert application.status == Application.Status.DECIDED
    assert CaseEvent.objects.filter(kind="decision_made", subject_id=decision.pk).exists()


def test_support_contact_above_the_guideline_needs_a_justification_seed004_1_1_hol_3_1(
    caseworker, child, application, service_type, today
):
    """'Inntil 10 timer pr. mnd.' is a guideline: 12 hours are lawful with written reasons
    (an individual assessment under hol § 3-1 / pbrl § 2-1 cannot be fettered), never refused."""
    assess(caseworker, application, today)
    with pytest.raises(InvalidInput) as error:
        decision_make(
            actor=caseworker,
            person=child,
            data=grant(service_type, today, quantity=12),
            today=today,
            application=application,
        )
    assert error.value.field == "justification"
    assert "10" in error.value.text("nb")
    assert not Decision.objects.exists()
    why = "Kartleggingen viser behov for 12 timer: to faste aktiviteter hver uke."
    decision = decision_make(
        actor=caseworker,
        person=child,
        data=grant(service_type, today, quantity=12, justification=why),
        today=today,
        application=application,
    )
    assert (decision.outcome, decision.quantity, decision.justification) == ("granted", 12, why)


def test_guideline_level_is_compared_in_the_same_period_seed004_1_1(
    caseworker, child, application, service_type, today
):
    """130 hours a year is about 10.8 a month: above the monthly guideline, so it needs reasons."""
    assess(caseworker, application, today)
    with pytest.raises(InvalidInput) as error:
        decision_make(
            actor=caseworker,
            person=child,
            data=grant(service_type, today, quantity=130, scope_period="year"),
            today=today,
            application=application,
        )
    assert error.value.field == "justification"


def test_review_date_at_most_one_year_seed004_2(
    caseworker, child, application, service_type, today
):
    assess(caseworker, application, today)
    too_late = latest_review_date(today) + datetime.timedelta(days=1)
    with pytest.raises(InvalidInput) as error:
        decision_make(
            actor=caseworker,
            person=child,
            data=grant(service_type, today, review_date=too_late),
            today=today,
            application=application,
        )
    assert error.value.field == "review_date"


def test_overriding_the_suggestion_needs_a_written_justification(
    caseworker, child, application, service_type, today
):
    assess(caseworker, application, today)
    refusal = grant(service_type, today, outcome="refused", quantity=None)
    with pytest.raises(InvalidInput) as error:
        decision_make(
            actor=caseworker, person=child, data=refusal, today=today, application=application
        )
    assert error.value.field == "justification"
    justified = grant(
        service_type,
        today,
        outcome="refused",
        quantity=None,
        justification="Behovet dekkes av skolefritidsordningen.",
    )
    decision = decision_make(
        actor=caseworker, person=child, data=justified, today=today, application=application
    )
    assert decision.justification.startswith("Behovet")


def test_preliminary_reply_due_one_month_after_receipt_fvl_11a(
    caseworker, child, service_type, today
):
    received = add_months(today, -1)
    application = application_register(
        actor=caseworker,
        person=child,
        channel="paper",
        received_on=received,
        services=[(service_type("support_contact"), None)],
        consent_given=True,
        today=today,
    )
    assert preliminary_reply_required(application, today)
    assert not preliminary_reply_required(application, today - datetime.timedelta(days=1))


def test_late_appeal_is_registered_and_flagged_fvl_31_pbrl_7_5(
    caseworker, child, application, service_type, today, granted
):
    decision = granted
    notified = today - datetime.timedelta(weeks=6)
    decision.decided_on = notified  # decided and notified six weeks ago
    decision.save(update_fields=["decided_on"])
    decision_notify(actor=caseworker, decision=decision, notified_on=notified, today=today)
    deadline = appeal_deadline(notified, weeks=4)
    assert deadline < today
    appeal = appeal_register(
        actor=caseworker,
        decision=decision,
        received_on=today,
        grounds="Vi trenger flere timer.",
        today=today,
    )
    assert appeal.late
    on_time = appeal_register(
        actor=caseworker,
        decision=decision,
        received_on=deadline,
        grounds="Vi trenger flere timer.",
        today=today,
    )
    assert not on_time.late


def test_appeal_reversed_replaces_the_decision_and_keeps_the_old(
    caseworker, child, application, service_type, today, granted
):
    old = granted
    appeal = appeal_register(
        actor=caseworker, decision=old, received_on=today, grounds="Mer tid.", today=today
    )
    new = appeal_reverse(
        actor=caseworker,
        appeal=appeal,
        data=grant(service_type, today, quantity=10),
        partly=False,
        today=today,
    )
    old.refresh_from_db()
    appeal.refresh_from_db()
    assert old.status == Decision.Status.REPLACED
    assert new.replaces_id == old.pk
    assert appeal.status == Appeal.Status.REVERSED
    assert appeal.outcome == Appeal.Outcome.UPHELD


def test_appeal_not_upheld_is_forwarded_to_statsforvalteren(
    caseworker, child, application, service_type, today, granted
):
    decision = granted
    appeal = appeal_register(
        actor=caseworker, decision=decision, received_on=today, grounds="Mer tid.", today=today
    )
    with pytest.raises(InvalidInput):
        appeal_forward(
            actor=caseworker, appeal=appeal, reassessment=" ", forwarded_on=today, today=today
        )
    appeal_forward(
        actor=caseworker,
        appeal=appeal,
        reassessment="Opprettholdes.",
        forwarded_on=today,
        today=today,
    )
    assert appeal.status == Appeal.Status.FORWARDED
    with pytest.raises(InvalidTransition):
        appeal_forward(
            actor=caseworker, appeal=appeal, reassessment="Igjen.", forwarded_on=today, today=today
        )


def test_review_change_makes_a_new_decision_old_kept_seed004_2(
    caseworker, child, application, service_type, today, granted
):
    decision = granted
    review = review_record(
        actor=caseworker,
        decision=decision,
        performed_on=today,
        outcome=Review.Outcome.CHANGE,
        notes="Behovet har økt.",
        new_decision=grant(service_type, today, quantity=10),
        today=today,
    )
    decision.refresh_from_db()
    assert decision.status == Decision.Status.REPLACED
    assert review.new_decision.quantity == 10
    assert Decision.objects.filter(person=child).count() == 2


def test_review_continue_moves_review_date_within_one_year(
    caseworker, child, application, service_type, today, granted
):
    decision = granted
    with pytest.raises(InvalidInput):
        review_record(
            actor=caseworker,
            decision=decision,
            performed_on=today,
            outcome="continue",
            notes="Uendret.",
            today=today,
            next_review_date=latest_review_date(today) + datetime.timedelta(days=1),
        )
    review_record(
        actor=caseworker,
        decision=decision,
        performed_on=today,
        outcome="continue",
        notes="Uendret.",
        today=today,
        next_review_date=add_months(today, 6),
    )
    decision.refresh_from_db()
    assert decision.review_date == add_months(today, 6)


def test_concurrent_assessment_edit_is_refused_not_overwritten(caseworker, application, today):
    first = assess(caseworker, application, today)
    seen_version = first.version
    assessment_record(
        actor=caseworker,
        application=application,
        performed_on=today,
        methods=["home_visit"],
        facts=SUPPORT_CONTACT_FACTS,
        summary="Endret.",
        expected_version=seen_version,
        today=today,
    )
    with pytest.raises(StaleVersion):
        assessment_record(
            actor=caseworker,
            application=application,
            performed_on=today,
            methods=["doctor"],
            facts={},
            summary="Mitt syn.",
            expected_version=seen_version,
            today=today,
        )
    first.refresh_from_db()
    assert first.summary == "Endret."


def test_only_caseworkers_write_cases(users, child, service_type, today):
    for role in (Role.CARE_WORKER, Role.MANAGEMENT, Role.ADMINISTRATOR, Role.SERVICE_LEADER):
        with pytest.raises(PermissionDenied):
            application_register(
                actor=users[role],
                person=child,
                channel="portal",
                received_on=today,
                services=[(service_type("support_contact"), None)],
                consent_given=True,
                today=today,
            )
    assert not Application.objects.exists()


def test_application_in_the_future_is_refused(caseworker, child, service_type, today):
    with pytest.raises(InvalidInput) as error:
        application_register(
            actor=caseworker,
            person=child,
            channel="portal",
            received_on=today + datetime.timedelta(days=1),
            services=[(service_type("support_contact"), None)],
            consent_given=True,
            today=today,
        )
    assert error.value.field == "received_on"


def test_the_same_service_twice_in_one_application_is_refused(
    caseworker, child, service_type, today
):
    support = service_type("support_contact")
    with pytest.raises(InvalidInput) as error:
        application_register(
            actor=caseworker,
            person=child,
            channel="portal",
            received_on=today,
            services=[(support, 4), (support, 6)],
            consent_given=True,
            today=today,
        )
    assert error.value.field == "services"


def test_a_decision_only_for_a_service_applied_for(
    caseworker, child, application, service_type, today
):
    assess(caseworker, application, today)
    farm = DecisionInput(
        service_type=service_type("farm_respite"),
        outcome="granted",
        reasons="Test.",
        quantity=2,
        valid_from=today,
        review_date=add_months(today, 6),
        justification="Test.",
    )
    with pytest.raises(InvalidInput) as error:
        decision_make(
            actor=caseworker, person=child, data=farm, today=today, application=application
        )
    assert error.value.field == "service_type"


def test_editing_an_assessment_needs_the_version_seen(caseworker, application, today):
    assess(caseworker, application, today)
    with pytest.raises(StaleVersion):
        assess(caseworker, application, today)  # no version given the second time
