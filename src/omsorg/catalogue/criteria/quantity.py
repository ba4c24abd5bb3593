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
    number,
    texts,
)

GUIDELINE, LAW = "guideline", "law"
BINDINGS = (GUIDELINE, LAW)

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


def _sentences(params: Mapping[str, Any], requested: float) -> dict[str, dict[str, str]]:
    most, w = params["max"], _words(params)
    q = {lang: number(requested, lang) for lang in ("nb", "nn", "en")}
    if params["binding"] == "law":
        level = {"nb": "grensen", "nn": "grensa", "en": "the limit"}
    else:
        level = {
            "nb": "retningslinjens nivå",
            "nn": "nivået i retningslinja",
            "en": "the guideline's level",
        }
    return {
        "within": texts(
            f"Søkt om {q['nb']} {w['nb']}, innenfor {level['nb']} på {most}.",
            f"Søkt om {q['nn']} {w['nn']}, innanfor {level['nn']} på {most}.",
            f"Applied for {q['en']} {w['en']}, within {level['en']} of {most}.",
        ),
        "above": texts(
            f"Søkt om {q['nb']} {w['nb']}, over {level['nb']} på {most}.",
            f"Søkt om {q['nn']} {w['nn']}, over {level['nn']} på {most}.",
            f"Applied for {q['en']} {w['en']}, above {level['en']} of {most}.",
        ),
    }


def _after(params: Mapping[str, Any]) -> dict[str, str]:
    """What the caseworker may do above the level: up to a legal limit, or judge the need."""
    most, w = params["max"], _words(params)
    if params["binding"] == "law":
        return texts(
            f" Inntil {most} {w['nb']} kan innvilges.",
            f" Inntil {most} {w['nn']} kan innvilgast.",
            f" Up to {most} {w['en']} can be granted.",
        )
    return texts(
        f" Retningslinjen er veiledende og kan ikke binde den individuelle vurderingen: omfanget "
        f"settes etter behovet, og mer enn {most} {w['nb']} krever en skriftlig begrunnelse.",
        f" Retningslinja er rettleiande og kan ikkje binde den individuelle vurderinga: omfanget "
        f"blir sett etter behovet, og meir enn {most} {w['nn']} krev ei skriftleg grunngjeving.",
        f" The guideline guides but cannot bind the individual assessment: the scope follows the "
        f"need, and more than {most} {w['en']} needs a written justification.",
    )


def evaluate(params: Mapping[str, Any], facts: Mapping[str, Any], on_date: date) -> Finding:
    key, most = params["fact"], params["max"]
    law = params["binding"] == "law"
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
        "unit": Param("choice", required=True, choices=tuple(UNITS)),
        "period": Param("choice", required=True, choices=tuple(PERIODS)),
        "binding": Param("choice", default="guideline", choices=BINDINGS),
    },
)
