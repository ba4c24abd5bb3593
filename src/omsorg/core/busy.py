"""A database lock that outlasts the wait is a 503 with Retry-After, never a 500 (issue 8 §2).

SQLite waits `timeout` seconds for the single writer (settings: WAL, BEGIN IMMEDIATE);
PostgreSQL waits `lock_timeout` for a row lock, and may refuse a transaction that lost a
serialization race or a deadlock. Each is a "try again in a moment" for the user: nothing of
the request was saved (its transaction rolled back), and the same request later succeeds.
"""

import logging

from django.db.utils import OperationalError
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import OmsorgError
from omsorg.core.http_guard import status_page

logger = logging.getLogger("omsorg.busy")

RETRY_AFTER_SECONDS = 5
API_PREFIX = "/api/"
SQLITE_LOCKED = ("database is locked", "database table is locked", "database schema is locked")
# PostgreSQL: lock_not_available (lock_timeout), serialization_failure, deadlock_detected.
POSTGRES_BUSY = {"55P03", "40001", "40P01"}


class DatabaseBusy(OmsorgError):
    code = "database_busy"
    http_status = 503
    default_message = _(
        "The system is busy with another change right now. Nothing was saved; try again in a "
        "few seconds."
    )


def database_busy(exc: BaseException) -> bool:
    """A lock or a lost race between transactions, not a broken query."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) in POSTGRES_BUSY:
        return True
    return any(text in str(exc).lower() for text in SQLITE_LOCKED)


def busy_response(request):
    """The 503: JSON in both languages for the API, a page in the user's language otherwise."""
    logger.warning("database busy on %s %s", request.method, request.path)
    error = DatabaseBusy()
    if request.path_info.startswith(API_PREFIX):
        response = JsonResponse(error.as_dict(), status=503)
    else:
        # No request context: the page must not need the database that is busy.
        response = status_page(_("Busy right now"), error.text(), 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusyMiddleware:
    """Turns a view's lock error into the 503 (the API's own handler does the same)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if database_busy(exception):
            return busy_response(request)
        return None
