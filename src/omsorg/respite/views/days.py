"""A day stay (dagopphold, seed 004 §1.4): who and when; the leader confirms or cancels it."""

from django.shortcuts import redirect, render

from omsorg.core.clock import today
from omsorg.core.web import call_service, page
from omsorg.respite import selectors
from omsorg.respite.forms import StayStatusForm
from omsorg.respite.rules import day_stay_state_label
from omsorg.respite.services.days import day_stay_set_status
from omsorg.respite.views.common import home_for, is_leader


@page
def day_stay_detail(request, home_id: int, day_stay_id: int):
    home = home_for(request, home_id)
    day, person = selectors.day_stay_get(
        actor=request.user, home=home, day_stay_id=day_stay_id, today=today()
    )
    form = StayStatusForm(request.POST or None, prefix="status")
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            day_stay_set_status,
            actor=request.user,
            day_stay=day,
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["version"],
        )
    ):
        return redirect("day_stay_detail", home_id=home.pk, day_stay_id=day.pk)
    context = {
        "home": home,
        "day": day,
        "person": person,
        "form": form,
        "leader": is_leader(request, home),
        "state_label": day_stay_state_label(day, today()),
    }
    return render(request, "respite/day_stay.html", context)
