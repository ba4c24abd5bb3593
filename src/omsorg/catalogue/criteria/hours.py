"""Weekly hours that decide a right in tiers, as in the BPA right (pbrl § 2-1 d):

at least `right_from` hours a week gives the right; from `consider_from` up to that gives the
right unless the municipality documents a substantially higher cost, which is a judgement;
below `consider_from` the service may be granted when more suitable (`below`).
With `deduct_fact`, those hours are taken off the need first ("BPA tildeles ikke for den tid
man er på skole", seed 004 §1.3); the reason shows both numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from omsorg.catalogue.criteria.base import (
    WHEN_NOT_MET,
    CriterionKind,
    Finding,
    Outcome,
    Param,
    ParamError,
    join,
    missing,
    numbers,
)
from omsorg.catalogue.criteria.wording import LANGS, say


def _tier_texts(hours: float, low: int, high: int) -> dict[str, dict[str, str]]:
    h = numbers(hours)
    return {
        "right": say(
            "The need is %(hours)s hours a week, at least %(high)s: a right by law.",
            hours=h,
            high=high,
        ),
        "middle": say(
            "The need is %(hours)s hours a week, between %(low)s and %(high)s: a right unless the "
            "municipality documents a substantially higher cost; needs assessment.",
            hours=h,
            low=low,
            high=high,
        ),
        "below": say(
            "The need is %(hours)s hours a week, under %(low)s: may be granted when more "
            "suitable than other services.",
            hours=h,
            low=low,
        ),
    }


def _deduction(need: float, deducted: float) -> dict[str, str]:
    """ "Behovet er 40 timer per uke; 15 timer på skolen trekkes fra." (seed 004 §1.3)."""
    return say(
        "The need is %(need)s hours a week; %(deducted)s hours at school are deducted.",
        need=numbers(need),
        deducted=numbers(deducted),
    )


def evaluate(params: Mapping[str, Any], facts: Mapping[str, Any], on_date: date) -> Finding:
    key, low, high = params["fact"], params["consider_from"], params["right_from"]
    hours = facts.get(key)
    if hours is None:
        return missing(key)
    prefix = dict.fromkeys(LANGS, "")
    deduct = params["deduct_fact"]
    if deduct:
        if facts.get(deduct) is None:
            return missing(deduct)
        prefix = _deduction(hours, facts[deduct])
        hours = max(0, hours - facts[deduct])
    sentences = {tier: join(prefix, said) for tier, said in _tier_texts(hours, low, high).items()}
    if hours >= high:
        return Finding(Outcome.MET, sentences["right"])
    if hours >= low:
        return Finding(Outcome.DISCRETION, sentences["middle"])
    return Finding(Outcome(params["below"]), sentences["below"])


def _check(params: Mapping[str, Any]) -> None:
    if params["consider_from"] > params["right_from"]:
        raise ParamError("consider_from", "must not exceed right_from")


KIND = CriterionKind(
    name="weekly_hours_right",
    evaluate=evaluate,
    params={
        "fact": Param("fact", default="hours_per_week", fact_type="number|int"),
        "right_from": Param("int", required=True),
        "consider_from": Param("int", required=True),
        "below": Param("choice", default="discretion", choices=WHEN_NOT_MET),
        # Hours that do not count towards the need, e.g. school time for BPA (seed 004 §1.3).
        "deduct_fact": Param("fact", fact_type="number|int"),
    },
    check=_check,
)
