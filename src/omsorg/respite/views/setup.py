"""The home's settings page: beds and staffing, day stays, closures, owner municipalities'
shares.

For the home's service leader and the municipality's administrators. One page, several small
forms told apart by their ``action`` field (as on the placement page)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from omsorg.core.clock import today
from omsorg.core.web import call_service, page
from omsorg.respite import selectors
from omsorg.respite.forms import (
    ClosureForm,
    ClosureRemoveForm,
    DayPlacesForm,
    DayPlacesRemoveForm,
    HomeDaysForm,
    HomeForm,
    OwnerForm,
    OwnerRemoveForm,
)
from omsorg.respite.services.days import day_places_add, day_places_remove, home_days_update
from omsorg.respite.services.homes import (
    HomeInput,
    closure_add,
    closure_remove,
    home_update,
    owner_remove,
    owner_set,
)
from omsorg.respite.views.common import is_leader

HOME_FIELDS = ("beds", "max_one_to_one_per_night", "staffed_weekdays", "price_per_night")
DAY_FIELDS = ("day_places", "day_start_time", "day_end_time")


def _home(request, home, data: dict) -> dict:
    values = {name: data[name] for name in HOME_FIELDS}
    values["staffed_weekdays"] = tuple(values["staffed_weekdays"])
    return {
        "actor": request.user,
        "home": home,
        "data": HomeInput(**values),
        "expected_version": data["version"],
        "today": today(),
    }


def _days(request, home, data: dict) -> dict:
    values = {name: data[name] for name in DAY_FIELDS}
    return {
        "actor": request.user,
        "home": home,
        "expected_version": data["version"],
        "today": today(),
        **values,
    }


def _day_places(request, home, data: dict) -> dict:
    return {"actor": request.user, "home": home, "today": today(), **data}


def _day_places_remove(request, home, data: dict) -> dict:
    return {"actor": request.user, "period": data["period"]}


def _closure(request, home, data: dict) -> dict:
    return {"actor": request.user, "home": home, **data}


def _closure_remove(request, home, data: dict) -> dict:
    return {"actor": request.user, "closure": data["closure"]}


def _owner(request, home, data: dict) -> dict:
    return {
        "actor": request.user,
        "home": home,
        "municipality": data["municipality"],
        "share_percent": data["share"],
    }


def _owner_remove(request, home, data: dict) -> dict:
    return {"actor": request.user, "owner": data["owner"]}


# action: (service, its keyword arguments from the form, what the page says when it is done)
SETTINGS_ACTIONS = {
    "home": (home_update, _home, _("The home's beds and staffing are saved.")),
    "days": (home_days_update, _days, _("The home's day stays are saved.")),
    "day_places": (day_places_add, _day_places, _("The period's day places are added.")),
    "day_places_remove": (
        day_places_remove,
        _day_places_remove,
        _("The period's day places are removed."),
    ),
    "closure": (closure_add, _closure, _("The closure is added.")),
    "closure_remove": (closure_remove, _closure_remove, _("The closure is removed.")),
    "owner": (owner_set, _owner, _("The owner's share is saved.")),
    "owner_remove": (owner_remove, _owner_remove, _("The owner is removed.")),
}


def _settings_forms(request, home):
    action = request.POST.get("action") if request.method == "POST" else None

    def data(name):
        return request.POST if action == name else None

    initial = {name: getattr(home, name) for name in HOME_FIELDS}
    initial["version"] = home.version
    days = {name: getattr(home, name) for name in DAY_FIELDS} | {"version": home.version}
    forms = {
        "home": HomeForm(data("home"), initial=initial, prefix="home"),
        "days": HomeDaysForm(data("days"), initial=days, prefix="days"),
        "day_places": DayPlacesForm(data("day_places"), prefix="day_places"),
        "day_places_remove": DayPlacesRemoveForm(
            data("day_places_remove"), home=home, prefix="day_places_remove"
        ),
        "closure": ClosureForm(data("closure"), prefix="closure"),
        "closure_remove": ClosureRemoveForm(
            data("closure_remove"), home=home, prefix="closure_remove"
        ),
        "owner": OwnerForm(
            data("owner"), municipalities=selectors.municipalities_for(home), prefix="owner"
        ),
        "owner_remove": OwnerRemoveForm(data("owner_remove"), home=home, prefix="owner_remove"),
    }
    return action, forms


@page
def home_settings(request, home_id: int):
    home = selectors.home_for_setup(actor=request.user, home_id=home_id)
    action, forms = _settings_forms(request, home)
    form = forms.get(action)
    if form is not None and form.is_valid():
        service, arguments, done = SETTINGS_ACTIONS[action]
        call_service(form, service, **arguments(request, home, form.cleaned_data))
        if not form.errors:
            messages.success(request, done)
            return redirect("respite_home_settings", home_id=home.pk)
        home.refresh_from_db()  # a refused change may have touched the instance, not the row
    context = {
        "home": home,
        "leader": is_leader(request, home),
        "forms": forms,
        "closures": selectors.home_closures(home),
        "day_periods": home.day_periods.order_by("first_day", "pk"),
        "owners": selectors.home_owners(home),
    }
    return render(request, "respite/settings.html", context)
