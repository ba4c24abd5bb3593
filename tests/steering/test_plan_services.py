"""A measure's life cycle and a unit's monthly report (issue 9 §5): one transition table, the
version seen or a refusal, the unit head edits, each unit's leader reports for that unit."""

import datetime

import pytest

from omsorg.core.errors import InvalidInput, InvalidTransition, PermissionDenied, StaleVersion
from omsorg.core.models import CaseEvent
from omsorg.steering.plan_models import Measure, PlanReport, PlanReportLine
from omsorg.steering.plan_selectors import plan_measures
from omsorg.steering.plan_services import (
    LineInput,
    PlanRefused,
    measure_set_status,
    measure_update,
    plan_import,
    plan_report_submit,
)
from tests.steering.plan_fixtures import PLAN_YAML, heads, plan, tree, year  # noqa: F401

pytestmark = pytest.mark.django_db
S = Measure.Status


def _measure(plan) -> Measure:  # noqa: F811
    return plan_measures(plan)[0]


def test_allowed_moves_and_a_refused_one(plan, heads):  # noqa: F811
    measure, head = _measure(plan), heads["TT"]
    measure_set_status(actor=head, measure=measure, status=S.IN_PROGRESS, expected_version=1)
    measure_set_status(actor=head, measure=measure, status=S.DELAYED, expected_version=2)
    measure_set_status(actor=head, measure=measure, status=S.DONE, expected_version=3,
                       result="Turnus i bruk")  # fmt: skip
    measure.refresh_from_db()
    assert (measure.status, measure.result, measure.version) == (S.DONE, "Turnus i bruk", 4)
    with pytest.raises(InvalidTransition):  # done → delayed is not in the table
        measure_set_status(actor=head, measure=measure, status=S.DELAYED, expected_version=4)
    kinds = list(CaseEvent.objects.filter(subject_type="steering.measure")
                 .order_by("id").values_list("kind", flat=True))  # fmt: skip
    assert kinds == ["measure_in_progress", "measure_delayed", "measure_done"]


def test_every_status_has_a_way_on():
    assert set(Measure.TRANSITIONS) == set(S.values)
    assert all(Measure.TRANSITIONS[status] for status in S.values)


def test_an_edit_on_an_old_version_is_refused(plan, heads):  # noqa: F811
    measure, head = _measure(plan), heads["TT"]
    measure_update(actor=head, measure=measure, expected_version=1, status=S.PLANNED,
                   result="Første")  # fmt: skip
    stale = Measure.objects.get(pk=measure.pk)
    stale.version = 1
    with pytest.raises(StaleVersion):
        measure_update(actor=head, measure=stale, expected_version=1, status=S.IN_PROGRESS,
                       result="Andre")  # fmt: skip
    measure.refresh_from_db()
    assert (measure.result, measure.status, measure.version) == ("Første", S.PLANNED, 2)


@pytest.mark.parametrize("who", ["TT-KON", "KON-BOF", "management"])
def test_only_the_plans_unit_head_edits_measures(plan, heads, who):  # noqa: F811
    with pytest.raises(PermissionDenied):
        measure_update(actor=heads[who], measure=_measure(plan), expected_version=1,
                       status=S.IN_PROGRESS, result="")  # fmt: skip


def test_a_department_head_cannot_import_a_plan_for_the_unit_above(tree, heads, year):  # noqa: F811
    with pytest.raises(PermissionDenied):
        plan_import(actor=heads["TT-KON"], unit=tree["TT"],
                    content=PLAN_YAML.format(year=year).encode())  # fmt: skip
    assert (
        plan_import(
            actor=heads["TT"], unit=tree["TT-KON"], content=PLAN_YAML.format(year=year).encode()
        ).unit
        == tree["TT-KON"]
    )


def _lines(plan, status=PlanReportLine.Status.ON_TRACK):  # noqa: F811
    return {m.pk: LineInput(status, "") for m in plan_measures(plan)}


def _month(year, month=1):  # noqa: F811
    return datetime.date(year, month, 1)


def test_a_unit_leader_writes_the_units_report_and_may_correct_it(plan, heads, tree, year):  # noqa: F811
    today = datetime.date(year, 3, 2)
    report = plan_report_submit(
        actor=heads["TT-KON"], plan=plan, unit=tree["TT-KON"], month=_month(year),
        comment="Alt etter plan", lines=_lines(plan), expected_version=None, today=today,
    )  # fmt: skip
    assert report.lines.count() == 2 and report.submitted_by == heads["TT-KON"]
    plan_report_submit(
        actor=heads["TT-KON"], plan=plan, unit=tree["TT-KON"], month=_month(year),
        comment="Rettet", lines=_lines(plan, "behind"), expected_version=1, today=today,
    )  # fmt: skip
    report.refresh_from_db()
    assert (report.comment, report.version) == ("Rettet", 2)
    assert set(report.lines.values_list("status", flat=True)) == {"behind"}
    with pytest.raises(StaleVersion):
        plan_report_submit(
            actor=heads["TT-KON"], plan=plan, unit=tree["TT-KON"], month=_month(year),
            comment="Gammel", lines=_lines(plan), expected_version=1, today=today,
        )  # fmt: skip


def test_report_refusals(plan, heads, tree, year):  # noqa: F811
    today = datetime.date(year, 3, 2)
    submit = dict(plan=plan, month=_month(year), comment="", expected_version=None, today=today)
    with pytest.raises(PermissionDenied):  # another unit's report
        plan_report_submit(actor=heads["TT-LEI"], unit=tree["TT-KON"], lines=_lines(plan), **submit)
    with pytest.raises(InvalidInput):  # the plan's own unit reports each tertial, not monthly
        plan_report_submit(actor=heads["TT"], unit=tree["TT"], lines=_lines(plan), **submit)
    lines = _lines(plan)
    lines.popitem()
    with pytest.raises(InvalidInput):  # a status for every measure
        plan_report_submit(actor=heads["TT-KON"], unit=tree["TT-KON"], lines=lines, **submit)
    submit["month"] = _month(year, 4)
    with pytest.raises(InvalidInput):  # a month that has not begun
        plan_report_submit(actor=heads["TT-KON"], unit=tree["TT-KON"], lines=_lines(plan),
                           **submit)  # fmt: skip
    assert not PlanReport.objects.exists()


def test_plan_refused_is_an_error_with_problems():
    assert PlanRefused([]).code == "plan_refused"
