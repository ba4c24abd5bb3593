"""Omsorgsstønad in the decision service and the letter (seed 004 §1.8, hol § 3-6 nr. 3).

The carer is the party: applies, receives the decision and the letter; the person cared for is
the subject. The amount is hours x the municipality's hourly rate in force (dated data), after
the weighing and the deductions of seed 004 §1.8, and is stated in NOK in the decision and the
letter.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format

from omsorg.cases import care_allowance as calc
from omsorg.cases.deadlines import add_months
from omsorg.cases.letters.render import decision_letter_pdf, preliminary_reply_html
from omsorg.cases.models import Decision
from omsorg.cases.services.applications import (
    application_register,
    assessment_record,
    preliminary_reply_send,
)
from omsorg.cases.services.care_allowance import CareInput, care_allowance_rate_set
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.models import Role
from omsorg.people.services import relative_add
from tests.api_support import post, session_client
from tests.cases.test_letters import pdf_text

pytestmark = pytest.mark.django_db

CARE_FACTS = {
    "particularly_demanding_care": True,
    "assistance_allowance_applied": True,
}
RATE = Decimal("236.00")
STATEMENT = "Mia trenger tilsyn hele døgnet og hjelp flere ganger hver natt."
# 120 h of care for a 12-year-old; heavy strain, some night work, heavy isolation; 1 180 kr
# hjelpestønad (= 5 hours at 236 kr).
CARE = CareInput(
    care_hours_per_month=Decimal(120),
    strain="heavy",
    night_work="some",
    isolation="heavy",
    assistance_allowance_per_month=Decimal(1180),
)


@pytest.fixture
def rate(users, municipality, today):
    return care_allowance_rate_set(
        actor=users[Role.ADMINISTRATOR],
        municipality=municipality,
        valid_from=today.replace(month=1, day=1),
        hourly_rate=RATE,
    )


@pytest.fixture
def child(make_person):
    return make_person(
        age_years=12,
        given_name="Mia",
        family_name="Haugen",
        street_address="Gauldalsvegen 1",
        postal_code="7380",
        city="Ålen",
    )


@pytest.fixture
def mother(caseworker, child):
    return relative_add(
        actor=caseworker,
        person=child,
        name="Kari Haugen",
        relation="parent",
        is_guardian=True,
        street_address="Rørosvegen 5",
        postal_code="7380",
        city="Ålen",
    )


@pytest.fixture
def father(caseworker, child):
    return relative_add(
        actor=caseworker, person=child, name="Per Haugen", relation="parent", is_guardian=True
    )


def applied(caseworker, child, service_type, today, carer=None):
    application = application_register(
        actor=caseworker,
        person=child,
        channel="portal",
        received_on=today,
        services=[(service_type("care_allowance"), 120)],
        consent_given=True,
        today=today,
        carer=carer,
    )
    assessment_record(
        actor=caseworker,
        application=application,
        performed_on=today,
        methods=["home_visit", "relatives"],
        facts=CARE_FACTS,
        summary="Mor gir omfattende pleie og tilsyn, også om natten.",
        expected_version=None,
        today=today,
    )
    return application


def decide(caseworker, child, service_type, today, *, application=None, **overrides):
    application = application or applied(caseworker, child, service_type, today)
    values = {
        "service_type": service_type("care_allowance"),
        "outcome": "granted",
        "reasons": "Omsorgsarbeidet er særlig krevende over tid.",
        "valid_from": today,
        "valid_to": add_months(today, 12),
        "review_date": add_months(today, 11),
        "care": CARE,
        "fact_statements": {"particularly_demanding_care": STATEMENT},
    }
    values.update(overrides)
    return decision_make(
        actor=caseworker,
        person=child,
        data=DecisionInput(**values),
        today=today,
        application=application,
    )


def test_the_carer_applies_and_is_the_party_seed004_1_8(
    caseworker, child, mother, service_type, rate, today
):
    application = applied(caseworker, child, service_type, today, carer=mother)
    assert application.carer == mother and application.person == child
    decision = decide(caseworker, child, service_type, today, application=application)
    assert decision.carer == mother  # the party
    assert decision.person == child  # the subject


def test_amount_is_calculated_from_the_weighing_and_the_rate_seed004_1_8(
    caseworker, child, mother, service_type, rate, today
):
    decision = decide(caseworker, child, service_type, today, carer=mother)
    # (120 - 15 normal care at 12) x 90 % = 94.5 h; - 5 h hjelpestønad = 89.5 -> 90 h.
    assert decision.quantity == 90
    assert (decision.scope_unit, decision.scope_period) == ("hours", "month")
    assert decision.monthly_amount == 90 * RATE == Decimal("21240.00")
    steps = decision.allowance["steps"]
    assert Decimal(steps["normal_care_hours"]) == calc.normal_care_hours(12)
    assert Decimal(steps["assistance_hours"]) == 5
    assert decision.allowance["facts"]["strain"] == "heavy"


def test_next_years_rate_is_a_new_row_not_a_code_change_seed004_1_8(
    caseworker, users, municipality, child, mother, service_type, rate, today
):
    new_from = today + datetime.timedelta(days=30)
    care_allowance_rate_set(
        actor=users[Role.ADMINISTRATOR],
        municipality=municipality,
        valid_from=new_from,
        hourly_rate=Decimal("250.00"),
    )
    now = decide(caseworker, child, service_type, today, carer=mother)
    later = decide(caseworker, child, service_type, today, carer=mother, valid_from=new_from)
    assert now.monthly_amount == now.quantity * RATE
    assert later.monthly_amount == later.quantity * Decimal("250.00")
    assert later.allowance["steps"]["rate_valid_from"] == new_from.isoformat()


def test_the_100_percent_counts_every_carer_of_the_same_person_seed004_1_8(
    caseworker, child, mother, father, service_type, rate, today
):
    some = CareInput(Decimal(100), "heavy", "heavy", "heavy")
    heavy = CareInput(Decimal(300), "heavy", "heavy", "heavy")
    first = decide(caseworker, child, service_type, today, carer=father, care=some)
    assert first.quantity == 85  # 100 - 15 normal care, fully compensated
    second = decide(caseworker, child, service_type, today, carer=mother, care=heavy)
    room = calc.FULL_TIME_HOURS_PER_MONTH - first.quantity
    assert second.quantity == int(room)
    assert second.allowance["steps"]["capped"] == "True"
    assert first.quantity + second.quantity <= calc.FULL_TIME_HOURS_PER_MONTH


def test_care_allowance_without_a_carer_is_refused_and_nothing_saved(
    caseworker, child, service_type, rate, today
):
    with pytest.raises(InvalidInput) as error:
        decide(caseworker, child, service_type, today)
    assert error.value.field == "carer"
    assert not Decision.objects.filter(person=child).exists()


def test_the_carer_must_be_the_persons_relative(
    caseworker, child, make_person, service_type, rate, today
):
    stranger = relative_add(
        actor=caseworker, person=make_person(), name="Ola Annen", relation="parent"
    )
    with pytest.raises(InvalidInput) as error:
        decide(caseworker, child, service_type, today, carer=stranger)
    assert error.value.field == "carer"


def test_without_a_rate_in_force_the_decision_is_refused(
    caseworker, child, mother, service_type, today
):
    with pytest.raises(InvalidInput) as error:
        decide(caseworker, child, service_type, today, carer=mother)
    assert error.value.field == "valid_from"
    assert not Decision.objects.filter(person=child).exists()


def test_only_an_administrator_sets_the_rate(caseworker, municipality, today):
    with pytest.raises(PermissionDenied):
        care_allowance_rate_set(
            actor=caseworker, municipality=municipality, valid_from=today, hourly_rate=RATE
        )


def test_other_services_have_no_carer_and_no_amount(caseworker, child, mother, service_type, today):
    with pytest.raises(InvalidInput) as error:
        application_register(
            actor=caseworker,
            person=child,
            channel="portal",
            received_on=today,
            services=[(service_type("respite_home"), 4)],
            consent_given=True,
            today=today,
            carer=mother,
        )
    assert error.value.field == "carer"


def test_letter_goes_to_the_carer_with_the_amount_in_nok_seed004_1_8(
    caseworker, child, mother, service_type, rate, today
):
    decision = decide(caseworker, child, service_type, today, carer=mother)
    text = pdf_text(decision_letter_pdf(decision))
    assert "Kari Haugen Rørosvegen 5 7380 Ålen" in text
    assert "Til foresatte" not in text
    assert "Du får innvilget omsorgsstønad for barn og unge." in text
    assert "Du er part i saken som den som gir omsorg til Mia Haugen." in text
    assert "Gjelder: Mia Haugen" in text
    with translation.override("nb"):
        amount = number_format(Decimal("21240.00"), 2, use_l10n=True, force_grouping=True)
        rate = number_format(RATE, 2)
    amount = amount.replace("\N{NO-BREAK SPACE}", " ")  # pdf_text collapses all spaces
    assert f"Beløp {amount} kr per måned" in text
    assert "Slik er omsorgsstønaden beregnet" in text
    assert "21 240,00" in amount
    assert f"90 timer x {rate} kr = {amount} kr per måned" in text


def test_refusal_goes_to_the_carer_too(caseworker, child, mother, service_type, rate, today):
    decision = decide(
        caseworker,
        child,
        service_type,
        today,
        carer=mother,
        outcome="refused",
        care=None,
        justification="Behovet dekkes bedre av avlastning.",
    )
    assert decision.carer == mother and decision.monthly_amount is None
    text = pdf_text(decision_letter_pdf(decision))
    assert "Kari Haugen" in text and "Beløp" not in text


def test_decision_page_takes_the_carer_and_the_facts(
    client_as, caseworker, child, mother, service_type, rate, today
):
    application = applied(caseworker, child, service_type, today)
    care_allowance = service_type("care_allowance")
    response = client_as(caseworker).post(
        reverse("decision_create", args=[child.pk, application.pk, care_allowance.pk]),
        {
            "outcome": "granted",
            "valid_from": today.isoformat(),
            "review_date": add_months(today, 11).isoformat(),
            "reasons": "Særlig krevende omsorg over tid.",
            "carer": str(mother.pk),
            "care_hours_per_month": "120",
            "strain": "heavy",
            "night_work": "some",
            "isolation": "heavy",
            "assistance_allowance_per_month": "1180",
            "fact_statement_particularly_demanding_care": STATEMENT,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = Decision.objects.get(person=child)
    assert (decision.carer, decision.quantity, decision.monthly_amount) == (
        mother,
        90,
        Decimal("21240.00"),
    )
    page = client_as(caseworker).get(response["Location"]).content.decode()
    assert "Kari Haugen" in page and "21" in page


def test_a_preliminary_reply_goes_to_the_carer_who_applied_fvl_11a(
    caseworker, child, mother, service_type, today
):
    application = applied(caseworker, child, service_type, today, carer=mother)
    reply = preliminary_reply_send(
        actor=caseworker,
        application=application,
        expected_by=today + datetime.timedelta(days=30),
        reason="Vi venter på opplysninger fra sykehuset.",
        today=today,
    )
    html = preliminary_reply_html(reply)
    assert "Kari Haugen" in html and "Rørosvegen 5" in html
    assert "Til foresatte" not in html


def _api_terms(today, **overrides) -> dict:
    terms = {
        "service_code": "care_allowance",
        "outcome": "granted",
        "reasons": "Omsorgsarbeidet er særlig krevende over tid.",
        "valid_from": today.isoformat(),
        "valid_to": add_months(today, 12).isoformat(),
        "review_date": add_months(today, 11).isoformat(),
        "care": {
            "care_hours_per_month": 120,
            "strain": "heavy",
            "night_work": "some",
            "isolation": "heavy",
            "assistance_allowance_per_month": 1180,
        },
        "fact_statements": {"particularly_demanding_care": STATEMENT},
    }
    terms.update(overrides)
    return terms


def test_the_api_decides_care_allowance_with_the_carer_and_the_facts_seed004_1_8(
    caseworker, child, mother, father, service_type, today, rate
):
    """The API takes what the page takes: the carer (the party) and the facts the amount is
    calculated from; the answer gives the carer and the monthly amount."""
    application = applied(caseworker, child, service_type, today)
    path = f"/persons/{child.pk}/applications/{application.pk}/decisions"
    client = session_client(caseworker)
    body = post(client, path, _api_terms(today, carer_id=mother.pk)).json()
    assert body["carer_id"] == mother.pk
    # the same calculation as the service's own test: 90 hours at the rate
    assert Decimal(body["monthly_amount"]) == 90 * RATE
    assert Decision.objects.get(pk=body["id"]).allowance["facts"]["strain"] == "heavy"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"carer_id": 999999}, "carer_id"),  # not a relative of the person
        ({"care": {"care_hours_per_month": 800, "strain": "heavy"}}, "care.care_hours_per_month"),
        ({"care": {"care_hours_per_month": 120, "strain": "extreme"}}, "care.strain"),
    ],
)
def test_the_api_refuses_wrong_care_allowance_input_and_saves_nothing(
    caseworker, child, mother, service_type, today, rate, change, field
):
    application = applied(caseworker, child, service_type, today)
    path = f"/persons/{child.pk}/applications/{application.pk}/decisions"
    payload = _api_terms(today, carer_id=mother.pk)
    payload.update(change)
    response = post(session_client(caseworker), path, payload)
    assert response.status_code == 422, response.content
    assert field in response.content.decode()
    assert not Decision.objects.exists()
