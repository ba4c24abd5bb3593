"""Login through the municipality's identity provider or ID-porten (OpenID Connect).

mozilla-django-oidc runs the authorization code flow (with PKCE and a nonce): the browser goes to
the provider, comes back with a code, the server exchanges it for tokens, checks the ID token's
signature against the provider's keys (JWKS), and reads the user's claims. Here we add what the
library leaves to us:

- the ID token's issuer and audience are checked (the library checks neither);
- a user is found by one claim (``OMSORG_OIDC_USERNAME_CLAIM``, by default
  ``preferred_username``) among the active local users; no account is made from a claim: the
  administrator gives every user a role and a unit first;
- the second factor: when the ID token's ``acr`` is one of ``OMSORG_OIDC_SECOND_FACTOR_ACR`` (for
  ID-porten ``idporten-loa-high``) the provider has asked for it; otherwise a user who needs one
  gives the app's code here after the provider, as after a password.
"""

import logging

import requests
from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from omsorg.core.models import User
from omsorg.core.twofactor import IDP_SECOND_FACTOR_KEY, second_factor_needed
from omsorg.core.twofactor_views import pending_start

logger = logging.getLogger("omsorg.oidc")
_ACR_SESSION_KEY = "omsorg_oidc_acr"
BACKEND = "omsorg.core.oidc.OidcBackend"


class OidcBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, SuspiciousOperation) as error:
            # The provider refused the code, was unreachable, or sent a token we do not trust:
            # the user is sent back to the login page with a message, never a server error.
            logger.warning("OpenID Connect login refused: %s", error)
            return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if kwargs.get("nonce") is None:
            return payload  # a signed userinfo answer, not the ID token
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was issued to another client.")
        issuer = settings.OMSORG_OIDC_ISSUER
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("The ID token comes from another issuer.")
        self.request.session[_ACR_SESSION_KEY] = str(payload.get("acr", ""))
        return payload

    def verify_claims(self, claims):
        return bool(claims.get(settings.OMSORG_OIDC_USERNAME_CLAIM))

    def filter_users_by_claims(self, claims):
        username = claims.get(settings.OMSORG_OIDC_USERNAME_CLAIM)
        if not username:
            return User.objects.none()
        return User.objects.filter(username__iexact=username, is_active=True)

    def create_user(self, claims):
        return None  # roles and units come from the administrator, never from a claim


class OidcCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: log in, then ask for the second factor if the provider did not."""

    def login_success(self):
        next_url = self.success_url  # read before a logout below empties the session
        response = super().login_success()
        acr = self.request.session.pop(_ACR_SESSION_KEY, "")
        if acr and acr in settings.OMSORG_OIDC_SECOND_FACTOR_ACR:
            self.request.session[IDP_SECOND_FACTOR_KEY] = True
            return response
        if not second_factor_needed(self.user):
            return response
        logout(self.request)
        return pending_start(self.request, user=self.user, backend=BACKEND, next_url=next_url)
