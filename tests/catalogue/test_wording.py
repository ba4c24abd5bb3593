"""Issue 7 §4, one home for texts: the pure criteria say their reasons through the project's
one gettext catalogue, in bokmål, nynorsk and English, never from inline copies."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from omsorg.catalogue import criteria
from omsorg.catalogue.criteria import KINDS
from omsorg.catalogue.criteria.facts import FACTS
from omsorg.catalogue.criteria.wording import catalogue

CRITERIA_DIR = Path(criteria.__file__).parent
SOURCES = [*CRITERIA_DIR.glob("*.py"), CRITERIA_DIR.parent / "assess.py"]


def _said(path: Path) -> list[tuple[str, ...]]:
    """Every literal message handed to say / say_plural in one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in {"say", "say_plural"}:
            literal = [arg.value for arg in node.args[:2] if isinstance(arg, ast.Constant)]
            found.append(tuple(literal[:2] if node.func.id == "say_plural" else literal[:1]))
    return found


MESSAGES = sorted({message for path in SOURCES for message in _said(path)})


def test_the_criteria_say_their_texts():
    """A guard that the scan below sees the messages at all."""
    assert len(MESSAGES) > 60


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: m[0][:40])
def test_every_criterion_text_is_translated_in_the_one_catalogue(message, lang):
    """makemessages extracts say() and say_plural() (core's makemessages command), so each text
    is in the compiled catalogue that the pages and letters use too."""
    compiled = catalogue(lang)._catalog
    key = message[0] if len(message) == 1 else (message[0], 0)
    assert compiled.get(key), f"{message[0]!r} has no {lang} translation"


def test_fact_labels_come_from_the_catalogue_in_each_language():
    label = FACTS["birth_date"].description
    assert label == {"nb": "Fødselsdato", "nn": "Fødselsdato", "en": "Date of birth"}
    assert FACTS["resident"].description["nn"] == "Søkjaren oppheld seg i kommunen"


def test_a_nynorsk_reason_is_nynorsk():
    kind = KINDS["age"]
    finding = kind.evaluate(
        kind.validate({"min_age": 10}), {"birth_date": date(2015, 6, 1)}, date(2024, 5, 15)
    )
    assert finding.reason["nn"].startswith("Søkjaren er 8 år (15.05.2024), utanfor kriteriet")
    assert finding.reason["nb"].startswith("Søkeren er 8 år (15.05.2024), utenfor kriteriet")
    assert finding.reason["en"].startswith("The applicant is 8 years old (15.05.2024), outside")


def test_one_night_one_day_is_singular():
    """Issue 7 formats: "1 natt", not "1 netter" (and "1 dag", not "1 dager")."""
    stay = KINDS["min_stay_days"]
    finding = stay.evaluate(stay.validate({"min_days": 3}), {"stay_days": 1}, date(2024, 5, 15))
    assert finding.reason["nb"].startswith("Oppholdet varer 1 dag; kravet er minst 3 dager.")
    limit = KINDS["quantity_limit"]
    params = limit.validate(
        {"fact": "requested_hours_per_month", "max": 10, "unit": "nights", "period": "month"}
    )
    one = limit.evaluate(params, {"requested_hours_per_month": 1}, date(2024, 5, 15))
    assert one.reason["nb"] == "Søkt om 1 natt per måned, innenfor retningslinjens nivå på 10."
    assert one.reason["nn"] == "Søkt om 1 natt per månad, innanfor nivået i retningslinja på 10."
    half = limit.evaluate(params, {"requested_hours_per_month": 12.5}, date(2024, 5, 15))
    assert half.reason["nb"].startswith("Søkt om 12,5 netter per måned, over retningslinjens")
    assert half.reason["en"].startswith("Applied for 12.5 nights per month, above the guideline")
