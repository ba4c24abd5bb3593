"""A day stay (dagopphold, seed 004 §1.4): who and when; the leader moves, confirms or cancels
it."""

from django.shortcuts import redirect, render

from omsorg.core.clock import today
from omsorg.core.web import call_service, page
from omsorg.respite import selectors
from omsorg.respite.forms import DayStayMoveForm, StayStatusForm
from omsorg.respite.rules import day_stay_state_label
from omsorg.respite.services.days import day_stay_move, day_stay_set_status
from omsorg.respite.views.common import home_for, is_leader


def _move(request, day, form):
    return call_service(
        form,
        day_stay_move,
        actor=request.user,
        day_stay=day,
        date=form.cleaned_data["date"],
        expected_version=form.cleaned_data["version"],
        today=today(),
    )


def _status(request, day, form):
    return call_service(
        form,
        day_stay_set_status,
        actor=request.user,
        day_stay=day,
        status=form.cleaned_data["status"],
        expected_version=form.cleaned_data["version"],
    )


ACTIONS = {"move": (DayStayMoveForm, _move), "status": (StayStatusForm, _status)}


@page
def day_stay_detail(request, home_id: int, day_stay_id: int):
    home = home_for(request, home_id)
    day, person = selectors.day_stay_get(
        actor=request.user, home=home, day_stay_id=day_stay_id, today=today()
    )
    forms = {
        "move": DayStayMoveForm(initial={"version": day.version, "date": day.date}, prefix="move"),
        "status": StayStatusForm(prefix="status"),
    }
    action = request.POST.get("action", "status") if request.method == "POST" else None
    if action in ACTIONS:
        form_class, handler = ACTIONS[action]
        forms[action] = form = form_class(request.POST, prefix=action)
        if form.is_valid() and handler(request, day, form):
            return redirect("day_stay_detail", home_id=home.pk, day_stay_id=day.pk)
    leader = is_leader(request, home)
    context = {
        "home": home,
        "day": day,
        "person": person,
        "forms": forms,
        "form": forms["status"],
        "leader": leader,
        "today": today(),
        "state_label": day_stay_state_label(day, today()),
        "free_places": selectors.free_day_places_around(day, today()) if leader else [],
    }
    return render(request, "respite/day_stay.html", context)
