"""The steering assumptions page (issue 9 §2 and §3): hours per unit of scope and the cost
model's assumptions, dated, seen and edited by unit heads and management."""

from django.shortcuts import redirect, render
from django.urls import reverse

from omsorg.core.errors import NotFound
from omsorg.core.models import Unit
from omsorg.core.web import call_service, page
from omsorg.steering import assumption_selectors as selectors
from omsorg.steering import assumption_services as services
from omsorg.steering.assumption_forms import CostAssumptionForm, HoursPerUnitForm
from omsorg.steering.selectors import unit_by_code


def _municipality(request):
    municipality = request.user.municipality
    if municipality is None:
        raise NotFound()
    services.require_editor(request.user, municipality)
    return municipality


def _units(municipality) -> list[tuple[str, str]]:
    units = Unit.objects.filter(municipality=municipality, code__isnull=False).order_by("code")
    return [(unit.code, f"{unit.code} {unit.name}") for unit in units]


@page
def assumptions_page(request):
    municipality = _municipality(request)
    context = {
        "hours_rows": selectors.hours_per_unit_rows(municipality),
        "cost_rows": selectors.cost_assumption_rows(municipality),
    }
    return render(request, "steering/assumptions.html", context)


@page
def hours_per_unit_edit(request, pk: int | None = None):
    """A new dated value (no pk) or a correction of one row, with the version opened."""
    municipality = _municipality(request)
    row = selectors.hours_per_unit_get(municipality, pk) if pk else None
    initial = {"version": 0}
    if row is not None:
        initial = {
            "service_code": row.service_code, "scope_unit": row.scope_unit,
            "hours_per_unit": row.hours_per_unit, "valid_from": row.valid_from,
            "version": row.version,
        }  # fmt: skip
    form = HoursPerUnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form, services.hours_per_unit_save, actor=request.user, municipality=municipality,
            row=row, expected_version=data["version"], service_code=data["service_code"],
            scope_unit=data["scope_unit"], hours_per_unit=data["hours_per_unit"],
            valid_from=data["valid_from"],
        )  # fmt: skip
        if saved:
            return redirect(reverse("steering_assumptions"))
    status = 409 if form.errors and request.method == "POST" else 200
    context = {"form": form, "row": row, "kind": "hours"}
    return render(request, "steering/assumption_edit.html", context, status=status)


@page
def cost_assumption_edit(request, pk: int | None = None):
    municipality = _municipality(request)
    row = selectors.cost_assumption_get(municipality, pk) if pk else None
    initial = {"version": 0}
    if row is not None:
        initial = {
            "unit": row.unit.code if row.unit else "", "valid_from": row.valid_from,
            "staffing_factor": row.staffing_factor,
            "annual_hours_per_fte": row.annual_hours_per_fte,
            "cost_per_fte": row.cost_per_fte, "version": row.version,
        }  # fmt: skip
    form = CostAssumptionForm(request.POST or None, initial=initial, units=_units(municipality))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = unit_by_code(municipality, data["unit"])
        saved = call_service(
            form, services.cost_assumption_save, actor=request.user, municipality=municipality,
            row=row, expected_version=data["version"], unit=unit,
            valid_from=data["valid_from"], staffing_factor=data["staffing_factor"],
            annual_hours_per_fte=data["annual_hours_per_fte"], cost_per_fte=data["cost_per_fte"],
        )  # fmt: skip
        if saved:
            return redirect(reverse("steering_assumptions"))
    status = 409 if form.errors and request.method == "POST" else 200
    context = {"form": form, "row": row, "kind": "cost"}
    return render(request, "steering/assumption_edit.html", context, status=status)
