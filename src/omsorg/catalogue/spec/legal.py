"""Legal references as dated data: paragraph numbers change, so each reference says when it
was in force (Prop. 40 L (2022–2023) renumbered pbrl § 2-1 a to § 2-1, for instance).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

# Full names of the laws a catalogue may cite, with Lovdata's identifiers.
LAWS: Mapping[str, Mapping[str, str]] = {
    "hol": {
        "nb": "helse- og omsorgstjenesteloven",
        "nn": "helse- og omsorgstenestelova",
        "en": "the Municipal Health and Care Services Act",
        "lovdata": "LOV-2011-06-24-30",
    },
    "pbrl": {
        "nb": "pasient- og brukerrettighetsloven",
        "nn": "pasient- og brukarrettslova",
        "en": "the Patient and User Rights Act",
        "lovdata": "LOV-1999-07-02-63",
    },
    "fvl": {
        "nb": "forvaltningsloven",
        "nn": "forvaltningslova",
        "en": "the Public Administration Act",
        "lovdata": "LOV-1967-02-10",
    },
    "sosialtjenesteloven": {
        "nb": "sosialtjenesteloven",
        "nn": "sosialtenestelova",
        "en": "the Social Services Act",
        "lovdata": "LOV-2009-12-18-131",
    },
    "ftrl": {
        "nb": "folketrygdloven",
        "nn": "folketrygdlova",
        "en": "the National Insurance Act",
        "lovdata": "LOV-1997-02-28-19",
    },
}

ORDINALS = {
    "nb": ("første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende", "åttende"),
    "nn": ("første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuande", "åttande"),
    "en": ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"),
}


@dataclass(frozen=True)
class LegalReference:
    law: str
    section: str
    paragraph: str | None = None  # ledd, "1" = første ledd
    item: str | None = None  # nr.
    letter: str | None = None  # bokstav
    valid_from: date | None = None
    valid_to: date | None = None
    note: str | None = None  # e.g. the number it had before a renumbering

    def cite(self, lang: str = "nb") -> str:
        """E.g. "helse- og omsorgstjenesteloven § 3-2 første ledd nr. 6 bokstav b"."""
        names = LAWS[self.law]
        parts = [names.get(lang, names["nb"]), f"§ {self.section}"]
        if lang == "en":
            parts[1] = f"section {self.section}"
        if self.paragraph:
            ordinal = ORDINALS.get(lang, ORDINALS["nb"])[int(self.paragraph) - 1]
            parts.append(f"{ordinal} paragraph" if lang == "en" else f"{ordinal} ledd")
        if self.item:
            parts.append(f"no. {self.item}" if lang == "en" else f"nr. {self.item}")
        if self.letter:
            parts.append(f"letter {self.letter}" if lang == "en" else f"bokstav {self.letter}")
        return " ".join(parts)

    def in_force(self, on_date: date) -> bool:
        starts = self.valid_from is None or self.valid_from <= on_date
        return starts and (self.valid_to is None or on_date <= self.valid_to)


def cite_in_force(refs: tuple[LegalReference, ...], on_date: date, lang: str = "nb") -> str:
    """The references in force on `on_date`, joined; all of them if none is in force."""
    chosen = [ref for ref in refs if ref.in_force(on_date)] or list(refs)
    return "; ".join(ref.cite(lang) for ref in chosen)


@dataclass(frozen=True)
class AppealRules:
    period_weeks: int
    legal_basis: LegalReference
    body: str  # who decides if the municipality does not uphold the appeal
