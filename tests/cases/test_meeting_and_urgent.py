"""The monthly meeting and the urgent track (issue 7, point 1.8).

Seed 004 §2: "Søknad gjennomgås i koordinerende enhet for barn og unge, som gjennomføres en gang i
måneden" — the children's services of that guideline go to the monthly meeting. Other services
(home-based services, seed 002) are decided when ready. An urgent case (e.g. home nursing after a
hospital discharge) is decided within a number of days chosen at registration, comes first on
the worklist with its deadline, and is shown as overdue (red) when late.
"""

import datetime

import pytest
from django.urls import reverse

from omsorg.cases.deadlines import DeadlineState
from omsorg.cases.models import Application
from omsorg.cases.selectors import meeting_agenda, worklist_for
from omsorg.cases.services.applications import application_register, assessment_record
from omsorg.catalogue.spec import load_catalogue
from omsorg.core.errors import InvalidInput
from omsorg.demo.catalogues import catalogues_load, service_types_of
from tests.cases.test_letters import SUPPORT_CONTACT_FACTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(db):
    _municipality, versions = catalogues_load()
    return service_types_of(versions)


def register(caseworker, person, service_type, today, *, days_ago=0, urgent_days=None):
    received = today - datetime.timedelta(days=days_ago)
    return application_register(
        actor=caseworker,
        person=person,
        channel="referral",
        received_on=received,
        services=[(service_type, None)],
        consent_given=True,
        today=today,
        urgent_days=urgent_days,
    )


def ready(caseworker, application, today, facts=None):
    assessment_record(
        actor=caseworker,
        application=application,
        performed_on=today,
        methods=["home_visit"],
        facts=facts or {},
        summary="Kartlagt.",
        expected_version=None,
        today=today,
    )
    application.refresh_from_db()
    assert application.status == Application.Status.READY
    return application


def test_only_the_childrens_guideline_goes_to_the_monthly_meeting_seed004_2():
    assert all(s.monthly_meeting for s in load_catalogue("holtalen").services)
    assert not any(s.monthly_meeting for s in load_catalogue("hjemmetjenester").services)


def test_agenda_holds_meeting_services_others_are_decided_when_ready_seed004_2(
    caseworker, make_person, services, today
):
    child = make_person(age_years=12)
    support = ready(
        caseworker,
        register(caseworker, child, services["support_contact"], today),
        today,
        SUPPORT_CONTACT_FACTS,
    )
    elderly = make_person(age_years=80)
    nursing = ready(
        caseworker, register(caseworker, elderly, services["home_nursing"], today), today
    )
    _meeting, agenda = meeting_agenda(actor=caseworker, today=today)
    assert support in agenda and nursing not in agenda
    worklist = worklist_for(actor=caseworker, today=today)
    decide = [item.application for item in worklist.due if item.kind == "decide"]
    assert decide == [nursing]


def test_urgent_case_comes_first_with_its_deadline_and_skips_the_meeting_issue7_1_8(
    caseworker, make_person, services, today
):
    child = make_person(age_years=12)
    register(caseworker, child, services["support_contact"], today)  # ordinary, new
    elderly = make_person(age_years=83)
    urgent = register(caseworker, elderly, services["home_nursing"], today, urgent_days=3)
    urgent_respite = ready(
        caseworker,
        register(caseworker, child, services["respite_home"], today, urgent_days=7),
        today,
    )
    worklist = worklist_for(actor=caseworker, today=today)
    assert [item.application for item in worklist.urgent] == [urgent, urgent_respite]
    assert worklist.urgent[0].due == today + datetime.timedelta(days=3)
    assert worklist.urgent[0].state == DeadlineState.OK
    assert all(item.application not in (urgent, urgent_respite) for item in worklist.new)
    _meeting, agenda = meeting_agenda(actor=caseworker, today=today)
    assert urgent_respite not in agenda


def test_late_urgent_case_is_overdue_and_red_on_the_page_issue7_1_8(
    client_as, caseworker, make_person, services, today
):
    elderly = make_person(age_years=83, given_name="Ingrid", family_name="Utskrevet")
    register(caseworker, elderly, services["home_nursing"], today, days_ago=5, urgent_days=3)
    item = worklist_for(actor=caseworker, today=today).urgent[0]
    assert item.state == DeadlineState.OVERDUE
    html = client_as(caseworker).get(reverse("worklist")).content.decode()
    urgent_at = html.index("Hastesaker")
    assert urgent_at < html.index("Nye søknader")
    row = html[urgent_at : html.index("Nye søknader")]
    assert "Ingrid Utskrevet" in row and 'data-state="overdue"' in row


def test_urgent_days_are_chosen_at_registration_on_the_page(
    client_as, caseworker, make_person, services, today
):
    elderly = make_person(age_years=83)
    response = client_as(caseworker).post(
        reverse("application_create", args=[elderly.pk]),
        {
            "channel": "referral",
            "received_on": today.isoformat(),
            "services": [str(services["home_nursing"].pk)],
            "consent_given": "on",
            "urgent_days": "2",
        },
    )
    assert response.status_code == 302
    application = elderly.applications.get()
    assert application.urgent_days == 2
    assert application.urgent_deadline == today + datetime.timedelta(days=2)


@pytest.mark.parametrize("days", [0, 31])
def test_urgent_track_outside_1_to_30_days_is_refused_and_nothing_saved(
    caseworker, make_person, services, today, days
):
    elderly = make_person(age_years=83)
    with pytest.raises(InvalidInput) as error:
        register(caseworker, elderly, services["home_nursing"], today, urgent_days=days)
    assert error.value.field == "urgent_days"
    assert not Application.objects.filter(person=elderly).exists()
