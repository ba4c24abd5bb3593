"""Issue 8 §3, the security report's L5 with its exact requests: a respite grant of 100 000
nights a month and a decision valid to 9999-12-31 were accepted (201). Both are refused with a
clear message on the API (both languages) and on the decision page."""

import pytest
from django.urls import reverse

from omsorg.cases.deadlines import add_months
from omsorg.cases.models import Decision
from omsorg.cases.services.applications import application_register
from omsorg.core.scope import most_in_period
from tests.api_support import assert_error, grant_terms, post, token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(make_person):
    return make_person(age_years=12)


@pytest.fixture
def application(caseworker, child, service_type, today):
    return application_register(
        actor=caseworker, person=child, channel="portal", received_on=today,
        services=[(service_type("respite_home"), 4), (service_type("support_contact"), 8)],
        consent_given=True, today=today,
    )  # fmt: skip


def respite_terms(today, **overrides) -> dict:
    """The report's body: respite_home, 4 nights a month, valid half a year."""
    terms = {
        "service_code": "respite_home", "outcome": "granted", "reasons": "r", "quantity": 4,
        "scope_period": "month", "valid_from": today.isoformat(),
        "valid_to": add_months(today, 6).isoformat(),
        "review_date": add_months(today, 5).isoformat(), "justification": "j",
    }  # fmt: skip
    terms.update(overrides)
    return terms


def test_l5_100000_nights_a_month_is_refused(caseworker, child, application, today):
    path = f"/persons/{child.pk}/applications/{application.pk}/decisions"
    response = post(token_client(caseworker), path, respite_terms(today, quantity=100_000))
    body = assert_error(response, 422, "invalid_input", field="quantity")
    assert "31" in body["message"] and "31" in body["message_en"]
    assert not Decision.objects.exists()


def test_l5_valid_to_9999_12_31_is_refused(caseworker, child, application, today):
    path = f"/persons/{child.pk}/applications/{application.pk}/decisions"
    response = post(token_client(caseworker), path, respite_terms(today, valid_to="9999-12-31"))
    body = assert_error(response, 422, "invalid_input", field="valid_to")
    assert "ti år" in body["message"] and "ten years" in body["message_en"]
    assert not Decision.objects.exists()


def test_l5_on_the_decision_page_too(
    client_as, caseworker, child, application, service_type, today
):
    support = service_type("support_contact")
    url = reverse("decision_create", args=[child.pk, application.pk, support.pk])
    terms = {**grant_terms(today, quantity=100_000), "scope_period": "month",
             "justification": "Stort behov."}  # fmt: skip
    page = client_as(caseworker).post(url, terms).content.decode()
    assert "mer enn perioden" in page
    terms = {**grant_terms(today), "scope_period": "month", "valid_to": "9999-12-31"}
    page = client_as(caseworker).post(url, terms).content.decode()
    assert "ti år" in page
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("unit", "period", "most"),
    [("nights", "month", 31), ("hours", "week", 168), ("hours", "month", 744),
     ("weekends", "month", 5), ("days", "year", 366), ("nights", "stay", 366)],
)  # fmt: skip
def test_the_ceiling_of_a_period(unit, period, most):
    assert most_in_period(unit, period) == most
