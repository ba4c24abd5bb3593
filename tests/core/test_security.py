"""Login throttling, security headers, and the production rule on synthetic persons."""

import random

import pytest
from django.test import Client
from django.urls import reverse

from omsorg.core.errors import InvalidInput
from omsorg.core.models import LoginFailure, Role
from omsorg.people.identity import make_synthetic_number
from omsorg.people.services import person_create
from tests import factories

pytestmark = pytest.mark.django_db


def post_login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_is_throttled_after_five_failures_even_with_the_right_password(
    client, users, settings
):
    user = users[Role.CASEWORKER]
    for _ in range(settings.OMSORG_LOGIN_FREE_FAILURES):
        assert post_login(client, user.username, "wrong-password").status_code == 200
    assert LoginFailure.objects.count() == settings.OMSORG_LOGIN_FREE_FAILURES
    response = post_login(client, user.username, factories.PASSWORD)
    assert response.status_code == 200  # refused: the form comes back
    assert "_auth_user_id" not in client.session


def test_successful_login_clears_the_username_failures(client, users):
    user = users[Role.CASEWORKER]
    post_login(client, user.username, "wrong-password")
    response = post_login(client, user.username, factories.PASSWORD)
    assert response.status_code == 302
    assert not LoginFailure.objects.filter(username=user.username, cleared=False).exists()


def test_pages_send_csp_and_no_framing(client):
    response = client.get(reverse("login"))
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_session_cookie_is_http_only_and_passwords_are_hashed(client, users):
    user = users[Role.CASEWORKER]
    assert not user.password.startswith(factories.PASSWORD)
    assert user.check_password(factories.PASSWORD)
    post_login(client, user.username, factories.PASSWORD)
    assert client.cookies["sessionid"]["httponly"]


def test_pages_need_login(client):
    response = client.get(reverse("worklist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_csrf_is_enforced_on_forms(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users[Role.CASEWORKER])
    response = client.post(reverse("person_create"), {"given_name": "X"})
    assert response.status_code == 403


def test_production_refuses_synthetic_persons(settings, users, today):
    settings.OMSORG_ALLOW_SYNTHETIC_PERSONS = False
    number = make_synthetic_number(today.replace(year=today.year - 30), rng=random.Random(3))
    with pytest.raises(InvalidInput) as error:
        person_create(
            actor=users[Role.CASEWORKER],
            identity_number=number,
            given_name="Test",
            family_name="Testesen",
        )
    assert error.value.field == "identity_number"
