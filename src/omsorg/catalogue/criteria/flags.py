"""Yes/no facts that a service requires, or that bar it.

`requires`: met when the fact (or any of several) holds. `excludes`: not met when the fact
(or any of several) holds, unless an exception fact holds. `when_not_met` makes a main rule
("som hovedregel") give discretion instead of a refusal.
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
    exception_note,
    join,
    missing,
)
from omsorg.catalogue.criteria.facts import FACTS

LABELS = {
    "met": ("Oppfylt", "Oppfylt", "Met"),
    "not_met": ("Ikke oppfylt", "Ikkje oppfylt", "Not met"),
    "clear": (
        "Ikke til hinder, fordi dette ikke er tilfellet",
        "Ikkje til hinder, fordi dette ikkje er tilfellet",
        "No bar, because this is not the case",
    ),
    "bars": ("Til hinder", "Til hinder", "Bars the service"),
    "unless": ("men unntaket gjelder", "men unntaket gjeld", "but the exception applies"),
}


def _keys(params: Mapping[str, Any]) -> list[str]:
    return [params["fact"]] if params["fact"] else list(params["any_of"])


def _say(label: str, keys: list[str]) -> dict[str, str]:
    """E.g. "Ikke oppfylt: «Omsorgsbyrden er særlig tyngende»; «Barnet trenger overvåking …»".

    The statements are quoted: under "clear" they are what is NOT the case, and unquoted they
    would read as if they were.
    """
    out = {}
    for i, lang in enumerate(("nb", "nn", "en")):
        statements = "; ".join(f"«{FACTS[key].description[lang]}»" for key in keys)
        out[lang] = f"{LABELS[label][i]}: {statements}."
    return out


def _unknown(params: Mapping[str, Any], facts: Mapping[str, Any]) -> str | None:
    return next((key for key in _keys(params) if facts.get(key) is None), None)


def evaluate_requires(
    params: Mapping[str, Any], facts: Mapping[str, Any], on_date: date
) -> Finding:
    keys = _keys(params)
    holding = [key for key in keys if facts.get(key) is True]
    if holding:
        return Finding(Outcome.MET, _say("met", holding))
    unknown = _unknown(params, facts)
    if unknown:
        return missing(unknown)
    outcome = Outcome(params["when_not_met"])
    return Finding(outcome, join(_say("not_met", keys), exception_note(outcome)))


def evaluate_excludes(
    params: Mapping[str, Any], facts: Mapping[str, Any], on_date: date
) -> Finding:
    keys = _keys(params)
    holding = [key for key in keys if facts.get(key) is True]
    if not holding:
        unknown = _unknown(params, facts)
        return missing(unknown) if unknown else Finding(Outcome.MET, _say("clear", keys))
    unless = params["unless"]
    if unless and facts.get(unless) is None:
        return missing(unless)
    if unless and facts[unless]:
        said, label = _say("bars", holding), LABELS["unless"]
        exception = FACTS[unless].description
        return Finding(
            Outcome.MET,
            {
                lang: f"{said[lang][:-1]}, {label[i]}: {exception[lang]}."
                for i, lang in enumerate(("nb", "nn", "en"))
            },
        )
    outcome = Outcome(params["when_not_met"])
    return Finding(outcome, join(_say("bars", holding), exception_note(outcome)))


def _check(params: Mapping[str, Any]) -> None:
    if bool(params["fact"]) == bool(params["any_of"]):
        raise ParamError("fact", "give either fact or any_of")


def _params(with_unless: bool) -> dict[str, Param]:
    params = {
        "fact": Param("fact", fact_type="bool"),
        "any_of": Param("facts", fact_type="bool"),
        "when_not_met": Param("choice", default="not_met", choices=WHEN_NOT_MET),
    }
    if with_unless:
        params["unless"] = Param("fact", fact_type="bool")
    return params


REQUIRES = CriterionKind(
    name="requires", evaluate=evaluate_requires, params=_params(False), check=_check
)
EXCLUDES = CriterionKind(
    name="excludes", evaluate=evaluate_excludes, params=_params(True), check=_check
)
