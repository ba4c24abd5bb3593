"""Pages through Django's test client: roles, bad input, and query budgets on list pages."""

import pytest
from django.urls import reverse

from omsorg.cases.deadlines import add_months
from omsorg.cases.models import Application
from omsorg.cases.services.applications import application_register
from omsorg.core.models import Role
from omsorg.people.models import AccessLog

pytestmark = pytest.mark.django_db


def register(caseworker, person, service_type, today, received_on=None):
    return application_register(
        actor=caseworker,
        person=person,
        channel="portal",
        received_on=received_on or today,
        services=[(service_type("support_contact"), None)],
        consent_given=True,
        today=today,
    )


def test_worklist_query_count_does_not_grow_with_applications(
    client_as, caseworker, make_person, service_type, today, django_assert_max_num_queries
):
    for months_ago in range(30):
        register(
            caseworker,
            make_person(),
            service_type,
            today,
            received_on=add_months(today, -(months_ago % 3)),
        )
    client = client_as(caseworker)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("worklist"))
    assert response.status_code == 200
    assert AccessLog.objects.filter(what="worklist").count() == 30


def test_person_list_query_count_is_bounded(
    client_as, caseworker, make_person, django_assert_max_num_queries
):
    for _ in range(40):
        make_person()
    client = client_as(caseworker)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("person_list"))
    assert response.status_code == 200
    assert AccessLog.objects.filter(what="person list").count() == 25  # one page


def test_care_worker_is_refused_a_person_they_do_not_serve(client_as, users, make_person):
    person = make_person()
    response = client_as(users[Role.CARE_WORKER]).get(reverse("person_detail", args=[person.pk]))
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()  # our page in bokmål, not Django's
    entry = AccessLog.objects.get(person=person)  # the refused read is logged, as denied
    assert (entry.denied, entry.what) == (True, "person record")


def test_pages_are_in_bokmal_by_default(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'lang="nb"' in response.content.decode()
    assert "Logg inn" in response.content.decode()


def test_register_person_with_a_bad_number_keeps_the_input_and_says_why(client_as, caseworker):
    client = client_as(caseworker)
    response = client.post(
        reverse("person_create"),
        {"identity_number": "12345678901", "given_name": "Kari", "family_name": "Nordmann"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kari" in body  # nothing typed is lost
    assert "Kontrollsifrene stemmer ikke" in body  # the reason, in bokmål


def test_a_full_case_through_the_pages(client_as, caseworker, make_person, service_type, today):
    client = client_as(caseworker)
    person = make_person(age_years=12)
    support = service_type("support_contact")
    response = client.post(
        reverse("application_create", args=[person.pk]),
        {
            "channel": "portal",
            "received_on": today.isoformat(),
            "services": [str(support.pk)],
            "consent_given": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    application = Application.objects.get(person=person)
    response = client.post(
        reverse("assessment_record", args=[person.pk, application.pk]),
        {
            "performed_on": today.isoformat(),
            "methods": ["home_visit"],
            "summary": "OK",
            "fact_needs_help_for_leisure": "true",
            "fact_wants_leisure_activity": "true",
            "fact_needs_covered_by_family": "false",
            "fact_one_to_one_staffing": "false",
            "fact_requested_hours_per_month": "8",
            "fact_purpose_escort_offices_doctor": "false",
            "fact_purpose_norwegian_tuition": "false",
            "fact_purpose_relief_of_parents": "false",
            "fact_purpose_health_care": "false",
            "lower_step": "considered",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    response = client.post(
        reverse("decision_create", args=[person.pk, application.pk, support.pk]),
        {
            "outcome": "granted",
            "quantity": "8",
            "scope_period": "month",
            "valid_from": today.isoformat(),
            "valid_to": add_months(today, 12).isoformat(),
            "review_date": add_months(today, 11).isoformat(),
            "service_form": "individual",
            "reasons": "Oppfylt.",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    letter = client.get(response["Location"] + "brev.pdf")
    assert letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")


def test_withdrawing_an_application_closes_it_once(
    client_as, caseworker, make_person, service_type, today
):
    person = make_person()
    application = register(caseworker, person, service_type, today)
    client = client_as(caseworker)
    url = reverse("application_withdraw", args=[person.pk, application.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]  # confirmed
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    response = client.post(url, follow=True)  # a second time: refused with a message
    assert response.status_code == 200
    assert len(list(response.context["messages"])) == 1
