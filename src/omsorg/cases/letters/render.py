"""Render letters as HTML (the page preview) and PDF (WeasyPrint) from the same templates.

A letter is written in the municipality's written language (bokmål or nynorsk) unless another
is asked for; "en" gives an English courtesy translation. Callers check access to the person
before they ask for a letter (the views log it as a read with the "letter" purpose).
"""

from __future__ import annotations

import datetime
import functools
import importlib.metadata
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from omsorg.cases.letters.allowance import allowance_parts, carer_addressing
from omsorg.cases.letters.common import (
    addressing_for,
    cite,
    document_reference,
    in_sentence,
    law_name,
    letter_date,
    letter_language,
    letter_reference,
    office_of,
    sender_of,
)
from omsorg.cases.letters.decision import decision_parts, guideline_title
from omsorg.cases.letters.stored import html_digest, stored_pdf
from omsorg.cases.letters.wording import foreign_words, one_law_form
from omsorg.cases.models import Appeal, Decision, Document, PreliminaryReply
from omsorg.cases.selectors import deciding_unit_for
from omsorg.core.clock import today
from omsorg.core.models import Municipality, Unit, User
from omsorg.people.models import Person

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "cases" / "letters"
# One stylesheet for the PDF (read as a local file) and the page preview (served as static).
STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "cases" / "letter.css"
# PDF/A-2a: the archival format Noark 5 archives take, level "a" = tagged structure, so screen
# readers follow headings and lists (universal design). Not checked with veraPDF here.
PDF_VARIANT = "pdf/a-2a"


def _letter_context(
    *,
    municipality: Municipality,
    person: Person,
    on_date: datetime.date,
    lang: str,
    reference: str,
    caseworker: User | None,
    deciding_unit: Unit | None,
) -> dict:
    """What every letter shows: sender, date, reference, recipients, the signing caseworker."""
    addressing = addressing_for(person, on_date)
    title = _municipality_title(municipality)
    office = office_of(deciding_unit, municipality)
    return {
        "office": office,
        "lang": lang,
        "municipality": municipality,
        "municipality_title": title,
        "sender": sender_of(office, municipality, title),
        "letter_date": letter_date(on_date, lang),
        "reference": reference,
        "addressing": addressing,
        "person": person,
        "birth_date": letter_date(person.birth_date, lang),
        "caseworker": caseworker,
        "fvl": law_name("fvl", lang),
        "plural": addressing.plural,
        "stylesheet": STYLESHEET.as_uri(),
    }


def _render(template: str, context: dict) -> str:
    # Norwegian typesetting keeps "§" with its number ("§ 7-5" never splits over two lines).
    return render_to_string(template, context).replace("§ ", "§\N{NO-BREAK SPACE}")


def _municipality_title(municipality: Municipality) -> str:
    # The register holds the bare name ("Holtålen"); a letterhead says "Holtålen kommune".
    if "kommune" in municipality.name.lower():
        return municipality.name
    return _("%(name)s municipality") % {"name": municipality.name}


def _decision_context(decision: Decision, lang: str) -> dict:
    references = _letter_references(decision)
    context = _letter_context(
        municipality=decision.person.municipality,
        person=decision.person,
        on_date=decision.decided_on or today(),
        lang=lang,
        reference=references[decision.pk],
        caseworker=decision.decided_by,
        deciding_unit=decision.deciding_unit
        or deciding_unit_for(
            municipality_id=decision.person.municipality_id, service_type=decision.service_type
        ),
    )
    application, replaces = decision.application, decision.replaces
    # A decision made when the unit upheld an appeal says so (fvl § 33 second paragraph).
    appeal = _from_appeal(decision)
    context.update(
        decision=decision,
        service=decision.service_type.name(lang),
        service_in_sentence=in_sentence(decision.service_type.name(lang)),
        received_on=letter_date(application.received_on, lang) if application else "",
        decided_on=letter_date(decision.decided_on, lang),
        replaces_date=letter_date(replaces.decided_on, lang) if replaces else "",
        from_appeal=appeal,
        appeal_received=letter_date(appeal.received_on, lang) if appeal else "",
        replaces_reference=references[replaces.pk] if replaces else "",
        assessment_summary=one_law_form(
            getattr(getattr(application, "assessment", None), "summary", ""), lang
        ),
        reasons=one_law_form(decision.reasons, lang),
        justification=one_law_form(decision.justification, lang),
        guidelines=guideline_title(decision.service_type.version),
        patient_record_law=cite("pbrl", "5-1", lang),
        **decision_parts(decision, lang),
    )
    context.update(allowance_parts(decision, lang))  # omsorgsstønad: to the carer, the amount
    return context


def _letter_references(decision: Decision) -> dict[int, str]:
    """The stored letter number of the decision and of the one it replaces, in one query
    (a decision letter before case numbers keeps the bare record number it was sent with)."""
    ids = [decision.pk] + ([decision.replaces_id] if decision.replaces_id else [])
    documents = Document.objects.filter(
        decision_id__in=ids, kind=Document.Kind.DECISION_LETTER
    ).select_related("case_file")
    references = {}
    for document in documents.order_by("case_file", "number"):
        references.setdefault(document.decision_id, document_reference(document))
    return {pk: references.get(pk, str(pk)) for pk in ids}


def _from_appeal(decision: Decision) -> Appeal | None:
    """The appeal whose upholding made this decision (read with the decision by decision_for)."""
    try:
        return decision.from_appeal
    except Appeal.DoesNotExist:
        return None


def decision_letter_html(
    decision: Decision, *, language: str | None = None, fragment: bool = False
) -> str:
    """The decision letter (vedtaksbrev) as HTML; `fragment` leaves out <html> for a page."""
    lang = letter_language(decision.person.municipality, language)
    with translation.override(lang):
        context = _decision_context(decision, lang)
        context["fragment"] = fragment
        return _render("cases/letters/decision.html", context)


def decision_letter_pdf(decision: Decision, *, language: str | None = None) -> bytes:
    """The letter as PDF, typeset once per letter text: the same HTML serves the stored PDF."""
    lang = letter_language(decision.person.municipality, language)
    html = decision_letter_html(decision, language=lang)
    digest = html_digest(html, variant=PDF_VARIANT, stylesheet=_stylesheet())
    return stored_pdf(decision, lang, digest, lambda: html_to_pdf(html))


@functools.cache
def _stylesheet() -> bytes:
    # With the typesetter's version: an upgrade of WeasyPrint typesets stored letters again.
    return STYLESHEET.read_bytes() + importlib.metadata.version("weasyprint").encode()


def _services_applied_for(reply: PreliminaryReply, lang: str) -> str:
    names = [
        in_sentence(requested.service_type.name(lang))
        for requested in reply.application.requested_services.select_related("service_type")
    ]
    if len(names) < 2:
        return "".join(names)
    and_word = pgettext("list", "and")
    return f"{', '.join(names[:-1])} {and_word} {names[-1]}"


def _application_office(application) -> Unit | None:
    """The office that will decide: the one deciding the first service applied for."""
    requested = application.requested_services.select_related("service_type").first()
    if requested is None:
        return None
    return deciding_unit_for(
        municipality_id=application.municipality_id, service_type=requested.service_type
    )


def _reply_context(reply: PreliminaryReply, lang: str) -> dict:
    application = reply.application
    context = _letter_context(
        municipality=application.municipality,
        person=application.person,
        on_date=reply.sent_on,
        lang=lang,
        reference=letter_reference(
            reply.documents, Document.Kind.PRELIMINARY_REPLY, application.pk
        ),
        caseworker=application.caseworker or reply.created_by,
        deciding_unit=_application_office(application),
    )
    context.update(
        reply=reply,
        services=_services_applied_for(reply, lang),
        received_on=letter_date(application.received_on, lang),
        expected_by=letter_date(reply.expected_by, lang),
    )
    if application.carer is not None:  # omsorgsstønad: the carer applied and is the party
        context["addressing"] = carer_addressing(application.person, application.carer)
    return context


def preliminary_reply_html(
    reply: PreliminaryReply, *, language: str | None = None, fragment: bool = False
) -> str:
    """The preliminary reply (foreløpig svar, fvl § 11 a) as HTML."""
    lang = letter_language(reply.application.municipality, language)
    with translation.override(lang):
        context = _reply_context(reply, lang)
        context["fragment"] = fragment
        return _render("cases/letters/preliminary_reply.html", context)


def preliminary_reply_pdf(reply: PreliminaryReply, *, language: str | None = None) -> bytes:
    return html_to_pdf(preliminary_reply_html(reply, language=language))


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of a letter's HTML; its stylesheet is a local file, nothing else is loaded."""
    # WeasyPrint takes about a second to import: load it when a PDF is made, not at start-up.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # A letter is complete in itself: fetching from the network would leak that a letter is
    # being made and make the PDF depend on someone else's server. Only local files (its
    # stylesheet) load, and a failed load stops the letter rather than losing its layout.
    local_only = URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)
    document = HTML(string=html, base_url=TEMPLATE_DIR.as_uri() + "/", url_fetcher=local_only)
    return document.write_pdf(pdf_variant=PDF_VARIANT)


@dataclass(frozen=True)
class LanguageWarning:
    """A free text of the letter with words of the other written standard (bokmål in a
    nynorsk letter, or the reverse), for the caseworker to rewrite before sending."""

    field: str
    words: tuple[str, ...]


def decision_free_texts(decision: Decision) -> list[tuple[str, str]]:
    """The caseworker's own texts that the decision letter prints, with their labels."""
    assessment = getattr(decision.application, "assessment", None)
    return [
        (_("Reasons"), decision.reasons),
        (_("Justification"), decision.justification),
        (_("Assessment summary"), getattr(assessment, "summary", "")),
        *((_("Statement of facts"), text) for text in (decision.fact_statements or {}).values()),
    ]


def language_warnings(
    municipality: Municipality, texts: list[tuple[str, str]]
) -> list[LanguageWarning]:
    """Which free texts are not in the municipality's written language (word-list check)."""
    lang = letter_language(municipality, None)
    warnings = []
    for label, text in texts:
        words = foreign_words(text or "", lang)
        if words:
            warnings.append(LanguageWarning(str(label), tuple(words)))
    return warnings
