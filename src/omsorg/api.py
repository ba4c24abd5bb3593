"""The JSON API under /api/v1/: one NinjaAPI mounting each app's router.

Every error leaves here with the same body as the services' errors,
{"code", "message" (bokmål), "message_en", "field"}: domain errors keep their own code and
status; request problems found by the schemas become 422 "invalid_input" with a sentence in
both languages; no stack trace ever reaches a client.
"""

import logging
from functools import cache

from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.utils import OperationalError
from django.http import Http404
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from omsorg.cases.api import router as cases_router
from omsorg.catalogue.api import router as catalogue_router
from omsorg.core.api_auth import API_AUTH
from omsorg.core.api_auth import router as auth_router
from omsorg.core.busy import busy_response, database_busy
from omsorg.core.errors import NotFound, OmsorgError, PermissionDenied
from omsorg.core.http_guard import too_large
from omsorg.homecare.api import router as homecare_router
from omsorg.people.api import router as people_router
from omsorg.respite.api import router as respite_router
from omsorg.steering.api import router as steering_router
from omsorg.steering.plan_api import router as plan_router

logger = logging.getLogger("omsorg.api")

# Answers the middleware and the lock handler give before or around any handler: declared on
# every operation so a client (and the schema fuzzing) knows them (DESIGN.md convention 4).
_GUARD_RESPONSES = {
    503: "Service Unavailable: the database is busy; retry after `Retry-After` seconds.",
}
_BODY_GUARD_RESPONSES = {
    413: "Content Too Large: the body is over 2.5 MB.",
    415: "Unsupported Media Type: the body is not JSON.",
}


class OmsorgApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                _declare_guard_responses(operation)
        return schema


def _declare_guard_responses(operation: dict) -> None:
    guards = dict(_GUARD_RESPONSES)
    if "requestBody" in operation:
        guards.update(_BODY_GUARD_RESPONSES)
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for status, description in guards.items():
        operation["responses"].setdefault(status, {"description": description, "content": error})


api = OmsorgApi(
    title="Omsorg API",
    version="1",
    description=(
        "Case processing for municipal health and care services (omsorg). Bodies are JSON "
        "(anything else is 415) of at most 2.5 MB (413). A POST may carry an "
        "`Idempotency-Key` header: the same key and body again returns the first answer "
        "(`Idempotency-Replayed: true`), the key with another body is 422, a key still in "
        "progress 409. A database lock that outlasts the wait is 503 with `Retry-After`."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=API_AUTH,
)


@cache
def _endpoints(prefix: str) -> tuple[dict, ...]:
    """Every operation of the API, read once from its OpenAPI schema (all routers are mounted
    when the first request arrives)."""
    schema = api.get_openapi_schema(path_prefix=prefix)
    return tuple(
        {"path": path, "method": method.upper(), "summary": operation.get("summary", "")}
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    )


@api.get("/", auth=None, include_in_schema=False)
def index(request):
    """Where to start: the documentation, the schema, how to get a token, every endpoint."""
    prefix = reverse("api:api-root").rstrip("/")
    return {
        "name": api.title,
        "version": api.version,
        "docs": reverse("api:openapi-view"),
        "openapi": reverse("api:openapi-json"),
        "token": reverse("api:api-root") + "auth/token",
        "endpoints": list(_endpoints(prefix)),
    }


api.add_router("/auth", auth_router)
api.add_router("/catalogue", catalogue_router)
api.add_router("/", people_router)
api.add_router("/", cases_router)
api.add_router("/", respite_router)
api.add_router("/", steering_router)
api.add_router("/", plan_router)
api.add_router("/", homecare_router)

# Where a request problem sits: the leading location ninja adds is not part of the field name.
_SOURCES = {"body", "query", "path", "header", "cookie", "form"}
_BODY_PARAM = "payload"  # every handler names its body parameter so

# pydantic error type -> (bokmål, English); {field} and the error's context fill them in.
_FIELD_PROBLEMS = {
    "missing": ("«{field}» mangler.", "'{field}' is missing."),
    "iso_date": (
        "«{field}» må være en dato skrevet ÅÅÅÅ-MM-DD.",
        "'{field}' must be a date written YYYY-MM-DD.",
    ),
    "int_parsing": ("«{field}» må være et helt tall.", "'{field}' must be a whole number."),
    "greater_than_equal": ("«{field}» må være minst {ge}.", "'{field}' must be at least {ge}."),
    "less_than_equal": ("«{field}» kan være høyst {le}.", "'{field}' must be at most {le}."),
    "string_too_short": (
        "«{field}» må ha minst {min_length} tegn.",
        "'{field}' must have at least {min_length} characters.",
    ),
    "string_too_long": (
        "«{field}» kan ha høyst {max_length} tegn.",
        "'{field}' can have at most {max_length} characters.",
    ),
    "string_pattern_mismatch": (
        "«{field}» inneholder tegn som ikke er tillatt.",
        "'{field}' contains characters that are not allowed.",
    ),
    "string_type": ("«{field}» må være tekst.", "'{field}' must be text."),
    "bool_parsing": ("«{field}» må være true eller false.", "'{field}' must be true or false."),
    "literal_error": (
        "«{field}» må være en av: {expected}.",
        "'{field}' must be one of: {expected}.",
    ),
    "list_type": ("«{field}» må være en liste.", "'{field}' must be a list."),
    "too_short": (
        "«{field}» må ha minst {min_length} element.",
        "'{field}' must have at least {min_length} item(s).",
    ),
    "too_long": (
        "«{field}» kan ha høyst {max_length} elementer.",
        "'{field}' can have at most {max_length} items.",
    ),
    "model_attributes_type": ("«{field}» må være et JSON-objekt.", "'{field}' must be an object."),
    "dict_type": ("«{field}» må være et JSON-objekt.", "'{field}' must be an object."),
    "extra_forbidden": ("«{field}» er ikke et kjent felt.", "'{field}' is not a known field."),
    "json_invalid": ("Forespørselen er ikke gyldig JSON.", "The request is not valid JSON."),
}
# Types that say the same thing as one above.
_SAME_AS = {
    "date_parsing": "iso_date",
    "date_from_datetime_parsing": "iso_date",
    "date_from_datetime_inexact": "iso_date",
    "date_type": "iso_date",
    "int_type": "int_parsing",
    "int_from_float": "int_parsing",
    "greater_than": "greater_than_equal",
    "less_than": "less_than_equal",
    "bool_type": "bool_parsing",
    "enum": "literal_error",
    "model_type": "model_attributes_type",
}
_UNKNOWN_PROBLEM = ("«{field}» er ikke gyldig.", "'{field}' is not valid.")


def _field_name(loc) -> str:
    parts = [str(part) for part in loc]
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    if parts and parts[0] == _BODY_PARAM:
        parts = parts[1:]
    return ".".join(parts)


def _context(error: dict, field: str) -> dict:
    context = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    context["field"] = field or "forespørselen"
    return context


def validation_body(error: dict) -> dict:
    """One pydantic problem as our error body, in bokmål and English."""
    field = _field_name(error.get("loc", ()))
    kind = _SAME_AS.get(error.get("type", ""), error.get("type", ""))
    nb, en = _FIELD_PROBLEMS.get(kind, _UNKNOWN_PROBLEM)
    context = _context(error, field)
    try:
        message = nb.format(**context)
        message_en = en.format(**{**context, "field": field or "the request"})
    except (KeyError, IndexError):  # a context key we did not expect: say it plainly
        message = _UNKNOWN_PROBLEM[0].format(field=context["field"])
        message_en = _UNKNOWN_PROBLEM[1].format(field=field or "the request")
    body = {"code": "invalid_input", "message": message, "message_en": message_en}
    if field:
        body["field"] = field
    return body


@api.exception_handler(OmsorgError)
def _domain_error(request, exc: OmsorgError):
    response = api.create_response(request, exc.as_dict(), status=exc.http_status)
    if getattr(exc, "retry_after", None):
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    return api.create_response(request, validation_body(first), status=422)


@api.exception_handler(AuthenticationError)
def _not_authenticated(request, exc: AuthenticationError):
    body = {
        "code": "not_authenticated",
        "message": "Logg inn, eller send et gyldig token (Authorization: Bearer …).",
        "message_en": "Log in, or send a valid token (Authorization: Bearer …).",
    }
    return api.create_response(request, body, status=401)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    # ninja raises HttpError(403) when a session request lacks its CSRF token.
    if exc.status_code == 403:
        body = {
            "code": "csrf_failed",
            "message": "Forespørselen mangler CSRF-token. Last siden på nytt og prøv igjen.",
            "message_en": "The request lacks its CSRF token. Reload the page and try again.",
        }
    else:
        body = {
            "code": "bad_request",
            "message": "Forespørselen kunne ikke leses.",
            "message_en": f"The request could not be read: {exc.message}",
        }
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(DjangoPermissionDenied)
def _django_permission_denied(request, exc):
    return _domain_error(request, PermissionDenied())


@api.exception_handler(Http404)
def _http_404(request, exc):
    return _domain_error(request, NotFound())


@api.exception_handler(ObjectDoesNotExist)
def _does_not_exist(request, exc):
    # A selector's .get() found nothing: absent and forbidden look the same.
    return _domain_error(request, NotFound())


@api.exception_handler(RequestDataTooBig)
def _too_large(request, exc: RequestDataTooBig):
    return too_large(request)


@api.exception_handler(OperationalError)
def _database_error(request, exc: OperationalError):
    """A lock that outlasted the wait: 503 with Retry-After; any other is a server error."""
    if database_busy(exc):
        return busy_response(request)
    return _unexpected(request, exc)


@api.exception_handler(Exception)
def _unexpected(request, exc: Exception):
    logger.exception("API error on %s %s", request.method, request.path)
    body = {
        "code": "server_error",
        "message": "Noe gikk galt hos oss. Feilen er logget; prøv igjen senere.",
        "message_en": "Something went wrong on our side. The error is logged; try again later.",
    }
    return api.create_response(request, body, status=500)
