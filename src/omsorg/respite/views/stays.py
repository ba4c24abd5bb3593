"""A stay: who the child is with (primary contact, the shift), move or confirm it, the report."""

from django.shortcuts import redirect, render

from omsorg.core.clock import today
from omsorg.core.errors import NotFound
from omsorg.core.models import Role
from omsorg.core.web import call_service, page
from omsorg.respite import selectors
from omsorg.respite.forms import StayMoveForm, StayReportForm, StayStatusForm, VersionedForm
from omsorg.respite.models import StayReport
from omsorg.respite.rules import stay_state_label
from omsorg.respite.services.reports import ReportInput, may_review, report_review, report_write
from omsorg.respite.services.stays import stay_move, stay_set_status
from omsorg.respite.views.common import home_for, is_leader


def _move(request, stay, form):
    return call_service(
        form,
        stay_move,
        actor=request.user,
        stay=stay,
        first_night=form.cleaned_data["first_night"],
        nights=form.cleaned_data["nights"],
        expected_version=form.cleaned_data["version"],
        today=today(),
    )


def _status(request, stay, form):
    return call_service(
        form,
        stay_set_status,
        actor=request.user,
        stay=stay,
        status=form.cleaned_data["status"],
        expected_version=form.cleaned_data["version"],
    )


def _report(request, stay, form):
    return call_service(
        form,
        report_write,
        actor=request.user,
        stay=stay,
        data=ReportInput(**form.cleaned_data),
        today=today(),
    )


def _review(request, stay, form):
    report = StayReport.objects.filter(stay=stay).first()
    if report is None:
        form.add_error(None, NotFound().text())
        return None
    return call_service(
        form,
        report_review,
        actor=request.user,
        report=report,
        expected_version=form.cleaned_data["version"],
        today=today(),
    )


ACTIONS = {
    "move": (StayMoveForm, _move),
    "status": (StayStatusForm, _status),
    "report": (StayReportForm, _report),
    "review": (VersionedForm, _review),
}


def _forms(stay, report) -> dict:
    version = {"version": stay.version}
    return {
        "move": StayMoveForm(
            initial={**version, "first_night": stay.first_night, "nights": stay.nights},
            prefix="move",
        ),
        "status": StayStatusForm(initial=version, prefix="status"),
        "report": StayReportForm(prefix="report"),
        "review": VersionedForm(
            initial={"version": report.version if report else 0}, prefix="review"
        ),
    }


@page
def stay_detail(request, home_id: int, stay_id: int):
    home = home_for(request, home_id)
    stay, person = selectors.stay_get(actor=request.user, home=home, stay_id=stay_id, today=today())
    report = StayReport.objects.filter(stay=stay).select_related("created_by").first()
    forms = _forms(stay, report)
    action = request.POST.get("action") if request.method == "POST" else None
    if action in ACTIONS:
        form_class, handler = ACTIONS[action]
        form = form_class(request.POST, prefix=action)
        forms[action] = form
        if form.is_valid() and handler(request, stay, form):
            return redirect("stay_detail", home_id=home.pk, stay_id=stay.pk)
    context = {
        "home": home,
        "stay": stay,
        "person": person,
        "report": report,
        "forms": forms,
        "leader": is_leader(request, home),
        "staff": request.user.role in (Role.SERVICE_LEADER, Role.CARE_WORKER),
        "may_review": report is not None and may_review(request.user, report, today()),
        "state_label": stay_state_label(stay, today()),
        "free_beds": selectors.free_beds_around(stay, today()) if is_leader(request, home) else [],
        "today": today(),
        **selectors.stay_people(stay),
    }
    return render(request, "respite/stay.html", context)
