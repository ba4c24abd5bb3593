"""Two-factor authentication for staff (core/twofactor.py, core/twofactor_views.py), issue 8 §1.

The codes are real TOTP codes (RFC 6238), computed here from the device's key with hmac, as the
user's phone app would: no library function stands in for the app.
"""

import hashlib
import hmac
import re
import struct
import time

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from omsorg.core.models import LoginFailure, Role
from omsorg.core.twofactor import recovery_codes_renew
from tests import factories
from tests.api_support import API, assert_error

pytestmark = pytest.mark.django_db


def totp_code(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    """The six digits the phone shows now: HOTP (RFC 4226) of the 30-second step (RFC 6238)."""
    counter = int((time.time() - device.t0) // device.step) + offset_steps
    digest = hmac.new(device.bin_key, struct.pack(">Q", counter), hashlib.sha1).digest()
    start = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[start : start + 4])[0] & 0x7FFFFFFF
    return str(number % 10**device.digits).zfill(device.digits)


@pytest.fixture(autouse=True)
def required(settings):
    settings.OMSORG_2FA_REQUIRED = True
    # django-otp waits after a wrong code per device; these tests look at our flow, not its delay.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def enrolled(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return device


def password_step(client, user, next_url: str = ""):
    url = "/logg-inn/" + (f"?next={next_url}" if next_url else "")
    data = {"username": user.username, "password": factories.PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(url, data)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_an_enrolled_caseworker_needs_the_code_after_the_password(caseworker):
    device = enrolled(caseworker)
    client = Client()
    response = password_step(client, caseworker, next_url="/arbeidsliste/")
    assert response["Location"] == "/logg-inn/kode/"
    assert not logged_in(client)
    assert client.get("/arbeidsliste/").status_code == 302  # the password alone opens nothing
    page = client.get("/logg-inn/kode/")
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.content.decode()
    response = client.post("/logg-inn/kode/", {"code": totp_code(device)})
    assert response["Location"] == "/arbeidsliste/"
    assert logged_in(client)
    assert client.get("/arbeidsliste/").status_code == 200


def test_a_wrong_code_is_refused_and_counted_by_the_login_throttle(caseworker):
    device = enrolled(caseworker)
    client = Client()
    password_step(client, caseworker)
    wrong = str((int(totp_code(device)) + 1) % 10**6).zfill(6)
    response = client.post("/logg-inn/kode/", {"code": wrong})
    assert response.status_code == 200
    assert not logged_in(client)
    assert LoginFailure.objects.filter(username=caseworker.username, cleared=False).count() == 1
    for _ in range(4):
        client.post("/logg-inn/kode/", {"code": wrong})
    # Five failures: the account now waits, even with the right code.
    response = client.post("/logg-inn/kode/", {"code": totp_code(device)})
    assert response.status_code == 200
    assert not logged_in(client)


def test_a_code_cannot_be_used_twice(caseworker):
    device = enrolled(caseworker)
    code = totp_code(device)
    first = Client()
    password_step(first, caseworker)
    assert first.post("/logg-inn/kode/", {"code": code}).status_code == 302
    second = Client()
    password_step(second, caseworker)
    assert second.post("/logg-inn/kode/", {"code": code}).status_code == 200
    assert not logged_in(second)


def test_the_first_login_sets_up_the_app_and_shows_recovery_codes(caseworker):
    client = Client()
    response = password_step(client, caseworker, next_url="/arbeidsliste/")
    assert response["Location"] == "/logg-inn/ny-kode/"
    page = client.get("/logg-inn/ny-kode/").content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    assert "otpauth://totp/Omsorg" in page
    device = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    assert client.post("/logg-inn/ny-kode/", {"code": "000000"}).status_code == 200
    assert TOTPDevice.objects.get(user=caseworker, confirmed=False) == device  # same key kept
    response = client.post("/logg-inn/ny-kode/", {"code": totp_code(device)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    assert logged_in(client)
    assert client.get("/arbeidsliste/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_recovery_code_opens_the_login_once(caseworker):
    enrolled(caseworker)
    code = recovery_codes_renew(user=caseworker)[0]
    client = Client()
    password_step(client, caseworker)
    assert client.post("/logg-inn/kode/", {"code": code.upper()}).status_code == 302
    again = Client()
    password_step(again, caseworker)
    assert again.post("/logg-inn/kode/", {"code": code}).status_code == 200
    assert not logged_in(again)


def test_roles_without_person_data_log_in_with_the_password(users):
    client = Client()
    response = password_step(client, users[Role.MANAGEMENT])
    assert response.status_code == 302
    assert logged_in(client)


def test_when_not_required_the_password_is_enough_unless_the_user_set_up_an_app(
    caseworker, users, settings
):
    settings.OMSORG_2FA_REQUIRED = False  # the demo and development
    client = Client()
    assert password_step(client, caseworker).status_code == 302
    assert logged_in(client)
    leader = users[Role.SERVICE_LEADER]
    enrolled(leader)
    other = Client()
    assert password_step(other, leader)["Location"] == "/logg-inn/kode/"
    assert not logged_in(other)


def test_a_session_without_its_second_factor_reaches_no_page_and_no_api(caseworker):
    client = Client()
    client.force_login(caseworker)  # e.g. a session from before the setting was switched on
    response = client.get("/personer/")
    assert response["Location"] == "/logg-inn/ny-kode/"
    assert not logged_in(client)
    api = Client()
    api.force_login(caseworker)
    assert_error(api.get(f"{API}/persons"), 401, "not_authenticated")


def test_the_api_token_needs_the_code_of_a_user_with_an_app(caseworker):
    device = enrolled(caseworker)
    body = {"username": caseworker.username, "password": factories.PASSWORD}
    post = Client().post
    no_code = post(f"{API}/auth/token", body, content_type="application/json")
    assert_error(no_code, 401, "second_factor_required")
    wrong = post(f"{API}/auth/token", body | {"otp": "123"}, content_type="application/json")
    assert_error(wrong, 401, "invalid_code")
    right = post(
        f"{API}/auth/token", body | {"otp": totp_code(device)}, content_type="application/json"
    )
    assert right.status_code == 200
    token = right.json()["token"]
    bearer = Client(headers={"Authorization": f"Bearer {token}"})
    assert bearer.get(f"{API}/persons").status_code == 200


def test_the_api_token_is_refused_before_the_app_is_set_up(caseworker):
    body = {"username": caseworker.username, "password": factories.PASSWORD, "otp": "123456"}
    response = Client().post(f"{API}/auth/token", body, content_type="application/json")
    assert_error(response, 403, "second_factor_not_set_up")


def test_a_user_sets_up_the_app_and_renews_recovery_codes_on_the_account_page(users):
    user = users[Role.MANAGEMENT]  # not required: set up by choice
    client = Client()
    client.force_login(user)
    assert "/konto/tofaktor/" in client.get("/konto/").content.decode()
    client.get("/konto/tofaktor/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/konto/tofaktor/", {"code": totp_code(device)})
    assert len(re.findall(r"<li><code>", response.content.decode())) == 10
    renewed = client.post("/konto/gjenopprettingskoder/")
    assert len(re.findall(r"<li><code>", renewed.content.decode())) == 10
    assert client.get("/konto/").status_code == 200
    # From now on the password alone does not log this user in.
    assert password_step(Client(), user)["Location"] == "/logg-inn/kode/"


def test_a_pending_login_expires(caseworker, monkeypatch):
    device = enrolled(caseworker)
    client = Client()
    password_step(client, caseworker)
    session = client.session
    session["omsorg_login_pending"]["since"] -= 11 * 60
    session.save()
    response = client.post("/logg-inn/kode/", {"code": totp_code(device)})
    assert response["Location"] == "/logg-inn/"
    assert not logged_in(client)
