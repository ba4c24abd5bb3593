"""Free text in a letter: one form of each law's name, and a check of the written language.

A letter cites laws by their full names in the letter's language ("forvaltningslova" in a
nynorsk letter), so a caseworker's "fvl §24" or a bokmål law name in a nynorsk letter is
rewritten to that one form. The language check is a plain word list, so the caseworker can see
why a text was flagged: words that exist in only one of the two written standards.
"""

from __future__ import annotations

import re

from omsorg.catalogue.spec import LAWS

# Abbreviations caseworkers write before a section sign, by law code in LAWS.
ABBREVIATIONS = {"fvl": "fvl", "hol": "hol", "hotjl": "hol", "pbrl": "pbrl", "ftrl": "ftrl"}
_ABBREVIATED = re.compile(r"\b(" + "|".join(ABBREVIATIONS) + r")\.?(?=\s*§)", flags=re.IGNORECASE)
_SECTION = re.compile(r"§(?=\d)")

# Words written in only one of the standards (bokmål "ikke", nynorsk "ikkje"); kept as plain
# word lists (hence noqa SIM905) so a caseworker can be told exactly which words were found.
BOKMAL_ONLY = frozenset(
    """ikke jeg hva hvordan hvorfor hvem hvis hvor fra mye noen også være vært bare dere deres
    selv uke uker måned måneder tjeneste tjenesten tjenester søker søkeren hjemme hjem
    sammen fikk gikk kommer ble mer nå uten bruker brukeren sykehus syk hun natten""".split()  # noqa: SIM905
)
NYNORSK_ONLY = frozenset(
    """ikkje eg kva korleis kvifor kven viss frå mykje nokon òg vere vore berre dykk dykkar
    sjølv veke veker månad månader teneste tenesta tenester søkjar søkjaren heime heim saman
    fekk gjekk kjem vart blei meir utan brukar brukaren sjukehus sjuk ho natta""".split()  # noqa: SIM905
)
FOREIGN_WORDS = {"nn": BOKMAL_ONLY, "nb": NYNORSK_ONLY}
_WORD = re.compile(r"[a-zæøåéèòô]+", flags=re.IGNORECASE)


def one_law_form(text: str, lang: str) -> str:
    """Every law named as the letter names it: abbreviations and the other standard's names
    become the full name in `lang`; "§24" gets its space."""

    def full(match: re.Match) -> str:
        names = LAWS[ABBREVIATIONS[match.group(1).lower()]]
        return names.get(lang, names["nb"])

    text = _ABBREVIATED.sub(full, text)
    for names in LAWS.values():
        wanted = names.get(lang, names["nb"])
        for other in ("nb", "nn"):
            if names.get(other) and names[other] != wanted:
                text = re.sub(rf"\b{re.escape(names[other])}\b", wanted, text)
    return _SECTION.sub("§ ", text)


def foreign_words(text: str, lang: str) -> list[str]:
    """The words of `text` that belong to the other written standard than `lang`, once each
    in order of appearance; empty for English or when none is found."""
    foreign = FOREIGN_WORDS.get(lang, frozenset())
    found = [word.lower() for word in _WORD.findall(text) if word.lower() in foreign]
    return list(dict.fromkeys(found))
