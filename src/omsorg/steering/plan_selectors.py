"""Reads of business plans and their monthly reports (issue 9 §5): who may see and edit what,
which reports are due and missing, the roll-up from team to department to unit, and the
measures a tertial report lists (`plan_measures_for`).

Seed 001 "Tidsplan virksomhetsrapportering": every unit below the plan's unit reports monthly
to the unit above it; the plan's unit head reports each tertial (the tertial report, §6).
Access: the plan's unit head (the service leader of the plan's unit, or of a unit above it)
edits the plan; a unit's leader writes that unit's report and reads the reports of every unit
below it; management and administrators of the municipality read every plan and report.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import NotFound
from omsorg.core.models import Role, Unit, User
from omsorg.steering.periods import Period
from omsorg.steering.plan_models import (
    BusinessPlan,
    Goal,
    Measure,
    PlanReport,
    PlanReportLine,
)

# A month's report is due on this day of the following month (a week's grace to write it).
REPORT_DUE_DAY = 5
READERS = {Role.MANAGEMENT, Role.ADMINISTRATOR}


# -- the unit tree ------------------------------------------------------------------------


@dataclass
class UnitTree:
    """The units of one municipality (or one intermunicipal company), walked in memory."""

    units: dict[int, Unit]
    children: dict[int | None, list[int]]

    def below(self, unit_id: int) -> list[int]:
        """Every unit under `unit_id` (not itself), top-down, siblings by name."""
        found, stack = [], list(reversed(self.children.get(unit_id, [])))
        while stack:
            pk = stack.pop()
            found.append(pk)
            stack.extend(reversed(self.children.get(pk, [])))
        return found

    def above(self, unit_id: int) -> list[int]:
        """The unit and every unit above it, bottom-up."""
        chain, pk = [], unit_id
        while pk is not None and pk in self.units:
            chain.append(pk)
            pk = self.units[pk].parent_id
        return chain

    def depth(self, unit_id: int) -> int:
        return len(self.above(unit_id)) - 1


def unit_tree(unit: Unit) -> UnitTree:
    """One query: the tree of the unit's municipality or company."""
    owner = (
        Q(company_id=unit.company_id)
        if unit.company_id
        else Q(municipality_id=unit.municipality_id)
    )
    units = {u.pk: u for u in Unit.objects.filter(owner).order_by("name")}
    children: dict[int | None, list[int]] = {}
    for pk, u in units.items():
        children.setdefault(u.parent_id, []).append(pk)
    return UnitTree(units, children)


def unit_by_code(code: str, *, municipality: str | None = None,
                 company: str | None = None) -> Unit:  # fmt: skip
    """The unit with this code; the municipality's number or the company's name decides
    when several organisations use the code."""
    units = Unit.objects.filter(code=code)
    if municipality:
        units = units.filter(municipality__number=municipality)
    if company:
        units = units.filter(company__name=company)
    found = list(units[:2])
    if len(found) != 1:
        message = (
            _("No unit has the code %(code)s.")
            if not found
            else _("Several units have the code %(code)s: give the municipality.")
        )
        raise NotFound(message, field="unit", code=code)
    return found[0]


# -- access ----------------------------------------------------------------------------------


def _same_organisation(user: User, unit: Unit) -> bool:
    if unit.company_id:
        return user.unit is not None and user.unit.company_id == unit.company_id
    return user.municipality_id is not None and user.municipality_id == unit.municipality_id


def may_edit_plan(user: User, plan: BusinessPlan, tree: UnitTree | None = None) -> bool:
    """The plan's unit head: a service leader of the plan's unit or of a unit above it."""
    if user.role != Role.SERVICE_LEADER or user.unit_id is None:
        return False
    tree = tree or unit_tree(plan.unit)
    return user.unit_id in tree.above(plan.unit_id)


def may_import_plan(user: User | None, unit: Unit) -> bool:
    """None is the operator at the server's shell (`omsorg import-plan`)."""
    if user is None:
        return True
    if user.role != Role.SERVICE_LEADER or user.unit_id is None:
        return False
    return user.unit_id in unit_tree(unit).above(unit.pk)


def may_read_plan(user: User, plan: BusinessPlan, tree: UnitTree | None = None) -> bool:
    if user.role in READERS:
        return _same_organisation(user, plan.unit)
    if user.role != Role.SERVICE_LEADER or user.unit_id is None:
        return False
    tree = tree or unit_tree(plan.unit)
    return user.unit_id in tree.above(plan.unit_id) or user.unit_id in tree.below(plan.unit_id)


def may_write_report(user: User, unit: Unit) -> bool:
    """A unit's monthly report is its leader's."""
    return user.role == Role.SERVICE_LEADER and user.unit_id == unit.pk


def may_read_report(user: User, plan: BusinessPlan, unit_id: int, tree: UnitTree) -> bool:
    """The unit's own leader and the leaders above it; management and administrators."""
    if user.role in READERS:
        return _same_organisation(user, plan.unit)
    return user.role == Role.SERVICE_LEADER and user.unit_id in tree.above(unit_id)


# -- plans -----------------------------------------------------------------------------------


def _plans() -> QuerySet[BusinessPlan]:
    return BusinessPlan.objects.select_related("unit")


def plans_for(user: User) -> list[BusinessPlan]:
    """The plans the user may read, newest year first."""
    if user.role in READERS and user.municipality_id:
        return list(_plans().filter(unit__municipality_id=user.municipality_id))
    if user.role != Role.SERVICE_LEADER or user.unit is None:
        return []
    tree = unit_tree(user.unit)
    visible = set(tree.above(user.unit_id)) | set(tree.below(user.unit_id))
    return list(_plans().filter(unit_id__in=visible))


def plan_get(user: User, plan_id: int) -> BusinessPlan:
    """The plan with its goal areas, goals and measures; absent and forbidden alike 404."""
    measures = Measure.objects.order_by("position")
    goals = Goal.objects.prefetch_related(Prefetch("measures", queryset=measures))
    plan = (
        _plans()
        .prefetch_related(
            "areas",
            Prefetch("areas__goals", queryset=goals),
            Prefetch("areas__measures", queryset=measures.filter(goal__isnull=True)),
        )
        .filter(pk=plan_id)
        .first()
    )
    if plan is None or not may_read_plan(user, plan):
        raise NotFound()
    return plan


def plan_measures(plan: BusinessPlan) -> list[Measure]:
    return list(
        Measure.objects.filter(area__plan=plan)
        .select_related("area", "goal")
        .order_by("area__position", "position")
    )


def measure_get(user: User, plan_id: int, measure_id: int) -> Measure:
    measure = (
        Measure.objects.select_related("area__plan__unit", "goal")
        .filter(pk=measure_id, area__plan_id=plan_id)
        .first()
    )
    if measure is None or not may_read_plan(user, measure.area.plan):
        raise NotFound()
    return measure


def plan_in_force(unit: Unit, year: int, tree: UnitTree | None = None) -> BusinessPlan | None:
    """The plan that covers the unit in the year: its own, or the nearest above it."""
    tree = tree or unit_tree(unit)
    chain = tree.above(unit.pk)
    plans = {p.unit_id: p for p in _plans().filter(unit_id__in=chain, year=year)}
    return next((plans[pk] for pk in chain if pk in plans), None)


def plan_measures_for(unit: Unit, period: Period) -> list[MeasureRow]:
    """The plan's measures for a tertial (or any) report of `unit` (issue 9 §6): the plan in
    force for the unit in the period's year, every measure with its goal area, goal, status
    and result, and how the monthly reports in the period rated it (counts per status)."""
    plan = plan_in_force(unit, period.first.year)
    if plan is None:
        return []
    lines = PlanReportLine.objects.filter(
        report__plan=plan,
        report__month__gte=period.first_month,
        report__month__lte=period.last_month,
        report__submitted_at__isnull=False,
    ).values_list("measure_id", "status")
    rated: dict[int, Counter] = {}
    for measure_id, status in lines:
        rated.setdefault(measure_id, Counter())[status] += 1
    return [
        MeasureRow(plan=plan, measure=m, report_statuses=dict(rated.get(m.pk, {})))
        for m in plan_measures(plan)
    ]


@dataclass
class MeasureRow:
    plan: BusinessPlan
    measure: Measure
    report_statuses: dict[str, int] = field(default_factory=dict)

    @property
    def goal_label(self) -> str:
        return str(self.measure.goal) if self.measure.goal else ""


# -- monthly reports -------------------------------------------------------------------------


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def report_due(month: datetime.date) -> datetime.date:
    """A month's report is due on the REPORT_DUE_DAY of the month after."""
    return next_month(month).replace(day=REPORT_DUE_DAY)


def report_months(plan: BusinessPlan, today: datetime.date) -> list[datetime.date]:
    """The months of the plan's year a report is owed for by `today`: from the plan's first
    reporting month to the last finished month."""
    months, month = [], plan.reporting_from
    while month.year == plan.year and next_month(month) <= today:
        months.append(month)
        month = next_month(month)
    return months


def reporting_units(plan: BusinessPlan, tree: UnitTree | None = None) -> list[Unit]:
    """The units that report monthly on the plan: every unit below the plan's unit."""
    tree = tree or unit_tree(plan.unit)
    return [tree.units[pk] for pk in tree.below(plan.unit_id)]


@dataclass
class ReportTask:
    plan: BusinessPlan
    unit: Unit
    month: datetime.date
    due: datetime.date
    overdue: bool
    own: bool  # the user's own unit's report (else one the user follows up from above)


def report_tasks_for(user: User, today: datetime.date) -> list[ReportTask]:
    """The monthly reports a leader owes (own unit) or follows up (units below): every owed
    month with no submitted report, due first. For the leader's worklist."""
    if user.role != Role.SERVICE_LEADER or user.unit is None:
        return []
    tree = unit_tree(user.unit)
    chain = tree.above(user.unit_id)
    below = tree.below(user.unit_id)
    years = {today.year, (today - datetime.timedelta(days=31)).year}
    plans = list(_plans().filter(unit_id__in=set(chain) | set(below), year__in=years))
    tasks = []
    for plan in plans:
        units = [u for u in reporting_units(plan, tree) if u.pk == user.unit_id or u.pk in below]
        tasks.extend(_missing(plan, units, today, user.unit_id))
    return sorted(tasks, key=lambda t: (t.due, not t.own, t.unit.name))


def _missing(plan, units: list[Unit], today, own_id: int) -> list[ReportTask]:
    months = report_months(plan, today)
    if not units or not months:
        return []
    done = set(
        PlanReport.objects.filter(
            plan=plan, unit__in=units, month__in=months, submitted_at__isnull=False
        ).values_list("unit_id", "month")
    )
    return [
        ReportTask(
            plan, unit, month, report_due(month), report_due(month) < today, unit.pk == own_id
        )  # fmt: skip
        for unit in units
        for month in months
        if (unit.pk, month) not in done
    ]


def report_get(plan: BusinessPlan, unit: Unit, month: datetime.date) -> PlanReport | None:
    return (
        PlanReport.objects.filter(plan=plan, unit=unit, month=month)
        .prefetch_related("lines")
        .first()
    )


def plan_unit_get(user: User, plan: BusinessPlan, unit_id: int) -> tuple[Unit, UnitTree]:
    """A reporting unit of the plan whose reports the user may read."""
    tree = unit_tree(plan.unit)
    if unit_id not in tree.below(plan.unit_id) and unit_id != plan.unit_id:
        raise NotFound()
    if not may_read_report(user, plan, unit_id, tree):
        raise NotFound()
    return tree.units[unit_id], tree


@dataclass
class ChildReport:
    unit: Unit
    depth: int
    report: PlanReport | None
    due: datetime.date

    @property
    def submitted(self) -> bool:
        return self.report is not None and self.report.submitted_at is not None


@dataclass
class Rollup:
    """What the units below a unit reported for a month: each unit's report (or its absence)
    and, per measure, how many reports gave each status."""

    month: datetime.date
    children: list[ChildReport]
    by_measure: dict[int, Counter]

    @property
    def missing(self) -> list[ChildReport]:
        return [child for child in self.children if not child.submitted]


def report_rollup(plan: BusinessPlan, unit_id: int, month: datetime.date,
                  tree: UnitTree) -> Rollup:  # fmt: skip
    """Team → department → unit: the submitted reports of every unit below `unit_id`."""
    below = [pk for pk in tree.below(unit_id) if pk in set(tree.below(plan.unit_id))]
    reports = {
        r.unit_id: r for r in PlanReport.objects.filter(plan=plan, unit_id__in=below, month=month)
    }
    by_measure: dict[int, Counter] = {}
    lines = PlanReportLine.objects.filter(
        report__in=[r for r in reports.values() if r.submitted_at is not None]
    ).values_list("measure_id", "status")
    for measure_id, status in lines:
        by_measure.setdefault(measure_id, Counter())[status] += 1
    base = tree.depth(unit_id)
    children = [
        ChildReport(tree.units[pk], tree.depth(pk) - base, reports.get(pk), report_due(month))
        for pk in below
    ]
    return Rollup(month, children, by_measure)


def report_grid(plan: BusinessPlan, user: User, today: datetime.date) -> dict:
    """The plan page's overview: for each unit the user may follow, each owed month's report
    (submitted or missing)."""
    tree = unit_tree(plan.unit)
    months = report_months(plan, today)
    units = [u for u in reporting_units(plan, tree) if may_read_report(user, plan, u.pk, tree)]
    submitted = set(
        PlanReport.objects.filter(
            plan=plan, unit__in=units, submitted_at__isnull=False
        ).values_list("unit_id", "month")
    )
    rows = [
        {
            "unit": unit,
            "depth": tree.depth(unit.pk) - tree.depth(plan.unit_id),
            "cells": [
                {
                    "month": m,
                    "submitted": (unit.pk, m) in submitted,
                    "overdue": report_due(m) < today,
                }  # fmt: skip
                for m in months
            ],
        }
        for unit in units
    ]
    return {"months": months, "rows": rows}
