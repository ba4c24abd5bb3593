"""The scorecard's pure rules (issue 9 §4, steering/scorecard.py): status by direction and the
"near" rule, trend periods, and the case figures, against hand-computed values."""

import datetime
from decimal import Decimal as D

import pytest

from omsorg.steering import scorecard as rules
from omsorg.steering.models import Kpi

SICK = rules.RULE["sick_leave_pct"]  # lower is better
EDUCATION = rules.RULE["relevant_education_pct"]  # higher is better
BUDGET = rules.RULE["budget_deviation_pct"]


def test_every_kpi_has_a_rule_and_a_label():
    assert [rule.code for rule in rules.RULES] == list(Kpi.values)


@pytest.mark.parametrize(
    ("rule", "result", "target", "status"),
    [
        # Seed 002 "Nærvær/trivsel": sick leave 10.31 against 8.5 is 1.81 over; near ends at
        # 8.5 + 5 % of 8.5 = 8.925.
        (SICK, D("10.31"), D("8.5"), rules.MISSED),
        (SICK, D("8.925"), D("8.5"), rules.NEAR),
        (SICK, D("8.93"), D("8.5"), rules.MISSED),
        (SICK, D("8.5"), D("8.5"), rules.REACHED),
        (SICK, D("6"), D("8.5"), rules.REACHED),
        # Seed 002 "Kvalitet": relevant education 73.8 against 75: 1.2 under, within 3.75.
        (EDUCATION, D("73.8"), D(75), rules.NEAR),
        (EDUCATION, D("71.25"), D(75), rules.NEAR),
        (EDUCATION, D("71.24"), D(75), rules.MISSED),
        (EDUCATION, D(80), D(75), rules.REACHED),
        # Average position size 66 against 67: 1 under, within 3.35.
        (rules.RULE["avg_position_pct"], D(66), D(67), rules.NEAR),
        # Seed 002's surveys: no survey held, no result.
        (rules.RULE["user_survey_score"], None, D("4.5"), rules.NOT_MEASURED),
        (EDUCATION, D(70), None, rules.NO_TARGET),
    ],
)
def test_status_rule(rule, result, target, status):
    assert rules.status_of(rule, result, target) == status


def test_the_targets_own_margin_overrides_the_default():
    assert rules.status_of(SICK, D("9.4"), D("8.5"), D(1)) == rules.NEAR
    assert rules.status_of(SICK, D("9.6"), D("8.5"), D(1)) == rules.MISSED


def test_budget_within_budget_is_reached_and_one_point_over_is_near():
    # Seed 002 "Kostnadskontroll": (115 874 − 113 236) / 115 874 = 2.28 % under budget.
    assert rules.budget_deviation_pct(D(115_874_000), D(113_236_000)) == D("2.28")
    row = rules.row_for(BUDGET, D("2.28"), None)
    assert (row.target, row.status) == (D(0), rules.REACHED)
    assert rules.row_for(BUDGET, D("-1"), None).status == rules.NEAR
    assert rules.row_for(BUDGET, D("-1.01"), None).status == rules.MISSED
    assert rules.budget_deviation_pct(D(0), D(5)) is None


def test_earlier_periods_of_a_year():
    assert rules.earlier_periods("2016") == ["2013", "2014", "2015"]


def test_earlier_periods_cross_the_year():
    assert rules.earlier_periods("2016-T2") == ["2015-T2", "2015-T3", "2016-T1"]
    assert rules.earlier_periods("2016-02") == ["2015-11", "2015-12", "2016-01"]
    assert rules.earlier_periods("2016-T1", 1) == ["2015-T3"]


def test_trend_change_follows_the_direction():
    assert rules.change_of(SICK, D(11), D(10)) == "better"
    assert rules.change_of(EDUCATION, D(74), D(73)) == "worse"
    assert rules.change_of(EDUCATION, D(74), D(74)) == "same"
    assert rules.change_of(EDUCATION, None, D(74)) is None
    trend = [rules.TrendPoint("2015", D("11.2"))]
    assert rules.row_for(SICK, D("10.31"), D("8.5"), trend=trend).change == "better"


def test_survey_scores_are_weighted_by_respondents():
    assert rules.weighted_score([(D(4), 10), (D(5), 30)]) == D("4.75")
    assert rules.weighted_score([]) is None


def test_median_days_from_application_to_decision():
    day = datetime.date(2024, 1, 1)
    pairs = [(day, day + datetime.timedelta(days=n)) for n in (10, 40, 20, 30)]
    assert rules.median_days(pairs) == D(25)
    assert rules.median_days([]) is None


def test_preliminary_reply_share_counts_cases_undecided_after_a_month():
    first, last = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
    received = datetime.date(2024, 3, 10)  # a month old on 10 April
    cases = [
        (received, datetime.date(2024, 4, 1), None),  # decided within the month: not counted
        (received, datetime.date(2024, 5, 1), datetime.date(2024, 4, 8)),  # replied
        (received, datetime.date(2024, 5, 1), None),  # no reply
        (received, None, datetime.date(2024, 4, 20)),  # open, replied
        (datetime.date(2023, 10, 1), None, None),  # a month old before the period
    ]
    assert rules.preliminary_reply_pct(cases, first, last) == D("66.67")
    assert rules.preliminary_reply_pct([], first, last) is None


def test_reviewed_on_time_share():
    due = datetime.date(2024, 6, 1)
    pairs = [
        (due, due),
        (due, due - datetime.timedelta(days=3)),
        (due, None),
        (due, due.replace(day=2)),
    ]
    assert rules.reviewed_on_time_pct(pairs) == D(50)
    assert rules.reviewed_on_time_pct([]) is None


def test_a_group_of_fewer_than_five_persons_is_hidden_issue9_8():
    assert [rules.is_small(n) for n in (None, 0, 1, 4, 5)] == [False, False, True, True, False]
    persons = {"sick_leave_pct": 3, "median_days_to_decision": 5, "user_survey_score": 0}
    assert rules.suppressed_kpis(persons) == {"sick_leave_pct"}
    trend = [rules.TrendPoint("2015", D("9"))]
    row = rules.row_for(SICK, D("10.31"), D("8.5"), trend=trend, suppressed=True)
    assert (row.result, row.status, row.trend[0].result) == (None, rules.SUPPRESSED, None)
