"""Plan runs: ask for a plan, follow its progress, read it, accept or discard it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from omsorg.core.clock import today
from omsorg.core.errors import OmsorgError
from omsorg.core.web import call_service, page
from omsorg.respite import selectors
from omsorg.respite.forms import PlanRunForm, VersionedForm
from omsorg.respite.models import PlanRun
from omsorg.respite.plan_words import plan_words, progress_words
from omsorg.respite.selectors import month_bounds
from omsorg.respite.services.plans import plan_run_accept, plan_run_discard, plan_run_request
from omsorg.respite.views.common import home_for, is_leader, month_of, neighbour_months

BUSY = (PlanRun.Status.QUEUED, PlanRun.Status.RUNNING)


@page
@require_POST
def plan_run_create(request, home_id: int):
    home = home_for(request, home_id)
    form = PlanRunForm(request.POST)
    if form.is_valid():
        run = call_service(
            form,
            plan_run_request,
            actor=request.user,
            home=home,
            first_night=form.cleaned_data["first_night"],
            last_night=form.cleaned_data["last_night"],
            time_limit=form.cleaned_data["time_limit"],
            today=today(),
        )
        if run:
            return redirect("plan_run_detail", home_id=home.pk, run_id=run.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("respite_home", home_id=home.pk)


def _progress(run: PlanRun) -> dict:
    return {"polling": run.status in BUSY, "progress_text": progress_words(run.progress or {})}


def _shown_month(request, run: PlanRun):
    """The month of the plan to show: asked for, clamped to the run's period."""
    month = month_of(request)
    if not run.first_night.replace(day=1) <= month <= run.last_night:
        month = run.first_night.replace(day=1)
    first, last = month_bounds(month)
    return month, max(first, run.first_night), min(last, run.last_night)


@page
def plan_run_detail(request, home_id: int, run_id: int):
    home = home_for(request, home_id)
    run = selectors.plan_run_get(home=home, run_id=run_id)
    context = {"home": home, "run": run, "leader": is_leader(request, home), **_progress(run)}
    if run.status not in BUSY and run.result:
        month, first, last = _shown_month(request, run)
        before, after = neighbour_months(month)
        context.update(
            month=month,
            previous_month=before if before >= run.first_night.strftime("%Y-%m") else None,
            next_month=after if after <= run.last_night.strftime("%Y-%m") else None,
            calendar=selectors.plan_calendar(
                actor=request.user, run=run, first=first, last=last, today=today()
            ),
            children=selectors.plan_children(actor=request.user, run=run, today=today()),
            words=plan_words(selectors.run_plan(run)),
            decide_form=VersionedForm(initial={"version": run.version}),
        )
    return render(request, "respite/plan_run.html", context)


@page
def plan_run_progress(request, home_id: int, run_id: int):
    """The htmx-polled progress: status, stage, objective, bound. Reloads the page when done."""
    home = home_for(request, home_id)
    run = selectors.plan_run_get(home=home, run_id=run_id)
    if request.htmx and run.status not in BUSY:
        return HttpResponseClientRefresh()
    context = {"home": home, "run": run, **_progress(run)}
    return render(request, "respite/_progress.html", context)


def _decide(request, home_id: int, run_id: int, service, done_message: str):
    home = home_for(request, home_id)
    run = selectors.plan_run_get(home=home, run_id=run_id)
    form = VersionedForm(request.POST)
    if not form.is_valid():
        return redirect("plan_run_detail", home_id=home.pk, run_id=run.pk)
    extra = {"today": today()} if service is plan_run_accept else {}
    try:
        service(actor=request.user, run=run, expected_version=form.cleaned_data["version"], **extra)
    except OmsorgError as error:
        messages.error(request, error.text())
        return redirect("plan_run_detail", home_id=home.pk, run_id=run.pk)
    messages.success(request, done_message)
    url = reverse("respite_home", args=[home.pk])
    return redirect(f"{url}?maaned={run.first_night:%Y-%m}")


@page
@require_POST
def plan_run_accept_view(request, home_id: int, run_id: int):
    return _decide(request, home_id, run_id, plan_run_accept, _("The plan is accepted."))


@page
@require_POST
def plan_run_discard_view(request, home_id: int, run_id: int):
    return _decide(request, home_id, run_id, plan_run_discard, _("The plan is discarded."))
