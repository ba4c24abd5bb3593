"""The import pages (issue 9 §1): upload, preview every bad row by line, confirm; the history
with undo. For service leaders, management and administrators of the municipality."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omsorg.core.clock import today
from omsorg.core.errors import NotFound, OmsorgError, PermissionDenied
from omsorg.core.models import Role
from omsorg.core.web import call_service, page
from omsorg.steering import selectors, services
from omsorg.steering.assumption_selectors import cost_assumptions_in_force
from omsorg.steering.assumption_services import EDITORS
from omsorg.steering.cost import CostAssumptions, cost_of_change
from omsorg.steering.forms import CostOfChangeForm, ImportUploadForm
from omsorg.steering.row_messages import row_message


def _municipality(request):
    municipality = request.user.municipality
    if municipality is None:
        raise NotFound()
    services.require_importer(request.user, municipality)
    return municipality


@page
def imports(request):
    municipality = _municipality(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = call_service(
            form,
            services.pending_import_create,
            actor=request.user,
            municipality=municipality,
            kind=form.cleaned_data["kind"],
            file_name=upload.name,
            content=upload.read(),
        )
        if result:
            return redirect("steering_import_preview", pending_id=result[0].pk)
    context = {"form": form, "history": selectors.import_history(municipality)}
    return render(request, "steering/imports.html", context, status=422 if form.errors else 200)


def _problems(parsed) -> list[dict]:
    return [{"line": error.line, "text": row_message(error)} for error in parsed.errors]


@page
def import_preview(request, pending_id: int):
    municipality = _municipality(request)
    pending = selectors.pending_import_get(request.user, pending_id)
    if request.method == "POST":
        try:
            event = services.pending_import_confirm(actor=request.user, pending=pending)
        except OmsorgError as error:
            messages.error(request, error.text())
        else:
            messages.success(
                request, _("Imported %(rows)s rows (import %(id)s).")
                % {"rows": event.row_count, "id": event.pk},
            )  # fmt: skip
            return redirect("steering_imports")
    parsed = services.file_check(
        municipality=municipality, kind=pending.kind, content=bytes(pending.content)
    )
    context = {
        "pending": pending,
        "parsed": parsed,
        "problems": _problems(parsed),
        "bad_lines": len(parsed.bad_lines()),
    }
    return render(request, "steering/import_preview.html", context)


@page
@require_POST
def import_undo(request, event_id: int):
    municipality = _municipality(request)
    event = selectors.import_event_get(municipality, event_id)
    try:
        services.import_undo(actor=request.user, event=event)
    except OmsorgError as error:
        messages.error(request, error.text())
    else:
        messages.success(request, _("Import %(id)s is undone.") % {"id": event.pk})
    return redirect("steering_imports")


def _initial(form_class) -> dict:
    return {name: field.initial for name, field in form_class.base_fields.items()}


def _calculator_start(user) -> tuple[dict, bool]:
    """The calculator's first values: seed 003's example, with the assumptions in force today
    for the user's unit (saved on the assumptions page) where there are any."""
    initial = _initial(CostOfChangeForm)
    if user.municipality_id is None:
        return initial, False
    saved = cost_assumptions_in_force(user.municipality, user.unit, today())
    if saved is None:
        return initial, False
    initial |= {
        "staffing_factor": saved.staffing_factor,
        "annual_hours_per_fte": saved.annual_hours_per_fte,
        "cost_per_fte": saved.cost_per_fte,
    }
    return initial, True


@page
def cost_of_change_page(request):
    """What a change in decided hours costs in FTE and NOK, every assumption shown and
    editable (issue 9 §3; seed 003: +259 respite hours a week = 4 FTE = NOK 3.5 M). Figures
    only, no person's data: for the municipality's staff, not for guardians."""
    if request.user.role == Role.GUARDIAN:
        raise PermissionDenied()
    initial, from_saved = _calculator_start(request.user)
    form = CostOfChangeForm(request.GET or initial)
    cost = None
    if form.is_valid():
        values = dict(form.cleaned_data)
        cost = cost_of_change(values.pop("hours_per_week"), CostAssumptions(**values))
    context = {
        "form": form,
        "cost": cost,
        "from_saved": from_saved and not request.GET,
        "example": urlencode(_initial(CostOfChangeForm)),
        "may_edit_assumptions": request.user.role in EDITORS
        and request.user.municipality_id is not None,
    }
    return render(
        request, "steering/cost_of_change.html", context, status=400 if form.errors else 200
    )
