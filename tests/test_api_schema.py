"""Fuzz every API operation from its own OpenAPI schema (schemathesis, in-process WSGI).

The property: whatever a client sends, the API answers without a 5xx and with a status, a
content type and a body its schema declares (DESIGN.md convention 4: every error declared).
A caseworker with one person, application, assessment, decision and appeal calls it; ids in
the path that the generator made valid are pointed at those rows, so bodies reach the services
instead of stopping at 404 (unknown and out-of-range ids are tested in test_api.py).
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from omsorg.cases.deadlines import add_months
from omsorg.cases.services.appeals import appeal_register
from omsorg.cases.services.applications import application_register, assessment_record
from omsorg.cases.services.decisions import DecisionInput, decision_make, decision_notify
from omsorg.core.schemas import MAX_ID
from omsorg.core.tokens import token_issue
from omsorg.wsgi import application as wsgi_application

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_application)


@pytest.fixture
def case_data(caseworker, make_person, service_type, today):
    """One of each case row, by the path parameter that names it."""
    child = make_person(age_years=12)
    support = service_type("support_contact")
    application = application_register(
        actor=caseworker, person=child, channel="portal", received_on=today,
        services=[(support, 8)], consent_given=True, today=today,
    )  # fmt: skip
    assessment_record(
        actor=caseworker, application=application, performed_on=today, methods=["home_visit"],
        facts={"needs_help_for_leisure": True}, summary="", expected_version=None, today=today,
    )  # fmt: skip
    terms = DecisionInput(
        service_type=support, outcome="granted", reasons="Oppfylt.", quantity=8,
        valid_from=today, review_date=add_months(today, 11), justification="Skjønn.",
        service_form="individual",
    )  # fmt: skip
    decision = decision_make(
        actor=caseworker, person=child, data=terms, today=today, application=application
    )
    decision_notify(actor=caseworker, decision=decision, notified_on=today, today=today)
    appeal = appeal_register(actor=caseworker, decision=decision, received_on=today,
                             grounds="Mer.", today=today)  # fmt: skip
    return {
        "person_id": child.pk,
        "application_id": application.pk,
        "decision_id": decision.pk,
        "appeal_id": appeal.pk,
    }


def _point_at_rows(case, rows: dict) -> None:
    """Replace valid generated ids by real ones; leave invalid ones (negative tests) alone."""
    params = case.path_parameters or {}
    for name, value in params.items():
        if name in rows and isinstance(value, int) and 1 <= value <= MAX_ID:
            params[name] = rows[name]


@pytest.fixture
def test_transaction_kept():
    """Keep the test's database connection open across WSGI requests.

    Django closes a connection that is not in autocommit mode when a request finishes; inside
    the test's transaction that drops it (PostgreSQL). Django's own test client does the same.
    """
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def bearer(caseworker):
    return {"Authorization": f"Bearer {token_issue(caseworker)}"}


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure here is reproducible
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_api_answers_as_its_schema_says(case, case_data, bearer, test_transaction_kept):
    _point_at_rows(case, case_data)
    # "Schema-valid data is accepted" cannot hold for a domain API: a well-formed identity
    # number may have wrong check digits, a date may lie in the future. The services refuse
    # those with 422 invalid_input, which the schema declares; every other check applies.
    case.call_and_validate(headers=bearer, excluded_checks=[positive_data_acceptance])
