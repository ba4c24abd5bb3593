"""The decided-vs-delivered page (issue 9 §2), /styring/levert/: figures for the chosen unit
(and every unit below it) and period, per unit, and, for caseworkers only, the persons whose
delivery deviates from the decision (through the access door, each read logged). Everyone
else sees counts, with groups of fewer than five persons suppressed (§8)."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from omsorg.catalogue.selectors import current_service_types
from omsorg.core import clock
from omsorg.core.web import page
from omsorg.steering.delivery import Status, totals
from omsorg.steering.delivery_forms import DeliveryFilterForm
from omsorg.steering.delivery_selectors import (
    MEASURE_LABELS,
    delivery_by_unit_shown,
    delivery_figures_shown,
    delivery_lines,
    delivery_person_lines,
    figures_municipality,
    hours_per_unit_shown,
    may_see_persons,
    unit_figures_unsuppressed,
    window,
)
from omsorg.steering.periods import TERTIAL_FIRST_MONTH
from omsorg.steering.selectors import municipality_units

STATUS_LABELS = {
    Status.AS_DECIDED: _("as decided"),
    Status.UNDER: _("less than decided"),
    Status.OVER: _("more than decided"),
    Status.NO_DELIVERY: _("nothing delivered"),
    Status.NO_DECISION: _("no decision in force"),
    Status.NOT_COMPARABLE: _("not compared (no hours per unit)"),
}


def _service_names(municipality) -> dict[str, str]:
    names: dict[str, str] = {}
    for service in current_service_types(municipality.pk):
        names.setdefault(service.code, service.localized_name)
    return names


def _hours_rows(municipality, on) -> list[dict]:
    """The hours per unit the comparison used, in words."""
    names = _service_names(municipality)
    return [
        {**row, "service_name": names.get(row["service"], row["service"]),
         "unit_label": MEASURE_LABELS.get(row["scope_unit"], row["scope_unit"])}
        for row in hours_per_unit_shown(municipality, on)
    ]  # fmt: skip


def _own_unit_rows(figures: dict) -> list[dict]:
    return [
        {**row, "unit_label": MEASURE_LABELS.get(row["measure"], row["measure"])}
        for row in figures.get("counted_in_own_unit") or []
    ]


def _person_rows(person_lines, municipality) -> list[dict]:
    names = _service_names(municipality)
    return [
        {
            "person_id": p.person_id,
            "person_name": p.person_name,
            "line": p.line,
            "service": names.get(p.line.service_code, p.line.service_code),
            "status": STATUS_LABELS[p.line.status],
            "measure": MEASURE_LABELS.get(p.line.measure, p.line.measure),
        }
        for p in person_lines
    ]


def _current_tertial() -> str:
    today = clock.today()
    tertial = max(t for t, month in TERTIAL_FIRST_MONTH.items() if month <= today.month)
    return f"{today.year}-T{tertial}"


@page
def delivery_page(request):
    municipality = figures_municipality(request.user)
    units = [
        (code, f"{code} – {name}")
        for code, name in municipality_units(municipality)
        .exclude(code="")
        .order_by("code")
        .values_list("code", "name")
    ]
    data = request.GET if "period" in request.GET else {"period": _current_tertial()}
    form = DeliveryFilterForm(data, units=units)
    context = {"form": form, "person_level": may_see_persons(request.user)}
    if form.is_valid():
        period, code = form.cleaned_data["period"], form.cleaned_data["unit"] or None
        span = window(period)
        context.update({"period": period, "span": span, "unit_code": code})
        if context["person_level"]:
            lines = delivery_lines(municipality, code, period)
            context["figures"] = unit_figures_unsuppressed(totals(lines))
            context["by_unit"] = delivery_by_unit_shown(municipality, period, suppressed=False)
            shown = delivery_person_lines(actor=request.user, lines=lines)
            context["persons"] = _person_rows(shown, municipality)
        else:
            context["figures"] = delivery_figures_shown(municipality, code, period)
            context["by_unit"] = delivery_by_unit_shown(municipality, period)
        context["own_unit"] = _own_unit_rows(context["figures"])
        context["hours_per_unit"] = _hours_rows(municipality, span.last)
    status = 400 if form.errors else 200
    return render(request, "steering/delivery.html", context, status=status)
