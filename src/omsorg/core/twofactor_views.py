"""The login's second step and the account's two-factor pages (core/twofactor.py holds the rules).

After a correct password a user who needs a second factor is not logged in yet: the session only
remembers, for ten minutes, who gave the password ("pending"). The code (or, the first time, a
newly set-up app's code) completes the login. No page or API call is open to a pending session.
"""

import time

import django_otp
from django import forms
from django.contrib.auth import BACKEND_SESSION_KEY, login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from omsorg.core.errors import OmsorgError
from omsorg.core.models import User
from omsorg.core.twofactor import (
    app_enrolled,
    qr_data_uri,
    recovery_codes_left,
    recovery_codes_renew,
    second_factor_enrolled,
    second_factor_verify,
    secret_text,
    totp_enrol_confirm,
    totp_enrol_start,
    totp_pending,
)
from omsorg.core.web import page

PENDING_KEY = "omsorg_login_pending"
PENDING_SECONDS = 10 * 60


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def pending_start(request, *, user: User, backend: str, next_url: str):
    """Remember who gave the right password, and send them to the code (or to set one up)."""
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": backend,
        "next": next_url,
        "since": time.time(),
    }
    return redirect("login_verify" if second_factor_enrolled(user) else "login_enrol")


def pending_from_session(request) -> tuple[User, dict] | tuple[None, None]:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        return None, None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if user else (None, None)


def session_demote(request):
    """A logged-in session that owes its second factor becomes a pending one."""
    user = request.user
    backend = request.session.get(BACKEND_SESSION_KEY, "django.contrib.auth.backends.ModelBackend")
    logout(request)
    return pending_start(request, user=user, backend=backend, next_url=request.get_full_path())


def _complete(request, user: User, pending: dict, device):
    del request.session[PENDING_KEY]
    login(request, user, backend=pending["backend"])
    django_otp.login(request, device)
    return pending["next"]


@never_cache
def login_verify(request):
    """The login's second step: the code from the app, or a recovery code."""
    user, pending = pending_from_session(request)
    if user is None:
        return redirect("login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor_verify(request, user=user, code=form.cleaned_data["code"])
        except OmsorgError as error:
            form.add_error("code", error.text())
        else:
            return redirect(_complete(request, user, pending, device))
    return render(request, "registration/login_verify.html", {"form": form})


def _enrol_page(request, *, user: User, on_confirmed):
    """Show the new app key as a QR code; the app's first code confirms it."""
    device_id = request.session.get("omsorg_enrol_device")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and device_id and form.is_valid():
        try:
            device, codes = totp_enrol_confirm(
                user=user, device_id=device_id, code=form.cleaned_data["code"]
            )
        except OmsorgError as error:
            form.add_error("code", error.text())
        else:
            del request.session["omsorg_enrol_device"]
            return on_confirmed(device, codes)
    # A wrong code keeps the key the user has scanned; a fresh visit makes a new one.
    device = totp_pending(user=user, device_id=device_id) if request.method == "POST" else None
    if device is None:
        device = totp_enrol_start(user=user)
        request.session["omsorg_enrol_device"] = device.pk
    context = {
        "form": form,
        "qr": qr_data_uri(device),
        "secret": secret_text(device),
        "otpauth": device.config_url,
    }
    return render(request, "registration/login_enrol.html", context)


@never_cache
def login_enrol(request):
    """The first login of a user who must have a second factor and has none: set up the app."""
    user, pending = pending_from_session(request)
    if user is None:
        return redirect("login")
    if second_factor_enrolled(user):
        return redirect("login_verify")  # an app exists: its code, not a new app, opens the door

    def confirmed(device, codes):
        next_url = _complete(request, user, pending, device)
        return _show_codes(request, codes, next_url)

    return _enrol_page(request, user=user, on_confirmed=confirmed)


def _show_codes(request, codes: list[str], next_url: str):
    return render(
        request, "registration/recovery_codes.html", {"codes": codes, "next_url": next_url}
    )


@page
@never_cache
def account_twofactor(request):
    """Set up (or replace) the authenticator app from the account page."""

    def confirmed(device, codes):
        django_otp.login(request, device)
        return _show_codes(request, codes, reverse("account"))

    return _enrol_page(request, user=request.user, on_confirmed=confirmed)


@page
@never_cache
@require_POST
def account_recovery_codes(request):
    """New recovery codes (the old ones stop working), for a user with an app set up."""
    if not app_enrolled(request.user):
        return redirect("account")
    return _show_codes(request, recovery_codes_renew(user=request.user), reverse("account"))


def account_context(user: User) -> dict:
    return {"app_enrolled": app_enrolled(user), "recovery_left": recovery_codes_left(user)}
