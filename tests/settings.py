"""Settings for the test run: the app's own settings, plus a local OpenID Connect provider.

django-oauth-toolkit's OIDC provider lets tests/core/test_oidc.py run the real authorization code
flow against a provider on the test server, with no internet: its tables exist in the test
database, and its URLs are mounted only in the test URLconf (tests/core/oidc_urls.py), never in
the app's. Its RSA signing key is made fresh for each run.
"""

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from omsorg.settings import *  # noqa: F403 (the app's settings, unchanged, with the below added)
from omsorg.settings import INSTALLED_APPS


def _signing_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


INSTALLED_APPS = [*INSTALLED_APPS, "oauth2_provider"]
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": _signing_key(),
    "PKCE_REQUIRED": True,
    "SCOPES": {"openid": "OpenID Connect", "profile": "Name and user name"},
    "OAUTH2_VALIDATOR_CLASS": "tests.core.oidc_provider.ClaimsValidator",
}
