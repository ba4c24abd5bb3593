"""A child's placement: stay limits, weekdays, one-to-one, the family's nights; the shifts."""

from django.shortcuts import redirect, render

from omsorg.core.clock import today
from omsorg.core.web import call_service, page
from omsorg.respite import selectors
from omsorg.respite.forms import (
    FamilyDayForm,
    FamilyNightForm,
    IncompatibilityForm,
    PlacementCreateForm,
    PlacementForm,
    ShiftForm,
)
from omsorg.respite.selectors import month_bounds
from omsorg.respite.services.days import family_day_set
from omsorg.respite.services.homes import (
    PlacementInput,
    family_night_set,
    incompatibility_add,
    placement_create,
    placement_update,
    shift_add,
)
from omsorg.respite.views.common import home_for, month_of, neighbour_months

FIELDS = ("municipality", "min_nights", "max_nights", "preferred_weekdays", "one_to_one")


def placement_input(data: dict) -> PlacementInput:
    values = {name: data[name] for name in FIELDS}
    values["preferred_weekdays"] = tuple(values["preferred_weekdays"])
    return PlacementInput(**values)


@page
def placement_new(request, home_id: int):
    home = home_for(request, home_id)
    persons = selectors.unplaced_children(actor=request.user, home=home, today=today())
    form = PlacementCreateForm(
        request.POST or None,
        persons=persons,
        municipalities=selectors.municipalities_for(home),
        initial={"municipality": home.unit.municipality_id, "min_nights": 1, "max_nights": 3},
    )
    if request.method == "POST" and form.is_valid():
        person = selectors.placement_person(
            actor=request.user, person_id=form.cleaned_data["person"], today=today()
        )
        placement = call_service(
            form,
            placement_create,
            actor=request.user,
            home=home,
            person=person,
            data=placement_input(form.cleaned_data),
            today=today(),
        )
        if placement:
            return redirect("placement_detail", home_id=home.pk, placement_id=placement.pk)
    return render(request, "respite/placement_new.html", {"home": home, "form": form})


def _placement_forms(request, home, placement):
    initial = {name: getattr(placement, name) for name in FIELDS}
    initial["municipality"] = placement.municipality_id
    initial["version"] = placement.version
    action = request.POST.get("action") if request.method == "POST" else None
    placement_form = PlacementForm(
        request.POST if action == "placement" else None,
        municipalities=selectors.municipalities_for(home),
        initial=initial,
        prefix="placement",
    )
    night_form = FamilyNightForm(request.POST if action == "night" else None, prefix="night")
    day_form = FamilyDayForm(request.POST if action == "day" else None, prefix="day")
    others = selectors.child_labels(
        actor=request.user,
        home=home,
        placement_ids=home.placements.exclude(pk=placement.pk).values_list("pk", flat=True),
        today=today(),
        what="respite children",
    )
    pair_form = IncompatibilityForm(
        request.POST if action == "pair" else None, others=sorted(others.items()), prefix="pair"
    )
    forms = {"placement": placement_form, "night": night_form, "day": day_form, "pair": pair_form}
    return action, forms


@page
def placement_detail(request, home_id: int, placement_id: int):
    home = home_for(request, home_id)
    placement, person = selectors.placement_get(
        actor=request.user, home=home, placement_id=placement_id, today=today()
    )
    action, forms = _placement_forms(request, home, placement)
    form = forms.get(action)
    if form is not None and form.is_valid():
        call_service(form, PLACEMENT_ACTIONS[action], **_action_arguments(request, placement, form))
        if not form.errors:
            return redirect("placement_detail", home_id=home.pk, placement_id=placement.pk)
    context = {
        "home": home,
        "placement": placement,
        "person": person,
        "placement_form": forms["placement"],
        "night_form": forms["night"],
        "day_form": forms["day"],
        "pair_form": forms["pair"],
        "nights": placement.nights.filter(night__gte=today()),
        "days": placement.days.filter(date__gte=today()),
    }
    return render(request, "respite/placement.html", context)


PLACEMENT_ACTIONS = {
    "placement": placement_update,
    "night": family_night_set,
    "day": family_day_set,
    "pair": incompatibility_add,
}


def _action_arguments(request, placement, form) -> dict:
    """The keyword arguments of the service an action calls."""
    data = form.cleaned_data
    if "min_nights" in data:
        return {
            "actor": request.user,
            "placement": placement,
            "data": placement_input(data),
            "expected_version": data["version"],
        }
    if "date" in data:
        return {
            "actor": request.user,
            "placement": placement,
            "date": data["date"],
            "kind": data["kind"] or None,
            "today": today(),
        }
    if "night" in data:
        return {
            "actor": request.user,
            "placement": placement,
            "night": data["night"],
            "kind": data["kind"] or None,
            "today": today(),
        }
    return {
        "actor": request.user,
        "first": placement,
        "second": placement.home.placements.get(pk=data["other"]),
        "reason": data["reason"],
    }


@page
def shifts(request, home_id: int):
    home = home_for(request, home_id)
    month = month_of(request)
    first, last = month_bounds(month)
    form = ShiftForm(request.POST or None, staff=selectors.home_staff(home))
    if request.method == "POST" and form.is_valid():
        shift = call_service(form, shift_add, actor=request.user, home=home, **form.cleaned_data)
        if shift:
            return redirect(f"{request.path}?maaned={shift.date:%Y-%m}")
    before, after = neighbour_months(month)
    context = {
        "home": home,
        "form": form,
        "month": month,
        "previous_month": before,
        "next_month": after,
        "shifts": selectors.home_shifts(home, first, last),
    }
    return render(request, "respite/shifts.html", context)
