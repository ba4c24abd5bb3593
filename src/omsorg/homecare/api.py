"""Home-care endpoints (issue 10): the zones, a zone's day plan with its routes and the visits
left out, the caller's own work list, and a visit marked started, done or not done, under the
pages' access rules.

A zone's leader makes a day (its staff on shift and the visits the patterns give), has the
engine plan it, reads it, moves visits and reports someone sick (the rest of the day is planned
again); a care worker reads her own route of
today. A person's name only for persons the caller serves (people.access, every read logged,
channel "api"); a visit of anyone else shows without the person. Writes go through the pages'
services, so the planning checker, the work list's rules and optimistic concurrency hold.
"""

from ninja import Router, Status

from omsorg.core.clock import today
from omsorg.core.errors import NotFound
from omsorg.core.schemas import Id, IsoDate, errors
from omsorg.homecare import selectors
from omsorg.homecare.models import Visit
from omsorg.homecare.rules import clock
from omsorg.homecare.schemas import (
    DayPlanNewIn,
    DayPlanOut,
    DayPlanRunIn,
    ShiftSickIn,
    VisitDoneIn,
    VisitMoveIn,
    VisitNotDoneIn,
    VisitOut,
    VisitReportIn,
    VisitVersionIn,
    WorkVisitOut,
    ZoneOut,
)
from omsorg.homecare.services.plans import (
    day_plan_create,
    day_plan_request,
    shift_sick,
    visit_move,
)
from omsorg.homecare.services.visits import (
    visit_done,
    visit_not_done,
    visit_report,
    visit_start,
)

CHANNEL = "api"
READ = errors(401, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)

router = Router(tags=["homecare"])


def _zone_out(actor, zone) -> dict:
    base = getattr(zone, "zone_base", None)
    return {
        "id": zone.pk,
        "name": zone.name,
        "base": None
        if base is None
        else {
            "address": base.address,
            "latitude": base.latitude,
            "longitude": base.longitude,
            "speed_kmh": base.speed_kmh,
            "detour_factor": base.detour_factor,
        },
        "plans": selectors.leader_zone(actor) == zone,
    }


def _visit_out(visit: Visit, readable: bool = True) -> dict:
    return {
        "id": visit.pk,
        "person": {"id": visit.person_id, "name": visit.person.full_name} if readable else None,
        "label": visit.label,
        "service": visit.decision.service_type.name,
        "tasks": list(visit.tasks),
        "level": visit.level,
        "window_start": visit.window_start,
        "window_end": visit.window_end,
        "window_hard": visit.window_hard,
        "duration": visit.duration,
        "start": visit.start,
        "start_time": clock(visit.start) if visit.start is not None else None,
        "staff": {"id": visit.staff_id, "name": visit.staff.display_name}
        if visit.staff_id
        else None,
        "partner_id": visit.partner_id,
        "status": visit.status,
        "unassigned_reason": visit.unassigned_reason or None,
        "unassigned_reason_text": str(visit.get_unassigned_reason_display())
        if visit.unassigned_reason
        else None,
        "not_done_reason": visit.not_done_reason,
        "delivered_minutes": visit.delivered_minutes,
        "delivered_basis": visit.delivered_basis or None,
        "version": visit.version,
    }


def _work_visit_out(visit: Visit) -> dict:
    address = getattr(visit.person, "home_address", None)
    fields = ("street", "postal_code", "city", "entrance", "key_box", "pets", "notes")
    return {
        **_visit_out(visit),
        "address": {name: getattr(address, name) for name in fields} if address else None,
        "report": visit.report,
    }


@router.get("/homecare/zones", response={200: list[ZoneOut], **errors(401)})
def zone_list(request):
    """The zones the caller plans (a zone's leader) or works in (on its staff list)."""
    return [_zone_out(request.auth, zone) for zone in selectors.zones_for(request.auth)]


def _plan(request, zone_id: int, day) -> tuple:
    zone = selectors.zone_get(actor=request.auth, zone_id=zone_id)
    return zone, selectors.day_plan_get(zone=zone, date=day)


def _plan_out(request, plan) -> dict:
    board = selectors.plan_board(actor=request.auth, plan=plan, today=today(), channel=CHANNEL,
                                 every=True)  # fmt: skip
    objective = (plan.result or {}).get("objective") or {}
    return {
        "zone_id": plan.zone_id,
        "date": plan.date,
        "status": plan.status,
        "plan_status": plan.plan_status,
        "replan_from": plan.replan_from,
        "travel_minutes": objective.get("travel"),
        "distance_km": objective.get("distance"),
        "routes": [
            {
                "staff": {"id": line.shift.staff_id, "name": line.shift.staff.display_name},
                "shift_id": line.shift.pk,
                "level": line.shift.level,
                "shift_start": line.shift.start,
                "shift_end": line.shift.end,
                "sick_from": line.shift.sick_from,
                "visits": [_visit_out(v, v.person_readable) for v in line.visits],
            }
            for line in board.routes
        ],
        "unassigned": [_visit_out(v, v.person_readable) for v in board.unassigned],
        "version": plan.version,
    }


@router.post("/homecare/zones/{zone_id}/days", response={201: DayPlanOut, **WRITE})
def day_plan_new(request, zone_id: Id, payload: DayPlanNewIn):
    """Make a zone's day (its leader), from today up to a month ahead: the zone's active staff
    on their usual shifts and the visits its patterns give that day, not yet planned."""
    zone = selectors.zone_get(actor=request.auth, zone_id=zone_id)
    plan = day_plan_create(actor=request.auth, zone=zone, date=payload.date, today=today())
    return Status(201, _plan_out(request, plan))


@router.get("/homecare/zones/{zone_id}/days/{day}", response={200: DayPlanOut, **READ})
def day_plan_detail(request, zone_id: Id, day: IsoDate):
    """A zone's day plan (its leader): each shift's route in order, and the visits left out
    with the reason. Names only of persons the caller serves; every person shown logged."""
    _zone, plan = _plan(request, zone_id, day)
    return _plan_out(request, plan)


@router.post("/homecare/zones/{zone_id}/days/{day}/plan", response={202: DayPlanOut, **WRITE})
def day_plan_run(request, zone_id: Id, day: IsoDate, payload: DayPlanRunIn):
    """Have the engine plan the whole day in the background (`time_limit` seconds); visits
    started or done stay as they are. Read the day again until `status` is `planned`."""
    _zone, plan = _plan(request, zone_id, day)
    day_plan_request(actor=request.auth, plan=plan, time_limit=payload.time_limit,
                     expected_version=payload.version)  # fmt: skip
    return Status(202, _plan_out(request, plan))


@router.post(
    "/homecare/zones/{zone_id}/days/{day}/shifts/{shift_id}/sick",
    response={202: DayPlanOut, **WRITE},
)
def shift_sick_endpoint(request, zone_id: Id, day: IsoDate, shift_id: Id, payload: ShiftSickIn):
    """Someone on shift calls in sick from `from_minute`: the rest of the day is planned again
    in the background, keeping the visits done, started or due earlier with others."""
    _zone, plan = _plan(request, zone_id, day)
    shift = plan.shifts.filter(pk=shift_id).first()
    if shift is None:
        raise NotFound()
    plan = shift_sick(actor=request.auth, shift=shift, from_minute=payload.from_minute)
    return Status(202, _plan_out(request, plan))


@router.post(
    "/homecare/zones/{zone_id}/days/{day}/visits/{visit_id}/move",
    response={200: VisitOut, **WRITE},
)
def visit_move_endpoint(request, zone_id: Id, day: IsoDate, visit_id: Id, payload: VisitMoveIn):
    """Move a planned visit to another staff member on shift (`to_staff`), or off the routes
    (null), as the leader's page does; refused (409) naming the planning rule it would break."""
    _zone, plan = _plan(request, zone_id, day)
    visit = plan.visits.filter(pk=visit_id).first()
    if visit is None:
        raise NotFound()
    target = None
    if payload.to_staff is not None:
        shift = plan.shifts.filter(staff_id=payload.to_staff).select_related("staff").first()
        if shift is None:
            raise NotFound()
        target = shift.staff
    visit_move(actor=request.auth, visit=visit, to_staff=target, expected_version=payload.version)
    moved = selectors.plan_visits(actor=request.auth, plan=plan, today=today(), channel=CHANNEL,
                                  every=True)  # fmt: skip
    visit = next(v for v in moved if v.pk == visit.pk)
    return _visit_out(visit, visit.person_readable)


@router.get("/homecare/worklist", response={200: list[WorkVisitOut], **errors(401)})
def worklist(request):
    """The caller's route of today in order, with address, notes and tasks; logged."""
    visits = selectors.worklist(actor=request.auth, date=today(), channel=CHANNEL)
    return [_work_visit_out(visit) for visit in visits]


def _own(request, visit_id: int) -> Visit:
    return selectors.visit_for_worker(actor=request.auth, visit_id=visit_id, today=today(),
                                      channel=CHANNEL)  # fmt: skip


@router.get("/homecare/worklist/{visit_id}", response={200: WorkVisitOut, **READ})
def visit_detail(request, visit_id: Id):
    """One visit on the caller's route (404 for anyone else's)."""
    return _work_visit_out(_own(request, visit_id))


@router.post("/homecare/worklist/{visit_id}/start", response={200: WorkVisitOut, **WRITE})
def visit_start_endpoint(request, visit_id: Id, payload: VisitVersionIn):
    """Mark the visit started (the time is the server's)."""
    visit = visit_start(actor=request.auth, visit=_own(request, visit_id), today=today(),
                        expected_version=payload.version, channel=CHANNEL)  # fmt: skip
    return _work_visit_out(visit)


@router.post("/homecare/worklist/{visit_id}/done", response={200: WorkVisitOut, **WRITE})
def visit_done_endpoint(request, visit_id: Id, payload: VisitDoneIn):
    """Mark the visit done, with an optional short report: its minutes become delivered time
    (the time since it was marked started, or the planned duration, `delivered_basis` says)."""
    visit = visit_done(actor=request.auth, visit=_own(request, visit_id), today=today(),
                       expected_version=payload.version, report=payload.report,
                       channel=CHANNEL)  # fmt: skip
    return _work_visit_out(visit)


@router.post("/homecare/worklist/{visit_id}/not-done", response={200: WorkVisitOut, **WRITE})
def visit_not_done_endpoint(request, visit_id: Id, payload: VisitNotDoneIn):
    """Mark the visit not done, with the reason the leader sees."""
    visit = visit_not_done(actor=request.auth, visit=_own(request, visit_id), today=today(),
                           reason=payload.reason, expected_version=payload.version,
                           channel=CHANNEL)  # fmt: skip
    return _work_visit_out(visit)


@router.post("/homecare/worklist/{visit_id}/report", response={200: WorkVisitOut, **WRITE})
def visit_report_endpoint(request, visit_id: Id, payload: VisitReportIn):
    """Write or change the short report of the visit."""
    visit = visit_report(actor=request.auth, visit=_own(request, visit_id), today=today(),
                         report=payload.report, expected_version=payload.version,
                         channel=CHANNEL)  # fmt: skip
    return _work_visit_out(visit)
