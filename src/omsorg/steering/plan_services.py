"""Writes of business plans (issue 9 §5): the YAML import (all or nothing), a measure's
status and result (optimistic concurrency, one transition table), and a unit's monthly report.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.core import clock
from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput, OmsorgError, PermissionDenied
from omsorg.core.events import event_record, snapshot
from omsorg.core.lifecycle import set_status
from omsorg.core.models import Unit, User
from omsorg.steering.plan_models import (
    BusinessPlan,
    Goal,
    GoalArea,
    Measure,
    PlanReport,
    PlanReportLine,
)
from omsorg.steering.plan_selectors import (
    may_edit_plan,
    may_import_plan,
    may_write_report,
    month_start,
    next_month,
    plan_measures,
    reporting_units,
)
from omsorg.steering.plan_yaml import AreaSpec, MeasureSpec, PlanProblem, plan_read


class PlanRefused(OmsorgError):
    """The plan file has problems: nothing was stored. `problems` names each by YAML path."""

    code = "plan_refused"
    http_status = 422
    default_message = _("The plan has errors; nothing was imported.")

    def __init__(self, problems: list[PlanProblem]):
        super().__init__()
        self.problems = problems


@transaction.atomic
def plan_import(
    *,
    actor: User | None,
    unit: Unit,
    content: bytes,
    year: int | None = None,
    reporting_from: datetime.date | None = None,
) -> BusinessPlan:
    """Store the plan in `content` (YAML) on `unit`: every goal area, goal and measure, or
    nothing (PlanRefused). `year` and `reporting_from` override the file's."""
    if not may_import_plan(actor, unit):
        raise PermissionDenied()
    spec, problems = plan_read(content)
    if spec is not None:
        spec.year = year or spec.year
        if spec.year is None:
            problems.append(PlanProblem("year", _("is required (or give the year)")))
        elif BusinessPlan.objects.filter(unit=unit, year=spec.year).exists():
            problems.append(PlanProblem(
                "year", _("%(unit)s already has a business plan for %(year)s"),
                {"unit": unit.name, "year": spec.year}))  # fmt: skip
    if problems:
        raise PlanRefused(problems)
    first = reporting_from or spec.reporting_from or datetime.date(spec.year, 1, 1)
    if first.year != spec.year:
        raise PlanRefused([PlanProblem("reporting_from", _("must be in the plan's year"))])
    plan = BusinessPlan.objects.create(
        unit=unit, year=spec.year, title=spec.title, source=spec.source,
        file_sha256=hashlib.sha256(content if isinstance(content, bytes) else
                                   content.encode()).hexdigest(),
        reporting_from=first, created_by=actor, updated_by=actor,
    )  # fmt: skip
    for position, area in enumerate(spec.areas, start=1):
        _area_create(plan, position, area, actor)
    event_record(actor=actor, kind="business_plan_imported", subject=plan)
    return plan


def _area_create(plan: BusinessPlan, position: int, spec: AreaSpec, actor) -> None:
    area = GoalArea.objects.create(
        plan=plan, position=position, number=spec.number, title=spec.title,
        description=spec.description,
    )  # fmt: skip
    measures: list[Measure] = []
    for goal_position, goal_spec in enumerate(spec.goals, start=1):
        goal = Goal.objects.create(
            area=area, position=goal_position, series=goal_spec.series,
            number=goal_spec.number, text=goal_spec.text,
        )  # fmt: skip
        measures.extend(_measure(area, goal, m, actor) for m in goal_spec.measures)
    measures.extend(_measure(area, None, m, actor) for m in spec.measures)
    for number, measure in enumerate(measures, start=1):
        measure.position = number
    Measure.objects.bulk_create(measures)


def _measure(area: GoalArea, goal: Goal | None, spec: MeasureSpec, actor) -> Measure:
    return Measure(
        area=area, goal=goal, position=0, text=spec.text, responsible=spec.responsible,
        with_whom=spec.with_whom, due_text=spec.due, due_date=spec.due_date,
        required_result=spec.required_result, status=spec.status, result=spec.result,
        created_by=actor, updated_by=actor,
    )  # fmt: skip


def _require_editor(actor: User, plan: BusinessPlan) -> None:
    if not may_edit_plan(actor, plan):
        raise PermissionDenied()


@transaction.atomic
def measure_set_status(
    *, actor: User, measure: Measure, status: str, expected_version: int, result: str | None = None
) -> Measure:
    """Move a measure along its transition table (Measure.TRANSITIONS); the result may change
    with it. Refused if someone saved the measure after `expected_version`."""
    _require_editor(actor, measure.area.plan)
    fields = []
    if result is not None:
        measure.result = result
        fields.append("result")
    set_status(measure, status, actor=actor, extra_fields=fields,
               expected_version=expected_version)  # fmt: skip
    return measure


@transaction.atomic
def measure_update(
    *, actor: User, measure: Measure, expected_version: int, status: str, result: str
) -> Measure:
    """The measure page's save: a new status goes through measure_set_status; the result
    alone is saved under the same version check."""
    if status != measure.status:
        return measure_set_status(actor=actor, measure=measure, status=status,
                                  expected_version=expected_version, result=result)  # fmt: skip
    _require_editor(actor, measure.area.plan)
    before = snapshot(measure)
    measure.result = result
    save_versioned(measure, expected_version=expected_version, actor=actor, fields=["result"])
    event_record(actor=actor, kind="measure_updated", subject=measure, before=before)
    return measure


@dataclass(frozen=True)
class LineInput:
    status: str
    comment: str = ""


@transaction.atomic
def plan_report_submit(
    *,
    actor: User,
    plan: BusinessPlan,
    unit: Unit,
    month: datetime.date,
    comment: str,
    lines: dict[int, LineInput],
    expected_version: int | None,
    today: datetime.date,
) -> PlanReport:
    """A unit's monthly report on the plan: a status for every measure and a comment. Written
    by the unit's leader, for a month of the plan's year that has begun; a second save
    replaces the first (optimistic concurrency: `expected_version` of the report seen, None
    for a new one)."""
    if not may_write_report(actor, unit):
        raise PermissionDenied()
    if unit.pk not in {u.pk for u in reporting_units(plan)}:
        raise InvalidInput(_("This unit does not report on this plan."), field="unit")
    month = month_start(month)
    if month.year != plan.year or month < plan.reporting_from or month > month_start(today):
        raise InvalidInput(_("No report is owed for this month."), field="month")
    measures = plan_measures(plan)
    _check_lines(measures, lines)
    report = PlanReport.objects.filter(plan=plan, unit=unit, month=month).first()
    before = snapshot(report)
    if report is None:
        if expected_version is not None:
            raise InvalidInput(_("The report is gone; reload the page."))
        report = PlanReport.objects.create(plan=plan, unit=unit, month=month, comment=comment,
                                           submitted_at=clock.now(), submitted_by=actor,
                                           created_by=actor, updated_by=actor)  # fmt: skip
    else:
        report.comment, report.submitted_at, report.submitted_by = comment, clock.now(), actor
        save_versioned(report, actor=actor, fields=["comment", "submitted_at", "submitted_by"],
                       expected_version=report.version if expected_version is None
                       else expected_version)  # fmt: skip
        report.lines.all().delete()
    PlanReportLine.objects.bulk_create(
        PlanReportLine(
            report=report, measure=m, status=lines[m.pk].status, comment=lines[m.pk].comment
        )  # fmt: skip
        for m in measures
    )
    event_record(actor=actor, kind="plan_report_submitted", subject=report, before=before)
    return report


def _check_lines(measures: list[Measure], lines: dict[int, LineInput]) -> None:
    for measure in measures:
        line = lines.get(measure.pk)
        if line is None or line.status not in PlanReportLine.Status.values:
            raise InvalidInput(
                _("Give a status for every measure (missing: %(measure)s)."),
                field=f"status_{measure.pk}", measure=measure.text[:80],
            )  # fmt: skip
    unknown = set(lines) - {m.pk for m in measures}
    if unknown:
        raise InvalidInput(_("A status was given for a measure that is not in the plan."))


def months_open(plan: BusinessPlan, today: datetime.date) -> list[datetime.date]:
    """Months a report may be written for: from the plan's first reporting month to now."""
    months, month = [], plan.reporting_from
    while month.year == plan.year and month <= month_start(today):
        months.append(month)
        month = next_month(month)
    return months
