"""Friendly 403/404 pages in the user's language even with DEBUG on (the demo), a denied read
in the access log, the API's index, and the administrator's /admin/ (issue 7 §3)."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from omsorg.core.models import Role
from omsorg.demo.staff import _admin_rights
from omsorg.people.models import AccessLog, Assignment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug(settings):
    settings.DEBUG = True  # as in the demo: Django would show its technical pages


def test_missing_page_is_friendly_and_in_bokmal_with_debug_on(debug, client_as, caseworker):
    response = client_as(caseworker).get("/finnes-ikke/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Fant ikke siden" in body and "DEBUG = True" not in body and "URLconf" not in body


def test_refused_person_is_a_friendly_404_in_english_and_logged_as_denied(
    debug, client_as, users, make_person
):
    person = make_person()
    client = client_as(users[Role.CARE_WORKER])
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("person_detail", args=[person.pk]))
    body = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in body and "technical" not in body.lower()
    entry = AccessLog.objects.get(person=person)
    assert entry.denied and entry.actor == users[Role.CARE_WORKER]


def test_forbidden_page_is_a_friendly_403_with_debug_on(debug, client_as, users, make_person,
                                                        today):  # fmt: skip
    worker = users[Role.CARE_WORKER]
    person = make_person()
    Assignment.objects.create(person=person, staff=worker, kind="primary_contact",
                              valid_from=today)  # fmt: skip
    response = client_as(worker).get(reverse("access_log", args=[person.pk]))
    assert response.status_code == 403
    assert "Ingen tilgang" in response.content.decode()


def test_api_root_is_an_index_of_the_api(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    index = response.json()
    assert index["docs"] == "/api/v1/docs" and index["openapi"] == "/api/v1/openapi.json"
    paths = {(e["method"], e["path"]) for e in index["endpoints"]}
    assert ("GET", "/api/v1/worklist") in paths and ("POST", "/api/v1/auth/token") in paths
    assert client.get(index["openapi"]).status_code == 200


def test_the_administrator_opens_the_admin_for_organisation_and_users(client_as, municipality):
    admin = factories.user(municipality, Role.ADMINISTRATOR)
    _admin_rights(admin)
    client = client_as(admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/core/user/").status_code == 200
    assert client.get("/admin/core/unit/add/").status_code == 200
    assert not admin.is_superuser
    assert not admin.has_perm("core.delete_user")
    leader = factories.user(municipality, Role.MANAGEMENT)
    assert client_as(leader).get("/admin/").status_code == 302  # to the admin's login


def test_a_form_without_its_token_gets_a_friendly_403(caseworker, make_person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)
    person = make_person()
    response = client.post(reverse("journal_note", args=[person.pk]), {"text": "Notat."})
    assert response.status_code == 403
    assert "Skjemaet kunne ikke sendes" in response.content.decode()
