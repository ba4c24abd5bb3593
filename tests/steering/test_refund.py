"""The high-cost services refund (ressurskrevende tjenester, issue 9 §7; DOMAIN.md "Legal
facts"): 80 % of a recipient's direct wage cost above the year's threshold (NOK 1 430 000 in
2021; 1 608 000 proposed for 2024), recipients of 67 or over excluded; thresholds and rates are
data by year."""

import datetime
from decimal import Decimal

import pytest

from omsorg.steering.refund import (
    NoRefundRule,
    RecipientCost,
    is_eligible,
    refund_of,
    refund_rule,
    refund_summary,
)


@pytest.mark.parametrize(
    ("year", "threshold", "rate"),
    [(2021, 1_430_000, "0.80"), (2024, 1_608_000, "0.80"), (2009, 835_000, "0.85")],
)
def test_threshold_and_rate_are_the_years_own(year, threshold, rate):
    rule = refund_rule(year)
    assert (rule.threshold_nok, rule.rate) == (Decimal(threshold), Decimal(rate))


def test_a_year_without_known_figures_is_refused_not_guessed():
    with pytest.raises(NoRefundRule):
        refund_rule(2019)


def test_rate_of_the_cost_above_the_threshold_2021():
    rule = refund_rule(2021)
    assert refund_of(Decimal(2_430_000), rule) == Decimal("800000.00")  # 80 % of 1 000 000
    assert refund_of(Decimal(1_430_000), rule) == 0  # at the threshold: nothing
    assert refund_of(Decimal(900_000), rule) == 0


def test_the_same_cost_gives_less_in_2024_when_the_threshold_is_higher():
    cost = Decimal(2_000_000)
    # (2 000 000 − 1 430 000) × 0.8 and (2 000 000 − 1 608 000) × 0.8
    assert refund_of(cost, refund_rule(2021)) == Decimal("456000.00")
    assert refund_of(cost, refund_rule(2024)) == Decimal("313600.00")


def test_under_67_only_counting_the_age_reached_in_the_year():
    rule = refund_rule(2024)
    assert is_eligible(datetime.date(2024 - 66, 12, 31), rule)  # turns 66 in the year
    assert not is_eligible(datetime.date(2024 - 67, 12, 31), rule)  # turns 67 in the year
    assert not is_eligible(datetime.date(1930, 1, 1), rule)


def test_summary_counts_the_eligible_and_those_excluded_by_age():
    rule = refund_rule(2021)
    young, old = datetime.date(1990, 5, 1), datetime.date(1950, 5, 1)
    summary = refund_summary(
        [
            RecipientCost(1, young, Decimal(2_430_000)),
            RecipientCost(2, young, Decimal(1_000_000)),  # below the threshold
            RecipientCost(3, old, Decimal(3_000_000)),  # 71 in 2021: no refund
        ],
        rule,
    )
    assert (summary.recipients, summary.above_threshold, summary.excluded_by_age) == (3, 1, 1)
    assert summary.cost_above_threshold == Decimal(1_000_000)
    assert summary.refund_nok == Decimal("800000.00")
