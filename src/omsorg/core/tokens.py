"""Bearer tokens for the API: a signed value naming the user and the token's row.

Each token issued has an ApiToken row, so the user (on the account page) and an administrator (in
the admin) can list and revoke them, and logging out revokes all of the user's tokens. The token
itself is the user id and the row id signed with a timestamp; the signing salt includes a
fingerprint of the user's password hash, so a new (or reset) password revokes every token too. A
token lives eight hours, like a session. Issuing one goes through the login throttle
(core/throttle.py) and, for a user with a second factor, needs its code too.
"""

import datetime

from django.core import signing
from django.db import transaction
from django.utils.crypto import salted_hmac

from omsorg.core.clock import now
from omsorg.core.errors import NotFound
from omsorg.core.models import ApiToken, User
from omsorg.core.throttle import authenticate_throttled, client_address
from omsorg.core.twofactor import second_factor_check_for_token

TOKEN_MAX_AGE_SECONDS = 8 * 60 * 60  # one working day, as SESSION_COOKIE_AGE
_SALT = "omsorg.core.tokens"
# A row id longer than this cannot be a row id; refusing it early keeps the lookup in range.
_MAX_ID_DIGITS = 18


def _signer(user: User) -> signing.TimestampSigner:
    # The password hash changes with every new password; its HMAC (keyed by SECRET_KEY)
    # never leaves the server, so the token reveals nothing about it.
    fingerprint = salted_hmac(_SALT, f"{user.pk}:{user.password}").hexdigest()
    return signing.TimestampSigner(salt=f"{_SALT}:{fingerprint}")


def _row_id(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) <= _MAX_ID_DIGITS else None


def token_issue(user: User, *, address: str | None = None) -> str:
    row = ApiToken.objects.create(
        user=user,
        expires_at=now() + datetime.timedelta(seconds=TOKEN_MAX_AGE_SECONDS),
        address=address,
    )
    return _signer(user).sign(f"{user.pk}:{row.pk}")


def _token_row(token: str) -> ApiToken | None:
    """The token's row if the token is genuine, unexpired and not revoked."""
    parts = token.split(":", 2)
    ids = [_row_id(part) for part in parts[:2]]
    if len(parts) < 3 or None in ids:
        return None
    user = User.objects.filter(pk=ids[0], is_active=True).first()
    if user is None:
        return None
    try:
        value = _signer(user).unsign(token, max_age=TOKEN_MAX_AGE_SECONDS)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    if value != f"{ids[0]}:{ids[1]}":
        return None
    row = ApiToken.objects.filter(pk=ids[1], user=user, revoked_at__isnull=True).first()
    if row is None or row.expires_at <= now():
        return None
    row.user = user
    return row


def token_user(token: str) -> User | None:
    """The active user a token was issued to, or None if it is forged, expired or revoked."""
    row = _token_row(token)
    return row.user if row else None


def token_obtain(*, request, username: str, password: str, code: str = "") -> str:
    """A token for a correct username and password, and the code where the user has or needs a
    second factor; refused while the login throttle makes the account or the address wait."""
    user = authenticate_throttled(request, username=username, password=password)
    second_factor_check_for_token(request, user=user, code=code)
    return token_issue(user, address=client_address(request))


def tokens_active(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=now()))


def token_revoke(*, actor: User, token_id: int) -> None:
    """The user revokes one of their own tokens (absent and another's look the same)."""
    updated = ApiToken.objects.filter(pk=token_id, user=actor, revoked_at__isnull=True).update(
        revoked_at=now()
    )
    if not updated:
        raise NotFound()


def token_revoke_presented(token: str) -> None:
    """Revoke the token a caller presents (the API's logout)."""
    row = _token_row(token)
    if row is not None:
        ApiToken.objects.filter(pk=row.pk).update(revoked_at=now())


@transaction.atomic
def tokens_revoke_all(*, user: User) -> int:
    """Logging out ends the user's API access too: every token still alive is revoked."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now())


def tokens_revoke_selected(queryset) -> int:
    """The administrator's action in the admin: revoke the selected tokens."""
    return queryset.filter(revoked_at__isnull=True).update(revoked_at=now())
