"""Issue 8 §2 (core/replay.py): `Idempotency-Key` on the API's POSTs.

An application registered twice with one key is registered once, and the second call gets the
first answer again; the key with another body is 422, a key still running is 409, both with a
message in bokmål and English (the IETF draft "The Idempotency-Key HTTP Header Field").
"""

from pathlib import Path

import pytest

from omsorg.cases.models import Application
from omsorg.core.clock import now
from omsorg.core.models import RequestKey, Role
from tests import factories
from tests.api_support import API, assert_error, session_client, token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(make_person):
    return make_person(age_years=12)


def body(today, channel="paper") -> dict:
    return {
        "channel": channel,
        "received_on": today.isoformat(),
        "consent_given": True,
        "services": [{"code": "support_contact", "quantity": 8}],
    }


def send(client, child, payload, key="k-1"):
    return client.post(
        f"{API}/persons/{child.pk}/applications",
        payload,
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )


def test_the_same_key_and_body_answers_the_first_response_again(caseworker, child, today):
    client = token_client(caseworker)
    first = send(client, child, body(today))
    second = send(client, child, body(today))
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second["Idempotency-Replayed"] == "true"
    assert Application.objects.filter(person=child).count() == 1


def test_the_same_key_with_another_body_is_422_in_both_languages(caseworker, child, today):
    client = token_client(caseworker)
    send(client, child, body(today))
    refused = send(client, child, body(today, channel="portal"))
    assert_error(refused, 422, "idempotency_key_reused", field="Idempotency-Key")
    assert Application.objects.filter(person=child).count() == 1


def test_a_key_still_running_is_409(caseworker, child, today):
    client = token_client(caseworker)
    send(client, child, body(today), key="first")
    row = RequestKey.objects.get(key="first")
    RequestKey.objects.create(
        user=caseworker, key="running", fingerprint=row.fingerprint, created_at=now()
    )
    assert_error(send(client, child, body(today), key="running"), 409, "idempotency_key_in_use")


def test_keys_are_each_user_s_own(municipality, caseworker, child, today):
    """Another caseworker's identical key is another key: no answer crosses users."""
    other = factories.user(municipality, Role.CASEWORKER)
    assert send(token_client(caseworker), child, body(today)).status_code == 201
    second_user = session_client(other)
    response = send(second_user, child, body(today))
    assert response.status_code == 201 and not response.has_header("Idempotency-Replayed")
    assert Application.objects.filter(person=child).count() == 2


def test_an_invalid_key_is_400(caseworker, child, today):
    response = send(token_client(caseworker), child, body(today), key="x" * 256)
    assert_error(response, 400, "idempotency_key_invalid")
    assert not Application.objects.exists()


def test_a_refused_request_answers_the_same_refusal_again(caseworker, child, today):
    client = token_client(caseworker)
    bad = {**body(today), "channel": "fax"}
    first, second = send(client, child, bad), send(client, child, bad)
    assert first.status_code == second.status_code == 422
    assert first.json() == second.json()


def test_without_a_key_nothing_is_stored(caseworker, child, today):
    client = token_client(caseworker)
    client.post(f"{API}/persons/{child.pk}/applications", body(today),
                content_type="application/json")  # fmt: skip
    assert not RequestKey.objects.exists()


def test_a_token_answer_is_never_stored(caseworker):
    caseworker.set_password("omsorg-test-passord")
    caseworker.save()
    response = session_client(caseworker).post(
        f"{API}/auth/token",
        {"username": caseworker.username, "password": "omsorg-test-passord"},
        content_type="application/json",
        headers={"Idempotency-Key": "login"},
    )
    assert response.status_code == 200
    assert not RequestKey.objects.exists()


# Forms that change nothing a double submit could repeat: log in (with its code steps, sent
# before there is a user to key a token to; a TOTP code is refused the second time anyway),
# log out, choose a language.
NO_TOKEN = {
    "registration/login.html",
    "registration/login_verify.html",
    "registration/login_enrol.html",
    "base.html",
}


def test_every_write_form_carries_a_one_time_token():
    """Each template form with a CSRF token also has {% form_token %} (core/replay.py)."""
    root = Path(__file__).resolve().parents[2] / "src" / "omsorg"
    missing = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("templates/**/*.html")
        if path.relative_to(path.parent.parent).as_posix() not in NO_TOKEN
        and path.name not in NO_TOKEN
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "{% csrf_token %}" in line and "{% form_token %}" not in line
    ]
    assert missing == []
