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

FACT_TYPES = ("date", "bool", "int", "number")


@dataclass(frozen=True)
class FactSpec:
    type: str  # one of FACT_TYPES; "number" allows decimals (27.5 hours)
    description: Mapping[str, str]  # nb, nn, en; bool facts read as a statement that holds


def _fact(type_: str, nb: str, nn: str, en: str) -> FactSpec:
    return FactSpec(type_, MappingProxyType({"nb": nb, "nn": nn, "en": en}))


FACTS: Mapping[str, FactSpec] = MappingProxyType(
    {
        "birth_date": _fact("date", "Fødselsdato", "Fødselsdato", "Date of birth"),
        "resident": _fact(
            "bool",
            "Søkeren oppholder seg i kommunen",
            "Søkjaren oppheld seg i kommunen",
            "The applicant stays in the municipality",
        ),
        "hours_per_week": _fact(
            "number",
            "Timer bistandsbehov per uke",
            "Timar bistandsbehov per veke",
            "Hours of assistance needed per week",
        ),
        "need_duration_months": _fact(
            "int",
            "Måneder behovet ventes å vare",
            "Månader behovet er venta å vare",
            "Months the need is expected to last",
        ),
        "particularly_heavy_care": _fact(
            "bool",
            "Omsorgsbyrden er særlig tyngende",
            "Omsorgsbyrda er særleg tyngjande",
            "The care burden is particularly heavy",
        ),
        "particularly_demanding_care": _fact(
            "bool",
            "Omsorgsarbeidet er særlig krevende over tid",
            "Omsorgsarbeidet er særleg krevjande over tid",
            "The care work is particularly demanding over time",
        ),
        "requested_hours_per_month": _fact(
            "number",
            "Timer det søkes om per måned",
            "Timar det blir søkt om per månad",
            "Hours applied for per month",
        ),
        "needs_help_for_leisure": _fact(
            "bool",
            "Søkeren trenger personbistand for å delta i fritids- og kulturaktiviteter",
            "Søkjaren treng personbistand for å delta i fritids- og kulturaktivitetar",
            "The applicant needs personal help to take part in leisure and culture",
        ),
        "wants_leisure_activity": _fact(
            "bool",
            "Søkeren har uttrykt ønske om fritidsaktiviteter eller sosialt samvær",
            "Søkjaren har uttrykt ønske om fritidsaktivitetar eller sosialt samvær",
            "The applicant has expressed a wish for leisure activities or company",
        ),
        "one_to_one_staffing": _fact(
            "bool",
            "Søkeren har 1:1-bemanning",
            "Søkjaren har 1:1-bemanning",
            "The applicant has one-to-one staffing",
        ),
        "needs_two_or_more_staff": _fact(
            "bool",
            "Tjenestene krever to eller flere tjenesteytere til stede",
            "Tenestene krev to eller fleire tenesteytarar til stades",
            "The services need two or more staff present",
        ),
        "needs_night_service": _fact(
            "bool",
            "Tjenestene krever nattjeneste",
            "Tenestene krev natteneste",
            "The services need night duty",
        ),
        "continuous_need": _fact(
            "bool",
            "Behovet for slike tjenester er kontinuerlig",
            "Behovet for slike tenester er kontinuerleg",
            "The need for such services is continuous",
        ),
        "judged_best_for_child": _fact(
            "bool",
            "Tilbudet er vurdert som mest hensiktsmessig for barnet",
            "Tilbodet er vurdert som mest tenleg for barnet",
            "The service is judged best for the child",
        ),
        "requested_weekends_per_month": _fact(
            "int",
            "Helger det søkes om per måned",
            "Helgar det blir søkt om per månad",
            "Weekends applied for per month",
        ),
        "stay_days": _fact(
            "int",
            "Oppholdets lengde i dager",
            "Lengda på opphaldet i dagar",
            "Length of the stay in days",
        ),
        "applied_days_before_departure": _fact(
            "int",
            "Dager fra søknad til avreise",
            "Dagar frå søknad til avreise",
            "Days from application to departure",
        ),
        "recommended_by_coordinator": _fact(
            "bool",
            "Koordinator anbefaler tilbudet",
            "Koordinator tilrår tilbodet",
            "The coordinator recommends the service",
        ),
        "assistance_allowance_applied": _fact(
            "bool",
            "Det er søkt hjelpestønad fra NAV",
            "Det er søkt hjelpestønad frå NAV",
            "Assistance allowance (hjelpestønad) has been applied for from NAV",
        ),
        "work_leader_available": _fact(
            "bool",
            "Søkeren, verge eller en annen kan være arbeidsleder",
            "Søkjaren, verje eller ein annan kan vere arbeidsleiar",
            "The applicant, a guardian or another person can be the work leader",
        ),
        "traditional_services_assessed": _fact(
            "bool",
            "Tradisjonelle tjenester er vurdert, og prøvd der det er hensiktsmessig",
            "Tradisjonelle tenester er vurderte, og prøvde der det er tenleg",
            "Traditional services have been assessed, and tried where suitable",
        ),
        "needs_covered_by_family": _fact(
            "bool",
            "Hjelpebehovet forventes dekket av nær familie",
            "Hjelpebehovet er venta dekt av nær familie",
            "The need is expected to be covered by close family",
        ),
        "demanding_medical_needs": _fact(
            "bool",
            "Barnet har krevende medisinske behov",
            "Barnet har krevjande medisinske behov",
            "The child has demanding medical needs",
        ),
        "night_monitoring_needed": _fact(
            "bool",
            "Barnet trenger overvåking om natten",
            "Barnet treng overvaking om natta",
            "The child needs monitoring at night",
        ),
        "cooperation_contract": _fact(
            "bool",
            "Det er inngått samarbeidskontrakt mellom hjem og avlastningstjeneste",
            "Det er inngått samarbeidskontrakt mellom heim og avlastingsteneste",
            "A cooperation contract between home and respite service is in place",
        ),
        "school_hours_per_week": _fact(
            "number",
            "Timer per uke på skolen",
            "Timar per veke på skulen",
            "Hours a week at school",
        ),
        "purpose_escort_offices_doctor": _fact(
            "bool",
            "Behovet gjelder følge til offentlige kontorer eller lege",
            "Behovet gjeld følgje til offentlege kontor eller lege",
            "The need is escort to public offices or the doctor",
        ),
        "purpose_norwegian_tuition": _fact(
            "bool",
            "Behovet gjelder norskopplæring",
            "Behovet gjeld norskopplæring",
            "The need is Norwegian tuition",
        ),
        "purpose_relief_of_parents": _fact(
            "bool",
            "Søknaden begrunnes i at de pårørende trenger avlastning",
            "Søknaden er grunngitt med at dei pårørande treng avlasting",
            "The application rests on the relatives' need for relief",
        ),
        "purpose_health_care": _fact(
            "bool",
            "Behovet gjelder helsehjelp",
            "Behovet gjeld helsehjelp",
            "The need is health care",
        ),
        "bpa_granted_before_67": _fact(
            "bool",
            "BPA ble innvilget før fylte 67 år",
            "BPA vart innvilga før fylte 67 år",
            "BPA was granted before the age of 67",
        ),
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


def parse_iso_date(key: str, value: Any) -> date:
    """A calendar date written YYYY-MM-DD (a date object passes through)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise AssessError(
        key,
        f"«{key}» må være en gyldig dato skrevet ÅÅÅÅ-MM-DD, ikke {value!r}.",
        f"'{key}' must be a valid date written YYYY-MM-DD, not {value!r}.",
        f"«{key}» må vere ein gyldig dato skriven ÅÅÅÅ-MM-DD, ikkje {value!r}.",
    )


def _wrong_type(key: str, type_: str, value: Any) -> AssessError:
    names = {
        "bool": ("true eller false", "true or false", "true eller false"),
        "int": (
            "et helt tall, 0 eller mer",
            "a whole number, 0 or more",
            "eit heilt tal, 0 eller meir",
        ),
        "number": ("et tall, 0 eller mer", "a number, 0 or more", "eit tal, 0 eller meir"),
    }[type_]
    return AssessError(
        key,
        f"Opplysningen «{key}» må være {names[0]}, ikke {value!r}.",
        f"The fact '{key}' must be {names[1]}, not {value!r}.",
        f"Opplysninga «{key}» må vere {names[2]}, ikkje {value!r}.",
    )


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
        raise AssessError(
            "facts",
            "«facts» må være et JSON-objekt.",
            "'facts' must be a JSON object.",
            "«facts» må vere eit JSON-objekt.",
        )
    clean = {}
    for key, value in raw.items():
        if key not in FACTS:
            known = ", ".join(sorted(FACTS))
            raise AssessError(
                str(key),
                f"Ukjent opplysning «{key}». Kjente: {known}.",
                f"Unknown fact '{key}'. Known: {known}.",
                f"Ukjend opplysning «{key}». Kjende: {known}.",
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
