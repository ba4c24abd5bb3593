"""Business-plan endpoints (issue 9 §5): read a unit's plans with their goal areas, goals and
measures, and set a measure's status and result.

The same access as the pages (steering.plan_selectors): management and administrators of the
municipality read every plan; a service leader reads the plans of the units above and below
their own and edits those of their unit and the units below it (the plan's unit head). A plan
the user may not read is 404, as if absent; a measure the user may read but not edit is 403.
Writes go through plan_services (transition table, optimistic concurrency, event record).
"""

from ninja import Router

from omsorg.core.errors import PermissionDenied
from omsorg.core.schemas import Id, errors
from omsorg.steering import plan_selectors as sel
from omsorg.steering import plan_services as svc
from omsorg.steering.plan_models import BusinessPlan, Measure
from omsorg.steering.plan_schemas import (
    BusinessPlanDetailOut,
    BusinessPlanOut,
    MeasureIn,
    MeasureOut,
)

READ = errors(401, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)

router = Router(tags=["business plans"])


def _measure_out(measure: Measure) -> dict:
    goal = measure.goal
    return {
        "id": measure.pk, "plan_id": measure.area.plan_id, "area_id": measure.area_id,
        "goal_id": measure.goal_id, "goal": str(goal) if goal else None, "text": measure.text,
        "responsible": measure.responsible, "with_whom": measure.with_whom,
        "due": measure.due_text, "due_date": measure.due_date,
        "required_result": measure.required_result, "status": measure.status,
        "status_label": str(measure.get_status_display()),
        "next_statuses": sorted(Measure.TRANSITIONS.get(measure.status, ())),
        "result": measure.result, "version": measure.version,
    }  # fmt: skip


def _plan_out(request, plan: BusinessPlan, measures: list[Measure]) -> dict:
    counts: dict[str, int] = {}
    for measure in measures:
        counts[measure.status] = counts.get(measure.status, 0) + 1
    return {
        "id": plan.pk, "unit": plan.unit.code, "unit_name": plan.unit.name, "year": plan.year,
        "title": plan.title, "source": plan.source, "reporting_from": plan.reporting_from,
        "may_edit": sel.may_edit_plan(request.auth, plan), "measures_by_status": counts,
    }  # fmt: skip


@router.get("/steering/plans", response={200: list[BusinessPlanOut], **READ})
def plans(request):
    """The business plans the user may read, newest year first."""
    found = sel.plans_for(request.auth)
    by_plan: dict[int, list[Measure]] = {plan.pk: [] for plan in found}
    for measure in Measure.objects.filter(area__plan__in=found).select_related("area"):
        by_plan[measure.area.plan_id].append(measure)
    return [_plan_out(request, plan, by_plan[plan.pk]) for plan in found]


@router.get("/steering/plans/{plan_id}", response={200: BusinessPlanDetailOut, **READ})
def plan(request, plan_id: Id):
    """A plan with its goal areas, numbered goals and measures, in the plan's order."""
    found = sel.plan_get(request.auth, plan_id)
    measures = sel.plan_measures(found)
    by_goal: dict[int | None, list[dict]] = {}
    loose: dict[int, list[dict]] = {}
    for measure in measures:
        out = _measure_out(measure)
        if measure.goal_id:
            by_goal.setdefault(measure.goal_id, []).append(out)
        else:
            loose.setdefault(measure.area_id, []).append(out)
    areas = [
        {"id": area.pk, "number": area.number, "title": area.title,
         "description": area.description, "measures": loose.get(area.pk, []),
         "goals": [{"id": goal.pk, "series": goal.series, "number": goal.number,
                    "text": goal.text, "measures": by_goal.get(goal.pk, [])}
                   for goal in area.goals.all()]}
        for area in found.areas.all()
    ]  # fmt: skip
    return {**_plan_out(request, found, measures), "areas": areas}


@router.get("/steering/plans/{plan_id}/measures/{measure_id}", response={200: MeasureOut, **READ})
def measure(request, plan_id: Id, measure_id: Id):
    """One measure with its status, result and version."""
    return _measure_out(sel.measure_get(request.auth, plan_id, measure_id))


@router.post("/steering/plans/{plan_id}/measures/{measure_id}", response={200: MeasureOut, **WRITE})
def measure_save(request, plan_id: Id, measure_id: Id, payload: MeasureIn):
    """Set a measure's status and result, as the measure page does: the status along its
    transition table (`next_statuses`, else 409 invalid_transition); `version` is the
    measure's as read (409 stale_version if someone saved it since). Only the plan's unit
    head (403 for other readers)."""
    found = sel.measure_get(request.auth, plan_id, measure_id)
    if not sel.may_edit_plan(request.auth, found.area.plan):
        raise PermissionDenied()
    result = found.result if payload.result is None else payload.result
    saved = svc.measure_update(actor=request.auth, measure=found, status=payload.status,
                               result=result, expected_version=payload.version)  # fmt: skip
    return _measure_out(saved)
