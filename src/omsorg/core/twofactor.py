"""Two-factor authentication for staff: a TOTP app (django-otp), with recovery codes.

Who needs a second factor: a user who has set one up, and, when ``OMSORG_2FA_REQUIRED`` is on
(production by default), every user whose role reads person data or who administers users
(``OMSORG_2FA_ROLES``, and staff of the admin site). The password alone never opens a session for
them: the login page sends them on to the code (or, the first time, to set up the app), and the
API's token endpoint wants the code in the same request.

Recovery codes are django-otp's static tokens: ten single-use codes shown once, for the day the
phone is lost. A wrong code counts as a failed login for the account (core/throttle.py), on top
of django-otp's own growing delay per device.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from omsorg.core.errors import OmsorgError
from omsorg.core.models import User
from omsorg.core.throttle import client_address, login_check_allowed, login_failure_record

RECOVERY_CODE_COUNT = 10
_RECOVERY_DEVICE = "recovery"
_APP_DEVICE = "app"


class SecondFactorRequired(OmsorgError):
    code = "second_factor_required"
    http_status = 401
    default_message = _("Give the code from your authenticator app (field «otp»).")


class SecondFactorNotSetUp(OmsorgError):
    code = "second_factor_not_set_up"
    http_status = 403
    default_message = _(
        "Your account needs two-factor authentication. Log in on the web page once to set it up."
    )


class InvalidCode(OmsorgError):
    code = "invalid_code"
    http_status = 401
    default_message = _("The code is wrong or has expired.")


def second_factor_required(user: User) -> bool:
    """The setting demands a second factor of this user's role (a cheap check: no query)."""
    if not settings.OMSORG_2FA_REQUIRED:
        return False
    return user.role in settings.OMSORG_2FA_ROLES or user.is_staff or user.is_superuser


# Set on a session whose sign-in through the identity provider included a second factor there.
IDP_SECOND_FACTOR_KEY = "omsorg_idp_second_factor"


def second_factor_done(request) -> bool:
    """The session gave a second factor: a code here (django-otp), or one at the IdP."""
    return request.user.is_verified() or bool(request.session.get(IDP_SECOND_FACTOR_KEY))


def second_factor_enrolled(user: User) -> bool:
    return user_has_device(user, confirmed=True)


def second_factor_needed(user: User) -> bool:
    return second_factor_required(user) or second_factor_enrolled(user)


def normalized_code(code: str) -> str:
    # People type codes with the spaces and dashes the app shows; recovery codes are lower case.
    return "".join(code.split()).replace("-", "").lower()


def second_factor_verify(request, *, user: User, code: str):
    """The device that accepts the code, or InvalidCode (counted by the login throttle)."""
    address = client_address(request) if request is not None else None
    login_check_allowed(username=user.get_username(), address=address)
    device = match_token(user, normalized_code(code)) if code.strip() else None
    if device is None:
        login_failure_record(username=user.get_username(), address=address)
        raise InvalidCode()
    return device


def second_factor_check_for_token(request, *, user: User, code: str) -> None:
    """The API's token endpoint: the code in the same request, for a user who needs one."""
    if not second_factor_needed(user):
        return
    if not second_factor_enrolled(user):
        raise SecondFactorNotSetUp()
    if not code.strip():
        raise SecondFactorRequired()
    second_factor_verify(request, user=user, code=code)


@transaction.atomic
def totp_enrol_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed app device with a fresh key (any earlier unconfirmed one goes)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_APP_DEVICE, confirmed=False)


def totp_pending(*, user: User, device_id: int | None) -> TOTPDevice | None:
    """The app device being set up (shown, not yet confirmed by a code)."""
    if device_id is None:
        return None
    return TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()


@transaction.atomic
def totp_enrol_confirm(*, user: User, device_id: int, code: str) -> tuple[TOTPDevice, list[str]]:
    """The first code from the app confirms the device; it replaces any earlier app, and a new
    set of recovery codes is made. Returns the device and the recovery codes (shown once)."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(pk=device_id, user=user, confirmed=False)
        .first()
    )
    if device is None or not device.verify_token(normalized_code(code)):
        raise InvalidCode()
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device, recovery_codes_renew(user=user)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Ten new single-use recovery codes; the earlier ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=_RECOVERY_DEVICE, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def app_enrolled(user: User) -> bool:
    return any(isinstance(d, TOTPDevice) for d in devices_for_user(user, confirmed=True))


def secret_text(device: TOTPDevice) -> str:
    """The key as the app asks for it when typed by hand: base32 in groups of four."""
    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth URI as an SVG QR code in a data URI (the CSP allows data: images only)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
