"""The facts an assessment can establish, with their types; the criteria read nothing else.

Every fact is optional: a rule that needs a missing fact answers "needs discretion" and names
it. An unknown key or a wrongly typed value is an error, so a typo never silently becomes a
missing fact.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from omsorg.catalogue.criteria.wording import say

FACT_TYPES = ("date", "bool", "int", "number")


@dataclass(frozen=True)
class FactSpec:
    type: str  # one of FACT_TYPES; "number" allows decimals (27.5 hours)
    description: Mapping[str, str]  # nb, nn, en; bool facts read as a statement that holds


def _fact(type_: str, description: dict[str, str]) -> FactSpec:
    return FactSpec(type_, MappingProxyType(description))


FACTS: Mapping[str, FactSpec] = MappingProxyType(
    {
        "birth_date": _fact("date", say("Date of birth")),
        "resident": _fact("bool", say("The applicant stays in the municipality")),
        "hours_per_week": _fact("number", say("Hours of assistance needed per week")),
        "need_duration_months": _fact("int", say("Months the need is expected to last")),
        "particularly_heavy_care": _fact("bool", say("The care burden is particularly heavy")),
        "particularly_demanding_care": _fact(
            "bool", say("The care work is particularly demanding over time")
        ),
        "requested_hours_per_month": _fact("number", say("Hours applied for per month")),
        "needs_help_for_leisure": _fact(
            "bool", say("The applicant needs personal help to take part in leisure and culture")
        ),
        "wants_leisure_activity": _fact(
            "bool", say("The applicant has expressed a wish for leisure activities or company")
        ),
        "one_to_one_staffing": _fact("bool", say("The applicant has one-to-one staffing")),
        "needs_two_or_more_staff": _fact(
            "bool", say("The services need two or more staff present")
        ),
        "needs_night_service": _fact("bool", say("The services need night duty")),
        "continuous_need": _fact("bool", say("The need for such services is continuous")),
        "judged_best_for_child": _fact("bool", say("The service is judged best for the child")),
        "requested_weekends_per_month": _fact("int", say("Weekends applied for per month")),
        "stay_days": _fact("int", say("Length of the stay in days")),
        "applied_days_before_departure": _fact("int", say("Days from application to departure")),
        "recommended_by_coordinator": _fact("bool", say("The coordinator recommends the service")),
        "assistance_allowance_applied": _fact(
            "bool", say("Assistance allowance (hjelpestønad) has been applied for from NAV")
        ),
        "work_leader_available": _fact(
            "bool", say("The applicant, a guardian or another person can be the work leader")
        ),
        "traditional_services_assessed": _fact(
            "bool", say("Traditional services have been assessed, and tried where suitable")
        ),
        "needs_covered_by_family": _fact(
            "bool", say("The need is expected to be covered by close family")
        ),
        "demanding_medical_needs": _fact("bool", say("The child has demanding medical needs")),
        "night_monitoring_needed": _fact("bool", say("The child needs monitoring at night")),
        "cooperation_contract": _fact(
            "bool", say("A cooperation contract between home and respite service is in place")
        ),
        "school_hours_per_week": _fact("number", say("Hours a week at school")),
        "purpose_escort_offices_doctor": _fact(
            "bool", say("The need is escort to public offices or the doctor")
        ),
        "purpose_norwegian_tuition": _fact("bool", say("The need is Norwegian tuition")),
        "purpose_relief_of_parents": _fact(
            "bool", say("The application rests on the relatives' need for relief")
        ),
        "purpose_health_care": _fact("bool", say("The need is health care")),
        "bpa_granted_before_67": _fact("bool", say("BPA was granted before the age of 67")),
    }
)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class AssessError(ValueError):
    """Bad input to an assessment; `key` names the fact (or request field) at fault.

    Messages come in bokmål and English; nynorsk where the text reaches forms, else bokmål.
    """

    def __init__(
        self, key: str, message_nb: str, message_en: str, message_nn: str | None = None
    ) -> None:
        super().__init__(f"{key}: {message_en}")
        self.key = key
        self.message_nb = message_nb
        self.message_en = message_en
        self.message_nn = message_nn or message_nb

    @classmethod
    def said(cls, key: str, message: Mapping[str, str]) -> AssessError:
        """The error with its message in each language, as `say` gives it."""
        return cls(key, message["nb"], message["en"], message["nn"])


def parse_iso_date(key: str, value: Any) -> date:
    """A calendar date written YYYY-MM-DD (a date object passes through)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise AssessError.said(
        key,
        say(
            "'%(fact)s' must be a valid date written YYYY-MM-DD, not %(value)s.",
            fact=key,
            value=repr(value),
        ),
    )


def _wrong_type(key: str, type_: str, value: Any) -> AssessError:
    if type_ == "bool":
        said = say(
            "The fact '%(fact)s' must be true or false, not %(value)s.", fact=key, value=repr(value)
        )
    elif type_ == "int":
        said = say(
            "The fact '%(fact)s' must be a whole number, 0 or more, not %(value)s.",
            fact=key,
            value=repr(value),
        )
    else:
        said = say(
            "The fact '%(fact)s' must be a number, 0 or more, not %(value)s.",
            fact=key,
            value=repr(value),
        )
    return AssessError.said(key, said)


def _typed(key: str, value: Any) -> Any:
    type_ = FACTS[key].type
    if type_ == "date":
        return parse_iso_date(key, value)
    if type_ == "bool":
        if not isinstance(value, bool):
            raise _wrong_type(key, type_, value)
        return value
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    if type_ == "int" and numeric and isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON writers may send 3.0 for 3
    if not numeric or (type_ == "int" and not isinstance(value, int)):
        raise _wrong_type(key, type_, value)
    if not math.isfinite(value) or value < 0:
        raise _wrong_type(key, type_, value)
    return value


def typed_facts(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Facts checked against FACTS, with dates as `date`; a null value counts as not given."""
    if not isinstance(raw, Mapping):
        raise AssessError.said("facts", say("'facts' must be a JSON object."))
    clean = {}
    for key, value in raw.items():
        if key not in FACTS:
            known = ", ".join(sorted(FACTS))
            raise AssessError.said(
                str(key), say("Unknown fact '%(fact)s'. Known: %(known)s.", fact=key, known=known)
            )
        if value is not None:
            clean[key] = _typed(key, value)
    return clean


def validate_facts(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Checked facts in JSON form (dates as ISO strings), ready to be stored."""
    return {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in typed_facts(raw).items()
    }
