"""A quantity level, e.g. 10 hours per month or 2 weekends per month, of one of two bindings.

- `binding: guideline` (the default): a municipality's guideline ("inntil 10 timer pr. mnd.").
  It guides, it does not cap: the need is assessed individually (hol § 3-1; pbrl § 2-1 a, now
  § 2-1), and a guideline cannot fetter that discretion. A request above the level therefore
  gives discretion, not a partial grant, and the decision may exceed the level with a written
  justification.
- `binding: law`: a limit set by law or regulation. A request above it is not refused either:
  the service can be partly granted up to the limit (effect "limit"), and no decision exceeds it.

A limit in a municipal catalogue is a guideline unless it says otherwise, because only law can
cap a right; an old catalogue version without `binding` is read the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from omsorg.catalogue.criteria.base import (
    LIMIT,
    CriterionKind,
    Finding,
    Outcome,
    Param,
    join,
    missing,
    numbers,
)
from omsorg.catalogue.criteria.wording import say, say_plural

GUIDELINE, LAW = "guideline", "law"
BINDINGS = (GUIDELINE, LAW)

UNITS = ("hours", "nights", "days", "weekends", "visits", "meals")
PERIODS = ("week", "month", "year", "stay")


def _unit_amount(unit: str, quantity: float) -> dict[str, str]:
    """ "12 timer", "1 natt", "2,5 timer": the form follows the number."""
    form = 1 if quantity == 1 else 2
    count = numbers(quantity)
    if unit == "hours":
        return say_plural("%(count)s hour", "%(count)s hours", form, count=count)
    if unit == "nights":
        return say_plural("%(count)s night", "%(count)s nights", form, count=count)
    if unit == "days":
        return say_plural("%(count)s day", "%(count)s days", form, count=count)
    if unit == "weekends":
        return say_plural("%(count)s weekend", "%(count)s weekends", form, count=count)
    if unit == "visits":
        return say_plural("%(count)s visit", "%(count)s visits", form, count=count)
    return say_plural("%(count)s meal", "%(count)s meals", form, count=count)


def _amount(params: Mapping[str, Any], quantity: float) -> dict[str, str]:
    """ "12 timer per måned"."""
    amount = _unit_amount(params["unit"], quantity)
    period = params["period"]
    if period == "week":
        return say("%(amount)s per week", amount=amount)
    if period == "month":
        return say("%(amount)s per month", amount=amount)
    if period == "year":
        return say("%(amount)s per year", amount=amount)
    return say("%(amount)s per stay", amount=amount)


def _sentences(params: Mapping[str, Any], requested: float) -> dict[str, dict[str, str]]:
    values = {"applied": _amount(params, requested), "most": params["max"]}
    if params["binding"] == LAW:
        return {
            "within": say("Applied for %(applied)s, within the limit of %(most)s.", **values),
            "above": say("Applied for %(applied)s, above the limit of %(most)s.", **values),
        }
    return {
        "within": say(
            "Applied for %(applied)s, within the guideline's level of %(most)s.", **values
        ),
        "above": say("Applied for %(applied)s, above the guideline's level of %(most)s.", **values),
    }


def _after(params: Mapping[str, Any]) -> dict[str, str]:
    """What the caseworker may do above the level: up to a legal limit, or judge the need."""
    most = _amount(params, params["max"])
    if params["binding"] == LAW:
        return say("Up to %(most)s can be granted.", most=most)
    return say(
        "The guideline guides but cannot bind the individual assessment: the scope follows the "
        "need, and more than %(most)s needs a written justification.",
        most=most,
    )


def evaluate(params: Mapping[str, Any], facts: Mapping[str, Any], on_date: date) -> Finding:
    key, most = params["fact"], params["max"]
    law = params["binding"] == LAW
    cap = most if law else None
    requested = facts.get(key)
    if requested is None:
        found = missing(key)
        return Finding(found.outcome, join(found.reason, _after(params)), cap, key)
    said = _sentences(params, requested)
    if requested <= most:
        return Finding(Outcome.MET, said["within"], limit=cap)
    outcome = Outcome.NOT_MET if law else Outcome.DISCRETION
    return Finding(outcome, join(said["above"], _after(params)), limit=cap)


KIND = CriterionKind(
    name="quantity_limit",
    evaluate=evaluate,
    effect=LIMIT,
    params={
        "fact": Param("fact", required=True, fact_type="number|int"),
        "max": Param("int", required=True),
        "unit": Param("choice", required=True, choices=UNITS),
        "period": Param("choice", required=True, choices=PERIODS),
        "binding": Param("choice", default="guideline", choices=BINDINGS),
    },
)
