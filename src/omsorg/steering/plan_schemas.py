"""API bodies of the business-plan endpoints (issue 9 §5): plans, goal areas, numbered goals
and measures with their status, and the one write, a measure's status and result."""

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from omsorg.core.schemas import InSchema, Version

MeasureStatus = Literal["planned", "in_progress", "delayed", "done", "cancelled"]


class MeasureOut(Schema):
    """Tiltak: `status` one of planned (not started), in_progress, delayed, done, cancelled;
    `next_statuses` the ones it may move to; `version` for the write's concurrency check."""

    id: int
    plan_id: int
    area_id: int
    goal_id: int | None
    goal: str | None  # the goal's series and number, e.g. "TT. mål 5.2"
    text: str
    responsible: str
    with_whom: str
    due: str
    due_date: datetime.date | None
    required_result: str
    status: MeasureStatus
    status_label: str
    next_statuses: list[MeasureStatus]
    result: str
    version: int


class GoalOut(Schema):
    id: int
    series: str
    number: str
    text: str
    measures: list[MeasureOut]


class GoalAreaOut(Schema):
    """Målområde: its numbered goals with their measures, and measures straight under the
    area (seed 000's action plan has no numbered goals)."""

    id: int
    number: str
    title: str
    description: str
    goals: list[GoalOut]
    measures: list[MeasureOut]


class BusinessPlanOut(Schema):
    """A unit's business plan for a year; `measures_by_status` counts its measures."""

    id: int
    unit: str  # the unit's code
    unit_name: str
    year: int
    title: str
    source: str
    reporting_from: datetime.date
    may_edit: bool
    measures_by_status: dict[str, int]


class BusinessPlanDetailOut(BusinessPlanOut):
    areas: list[GoalAreaOut]


class MeasureIn(InSchema):
    """The new status (the same one keeps it), the result if it changes, and the `version`
    of the measure as read."""

    status: MeasureStatus
    result: Annotated[str, Field(max_length=5000)] | None = None
    version: Version
