"""The high-cost services refund (ressurskrevende tjenester, issue 9 §7; DOMAIN.md "Legal
facts"): 80 % of a recipient's direct wage cost above the year's threshold (NOK 1 430 000 in
2021; 1 608 000 proposed for 2024), recipients of 67 or over excluded; thresholds and rates are
dated data by year in the versioned file steering/refund_rules.yaml, not code."""

import datetime
from decimal import Decimal

import pytest

from omsorg.steering.refund import (
    RULES_FILE,
    NoRefundRule,
    RecipientCost,
    RefundDataError,
    is_eligible,
    load_refund_rules,
    refund_of,
    refund_rule,
    refund_rules,
    refund_summary,
)


@pytest.mark.parametrize(
    ("year", "threshold", "rate", "status"),
    [(2021, 1_430_000, "0.80", "adopted"), (2024, 1_608_000, "0.80", "proposed")],
)
def test_domain_md_legal_facts_thresholds_and_rates_by_year(year, threshold, rate, status):
    """DOMAIN.md "Legal facts": NOK 1 430 000 in 2021; 1 608 000 proposed for 2024; 80 %."""
    rule = refund_rule(year)
    assert (rule.threshold_nok, rule.rate) == (Decimal(threshold), Decimal(rate))
    assert (rule.age_limit, rule.status) == (67, status)
    assert "DOMAIN.md" in rule.source


def test_the_figures_are_the_versioned_files_not_code():
    assert RULES_FILE.name == "refund_rules.yaml" and RULES_FILE.exists()
    assert refund_rules() == load_refund_rules(RULES_FILE.read_text(encoding="utf-8"))
    assert set(refund_rules()) == {2021, 2024}


YEARS = """
years:
  - {year: 2009, threshold_nok: 835000, rate: "0.85", age_limit: 67, source: "a circular"}
  - {year: 2010, threshold_nok: 865000, rate: "0.80", age_limit: 67, source: "another",
     status: proposed}
"""


def test_each_year_has_its_own_rate_and_threshold():
    rules = load_refund_rules(YEARS)
    assert refund_of(Decimal(1_835_000), refund_rule(2009, rules)) == Decimal("850000.00")
    assert refund_of(Decimal(1_865_000), refund_rule(2010, rules)) == Decimal("800000.00")
    assert refund_rule(2010, rules).status == "proposed"


@pytest.mark.parametrize(
    "text",
    [
        "years: {}",
        "years:\n  - {year: 2021, rate: '0.8', age_limit: 67, source: x}",  # no threshold
        "years:\n  - {year: 2021, threshold_nok: 0, rate: '0.8', age_limit: 67, source: x}",
        "years:\n  - {year: 2021, threshold_nok: 1.5, rate: '0.8', age_limit: 67, source: x}",
        "years:\n  - {year: 2021, threshold_nok: 1, rate: '80', age_limit: 67, source: x}",
        "years:\n  - {year: 2021, threshold_nok: 1, rate: 'x', age_limit: 67, source: x}",
        "years:\n  - {year: 2021, threshold_nok: 1, rate: '0.8', age_limit: 67, source: ''}",
        "years:\n  - {year: 2021, threshold_nok: 1, rate: '0.8', age_limit: 67, source: x,"
        " status: maybe}",
        YEARS + "  - {year: 2009, threshold_nok: 1, rate: '0.8', age_limit: 67, source: x}",
    ],
)
def test_a_bad_refund_file_is_refused(text):
    with pytest.raises(RefundDataError):
        load_refund_rules(text)


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
