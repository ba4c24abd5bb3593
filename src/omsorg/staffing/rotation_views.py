"""Rotation pages: set-up (shift types, cover), the engine's run with progress, the grid with
hand edits, publishing; an employee's own rotation, wishes and calendar feed."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from omsorg.core.clock import today
from omsorg.core.errors import OmsorgError
from omsorg.core.web import call_service, page
from omsorg.staffing import grid as grids
from omsorg.staffing import selectors
from omsorg.staffing.forms import (
    AbsenceForm,
    CellForm,
    CoverRuleForm,
    OfferForm,
    OwnSicknessForm,
    RotationForm,
    ShiftTypeForm,
    VersionedForm,
    WishForm,
)
from omsorg.staffing.ics import employee_of_token, feed_token, shifts_ical
from omsorg.staffing.models import Employee, Offer, Rotation
from omsorg.staffing.rotations import (
    cover_rule_set,
    rotation_cell_set,
    rotation_publish,
    rotation_request,
    shift_type_create,
    wish_set,
)
from omsorg.staffing.substitutes import (
    absence_register,
    offer_accept,
    offer_decline,
    offer_send,
    open_offers,
    own_sickness_report,
    rotation_vacancies,
)

BUSY = (Rotation.Status.QUEUED, Rotation.Status.RUNNING)


def _setup_forms(request, unit):
    action = request.POST.get("action") if request.method == "POST" else None
    shift_types = list(unit.shift_types.all())
    return action, {
        "shift": ShiftTypeForm(request.POST if action == "shift" else None),
        "cover": CoverRuleForm(
            request.POST if action == "cover" else None, shift_types=shift_types
        ),
        "rotation": RotationForm(request.POST if action == "rotation" else None),
    }


def _setup_call(request, unit, action, forms):
    form = forms.get(action)
    if form is None or not form.is_valid():
        return None
    data = form.cleaned_data
    if action == "shift":
        return call_service(form, shift_type_create, actor=request.user, unit=unit, **data)
    if action == "cover":
        shift_type = unit.shift_types.get(pk=data.pop("shift_type"))
        return (
            call_service(form, cover_rule_set, actor=request.user, shift_type=shift_type, **data)
            is not None
            or None
        )
    return call_service(
        form, rotation_request, actor=request.user, unit=unit, today=today(), **data
    )


@page
def rotations_view(request, unit_id: int):
    unit = selectors.unit_get(actor=request.user, unit_id=unit_id)
    action, forms = _setup_forms(request, unit)
    done = _setup_call(request, unit, action, forms)
    if isinstance(done, Rotation):
        return redirect("staffing_rotation", unit_id=unit.pk, rotation_id=done.pk)
    if done:
        messages.success(request, _("Saved."))
        return redirect("staffing_rotations", unit_id=unit.pk)
    context = {
        "unit": unit,
        "rotations": grids.rotations_of(unit),
        "shift_types": unit.shift_types.all(),
        "cover_rules": unit.cover_rules.select_related("shift_type"),
        "forms": forms,
    }
    return render(request, "staffing/rotations.html", context)


def _grid_context(request, unit, rotation, cell_form=None, absence_form=None):
    context = {"unit": unit, "rotation": rotation, "polling": rotation.status in BUSY}
    if rotation.status == Rotation.Status.PUBLISHED:
        employees = unit.employees.filter(active=True, kind=Employee.Kind.PERMANENT)
        context["absence_form"] = absence_form or AbsenceForm(employees=employees)
        context["vacancies"] = rotation_vacancies(rotation)
    if rotation.roster:
        grid = grids.rotation_grid(rotation)
        context["grid"] = grid
        context["evaluation"] = grids.rotation_evaluation(rotation)
        context["cell_form"] = cell_form or CellForm(
            initial={"version": rotation.version}, grid=grid
        )
        context["publish_form"] = VersionedForm(initial={"version": rotation.version})
    return context


@page
def rotation_view(request, unit_id: int, rotation_id: int):
    unit = selectors.unit_get(actor=request.user, unit_id=unit_id)
    rotation = grids.rotation_get(actor=request.user, unit=unit, rotation_id=rotation_id)
    cell_form = absence_form = None
    if request.method == "POST" and request.POST.get("action") == "offer":
        return _offer_more(request, unit, rotation)
    if request.method == "POST" and request.POST.get("action") == "absence":
        absence_form = AbsenceForm(request.POST, employees=unit.employees.filter(active=True))
        if absence_form.is_valid():
            data = absence_form.cleaned_data
            employee = unit.employees.get(pk=data.pop("employee"))
            done = call_service(
                absence_form, absence_register, actor=request.user, employee=employee, **data
            )
            if done:
                messages.success(request, _("The absence is registered and offers are sent."))
                return redirect("staffing_rotation", unit_id=unit.pk, rotation_id=rotation.pk)
    elif request.method == "POST" and rotation.roster:
        cell_form = CellForm(request.POST, grid=grids.rotation_grid(rotation))
        if cell_form.is_valid():
            flagged = call_service(
                cell_form, rotation_cell_set, actor=request.user, rotation=rotation,
                staff=cell_form.cleaned_data["staff"], day=cell_form.cleaned_data["day"],
                code=cell_form.cleaned_data["code"],
                expected_version=cell_form.cleaned_data["version"],
            )  # fmt: skip
            if flagged is not None:
                messages.success(request, _("The shift is changed."))
                for text in flagged:
                    messages.warning(request, _("Check: %(rule)s.") % {"rule": text})
                return redirect("staffing_rotation", unit_id=unit.pk, rotation_id=rotation.pk)
    context = _grid_context(request, unit, rotation, cell_form, absence_form)
    return render(request, "staffing/rotation.html", context)


def _offer_more(request, unit, rotation):
    """The leader offers an open shift to one more person from the proposal."""
    form = OfferForm(request.POST)
    vacancy = employee = None
    if form.is_valid():
        vacancy = rotation.vacancies.filter(pk=form.cleaned_data["vacancy"]).first()
        employee = unit.employees.filter(pk=form.cleaned_data["employee"]).first()
    if vacancy is None or employee is None:
        messages.error(request, _("Choose a shift and a person."))
    else:
        try:
            offer_send(actor=request.user, vacancy=vacancy, employee=employee)
        except OmsorgError as error:
            messages.error(request, error.text())
        else:
            messages.success(request, _("The offer is sent."))
    return redirect("staffing_rotation", unit_id=unit.pk, rotation_id=rotation.pk)


@page
def rotation_progress(request, unit_id: int, rotation_id: int):
    unit = selectors.unit_get(actor=request.user, unit_id=unit_id)
    rotation = grids.rotation_get(actor=request.user, unit=unit, rotation_id=rotation_id)
    if request.htmx and rotation.status not in BUSY:
        return HttpResponseClientRefresh()
    context = {"unit": unit, "rotation": rotation, "polling": rotation.status in BUSY}
    return render(request, "staffing/_progress.html", context)


@page
@require_POST
def rotation_publish_view(request, unit_id: int, rotation_id: int):
    unit = selectors.unit_get(actor=request.user, unit_id=unit_id)
    rotation = grids.rotation_get(actor=request.user, unit=unit, rotation_id=rotation_id)
    form = VersionedForm(request.POST)
    if form.is_valid():
        try:
            rotation_publish(
                actor=request.user, rotation=rotation, expected_version=form.cleaned_data["version"]
            )
        except OmsorgError as error:
            messages.error(request, error.text())
        else:
            messages.success(request, _("The rotation is published."))
    return redirect("staffing_rotation", unit_id=unit.pk, rotation_id=rotation.pk)


@page
def my_rotation(request):
    employee = Employee.objects.filter(user=request.user).select_related("unit").first()
    if employee is None:
        return render(request, "staffing/my_rotation.html", {"employee": None})
    form = WishForm(request.POST or None, shift_types=employee.unit.shift_types.all())
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["shift_type"]
        shift_type = employee.unit.shift_types.filter(pk=chosen).first() if chosen else None
        wish = call_service(
            form, wish_set, actor=request.user, employee=employee, date=form.cleaned_data["date"],
            shift_type=shift_type, today=today(),
        )  # fmt: skip
        if wish:
            messages.success(request, _("Your wish is registered."))
            return redirect("staffing_my_rotation")
    feed = reverse("staffing_calendar", args=[feed_token(employee.pk)])
    context = {
        "employee": employee,
        "shifts": [s for s in grids.own_shifts(employee) if s.date >= today()],
        "wishes": employee.wishes.filter(date__gte=today()).select_related("shift_type"),
        "form": form,
        "offers": open_offers(employee),
        "feed_url": request.build_absolute_uri(feed),
    }
    return render(request, "staffing/my_rotation.html", context)


def calendar_feed(request, token: str):
    """The signed link is the key (calendar apps cannot log in); nothing of a person served."""
    employee_id = employee_of_token(token)
    employee = Employee.objects.filter(pk=employee_id).select_related("unit").first()
    if employee is None:
        raise Http404()
    body = shifts_ical(grids.own_shifts(employee), name=employee.name, unit=employee.unit.name)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@page
@require_POST
def offer_accept_view(request, offer_id: int):
    offer = Offer.objects.filter(pk=offer_id, employee__user=request.user).first()
    if offer is None:
        raise Http404()
    try:
        offer_accept(actor=request.user, offer=offer)
    except OmsorgError as error:
        messages.error(request, error.text())
    else:
        messages.success(request, _("You have taken the shift. Thank you!"))
    return redirect("staffing_my_rotation")


@page
@require_POST
def offer_decline_view(request, offer_id: int):
    offer = Offer.objects.filter(pk=offer_id, employee__user=request.user).first()
    if offer is None:
        raise Http404()
    try:
        offer_decline(actor=request.user, offer=offer)
    except OmsorgError as error:
        messages.error(request, error.text())
    else:
        messages.success(request, _("You have said no to the shift. Thank you for answering."))
    return redirect("staffing_my_rotation")


@page
def own_sickness_view(request):
    """Report yourself sick (on the phone): the shifts of those days go to offers at once."""
    if not Employee.objects.filter(user=request.user, active=True).exists():
        raise Http404()
    initial = {"first_day": today(), "last_day": today()}
    form = OwnSicknessForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        absence = call_service(
            form, own_sickness_report, actor=request.user, today=today(), **form.cleaned_data
        )
        if absence:
            messages.success(
                request,
                _("Get well soon. Your leader can see it, and your shifts are offered to others."),
            )
            return redirect("staffing_my_rotation")
    return render(request, "staffing/own_sickness.html", {"form": form})
