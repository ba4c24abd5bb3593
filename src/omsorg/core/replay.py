"""The same POST twice does the work once (issue 8 §2).

Two doors, one table (core.models.RequestKey):

- the API: a client sends `Idempotency-Key: <its own unique value>` on a POST. The first request
  runs and its answer is stored; the same key with the same request gets that answer again
  (header `Idempotency-Replayed: true`); the same key with another body is refused (422), and
  while the first is still running the second is refused (409), as the IETF draft
  "The Idempotency-Key HTTP Header Field" describes.
- the pages: every write form carries a one-time token (`{% form_token %}`). A form sent twice
  (a double click, the back button, a reload) runs once; the second send is taken to where the
  first one led, with a message saying so. A double click's second request waits for the first.

A key is the user's own (a key of another user is another key), and lives for a day. A server
error (5xx) frees the key so that the request can be retried. Page HTML is never stored, only
the redirect target; the API's answer is stored as sent.
"""

import datetime
import hashlib
import time

from django.contrib import messages
from django.db import IntegrityError, OperationalError, transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from omsorg.core.busy import busy_response, database_busy
from omsorg.core.clock import now
from omsorg.core.errors import OmsorgError
from omsorg.core.models import RequestKey
from omsorg.core.tokens import token_user

API_PREFIX = "/api/"
NOT_KEYED = ("/api/v1/auth/",)  # a token answer is never stored
HEADER = "Idempotency-Key"
FORM_FIELD = "form_token"
KEY_LIFETIME = datetime.timedelta(hours=24)
# A first request still "running" after this long died without answering: its key is free.
ABANDONED_AFTER = datetime.timedelta(minutes=2)
PAGE_WAIT_SECONDS = 10.0  # how long a double click's second request waits for the first
POLL_SECONDS = 0.2


class KeyInvalid(OmsorgError):
    code = "idempotency_key_invalid"
    http_status = 400
    default_message = _("The Idempotency-Key header must be 1 to 255 visible characters.")


class KeyReused(OmsorgError):
    code = "idempotency_key_reused"
    http_status = 422
    default_message = _(
        "This Idempotency-Key was used for another request. Use a new key for a new request."
    )


class KeyInUse(OmsorgError):
    code = "idempotency_key_in_use"
    http_status = 409
    default_message = _(
        "A request with this Idempotency-Key is still being processed. Try again in a moment."
    )


def _fingerprint(request, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.get_full_path().encode(), body):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _valid_key(key: str) -> bool:
    return 0 < len(key) <= 255 and key.isprintable() and key.isascii()


def _reserve(user, key: str, fingerprint: str) -> RequestKey | None:
    """Claim the key for this request (None), or return the row of the request that has it.

    Committed at once, outside any request transaction: a second request must see it."""
    moment = now()
    RequestKey.objects.filter(user=user, key=key, created_at__lt=moment - KEY_LIFETIME).delete()
    RequestKey.objects.filter(
        user=user, key=key, status__isnull=True, created_at__lt=moment - ABANDONED_AFTER
    ).delete()
    try:
        with transaction.atomic():
            RequestKey.objects.create(
                user=user, key=key, fingerprint=fingerprint, created_at=moment
            )
        return None
    except IntegrityError:
        return RequestKey.objects.filter(user=user, key=key).first()


def _release(user, key: str) -> None:
    RequestKey.objects.filter(user=user, key=key, status__isnull=True).delete()


def _error(error: OmsorgError) -> JsonResponse:
    return JsonResponse(error.as_dict(), status=error.http_status)


class RequestKeyMiddleware:
    """After authentication: knows the page's user; reads the API's bearer token itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST":
            return self.get_response(request)
        if request.path_info.startswith(API_PREFIX):
            return self._api(request)
        return self._page(request)

    # ------------------------------------------------------------------ the API

    def _api(self, request):
        key = request.headers.get(HEADER)
        if key is None or request.path_info.startswith(NOT_KEYED):
            return self.get_response(request)
        if not _valid_key(key):
            return _error(KeyInvalid(field=HEADER))
        user = _api_caller(request)
        if user is None:  # ninja answers 401
            return self.get_response(request)
        fingerprint = _fingerprint(request, request.body)
        try:
            earlier = _reserve(user, key, fingerprint)
        except OperationalError as exc:
            return _busy(request, exc)
        if earlier is not None:
            return _api_replay(earlier, fingerprint)
        return self._run_and_store(request, user, key, store_body=True)

    def _run_and_store(self, request, user, key: str, *, store_body: bool):
        try:
            response = self.get_response(request)
        except BaseException:
            _release(user, key)
            raise
        if response.status_code >= 500 or (not store_body and not response.has_header("Location")):
            _release(user, key)  # a page's form errors: the user corrects and sends again
            return response
        RequestKey.objects.filter(user=user, key=key).update(
            status=response.status_code,
            content_type=response.get("Content-Type", ""),
            body=bytes(response.content) if store_body else b"",
            location=response.get("Location", ""),
        )
        return response

    # ------------------------------------------------------------------ the pages

    def _page(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        token = request.POST.get(FORM_FIELD, "")
        if not token or not _valid_key(token):
            return self.get_response(request)
        fingerprint = _fingerprint(request, b"")  # the token is per form; the path is enough
        try:
            earlier = _reserve(user, token, fingerprint)
        except OperationalError as exc:
            return _busy(request, exc)
        if earlier is None:
            return self._run_and_store(request, user, token, store_body=False)
        if earlier.fingerprint != fingerprint:
            return self.get_response(request)  # a token copied to another form: no guard
        finished = _await(earlier)
        if finished is None:  # the first was refused (form errors): this one answers the same
            return self.get_response(request)
        return _page_replay(request, finished)


def _busy(request, exc: OperationalError):
    if database_busy(exc):
        return busy_response(request)
    raise exc


def _api_caller(request):
    """The bearer token's user, else the session's (as API_AUTH decides)."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() == "bearer" and token:
        return token_user(token.strip())
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _api_replay(earlier: RequestKey, fingerprint: str):
    if earlier.fingerprint != fingerprint:
        return _error(KeyReused(field=HEADER))
    if earlier.status is None:
        return _error(KeyInUse(field=HEADER))
    response = HttpResponse(
        bytes(earlier.body), status=earlier.status, content_type=earlier.content_type or None
    )
    if earlier.location:
        response["Location"] = earlier.location
    response["Idempotency-Replayed"] = "true"
    return response


def _await(earlier: RequestKey) -> RequestKey | None:
    """A double click: wait for the first request's answer. None when the first one freed its
    key (it answered with form errors); a row still without status when it took too long."""
    deadline = time.monotonic() + PAGE_WAIT_SECONDS
    row = earlier
    while row is not None and row.status is None and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        row = RequestKey.objects.filter(pk=earlier.pk).first()
    return row


def _page_replay(request, earlier: RequestKey):
    if not earlier.location:
        messages.warning(
            request, gettext("The form was sent twice. Check that your change is saved.")
        )
        return HttpResponseRedirect(request.get_full_path())
    messages.info(request, gettext("The form had already been sent; this is its result."))
    return HttpResponseRedirect(earlier.location)
