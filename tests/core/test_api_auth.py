"""Bearer tokens (core/tokens.py, core/api_auth.py): issued for a correct password, throttled
like the login page, revoked by a new password, dead after eight hours."""

import time

import pytest
from django.core import signing
from django.test import Client

from omsorg.core import tokens
from omsorg.core.models import LoginFailure
from tests import factories
from tests.api_support import API, assert_error

pytestmark = pytest.mark.django_db


def obtain(username: str, password: str = factories.PASSWORD, address: str = "10.0.0.1"):
    return Client(REMOTE_ADDR=address).post(
        f"{API}/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )


def bearer(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_a_correct_password_gives_a_token_that_opens_the_api(caseworker):
    response = obtain(caseworker.username)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 8 * 60 * 60
    assert bearer(body["token"]).get(f"{API}/persons").status_code == 200


def test_a_wrong_password_is_401_and_counted(caseworker):
    assert_error(obtain(caseworker.username, "wrong"), 401, "invalid_credentials")
    assert LoginFailure.objects.filter(username=caseworker.username).count() == 1


def test_five_failures_for_a_username_block_even_the_right_password(caseworker):
    for _ in range(5):
        obtain(caseworker.username, "wrong", address=f"10.0.0.{_ + 10}")
    assert_error(obtain(caseworker.username), 429, "too_many_attempts")


def test_five_failures_from_one_address_block_other_usernames(caseworker):
    for index in range(5):
        obtain(f"guess{index}", "wrong", address="192.0.2.7")
    assert_error(obtain(caseworker.username, address="192.0.2.7"), 429, "too_many_attempts")
    assert obtain(caseworker.username, address="192.0.2.8").status_code == 200


def test_the_limit_and_window_come_from_settings(caseworker, settings):
    settings.OMSORG_LOGIN_MAX_FAILURES = 2
    obtain(caseworker.username, "wrong")
    assert obtain(caseworker.username).status_code == 200  # one failure: still allowed
    obtain(caseworker.username, "wrong")
    obtain(caseworker.username, "wrong")
    assert_error(obtain(caseworker.username), 429, "too_many_attempts")
    settings.OMSORG_LOGIN_WINDOW_SECONDS = 0  # the failures fall out of the window
    assert obtain(caseworker.username).status_code == 200


def test_a_success_forgets_the_usernames_failures(caseworker):
    obtain(caseworker.username, "wrong")
    assert obtain(caseworker.username).status_code == 200
    assert not LoginFailure.objects.filter(username=caseworker.username).exists()


def test_a_new_password_revokes_the_tokens(caseworker):
    token = tokens.token_issue(caseworker)
    caseworker.set_password("another-long-passphrase-7")
    caseworker.save()
    assert_error(bearer(token).get(f"{API}/persons"), 401, "not_authenticated")


def issued_ago(user, seconds: int, monkeypatch) -> str:
    """A token as if issued `seconds` ago (the signer stamps the time it signs)."""
    stamp = signing.b62_encode(int(time.time()) - seconds)
    with monkeypatch.context() as patch:
        patch.setattr(signing.TimestampSigner, "timestamp", lambda self: stamp)
        return tokens.token_issue(user)


def test_a_token_lives_eight_hours(caseworker, monkeypatch):
    assert tokens.token_user(issued_ago(caseworker, 8 * 60 * 60 - 60, monkeypatch)) == caseworker
    assert tokens.token_user(issued_ago(caseworker, 8 * 60 * 60 + 1, monkeypatch)) is None


def test_a_deactivated_user_loses_api_access(caseworker):
    token = tokens.token_issue(caseworker)
    caseworker.is_active = False
    caseworker.save()
    assert_error(bearer(token).get(f"{API}/persons"), 401, "not_authenticated")


@pytest.mark.parametrize("mangle", ["other_user", "tampered", "garbage", "huge_id"])
def test_forged_tokens_are_refused(users, caseworker, mangle):
    token = tokens.token_issue(caseworker)
    user_id, rest = token.split(":", 1)
    other = next(u for u in users.values() if u.pk != caseworker.pk)
    forged = {
        "other_user": f"{other.pk}:{rest}",
        "tampered": token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        "garbage": "not-a-token",
        "huge_id": f"{10**30}:{rest}",
    }[mangle]
    assert tokens.token_user(forged) is None
    assert_error(bearer(forged).get(f"{API}/persons"), 401, "not_authenticated")


def test_token_request_is_validated(client):
    response = client.post(f"{API}/auth/token", {"username": ""}, content_type="application/json")
    assert_error(response, 422, "invalid_input")
