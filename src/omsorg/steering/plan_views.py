"""The business-plan pages (issue 9 §5): the plans a leader follows (and the YAML upload), a
plan with its measures and the monthly reports owed, a measure's status and result, and a
unit's monthly report with the reports of the units below it."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from omsorg.core.clock import today
from omsorg.core.errors import BadRequest, OmsorgError
from omsorg.core.models import Role
from omsorg.core.web import call_service, page
from omsorg.steering import plan_selectors as sel
from omsorg.steering import plan_services as svc
from omsorg.steering.plan_forms import MeasureForm, PlanUploadForm, ReportForm


def _upload_units(user) -> list:
    if not user.unit_id or user.role != Role.SERVICE_LEADER:
        return []
    tree = sel.unit_tree(user.unit)
    return [tree.units[pk] for pk in [user.unit_id, *tree.below(user.unit_id)]]


@page
def plans(request):
    units = _upload_units(request.user)
    form = PlanUploadForm(request.POST or None, request.FILES or None, units=units)
    problems = []
    if request.method == "POST" and units and form.is_valid():
        unit = next(u for u in units if str(u.pk) == form.cleaned_data["unit"])
        try:
            plan = svc.plan_import(actor=request.user, unit=unit,
                                   content=form.cleaned_data["file"].read(),
                                   year=form.cleaned_data["year"])  # fmt: skip
        except svc.PlanRefused as refused:
            problems = refused.problems
            form.add_error(None, refused.text())
        except OmsorgError as error:
            form.add_error(None, error.text())
        else:
            messages.success(request, _("The plan is imported."))
            return redirect("steering_plan", plan_id=plan.pk)
    context = {"plans": sel.plans_for(request.user), "form": form if units else None,
               "problems": problems}  # fmt: skip
    status = 422 if form.errors else 200
    return render(request, "steering/plan_list.html", context, status=status)


@page
def plan_page(request, plan_id: int):
    plan = sel.plan_get(request.user, plan_id)
    context = {
        "plan": plan,
        "may_edit": sel.may_edit_plan(request.user, plan),
        "grid": sel.report_grid(plan, request.user, today()),
        "own_unit": request.user.unit_id,
    }
    return render(request, "steering/plan_detail.html", context)


@page
def measure_page(request, plan_id: int, measure_id: int):
    measure = sel.measure_get(request.user, plan_id, measure_id)
    plan = measure.area.plan
    may_edit = sel.may_edit_plan(request.user, plan)
    initial = {"status": measure.status, "result": measure.result, "version": measure.version}
    form = MeasureForm(request.POST or None, initial=initial, measure=measure)
    if request.method == "POST" and may_edit and form.is_valid():
        data = form.cleaned_data
        saved = call_service(form, svc.measure_update, actor=request.user, measure=measure,
                             expected_version=data["version"], status=data["status"],
                             result=data["result"])  # fmt: skip
        if saved:
            messages.success(request, _("The measure is saved."))
            return redirect("steering_plan", plan_id=plan.pk)
    context = {"plan": plan, "measure": measure, "form": form, "may_edit": may_edit}
    return render(request, "steering/plan_measure.html", context,
                  status=422 if form.errors else 200)  # fmt: skip


def _month(text: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(text, "%Y-%m").date()
    except ValueError as error:
        raise BadRequest() from error


@page
def report_page(request, plan_id: int, unit_id: int, month: str):
    plan = sel.plan_get(request.user, plan_id)
    unit, tree = sel.plan_unit_get(request.user, plan, unit_id)
    month_date = _month(month)
    report = sel.report_get(plan, unit, month_date)
    measures = sel.plan_measures(plan)
    writable = (sel.may_write_report(request.user, unit) and unit.pk != plan.unit_id
                and month_date in svc.months_open(plan, today()))  # fmt: skip
    form = ReportForm(request.POST or None, initial=_report_initial(report), measures=measures)
    if request.method == "POST" and writable and form.is_valid():
        lines = {pk: svc.LineInput(status, note)
                 for pk, (status, note) in form.line_values().items()}  # fmt: skip
        saved = call_service(form, svc.plan_report_submit, actor=request.user, plan=plan,
                             unit=unit, month=month_date, comment=form.cleaned_data["comment"],
                             lines=lines, expected_version=form.cleaned_data["version"],
                             today=today())  # fmt: skip
        if saved:
            messages.success(request, _("The report is saved."))
            return redirect("steering_plan_report", plan_id=plan.pk, unit_id=unit.pk,
                            month=month)  # fmt: skip
    context = {
        "plan": plan, "unit": unit, "month": month_date, "report": report, "form": form,
        "writable": writable, "report_rows": _report_rows(report, measures),
        "rollup": sel.report_rollup(plan, unit.pk, month_date, tree),
        "due": sel.report_due(month_date),
    }  # fmt: skip
    return render(request, "steering/plan_report.html", context,
                  status=422 if form.errors else 200)  # fmt: skip


def _report_rows(report, measures) -> list:
    lines = {line.measure_id: line for line in report.lines.all()} if report else {}
    return [(measure, lines.get(measure.pk)) for measure in measures]


def _report_initial(report) -> dict:
    if report is None:
        return {}
    initial = {"comment": report.comment, "version": report.version}
    for line in report.lines.all():
        initial[f"status_{line.measure_id}"] = line.status
        initial[f"note_{line.measure_id}"] = line.comment
    return initial
