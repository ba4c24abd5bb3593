"""The decision letter and the preliminary reply, rendered to PDF and read back with pdftotext.

What forvaltningsloven asks of a decision letter (fvl §§ 24, 25, 27; seed 004 §2): outcome,
scope, period, reasons citing the rules, facts and main considerations; the right to appeal,
its deadline (4 weeks, pbrl § 7-5), where to send it and who decides it (Statsforvalteren,
pbrl § 7-2); late appeals (fvl § 31); the right to see the documents (fvl § 18). A preliminary
reply says why the case takes time and when to expect a decision (fvl § 11 a).
"""

import re
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from omsorg.cases.deadlines import add_months, appeal_deadline
from omsorg.cases.letters.render import (
    decision_letter_html,
    decision_letter_pdf,
    preliminary_reply_html,
    preliminary_reply_pdf,
)
from omsorg.cases.services.applications import (
    application_register,
    assessment_record,
    preliminary_reply_send,
)
from omsorg.cases.services.decisions import DecisionInput, decision_make, decision_notify
from omsorg.catalogue.services import service_type_revise
from omsorg.core.models import Role
from tests import factories
from tests.pdf import pdf_text as read_pdf

pytestmark = pytest.mark.django_db

SUPPORT_CONTACT_FACTS = {**factories.SUPPORT_CONTACT_FACTS, "requested_hours_per_month": 10}
LETTER_DATE = {"nb": "j. F Y", "nn": "j. F Y", "en": "j F Y"}


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with whitespace collapsed, so phrases survive line breaks."""
    return " ".join(read_pdf(pdf).split())


def squeezed(text: str) -> str:
    return "".join(text.split()).replace("-", "")


def written(day, lang="nb") -> str:
    with translation.override(lang):
        return date_format(day, LETTER_DATE[lang])


def applied(caseworker, person, service_type, today, hours=10, facts=None):
    application = application_register(
        actor=caseworker,
        person=person,
        channel="portal",
        received_on=today,
        services=[(service_type("support_contact"), hours)],
        consent_given=True,
        today=today,
    )
    assessment_record(
        actor=caseworker,
        application=application,
        performed_on=today,
        methods=["home_visit", "relatives"],
        facts=facts or {**SUPPORT_CONTACT_FACTS, "requested_hours_per_month": hours},
        summary="Kartlagt ved hjemmebesøk.",
        expected_version=None,
        today=today,
    )
    return application


def decide(caseworker, person, service_type, today, *, notify=True, **overrides):
    application = applied(caseworker, person, service_type, today)
    values = {
        "service_type": service_type("support_contact"),
        "outcome": "granted",
        "reasons": "Sofie trenger følge for å delta på fotballtrening.",
        "quantity": 10,
        "valid_from": today,
        "valid_to": add_months(today, 12),
        "review_date": add_months(today, 11),
        "service_form": "individual",
    }
    values.update(overrides)
    decision = decision_make(
        actor=caseworker,
        person=person,
        data=DecisionInput(**values),
        today=today,
        application=application,
    )
    if notify:
        decision_notify(actor=caseworker, decision=decision, notified_on=today, today=today)
    return decision


def test_grant_states_outcome_scope_period_and_review_date(
    caseworker, child, guardians, service_type, today
):
    decision = decide(caseworker, child, service_type, today)
    text = pdf_text(decision_letter_pdf(decision))
    assert "Vedtak om støttekontakt" in text
    assert "Sofie Haugen får innvilget støttekontakt." in text
    assert "Utfall Innvilget" in text
    assert "10 timer per måned" in text
    assert f"fra {written(today)} til {written(add_months(today, 12))}" in text
    assert f"evaluert senest {written(add_months(today, 11))}" in text
    assert f"Vår referanse {decision.case_file}-1" in text
    assert "Holtålen kommune" in text and "Koordinerende enhet for barn og unge" in text
    assert "Postboks 24 7380 Ålen" in text


def test_reasons_cite_the_rules_facts_and_main_considerations_fvl_25(
    caseworker, child, guardians, service_type, today
):
    decision = decide(caseworker, child, service_type, today)
    text = pdf_text(decision_letter_pdf(decision))
    # The rules: the service's legal basis, from the catalogue's dated legal data.
    assert "helse- og omsorgstjenesteloven § 3-2 første ledd nr. 6 bokstav b" in text
    # The facts: each criterion with its result and the recorded reason.
    assert "Brukeren er over 10 år (unntak kan forekomme) og under 18 år." in text
    assert "Søkeren oppholder seg i kommunen. (oppfylt)" in text
    # Compared without spaces and hyphens: a line may break at a word's hyphen. A reason that
    # only restates its criterion ("Oppfylt: «…»") is left out; the others are printed.
    reasons = [squeezed(item["reason"]["nb"]) for item in decision.evaluation["criteria"]]
    printed = [reason for reason in reasons if reason in squeezed(text)]
    assert squeezed("Ikke til hinder, fordi dette ikke er tilfellet") in " ".join(printed)
    assert not any(reason.startswith("Oppfylt:«") for reason in printed)
    assert "Kartlegging: hjemmebesøk, samtaler med pårørende" in text
    # The main considerations: the caseworker's own reasons.
    assert "Sofie trenger følge for å delta på fotballtrening." in text


def test_appeal_deadline_is_notified_on_plus_the_services_four_weeks_pbrl_7_5(
    caseworker, child, guardians, service_type, today
):
    decision = decide(caseworker, child, service_type, today)
    deadline = appeal_deadline(decision.notified_on, weeks=decision.service_type.appeal_weeks)
    text = pdf_text(decision_letter_pdf(decision))
    # Written to both guardians: "dere", never "du".
    assert "Dere kan klage på vedtaket" in text
    assert "Klagefristen er 4 uker fra dere mottok dette brevet" in text
    assert "pasient- og brukerrettighetsloven § 7-5" in text
    assert (
        f"Dere mottok brevet {written(today)}, og klagen må være sendt senest "
        f"{written(deadline)}." in text
    )
    assert "Send klagen skriftlig til Koordinerende enhet for barn og unge" in text
    assert "kan hjelpe dere med å skrive klagen (forvaltningsloven §§ 11 og 32)" in text
    assert "Statsforvalteren i Trøndelag" in text
    assert "pasient- og brukerrettighetsloven § 7-2" in text
    assert "forvaltningsloven § 31" in text


def test_letter_before_notification_counts_four_weeks_from_receipt(
    caseworker, child, guardians, service_type, today
):
    decision = decide(caseworker, child, service_type, today, notify=False)
    text = pdf_text(decision_letter_pdf(decision))
    assert "Klagefristen er 4 uker fra dere mottok dette brevet" in text
    assert "Dere mottok brevet" not in text


def test_right_to_see_documents_fvl_18_and_gdpr_15_for_a_service_that_is_not_health_care(
    caseworker, child, guardians, service_type, today
):
    decision = decide(caseworker, child, service_type, today)
    text = pdf_text(decision_letter_pdf(decision))
    assert "forvaltningsloven §§ 18 og 19" in text
    assert "personvernforordningen (GDPR) artikkel 15" in text
    assert "Dette brevet er godkjent elektronisk og har derfor ingen signatur." in text
    assert caseworker.display_name in text


def test_a_childs_letter_is_addressed_to_the_guardians(
    caseworker, child, guardians, service_type, today
):
    decision = decide(caseworker, child, service_type, today)
    text = pdf_text(decision_letter_pdf(decision))
    assert "Til foresatte for Sofie Haugen Kari Haugen Per Haugen Gauldalsvegen 1 7380 Ålen" in text


def test_an_adults_letter_is_addressed_to_the_person(
    caseworker, make_person, municipality_contact, service_type, today
):
    adult = make_person(age_years=19, given_name="Jon", family_name="Moen")
    facts = {**SUPPORT_CONTACT_FACTS, "requested_hours_per_month": 10}
    application = applied(caseworker, adult, service_type, today, facts=facts)
    decision = decision_make(
        actor=caseworker,
        person=adult,
        data=DecisionInput(
            service_type=service_type("support_contact"),
            outcome="granted",
            reasons="Jon trenger følge til fritidsaktiviteter.",
            justification="Unntak fra aldersgrensen: Jon går fortsatt på videregående skole.",
            quantity=10,
            valid_from=today,
            review_date=add_months(today, 6),
            service_form="individual",
        ),
        today=today,
        application=application,
    )
    text = pdf_text(decision_letter_pdf(decision))
    assert "Til foresatte" not in text
    assert "Du får innvilget støttekontakt." in text
    assert "inntil videre" in text
    assert "Skjønnsvurdering Unntak fra aldersgrensen" in text


def test_refusal_says_so_with_the_reasons(caseworker, child, guardians, service_type, today):
    decision = decide(
        caseworker,
        child,
        service_type,
        today,
        outcome="refused",
        quantity=None,
        reasons="Behovet dekkes av skolefritidsordningen.",
        justification="Kriteriene er oppfylt, men behovet dekkes allerede av SFO.",
    )
    text = pdf_text(decision_letter_pdf(decision))
    assert "Søknaden om støttekontakt for Sofie Haugen er avslått." in text
    assert "Utfall Avslag" in text
    assert "Grunnen til avslaget står i begrunnelsen nedenfor." in text
    assert "Behovet dekkes av skolefritidsordningen." in text
    assert "Kriteriene er oppfylt, men behovet dekkes allerede av SFO." in text
    assert "Omfang" not in text and "Periode" not in text
    assert "Dere kan klage på vedtaket" in text


def test_partial_grant_states_what_was_applied_for_and_what_is_granted(
    caseworker, child, guardians, service_type, today
):
    decision = decide(
        caseworker,
        child,
        service_type,
        today,
        outcome="partly_granted",
        quantity=6,
        justification="Seks timer dekker treningene; resten dekkes av familien.",
    )
    text = pdf_text(decision_letter_pdf(decision))
    assert "Sofie Haugen får delvis innvilget støttekontakt." in text
    assert "Søknaden gjaldt 10 timer per måned, og 6 timer per måned blir innvilget." in text


def test_nynorsk_letter_is_written_in_nynorsk(
    caseworker, child, guardians, municipality, service_type, today
):
    municipality.written_language = "nn"
    municipality.save()
    decision = decide(caseworker, child, service_type, today)
    deadline = appeal_deadline(decision.notified_on, weeks=4)
    text = pdf_text(decision_letter_pdf(decision))
    assert "Til føresette for Sofie Haugen" in text
    assert "Sofie Haugen får innvilga støttekontakt." in text
    assert "10 timar per månad" in text
    assert "De kan klage på vedtaket" in text
    assert "Klagefristen er 4 veker frå de fekk dette brevet" in text
    assert (
        f"De fekk brevet {written(today, 'nn')}, og klagen må vere send seinast "
        f"{written(deadline, 'nn')}."
    ) in text
    assert "pasient- og brukarrettslova § 7-5" in text
    assert "forvaltningslova §§ 18 og 19" in text
    assert "Denne tenesta er ikkje helsehjelp" in text
    assert "har difor inga underskrift" in text
    # Criteria and their reasons in nynorsk too, not the recorded bokmål.
    assert "Brukaren er over 10 år (unntak kan førekome) og under 18 år." in text
    # The bokmål forms, as whole words (the catalogue's bokmål guideline title is data).
    for bokmal in ("Klagefristen er 4 uker", "Du mottok brevet", "ikke", "tjenesten", "foresatte"):
        assert not re.search(rf"\b{bokmal}\b", text)


def test_english_courtesy_translation(caseworker, child, guardians, service_type, today):
    decision = decide(caseworker, child, service_type, today)
    text = pdf_text(decision_letter_pdf(decision, language="en"))
    assert "Decision on support contact" in text
    assert "10 hours per month" in text
    assert "To the guardians of Sofie Haugen" in text
    assert "the Patient and User Rights Act section 7-5" in text


def test_every_page_is_numbered_and_the_pdf_is_tagged(
    caseworker, child, guardians, service_type, today, tmp_path
):
    decision = decide(caseworker, child, service_type, today)
    pdf = decision_letter_pdf(decision)
    text = pdf_text(pdf)
    pages = text.count("Side ")  # "Side n av N" once on every page
    assert pages >= 2
    assert all(f"Side {n} av {pages}" in text for n in range(1, pages + 1))
    assert f"Holtålen kommune · Vår referanse {decision.case_file}-1" in text
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    assert "Vedtak om støttekontakt" in info  # the document title, read out by screen readers


def test_appeal_period_and_its_law_come_from_the_services_legal_data(
    caseworker, users, child, guardians, service_type, today
):
    # A service revised to the general rule of fvl § 29 (3 weeks) instead of pbrl § 7-5.
    version = service_type_revise(
        actor=users[Role.ADMINISTRATOR],
        service_type=service_type("support_contact"),
        changes={
            "appeal": {
                "period_weeks": 3,
                "legal_basis": {"law": "fvl", "section": "29"},
                "body": "Statsforvalteren i Trøndelag",
            }
        },
    )
    revised = version.service_types.get(code="support_contact")
    decision = decide(caseworker, child, lambda code: revised, today)
    deadline = appeal_deadline(decision.notified_on, weeks=3)
    text = pdf_text(decision_letter_pdf(decision))
    assert (
        "Klagefristen er 3 uker fra dere mottok dette brevet, jf. forvaltningsloven § 29." in text
    )
    assert f"klagen må være sendt senest {written(deadline)}." in text


def test_preview_fragment_is_the_same_letter_without_the_document(
    caseworker, child, guardians, service_type, today
):
    decision = decide(caseworker, child, service_type, today)
    fragment = decision_letter_html(decision, fragment=True)
    assert "<html" not in fragment and '<article class="letter"' in fragment
    assert "10 timer per måned" in fragment
    assert "<!DOCTYPE html>" in decision_letter_html(decision)


def test_unknown_language_is_refused(caseworker, child, guardians, service_type, today):
    decision = decide(caseworker, child, service_type, today)
    with pytest.raises(ValueError):
        decision_letter_html(decision, language="sv")


def test_preliminary_reply_says_why_when_and_who_fvl_11a(
    caseworker, child, guardians, service_type, today
):
    application = application_register(
        actor=caseworker,
        person=child,
        channel="portal",
        received_on=today,
        services=[(service_type("support_contact"), 10), (service_type("respite_home"), 4)],
        consent_given=True,
        today=today,
    )
    expected = add_months(today, 1)
    reply = preliminary_reply_send(
        actor=caseworker,
        application=application,
        expected_by=expected,
        reason="Vi venter på opplysninger fra fastlegen.",
        today=today,
    )
    text = pdf_text(preliminary_reply_pdf(reply))
    assert (
        "Foreløpig svar på søknaden om støttekontakt og avlastning i kommunal avlastningsbolig"
        in text
    )
    assert "Til foresatte for Sofie Haugen" in text
    assert "Vi venter på opplysninger fra fastlegen." in text
    assert f"Vi regner med å gjøre vedtak innen {written(expected)}." in text
    assert "forvaltningsloven § 11 a" in text
    assert f"kontakte {caseworker.display_name}" in text
    assert "72 41 50 00" in text
    nynorsk = preliminary_reply_html(reply, language="nn")
    assert "Førebels svar" in nynorsk and "ikkje" in nynorsk


def test_pages_serve_the_letter_as_pdf_and_preview(
    client, caseworker, child, guardians, service_type, today
):
    decision = decide(caseworker, child, service_type, today)
    client.force_login(caseworker)
    pdf = client.get(reverse("decision_letter", args=[child.pk, decision.pk]) + "?sprak=nn")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    detail = client.get(reverse("decision_detail", args=[child.pk, decision.pk]))
    assert '<article class="letter"' in detail.content.decode()
