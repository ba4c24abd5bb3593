"""A stay of at least a number of days ("opphold med varighet på minimum 3 dager")."""

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


def _describe(days: int, minimum: int, ok: bool) -> dict[str, str]:
    return join(
        say_plural(
            "The stay lasts %(count)s day; at least %(minimum)s days are required.",
            "The stay lasts %(count)s days; at least %(minimum)s days are required.",
            days,
            minimum=minimum,
        ),
        verdict(ok),
    )


def evaluate(params: Mapping[str, Any], facts: Mapping[str, Any], on_date: date) -> Finding:
    return at_least(params["fact"], params["min_days"], params["when_not_met"], facts, _describe)


KIND = CriterionKind(
    name="min_stay_days",
    evaluate=evaluate,
    params={
        "fact": Param("fact", default="stay_days", fact_type="int"),
        "min_days": Param("int", required=True),
        "when_not_met": Param("choice", default="not_met", choices=WHEN_NOT_MET),
    },
)
