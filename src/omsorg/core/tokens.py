"""Bearer tokens for the API, without a token table: Django's signing with a per-user key.

A token is the user id signed with a timestamp. The signing salt includes a fingerprint of
the user's password hash, so changing (or resetting) the password revokes every token the user
holds; a token lives eight hours, like a session. Issuing one is throttled like the login page
(the same LoginFailure rows, the same limits).
"""

from django.contrib.auth import authenticate
from django.core import signing
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import OmsorgError
from omsorg.core.models import User
from omsorg.core.throttle import login_blocked, login_failure_record, login_failures_clear

TOKEN_MAX_AGE_SECONDS = 8 * 60 * 60  # one working day, as SESSION_COOKIE_AGE
_SALT = "omsorg.core.tokens"
# A user id longer than this cannot be a row id; refusing it early keeps the lookup in range.
_MAX_ID_DIGITS = 18


class InvalidCredentials(OmsorgError):
    code = "invalid_credentials"
    http_status = 401
    default_message = _("The username or password is wrong.")


class TooManyAttempts(OmsorgError):
    code = "too_many_attempts"
    http_status = 429
    default_message = _("Too many failed attempts. Wait 15 minutes and try again.")


def _signer(user: User) -> signing.TimestampSigner:
    # The password hash changes with every new password; its HMAC (keyed by SECRET_KEY)
    # never leaves the server, so the token reveals nothing about it.
    fingerprint = salted_hmac(_SALT, f"{user.pk}:{user.password}").hexdigest()
    return signing.TimestampSigner(salt=f"{_SALT}:{fingerprint}")


def token_issue(user: User) -> str:
    return _signer(user).sign(str(user.pk))


def token_user(token: str) -> User | None:
    """The active user a token was issued to, or None if it is forged, expired or revoked."""
    user_id = token.split(":", 1)[0]
    if not user_id.isdigit() or len(user_id) > _MAX_ID_DIGITS:
        return None
    user = User.objects.filter(pk=int(user_id), is_active=True).first()
    if user is None:
        return None
    try:
        value = _signer(user).unsign(token, max_age=TOKEN_MAX_AGE_SECONDS)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    return user if value == str(user.pk) else None


def token_obtain(*, username: str, password: str, address: str | None, request=None) -> str:
    """A token for a correct username and password; refused after repeated failures."""
    if login_blocked(username=username, address=address):
        raise TooManyAttempts()
    user = authenticate(request, username=username, password=password)
    if user is None:
        login_failure_record(username=username, address=address)
        raise InvalidCredentials()
    login_failures_clear(username=username)
    return token_issue(user)
