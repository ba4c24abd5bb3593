"""The deciding unit follows the service (issue 7 point 1.7).

Seed 004 §2 and §2.2: children's services are processed by koordinerende enhet for barn og unge,
which also receives the appeal. Seed 001 §2: the allocation office (tildelingskontoret) decides
the adults' services. Which office decides a service is catalogue data (`deciding_office`);
which unit that office is, with its address, is the municipality's unit setup.
"""

import pytest

from omsorg.cases.deadlines import add_months
from omsorg.cases.forms import DecisionForm
from omsorg.cases.letters.render import decision_letter_html, decision_letter_pdf
from omsorg.cases.services.applications import application_register, assessment_record
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.catalogue.selectors import service_type_spec
from omsorg.catalogue.spec import load_catalogue
from omsorg.core.errors import InvalidInput
from omsorg.core.models import IntermunicipalCompany, Unit
from omsorg.demo.catalogues import catalogues_load, service_types_of
from tests import factories
from tests.cases.test_letters import SUPPORT_CONTACT_FACTS, pdf_text

pytestmark = pytest.mark.django_db

CHILDREN_OFFICE = "Koordinerende enhet for barn og unge"
ADULTS_OFFICE = "Tildelingskontoret"


@pytest.fixture
def services(db):
    """Holtålen's children's catalogue and the home-based catalogue it uses (as the demo)."""
    _municipality, versions = catalogues_load()
    return service_types_of(versions)


@pytest.fixture
def offices(municipality):
    children = factories.unit(municipality, CHILDREN_OFFICE, Unit.Kind.OFFICE)
    children.decides_for = Unit.Decides.CHILDREN
    children.postal_address = "Postboks 24, 7380 Ålen"
    children.save()
    adults = factories.unit(municipality, ADULTS_OFFICE, Unit.Kind.OFFICE)
    adults.decides_for = Unit.Decides.ADULTS
    adults.postal_address = "Rådhuset, Ålen, 7380 Ålen"
    adults.email = "tildeling@holtalen.example"
    adults.save()
    return {"children": children, "adults": adults}


def _decide(caseworker, person, service_type, today, facts, **overrides):
    application = application_register(
        actor=caseworker,
        person=person,
        channel="referral",
        received_on=today,
        services=[(service_type, None)],
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
    )
    values = {
        "service_type": service_type,
        "outcome": "granted",
        "reasons": "Behovet er dokumentert ved kartlegging.",
        "justification": "Omfanget er satt etter individuell vurdering.",
        "quantity": 5,
        "valid_from": today,
        "review_date": add_months(today, 6),
        # support contact has forms (seed 004 §1.1); a grant must name one
        "service_form": "individual" if service_type.code == "support_contact" else "",
        **overrides,
    }
    return decision_make(
        actor=caseworker,
        person=person,
        data=DecisionInput(**values),
        today=today,
        application=application,
    )


def test_catalogues_name_the_deciding_office_seed004_2_seed001_2():
    children = load_catalogue("holtalen")
    home = load_catalogue("hjemmetjenester")
    assert {s.deciding_office for s in children.services} == {"children"}
    assert {s.deciding_office for s in home.services} == {"adults"}


def test_an_83_year_olds_home_nursing_is_decided_by_the_allocation_office_seed001_2(
    caseworker, make_person, services, offices, today
):
    elderly = make_person(age_years=83, given_name="Ingrid", family_name="Ålen")
    decision = _decide(caseworker, elderly, services["home_nursing"], today, {})
    assert decision.deciding_unit == offices["adults"]
    text = pdf_text(decision_letter_pdf(decision))
    assert f"{ADULTS_OFFICE} gjorde vedtaket" in text
    assert f"Send klagen skriftlig til {ADULTS_OFFICE}, Rådhuset, Ålen, 7380 Ålen." in text
    assert "tildeling@holtalen.example" in text
    assert f"{ADULTS_OFFICE} kan hjelpe deg med å skrive klagen" in text
    assert CHILDREN_OFFICE not in text


def test_a_childs_support_contact_is_decided_by_the_childrens_unit_seed004_2_2(
    caseworker, make_person, services, offices, today
):
    child = make_person(age_years=12)
    decision = _decide(
        caseworker,
        child,
        services["support_contact"],
        today,
        SUPPORT_CONTACT_FACTS,
        quantity=8,
        justification="",
    )
    assert decision.deciding_unit == offices["children"]
    html = decision_letter_html(decision)
    assert f"{CHILDREN_OFFICE} gjorde vedtaket" in html
    assert f"Send klagen skriftlig til {CHILDREN_OFFICE}, Postboks 24, 7380 Ålen." in html
    assert ADULTS_OFFICE not in html


def test_without_an_office_set_up_the_municipalitys_coordinating_unit_decides(
    caseworker, make_person, services, today
):
    elderly = make_person(age_years=83)
    decision = _decide(caseworker, elderly, services["home_nursing"], today, {})
    assert decision.deciding_unit is None
    assert service_type_spec(decision.service_type).deciding_office == "adults"
    html = decision_letter_html(decision)
    assert f"{elderly.municipality.coordinating_unit} gjorde vedtaket" in html


def test_one_office_per_group_in_a_municipality(municipality, offices):
    other = factories.unit(municipality, "Forvaltningskontoret", Unit.Kind.OFFICE)
    other.decides_for = Unit.Decides.ADULTS
    with pytest.raises(Exception, match="one_deciding_office_per_group|UNIQUE|unique"):
        other.save()


def test_an_owners_caseworker_can_name_the_intermunicipal_home_as_provider_seed000(
    caseworker, make_person, services, today, municipality
):
    """Seed 000: Avlastningshjemmet IKS is owned by its municipalities and sells spare places
    to others; a municipality decides respite for its own children and names the company's
    home as the providing unit. Another municipality's own unit is refused, in the form and in
    the service."""
    company = IntermunicipalCompany.objects.create(name="Avlastningshjemmet IKS")
    company.owners.add(municipality)
    home = Unit.objects.create(company=company, name="Avlastningshjemmet", kind="respite_home")
    neighbour = factories.other_municipality("3120", "Rakkestad")
    their_home = factories.unit(neighbour, "Rakkestad avlastning", Unit.Kind.RESPITE_HOME)
    assert home in Unit.objects.providing_for(municipality.pk)
    assert home in Unit.objects.providing_for(neighbour.pk)  # a buyer of spare places
    assert their_home not in Unit.objects.providing_for(municipality.pk)
    form = DecisionForm(municipality_id=municipality.pk)
    assert home in form.fields["unit"].queryset
    assert their_home not in form.fields["unit"].queryset

    child = make_person(age_years=12)
    with pytest.raises(InvalidInput) as error:
        _decide(caseworker, child, services["support_contact"], today, SUPPORT_CONTACT_FACTS,
                quantity=8, justification="", unit=their_home)  # fmt: skip
    assert error.value.field == "unit"
    decision = _decide(caseworker, make_person(age_years=12), services["support_contact"], today,
                       SUPPORT_CONTACT_FACTS, quantity=8, justification="", unit=home)  # fmt: skip
    assert decision.unit == home
