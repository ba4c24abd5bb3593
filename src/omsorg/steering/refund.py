"""The state refund for high-cost recipients (toppfinansieringsordningen for ressurskrevende
tjenester), per recipient and year (issue 9 §7).

The rule (DOMAIN.md "Legal facts"): the municipality is refunded the compensation rate (80 %)
of a recipient's direct wage costs above the year's threshold (innslagspunkt); recipients aged
67 or over are excluded. Threshold, rate and age limit change with the state budget, so they
are dated data by year in a versioned file (refund_rules.yaml, beside this module), each year
with where its figures come from; never constants in code. A year missing from the file is
refused: a refund is never computed on a guessed threshold.

Age: the rule says "under 67". We count the age the recipient reaches during the year (the
year minus the birth year), so a recipient who turns 67 during the year is out for that year;
Helsedirektoratet's circular for the year is the authority and the age limit is data here too.

Pure: no Django (the file is read with PyYAML).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from pathlib import Path

import yaml

CENT = Decimal("0.01")
RULES_FILE = Path(__file__).with_name("refund_rules.yaml")
STATUSES = frozenset({"adopted", "proposed"})


class RefundDataError(ValueError):
    """The file of thresholds and rates is not as refund_rules.yaml describes."""


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
    status: str = "adopted"  # or "proposed": the state budget is not adopted yet

    @property
    def rate_percent(self) -> Decimal:
        return self.rate * 100


def _rule(entry: object, where: str) -> RefundRule:
    if not isinstance(entry, dict):
        raise RefundDataError(f"{where}: not a mapping")
    try:
        rule = RefundRule(
            year=int(entry["year"]),
            threshold_nok=Decimal(str(entry["threshold_nok"])),
            rate=Decimal(str(entry["rate"])),
            age_limit=int(entry["age_limit"]),
            source=str(entry["source"]).strip(),
            status=str(entry.get("status", "adopted")),
        )
    except KeyError as missing:
        raise RefundDataError(f"{where}: {missing.args[0]} is missing") from None
    except (TypeError, ValueError, InvalidOperation):
        raise RefundDataError(f"{where}: a figure is not a number") from None
    if rule.threshold_nok <= 0 or rule.threshold_nok != rule.threshold_nok.to_integral_value():
        raise RefundDataError(f"{where}: the threshold must be whole kroner above 0")
    if not 0 < rule.rate <= 1:
        raise RefundDataError(f"{where}: the rate is a fraction above 0 and at most 1")
    if not rule.source or rule.status not in STATUSES:
        raise RefundDataError(f"{where}: a source and a status (adopted, proposed) are needed")
    return rule


def load_refund_rules(text: str) -> dict[int, RefundRule]:
    """The years of a refund file's text, checked; one entry a year."""
    data = yaml.safe_load(text) or {}
    entries = data.get("years") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise RefundDataError("the file must hold a list `years`")
    rules: dict[int, RefundRule] = {}
    for i, entry in enumerate(entries, start=1):
        rule = _rule(entry, f"entry {i}")
        if rule.year in rules:
            raise RefundDataError(f"entry {i}: {rule.year} is listed twice")
        rules[rule.year] = rule
    return rules


@cache
def refund_rules() -> dict[int, RefundRule]:
    """The shipped years (refund_rules.yaml), read once."""
    return load_refund_rules(RULES_FILE.read_text(encoding="utf-8"))


def refund_rule(year: int, rules: dict[int, RefundRule] | None = None) -> RefundRule:
    found = (refund_rules() if rules is None else rules).get(year)
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
