"""Issue 7, law points, through the decision service: conditions attached to a grant (seed 004
§1.5), the form of a support contact (§1.1), the staircase step (§1.0, §2.1), and BPA for an
adult (pbrl § 2-1 d). Each test names the seed section or law it checks."""

import pytest
from django.urls import reverse

from omsorg.cases.deadlines import add_months
from omsorg.cases.letters.render import decision_letter_html
from omsorg.cases.models import Decision
from omsorg.cases.selectors import worklist_for
from omsorg.cases.services.applications import application_register, assessment_record
from omsorg.cases.services.decisions import (
    DecisionInput,
    decision_condition_fulfil,
    decision_make,
)
from omsorg.core.errors import InvalidInput
from tests import factories

pytestmark = pytest.mark.django_db

IN_HOME_FACTS = {"particularly_heavy_care": True}


def _apply(caseworker, person, service_type, today, code, facts, lower_step="tried", note=""):
    application = application_register(
        actor=caseworker,
        person=person,
        channel="portal",
        received_on=today,
        services=[(service_type(code), None)],
        consent_given=True,
        today=today,
    )
    assessment_record(
        actor=caseworker,
        application=application,
        performed_on=today,
        methods=["home_visit"],
        facts=facts,
        summary="Kartlagt.",
        expected_version=None,
        today=today,
        lower_step=lower_step,
        lower_step_note=note,
    )
    return application


# fvl § 25: a criterion met by judgement needs the facts behind it (letters' rule).
STATEMENTS = {
    "care_needs": "Barnet våkner flere ganger hver natt og trenger sondemat.",
    "particularly_heavy_care": "Foreldrene har hatt tilsyn med barnet døgnet rundt i to år.",
}


def _grant(service_type, today, code, quantity, **extra):
    extra.setdefault("fact_statements", STATEMENTS)
    return DecisionInput(
        service_type=service_type(code),
        outcome="granted",
        reasons="Vilkårene er oppfylt.",
        quantity=quantity,
        valid_from=today,
        valid_to=add_months(today, 12),
        review_date=add_months(today, 11),
        **extra,
    )


@pytest.fixture
def in_home(caseworker, make_person, service_type, today) -> Decision:
    """Respite in the home for a 2-year-old, granted: no contract exists yet (seed 004 §1.5)."""
    baby = make_person(age_years=2)
    application = _apply(caseworker, baby, service_type, today, "respite_in_home", IN_HOME_FACTS)
    return decision_make(
        actor=caseworker,
        person=baby,
        data=_grant(service_type, today, "respite_in_home", 6),
        today=today,
        application=application,
    )


def test_cooperation_contract_is_attached_to_the_grant_seed004_1_5(in_home):
    assert in_home.suggestion == "granted"  # the missing contract does not refuse
    assert [c["code"] for c in in_home.conditions] == ["cooperation_contract"]
    assert in_home.conditions[0]["fulfilled_on"] is None
    assert "samarbeidskontrakt" in in_home.conditions[0]["text"]["nb"]


def test_the_letter_states_the_condition_seed004_1_5(in_home):
    html = decision_letter_html(in_home, fragment=True)
    assert "Vedtaket har disse vilkårene:" in html
    assert "samarbeidskontrakt mellom hjemmet og avlastningstjenesten" in html


def test_the_condition_is_a_task_until_recorded_in_place_seed004_1_5(caseworker, in_home, today):
    def tasks():
        due = worklist_for(actor=caseworker, today=today).due
        return [i for i in due if i.kind == "condition" and i.decision.pk == in_home.pk]

    assert len(tasks()) == 1
    decision_condition_fulfil(
        actor=caseworker,
        decision=in_home,
        code="cooperation_contract",
        fulfilled_on=today,
        today=today,
    )
    in_home.refresh_from_db()
    assert in_home.conditions[0]["fulfilled_on"] == today.isoformat()
    assert tasks() == []
    with pytest.raises(InvalidInput):
        decision_condition_fulfil(
            actor=caseworker, decision=in_home, code="no_such", fulfilled_on=today, today=today
        )


def test_support_contact_grant_records_its_form_seed004_1_1(
    caseworker, make_person, service_type, today
):
    child = make_person(age_years=12)
    facts = factories.SUPPORT_CONTACT_FACTS
    application = _apply(caseworker, child, service_type, today, "support_contact", facts)
    with pytest.raises(InvalidInput) as error:
        decision_make(
            actor=caseworker,
            person=child,
            data=_grant(service_type, today, "support_contact", 8, service_form="massage"),
            today=today,
            application=application,
        )
    assert error.value.field == "service_form"
    with pytest.raises(InvalidInput) as error:  # no form at all: every caller must name one
        decision_make(
            actor=caseworker,
            person=child,
            data=_grant(service_type, today, "support_contact", 8, service_form=""),
            today=today,
            application=application,
        )
    assert error.value.field == "service_form"
    decision = decision_make(
        actor=caseworker,
        person=child,
        data=_grant(service_type, today, "support_contact", 8, service_form="activity_group"),
        today=today,
        application=application,
    )
    assert decision.service_form == "activity_group"
    assert "Deltakelse i aktivitetsgruppe" in decision_letter_html(decision, fragment=True)


def test_decision_records_and_letter_states_the_staircase_step_seed004_1_0_2_1(
    caseworker, make_person, service_type, today
):
    child = make_person(age_years=9)
    note = "Privat avlastning hos besteforeldre er prøvd i ett år; de orker ikke mer."
    application = _apply(
        caseworker, child, service_type, today, "respite_home", IN_HOME_FACTS, "tried", note
    )
    decision = decision_make(
        actor=caseworker,
        person=child,
        data=_grant(service_type, today, "respite_home", 4),
        today=today,
        application=application,
    )
    assert decision.staircase == {"level": 5, "lower_step": "tried", "note": note}
    html = decision_letter_html(decision, fragment=True)
    assert "trinn 5 av 7" in html and "Et lavere trinn er prøvd først." in html
    assert note in html


def test_no_lower_step_considered_needs_a_justification_seed004_2_1(
    caseworker, make_person, service_type, today
):
    """The least intrusive alternative first: skipping the lower steps must be explained."""
    child = make_person(age_years=9)
    application = _apply(
        caseworker, child, service_type, today, "respite_home", IN_HOME_FACTS, "none"
    )
    with pytest.raises(InvalidInput) as error:
        decision_make(
            actor=caseworker,
            person=child,
            data=_grant(service_type, today, "respite_home", 4),
            today=today,
            application=application,
        )
    assert error.value.field == "justification"
    assert not Decision.objects.exists()
    why = "Akutt behov etter sykehusopphold; lavere trinn ville ikke gitt forsvarlig hjelp."
    decision = decision_make(
        actor=caseworker,
        person=child,
        data=_grant(service_type, today, "respite_home", 4, justification=why),
        today=today,
        application=application,
    )
    assert decision.staircase["lower_step"] == "none"


def test_adult_asking_for_respite_through_bpa_gets_a_refusal_suggestion_pbrl_2_1_d(
    caseworker, make_person, service_type, today
):
    """A 40-year-old's BPA is their own service, not "avlastning gjennom BPA" (seed 004 §1.3)."""
    adult = make_person(age_years=40)
    facts = {
        "need_duration_months": 60,
        "hours_per_week": 40,
        "school_hours_per_week": 0,
        "work_leader_available": True,
        "needs_two_or_more_staff": False,
        "needs_night_service": False,
        "traditional_services_assessed": True,
    }
    application = _apply(caseworker, adult, service_type, today, "bpa", facts)
    with pytest.raises(InvalidInput) as error:
        decision_make(
            actor=caseworker,
            person=adult,
            data=_grant(service_type, today, "bpa", 40),
            today=today,
            application=application,
        )
    assert error.value.field == "justification"  # departs from the refusal suggestion
    refused = decision_make(
        actor=caseworker,
        person=adult,
        data=DecisionInput(
            service_type=service_type("bpa"),
            outcome="refused",
            reasons="BPA som avlastning gis til foreldre til barn under 18 år.",
        ),
        today=today,
        application=application,
    )
    assert refused.suggestion == "refused"


def test_the_decision_page_asks_the_form_of_a_support_contact_seed004_1_1(
    client_as, caseworker, make_person, service_type, today
):
    child = make_person(age_years=12)
    facts = factories.SUPPORT_CONTACT_FACTS
    application = _apply(caseworker, child, service_type, today, "support_contact", facts)
    url = reverse(
        "decision_create", args=[child.pk, application.pk, service_type("support_contact").pk]
    )
    client = client_as(caseworker)
    page = client.get(url).content.decode()
    assert "Deltakelse i aktivitetsgruppe" in page
    terms = {
        "outcome": "granted",
        "quantity": "8",
        "scope_period": "month",
        "valid_from": today.isoformat(),
        "valid_to": add_months(today, 12).isoformat(),
        "review_date": add_months(today, 11).isoformat(),
        "reasons": "Oppfylt.",
    }
    response = client.post(url, terms)
    assert response.status_code == 200
    assert "service_form" in response.context["form"].errors
    assert not Decision.objects.exists()
    response = client.post(url, {**terms, "service_form": "volunteer_organisation"})
    assert response.status_code == 302
    assert Decision.objects.get().service_form == "volunteer_organisation"
