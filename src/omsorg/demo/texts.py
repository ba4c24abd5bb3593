"""The free text of demo cases, in bokmål: what an applicant and a caseworker would write.

Numbers the system computes with live in the decision's scope, never here (DESIGN.md); these
sentences only repeat them for the reader.
"""

from datetime import date

from django.utils import translation

from omsorg.catalogue.selectors import service_type_spec
from omsorg.core.scope import Scope
from omsorg.core.scope_text import scope_text
from omsorg.demo.specs import PARTLY, REFUSED

NEED = {
    "support_contact": "Ønsker støttekontakt for å komme seg ut på fritidsaktiviteter.",
    "private_respite": "Foreldrene trenger avlastning; en nabo kan ta imot barnet.",
    "bpa": "Søker om brukerstyrt personlig assistanse for å leve et mest mulig vanlig liv.",
    "respite_home": "Familien har stor omsorgsbelastning og søker avlastningsbolig.",
    "respite_in_home": "Barnet trenger tilsyn om natten; foreldrene får ikke sove.",
    "farm_respite": "Barnet trives med dyr og vil gjerne på Inn på tunet.",
    "respite_outside": "Søker avlastning i sommerferien utenfor kommunen.",
    "care_allowance": "Omsorgsarbeidet er tungt og tar mange timer i uka.",
    "home_nursing": "Trenger hjelp med medisiner og stell etter sykehusopphold.",
    "practical_help": "Klarer ikke lenger rengjøring og innkjøp selv.",
    "training_daily_tasks": "Ønsker opplæring for å klare mer av hverdagen selv.",
    "rehabilitation_at_home": "Vil trene seg opp igjen etter brudd.",
    "meal_delivery": "Får ikke laget middag selv.",
    "day_services": "Ønsker et dagtilbud med aktivitet og fellesskap.",
    "escort_leisure": "Trenger følge for å delta på fritidsaktiviteter.",
}


def _d(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def description(services: list[str]) -> str:
    return " ".join(NEED.get(code, "") for code in services).strip()


def summary(services: list[str], performed_on: date) -> str:
    return f"Kartlegging {_d(performed_on)}: behovet er beskrevet og drøftet med søkeren."


def scope(service_type, quantity: int | None) -> str:
    with translation.override("nb"):
        return scope_text(Scope.of(quantity, service_type.scope_unit, service_type.scope_period))


def legal_basis_on(service_type, on: date, lang: str = "nb") -> str:
    """The service's provisions as in force on the decision date, from the dated legal data
    (never the catalogue's list of every number a provision ever had)."""
    refs = [ref for ref in service_type_spec(service_type).legal_basis if ref.in_force(on)]
    return "; ".join(ref.cite(lang) for ref in refs)


def reasons(
    service_type, outcome: str, quantity: int | None, assessed_on: date | None, decided_on: date
) -> str:
    """fvl §24–25: the rules, the facts and the main considerations, in short."""
    basis = f"Vedtaket er gjort etter {legal_basis_on(service_type, decided_on)}."
    facts = f" Kartleggingen {_d(assessed_on)} er lagt til grunn." if assessed_on else ""
    if outcome == REFUSED:
        verdict = f" Vilkårene for {service_type.name_nb.lower()} er ikke oppfylt."
    else:
        verdict = f" Du får {service_type.name_nb.lower()}: {scope(service_type, quantity)}."
    return basis + facts + verdict


def justification(outcome: str, suggestion: str) -> str:
    """Why the caseworker decided as she did where the criteria leave it to discretion."""
    if outcome == REFUSED:
        return (
            "Etter en samlet vurdering kan behovet dekkes av tjenester på et lavere trinn i "
            "omsorgstrappen, og det er ikke dokumentert at denne tjenesten er nødvendig."
        )
    if outcome == PARTLY:
        return "Kartleggingen viser et mindre behov enn det er søkt om; omfanget er redusert."
    if suggestion == REFUSED:
        return "Særlige forhold i saken gjør at tjenesten innvilges likevel (unntak etter skjønn)."
    return "Kartleggingen dokumenterer behovet; omfanget er fastsatt etter individuell vurdering."


def reply_reason() -> str:
    return (
        "Saken behandles i koordinerende enhets månedlige møte, og vi venter på "
        "opplysninger fra lege."
    )


def appeal_grounds(service_name: str) -> str:
    return f"Jeg klager på vedtaket om {service_name.lower()}: behovet er større enn vurdert."


LATE_REASON = "Klagen tas under behandling fordi foresatte var innlagt på sykehus (fvl §31)."
REASSESSMENT = (
    "Koordinerende enhet har vurdert klagen på nytt og finner ikke grunn til å endre vedtaket."
)
REVIEW_NOTES = {
    "continue": "Evaluering: tjenesten fungerer etter hensikten og videreføres uendret.",
    "change": "Evaluering: behovet består; vedtaket fornyes for et nytt år.",
    "end": "Evaluering: brukeren har ikke lenger behov for tjenesten.",
}
