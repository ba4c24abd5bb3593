"""An upper limit on the quantity granted, e.g. 10 hours per month or 2 weekends per month.

A request above the limit is not refused: the service can be partly granted up to the limit,
so the kind's effect is "limit" and the result carries the most that can be granted.
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
    number,
    texts,
)

UNITS = {
    "hours": ("timer", "timar", "hours"),
    "nights": ("netter", "netter", "nights"),
    "days": ("dager", "dagar", "days"),
    "weekends": ("helger", "helgar", "weekends"),
    "visits": ("besøk", "besøk", "visits"),
    "meals": ("måltider", "måltid", "meals"),
}
PERIODS = {
    "week": ("uke", "veke", "week"),
    "month": ("måned", "månad", "month"),
    "year": ("år", "år", "year"),
    "stay": ("opphold", "opphald", "stay"),
}


def _words(params: Mapping[str, Any]) -> dict[str, str]:
    unit, period = UNITS[params["unit"]], PERIODS[params["period"]]
    return {lang: f"{unit[i]} per {period[i]}" for i, lang in enumerate(("nb", "nn", "en"))}


def evaluate(params: Mapping[str, Any], facts: Mapping[str, Any], on_date: date) -> Finding:
    key, most = params["fact"], params["max"]
    w = _words(params)
    limit_text = texts(
        f" Inntil {most} {w['nb']} kan innvilges.",
        f" Inntil {most} {w['nn']} kan innvilgast.",
        f" Up to {most} {w['en']} can be granted.",
    )
    requested = facts.get(key)
    if requested is None:
        found = missing(key)
        return Finding(found.outcome, join(found.reason, limit_text), most, key)
    q = {lang: number(requested, lang) for lang in ("nb", "nn", "en")}
    if requested <= most:
        return Finding(
            Outcome.MET,
            texts(
                f"Søkt om {q['nb']} {w['nb']}, innenfor grensen på {most}.",
                f"Søkt om {q['nn']} {w['nn']}, innanfor grensa på {most}.",
                f"Applied for {q['en']} {w['en']}, within the limit of {most}.",
            ),
            limit=most,
        )
    return Finding(
        Outcome.NOT_MET,
        join(
            texts(
                f"Søkt om {q['nb']} {w['nb']}, over grensen på {most}.",
                f"Søkt om {q['nn']} {w['nn']}, over grensa på {most}.",
                f"Applied for {q['en']} {w['en']}, above the limit of {most}.",
            ),
            limit_text,
        ),
        limit=most,
    )


KIND = CriterionKind(
    name="quantity_limit",
    evaluate=evaluate,
    effect=LIMIT,
    params={
        "fact": Param("fact", required=True, fact_type="number|int"),
        "max": Param("int", required=True),
        "unit": Param("choice", required=True, choices=tuple(UNITS)),
        "period": Param("choice", required=True, choices=tuple(PERIODS)),
    },
)
