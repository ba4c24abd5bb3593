"""Application, assessment and preliminary-reply pages."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omsorg.cases import selectors
from omsorg.cases.forms import (
    ApplicationForm,
    AssessmentForm,
    AssignForm,
    PreliminaryReplyForm,
)
from omsorg.cases.letters.render import preliminary_reply_pdf
from omsorg.cases.models import Application, PreliminaryReply
from omsorg.cases.services import applications as services
from omsorg.cases.views.common import (
    application_fact_keys,
    evaluation_view,
    facts_view,
    person_for,
    staircase_view,
)
from omsorg.catalogue.selectors import current_service_types
from omsorg.core.clock import today
from omsorg.core.errors import OmsorgError
from omsorg.core.web import call_service, page
from omsorg.people.selectors import person_relatives


@page
def application_create(request, person_id: int):
    person = person_for(request, person_id)
    form = ApplicationForm(
        request.POST or None,
        service_types=current_service_types(person.municipality_id),
        carers=person_relatives(person),
        initial={"received_on": today(), "channel": "portal"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        application = call_service(
            form,
            services.application_register,
            actor=request.user,
            person=person,
            channel=data["channel"],
            received_on=data["received_on"],
            services=form.chosen_services(),
            consent_given=data["consent_given"],
            description=data["description"],
            today=today(),
            urgent_days=data.get("urgent_days"),
            carer=data.get("carer"),
        )
        if application:
            messages.success(request, _("The application is registered."))
            return redirect(
                "application_detail", person_id=person.pk, application_id=application.pk
            )
    return render(request, "cases/application_form.html", {"form": form, "person": person})


@page
def application_detail(request, person_id: int, application_id: int):
    person = person_for(request, person_id)
    application = selectors.application_for(person=person, application_id=application_id)
    rows = [
        {
            "requested": requested,
            "evaluation": evaluation_view(
                selectors.evaluation_for(
                    person=person,
                    application=application,
                    service_type=requested.service_type,
                    on_date=today(),
                )
            ),
            "decision": next(
                (
                    d
                    for d in application.decisions.all()
                    if d.service_type_id == requested.service_type_id
                ),
                None,
            ),
        }
        for requested in application.requested_services.all()
    ]
    assessment = getattr(application, "assessment", None)
    recorded = assessment.facts if assessment else {}
    context = {
        "person": person,
        "application": application,
        "rows": rows,
        "assessment": assessment,
        "facts": facts_view(recorded, application_fact_keys(application, recorded)),
        "reply_required": services.preliminary_reply_required(application, today()),
        "assign_form": AssignForm(
            municipality_id=person.municipality_id,
            initial={"caseworker": application.caseworker_id, "version": application.version},
        ),
        "urgent_state": selectors.urgent_state(application, today()),
    }
    return render(request, "cases/application_detail.html", context)


@page
@require_POST
def application_assign(request, person_id: int, application_id: int):
    """Give the case to a caseworker; the worklist shows it under "Assigned to me" for them."""
    person = person_for(request, person_id)
    application = selectors.application_for(person=person, application_id=application_id)
    form = AssignForm(request.POST, municipality_id=person.municipality_id)
    if form.is_valid() and call_service(
        form,
        services.application_assign,
        actor=request.user,
        application=application,
        caseworker=form.cleaned_data["caseworker"],
        expected_version=form.cleaned_data["version"],
    ):
        name = form.cleaned_data["caseworker"].display_name
        messages.success(request, _("The case is assigned to %(name)s.") % {"name": name})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("application_detail", person_id=person.pk, application_id=application.pk)


@page
@require_POST
def application_withdraw(request, person_id: int, application_id: int):
    """The applicant withdraws: the case closes without a decision."""
    person = person_for(request, person_id)
    application = selectors.application_for(person=person, application_id=application_id)
    try:
        services.application_set_status(
            actor=request.user, application=application, status=Application.Status.WITHDRAWN
        )
        messages.success(request, _("The application is withdrawn; the case is closed."))
    except OmsorgError as error:
        messages.error(request, error.text())
    return redirect("application_detail", person_id=person.pk, application_id=application.pk)


@page
def assessment_record(request, person_id: int, application_id: int):
    person = person_for(request, person_id)
    application = selectors.application_for(person=person, application_id=application_id)
    assessment = getattr(application, "assessment", None)
    initial = {"performed_on": today(), "version": assessment.version if assessment else None}
    if assessment:
        initial.update({"methods": assessment.methods, "summary": assessment.summary})
        initial.update(
            {"lower_step": assessment.lower_step, "lower_step_note": assessment.lower_step_note}
        )
        initial.update({f"fact_{k}": v for k, v in assessment.facts.items()})
    keys = application_fact_keys(application, assessment.facts if assessment else None)
    form = AssessmentForm(request.POST or None, initial=initial, fact_keys=keys)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.assessment_record,
            actor=request.user,
            application=application,
            performed_on=data["performed_on"],
            methods=data["methods"],
            facts=form.facts(),
            summary=data["summary"],
            lower_step=data["lower_step"],
            lower_step_note=data["lower_step_note"],
            expected_version=data["version"],
            today=today(),
        ):
            messages.success(request, _("The assessment is saved."))
            return redirect(
                "application_detail", person_id=person.pk, application_id=application.pk
            )
    context = {
        "form": form,
        "person": person,
        "application": application,
        "steps": staircase_view(application),
    }
    return render(request, "cases/assessment_form.html", context)


@page
def preliminary_reply(request, person_id: int, application_id: int):
    person = person_for(request, person_id)
    application = selectors.application_for(person=person, application_id=application_id)
    form = PreliminaryReplyForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.preliminary_reply_send,
            actor=request.user,
            application=application,
            today=today(),
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The preliminary reply is registered as sent."))
        return redirect("application_detail", person_id=person.pk, application_id=application.pk)
    return render(
        request,
        "cases/preliminary_reply_form.html",
        {"form": form, "person": person, "application": application},
    )


@page
def preliminary_reply_letter(request, person_id: int, reply_id: int):
    person = person_for(request, person_id, what="preliminary reply letter")
    reply = get_object_or_404(PreliminaryReply, pk=reply_id, application__person=person)
    response = HttpResponse(preliminary_reply_pdf(reply), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="forelopig-svar-{reply.pk}.pdf"'
    return response
