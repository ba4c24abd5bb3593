"""Login throttling: one throttle for every way in (the login page, the admin, the API token).

Per account: after ``OMSORG_LOGIN_FREE_FAILURES`` failures since the account's last successful
login, every further try waits a delay that doubles with each failure, from
``OMSORG_LOGIN_BASE_DELAY_SECONDS`` up to ``OMSORG_LOGIN_MAX_DELAY_SECONDS``. Guessing a password
becomes slow, and a stranger can at worst make one account wait, never lock out its colleagues.

Per client address: only at a much higher count (``OMSORG_LOGIN_ADDRESS_MAX_FAILURES`` in
``OMSORG_LOGIN_ADDRESS_WINDOW_SECONDS``), since a town hall's NAT or a care home's network puts many
users behind one address. Behind the municipality's reverse proxy every request comes from the
proxy: its ``X-Forwarded-For`` names the client, and is believed only when the request comes from
one of ``OMSORG_TRUSTED_PROXIES`` (anyone else can write that header).

A success marks that account's failures as cleared (kept for the audit) and never touches another
account's failures or the address's count.
"""

import datetime
import ipaddress
import math

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from omsorg.core.clock import now
from omsorg.core.errors import OmsorgError
from omsorg.core.models import LoginFailure, User


class InvalidCredentials(OmsorgError):
    code = "invalid_credentials"
    http_status = 401
    default_message = _("The username or password is wrong.")


class TooManyAttempts(OmsorgError):
    code = "too_many_attempts"
    http_status = 429
    default_message = _("Too many failed attempts. Wait %(minutes)s minutes and try again.")

    def __init__(self, *, seconds: int):
        self.retry_after = seconds
        super().__init__(minutes=max(1, math.ceil(seconds / 60)))


def _account_delay(failures: int) -> int:
    """Seconds to wait after `failures` uncleared failures: none within the free tries, then
    doubling from the base delay up to the ceiling."""
    extra = failures - settings.OMSORG_LOGIN_FREE_FAILURES
    if extra < 0:
        return 0
    base = settings.OMSORG_LOGIN_BASE_DELAY_SECONDS
    return min(base * 2 ** min(extra, 20), settings.OMSORG_LOGIN_MAX_DELAY_SECONDS)


def _account_wait(username: str, at: datetime.datetime) -> float:
    since = at - datetime.timedelta(seconds=settings.OMSORG_LOGIN_WINDOW_SECONDS)
    failures = LoginFailure.objects.filter(username__iexact=username, cleared=False, at__gte=since)
    count = failures.count()
    delay = _account_delay(count)
    if not delay:
        return 0
    last = failures.order_by("-at").values_list("at", flat=True).first()
    return (last + datetime.timedelta(seconds=delay) - at).total_seconds()


def _address_wait(address: str | None, at: datetime.datetime) -> float:
    if not address:
        return 0
    window = datetime.timedelta(seconds=settings.OMSORG_LOGIN_ADDRESS_WINDOW_SECONDS)
    failures = LoginFailure.objects.filter(address=address, at__gte=at - window).order_by("at")
    over = failures.count() - settings.OMSORG_LOGIN_ADDRESS_MAX_FAILURES
    if over < 0:
        return 0
    # Free again when enough of the oldest failures have left the window.
    release = failures.values_list("at", flat=True)[over]
    return (release + window - at).total_seconds()


def login_wait_seconds(*, username: str, address: str | None) -> int:
    """How long this account, from this address, must wait before the next try (0: go ahead)."""
    at = now()
    wait = max(_account_wait(username, at), _address_wait(address, at))
    return max(0, math.ceil(wait))


def login_failure_record(*, username: str, address: str | None) -> None:
    LoginFailure.objects.create(username=username[:150], address=address)


def login_success_record(*, username: str) -> None:
    """The account's own failures are cleared; other accounts' and the address's stay."""
    LoginFailure.objects.filter(username__iexact=username, cleared=False).update(cleared=True)


def login_check_allowed(*, username: str, address: str | None) -> None:
    seconds = login_wait_seconds(username=username, address=address)
    if seconds:
        raise TooManyAttempts(seconds=seconds)


def authenticate_throttled(request, *, username: str, password: str) -> User:
    """The user for a correct username and password, the one door for every way in.

    Raises TooManyAttempts while the account or the address must wait (the password is not even
    tried), InvalidCredentials for a wrong one (which is counted).
    """
    address = client_address(request) if request is not None else None
    login_check_allowed(username=username, address=address)
    user = authenticate(request, username=username, password=password)
    if user is None:
        login_failure_record(username=username, address=address)
        raise InvalidCredentials()
    login_success_record(username=username)
    return user


def _ip(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None


def _trusted(address) -> bool:
    return any(address in network for network in trusted_proxy_networks())


def trusted_proxy_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.OMSORG_TRUSTED_PROXIES]


def client_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or, when that is a trusted proxy, the nearest address
    in X-Forwarded-For that is not a trusted proxy (read from the right: each proxy appends the
    address it saw, and only those appended by our own proxies can be believed)."""
    remote = _ip(request.META.get("REMOTE_ADDR"))
    if remote is None:
        return None
    if not _trusted(remote):
        return str(remote)
    client = remote
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        address = _ip(hop)
        if address is None:
            break  # a garbled entry: stop at the last address a trusted proxy vouched for
        client = address
        if not _trusted(address):
            break
    return str(client)
