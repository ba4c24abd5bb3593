"""Respite endpoints: homes, plans, stays, day stays and stay reports, under the pages' access
rules.

Staff of a home (its leader and care workers) read its stays and plans; a child's name only
with a service need for the child (people.access, every read logged, channel "api"), else
"occupied"; management sees a home's figures, never its children. Writes go through the same
services as the pages, so the planning rules, four eyes and optimistic concurrency hold.
"""

import datetime
from typing import Annotated

from ninja import Router, Status
from pydantic import Field

from omsorg.core.clock import today
from omsorg.core.errors import NotFound
from omsorg.core.schemas import Id, IsoDate, errors
from omsorg.respite import plan_io, selectors
from omsorg.respite.models import DayStay, PlanRun, RespiteHome, Stay, StayReport
from omsorg.respite.plan_words import plan_words, progress_words
from omsorg.respite.rules import day_stay_state, stay_state
from omsorg.respite.schemas import (
    DayStayMoveIn,
    DayStayOut,
    HomeOut,
    PlanDetailOut,
    PlanIn,
    PlanOut,
    ReportIn,
    ReportOut,
    StayMoveIn,
    StayOut,
    StayStatusIn,
    VersionIn,
)
from omsorg.respite.services.days import day_stay_move, day_stay_set_status
from omsorg.respite.services.plans import plan_run_accept, plan_run_request
from omsorg.respite.services.reports import ReportInput, may_review, report_review, report_write
from omsorg.respite.services.stays import stay_move, stay_set_status

CHANNEL = "api"
READ = errors(401, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)
STAYS_DAYS = 62  # the longest window of stays one request lists

Days = Annotated[int, Field(ge=1, le=STAYS_DAYS)]

router = Router(tags=["respite"])


def _home_out(home: RespiteHome) -> dict:
    owners = selectors.home_owners(home).owners
    return {
        "id": home.pk,
        "name": home.unit.name,
        "beds": home.beds,
        "municipality": home.unit.municipality.name if home.unit.municipality_id else None,
        "company": home.unit.company.name if home.unit.company_id else None,
        "owners": [
            {
                "municipality": o.municipality.name,
                "municipality_number": o.municipality.number,
                "share_percent": float(o.share_percent),
                "note": o.note,
            }
            for o in owners
        ],
    }


def _stay_out(stay: Stay, label: str) -> dict:
    return {
        "id": stay.pk,
        "child": label,
        "placement_id": stay.placement_id,
        "first_night": stay.first_night,
        "last_night": stay.last_night,
        "goes_home": stay.ends_on,
        "nights": stay.nights,
        "status": stay_state(stay, today()),
        "version": stay.version,
    }


def _staff_home(request, home_id: int) -> RespiteHome:
    return selectors.home_get(actor=request.auth, home_id=home_id)


def _stay(request, home_id: int, stay_id: int) -> Stay:
    home = _staff_home(request, home_id)
    stay, _person = selectors.stay_get(
        actor=request.auth, home=home, stay_id=stay_id, today=today(), channel=CHANNEL
    )
    return stay


@router.get("/respite/homes", response={200: list[HomeOut], **errors(401)})
def home_list(request):
    """The homes the caller works at, or (management) whose figures it may see."""
    return [_home_out(home) for home in selectors.homes_for(request.auth)]


@router.get("/respite/homes/{home_id}", response={200: HomeOut, **READ})
def home_detail(request, home_id: Id):
    return _home_out(selectors.home_get(actor=request.auth, home_id=home_id, figures=True))


@router.get("/respite/homes/{home_id}/stays", response={200: list[StayOut], **READ})
def stay_list(request, home_id: Id, first: IsoDate | None = None, days: Days = 31):
    """The home's stays (not cancelled) with a night from `first` (default today) on, for
    `days` nights (at most 62). Names only of children the caller serves; logged."""
    home = _staff_home(request, home_id)
    start = first or today()
    last = start + datetime.timedelta(days=days - 1)
    stays = selectors.home_stays(home, start, last)
    labels = selectors.child_labels(
        actor=request.auth,
        home=home,
        placement_ids={s.placement_id for s in stays},
        today=today(),
        what="respite stays",
        channel=CHANNEL,
    )
    return [_stay_out(stay, labels[stay.placement_id]) for stay in stays]


@router.get("/respite/homes/{home_id}/stays/{stay_id}", response={200: StayOut, **READ})
def stay_detail(request, home_id: Id, stay_id: Id):
    home = _staff_home(request, home_id)
    stay, person = selectors.stay_get(
        actor=request.auth, home=home, stay_id=stay_id, today=today(), channel=CHANNEL
    )
    return _stay_out(stay, person.full_name)


@router.post("/respite/homes/{home_id}/stays/{stay_id}/move", response={200: StayOut, **WRITE})
def stay_move_endpoint(request, home_id: Id, stay_id: Id, payload: StayMoveIn):
    """Move a stay or change its length (the home's leader); refused naming the broken rule."""
    stay = _stay(request, home_id, stay_id)
    stay = stay_move(actor=request.auth, stay=stay, first_night=payload.first_night,
                     nights=payload.nights, expected_version=payload.version,
                     today=today())  # fmt: skip
    return _stay_out(stay, stay.placement.person.full_name)


@router.post("/respite/homes/{home_id}/stays/{stay_id}/status", response={200: StayOut, **WRITE})
def stay_status_endpoint(request, home_id: Id, stay_id: Id, payload: StayStatusIn):
    """Confirm a stay, return it to planned, or cancel it (the home's leader)."""
    stay = _stay(request, home_id, stay_id)
    stay = stay_set_status(actor=request.auth, stay=stay, status=payload.status,
                           expected_version=payload.version)  # fmt: skip
    return _stay_out(stay, stay.placement.person.full_name)


def _day_out(day: DayStay, label: str) -> dict:
    return {
        "id": day.pk,
        "child": label,
        "placement_id": day.placement_id,
        "date": day.date,
        "status": day_stay_state(day, today()),
        "version": day.version,
    }


def _day_stay(request, home_id: int, day_stay_id: int) -> tuple[DayStay, object]:
    home = _staff_home(request, home_id)
    return selectors.day_stay_get(
        actor=request.auth, home=home, day_stay_id=day_stay_id, today=today(), channel=CHANNEL
    )


@router.get("/respite/homes/{home_id}/day-stays", response={200: list[DayStayOut], **READ})
def day_stay_list(request, home_id: Id, first: IsoDate | None = None, days: Days = 31):
    """The home's day stays (dagopphold, not cancelled) from `first` (default today) on, for
    `days` dates (at most 62). Names only of children the caller serves; logged."""
    home = _staff_home(request, home_id)
    start = first or today()
    day_stays = selectors.home_day_stays(home, start, start + datetime.timedelta(days=days - 1))
    labels = selectors.child_labels(
        actor=request.auth,
        home=home,
        placement_ids={d.placement_id for d in day_stays},
        today=today(),
        what="respite day stays",
        channel=CHANNEL,
    )
    return [_day_out(day, labels[day.placement_id]) for day in day_stays]


@router.get("/respite/homes/{home_id}/day-stays/{day_stay_id}", response={200: DayStayOut, **READ})
def day_stay_detail(request, home_id: Id, day_stay_id: Id):
    day, person = _day_stay(request, home_id, day_stay_id)
    return _day_out(day, person.full_name)


@router.post(
    "/respite/homes/{home_id}/day-stays/{day_stay_id}/move", response={200: DayStayOut, **WRITE}
)
def day_stay_move_endpoint(request, home_id: Id, day_stay_id: Id, payload: DayStayMoveIn):
    """Move a day stay to another date (the home's leader); refused naming the broken rule."""
    day, person = _day_stay(request, home_id, day_stay_id)
    day = day_stay_move(actor=request.auth, day_stay=day, date=payload.date,
                        expected_version=payload.version, today=today())  # fmt: skip
    return _day_out(day, person.full_name)


@router.post(
    "/respite/homes/{home_id}/day-stays/{day_stay_id}/status", response={200: DayStayOut, **WRITE}
)
def day_stay_status_endpoint(request, home_id: Id, day_stay_id: Id, payload: StayStatusIn):
    """Confirm a day stay, return it to planned, or cancel it (the home's leader)."""
    day, person = _day_stay(request, home_id, day_stay_id)
    day = day_stay_set_status(actor=request.auth, day_stay=day, status=payload.status,
                              expected_version=payload.version)  # fmt: skip
    return _day_out(day, person.full_name)


def _plan_out(run: PlanRun) -> dict:
    words = plan_words(plan_io.plan_of(run.result)) if run.result else None
    return {
        "id": run.pk,
        "first_night": run.first_night,
        "last_night": run.last_night,
        "status": run.status,
        "plan_status": run.plan_status,
        "progress": progress_words(run.progress or {}),
        "words": words.__dict__ if words else None,
        "version": run.version,
    }


@router.get("/respite/homes/{home_id}/plans", response={200: list[PlanOut], **READ})
def plan_list(request, home_id: Id):
    """The home's latest plan runs (ten), newest first."""
    return [_plan_out(run) for run in selectors.plan_runs(_staff_home(request, home_id))]


@router.post("/respite/homes/{home_id}/plans", response={201: PlanOut, **WRITE})
def plan_create(request, home_id: Id, payload: PlanIn):
    """Ask for a plan (the home's leader); the planner runs in the background."""
    run = plan_run_request(actor=request.auth, home=_staff_home(request, home_id),
                           first_night=payload.first_night, last_night=payload.last_night,
                           time_limit=payload.time_limit, today=today())  # fmt: skip
    run.refresh_from_db()
    return Status(201, _plan_out(run))


@router.get("/respite/homes/{home_id}/plans/{run_id}", response={200: PlanDetailOut, **READ})
def plan_detail(request, home_id: Id, run_id: Id):
    """A plan run, and once finished the stays it proposes (names as for the stays)."""
    home = _staff_home(request, home_id)
    run = selectors.plan_run_get(home=home, run_id=run_id)
    rows = plan_io.plan_rows(plan_io.plan_of(run.result)) if run.result else []
    labels = selectors.child_labels(actor=request.auth, home=home,
                                    placement_ids={r.placement_id for r in rows}, today=today(),
                                    what="respite plan", channel=CHANNEL)  # fmt: skip
    stays = [
        {"child": labels[r.placement_id], "placement_id": r.placement_id,
         "first_night": r.first_night, "nights": r.nights}
        for r in rows
    ]  # fmt: skip
    return {**_plan_out(run), "stays": stays}


@router.post("/respite/homes/{home_id}/plans/{run_id}/accept", response={200: PlanOut, **WRITE})
def plan_accept(request, home_id: Id, run_id: Id, payload: VersionIn):
    """Accept a finished plan (the home's leader): its stays are created, replaced planned
    stays cancelled; refused if the stays changed since and the plan no longer fits."""
    run = selectors.plan_run_get(home=_staff_home(request, home_id), run_id=run_id)
    plan_run_accept(actor=request.auth, run=run, expected_version=payload.version, today=today())
    run.refresh_from_db()
    return _plan_out(run)


def _report_out(request, report: StayReport) -> dict:
    return {
        **{name: getattr(report, name) for name in ReportInput.__dataclass_fields__},
        "id": report.pk,
        "stay_id": report.stay_id,
        "status": report.status,
        "written_by": report.created_by.display_name if report.created_by_id else "",
        "reviewed_by": report.reviewed_by.display_name if report.reviewed_by_id else None,
        "reviewed_on": report.reviewed_on,
        "may_review": may_review(request.auth, report, today()),
        "version": report.version,
    }


def _report(stay: Stay) -> StayReport:
    report = StayReport.objects.filter(stay=stay).select_related("created_by").first()
    if report is None:
        raise NotFound()
    return report


@router.get("/respite/homes/{home_id}/stays/{stay_id}/report", response={200: ReportOut, **READ})
def report_detail(request, home_id: Id, stay_id: Id):
    """The stay report (seed 000: written feedback after every stay)."""
    return _report_out(request, _report(_stay(request, home_id, stay_id)))


@router.post("/respite/homes/{home_id}/stays/{stay_id}/report", response={201: ReportOut, **WRITE})
def report_create(request, home_id: Id, stay_id: Id, payload: ReportIn):
    """Write the report of a completed stay (staff serving the child)."""
    stay = _stay(request, home_id, stay_id)
    report = report_write(actor=request.auth, stay=stay, data=ReportInput(**payload.dict()),
                          today=today())  # fmt: skip
    return Status(201, _report_out(request, report))


@router.post(
    "/respite/homes/{home_id}/stays/{stay_id}/report/review",
    response={200: ReportOut, **WRITE},
)
def report_review_endpoint(request, home_id: Id, stay_id: Id, payload: VersionIn):
    """Mark the report reviewed (the leader or a shift lead, never the writer); from then on
    the family can read it."""
    report = _report(_stay(request, home_id, stay_id))
    report = report_review(actor=request.auth, report=report, expected_version=payload.version,
                           today=today())  # fmt: skip
    return _report_out(request, report)
