"""A need that must last at least a number of months ("langvarig behov ... minimum 2 år")."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from omsorg.catalogue.criteria.base import (
    WHEN_NOT_MET,
    CriterionKind,
    Finding,
    Param,
    at_least,
    join,
    verdict,
)
from omsorg.catalogue.criteria.wording import say_plural


def _describe(months: int, minimum: int, ok: bool) -> dict[str, str]:
    return join(
        say_plural(
            "The need is expected to last %(count)s month; at least %(minimum)s are required.",
            "The need is expected to last %(count)s months; at least %(minimum)s are required.",
            months,
            minimum=minimum,
        ),
        verdict(ok),
    )


def evaluate(params: Mapping[str, Any], facts: Mapping[str, Any], on_date: date) -> Finding:
    return at_least(params["fact"], params["min_months"], params["when_not_met"], facts, _describe)


KIND = CriterionKind(
    name="min_duration_months",
    evaluate=evaluate,
    params={
        "fact": Param("fact", default="need_duration_months", fact_type="int"),
        "min_months": Param("int", required=True),
        "when_not_met": Param("choice", default="not_met", choices=WHEN_NOT_MET),
    },
)
