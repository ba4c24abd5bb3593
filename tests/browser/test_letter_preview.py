"""The letter preview on the decision page in a real browser: styled by the letter's stylesheet
with no Content-Security-Policy violation, and the address on its own lines (UX review of
06.12.2026, defect 5: the inline style was blocked and the address ran together).
"""

import pytest
from django.urls import reverse

from omsorg.cases.deadlines import add_months
from omsorg.cases.services.applications import application_register, assessment_record
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.core.models import Role
from omsorg.people.services import relative_add
from tests import factories

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _decision(caseworker, person, service_type, today):
    application = application_register(
        actor=caseworker,
        person=person,
        channel="portal",
        received_on=today,
        services=[(service_type("support_contact"), 8)],
        consent_given=True,
        today=today,
    )
    assessment_record(
        actor=caseworker,
        application=application,
        performed_on=today,
        methods=["home_visit"],
        facts=factories.SUPPORT_CONTACT_FACTS,
        summary="Hjemmebesøk.",
        expected_version=None,
        today=today,
    )
    return decision_make(
        actor=caseworker,
        person=person,
        data=DecisionInput(
            service_type=service_type("support_contact"),
            outcome="granted",
            reasons="Barnet trenger følge til fotballtrening.",
            quantity=8,
            valid_from=today,
            review_date=add_months(today, 11),
            service_form="individual",  # seed 004 §1.1
        ),
        today=today,
        application=application,
    )


def test_letter_preview_is_styled_without_csp_errors_and_keeps_address_lines(
    page, console_errors, live_server, users, make_person, service_type, today
):
    caseworker = users[Role.CASEWORKER]
    child = make_person(
        age_years=12, given_name="Sofie", family_name="Haugen", street_address="Gauldalsvegen 1",
        postal_code="7380", city="Ålen",
    )  # fmt: skip
    for name in ("Kari Haugen", "Per Haugen"):
        relative_add(actor=caseworker, person=child, name=name, relation="parent", is_guardian=True)
    decision = _decision(caseworker, child, service_type, today)
    login(page, live_server, caseworker.username, factories.PASSWORD)
    page.goto(live_server.url + reverse("decision_detail", args=[child.pk, decision.pk]))
    letter = page.locator("article.letter")
    # Styled by letter.css: the screen frame and the letter's own font.
    assert letter.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    assert "Liberation Sans" in letter.evaluate("e => getComputedStyle(e).fontFamily")
    recipient = page.locator("article.letter address.letter-recipient").first
    name_box = recipient.get_by_text("Per Haugen").bounding_box()
    street_box = recipient.get_by_text("Gauldalsvegen 1").bounding_box()
    assert street_box["y"] > name_box["y"] + name_box["height"] / 2
    assert not [error for error in console_errors if "Content Security Policy" in error]
    assert not console_errors
    assert_accessible(page)
