"""Need to know per service (Normen; issue 8 §4): staff who deliver a service see the person
and that service's decisions; the case record (applications, assessments, other services'
decisions, letters, journal) is for the deciding unit. Refusals are 403 and logged as denied."""

import pytest
from django.urls import reverse

from omsorg.cases.deadlines import add_months
from omsorg.cases.services.applications import application_register, assessment_record
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.core.models import Role
from omsorg.people.models import AccessLog
from tests import factories
from tests.api_support import API, assert_error, assign, token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(caseworker, make_person, service_type, department, today):
    """A child with an assessed application for support contact and respite; support contact
    granted (no delivering unit named: another service), respite granted at the department."""
    child = make_person(age_years=12)
    application = application_register(
        actor=caseworker, person=child, channel="portal", received_on=today,
        services=[(service_type("support_contact"), 8), (service_type("respite_home"), 4)],
        consent_given=True, today=today,
    )  # fmt: skip
    assessment_record(
        actor=caseworker, application=application, performed_on=today, methods=["home_visit"],
        facts=factories.SUPPORT_CONTACT_FACTS, summary="Kartlagt.", expected_version=None,
        today=today,
    )  # fmt: skip

    def grant(code, quantity, unit=None, **terms):
        data = DecisionInput(
            service_type=service_type(code), outcome="granted", reasons="Vilkårene er oppfylt.",
            quantity=quantity, valid_from=today, valid_to=add_months(today, 12),
            review_date=add_months(today, 11), unit=unit, **terms,
        )  # fmt: skip
        return decision_make(actor=caseworker, person=child, data=data, today=today,
                             application=application)  # fmt: skip

    other = grant("support_contact", 8, service_form="individual")
    respite = grant(
        "respite_home",
        4,
        unit=department,
        scope_period="month",
        justification="Vurdert skjønnsmessig.",
    )
    return child, application, respite, other


@pytest.fixture
def delivery_staff(users, caseworker, case, today):
    """The department's leader (need through the respite grant) and a care worker assigned."""
    child = case[0]
    assign(caseworker, child, users[Role.CARE_WORKER], today)
    return [users[Role.SERVICE_LEADER], users[Role.CARE_WORKER]]


def _pages(child, application, decision):
    return {
        "decision": reverse("decision_detail", args=[child.pk, decision.pk]),
        "letter": reverse("decision_letter", args=[child.pk, decision.pk]),
        "application": reverse("application_detail", args=[child.pk, application.pk]),
        "assessment": reverse("assessment_record", args=[child.pk, application.pk]),
    }


@pytest.mark.parametrize("index", [0, 1], ids=["service_leader", "care_worker"])
def test_delivery_staff_get_403_on_another_services_decision_and_the_assessment(
    client_as, case, delivery_staff, index
):
    child, application, _respite, other = case
    staff = delivery_staff[index]
    client = client_as(staff)
    for name, path in _pages(child, application, other).items():
        assert client.get(path).status_code == 403, name
    denied = AccessLog.objects.filter(actor=staff, person=child, denied=True)
    assert denied.count() == 4  # every refused try is in the log (Normen)
    assert denied.filter(what=f"decision {other.pk}").count() == 2


@pytest.mark.parametrize("index", [0, 1], ids=["service_leader", "care_worker"])
def test_delivery_staff_see_their_own_services_decision(client_as, case, delivery_staff, index):
    child, _application, respite, other = case
    client = client_as(delivery_staff[index])
    response = client.get(reverse("decision_detail", args=[child.pk, respite.pk]))
    assert response.status_code == 200
    assert 'id="notify"' not in response.content.decode()  # the case's steps are not theirs
    assert client.get(reverse("decision_letter", args=[child.pk, respite.pk])).status_code == 200
    body = client.get(reverse("person_detail", args=[child.pk])).content.decode()
    assert reverse("decision_detail", args=[child.pk, respite.pk]) in body
    assert reverse("decision_detail", args=[child.pk, other.pk]) not in body
    assert "/soknader/" not in body  # no application, no assessment


def test_an_unknown_decision_id_is_refused_like_another_services(client_as, case, delivery_staff):
    child = case[0]
    client = client_as(delivery_staff[0])
    assert client.get(reverse("decision_detail", args=[child.pk, 10**9])).status_code == 403


def test_the_deciding_unit_reads_the_whole_case_record(client_as, caseworker, case):
    child, application, respite, other = case
    client = client_as(caseworker)
    for decision in (respite, other):
        for name, path in _pages(child, application, decision).items():
            assert client.get(path).status_code == 200, name
    body = client.get(reverse("person_detail", args=[child.pk])).content.decode()
    assert reverse("decision_detail", args=[child.pk, other.pk]) in body
    assert reverse("application_detail", args=[child.pk, application.pk]) in body


@pytest.mark.parametrize("index", [0, 1], ids=["service_leader", "care_worker"])
def test_api_gives_delivery_staff_their_services_decisions_only(case, delivery_staff, index):
    child, application, respite, other = case
    client = token_client(delivery_staff[index])
    base = f"{API}/persons/{child.pk}"
    listed = client.get(f"{base}/decisions").json()
    assert [d["id"] for d in listed["items"]] == [respite.pk]
    assert client.get(f"{base}/decisions/{respite.pk}").status_code == 200
    for path in [
        f"/decisions/{other.pk}",
        "/applications",
        f"/applications/{application.pk}",
        f"/applications/{application.pk}/assessment",
    ]:
        assert_error(client.get(f"{base}{path}"), 403, "permission_denied")
    assert client.get(f"{base}").status_code == 200  # the person, for delivering the service
