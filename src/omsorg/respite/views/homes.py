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


def _stay_form(request, home, data=None):
    lines = selectors.home_children(
        actor=request.user, home=home, first=today(), last=today(), today=today()
    )
    children = [(line.placement.pk, line.label) for line in lines if line.entitlement]
    return StayCreateForm(data, children=children, prefix="stay")


@page
def respite_home(request, home_id: int):
    home = home_for(request, home_id)
    month = month_of(request)
    first, last = month_bounds(month)
    leader = is_leader(request, home)
    stay_form = _stay_form(request, home, request.POST or None) if leader else None
    if request.method == "POST" and leader and stay_form.is_valid():
        placement = home.placements.get(pk=stay_form.cleaned_data["placement"])
        stay = call_service(
            stay_form,
            stay_create,
            actor=request.user,
            placement=placement,
            first_night=stay_form.cleaned_data["first_night"],
            nights=stay_form.cleaned_data["nights"],
            today=today(),
        )
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
        "children": selectors.home_children(
            actor=request.user, home=home, first=first, last=last, today=today()
        ),
        "worklist": selectors.home_worklist(actor=request.user, home=home, today=today()),
        "runs": selectors.plan_runs(home),
        "plan_form": PlanRunForm(initial=_plan_initial(month)) if leader else None,
        "stay_form": stay_form,
    }
    return render(request, "respite/home.html", context)
