"""Decision pages: decide with the criteria in view, the letter, notification."""

import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omsorg.cases import selectors
from omsorg.cases.forms import DecisionForm, NotifyForm
from omsorg.cases.letters.render import decision_letter_html, decision_letter_pdf
from omsorg.cases.services.decisions import (
    DecisionInput,
    decision_condition_fulfil,
    decision_make,
    decision_notify,
)
from omsorg.cases.views.common import evaluation_view, person_for
from omsorg.catalogue.models import ServiceType
from omsorg.catalogue.selectors import service_type_spec
from omsorg.core.clock import today
from omsorg.core.errors import OmsorgError
from omsorg.core.web import call_service, page


def decision_input(service_type: ServiceType, data: dict) -> DecisionInput:
    return DecisionInput(
        service_type=service_type,
        outcome=data.get("outcome", ""),
        reasons=data.get("reasons", ""),
        quantity=data.get("quantity"),
        scope_period=data.get("scope_period", ""),
        valid_from=data.get("valid_from"),
        valid_to=data.get("valid_to"),
        review_date=data.get("review_date"),
        justification=data.get("justification", ""),
        unit=data.get("unit"),
        service_form=data.get("service_form") or "",
    )


def _initial(evaluation, service_type: ServiceType, requested=None) -> dict:
    """Start from what was applied for (capped only by a legal limit, never a guideline)."""
    suggestion = evaluation.suggestion if evaluation.suggestion != "discretion" else None
    applied = requested.quantity if requested is not None else None
    if applied and evaluation.granted_limit:
        applied = min(applied, evaluation.granted_limit)
    return {
        "outcome": suggestion,
        "quantity": applied or evaluation.granted_limit,
        "scope_period": service_type.scope_period,
        "valid_from": today(),
    }


@page
def decision_create(request, person_id: int, application_id: int, service_type_id: int):
    person = person_for(request, person_id)
    application = selectors.application_for(person=person, application_id=application_id)
    requested = get_object_or_404(application.requested_services, service_type_id=service_type_id)
    service_type = requested.service_type
    evaluation = selectors.evaluation_for(
        person=person, application=application, service_type=service_type, on_date=today()
    )
    lang = (get_language() or "nb")[:2]
    form = DecisionForm(
        request.POST or None,
        municipality_id=person.municipality_id,
        initial=_initial(evaluation, service_type, requested),
        service_forms=[(f.code, f.names[lang]) for f in service_type_spec(service_type).forms],
    )
    if request.method == "POST" and form.is_valid():
        decision = call_service(
            form,
            decision_make,
            actor=request.user,
            person=person,
            data=decision_input(service_type, form.cleaned_data),
            today=today(),
            application=application,
        )
        if decision:
            return redirect("decision_detail", person_id=person.pk, decision_id=decision.pk)
    context = {
        "form": form,
        "person": person,
        "application": application,
        "service_type": service_type,
        "evaluation": evaluation_view(evaluation),
    }
    return render(request, "cases/decision_form.html", context)


@page
def decision_detail(request, person_id: int, decision_id: int):
    person = person_for(request, person_id)
    decision = selectors.decision_for(person=person, decision_id=decision_id)
    form = NotifyForm(
        request.POST or None, initial={"notified_on": today(), "version": decision.version}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            decision_notify,
            actor=request.user,
            decision=decision,
            notified_on=form.cleaned_data["notified_on"],
            expected_version=form.cleaned_data["version"],
            today=today(),
        )
    ):
        return redirect("decision_detail", person_id=person.pk, decision_id=decision.pk)
    context = {
        "person": person,
        "decision": decision,
        "notify_form": form,
        "appeal_deadline": selectors.appeal_deadline_of(decision),
        "appeals": decision.appeals.all(),
        "reviews": decision.reviews.all(),
        "letter_html": decision_letter_html(decision, fragment=True),
        "terms": decision_terms_view(decision),
    }
    return render(request, "cases/decision_detail.html", context)


@page
def decision_letter(request, person_id: int, decision_id: int):
    person = person_for(request, person_id, what="decision letter")
    decision = selectors.decision_for(person=person, decision_id=decision_id)
    language = request.GET.get("sprak") if request.GET.get("sprak") in {"nb", "nn", "en"} else None
    response = HttpResponse(
        decision_letter_pdf(decision, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="vedtak-{decision.pk}.pdf"'
    return response


def decision_terms_view(decision) -> dict:
    """The form, conditions and staircase step of a decision, in the page's language."""
    lang = (get_language() or "nb")[:2]
    spec = service_type_spec(decision.service_type)
    forms = {f.code: f.names[lang] for f in spec.forms}
    conditions = [
        {
            "code": c["code"],
            "text": c["text"].get(lang) or c["text"]["nb"],
            "done": datetime.date.fromisoformat(c["fulfilled_on"]) if c["fulfilled_on"] else None,
        }
        for c in decision.conditions or []
    ]
    return {"form": forms.get(decision.service_form, ""), "conditions": conditions}


@page
@require_POST
def decision_condition(request, person_id: int, decision_id: int, code: str):
    """Record that a condition of the grant is in place (seed 004 §1.5)."""
    person = person_for(request, person_id)
    decision = selectors.decision_for(person=person, decision_id=decision_id)
    try:
        decision_condition_fulfil(
            actor=request.user, decision=decision, code=code, fulfilled_on=today(), today=today()
        )
        messages.success(request, _("The condition is recorded as in place."))
    except OmsorgError as error:
        messages.error(request, error.text())
    return redirect("decision_detail", person_id=person.pk, decision_id=decision.pk)
