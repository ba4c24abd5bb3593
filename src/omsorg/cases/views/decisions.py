"""Decision pages: decide with the criteria in view, the letter, notification."""

import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omsorg.cases import selectors
from omsorg.cases.deadlines import latest_review_date
from omsorg.cases.forms import DecisionForm, NotifyForm
from omsorg.cases.judgement import judged_criteria, statement_field
from omsorg.cases.letters.render import (
    decision_free_texts,
    decision_letter_html,
    decision_letter_pdf,
    language_warnings,
)
from omsorg.cases.models import Decision
from omsorg.cases.services.care_allowance import CareInput, carer_is_party
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
from omsorg.people.access import Purpose, may_read_case_record
from omsorg.people.selectors import person_relatives


def decision_input(service_type: ServiceType, data: dict) -> DecisionInput:
    return DecisionInput(
        service_type=service_type,
        outcome=data.get("outcome", ""),
        reasons=data.get("reasons", ""),
        quantity=data.get("quantity"),
        scope_period=data.get("scope_period", ""),
        scope_unit=data.get("scope_unit") or "",
        valid_from=data.get("valid_from"),
        valid_to=data.get("valid_to"),
        review_date=data.get("review_date"),
        justification=data.get("justification", ""),
        unit=data.get("unit"),
        service_form=data.get("service_form") or "",
        carer=data.get("carer"),
        care=_care_input(data),
        fact_statements={
            name.removeprefix(STATEMENT): value
            for name, value in data.items()
            if name.startswith(STATEMENT) and value
        },
    )


def _care_input(data: dict) -> CareInput | None:
    if data.get("care_hours_per_month") is None:
        return None
    return CareInput(
        care_hours_per_month=data["care_hours_per_month"],
        strain=data["strain"],
        night_work=data["night_work"],
        isolation=data["isolation"],
        assistance_allowance_per_month=data.get("assistance_allowance_per_month") or 0,
    )


def carers_for(person, service_type):
    """The person's relatives, one of whom is the party for a carer's service; else None."""
    return person_relatives(person) if carer_is_party(service_type) else None


STATEMENT = statement_field("")


def judged_for(person, application, service_type: ServiceType, evaluation):
    """The criteria met by judgement, each needing a statement of facts on the form."""
    facts = selectors.case_facts(person, application)
    return judged_criteria(service_type_spec(service_type), evaluation, facts)


def _initial(
    evaluation, service_type: ServiceType, in_force: Decision | None, requested=None
) -> dict:
    """A new decision starts from the suggestion and what was applied for (capped only by a
    legal limit, never a guideline's level), or from the decision in force: its scope and
    unit, and a period that starts the day after the old one ends and lasts as long."""
    suggestion = evaluation.suggestion if evaluation.suggestion != "discretion" else None
    applied = requested.quantity if requested is not None else None
    if applied and evaluation.granted_limit:
        applied = min(applied, evaluation.granted_limit)
    initial = {
        "outcome": suggestion,
        "quantity": applied or evaluation.granted_limit,
        "scope_period": service_type.scope_period,
        "valid_from": today(),
    }
    if in_force is None:
        return initial
    initial.update(
        quantity=in_force.quantity,
        scope_period=in_force.scope_period,
        scope_unit=in_force.scope_unit,
    )
    initial["unit"] = in_force.unit_id
    initial["service_form"] = in_force.service_form
    if in_force.valid_to is not None:
        start = max(in_force.valid_to + datetime.timedelta(days=1), today())
        initial["valid_from"] = start
        if in_force.valid_from is not None:
            initial["valid_to"] = start + (in_force.valid_to - in_force.valid_from)
    initial["review_date"] = latest_review_date(today())
    return initial


@page
def decision_create(request, person_id: int, application_id: int, service_type_id: int):
    person = person_for(request, person_id)
    application = selectors.application_for(person=person, application_id=application_id)
    requested = get_object_or_404(application.requested_services, service_type_id=service_type_id)
    service_type = requested.service_type
    evaluation = selectors.evaluation_for(
        person=person, application=application, service_type=service_type, on_date=today()
    )
    in_force = selectors.decision_in_force(
        person=person, service_code=service_type.code, on_date=today()
    )
    lang = (get_language() or "nb")[:2]
    form = DecisionForm(
        request.POST or None,
        municipality_id=person.municipality_id,
        carers=carers_for(person, service_type),
        initial={
            **_initial(evaluation, service_type, in_force, requested),
            "carer": application.carer,
        },
        service_forms=[(f.code, f.names[lang]) for f in service_type_spec(service_type).forms],
        scope_units=service_type_spec(service_type).scope_units,
        judged=judged_for(person, application, service_type, evaluation),
        language=person.municipality.written_language,
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
            messages.success(request, _("The decision is made. Send the letter to the applicant."))
            return redirect("decision_detail", person_id=person.pk, decision_id=decision.pk)
    context = {
        "form": form,
        "person": person,
        "application": application,
        "service_type": service_type,
        "evaluation": evaluation_view(evaluation),
        "in_force": in_force,
    }
    return render(request, "cases/decision_form.html", context)


def _notified_message(decision) -> str:
    decision.refresh_from_db(fields=["notified_on"])
    return _(
        "Registered: the applicant received the decision on %(date)s. "
        "The appeal deadline is %(deadline)s."
    ) % {
        "date": date_format(decision.notified_on, "SHORT_DATE_FORMAT"),
        "deadline": date_format(selectors.appeal_deadline_of(decision), "SHORT_DATE_FORMAT"),
    }


def _delivered_decision(request, person_id: int, decision_id: int, what: str = "decision"):
    """A decision's pages are for the deciding unit and for the staff who deliver that service
    (Normen: need to know); another service's decision is refused (403, logged)."""
    person = person_for(request, person_id, what=what, purpose=Purpose.DELIVERY)
    decision = selectors.decision_read(
        actor=request.user, person=person, decision_id=decision_id, today=today()
    )
    return person, decision


@page
def decision_detail(request, person_id: int, decision_id: int):
    person, decision = _delivered_decision(request, person_id, decision_id)
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
        messages.success(request, _notified_message(decision))
        return redirect("decision_detail", person_id=person.pk, decision_id=decision.pk)
    context = {
        "person": person,
        "decision": decision,
        "case_record": may_read_case_record(request.user, person, today()),
        "notify_form": form,
        "appeal_deadline": selectors.appeal_deadline_of(decision),
        "appeals": decision.appeals.all(),
        "reviews": decision.reviews.all(),
        "letter_html": decision_letter_html(decision, fragment=True),
        "terms": decision_terms_view(decision),
        "language_warnings": language_warnings(person.municipality, decision_free_texts(decision)),
        "letter_language": person.municipality.get_written_language_display(),
        "letter_language_code": person.municipality.written_language,
    }
    return render(request, "cases/decision_detail.html", context)


@page
def decision_letter(request, person_id: int, decision_id: int):
    person, decision = _delivered_decision(request, person_id, decision_id, "decision letter")
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
