"""The worklist page at a municipality's size (issue 8 §5): counts per section, one page of
tasks at a time sorted by urgency (overdue first), page links that keep the filters, only the
persons shown logged, and a query count that does not grow with the number of tasks."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from omsorg.cases.deadlines import DeadlineState
from omsorg.cases.selectors import worklist_for, worklist_pages
from omsorg.cases.services.applications import application_register
from omsorg.cases.worklist import WORKLIST_PAGE_SIZE
from omsorg.core.models import Role
from omsorg.people.models import AccessLog

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def register(caseworker, person, service_type, today, received_on):
    return application_register(
        actor=caseworker, person=person, channel="portal", received_on=received_on,
        services=[(service_type("support_contact"), None)], consent_given=True, today=today,
    )  # fmt: skip


def add_applications(caseworker, make_person, service_type, today, n, *, days_ago=0):
    """`n` applications received `days_ago` (long ago: the preliminary reply is overdue, fvl
    § 11a: a task in the "due" section as well as a new application)."""
    for i in range(n):
        received = today - (days_ago + i % 5) * DAY
        register(caseworker, make_person(), service_type, today, received)


def test_each_section_shows_one_page_and_counts_all(caseworker, make_person, service_type, today):
    add_applications(caseworker, make_person, service_type, today, WORKLIST_PAGE_SIZE + 5)
    sections = worklist_pages(actor=caseworker, today=today)
    new = sections["new"]
    assert (new.count, new.pages, new.number) == (WORKLIST_PAGE_SIZE + 5, 2, 1)
    assert len(new.items) == WORKLIST_PAGE_SIZE and new.next == 2 and new.previous is None
    second = worklist_pages(actor=caseworker, today=today, pages={"new": 2})["new"]
    assert len(second.items) == 5 and (second.first_shown, second.last_shown) == (26, 30)
    assert {i.application.pk for i in new.items}.isdisjoint(i.application.pk for i in second.items)
    # The full list (the API's) is the same tasks, all of them.
    assert len(worklist_for(actor=caseworker, today=today).new) == WORKLIST_PAGE_SIZE + 5


def test_a_page_past_the_end_shows_the_last_page(caseworker, make_person, service_type, today):
    add_applications(caseworker, make_person, service_type, today, 3)
    new = worklist_pages(actor=caseworker, today=today, pages={"new": 9})["new"]
    assert (new.number, new.pages, len(new.items)) == (1, 1, 3)


def test_due_tasks_sorted_by_urgency_overdue_first_and_counted(
    caseworker, make_person, service_type, today
):
    """fvl § 11a: a preliminary reply is due within a month; the oldest is the most overdue."""
    add_applications(caseworker, make_person, service_type, today, 30, days_ago=40)
    add_applications(caseworker, make_person, service_type, today, 4, days_ago=0)
    due = worklist_pages(actor=caseworker, today=today)["due"]
    assert due.count == 30 and due.overdue == 30  # today's applications are not due yet
    dues = [item.due for item in due.items]
    assert dues == sorted(dues)
    assert all(item.state == DeadlineState.OVERDUE for item in due.items)


def test_only_the_persons_on_the_pages_shown_are_logged(
    caseworker, make_person, service_type, today
):
    """Normen: the log says who read whom; a person on page 2, not shown, was not read."""
    add_applications(caseworker, make_person, service_type, today, WORKLIST_PAGE_SIZE + 10)
    worklist_pages(actor=caseworker, today=today)
    assert AccessLog.objects.filter(what="worklist").count() == WORKLIST_PAGE_SIZE


def test_page_shows_counts_and_links_that_keep_the_filters(
    client_as, caseworker, make_person, service_type, today
):
    add_applications(caseworker, make_person, service_type, today, WORKLIST_PAGE_SIZE + 2)
    client = client_as(caseworker)
    response = client.get(reverse("worklist"), {"scope": "all", "kind": "application_new"})
    body = response.content.decode()
    assert response.status_code == 200
    assert f"{WORKLIST_PAGE_SIZE + 2} nye søknader" in body
    assert 'href="?scope=all&amp;kind=application_new&amp;page_new=2#new"' in body
    assert body.count("Kartlegg søknaden") == WORKLIST_PAGE_SIZE
    response = client.get(
        reverse("worklist"), {"scope": "all", "kind": "application_new", "page_new": 2}
    )
    assert response.content.decode().count("Kartlegg søknaden") == 2


@pytest.mark.parametrize("bad", ["0", "-1", "x", "1.5", "99999999"])
def test_bad_page_number_is_refused_with_a_message(client_as, caseworker, bad):
    response = client_as(caseworker).get(reverse("worklist"), {"page_due": bad})
    assert response.status_code == 400
    assert "Sidenummeret må være et heltall" in response.content.decode()


def test_worklist_page_query_count_does_not_grow_with_tasks(
    client_as, caseworker, make_person, service_type, today
):
    """Issue 8 §5: query counts flat in the number of rows."""
    client = client_as(caseworker)

    def queries() -> int:
        client.get(reverse("worklist"))  # warm: the session's first request loads more
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("worklist")).status_code == 200
        return len(captured)

    add_applications(caseworker, make_person, service_type, today, 3, days_ago=40)
    few = queries()
    add_applications(
        caseworker, make_person, service_type, today, 2 * WORKLIST_PAGE_SIZE + 7, days_ago=40
    )
    assert queries() == few


@pytest.mark.parametrize(
    "role", [Role.CARE_WORKER, Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR]
)
def test_other_roles_see_no_case_tasks_and_read_no_one(
    client_as, users, caseworker, make_person, service_type, today, role
):
    add_applications(caseworker, make_person, service_type, today, 5, days_ago=40)
    AccessLog.objects.all().delete()
    response = client_as(users[role]).get(reverse("worklist"))
    assert response.status_code == 200
    assert "Kartlegg søknaden" not in response.content.decode()
    assert not AccessLog.objects.exists()
