"""Respite by the hour or day (seed 004 §1.2, §1.4: "på timebasis", afternoons, holidays; issue
7 point 1.10): the catalogue lets a respite-home decision be given in nights, days or hours;
the form offers the choice, the decision stores the unit, and the letter states the scope
("4 dager per måned"). A review changes the amount, never the unit."""

import dataclasses

import pytest
from django.urls import reverse

from omsorg.cases.deadlines import add_months
from omsorg.cases.letters.render import decision_letter_pdf
from omsorg.cases.services.decisions import decision_make
from omsorg.core.errors import InvalidInput
from tests.cases.test_fact_statements import FACTS, grant, respite_application
from tests.cases.test_letters import pdf_text

pytestmark = pytest.mark.django_db


def _decide(caseworker, child, service_type, today, **changes):
    application = respite_application(caseworker, child, service_type, today)
    data = dataclasses.replace(
        grant(service_type, today, particularly_heavy_care=FACTS), scope_period="month", **changes
    )
    return decision_make(
        actor=caseworker, person=child, data=data, today=today, application=application
    )


def test_a_grant_in_days_states_days_in_the_letter(
    caseworker, child, guardians, service_type, today
):
    """Seed 004 §1.4: "4 dager per måned", not nights."""
    decision = _decide(caseworker, child, service_type, today, scope_unit="days")
    assert (decision.quantity, decision.scope_unit, decision.scope_period) == (4, "days", "month")
    assert "4 dager per måned" in pdf_text(decision_letter_pdf(decision))


def test_a_grant_in_hours_states_hours_in_the_letter(
    caseworker, child, guardians, service_type, today
):
    """Seed 004 §1.2, §1.4: "på timebasis"."""
    decision = _decide(caseworker, child, service_type, today, scope_unit="hours", quantity=12)
    assert "12 timer per måned" in pdf_text(decision_letter_pdf(decision))


def test_a_unit_the_catalogue_does_not_give_is_refused(
    caseworker, child, guardians, service_type, today
):
    with pytest.raises(InvalidInput) as refused:
        _decide(caseworker, child, service_type, today, scope_unit="meals")
    assert refused.value.field == "scope_unit"


def test_without_a_unit_the_service_grants_nights(
    caseworker, child, guardians, service_type, today
):
    assert _decide(caseworker, child, service_type, today).scope_unit == "nights"


def test_the_decision_form_offers_nights_days_and_hours(
    client, caseworker, child, guardians, service_type, today
):
    """Seed 004 §1.4: the caseworker chooses the unit on the page; a service with one unit
    (support contact) shows no choice."""
    application = respite_application(caseworker, child, service_type, today)
    service = service_type("respite_home")
    url = reverse("decision_create", args=[child.pk, application.pk, service.pk])
    client.force_login(caseworker)
    page = client.get(url).content.decode()
    assert 'name="scope_unit"' in page
    for value, label in (("nights", "netter"), ("days", "dager"), ("hours", "timer")):
        assert f'value="{value}"' in page and label in page
    form = {
        "outcome": "granted",
        "quantity": 6,
        "scope_unit": "hours",
        "scope_period": "week",
        "valid_from": today.isoformat(),
        "review_date": add_months(today, 11).isoformat(),
        "reasons": "Familien trenger avlastning på ettermiddager.",
        "fact_statement_particularly_heavy_care": FACTS,
    }
    assert client.post(url, form).status_code == 302
    decision = application.decisions.get()
    assert (decision.quantity, decision.scope_unit) == (6, "hours")


def test_a_review_that_changes_the_amount_keeps_the_unit(
    client, caseworker, child, guardians, service_type, today
):
    """A review changes how much, not what it is counted in: days stay days."""
    decision = _decide(caseworker, child, service_type, today, scope_unit="days")
    client.force_login(caseworker)
    url = reverse("review_create", args=[child.pk, decision.pk])
    response = client.post(
        url,
        {
            "performed_on": today.isoformat(),
            "outcome": "change",
            "notes": "Behovet har økt.",
            "quantity": 6,
            "scope_period": "month",
            "valid_from": today.isoformat(),
            "review_date": add_months(today, 11).isoformat(),
            "reasons": "Økt behov for dagavlastning.",
        },
    )
    assert response.status_code in (200, 302)
    new = decision.person.decisions.exclude(pk=decision.pk).first()
    assert new is not None, response.content.decode()[:3000]
    assert (new.quantity, new.scope_unit) == (6, "days")
