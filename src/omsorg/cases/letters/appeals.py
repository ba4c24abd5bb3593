"""The letters of an appeal that the unit does not uphold: the forwarding letter to the appeal
body (oversendelsesbrev) and the notice to the appellant with a copy of the unit's statement
(fvl § 33 fourth paragraph). Same sender, numbering and language rules as the decision letter.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from omsorg.cases.letters.common import (
    cite,
    in_sentence,
    letter_date,
    letter_language,
    letter_reference,
)
from omsorg.cases.letters.render import _letter_context, _render, html_to_pdf
from omsorg.cases.letters.wording import one_law_form
from omsorg.cases.models import Appeal, Document
from omsorg.cases.selectors import deciding_unit_for
from omsorg.catalogue.selectors import service_type_spec

KINDS = {
    "forwarding": (Document.Kind.APPEAL_FORWARDING, "cases/letters/appeal_forwarding.html"),
    "notice": (Document.Kind.APPEAL_NOTICE, "cases/letters/appeal_notice.html"),
}


def appeal_body_of(decision) -> str:
    """Who decides an appeal the unit does not uphold: the municipality's Statsforvalter, else
    the body the service's legal data names."""
    municipality = decision.person.municipality
    return municipality.statsforvalter or service_type_spec(decision.service_type).appeal.body


def _documents(appeal: Appeal, lang: str) -> list[str]:
    """What goes with the case to the appeal body, in the order it came about."""
    decision, application = appeal.decision, appeal.decision.application
    listed = []
    if application is not None:
        listed.append(
            _("The application, received %(date)s")
            % {"date": letter_date(application.received_on, lang)}
        )
        assessment = getattr(application, "assessment", None)
        if assessment is not None and assessment.performed_on:
            listed.append(
                _("The assessment, %(date)s") % {"date": letter_date(assessment.performed_on, lang)}
            )
    reference = letter_reference(decision.documents, Document.Kind.DECISION_LETTER, decision.pk)
    listed.append(
        _("The decision, %(date)s (our reference %(ref)s)")
        % {"date": letter_date(decision.decided_on, lang), "ref": reference}
    )
    listed.append(
        _("The appeal, received %(date)s") % {"date": letter_date(appeal.received_on, lang)}
    )
    return listed


def _appeal_context(appeal: Appeal, kind: str, lang: str) -> dict:
    decision = appeal.decision
    document_kind, _template = KINDS[kind]
    context = _letter_context(
        municipality=decision.person.municipality,
        person=decision.person,
        on_date=appeal.forwarded_on,
        lang=lang,
        reference=letter_reference(appeal.documents, document_kind, appeal.pk),
        caseworker=appeal.updated_by,
        deciding_unit=decision.deciding_unit
        or deciding_unit_for(
            municipality_id=decision.person.municipality_id, service_type=decision.service_type
        ),
    )
    context.update(
        appeal=appeal,
        service_in_sentence=in_sentence(decision.service_type.name(lang)),
        decided_on=letter_date(decision.decided_on, lang),
        decision_reference=letter_reference(
            decision.documents, Document.Kind.DECISION_LETTER, decision.pk
        ),
        appeal_received=letter_date(appeal.received_on, lang),
        forwarded_on=letter_date(appeal.forwarded_on, lang),
        appeal_body=appeal_body_of(decision),
        appeal_law=service_type_spec(decision.service_type).appeal.legal_basis.cite(lang),
        forward_law=cite("pbrl", "7-2", lang),
        late_reason=one_law_form(appeal.late_reason, lang),
        reassessment=one_law_form(appeal.reassessment, lang),
        documents=_documents(appeal, lang),
    )
    return context


def appeal_letter_html(
    appeal: Appeal, kind: str, *, language: str | None = None, fragment: bool = False
) -> str:
    """The forwarding letter ("forwarding") or the notice to the appellant ("notice")."""
    if appeal.forwarded_on is None:
        raise ValueError("only a forwarded appeal has these letters")
    lang = letter_language(appeal.decision.person.municipality, language)
    with translation.override(lang):
        context = _appeal_context(appeal, kind, lang)
        context["fragment"] = fragment
        return _render(KINDS[kind][1], context)


def appeal_letter_pdf(appeal: Appeal, kind: str, *, language: str | None = None) -> bytes:
    return html_to_pdf(appeal_letter_html(appeal, kind, language=language))
