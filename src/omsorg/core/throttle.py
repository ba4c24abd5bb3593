"""Login throttling: too many failures for a username or from an address block further tries."""

import datetime

from django.conf import settings
from django.db.models import Q

from omsorg.core.clock import now
from omsorg.core.models import LoginFailure


def _window_start() -> datetime.datetime:
    return now() - datetime.timedelta(seconds=settings.OMSORG_LOGIN_WINDOW_SECONDS)


def login_blocked(*, username: str, address: str | None) -> bool:
    """True when the username or the address has too many recent failures."""
    recent = LoginFailure.objects.filter(at__gte=_window_start())
    by_user = recent.filter(username__iexact=username).count()
    by_address = recent.filter(address=address).count() if address else 0
    return max(by_user, by_address) >= settings.OMSORG_LOGIN_MAX_FAILURES


def login_failure_record(*, username: str, address: str | None) -> None:
    LoginFailure.objects.create(username=username[:150], address=address)


def login_failures_clear(*, username: str) -> None:
    """A successful login forgets the username's failures (not the address's)."""
    LoginFailure.objects.filter(Q(username__iexact=username)).delete()


def client_address(request) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a proxy we trust sets it.
    return request.META.get("REMOTE_ADDR") or None
