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
    texts,
    verdict,
)


def _describe(months: int, minimum: int, ok: bool) -> dict[str, str]:
    said = verdict(ok)
    return texts(
        f"Behovet ventes å vare {months} måneder; kravet er minst {minimum}. {said['nb']}",
        f"Behovet er venta å vare {months} månader; kravet er minst {minimum}. {said['nn']}",
        f"The need is expected to last {months} months; at least {minimum} are required. "
        f"{said['en']}",
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
