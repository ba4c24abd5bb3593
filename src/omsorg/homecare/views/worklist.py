"""The care worker's work list on the phone: the day's route in order, and one visit with the
person's essentials, marked started, done or not done, with a short report."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omsorg.core.clock import today
from omsorg.core.errors import OmsorgError
from omsorg.core.web import page
from omsorg.homecare import selectors
from omsorg.homecare.forms import NotDoneForm, ReportForm, VersionedForm
from omsorg.homecare.services.visits import visit_done, visit_not_done, visit_report, visit_start


@page
def worklist(request):
    visits = selectors.worklist(actor=request.user, date=today())
    left = sum(1 for v in visits if v.status in ("planned", "started"))
    return render(request, "homecare/worklist.html", {"visits": visits, "left": left,
                                                      "day": today()})  # fmt: skip


@page
def visit_detail(request, visit_id: int):
    visit = selectors.visit_for_worker(actor=request.user, visit_id=visit_id, today=today())
    context = {
        "visit": visit,
        "address": getattr(visit.person, "home_address", None),
        "previous": selectors.last_report(visit),
        "version_form": VersionedForm(initial={"version": visit.version}),
        "done_form": ReportForm(initial={"version": visit.version, "report": visit.report}),
        "not_done_form": NotDoneForm(initial={"version": visit.version}),
    }
    return render(request, "homecare/visit.html", context)


def _act(request, visit_id: int, form_class, service, done: str, **fields):
    visit = selectors.visit_for_worker(actor=request.user, visit_id=visit_id, today=today())
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("homecare_visit", visit_id=visit.pk)
    extra = {name: form.cleaned_data[field] for name, field in fields.items()}
    try:
        service(actor=request.user, visit=visit, today=today(),
                expected_version=form.cleaned_data["version"], **extra)  # fmt: skip
    except OmsorgError as error:
        messages.error(request, error.text())
        return redirect("homecare_visit", visit_id=visit.pk)
    messages.success(request, done)
    return redirect("homecare_visit", visit_id=visit.pk)


@page
@require_POST
def visit_start_view(request, visit_id: int):
    return _act(request, visit_id, VersionedForm, visit_start, _("The visit is started."))


@page
@require_POST
def visit_done_view(request, visit_id: int):
    return _act(request, visit_id, ReportForm, visit_done, _("The visit is done."),
                report="report")  # fmt: skip


@page
@require_POST
def visit_not_done_view(request, visit_id: int):
    return _act(request, visit_id, NotDoneForm, visit_not_done,
                _("The visit is marked not done."), reason="reason")  # fmt: skip


@page
@require_POST
def visit_report_view(request, visit_id: int):
    return _act(request, visit_id, ReportForm, visit_report, _("The report is saved."),
                report="report")  # fmt: skip
