"""What every request and response passes (issue 8 §3, the security report's L1, L5, M5):

- a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE is refused with 413 before it is read
  (Django would raise RequestDataTooBig deep in a view, which reached the API's catch-all as
  a 500);
- the API reads JSON only: a POST, PUT or PATCH with a body of another type is 415 (text/plain
  and a missing type were parsed as JSON);
- no response is kept by a browser or a proxy: `Cache-Control: no-store, private` on every
  page, PDF, CSV and API answer (a case page or a letter stayed in a shared PC's cache).
  Static files are served outside Django's middleware and keep their own caching.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import OmsorgError

API_PREFIX = "/api/"
WITH_BODY = {"POST", "PUT", "PATCH"}


class TooLarge(OmsorgError):
    code = "request_too_large"
    http_status = 413
    default_message = _("The request is too large: at most %(limit)s MB can be sent.")


class NotJson(OmsorgError):
    code = "unsupported_media_type"
    http_status = 415
    default_message = _(
        "The API reads JSON only: send the body with Content-Type: application/json."
    )


def status_page(title, message, status: int) -> HttpResponse:
    """A plain page in the user's language that needs no database and no logged-in user."""
    page = render_to_string("status.html", {"title": title, "message": message})
    return HttpResponse(page, status=status)


def _limit_mb() -> str:
    return f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_048_576:.1f}".replace(".", ",")


def too_large(request):
    error = TooLarge(limit=_limit_mb())
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse(error.as_dict(), status=413)
    return status_page(_("The request is too large"), error.text(), 413)


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _is_json(request) -> bool:
    media_type = request.content_type or ""
    return media_type == "application/json" or media_type.endswith("+json")


class HttpGuardMiddleware:
    """Before anything reads the body (CSRF, the form token, the views)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = self._refused(request)
        response = refused or self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response

    def _refused(self, request):
        length = _declared_length(request)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            return too_large(request)
        api_write = request.path_info.startswith(API_PREFIX) and request.method in WITH_BODY
        has_body = length > 0 or "HTTP_TRANSFER_ENCODING" in request.META
        if api_write and has_body and not _is_json(request):
            return JsonResponse(NotJson().as_dict(), status=415)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):  # a body sent without its length
            return too_large(request)
        return None
