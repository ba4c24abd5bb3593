"""The competence register's pages: parse, call one service or selector, render."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omsorg.core.clock import today
from omsorg.core.errors import NotFound, OmsorgError
from omsorg.core.web import call_service, page
from omsorg.staffing import selectors
from omsorg.staffing.forms import (
    CareNeedForm,
    CertificateForm,
    EmployeeEditForm,
    EmployeeForm,
    ImportForm,
)
from omsorg.staffing.grid import uncovered_needs
from omsorg.staffing.imports import ImportRefused, courses_import, employees_import
from omsorg.staffing.models import CareNeed, Certificate
from omsorg.staffing.permissions import is_unit_leader
from omsorg.staffing.services import (
    EmployeeInput,
    care_need_add,
    care_need_remove,
    certificate_add,
    certificate_remove,
    employee_create,
    employee_update,
)


@page
def staffing_home(request):
    """The leader's own unit; no unit to lead: nothing here."""
    unit = request.user.unit
    if unit is None or not is_unit_leader(request.user, unit):
        raise NotFound()
    return redirect("staffing_register", unit_id=unit.pk)


def _employee_input(data: dict) -> EmployeeInput:
    return EmployeeInput(**{k: v for k, v in data.items() if k != "version"})


@page
def register_view(request, unit_id: int):
    unit = selectors.unit_get(actor=request.user, unit_id=unit_id)
    form = EmployeeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        employee = call_service(
            form,
            employee_create,
            actor=request.user,
            unit=unit,
            data=_employee_input(form.cleaned_data),
        )
        if employee:
            messages.success(request, _("The employee is registered."))
            return redirect("staffing_employee", unit_id=unit.pk, employee_id=employee.pk)
    context = {"unit": unit, "rows": selectors.register(unit, today()), "form": form}
    return render(request, "staffing/register.html", context)


def _employee_forms(request, employee):
    initial = {
        "employee_number": employee.employee_number,
        "first_name": employee.first_name,
        "last_name": employee.last_name,
        "profession": employee.profession,
        "hpr_number": employee.hpr_number,
        "position_percent": employee.position_percent,
        "kind": employee.kind,
        "version": employee.version,
    }
    action = request.POST.get("action") if request.method == "POST" else None
    edit = EmployeeEditForm(request.POST if action == "edit" else None, initial=initial)
    course = CertificateForm(request.POST if action == "course" else None)
    return action, edit, course


@page
def employee_view(request, unit_id: int, employee_id: int):
    unit = selectors.unit_get(actor=request.user, unit_id=unit_id)
    employee = selectors.employee_get(actor=request.user, unit=unit, employee_id=employee_id)
    action, edit, course = _employee_forms(request, employee)
    done = None
    if action == "edit" and edit.is_valid():
        done = call_service(
            edit,
            employee_update,
            actor=request.user,
            employee=employee,
            data=_employee_input(edit.cleaned_data),
            expected_version=edit.cleaned_data["version"],
        )
    elif action == "course" and course.is_valid():
        done = call_service(
            course, certificate_add, actor=request.user, employee=employee, today=today(),
            **course.cleaned_data,
        )  # fmt: skip
    if done:
        messages.success(request, _("Saved."))
        return redirect("staffing_employee", unit_id=unit.pk, employee_id=employee.pk)
    row = next(r for r in selectors.register(unit, today()) if r.employee.pk == employee.pk)
    context = {"unit": unit, "employee": employee, "row": row, "edit": edit, "course": course}
    return render(request, "staffing/employee.html", context)


@page
@require_POST
def certificate_remove_view(request, unit_id: int, employee_id: int, certificate_id: int):
    unit = selectors.unit_get(actor=request.user, unit_id=unit_id)
    employee = selectors.employee_get(actor=request.user, unit=unit, employee_id=employee_id)
    certificate = get_object_or_404(Certificate, pk=certificate_id, employee=employee)
    certificate_remove(actor=request.user, certificate=certificate)
    messages.success(request, _("The course is removed."))
    return redirect("staffing_employee", unit_id=unit.pk, employee_id=employee.pk)


@page
def gaps_view(request, unit_id: int):
    unit = selectors.unit_get(actor=request.user, unit_id=unit_id)
    persons = selectors.persons_served(actor=request.user, unit=unit, today=today())
    form = CareNeedForm(request.POST or None, persons=persons)
    if request.method == "POST" and form.is_valid():
        need = call_service(
            form,
            care_need_add,
            actor=request.user,
            unit=unit,
            person_id=form.cleaned_data["person"],
            competence=form.cleaned_data["competence"],
            today=today(),
        )
        if need:
            messages.success(request, _("The need is registered."))
            return redirect("staffing_gaps", unit_id=unit.pk)
    context = {
        "unit": unit,
        "report": selectors.gap_report(
            unit, today(), uncovered_needs(unit, selectors.needed_competences(unit))
        ),
        "needs": selectors.care_needs(actor=request.user, unit=unit, today=today()),
        "form": form,
    }
    return render(request, "staffing/gaps.html", context)


@page
@require_POST
def care_need_remove_view(request, unit_id: int, need_id: int):
    unit = selectors.unit_get(actor=request.user, unit_id=unit_id)
    need = get_object_or_404(CareNeed, pk=need_id, unit=unit)
    try:
        care_need_remove(actor=request.user, need=need)
    except OmsorgError as error:
        messages.error(request, error.text())
    return redirect("staffing_gaps", unit_id=unit.pk)


@page
def import_view(request, unit_id: int):
    unit = selectors.unit_get(actor=request.user, unit_id=unit_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        try:
            if form.cleaned_data["kind"] == "employees":
                result = employees_import(actor=request.user, unit=unit, content=content)
            else:
                result = courses_import(
                    actor=request.user, unit=unit, content=content, today=today()
                )
        except ImportRefused as refused:
            errors = refused.errors
            form.add_error(None, refused.text())
        else:
            messages.success(
                request,
                _("Imported: %(created)s new, %(updated)s updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("staffing_register", unit_id=unit.pk)
    return render(request, "staffing/import.html", {"unit": unit, "form": form, "errors": errors})
