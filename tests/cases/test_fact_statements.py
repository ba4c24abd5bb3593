"""Reasons state facts (fvl § 25 second paragraph): a criterion met by judgement ("særlig
tyngende omsorgsbyrde", seed 004 §1.4; "særlig krevende over tid", §1.8; "vurdert mest
hensiktsmessig for barnet", §1.6) needs the caseworker's statement of the facts behind it, and
the letter prints it under the criterion. Issue 7 point 1.11.
"""

import pytest
from django.urls import reverse

from omsorg.cases.deadlines import add_months
from omsorg.cases.letters.render import decision_letter_pdf
from omsorg.cases.services.appeals import appeal_register, appeal_reverse
from omsorg.cases.services.applications import application_register, assessment_record
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.core.errors import InvalidInput
from tests.cases.test_letters import decide, pdf_text

pytestmark = pytest.mark.django_db

FACTS = "Sofie har autisme og epilepsi; foreldrene er oppe tre til fire netter i uka."


def respite_application(caseworker, child, service_type, today):
    application = application_register(
        actor=caseworker,
        person=child,
        channel="portal",
        received_on=today,
        services=[(service_type("respite_home"), 4)],
        consent_given=True,
        today=today,
    )
    assessment_record(
        actor=caseworker,
        application=application,
        performed_on=today,
        methods=["home_visit"],
        facts={"particularly_heavy_care": True},
        summary="Hjemmebesøk.",
        expected_version=None,
        today=today,
    )
    return application


def grant(service_type, today, **statements):
    return DecisionInput(
        service_type=service_type("respite_home"),
        outcome="granted",
        reasons="Familien trenger avlastning for å klare hverdagen.",
        quantity=4,
        valid_from=today,
        review_date=add_months(today, 11),
        fact_statements=statements,
    )


def test_heavy_care_met_by_judgement_needs_a_statement_of_facts_seed004_1_4(
    caseworker, child, guardians, service_type, today
):
    application = respite_application(caseworker, child, service_type, today)
    with pytest.raises(InvalidInput) as refused:
        decision_make(
            actor=caseworker,
            person=child,
            data=grant(service_type, today, particularly_heavy_care="  "),
            today=today,
            application=application,
        )
    assert refused.value.field == "fact_statement_particularly_heavy_care"
    assert "Omsorgsbyrden er særlig tyngende" in refused.value.text("nb")
    assert not application.decisions.exists()  # nothing half-saved


def test_the_letter_prints_the_facts_under_the_criterion_fvl_25(
    caseworker, child, guardians, service_type, today
):
    application = respite_application(caseworker, child, service_type, today)
    decision = decision_make(
        actor=caseworker,
        person=child,
        data=grant(service_type, today, particularly_heavy_care=FACTS),
        today=today,
        application=application,
    )
    assert decision.fact_statements == {"particularly_heavy_care": FACTS}
    text = pdf_text(decision_letter_pdf(decision))
    assert f"Omsorgsbyrden er særlig tyngende. (oppfylt) Dette bygger vi på: {FACTS}" in text


def test_a_criterion_met_by_a_plain_fact_needs_no_statement(
    caseworker, child, guardians, service_type, today
):
    # Support contact's criteria are observations (age, wish, need for help): none is judged.
    assert decide(caseworker, child, service_type, today).fact_statements == {}


def test_a_reversal_keeps_the_statement_unless_a_new_one_is_written(
    caseworker, child, guardians, service_type, today
):
    application = respite_application(caseworker, child, service_type, today)
    first = decision_make(
        actor=caseworker,
        person=child,
        data=grant(service_type, today, particularly_heavy_care=FACTS),
        today=today,
        application=application,
    )
    appeal = appeal_register(
        actor=caseworker, decision=first, received_on=today, grounds="Vi trenger mer.", today=today
    )
    new = appeal_reverse(
        actor=caseworker, appeal=appeal, data=grant(service_type, today), partly=False, today=today
    )
    assert new.fact_statements == {"particularly_heavy_care": FACTS}


def test_decision_form_asks_for_the_facts_and_refuses_without_them(
    client, caseworker, child, guardians, service_type, today
):
    application = respite_application(caseworker, child, service_type, today)
    service = service_type("respite_home")
    url = reverse("decision_create", args=[child.pk, application.pk, service.pk])
    client.force_login(caseworker)
    page = client.get(url).content.decode()
    assert 'name="fact_statement_particularly_heavy_care"' in page
    assert "Fakta bak «Omsorgsbyrden er særlig tyngende.»" in page
    form = {
        "outcome": "granted",
        "quantity": 4,
        "scope_period": "month",
        "valid_from": today.isoformat(),
        "review_date": add_months(today, 11).isoformat(),
        "reasons": "Familien trenger avlastning.",
    }
    refused = client.post(url, form)
    assert refused.status_code == 200 and not application.decisions.exists()
    assert "er oppfylt etter din vurdering" in refused.content.decode()
    saved = client.post(url, {**form, "fact_statement_particularly_heavy_care": FACTS})
    assert saved.status_code == 302
    assert application.decisions.get().fact_statements == {"particularly_heavy_care": FACTS}
