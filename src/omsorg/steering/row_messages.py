"""The sentence for each problem an import file can have (csv_format, import_rows), in the
reader's language: the pure modules give a code and its values, this module the words."""

from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import Localized
from omsorg.steering.csv_format import RowError

MESSAGES = {
    "not_utf8": _("The file is not UTF-8 text. Save it as CSV (UTF-8) and try again."),
    "no_header": _("The file has no header row."),
    "bad_header": _(
        "The header row must name the columns %(expected)s. Missing: %(missing)s. "
        "Not known: %(unknown)s."
    ),
    "field_count": _("The line has %(found)s fields; the header has %(expected)s."),
    "required": _("%(column)s is empty."),
    "not_a_number": _("%(column)s is not a number: “%(value)s”."),
    "negative": _("%(column)s cannot be negative: “%(value)s”."),
    "bad_date": _("%(column)s is not a date (YYYY-MM-DD): “%(value)s”."),
    "bad_month": _("%(column)s is not a month (YYYY-MM): “%(value)s”."),
    "bad_boolean": _("%(column)s must be true or false: “%(value)s”."),
    "bad_year": _("%(column)s is not a year: “%(value)s”."),
    "bad_municipality_number": _("%(column)s must have four digits: “%(value)s”."),
    "bad_unit_code": _(
        "%(column)s must be letters, digits, '-', '_' or '.', at most 20: “%(value)s”."
    ),
    "unknown_kind": _("Unknown unit kind “%(value)s”; use one of %(kinds)s."),
    "unknown_unit": _("No unit has the code “%(value)s”."),
    "unknown_parent": _("No unit has the code “%(value)s” (parent_code)."),
    "parent_cycle": _("The parent “%(value)s” would make the unit its own ancestor."),
    "name_taken": _("Another unit already has the name “%(value)s”."),
    "unknown_person": _("No person with the identity number “%(value)s” is registered here."),
    "unknown_service": _("The service catalogue has no service with the code “%(value)s”."),
    "bad_identity": _("The identity number “%(value)s” is not valid: %(reason)s"),
    "registered_elsewhere": _(
        "The identity number “%(value)s” is registered in another municipality."
    ),
    "duplicate": _("The same key as line %(first_line)s."),
}


def row_message(error: RowError) -> str:
    """The problem in the active language."""
    params = dict(error.params)
    if error.code == "bad_identity":
        params["reason"] = Localized(
            nb=params["reason_nb"], nn=params["reason_nn"], en=params["reason_en"]
        )
    template = MESSAGES.get(error.code, MESSAGES["required"])
    return str(template) % {key: str(value) for key, value in params.items()}
