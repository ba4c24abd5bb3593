"""The free text of demo cases, in the municipality's written language (bokmål or nynorsk):
what an applicant and a caseworker would write.

Numbers the system computes with live in the decision's scope, never here (DESIGN.md); these
sentences only repeat them for the reader. Law references come from the dated legal data as in
force on the decision date (issue 7 point 1.12), never from a list of every number a provision
ever had.
"""

from datetime import date

from django.utils import translation

from omsorg.catalogue.selectors import service_type_spec
from omsorg.core.scope import Scope
from omsorg.core.scope_text import scope_text
from omsorg.demo.specs import PARTLY, REFUSED

NEED = {
    "support_contact": (
        "Ønsker støttekontakt for å komme seg ut på fritidsaktiviteter.",
        "Ønskjer støttekontakt for å kome seg ut på fritidsaktivitetar.",
    ),
    "private_respite": (
        "Foreldrene trenger avlastning; en nabo kan ta imot barnet.",
        "Foreldra treng avlasting; ein nabo kan ta imot barnet.",
    ),
    "bpa": (
        "Søker om brukerstyrt personlig assistanse for å leve et mest mulig vanlig liv.",
        "Søkjer om brukarstyrt personleg assistanse for å leve eit mest mogleg vanleg liv.",
    ),
    "respite_home": (
        "Familien har stor omsorgsbelastning og søker avlastningsbolig.",
        "Familien har stor omsorgsbelastning og søkjer avlastingsbustad.",
    ),
    "respite_in_home": (
        "Barnet trenger tilsyn om natten; foreldrene får ikke sove.",
        "Barnet treng tilsyn om natta; foreldra får ikkje sove.",
    ),
    "farm_respite": (
        "Barnet trives med dyr og vil gjerne på Inn på tunet.",
        "Barnet trivst med dyr og vil gjerne på Inn på tunet.",
    ),
    "respite_outside": (
        "Søker avlastning i sommerferien utenfor kommunen.",
        "Søkjer avlasting i sommarferien utanfor kommunen.",
    ),
    "care_allowance": (
        "Omsorgsarbeidet er tungt og tar mange timer i uka.",
        "Omsorgsarbeidet er tungt og tek mange timar i veka.",
    ),
    "home_nursing": (
        "Trenger hjelp med medisiner og stell etter sykehusopphold.",
        "Treng hjelp med medisinar og stell etter sjukehusopphald.",
    ),
    "practical_help": (
        "Klarer ikke lenger rengjøring og innkjøp selv.",
        "Klarer ikkje lenger reingjering og innkjøp sjølv.",
    ),
    "training_daily_tasks": (
        "Ønsker opplæring for å klare mer av hverdagen selv.",
        "Ønskjer opplæring for å klare meir av kvardagen sjølv.",
    ),
    "rehabilitation_at_home": (
        "Vil trene seg opp igjen etter brudd.",
        "Vil trene seg opp att etter brot.",
    ),
    "meal_delivery": ("Får ikke laget middag selv.", "Får ikkje laga middag sjølv."),
    "day_services": (
        "Ønsker et dagtilbud med aktivitet og fellesskap.",
        "Ønskjer eit dagtilbod med aktivitet og fellesskap.",
    ),
}
# One sentence in bokmål and in nynorsk; `_pick` chooses by the municipality's language.
SUMMARY = (
    "Kartlegging {date}: behovet er beskrevet og drøftet med søkeren og de pårørende.",
    "Kartlegging {date}: behovet er skildra og drøfta med søkjaren og dei pårørande.",
)
BASIS = ("Vedtaket er gjort etter {basis}.", "Vedtaket er gjort etter {basis}.")
FACTS = (
    " Kartleggingen {date} er lagt til grunn.",
    " Kartlegginga {date} er lagd til grunn.",
)
REFUSED_TEXT = (
    " Vilkårene for {service} er ikke oppfylt.",
    " Vilkåra for {service} er ikkje oppfylte.",
)
GRANTED_TEXT = (" {name} får {service}: {scope}.", " {name} får {service}: {scope}.")
JUSTIFICATIONS = {
    REFUSED: (
        "Etter en samlet vurdering kan behovet dekkes av tjenester på et lavere trinn i "
        "omsorgstrappen, og det er ikke dokumentert at denne tjenesten er nødvendig.",
        "Etter ei samla vurdering kan behovet dekkjast av tenester på eit lågare trinn i "
        "omsorgstrappa, og det er ikkje dokumentert at denne tenesta er naudsynt.",
    ),
    PARTLY: (
        "Kartleggingen viser et mindre behov enn det er søkt om; omfanget er redusert.",
        "Kartlegginga viser eit mindre behov enn det er søkt om; omfanget er redusert.",
    ),
    "exception": (
        "Særlige forhold i saken gjør at tjenesten innvilges likevel (unntak etter skjønn).",
        "Særlege forhold i saka gjer at tenesta blir innvilga likevel (unntak etter skjønn).",
    ),
    "individual": (
        "Kartleggingen dokumenterer behovet; omfanget er fastsatt etter individuell vurdering.",
        "Kartlegginga dokumenterer behovet; omfanget er fastsett etter individuell vurdering.",
    ),
}
REPLY_REASON = (
    "Saken behandles i koordinerende enhets månedlige møte, og vi venter på opplysninger fra lege.",
    "Saka blir handsama i det månadlege møtet til forvaltningskontoret, og vi ventar på "
    "opplysningar frå lege.",
)
APPEAL_GROUNDS = (
    "Vi klager på vedtaket om {service}: behovet er større enn vurdert.",
    "Vi klagar på vedtaket om {service}: behovet er større enn vurdert.",
)
LATE_REASONS = (
    "Klagen tas under behandling fordi foresatte var innlagt på sykehus (fvl § 31).",
    "Klagen blir teken under handsaming fordi føresette var innlagde på sjukehus (fvl § 31).",
)
REASSESSMENTS = (
    "Klagen gir ingen nye opplysninger om behovet. Kartleggingen står seg, og omfanget i "
    "vedtaket dekker behovet slik det er beskrevet der.",
    "Klagen gir ingen nye opplysningar om behovet. Kartlegginga står seg, og omfanget i "
    "vedtaket dekkjer behovet slik det er skildra der.",
)
REVIEW_NOTES = {
    "continue": (
        "Evaluering: tjenesten fungerer etter hensikten og videreføres uendret.",
        "Evaluering: tenesta fungerer etter føremålet og blir vidareført utan endring.",
    ),
    "change": (
        "Evaluering: behovet består; vedtaket fornyes for et nytt år.",
        "Evaluering: behovet held fram; vedtaket blir fornya for eit nytt år.",
    ),
    "end": (
        "Evaluering: brukeren har ikke lenger behov for tjenesten.",
        "Evaluering: brukaren har ikkje lenger behov for tenesta.",
    ),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "nn" else pair[0]


def _d(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def _service(service_type, lang: str) -> str:
    name = service_type.name(lang)
    return name if len(name) > 1 and name[1].isupper() else name[:1].lower() + name[1:]


def description(services: list[str], lang: str = "nb") -> str:
    return " ".join(_pick(NEED[code], lang) for code in services if code in NEED).strip()


def summary(services: list[str], performed_on: date, lang: str = "nb") -> str:
    return _pick(SUMMARY, lang).format(date=_d(performed_on))


def scope(service_type, quantity: int | None, lang: str = "nb") -> str:
    with translation.override(lang):
        return scope_text(Scope.of(quantity, service_type.scope_unit, service_type.scope_period))


def legal_basis_on(service_type, on: date, lang: str = "nb") -> str:
    """The service's provisions as in force on the decision date, from the dated legal data
    (never the catalogue's list of every number a provision ever had)."""
    refs = [ref for ref in service_type_spec(service_type).legal_basis if ref.in_force(on)]
    return "; ".join(ref.cite(lang) for ref in refs)


def reasons(
    service_type,
    outcome: str,
    quantity: int | None,
    assessed_on: date | None,
    decided_on: date,
    *,
    name: str,
    lang: str = "nb",
) -> str:
    """fvl §24–25: the rules, the facts and the main considerations, in short."""
    text = _pick(BASIS, lang).format(basis=legal_basis_on(service_type, decided_on, lang))
    if assessed_on:
        text += _pick(FACTS, lang).format(date=_d(assessed_on))
    service = _service(service_type, lang)
    if outcome == REFUSED:
        return text + _pick(REFUSED_TEXT, lang).format(service=service)
    quantity_text = scope(service_type, quantity, lang)
    return text + _pick(GRANTED_TEXT, lang).format(name=name, service=service, scope=quantity_text)


def justification(outcome: str, suggestion: str, lang: str = "nb") -> str:
    """Why the caseworker decided as she did where the criteria leave it to discretion."""
    if outcome in (REFUSED, PARTLY):
        return _pick(JUSTIFICATIONS[outcome], lang)
    if suggestion == REFUSED:
        return _pick(JUSTIFICATIONS["exception"], lang)
    return _pick(JUSTIFICATIONS["individual"], lang)


def reply_reason(lang: str = "nb") -> str:
    return _pick(REPLY_REASON, lang)


def appeal_grounds(service_type, lang: str = "nb") -> str:
    return _pick(APPEAL_GROUNDS, lang).format(service=_service(service_type, lang))


def late_reason(lang: str = "nb") -> str:
    return _pick(LATE_REASONS, lang)


def reassessment(lang: str = "nb") -> str:
    return _pick(REASSESSMENTS, lang)


def review_notes(kind: str, lang: str = "nb") -> str:
    return _pick(REVIEW_NOTES[kind], lang)


LOWER_STEP_NOTES = (
    "Råd og veiledning, frivillige tilbud og hjelp fra nettverket er vurdert; de dekker ikke "
    "behovet alene.",
    "Råd og rettleiing, frivillige tilbod og hjelp frå nettverket er vurderte; dei dekkjer ikkje "
    "behovet åleine.",
)


def lower_step_note(lang: str = "nb") -> str:
    """Seed 004 §1.0, §2.1: what the assessment found about lower steps on the staircase."""
    return _pick(LOWER_STEP_NOTES, lang)
