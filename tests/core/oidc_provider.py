"""The local test provider's claims: what a municipality's identity provider would say of a user.

The provider's own accounts are users named "idp-<name>" in the test database (the provider is
the same Django server); `preferred_username` gives <name>, the Omsorg user the identity belongs to
(the claim Omsorg matches by default). `acr` says how strongly the provider authenticated them, set
by a test through the OIDC_TEST_PROVIDER_ACR setting.
"""

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    # The provider's claims go out with the scope that grants them; acr always, with "openid".
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "acr": "openid"}

    def get_additional_claims(self, request):
        claims = {
            "preferred_username": request.user.username.removeprefix("idp-"),
            "name": request.user.get_full_name(),
        }
        acr = getattr(settings, "OIDC_TEST_PROVIDER_ACR", "")
        if acr:
            claims["acr"] = acr
        return claims
