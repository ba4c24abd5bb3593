"""API shapes of home-based services: zones, a zone's day plan, the work list, a visit marked
started, done or not done. Times of day are minutes from midnight, as the engine has them, with
the clock time beside."""

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import StrictInt

from omsorg.core.schemas import InSchema, IsoDate, RowId, Version, choice, text
from omsorg.homecare.models import Visit
from omsorg.homecare.services.plans import TIME_LIMITS
from omsorg.homecare.services.visits import REPORT_MAX

NOT_DONE_MAX = 300


class ZoneBaseOut(Schema):
    address: str
    latitude: float
    longitude: float
    speed_kmh: float
    detour_factor: float


class ZoneOut(Schema):
    id: int
    name: str
    base: ZoneBaseOut | None  # None until the leader has placed the zone's base
    plans: bool  # the caller is the zone's leader (reads its day plans, moves visits)


class VisitPersonOut(Schema):
    id: int
    name: str


class VisitStaffOut(Schema):
    id: int
    name: str


class VisitOut(Schema):
    id: int
    person: VisitPersonOut | None  # None for a person the caller does not serve
    label: str
    service: str
    tasks: list[str]
    level: Literal["nurse", "health_worker", "assistant"]
    window_start: int
    window_end: int
    window_hard: bool
    duration: int
    start: float | None  # the planned start, minutes from midnight (the engine's float)
    start_time: str | None  # the same as HH:MM
    staff: VisitStaffOut | None
    partner_id: int | None  # the other half of a double visit
    status: choice(Visit.Status)
    unassigned_reason: choice(Visit.Unassigned) | None
    unassigned_reason_text: str | None
    not_done_reason: str
    delivered_minutes: int | None
    delivered_basis: choice(Visit.Basis) | None
    version: int


class VisitAddressOut(Schema):
    street: str
    postal_code: str
    city: str
    entrance: str
    key_box: str
    pets: str
    notes: str


class WorkVisitOut(VisitOut):
    """A visit on the caller's own route, with what she needs at the door."""

    address: VisitAddressOut | None
    report: str


class RouteOut(Schema):
    staff: VisitStaffOut
    shift_id: int
    level: Literal["nurse", "health_worker", "assistant"]
    shift_start: int
    shift_end: int
    sick_from: int | None
    visits: list[VisitOut]


class DayPlanOut(Schema):
    zone_id: int
    date: datetime.date
    status: Literal["draft", "queued", "running", "planned", "failed"]
    plan_status: str  # the engine's: optimal, feasible, infeasible, or "" before a run
    replan_from: int | None
    travel_minutes: float | None
    distance_km: float | None
    routes: list[RouteOut]
    unassigned: list[VisitOut]
    version: int


class VisitVersionIn(InSchema):
    version: Version


class VisitDoneIn(InSchema):
    version: Version
    report: text(REPORT_MAX) = ""


class VisitNotDoneIn(InSchema):
    version: Version
    reason: text(NOT_DONE_MAX, min_length=1)


class VisitReportIn(InSchema):
    version: Version
    report: text(REPORT_MAX)


class VisitMoveIn(InSchema):
    version: Version
    to_staff: RowId | None  # None takes the visit off the routes


class DayPlanNewIn(InSchema):
    date: IsoDate


class DayPlanRunIn(InSchema):
    version: Version
    time_limit: Annotated[StrictInt, Field(ge=TIME_LIMITS[0], le=TIME_LIMITS[1])] = 10  # seconds


class ShiftSickIn(InSchema):
    # Minutes from midnight, as the plan's times: she is away from then on.
    from_minute: Annotated[StrictInt, Field(ge=0, le=24 * 60)]
