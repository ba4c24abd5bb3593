"""How a decision letter speaks (fvl §§ 24, 25, 27): to whom, in which written standard, with
which law names, citing the rules in force, and without internal labels or repeated text.
Issue 7 point 1.11/1.12; the UX review of 06.12.2026, defects 3, 5 and 17.
"""

import datetime
import re

import pytest
from django.urls import reverse

from omsorg.cases.letters.decision import rules_applied
from omsorg.cases.letters.render import decision_letter_html, decision_letter_pdf
from omsorg.cases.letters.wording import foreign_words, one_law_form
from omsorg.catalogue.selectors import service_type_spec
from omsorg.people.services import relative_add
from tests.cases.test_letters import decide, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_guardian(caseworker, child):
    return relative_add(
        actor=caseworker, person=child, name="Kari Haugen", relation="parent", is_guardian=True
    )


def test_letter_names_the_guidelines_by_their_title_and_no_internal_label(
    caseworker, child, guardians, service_type, today
):
    # Seed 004's own title; never "(seed 004)" nor the catalogue's code and version number.
    text = pdf_text(decision_letter_pdf(decide(caseworker, child, service_type, today)))
    assert (
        "retningslinjer for tildeling av tjenesten («Retningslinjer for avlastningstjenesten»)"
        in text
    )
    assert not re.search(r"seed|holtalen v\d", text, flags=re.IGNORECASE)


def test_a_letter_to_one_guardian_says_du(caseworker, child, one_guardian, service_type, today):
    text = pdf_text(decision_letter_pdf(decide(caseworker, child, service_type, today)))
    assert "Du kan klage på vedtaket" in text and "hjelpe deg med å skrive klagen" in text
    assert not re.search(r"\b[Dd]ere\b", text)


def test_a_letter_to_both_guardians_says_dere_in_bokmal_and_de_in_nynorsk(
    caseworker, child, guardians, municipality, service_type, today
):
    decision = decide(caseworker, child, service_type, today)
    text = pdf_text(decision_letter_pdf(decision))
    assert "Dere kan klage på vedtaket" in text and "Dere har rett til å se dokumentene" in text
    assert not re.search(r"\b(Du|du|deg|din)\b", text)
    nynorsk = pdf_text(decision_letter_pdf(decision, language="nn"))
    assert "De kan klage på vedtaket" in nynorsk and "hjelpe dykk med å skrive klagen" in nynorsk
    assert not re.search(r"\b(Du|du|deg|din)\b", nynorsk)


def test_a_met_yes_no_criterion_is_not_repeated_as_its_own_reason(
    caseworker, child, guardians, service_type, today
):
    # UX defect 17: "Søkeren oppholder seg i kommunen. (oppfylt) / Søkeren oppholder seg i
    # kommunen." and "Oppfylt: «…»" under a criterion that already says "oppfylt".
    text = pdf_text(decision_letter_pdf(decide(caseworker, child, service_type, today)))
    assert text.count("Søkeren oppholder seg i kommunen.") == 1
    assert "Oppfylt: «" not in text
    # A reason that adds something stays: why a bar does not apply.
    assert "Ikke til hinder, fordi dette ikke er tilfellet" in text


def test_rules_are_cited_in_the_order_of_the_statute_book(
    caseworker, child, guardians, service_type, today
):
    text = pdf_text(decision_letter_pdf(decide(caseworker, child, service_type, today)))
    general, service = text.index("loven § 3-1 første ledd"), text.index("loven § 3-2 første")
    assert general < service


def test_rules_are_those_in_force_on_the_decision_date(service_type):
    # Prop. 40 L (2022–2023) renumbered pbrl § 2-1 a to § 2-1: the letter cites the number in
    # force on the day of the decision, from the dated legal data (issue 7 point 1.12).
    spec = service_type_spec(service_type("care_allowance"))
    old = next(ref for ref in spec.legal_basis if ref.law == "pbrl" and ref.section == "2-1 a")
    before, after = old.valid_to, old.valid_to + datetime.timedelta(days=1)
    old_number = re.compile(r"§ 2-1 a\b")
    assert any(old_number.search(rule) for rule in rules_applied(spec, before, "nb"))
    rules = rules_applied(spec, after, "nb")
    assert not any(old_number.search(rule) for rule in rules)
    assert "pasient- og brukerrettighetsloven § 2-1 andre ledd" in rules
    # hol § 3-6 in its wording before 1 October 2017 is not cited after it.
    assert "helse- og omsorgstjenesteloven § 3-6" not in rules


def test_law_names_take_one_form_per_letter():
    assert one_law_form("jf. fvl §24 og hol. § 3-2", "nb") == (
        "jf. forvaltningsloven § 24 og helse- og omsorgstjenesteloven § 3-2"
    )
    assert one_law_form("etter helse- og omsorgstjenesteloven § 3-6", "nn") == (
        "etter helse- og omsorgstenestelova § 3-6"
    )
    assert one_law_form("Pbrl § 2-8", "nn") == "pasient- og brukarrettslova § 2-8"


def test_the_caseworkers_abbreviations_become_the_letters_law_names(
    caseworker, child, guardians, service_type, today
):
    decision = decide(
        caseworker, child, service_type, today, reasons="Vurdert etter hol § 3-2 og fvl §17."
    )
    html = decision_letter_html(decision)
    assert (
        "Vurdert etter helse- og omsorgstjenesteloven §\xa03-2 og forvaltningsloven §\xa017."
        in html
    )
    assert not re.search(r"\b(hol|fvl)\b", html)


def test_word_list_finds_bokmal_in_nynorsk_and_nynorsk_in_bokmal():
    assert foreign_words("Barnet har ikke fått tilbud fra skolen, og ikke i ferien.", "nn") == [
        "ikke",
        "fra",
    ]
    assert foreign_words("Barnet har ikkje fått tilbod frå skulen.", "nn") == []
    assert foreign_words("Barnet har ikkje fått tilbod frå skulen.", "nb") == ["ikkje", "frå"]
    assert foreign_words("Not checked in English.", "en") == []


def test_decision_page_warns_when_a_nynorsk_letter_gets_bokmal_free_text(
    client, caseworker, child, guardians, municipality, service_type, today
):
    municipality.written_language = "nn"
    municipality.save()
    decision = decide(
        caseworker, child, service_type, today, reasons="Sofie trenger hjelp fra en voksen."
    )
    client.force_login(caseworker)
    page = client.get(reverse("decision_detail", args=[child.pk, decision.pk])).content.decode()
    assert "ord frå den andre målforma" in page or "ord fra den andre målformen" in page
    assert "fra" in page.split("målform")[1]


def test_no_warning_when_the_free_text_is_in_the_letters_language(
    client, caseworker, child, guardians, service_type, today
):
    decision = decide(caseworker, child, service_type, today)
    client.force_login(caseworker)
    page = client.get(reverse("decision_detail", args=[child.pk, decision.pk])).content.decode()
    assert "den andre målformen" not in page


def test_preview_is_styled_by_a_stylesheet_and_keeps_the_address_lines(
    client, caseworker, child, guardians, service_type, today
):
    # UX defect 5: the page's Content-Security-Policy (style-src 'self') blocked the preview's
    # inline <style>, and the address ran together on one line.
    decision = decide(caseworker, child, service_type, today)
    client.force_login(caseworker)
    page = client.get(reverse("decision_detail", args=[child.pk, decision.pk])).content.decode()
    preview = page[page.index('<article class="letter"') :]
    assert "<style" not in page and "style=" not in preview
    assert 'href="/static/cases/letter.css"' in page
    # The page names the guideline by its title, not the catalogue's code ("holtalen v1").
    assert "Retningslinjer for avlastningstjenesten, versjon 1" in page
    assert re.search(r"Per Haugen</span><br>\s*<span>Gauldalsvegen 1</span><br>", preview)


def test_decision_page_offers_the_letter_in_the_other_standard_and_english(
    client, caseworker, child, guardians, service_type, today
):
    # UX defect 15: the letter follows the municipality's written language (bokmål here); the
    # page also offers nynorsk and an English courtesy translation.
    decision = decide(caseworker, child, service_type, today)
    client.force_login(caseworker)
    page = client.get(reverse("decision_detail", args=[child.pk, decision.pk])).content.decode()
    letter = reverse("decision_letter", args=[child.pk, decision.pk])
    assert f"{letter}?sprak=nn" in page and f"{letter}?sprak=en" in page
    nynorsk = client.get(f"{letter}?sprak=nn")
    assert "De kan klage på vedtaket" in pdf_text(nynorsk.content)
