"""Who is calling the API: a browser session (with CSRF on unsafe methods) or a bearer token.

Tokens are issued by POST /auth/token (see omsorg.core.tokens for how they are signed and
revoked). A request with neither gets 401; every handler reads the caller as `request.auth`,
which is set for both kinds (`request.user` is anonymous under a bearer token).
"""

from ninja import Router
from ninja.security import HttpBearer, django_auth

from omsorg.core.schemas import InSchema, errors, text
from omsorg.core.tokens import (
    TOKEN_MAX_AGE_SECONDS,
    token_obtain,
    token_revoke_presented,
    token_user,
)


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        request.bearer_token = token  # for the API's logout, which revokes this very token
        return token_user(token)


# Bearer first: a request that carries a token is not a browser form, so CSRF does not apply.
# ninja's django_auth checks CSRF for unsafe methods whenever it authenticates by session.
API_AUTH = [BearerToken(), django_auth]

router = Router(tags=["auth"])


class TokenIn(InSchema):
    username: text(150, min_length=1)
    password: text(4096, min_length=1)
    # The code from the authenticator app (or a recovery code), for a user with two-factor login.
    otp: text(40) = ""


class TokenOut(InSchema):
    token: str
    token_type: str = "Bearer"
    expires_in: int = TOKEN_MAX_AGE_SECONDS


@router.post("/token", auth=None, response={200: TokenOut, **errors(400, 401, 403, 422, 429)})
def token_create(request, payload: TokenIn):
    """A bearer token for eight hours. Throttled like every login: after five failures for an
    account each try waits longer (429 with Retry-After); an address waits only after many.
    A user with two-factor login sends the app's code as `otp` (401 second_factor_required
    without it; 403 second_factor_not_set_up before the app is set up on the web page)."""
    token = token_obtain(
        request=request, username=payload.username, password=payload.password, code=payload.otp
    )
    return TokenOut(token=token)


class LogoutOut(InSchema):
    revoked: bool


@router.post("/logout", auth=[BearerToken()], response={200: LogoutOut, **errors(401, 422)})
def token_logout(request):
    """Revoke the bearer token this request carries (the API's logout); the user's other
    tokens stay (log out of the pages, or use the account page, to revoke them all)."""
    token_revoke_presented(request.bearer_token)
    return LogoutOut(revoked=True)
