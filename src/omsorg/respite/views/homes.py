"""The homes list and a home's overview: calendar, worklist, children, plans."""

import datetime

from django.shortcuts import redirect, render

from omsorg.core.clock import today
from omsorg.core.web import call_service, page
from omsorg.respite import selectors
from omsorg.respite.forms import PlanRunForm, StayCreateForm
from omsorg.respite.selectors import month_bounds
from omsorg.respite.services.stays import stay_create
from omsorg.respite.views.common import home_for, is_leader, month_of, neighbour_months


@page
def respite_homes(request):
    homes = list(selectors.homes_for(request.user))
    if len(homes) == 1 and request.user.role in selectors.STAFF_ROLES:
        return redirect("respite_home", home_id=homes[0].pk)
    return render(request, "respite/homes.html", {"homes": homes})


def _plan_initial(month: datetime.date) -> dict:
    first = max(today() + datetime.timedelta(days=1), month)
    return {"first_night": first, "last_night": month_bounds(first)[1], "time_limit": 10}


def _stay_form(children, data=None) -> StayCreateForm:
    choices = [(line.placement.pk, line.label) for line in children if line.entitlement]
    return StayCreateForm(data, children=choices, prefix="stay")


def _add_stay(request, home, form):
    """The leader adds a stay by hand; the same rules as a plan's judge it."""
    if not form.is_valid():
        return None
    return call_service(
        form,
        stay_create,
        actor=request.user,
        placement=home.placements.get(pk=form.cleaned_data["placement"]),
        first_night=form.cleaned_data["first_night"],
        nights=form.cleaned_data["nights"],
        today=today(),
    )


@page
def respite_home(request, home_id: int):
    home = home_for(request, home_id)
    month = month_of(request)
    first, last = month_bounds(month)
    leader = is_leader(request, home)
    children = selectors.home_children(
        actor=request.user, home=home, first=first, last=last, today=today()
    )
    stay_form = _stay_form(children, request.POST or None) if leader else None
    if request.method == "POST" and leader:
        stay = _add_stay(request, home, stay_form)
        if stay:
            return redirect("stay_detail", home_id=home.pk, stay_id=stay.pk)
    before, after = neighbour_months(month)
    context = {
        "home": home,
        "leader": leader,
        "month": month,
        "previous_month": before,
        "next_month": after,
        "calendar": selectors.home_calendar(
            actor=request.user, home=home, first=first, last=last, today=today()
        ),
        "children": children,
        "worklist": selectors.home_worklist(actor=request.user, home=home, today=today()),
        "runs": selectors.plan_runs(home),
        "plan_form": PlanRunForm(initial=_plan_initial(month)) if leader else None,
        "stay_form": stay_form,
    }
    return render(request, "respite/home.html", context)
