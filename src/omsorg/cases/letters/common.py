"""What every letter needs: its language, dates as letters write them, law names, recipients."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format

from omsorg.catalogue.spec import LAWS, LegalReference
from omsorg.core.models import Municipality, Unit
from omsorg.people.models import Person
from omsorg.people.selectors import person_relatives

# Bokmål and nynorsk are the municipality's written languages (målform); English is only a
# courtesy translation, never the legally binding letter.
LANGUAGES = ("nb", "nn", "en")
# Norwegian letters write "1. desember 2025"; Django's English DATE_FORMAT is American
# ("Dec. 1, 2025"), so English gets the British order that matches the Norwegian original.
DATE_FORMATS = {"nb": "j. F Y", "nn": "j. F Y", "en": "j F Y"}
# Guardians (foresatte) act for a child until 18 (vergemålsloven § 2, § 16).
AGE_OF_MAJORITY = 18


def letter_language(municipality: Municipality, language: str | None) -> str:
    """The language asked for, else the municipality's written language."""
    chosen = language or municipality.written_language or "nb"
    if chosen not in LANGUAGES:
        raise ValueError(f"letters are written in {', '.join(LANGUAGES)}, not {chosen!r}")
    return chosen


def letter_date(value: datetime.date | None, lang: str) -> str:
    """A date as written in the letter; call inside translation.override for month names."""
    return date_format(value, DATE_FORMATS[lang]) if value else ""


def law_name(law: str, lang: str) -> str:
    names = LAWS[law]
    return names.get(lang, names["nb"])


def cite(law: str, section: str, lang: str, *, paragraph: str | None = None) -> str:
    """A citation in the letter's language, e.g. "forvaltningslova § 18"."""
    return LegalReference(law=law, section=section, paragraph=paragraph).cite(lang)


def in_sentence(name: str) -> str:
    """A service name inside a sentence: "Støttekontakt" -> "støttekontakt", "BPA" stays."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


@dataclass(frozen=True)
class Recipient:
    names: tuple[str, ...]
    address_lines: tuple[str, ...]


@dataclass(frozen=True)
class Addressing:
    """Who the letter goes to. For a child it goes to the guardians ("Til foresatte for ...");
    guardians at different addresses each get the letter, the first as addressee and the
    others listed as copies."""

    subject: Person
    to_guardians: bool
    recipients: tuple[Recipient, ...]

    @property
    def addressee(self) -> Recipient:
        return self.recipients[0]

    @property
    def copies(self) -> tuple[Recipient, ...]:
        return self.recipients[1:]

    @property
    def plural(self) -> bool:
        """Written to both guardians: the letter says "dere" ("de" in nynorsk), not "du"."""
        return sum(len(recipient.names) for recipient in self.recipients) > 1


def _address_lines(holder) -> tuple[str, ...]:
    city_line = f"{holder.postal_code} {holder.city}".strip()
    return tuple(line for line in (holder.street_address, city_line) if line)


def addressing_for(person: Person, on_date: datetime.date) -> Addressing:
    """Address the person, or the guardians while the person is a child on `on_date`."""
    # Read for an adult too (one small query by index): a letter then costs the same queries
    # whoever it is for, and the scale benchmark's counts compare pages, not ages (issue 8 §5).
    relatives = list(person_relatives(person))
    if age_on(person.birth_date, on_date) >= AGE_OF_MAJORITY:
        own = Recipient((person.full_name,), _address_lines(person))
        return Addressing(person, to_guardians=False, recipients=(own,))
    # A guardian without an address of their own lives with the child (the usual case).
    by_address: dict[tuple[str, ...], list[str]] = {}
    for relative in relatives:
        if relative.is_guardian:
            lines = _address_lines(relative) or _address_lines(person)
            by_address.setdefault(lines, []).append(relative.name)
    recipients = tuple(Recipient(tuple(names), lines) for lines, names in by_address.items())
    if not recipients:
        recipients = (Recipient((), _address_lines(person)),)
    return Addressing(person, to_guardians=True, recipients=recipients)


@dataclass(frozen=True)
class Office:
    """The office that decides and receives appeals: named in the letterhead, the "who
    decided" line, the signature and the appeal address."""

    name: str
    postal_address: str
    email: str


def office_of(unit: Unit | None, municipality: Municipality) -> Office:
    """The deciding unit's name and address; the municipality's own where the unit has none
    (and its coordinating unit when the municipality has not set up its offices)."""
    if unit is None:
        return Office(
            municipality.coordinating_unit, municipality.postal_address, municipality.email
        )
    return Office(
        unit.name,
        unit.postal_address or municipality.postal_address,
        unit.email or municipality.email,
    )


@dataclass(frozen=True)
class Sender:
    """Who sends the letter and where to write back: the unit, its postal address, phone and
    e-mail, so "send the appeal in writing" names an address."""

    municipality_title: str
    unit: str
    address_lines: tuple[str, ...]
    phone: str
    email: str

    @property
    def address_line(self) -> str:
        return ", ".join(self.address_lines) or self.municipality_title


def sender_of(office: Office, municipality: Municipality, municipality_title: str) -> Sender:
    """The deciding office writes, from its postal address (one line in the register,
    "Postboks 24, 7380 Ålen": split for the letterhead), with the municipality's phone."""
    lines = tuple(part.strip() for part in office.postal_address.split(",") if part.strip())
    return Sender(
        municipality_title=municipality_title,
        unit=office.name,
        address_lines=lines,
        phone=municipality.phone,
        email=office.email,
    )


def document_reference(document) -> str:
    """ "2026/123-4": the case number of the municipality's year, then the letter's number."""
    case_file = document.case_file
    return f"{case_file.year}/{case_file.number}-{document.number}"


def letter_reference(documents, kind: str, fallback: int) -> str:
    """The stored number of a letter; a letter made before case numbers existed keeps the
    bare record number it was sent with."""
    document = documents.filter(kind=kind).select_related("case_file").first()
    return document_reference(document) if document else str(fallback)
