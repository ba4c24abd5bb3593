"""Bearer tokens (core/tokens.py, core/api_auth.py): issued for a correct password, throttled
like the login page, revoked by a new password, by logging out, by the user on the account page
and by an administrator in the admin, dead after eight hours."""

import time

import pytest
from django.core import signing
from django.test import Client

from omsorg.core import tokens
from omsorg.core.models import ApiToken, LoginFailure, Role
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


def test_the_limit_and_window_come_from_settings(caseworker, settings):
    settings.OMSORG_LOGIN_FREE_FAILURES = 2
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
    assert not LoginFailure.objects.filter(username=caseworker.username, cleared=False).exists()


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


def test_l8_logging_out_revokes_the_users_bearer_tokens(caseworker):
    # The report: the caseworker's token still gave 200 after the same user logged out.
    token = obtain(caseworker.username).json()["token"]
    assert bearer(token).get(f"{API}/persons").status_code == 200
    browser = Client()
    browser.post("/logg-inn/", {"username": caseworker.username, "password": factories.PASSWORD})
    assert browser.post("/logg-ut/").status_code == 302
    assert_error(bearer(token).get(f"{API}/persons"), 401, "not_authenticated")
    assert not tokens.tokens_active(caseworker)


def test_l8_restoring_the_password_hash_does_not_revive_a_revoked_token(caseworker):
    token = tokens.token_issue(caseworker)
    old_hash = caseworker.password
    tokens.tokens_revoke_all(user=caseworker)
    caseworker.set_password("another-long-passphrase-7")
    caseworker.save()
    caseworker.password = old_hash
    caseworker.save()
    assert_error(bearer(token).get(f"{API}/persons"), 401, "not_authenticated")


def test_the_user_lists_and_revokes_their_tokens_on_the_account_page(caseworker, client_as):
    kept = tokens.token_issue(caseworker, address="192.0.2.4")
    revoked = tokens.token_issue(caseworker)
    client = client_as(caseworker)
    page = client.get("/konto/")
    assert page.status_code == 200
    assert page.content.decode().count("/trekk-tilbake/") == 3  # two tokens and "revoke all"
    assert "192.0.2.4" in page.content.decode()
    row_id = revoked.split(":")[1]
    assert client.post(f"/konto/token/{row_id}/trekk-tilbake/").status_code == 302
    assert_error(bearer(revoked).get(f"{API}/persons"), 401, "not_authenticated")
    assert bearer(kept).get(f"{API}/persons").status_code == 200
    client.post("/konto/token/trekk-tilbake/")
    assert_error(bearer(kept).get(f"{API}/persons"), 401, "not_authenticated")


def test_a_user_cannot_revoke_another_users_token(users, caseworker, client_as):
    other = users[Role.SERVICE_LEADER]
    token = tokens.token_issue(other)
    client = client_as(caseworker)
    response = client.post(f"/konto/token/{token.split(':')[1]}/trekk-tilbake/", follow=True)
    assert response.status_code == 200
    assert bearer(token).get(f"{API}/persons").status_code == 200


def test_an_administrator_lists_and_revokes_tokens_in_the_admin(users, caseworker):
    token = tokens.token_issue(caseworker)
    admin = users[Role.ADMINISTRATOR]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    listing = client.get("/admin/core/apitoken/")
    assert listing.status_code == 200
    assert caseworker.username in listing.content.decode()
    row_id = token.split(":")[1]
    response = client.post(
        "/admin/core/apitoken/",
        {"action": "revoke", "_selected_action": [row_id]},
    )
    assert response.status_code == 302
    assert_error(bearer(token).get(f"{API}/persons"), 401, "not_authenticated")
    assert ApiToken.objects.get(pk=row_id).revoked_at is not None


def test_the_api_logout_revokes_the_presented_token(caseworker):
    token = tokens.token_issue(caseworker)
    other = tokens.token_issue(caseworker)
    response = bearer(token).post(f"{API}/auth/logout", {}, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {"revoked": True}
    assert_error(bearer(token).get(f"{API}/persons"), 401, "not_authenticated")
    assert bearer(other).get(f"{API}/persons").status_code == 200
