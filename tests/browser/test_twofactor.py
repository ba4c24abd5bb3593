"""Two-factor login in a real browser (issue 8 §1): the first login of a caseworker sets up the
authenticator app from the QR code page, shows the recovery codes, and lands on the worklist; the
next login asks for the code. Every page axe-clean, no CSP errors (the QR code is a data: image)."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests import factories
from tests.core.test_twofactor import totp_code

from .conftest import assert_accessible, assert_no_console_errors, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_first_login_sets_up_the_app_then_the_code_is_asked(
    page, console_errors, live_server, caseworker, settings
):
    settings.OMSORG_2FA_REQUIRED = True
    page.set_default_timeout(30_000)  # two logins, a QR code and axe four times: a long test
    page.goto(live_server.url + "/logg-inn/?next=/arbeidsliste/")
    page.get_by_label("Brukernavn").fill(caseworker.username)
    page.get_by_label("Passord", exact=True).fill(factories.PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Logg inn").click()
    expect(page).to_have_url(live_server.url + "/logg-inn/ny-kode/")
    qr = page.get_by_role("img", name="QR-kode med nøkkelen til autentiseringsappen din")
    expect(qr).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth > 0", qr.element_handle())
    assert_accessible(page)
    page.screenshot(path="/tmp/omsorg-2fa-enrol.png", full_page=True)
    device = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    page.get_by_label("Kode").fill(totp_code(device))
    with page.expect_navigation():
        page.get_by_role("button", name="Bekreft").click()
    expect(page.get_by_role("heading", name="Gjenopprettingskoder")).to_be_visible()
    expect(page.locator(".app-recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Jeg har tatt vare på kodene, fortsett").click()
    expect(page).to_have_url(live_server.url + "/arbeidsliste/")
    with page.expect_navigation():
        page.get_by_role("button", name="Logg ut").click()

    page.goto(live_server.url + "/logg-inn/")
    page.get_by_label("Brukernavn").fill(caseworker.username)
    page.get_by_label("Passord", exact=True).fill(factories.PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Logg inn").click()
    expect(page).to_have_url(live_server.url + "/logg-inn/kode/")
    assert_accessible(page)
    device.refresh_from_db()
    # The next step's code as the server counts: if a 30-second step ended between making the
    # first code and checking it, django-otp matched it one step back and keeps that drift
    # (OTP_TOTP_SYNC), so the next code is one step after the server's clock plus the drift.
    page.get_by_label("Kode").fill(totp_code(device, offset_steps=1 + device.drift))
    with page.expect_navigation():
        page.get_by_role("button", name="Logg inn").click()
    assert "/logg-inn/" not in page.url
    page.goto(live_server.url + "/konto/")
    expect(page.get_by_role("heading", name="Tofaktorautentisering")).to_be_visible()
    assert_accessible(page)
    assert_no_console_errors(console_errors)


def test_the_demo_login_helper_still_works_without_a_second_factor(page, live_server, caseworker):
    login(page, live_server, caseworker.username, factories.PASSWORD)
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
