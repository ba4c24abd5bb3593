"""API shapes of respite homes, plans, stays and stay reports."""

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from omsorg.core.schemas import InSchema, IsoDate, Version, text


class OwnerOut(Schema):
    municipality: str
    municipality_number: str
    share_percent: float
    note: str  # where the share comes from (the demo's are assumptions)


class HomeOut(Schema):
    id: int
    name: str
    beds: int
    municipality: str | None  # the municipality that runs the home, or
    company: str | None  # the intermunicipal company (IKS) that runs it
    owners: list[OwnerOut]


class StayOut(Schema):
    id: int
    child: str  # the child's name, or "occupied" for a child the caller may not read
    placement_id: int
    first_night: datetime.date
    last_night: datetime.date
    goes_home: datetime.date
    nights: int
    status: Literal["planned", "confirmed", "completed", "cancelled"]
    version: int


class StayMoveIn(InSchema):
    first_night: IsoDate
    nights: int = Field(ge=1, le=28)
    version: Version


class DayStayOut(Schema):
    id: int
    child: str  # the child's name, or "occupied" for a child the caller may not read
    placement_id: int
    date: datetime.date
    status: Literal["planned", "confirmed", "completed", "cancelled"]
    version: int


class DayStayMoveIn(InSchema):
    date: IsoDate
    version: Version


class StayStatusIn(InSchema):
    status: Literal["planned", "confirmed", "cancelled"]
    version: Version


class PlanWordsOut(Schema):
    """The plan in plain words: every child gets at least `lowest_percent` % of its nights;
    `share_proven`: no better plan exists; else no plan gives every child more than
    `possible_percent` %."""

    lowest_percent: int
    possible_percent: int
    share_proven: bool
    nights_short: int
    nights_short_floor: int
    nights_proven: bool
    stays: int


class PlanOut(Schema):
    id: int
    first_night: datetime.date
    last_night: datetime.date
    status: str  # queued, running, finished, failed, accepted, discarded
    plan_status: str  # optimal, feasible, infeasible (empty until finished)
    progress: str  # the latest progress in words while the planner runs
    words: PlanWordsOut | None
    version: int


class PlannedStayOut(Schema):
    child: str
    placement_id: int
    first_night: datetime.date
    nights: int


class PlanDetailOut(PlanOut):
    stays: list[PlannedStayOut]


class PlanIn(InSchema):
    first_night: IsoDate
    last_night: IsoDate
    time_limit: int = Field(default=10, ge=1, le=600)


class VersionIn(InSchema):
    version: Version


class ReportIn(InSchema):
    sleep: text(5000, min_length=1)
    food: text(5000, min_length=1)
    activities: text(5000, min_length=1)
    medication: text(5000) = ""
    incidents: text(5000) = ""
    message: text(5000) = ""


class ReportOut(Schema):
    id: int
    stay_id: int
    status: Literal["submitted", "reviewed"]
    sleep: str
    food: str
    medication: str
    activities: str
    incidents: str
    message: str
    written_by: str
    reviewed_by: str | None
    reviewed_on: datetime.date | None
    may_review: bool  # four eyes: never the writer
    version: int
