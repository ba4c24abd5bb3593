"""Helpers shared by the API tests: authenticated clients, error-body checks, case set-up."""

import datetime

from django.test import Client

from omsorg.cases.deadlines import add_months
from omsorg.core.tokens import token_issue
from omsorg.people.models import Assignment
from omsorg.people.services import assignment_create

API = "/api/v1"


def session_client(user) -> Client:
    """A logged-in browser session (the test client skips CSRF unless asked not to)."""
    client = Client()
    client.force_login(user)
    return client


def token_client(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {token_issue(user)}"})


def post(client: Client, path: str, data: dict, method: str = "post"):
    return getattr(client, method)(f"{API}{path}", data, content_type="application/json")


def assert_error(response, status: int, code: str, field: str | None = None) -> dict:
    """The one error body: a stable code, a message in Norwegian and in English."""
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["message_en"], str) and body["message_en"]
    assert body["message"] != body["message_en"], "the Norwegian message is missing"
    if field is not None:
        assert body.get("field") == field
    assert "Traceback" not in response.content.decode()
    return body


def assign(caseworker, person, staff, today: datetime.date) -> Assignment:
    """Give `staff` a service need for `person` (the care worker's only door to a person)."""
    return assignment_create(
        actor=caseworker, person=person, staff=staff, kind="care_worker", valid_from=today
    )


def grant_terms(today: datetime.date, **overrides) -> dict:
    """A support-contact grant as the decision endpoints take it (seed 004 §1.1: ≤ 10 h/month)."""
    terms = {
        "outcome": "granted",
        "reasons": "Vilkårene er oppfylt.",
        "quantity": 8,
        "valid_from": today.isoformat(),
        "valid_to": add_months(today, 12).isoformat(),
        "review_date": add_months(today, 11).isoformat(),
        "service_form": "individual",  # seed 004 §1.1: the grant records the form
    }
    terms.update(overrides)
    return terms
