"""Appeal and review pages."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from omsorg.cases import selectors
from omsorg.cases.forms import (
    AppealForm,
    AppealForwardForm,
    AppealOutcomeForm,
    DecisionForm,
    ReviewForm,
)
from omsorg.cases.judgement import statement_field
from omsorg.cases.letters.appeals import KINDS, appeal_body_of, appeal_letter_pdf
from omsorg.cases.models import Appeal, Decision, Review
from omsorg.cases.services import appeals as services
from omsorg.cases.services.reviews import review_record
from omsorg.cases.views.common import evaluation_view, person_for
from omsorg.cases.views.decisions import carers_for, decision_input, judged_for
from omsorg.catalogue.selectors import service_type_spec
from omsorg.core.clock import today
from omsorg.core.web import call_service, page


@page
def appeal_create(request, person_id: int, decision_id: int):
    person = person_for(request, person_id)
    decision = selectors.decision_for(person=person, decision_id=decision_id)
    form = AppealForm(request.POST or None, initial={"received_on": today()})
    if request.method == "POST" and form.is_valid():
        appeal = call_service(
            form,
            services.appeal_register,
            actor=request.user,
            decision=decision,
            today=today(),
            **form.cleaned_data,
        )
        if appeal:
            messages.success(request, _("The appeal is registered."))
            return redirect("appeal_detail", person_id=person.pk, appeal_id=appeal.pk)
    context = {
        "form": form,
        "person": person,
        "decision": decision,
        "appeal_deadline": selectors.appeal_deadline_of(decision),
    }
    return render(request, "cases/appeal_form.html", context)


def _appeal_action(request, appeal: Appeal, forward_form, outcome_form):
    action = request.POST.get("action")
    if action == "forward" and forward_form.is_valid():
        return call_service(
            forward_form,
            services.appeal_forward,
            actor=request.user,
            appeal=appeal,
            today=today(),
            **forward_form.cleaned_data,
        )
    if action == "outcome" and outcome_form.is_valid():
        return call_service(
            outcome_form,
            services.appeal_record_outcome,
            actor=request.user,
            appeal=appeal,
            today=today(),
            **outcome_form.cleaned_data,
        )
    return None


@page
def appeal_detail(request, person_id: int, appeal_id: int):
    person = person_for(request, person_id)
    appeal = selectors.appeal_for(person=person, appeal_id=appeal_id)
    post = request.POST if request.method == "POST" else None
    action = request.POST.get("action") if post else None
    forward_form = AppealForwardForm(
        post if action == "forward" else None, initial={"forwarded_on": today()}, prefix="forward"
    )
    outcome_form = AppealOutcomeForm(
        post if action == "outcome" else None, initial={"outcome_on": today()}, prefix="outcome"
    )
    if post and _appeal_action(request, appeal, forward_form, outcome_form):
        done = {
            "forward": _("The appeal is registered as forwarded to the county governor."),
            "outcome": _("The county governor's outcome is registered."),
        }
        messages.success(request, done[action])
        return redirect("appeal_detail", person_id=person.pk, appeal_id=appeal.pk)
    context = {
        "person": person,
        "appeal": appeal,
        "decision": appeal.decision,
        "appeal_body": appeal_body_of(appeal.decision),
        "forward_form": forward_form,
        "outcome_form": outcome_form,
    }
    return render(request, "cases/appeal_detail.html", context)


def _reverse_initial(old) -> dict:
    """Upholding an appeal starts from the appealed decision: its scope, period, unit and
    reasons, to be changed where the appellant was right; the outcome a grant."""
    return {
        "outcome": Decision.Outcome.GRANTED,
        "quantity": old.quantity,
        "scope_unit": old.scope_unit,
        "scope_period": old.scope_period,
        "valid_from": old.valid_from or today(),
        "valid_to": old.valid_to,
        "review_date": old.review_date,
        "unit": old.unit_id,
        "reasons": old.reasons,
        "justification": old.justification,
    }


@page
def appeal_letter(request, person_id: int, appeal_id: int, kind: str):
    """The forwarding letter to the appeal body or the notice to the appellant, as PDF."""
    person = person_for(request, person_id, what="appeal letter")
    appeal = selectors.appeal_for(person=person, appeal_id=appeal_id)
    if kind not in KINDS or appeal.forwarded_on is None:
        raise Http404()
    language = request.GET.get("sprak") if request.GET.get("sprak") in {"nb", "nn", "en"} else None
    response = HttpResponse(
        appeal_letter_pdf(appeal, kind, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="klage-{appeal.pk}-{kind}.pdf"'
    return response


@page
def appeal_reverse(request, person_id: int, appeal_id: int):
    """The coordinating unit gives the appellant right: a new decision replaces the old."""
    person = person_for(request, person_id)
    appeal = selectors.appeal_for(person=person, appeal_id=appeal_id)
    old = appeal.decision
    form = DecisionForm(
        request.POST or None,
        municipality_id=person.municipality_id,
        carers=carers_for(person, old.service_type),
        initial={
            **_reverse_initial(old),
            **{statement_field(code): text for code, text in old.fact_statements.items()},
            # Omsorgsstønad: the carer and the facts of the decision appealed, to change.
            **old.allowance.get("facts", {}),
            "carer": old.carer_id,
        },
        judged=judged_for(
            person,
            old.application,
            old.service_type,
            selectors.evaluation_for(
                person=person,
                application=old.application,
                service_type=old.service_type,
                on_date=today(),
            ),
        ),
        language=person.municipality.written_language,
        scope_units=service_type_spec(old.service_type).scope_units,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = call_service(
            form,
            services.appeal_reverse,
            actor=request.user,
            appeal=appeal,
            data=decision_input(old.service_type, data),
            partly=data["outcome"] == "partly_granted",
            today=today(),
        )
        if new:
            messages.success(request, _("The new decision replaces the appealed one."))
            return redirect("decision_detail", person_id=person.pk, decision_id=new.pk)
    evaluation = selectors.evaluation_for(
        person=person, application=old.application, service_type=old.service_type, on_date=today()
    )
    context = {
        "form": form,
        "person": person,
        "appeal": appeal,
        "decision": old,
        "in_force": old,
        "evaluation": evaluation_view(evaluation),
    }
    return render(request, "cases/appeal_reverse.html", context)


@page
def review_create(request, person_id: int, decision_id: int):
    person = person_for(request, person_id)
    decision = selectors.decision_for(person=person, decision_id=decision_id)
    form = ReviewForm(
        request.POST or None,
        initial={
            "performed_on": today(),
            "quantity": decision.quantity,
            "scope_period": decision.scope_period,
            "valid_from": today(),
            "valid_to": decision.valid_to,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = None
        if data["outcome"] == Review.Outcome.CHANGE:
            # A review changes the amount, not what it is counted in (nights, days, hours).
            new = decision_input(
                decision.service_type,
                {
                    **data,
                    "outcome": "granted",
                    "unit": decision.unit,
                    "scope_unit": decision.scope_unit,
                },
            )
        if call_service(
            form,
            review_record,
            actor=request.user,
            decision=decision,
            performed_on=data["performed_on"],
            outcome=data["outcome"],
            notes=data["notes"],
            next_review_date=data["next_review_date"],
            new_decision=new,
            today=today(),
        ):
            messages.success(request, _("The review is registered."))
            return redirect("person_detail", person_id=person.pk)
    return render(
        request, "cases/review_form.html", {"form": form, "person": person, "decision": decision}
    )
