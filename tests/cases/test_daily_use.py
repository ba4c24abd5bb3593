"""Daily use (issue 7 §3): the worklist (filters, assignment, links, the letter deadline, roles),
the person page's case file, forms that start from the decision in force, confirmations."""

import datetime

import pytest
from django.urls import reverse

from omsorg.cases.deadlines import add_months, add_working_days, is_working_day
from omsorg.cases.models import Application, Decision, JournalNote
from omsorg.cases.selectors import NOTIFY_WORKING_DAYS, worklist_for
from omsorg.cases.services.appeals import appeal_register
from omsorg.cases.services.applications import application_assign, application_register
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.cases.services.journal import journal_note_add
from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.models import CaseEvent, Role
from omsorg.people.models import Assignment
from tests import factories
from tests.api_support import API, token_client

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def register(actor, person, service_type, today, code="support_contact"):
    return application_register(
        actor=actor, person=person, channel="portal", received_on=today,
        services=[(service_type(code), None)], consent_given=True, today=today,
    )  # fmt: skip


def grant(actor, person, service_type, decided, application=None, **overrides):
    values = dict(
        service_type=service_type("support_contact"), outcome="granted",
        reasons="Vilkårene er oppfylt.", quantity=8, scope_period="month", valid_from=decided,
        valid_to=add_months(decided, 12), review_date=add_months(decided, 11),
        justification="Skjønn.", service_form="individual",
    )  # fmt: skip
    values.update(overrides)
    return decision_make(
        actor=actor, person=person, data=DecisionInput(**values), today=decided,
        application=application,
    )  # fmt: skip


def _items(worklist, kind):
    return [item for item in [*worklist.new, *worklist.due] if item.kind == kind]


def test_decision_letter_due_working_days_after_decision_and_red_when_late_fvl_27(
    caseworker, make_person, service_type, today
):
    """fvl § 27: notify as soon as possible; the office's standard is NOTIFY_WORKING_DAYS."""
    decided = today - 10 * DAY
    person = make_person(age_years=12)
    application = register(caseworker, person, service_type, decided)
    grant(caseworker, person, service_type, decided, application)
    [item] = _items(worklist_for(actor=caseworker, today=today), "notify")
    assert item.due == add_working_days(decided, NOTIFY_WORKING_DAYS)
    assert item.due < today and item.state == "overdue"  # not "due today" with a past date
    fresh = make_person(age_years=12)
    grant(caseworker, fresh, service_type, today, register(caseworker, fresh, service_type, today))
    new_item = next(i for i in _items(worklist_for(actor=caseworker, today=today), "notify")
                    if i.person == fresh)  # fmt: skip
    assert new_item.state == "due_soon" and new_item.due > today


def test_add_working_days_skips_weekends_and_public_holidays():
    # 23.12.2026 is a Wednesday; 25 and 26 December are holidays, 26-27 a weekend.
    wednesday = datetime.date(2026, 12, 23)
    assert add_working_days(wednesday, 3) == datetime.date(2026, 12, 29)
    assert all(is_working_day(add_working_days(wednesday, n)) for n in range(1, 10))


def test_worklist_filters_mine_my_unit_and_kind(municipality, users, make_person, service_type,
                                                today):  # fmt: skip
    office = factories.unit(municipality, "Tildelingskontoret", "office")
    me = factories.user(municipality, Role.CASEWORKER, unit=office)
    colleague = factories.user(municipality, Role.CASEWORKER, unit=office)
    elsewhere = factories.user(municipality, Role.CASEWORKER)
    mine = register(me, make_person(), service_type, today)
    theirs = register(colleague, make_person(), service_type, today)
    far = register(elsewhere, make_person(), service_type, today)
    application_assign(actor=me, application=far, caseworker=elsewhere, expected_version=1)

    def persons(**filters):
        worklist = worklist_for(actor=me, today=today, **filters)
        return {item.application.pk for item in worklist.new}

    assert persons() == {mine.pk, theirs.pk, far.pk}
    assert persons(scope="mine") == {mine.pk}
    assert persons(scope="unit") == {mine.pk, theirs.pk}
    assert persons(kind="notify") == set()
    assert persons(kind="application_new") == {mine.pk, theirs.pk, far.pk}
    application_assign(actor=me, application=theirs, caseworker=me, expected_version=1)
    assert persons(scope="mine") == {mine.pk, theirs.pk}
    event = CaseEvent.objects.filter(kind="application_assigned").latest("at")
    assert event.before["caseworker"] == colleague.pk and event.after["caseworker"] == me.pk


def test_only_a_caseworker_can_be_assigned(caseworker, users, make_person, service_type, today):
    application = register(caseworker, make_person(), service_type, today)
    with pytest.raises(InvalidInput):
        application_assign(actor=caseworker, application=application,
                           caseworker=users[Role.CARE_WORKER], expected_version=1)  # fmt: skip
    with pytest.raises(PermissionDenied):
        application_assign(actor=users[Role.SERVICE_LEADER], application=application,
                           caseworker=caseworker, expected_version=1)  # fmt: skip


def test_every_worklist_row_links_to_where_the_task_is_done(
    client_as, caseworker, make_person, service_type, today
):
    person = make_person(age_years=12)
    application = register(caseworker, person, service_type, today - 40 * DAY)
    decision = grant(caseworker, person, service_type, today - 5 * DAY, application)
    appeal = appeal_register(actor=caseworker, decision=decision, received_on=today,
                             grounds="For lite.", today=today)  # fmt: skip
    worklist = worklist_for(actor=caseworker, today=today)
    urls = {item.kind: item.url for item in worklist.due}
    assert urls["notify"] == reverse("decision_detail", args=[person.pk, decision.pk]) + "#notify"
    assert urls["appeal_registered"] == reverse("appeal_detail", args=[person.pk, appeal.pk])
    body = client_as(caseworker).get(reverse("worklist")).content.decode()
    for url in urls.values():
        assert f'href="{url}"' in body
    for url in set(urls.values()):  # each link opens a page the caseworker can use
        assert client_as(caseworker).get(url.split("#")[0]).status_code == 200


@pytest.mark.parametrize("role", [Role.CARE_WORKER, Role.SERVICE_LEADER])
def test_care_workers_and_leaders_never_see_caseworker_tasks(
    client_as, users, caseworker, department, make_person, service_type, today, role
):
    person = make_person(age_years=12)
    application = register(caseworker, person, service_type, today)
    grant(caseworker, person, service_type, today, application, unit=department)
    Assignment.objects.create(person=person, staff=users[Role.CARE_WORKER],
                              kind="primary_contact", valid_from=today)  # fmt: skip
    worklist = worklist_for(actor=users[role], today=today)
    assert worklist.new == [] and worklist.due == []
    body = client_as(users[role]).get(reverse("worklist")).content.decode()
    assert "Send vedtaksbrev" not in body and person.full_name not in body


def test_a_guardian_is_sent_from_the_worklist_to_the_family_page(client_as, municipality):
    guardian = factories.user(municipality, Role.GUARDIAN)
    response = client_as(guardian).get(reverse("worklist"))
    assert response.status_code == 302 and response.url == reverse("family_home")


def test_worklist_query_budget_with_decisions_and_appeals(
    client_as, caseworker, make_person, service_type, today, django_assert_max_num_queries
):
    for n in range(12):
        person = make_person(age_years=12)
        decision = grant(caseworker, person, service_type, today - n * DAY,
                         register(caseworker, person, service_type, today - n * DAY))  # fmt: skip
        if n % 3 == 0:
            appeal_register(actor=caseworker, decision=decision, received_on=today,
                            grounds="Klage.", today=today)  # fmt: skip
    client = client_as(caseworker)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("worklist") + "?scope=mine&kind=")
    assert response.status_code == 200


def test_person_page_shows_tasks_appeals_letters_and_the_journal(
    client_as, caseworker, make_person, service_type, today, django_assert_max_num_queries
):
    person = make_person(age_years=12)
    decision = grant(caseworker, person, service_type, today,
                     register(caseworker, person, service_type, today))  # fmt: skip
    appeal_register(actor=caseworker, decision=decision, received_on=today, grounds="Klage.",
                    today=today)  # fmt: skip
    client = client_as(caseworker)
    response = client.post(reverse("journal_note", args=[person.pk]),
                           {"text": "Mor ringte om\nhelgene."}, follow=True)  # fmt: skip
    assert [str(m) for m in response.context["messages"]] == ["Notatet er lagret i saksjournalen."]
    with django_assert_max_num_queries(25):
        body = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Åpne oppgaver" in body and "Send vedtaksbrev" in body
    assert reverse("appeal_detail", args=[person.pk, decision.appeals.get().pk]) in body
    assert reverse("decision_letter", args=[person.pk, decision.pk]) in body
    assert "Mor ringte om\nhelgene." in body and caseworker.display_name in body
    assert today.strftime("%d.%m.%Y") in body


def test_journal_note_is_written_by_a_caseworker_with_a_case_event(
    caseworker, users, make_person, today
):
    person = make_person()
    note = journal_note_add(actor=caseworker, person=person, text=" Hjemmebesøk avtalt. ",
                            today=today)  # fmt: skip
    assert (note.text, note.noted_on, note.created_by) == ("Hjemmebesøk avtalt.", today, caseworker)
    assert CaseEvent.objects.filter(kind="journal_note_added", person_id=person.pk).exists()
    with pytest.raises(InvalidInput):
        journal_note_add(actor=caseworker, person=person, text="   ", today=today)
    with pytest.raises(PermissionDenied):
        journal_note_add(actor=users[Role.CARE_WORKER], person=person, text="x", today=today)
    assert JournalNote.objects.count() == 1  # nothing half-saved


def test_care_worker_sees_no_case_journal(client_as, caseworker, users, make_person, today):
    person = make_person()
    journal_note_add(actor=caseworker, person=person, text="Fortrolig notat.", today=today)
    Assignment.objects.create(person=person, staff=users[Role.CARE_WORKER],
                              kind="primary_contact", valid_from=today)  # fmt: skip
    body = client_as(users[Role.CARE_WORKER]).get(reverse("person_detail", args=[person.pk]))
    assert body.status_code == 200 and "Fortrolig notat." not in body.content.decode()


def test_new_decision_starts_from_the_decision_in_force(
    client_as, caseworker, make_person, service_type, today
):
    person = make_person(age_years=12)
    old = grant(caseworker, person, service_type, today, quantity=6,
                valid_to=today + 20 * DAY, review_date=today + 10 * DAY)  # fmt: skip
    application = register(caseworker, person, service_type, today)
    url = reverse("decision_create", args=[person.pk, application.pk, old.service_type_id])
    response = client_as(caseworker).get(url)
    form = response.context["form"]
    assert form.initial["quantity"] == 6 and form.initial["scope_period"] == "month"
    assert form.initial["valid_from"] == old.valid_to + DAY  # the day after the old one ends
    assert form.initial["valid_to"] == old.valid_to + DAY + (old.valid_to - old.valid_from)
    assert response.context["in_force"] == old
    assert "Gjeldende vedtak" in response.content.decode()


def test_reversal_form_shows_grounds_and_criteria_and_starts_from_the_appealed_decision(
    client_as, caseworker, make_person, service_type, today
):
    person = make_person(age_years=12)
    start = today + 14 * DAY
    application = register(caseworker, person, service_type, today)
    decision = grant(caseworker, person, service_type, today, application, valid_from=start)
    appeal = appeal_register(actor=caseworker, decision=decision, received_on=today,
                             grounds="Vi trenger flere timer.", today=today)  # fmt: skip
    response = client_as(caseworker).get(reverse("appeal_reverse", args=[person.pk, appeal.pk]))
    body = response.content.decode()
    assert "Vi trenger flere timer." in body
    assert "Vurderte kriterier" in body
    initial = response.context["form"].initial
    assert initial["valid_from"] == start and initial["reasons"] == decision.reasons
    assert initial["outcome"] == Decision.Outcome.GRANTED and initial["quantity"] == 8


def test_notification_is_confirmed_with_dates_and_not_called_sent(
    client_as, caseworker, make_person, service_type, today
):
    person = make_person(age_years=12)
    decision = grant(caseworker, person, service_type, today)
    response = client_as(caseworker).post(
        reverse("decision_detail", args=[person.pk, decision.pk]),
        {"notified_on": today.isoformat(), "version": decision.version}, follow=True,
    )  # fmt: skip
    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith(f"Registrert: søkeren fikk vedtaket {today:%d.%m.%Y}.")
    body = response.content.decode()
    assert "mottatt av søkeren" in body and "sendt til søkeren" not in body


def test_registering_an_application_is_confirmed(client_as, caseworker, make_person, service_type,
                                                 today):  # fmt: skip
    person = make_person(age_years=12)
    response = client_as(caseworker).post(
        reverse("application_create", args=[person.pk]),
        {"channel": "portal", "received_on": today.isoformat(),
         "services": [str(service_type("support_contact").pk)]}, follow=True,
    )  # fmt: skip
    assert [str(m) for m in response.context["messages"]] == ["Søknaden er registrert."]
    assert Application.objects.get(person=person).caseworker == caseworker


def test_my_unit_includes_the_cases_my_unit_decides(municipality, make_person, service_type,
                                                    today):  # fmt: skip
    """The deciding unit follows the service (issue 7 §1.7): its caseworkers see its cases."""
    children = factories.unit(municipality, "Koordinerende enhet", "office")
    adults = factories.unit(municipality, "Tildelingskontoret", "office")
    me = factories.user(municipality, Role.CASEWORKER, unit=children)
    other = factories.user(municipality, Role.CASEWORKER, unit=adults)
    person = make_person(age_years=12)
    decision = grant(other, person, service_type, today,
                     register(other, person, service_type, today))  # fmt: skip
    Decision.objects.filter(pk=decision.pk).update(deciding_unit=children)
    unit_items = worklist_for(actor=me, today=today, scope="unit").due
    assert [i.kind for i in unit_items if i.decision == decision] == ["notify"]
    Decision.objects.filter(pk=decision.pk).update(deciding_unit=adults)
    assert not worklist_for(actor=me, today=today, scope="unit").due


def test_the_api_worklist_gives_a_care_worker_no_case_tasks(caseworker, users, make_person,
                                                            service_type, today):  # fmt: skip
    person = make_person(age_years=12)
    grant(
        caseworker, person, service_type, today, register(caseworker, person, service_type, today)
    )
    Assignment.objects.create(person=person, staff=users[Role.CARE_WORKER],
                              kind="primary_contact", valid_from=today)  # fmt: skip
    body = token_client(users[Role.CARE_WORKER]).get(f"{API}/worklist").json()
    assert body == {"urgent": [], "new": [], "due": []}
    body = token_client(caseworker).get(f"{API}/worklist").json()
    assert [item["kind"] for item in body["due"]] == ["notify"]
