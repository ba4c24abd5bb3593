"""Issue 8 §2: a double submit makes one decision (security report H2).

The database holds one standing decision per application and service (the constraint
decision_standing_once_per_application_service); the service says so clearly (409
already_decided); an appeal's or a review's new decision replaces the old one and is allowed.
"""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from omsorg.cases.deadlines import add_months
from omsorg.cases.models import Decision
from omsorg.cases.services.appeals import appeal_register, appeal_reverse
from omsorg.cases.services.applications import application_register, assessment_record
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.cases.services.standing import AlreadyDecided
from tests import factories
from tests.api_support import assert_error, grant_terms, post, token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(make_person):
    return make_person(age_years=12)


@pytest.fixture
def assessed(caseworker, child, service_type, today):
    application = application_register(
        actor=caseworker, person=child, channel="portal", received_on=today,
        services=[(service_type("support_contact"), 8)], consent_given=True, today=today,
    )  # fmt: skip
    assessment_record(
        actor=caseworker, application=application, performed_on=today, methods=["home_visit"],
        facts=factories.SUPPORT_CONTACT_FACTS, summary="Kartlagt.", expected_version=None,
        today=today,
    )  # fmt: skip
    return application


def grant(service_type, today, quantity=8) -> DecisionInput:
    return DecisionInput(
        service_type=service_type("support_contact"), outcome="granted",
        reasons="Vilkårene er oppfylt.", quantity=quantity, valid_from=today,
        valid_to=add_months(today, 12), review_date=add_months(today, 11),
        service_form="individual",
    )  # fmt: skip


def standing(application) -> int:
    return Decision.objects.filter(
        application=application, status__in=("decided", "notified")
    ).count()


def test_the_database_refuses_a_second_standing_decision(
    caseworker, child, assessed, service_type, today
):
    """The constraint itself, past the service: a row copied as a second standing decision."""
    first = decision_make(actor=caseworker, person=child, data=grant(service_type, today),
                          today=today, application=assessed)  # fmt: skip
    first.pk = None
    first.replaces = None
    with pytest.raises(IntegrityError), transaction.atomic():
        first.save(force_insert=True)
    assert standing(assessed) == 1


def test_the_service_refuses_a_second_decision_with_a_clear_error(
    caseworker, child, assessed, service_type, today
):
    decision_make(actor=caseworker, person=child, data=grant(service_type, today),
                  today=today, application=assessed)  # fmt: skip
    with pytest.raises(AlreadyDecided) as refused:
        decision_make(actor=caseworker, person=child, data=grant(service_type, today, 6),
                      today=today, application=assessed)  # fmt: skip
    assert "appeal or a review" in refused.value.text("en")
    assert "klage" in refused.value.text("nb")
    assert standing(assessed) == 1


def test_an_appeal_reversal_replaces_the_decision_for_the_same_application(
    caseworker, child, assessed, service_type, today
):
    """The lawful second decision: the old one is replaced, the chain kept."""
    old = decision_make(actor=caseworker, person=child, data=grant(service_type, today),
                        today=today, application=assessed)  # fmt: skip
    appeal = appeal_register(actor=caseworker, decision=old, received_on=today,
                             grounds="Mer tid.", today=today)  # fmt: skip
    new = appeal_reverse(actor=caseworker, appeal=appeal, data=grant(service_type, today, 10),
                         partly=False, today=today)  # fmt: skip
    old.refresh_from_db()
    assert (old.status, new.replaces_id, new.application_id) == ("replaced", old.pk, assessed.pk)
    assert standing(assessed) == 1


def test_the_report_s_api_request_twice_gives_201_then_409(caseworker, child, assessed, today):
    """H2's repro: the same decision POST twice (one after the other)."""
    client = token_client(caseworker)
    path = f"/persons/{child.pk}/applications/{assessed.pk}/decisions"
    body = {"service_code": "support_contact", **grant_terms(today)}
    assert post(client, path, body).status_code == 201
    assert_error(post(client, path, body), 409, "already_decided", field="service_type")
    assert standing(assessed) == 1


def _page_post(client, child, assessed, support, today, token: str):
    return client.post(
        reverse("decision_create", args=[child.pk, assessed.pk, support.pk]),
        {
            "outcome": "granted", "quantity": "8", "scope_period": "month",
            "valid_from": today.isoformat(), "valid_to": add_months(today, 12).isoformat(),
            "review_date": add_months(today, 11).isoformat(), "service_form": "individual",
            "reasons": "Oppfylt.", "form_token": token,
        },
    )  # fmt: skip


def test_the_decision_form_sent_twice_leads_to_the_first_decision(
    client_as, caseworker, child, assessed, service_type, today
):
    """H2's page repro: the second post of the same form goes where the first went."""
    client = client_as(caseworker)
    support = service_type("support_contact")
    form_page = client.get(reverse("decision_create", args=[child.pk, assessed.pk, support.pk]))
    assert 'name="form_token"' in form_page.content.decode()
    first = _page_post(client, child, assessed, support, today, "token-1")
    second = _page_post(client, child, assessed, support, today, "token-1")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert standing(assessed) == 1
    shown = client.get(second["Location"]).content.decode()
    assert "Skjemaet var allerede sendt" in shown


def test_a_new_form_for_a_decided_service_says_why_it_is_refused(
    client_as, caseworker, child, assessed, service_type, today
):
    """Another form (a new token) for the same service: the constraint's clear message."""
    client = client_as(caseworker)
    support = service_type("support_contact")
    _page_post(client, child, assessed, support, today, "token-1")
    again = _page_post(client, child, assessed, support, today, "token-2")
    assert again.status_code == 200
    assert "har allerede et vedtak" in again.content.decode()
    assert standing(assessed) == 1
