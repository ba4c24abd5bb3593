"""Login through an identity provider over OpenID Connect (core/oidc.py), issue 8 §1.

A real code flow against a local provider (django-oauth-toolkit, tests/settings.py) on the live
test server, no mock: the browser (a requests session) goes from the app to the provider, logs in
there, comes back with a code; the app exchanges it for tokens at the provider's token endpoint,
checks the ID token's RS256 signature with the provider's JWKS, reads the userinfo and logs the
user in. The provider answers on http://localhost:PORT and the app on http://127.0.0.1:PORT: two
hosts, so the provider's login session and the app's are separate cookies, as they would be.
"""

import re
import secrets

import pytest
import requests
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from oauth2_provider.models import Application

from omsorg.core.models import Role
from tests import factories
from tests.core.test_twofactor import totp_code

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls("tests.core.oidc_urls")]


@pytest.fixture
def sites(live_server):
    port = live_server.url.rsplit(":", 1)[1]
    return {"provider": f"http://localhost:{port}", "app": f"http://127.0.0.1:{port}"}


@pytest.fixture
def oidc(settings, sites):
    """The app configured for the provider as the README says, and the provider's client."""
    secret = secrets.token_urlsafe(32)
    client = Application.objects.create(
        name="Omsorg",
        client_id="omsorg-test",
        client_secret=secret,  # stored hashed by the provider
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=f"{sites['app']}/oidc/callback/",
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    provider = f"{sites['provider']}/o"
    settings.OMSORG_OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "omsorg.core.oidc.OidcBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = client.client_id
    settings.OIDC_RP_CLIENT_SECRET = secret
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/.well-known/jwks.json"
    settings.OMSORG_OIDC_ISSUER = provider
    return client


@pytest.fixture
def staff(municipality):
    """The Omsorg user, a caseworker."""
    return factories.user(municipality, Role.CASEWORKER, username="kari.nordmann")


@pytest.fixture
def identity(municipality, staff):
    """Her account at the provider (see tests/core/oidc_provider.py)."""
    return factories.user(municipality, Role.MANAGEMENT, username="idp-kari.nordmann")


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def provider_login(browser: requests.Session, response, user) -> requests.Response:
    """At the provider's login page (its own host), the user gives the password there."""
    assert response.url.startswith("http://localhost:")
    assert "/logg-inn/" in response.url
    form = {"username": user.username, "password": factories.PASSWORD}
    form["csrfmiddlewaretoken"] = csrf_token(response.text)
    return browser.post(response.url, data=form, timeout=30)


def start(browser: requests.Session, sites, next_url="/arbeidsliste/") -> requests.Response:
    return browser.get(f"{sites['app']}/oidc/authenticate/?next={next_url}", timeout=30)


def app_session_user(browser: requests.Session, sites) -> str:
    """Who the app's session (the 127.0.0.1 cookie) belongs to, from the page header."""
    page = browser.get(f"{sites['app']}/konto/", timeout=30, allow_redirects=False)
    return page.text if page.status_code == 200 else ""


def test_the_code_flow_logs_a_municipality_user_in(oidc, sites, staff, identity):
    browser = requests.Session()
    login_page = start(browser, sites)
    assert "/o/authorize/" in login_page.history[0].headers["Location"]
    assert "code_challenge=" in login_page.history[0].headers["Location"]  # PKCE
    assert app_session_user(browser, sites) == ""
    landed = provider_login(browser, login_page, identity)
    assert landed.status_code == 200
    assert landed.url == f"{sites['app']}/arbeidsliste/"
    hops = [r.url for r in landed.history]
    assert any(hop.startswith(f"{sites['app']}/oidc/callback/?code=") for hop in hops)
    assert "Kari.nordmann" in app_session_user(browser, sites)
    # Two sessions: the provider's (localhost) and the app's, which the callback made.
    assert len({c.domain for c in browser.cookies if c.name == "sessionid"}) == 2


def test_an_identity_that_names_no_user_in_omsorg_is_refused(
    oidc, sites, staff, identity, settings
):
    # Match by the `name` claim ("Kari.nordmann Testesen"), which is no user name in Omsorg.
    settings.OMSORG_OIDC_USERNAME_CLAIM = "name"
    browser = requests.Session()
    landed = provider_login(browser, start(browser, sites), identity)
    assert landed.url == f"{sites['app']}/logg-inn/?oidc=feil"
    assert "lyktes ikke" in landed.text
    assert app_session_user(browser, sites) == ""


def test_an_id_token_from_another_issuer_is_refused(oidc, sites, staff, identity, settings):
    settings.OMSORG_OIDC_ISSUER = "https://idporten.example/"
    browser = requests.Session()
    landed = provider_login(browser, start(browser, sites), identity)
    assert landed.url == f"{sites['app']}/logg-inn/?oidc=feil"
    assert app_session_user(browser, sites) == ""


def test_a_refused_token_exchange_is_a_clean_failure_not_a_server_error(
    oidc, sites, staff, identity, settings
):
    settings.OIDC_RP_CLIENT_SECRET = "not-the-secret"
    browser = requests.Session()
    landed = provider_login(browser, start(browser, sites), identity)
    assert landed.status_code == 200
    assert landed.url == f"{sites['app']}/logg-inn/?oidc=feil"
    assert app_session_user(browser, sites) == ""


def test_local_accounts_still_log_in_and_the_page_offers_the_provider(oidc, caseworker):
    client = Client()
    page = client.get("/logg-inn/").content.decode()
    assert "/oidc/authenticate/" in page
    response = client.post(
        "/logg-inn/", {"username": caseworker.username, "password": factories.PASSWORD}
    )
    assert response.status_code == 302


def test_without_a_second_factor_at_the_provider_the_apps_code_is_asked(
    oidc, sites, staff, identity, settings
):
    settings.OMSORG_2FA_REQUIRED = True
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    browser = requests.Session()
    landed = provider_login(browser, start(browser, sites), identity)
    assert landed.url == f"{sites['app']}/logg-inn/kode/"
    assert app_session_user(browser, sites) == ""
    form = {"code": totp_code(device), "csrfmiddlewaretoken": csrf_token(landed.text)}
    done = browser.post(landed.url, data=form, timeout=30)
    assert done.url == f"{sites['app']}/arbeidsliste/"


def test_a_second_factor_at_the_provider_counts(oidc, sites, staff, identity, settings):
    settings.OMSORG_2FA_REQUIRED = True
    settings.OMSORG_OIDC_SECOND_FACTOR_ACR = ["idporten-loa-high"]
    settings.OIDC_TEST_PROVIDER_ACR = "idporten-loa-high"
    browser = requests.Session()
    landed = provider_login(browser, start(browser, sites), identity)
    assert landed.url == f"{sites['app']}/arbeidsliste/"
    assert "Kari.nordmann" in app_session_user(browser, sites)
