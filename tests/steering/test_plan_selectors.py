"""Monthly reports roll up team → department → unit, and the reports due and missing reach the
leaders (seed 001 "Tidsplan virksomhetsrapportering"; issue 9 §5); the tertial report's
measures (`plan_measures_for`, §6)."""

import datetime

import pytest

from omsorg.core.errors import NotFound
from omsorg.steering.periods import parse_period
from omsorg.steering.plan_models import PlanReportLine
from omsorg.steering.plan_selectors import (
    REPORT_DUE_DAY,
    plan_measures,
    plan_measures_for,
    plan_unit_get,
    plans_for,
    report_rollup,
    report_tasks_for,
    unit_tree,
)
from omsorg.steering.plan_services import LineInput, plan_report_submit
from tests.steering.plan_fixtures import heads, plan, tree, year  # noqa: F401

pytestmark = pytest.mark.django_db
R = PlanReportLine.Status


def _submit(plan, heads, tree, code, month, status, today):  # noqa: F811
    lines = {m.pk: LineInput(status) for m in plan_measures(plan)}
    return plan_report_submit(actor=heads[code], plan=plan, unit=tree[code], month=month,
                              comment=code, lines=lines, expected_version=None,
                              today=today)  # fmt: skip


def test_rollup_shows_each_unit_below_and_counts_statuses(plan, heads, tree, year):  # noqa: F811
    january, today = datetime.date(year, 1, 1), datetime.date(year, 2, 10)
    _submit(plan, heads, tree, "KON-BOF", january, R.BEHIND, today)
    _submit(plan, heads, tree, "TT-KON", january, R.ON_TRACK, today)
    top = report_rollup(plan, tree["TT"].pk, january, unit_tree(tree["TT"]))
    assert [(c.unit.code, c.depth, c.submitted) for c in top.children] == [
        ("TT-KON", 1, True), ("KON-BOF", 2, True), ("TT-LEI", 1, False)]  # fmt: skip
    assert [c.unit.code for c in top.missing] == ["TT-LEI"]
    measure = plan_measures(plan)[0]
    assert top.by_measure[measure.pk] == {R.BEHIND: 1, R.ON_TRACK: 1}
    department = report_rollup(plan, tree["TT-KON"].pk, january, unit_tree(tree["TT"]))
    assert [c.unit.code for c in department.children] == ["KON-BOF"]
    assert department.by_measure[measure.pk] == {R.BEHIND: 1}


def test_due_and_missing_reports_reach_the_leaders(plan, heads, tree, year):  # noqa: F811
    """January's report is due on the 5th of February: before that it is due, after it
    missing (overdue); the unit's leader owes it, the leaders above follow it up."""
    due = datetime.date(year, 2, REPORT_DUE_DAY)
    early = report_tasks_for(heads["TT-KON"], due - datetime.timedelta(days=1))
    assert [(t.unit.code, t.own, t.overdue) for t in early] == [
        ("TT-KON", True, False), ("KON-BOF", False, False)]  # fmt: skip
    late = report_tasks_for(heads["TT"], due + datetime.timedelta(days=1))
    assert {(t.unit.code, t.overdue) for t in late} == {
        ("TT-KON", True), ("KON-BOF", True), ("TT-LEI", True)}  # fmt: skip
    _submit(plan, heads, tree, "TT-KON", datetime.date(year, 1, 1), R.ON_TRACK, due)
    after = report_tasks_for(heads["TT-KON"], due + datetime.timedelta(days=1))
    assert [t.unit.code for t in after] == ["KON-BOF"]
    assert report_tasks_for(heads["management"], due) == []
    assert report_tasks_for(heads["TT"], datetime.date(year, 1, 31)) == []  # nothing owed yet


def test_who_reads_which_plan_and_report(plan, heads, tree):  # noqa: F811
    for who in ("TT", "TT-KON", "KON-BOF", "management"):
        assert plans_for(heads[who]) == [plan]
    with pytest.raises(NotFound):  # a team lead does not read its department's report
        plan_unit_get(heads["KON-BOF"], plan, tree["TT-KON"].pk)
    with pytest.raises(NotFound):  # nor a sibling department's
        plan_unit_get(heads["TT-LEI"], plan, tree["TT-KON"].pk)
    assert plan_unit_get(heads["TT-KON"], plan, tree["KON-BOF"].pk)[0] == tree["KON-BOF"]
    assert plan_unit_get(heads["management"], plan, tree["KON-BOF"].pk)[0] == tree["KON-BOF"]


def test_plan_measures_for_a_tertial(plan, heads, tree, year):  # noqa: F811
    _submit(plan, heads, tree, "TT-KON", datetime.date(year, 2, 1), R.AT_RISK,
            datetime.date(year, 3, 1))  # fmt: skip
    rows = plan_measures_for(tree["KON-BOF"], parse_period(f"{year}-T1"))
    assert [r.goal_label for r in rows] == ["TT. mål 5.2", ""]
    assert rows[0].report_statuses == {R.AT_RISK: 1}
    assert plan_measures_for(tree["TT"], parse_period(f"{year}-T2"))[0].report_statuses == {}
    assert plan_measures_for(tree["TT"], parse_period(f"{year + 1}")) == []
