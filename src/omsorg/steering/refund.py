"""The state refund for high-cost recipients (toppfinansieringsordningen for ressurskrevende
tjenester), per recipient and year (issue 9 §7).

The rule (DOMAIN.md "Legal facts"): the municipality is refunded the compensation rate (80 %)
of a recipient's direct wage costs above the year's threshold (innslagspunkt); recipients aged
67 or over are excluded. Threshold and rate change every year with the state budget, so both
are dated data in a table by year, with where each figure comes from, never a constant. A year
missing from the table is refused: a refund is never computed on a guessed threshold.

Age: the rule says "under 67". We count the age the recipient reaches during the year (the
year minus the birth year), so a recipient who turns 67 during the year is out for that year;
Helsedirektoratet's circular for the year is the authority and the age limit is data here too.

Pure: no Django.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


class NoRefundRule(LookupError):
    """No threshold and rate are known for the year."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year


@dataclass(frozen=True)
class RefundRule:
    year: int
    threshold_nok: Decimal  # innslagspunkt per recipient and year
    rate: Decimal  # kompensasjonsgrad, a fraction (0.80)
    age_limit: int  # recipients who reach this age in the year are excluded
    source: str

    @property
    def rate_percent(self) -> Decimal:
        return self.rate * 100


# The years whose figures are known here, with their source. Add a year when the state budget
# (or Helsedirektoratet's circular) for it is out.
REFUND_RULES: dict[int, RefundRule] = {
    rule.year: rule
    for rule in (
        RefundRule(2009, Decimal(835_000), Decimal("0.85"), 67, "Statsbudsjettet 2010 (85 %)"),
        RefundRule(2016, Decimal(1_081_000), Decimal("0.80"), 67, "Statsbudsjettet 2017"),
        RefundRule(2017, Decimal(1_157_000), Decimal("0.80"), 67, "Statsbudsjettet 2017"),
        RefundRule(2021, Decimal(1_430_000), Decimal("0.80"), 67, "DOMAIN.md, legal facts"),
        RefundRule(
            2024, Decimal(1_608_000), Decimal("0.80"), 67, "DOMAIN.md, legal facts (proposed)"
        ),
    )
}


def refund_rule(year: int, rules: dict[int, RefundRule] = REFUND_RULES) -> RefundRule:
    found = rules.get(year)
    if found is None:
        raise NoRefundRule(year)
    return found


def age_in_year(birth_date: datetime.date, year: int) -> int:
    """The age the person reaches during the year."""
    return year - birth_date.year


def is_eligible(birth_date: datetime.date, rule: RefundRule) -> bool:
    """Under the age limit for the whole year (DOMAIN.md: recipients over 67 excluded)."""
    return age_in_year(birth_date, rule.year) < rule.age_limit


def refund_of(wage_cost: Decimal, rule: RefundRule) -> Decimal:
    """The rate of the direct wage cost above the threshold; 0 at or below it."""
    above = Decimal(wage_cost) - rule.threshold_nok
    if above <= 0:
        return Decimal(0)
    return (above * rule.rate).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class RecipientCost:
    """One recipient's direct wage cost in the year; `key` is an opaque number, never a name."""

    key: int
    birth_date: datetime.date
    wage_cost: Decimal


@dataclass(frozen=True)
class RefundSummary:
    rule: RefundRule
    recipients: int  # recipients with any cost in the year
    above_threshold: int  # eligible recipients whose cost is above the threshold
    excluded_by_age: int  # recipients above the threshold who are too old for the refund
    cost_above_threshold: Decimal  # of the eligible recipients
    refund_nok: Decimal


def refund_summary(costs: Iterable[RecipientCost], rule: RefundRule) -> RefundSummary:
    recipients = above = too_old = 0
    cost_above = refund = Decimal(0)
    for one in costs:
        recipients += 1
        if one.wage_cost <= rule.threshold_nok:
            continue
        if not is_eligible(one.birth_date, rule):
            too_old += 1
            continue
        above += 1
        cost_above += one.wage_cost - rule.threshold_nok
        refund += refund_of(one.wage_cost, rule)
    return RefundSummary(rule, recipients, above, too_old, cost_above, refund)
