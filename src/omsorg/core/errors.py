"""Typed errors with a stable code and a translated message (Zulip's ErrorCode).

Pages and the API map the same codes; the API returns the message in Norwegian and English.
"""

from django.utils import formats, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Localized:
    """A text given in several languages by pure code (which has no gettext), shown in the
    active language when an error message is rendered."""

    def __init__(self, **texts: str):
        self.texts = texts

    def __str__(self) -> str:
        language = (translation.get_language() or "nb")[:2]
        return self.texts.get(language) or self.texts.get("nb") or next(iter(self.texts.values()))


class LocalDate:
    """A date in a message, written as the active language writes short dates (dd.mm.åååå in
    nb, nn and en alike, see omsorg/formats): never an ISO date in a sentence."""

    def __init__(self, value):
        self.value = value

    def __str__(self) -> str:
        return formats.date_format(self.value, "SHORT_DATE_FORMAT")


class OmsorgError(Exception):
    code = "error"
    http_status = 400
    default_message: Promise = _("The request could not be carried out.")

    def __init__(self, message: Promise | str | None = None, *, field: str | None = None, **params):
        self.message = message if message is not None else self.default_message
        self.field = field
        self.params = params
        super().__init__(self.text("en"))

    def text(self, language: str | None = None) -> str:
        """The message in one language ('nb', 'nn', 'en'), or the active one."""
        if language is None:
            if not self.params:
                return str(self.message)
            return str(self.message) % {key: str(value) for key, value in self.params.items()}
        with translation.override(language):
            return self.text()

    def as_dict(self) -> dict:
        body = {"code": self.code, "message": self.text("nb"), "message_en": self.text("en")}
        if self.field:
            body["field"] = self.field
        return body


class NotFound(OmsorgError):
    """Absent and forbidden look the same: no one learns a record exists by being refused it."""

    code = "not_found"
    http_status = 404
    default_message = _("Not found, or you have no service need for it.")


class PermissionDenied(OmsorgError):
    code = "permission_denied"
    http_status = 403
    default_message = _("Your role does not allow this.")


class BadRequest(OmsorgError):
    """A malformed address or query (e.g. a month outside the years the system keeps): a page
    shows the message with status 400 instead of failing."""

    code = "bad_request"
    http_status = 400
    default_message = _("The address is not valid.")


class InvalidInput(OmsorgError):
    code = "invalid_input"
    http_status = 422
    default_message = _("The input is not valid.")


class StaleVersion(OmsorgError):
    """Optimistic concurrency: someone else saved the record after you opened it."""

    code = "stale_version"
    http_status = 409
    default_message = _(
        "Someone else has changed this record since you opened it. "
        "Reload to see their change, then make yours again."
    )


class InvalidTransition(OmsorgError):
    code = "invalid_transition"
    http_status = 409
    default_message = _("This step is not possible from the case's current status.")
