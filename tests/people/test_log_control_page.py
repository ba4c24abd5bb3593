"""The data protection officer's log control page and the access log's retention (Normen;
issue 8 §4): unusual reads listed, each marked "checked, reason" with who and when; only the
officer's permission opens the page; rows older than OMSORG_ACCESS_LOG_DAYS are deleted."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from omsorg.core.models import Role
from omsorg.people.models import AccessLog, AccessLogCheck, StaffAddress
from omsorg.people.services import access_log_prune, log_control_group
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_night(settings):
    # Tests run at any hour: no night unless a test sets the hours (from == until: none).
    settings.OMSORG_LOG_CONTROL = {**settings.OMSORG_LOG_CONTROL, "night_from": 0,
                                   "night_until": 0}  # fmt: skip


@pytest.fixture
def officer(municipality):
    user = factories.user(municipality, Role.MANAGEMENT, username="personvernombud")
    user.groups.add(log_control_group())
    return user


def logged(actor, person, *, what="person record", at=None, denied=False) -> AccessLog:
    entry = AccessLog.objects.create(
        actor=actor, role=actor.role, person=person, what=what, channel="page", denied=denied
    )
    if at is not None:
        AccessLog.objects.filter(pk=entry.pk).update(at=at)
    return entry


def test_officer_sees_a_neighbours_record_read_and_marks_it_checked(
    client_as, officer, caseworker, make_person
):
    neighbour = make_person(street_address="Gauldalsvegen 4", postal_code="7380")
    StaffAddress.objects.create(user=caseworker, street_address="gauldalsvegen 4",
                                postal_code="7380")  # fmt: skip
    ordinary = make_person()
    entry = logged(caseworker, neighbour)
    logged(caseworker, ordinary, what="worklist")  # a list: daily work, not shown
    client = client_as(officer)
    body = client.get(reverse("log_control")).content.decode()
    assert neighbour.full_name in body and ordinary.full_name not in body
    assert "Samme adresse som den som leste" in body
    response = client.post(reverse("log_control"), {"entry": entry.pk, "reason": "  Avklart "})
    assert response.status_code == 302
    check = AccessLogCheck.objects.get(entry=entry)
    assert (check.checked_by, check.reason) == (officer, "Avklart")
    assert check.checked_at is not None
    assert neighbour.full_name not in client.get(reverse("log_control")).content.decode()
    shown = client.get(reverse("log_control") + "?vis=alle").content.decode()
    assert "Avklart" in shown and officer.display_name in shown
    # The officer's own reading of the log is logged too: the person may see it.
    assert AccessLog.objects.filter(actor=officer, person=neighbour, what="log control").exists()


def test_a_mark_needs_a_reason_and_is_made_once(client_as, officer, caseworker, make_person):
    entry = logged(caseworker, make_person(), denied=True)
    client = client_as(officer)
    client.post(reverse("log_control"), {"entry": entry.pk, "reason": "   "})
    assert not AccessLogCheck.objects.exists()
    client.post(reverse("log_control"), {"entry": entry.pk, "reason": "Feil klikk."})
    client.post(reverse("log_control"), {"entry": entry.pk, "reason": "Igjen."})
    assert AccessLogCheck.objects.get().reason == "Feil klikk."


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.SERVICE_LEADER, Role.MANAGEMENT])
def test_only_the_officers_permission_opens_the_log_control(client_as, users, role):
    client = client_as(users[role])
    assert client.get(reverse("log_control")).status_code == 403
    assert client.post(reverse("log_control"), {"entry": 1, "reason": "x"}).status_code == 403


def test_the_officer_finds_the_page_in_the_menu(client_as, officer):
    response = client_as(officer).get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("log_control")
    assert 'href="/personvern/loggkontroll/"' in response.content.decode()


def test_night_reads_of_a_person_without_a_case_follow_the_settings(
    client_as, officer, caseworker, make_person, settings, today
):
    person = make_person()
    evening = timezone.make_aware(datetime.datetime.combine(today, datetime.time(20, 30)))
    logged(caseworker, person, at=evening)
    client = client_as(officer)
    body = client.get(reverse("log_control")).content.decode()
    assert "Uten aktiv sak" in body and "Om natten" not in body
    settings.OMSORG_LOG_CONTROL = {**settings.OMSORG_LOG_CONTROL, "night_from": 20,
                                   "night_until": 6}  # fmt: skip
    assert "Om natten" in client.get(reverse("log_control")).content.decode()


def test_access_log_older_than_the_retention_is_deleted_by_the_command(
    caseworker, officer, make_person, settings
):
    settings.OMSORG_ACCESS_LOG_DAYS = 30
    person = make_person()
    old = logged(caseworker, person, at=timezone.now() - datetime.timedelta(days=31))
    AccessLogCheck.objects.create(entry=old, checked_by=officer, reason="Ok.")
    kept = logged(caseworker, person, at=timezone.now() - datetime.timedelta(days=29))
    out = StringIO()
    call_command("prune_access_log", stdout=out)
    assert "1" in out.getvalue()
    assert list(AccessLog.objects.all()) == [kept]
    assert not AccessLogCheck.objects.exists()
    assert access_log_prune() == 0  # nothing more to delete


def test_the_task_worker_runs_the_same_retention(caseworker, make_person, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.OMSORG_ACCESS_LOG_DAYS = 1
    logged(caseworker, make_person(), at=timezone.now() - datetime.timedelta(days=2))
    call_command("prune_access_log", "--queue", stdout=StringIO())
    assert not AccessLog.objects.exists()
