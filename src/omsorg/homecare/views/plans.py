"""The day plan page: staff on shift, plan with progress, routes as a timeline and a map with
tables beside them, unassigned visits with reasons, moving a visit, a sick call."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from omsorg.core.clock import today
from omsorg.core.errors import BadRequest, OmsorgError
from omsorg.core.web import page
from omsorg.homecare import selectors, svg
from omsorg.homecare.forms import DayPlanForm, MoveForm, RunForm, ShiftForm, SickForm
from omsorg.homecare.models import DayPlan, Visit
from omsorg.homecare.rules import clock, minutes_of, time_of
from omsorg.homecare.services.plans import (
    BUSY,
    day_plan_create,
    day_plan_request,
    shift_set,
    shift_sick,
    visit_move,
)


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise BadRequest(_("The day is not a date (YYYY-MM-DD).")) from error


def _plan(request, zone_id: int, day: str):
    zone = selectors.zone_get(actor=request.user, zone_id=zone_id)
    return zone, selectors.day_plan_get(zone=zone, date=_date(day))


def _back(plan: DayPlan):
    return redirect("homecare_day", zone_id=plan.zone_id, day=plan.date.isoformat())


@page
@require_POST
def day_plan_new(request, zone_id: int):
    zone = selectors.zone_get(actor=request.user, zone_id=zone_id)
    form = DayPlanForm(request.POST)
    if form.is_valid():
        try:
            plan = day_plan_create(actor=request.user, zone=zone, date=form.cleaned_data["date"],
                                   today=today())  # fmt: skip
        except OmsorgError as error:
            messages.error(request, error.text())
        else:
            return _back(plan)
    else:
        messages.error(request, _("Choose a day."))
    return redirect("homecare_zone", zone_id=zone.pk)


def _map(plan: DayPlan, board) -> dict | None:
    base = plan.zone.zone_base
    routes = []
    for line in board.routes:
        stops = []
        for visit in line.visits:
            address = getattr(visit.person, "home_address", None)
            if address is not None and address.located:
                title = f"{clock(visit.start)} {visit.person.full_name}"
                stops.append((address.latitude, address.longitude, title))
        routes.append(stops)
    return svg.map_layout((base.latitude, base.longitude), routes)


def _timeline(plan: DayPlan, board) -> dict:
    """Each shift's row with its visits' bars; a bar that may be dragged to another row (a
    planned visit of a planned day, as the move form allows) carries the visit's id."""

    def movable(visit: Visit) -> bool:
        return plan.status == DayPlan.Status.PLANNED and visit.status == Visit.Status.PLANNED

    rows = [
        (
            line.shift.staff_id,
            line.shift.staff.display_name,
            (line.shift.start, line.shift.end),
            [
                (
                    v.pk if movable(v) else None,
                    v.start,
                    v.duration,
                    f"{clock(v.start)} {v.person.full_name}: {v.label}",
                    v.status == Visit.Status.DONE,
                )  # fmt: skip
                for v in line.visits
                if v.start is not None
            ],
        )
        for line in board.routes
    ]
    return svg.timeline_layout(rows)


# The engine's stages (planning.routing.solve), in the leader's words.
STAGES = {
    "pyvrp": gettext_lazy("first routes"),
    "construction": gettext_lazy("first routes"),
    "search": gettext_lazy("improving the routes"),
}


def _progress(plan: DayPlan) -> dict:
    progress = dict(plan.progress or {})
    if progress:
        progress["stage"] = STAGES.get(progress.get("stage"), progress.get("stage"))
    return {"polling": plan.status in BUSY, "progress": progress}


@page
def day_plan_detail(request, zone_id: int, day: str):
    zone, plan = _plan(request, zone_id, day)
    board = selectors.plan_board(actor=request.user, plan=plan, today=today())
    staff = [line.shift.staff for line in board.routes if line.shift.sick_from is None]
    lines = [
        (
            line,
            svg.colour(index),
            [
                (v, MoveForm(staff=staff, initial={"version": v.version, "to_staff": v.staff_id}))
                for v in line.visits
            ],
        )  # fmt: skip
        for index, line in enumerate(board.routes)
    ]
    context = {
        "zone": zone,
        "plan": plan,
        "board": board,
        "lines": lines,
        "unassigned": [
            (v, MoveForm(staff=staff, initial={"version": v.version})) for v in board.unassigned
        ],  # fmt: skip
        "run_form": RunForm(initial={"version": plan.version, "time_limit": plan.time_limit}),
        "shift_forms": [
            (
                line.shift,
                ShiftForm(
                    initial={
                        "version": line.shift.version,
                        "start": time_of(line.shift.start),
                        "end": time_of(line.shift.end),
                    },
                    prefix=f"s{line.shift.pk}",
                ),
                SickForm(prefix=f"k{line.shift.pk}"),
            )  # fmt: skip
            for line in board.routes
        ],
        "map": _map(plan, board) if plan.status == DayPlan.Status.PLANNED else None,
        "timeline": _timeline(plan, board) if plan.status == DayPlan.Status.PLANNED else None,
        **_progress(plan),
    }
    return render(request, "homecare/day_plan.html", context)


@page
def day_plan_progress(request, zone_id: int, day: str):
    zone, plan = _plan(request, zone_id, day)
    if request.htmx and plan.status not in BUSY:
        return HttpResponseClientRefresh()
    return render(request, "homecare/_progress.html", {"zone": zone, "plan": plan,
                                                       **_progress(plan)})  # fmt: skip


def _run(request, service, **kwargs):
    try:
        service(actor=request.user, **kwargs)
    except OmsorgError as error:
        messages.error(request, error.text())
        return False
    return True


@page
@require_POST
def day_plan_run(request, zone_id: int, day: str):
    _zone, plan = _plan(request, zone_id, day)
    form = RunForm(request.POST)
    if form.is_valid() and _run(request, day_plan_request, plan=plan,
                                time_limit=form.cleaned_data["time_limit"],
                                expected_version=form.cleaned_data["version"]):  # fmt: skip
        messages.success(request, _("The planner has started."))
    elif not form.is_valid():
        messages.error(request, _("Give the planner between 1 and 120 seconds."))
    return _back(plan)


@page
@require_POST
def shift_edit(request, zone_id: int, day: str, shift_id: int):
    _zone, plan = _plan(request, zone_id, day)
    shift = plan.shifts.filter(pk=shift_id).first() or _missing()
    form = ShiftForm(request.POST, prefix=f"s{shift.pk}")
    if not form.is_valid():
        messages.error(request, _("Give the shift's times as HH:MM."))
    elif _run(request, shift_set, shift=shift, start=minutes_of(form.cleaned_data["start"]),
              end=minutes_of(form.cleaned_data["end"]),
              expected_version=form.cleaned_data["version"]):  # fmt: skip
        messages.success(request, _("The shift is saved. Plan the day again to use it."))
    return _back(plan)


@page
@require_POST
def shift_sick_view(request, zone_id: int, day: str, shift_id: int):
    _zone, plan = _plan(request, zone_id, day)
    shift = plan.shifts.filter(pk=shift_id).first() or _missing()
    form = SickForm(request.POST, prefix=f"k{shift.pk}")
    if not form.is_valid():
        messages.error(request, _("Give the time she is away from as HH:MM."))
    elif _run(
        request, shift_sick, shift=shift, from_minute=minutes_of(form.cleaned_data["from_time"])
    ):
        messages.success(request, _("The rest of the day is being planned again."))
    return _back(plan)


@page
@require_POST
def visit_move_view(request, zone_id: int, day: str, visit_id: int):
    _zone, plan = _plan(request, zone_id, day)
    visit = plan.visits.filter(pk=visit_id).first() or _missing()
    staff = [s.staff for s in plan.shifts.select_related("staff")]
    form = MoveForm(request.POST, staff=staff)
    if not form.is_valid():
        messages.error(request, _("Choose whom to move the visit to."))
        return _back(plan)
    target = next((u for u in staff if u.pk == form.cleaned_data["to_staff"]), None)
    if _run(request, visit_move, visit=visit, to_staff=target,
            expected_version=form.cleaned_data["version"]):  # fmt: skip
        messages.success(request, _("The visit is moved."))
    return _back(plan)


def _missing():
    raise BadRequest(_("No such shift or visit in this plan."))
