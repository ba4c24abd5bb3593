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
from omsorg.catalogue.criteria.wording import LANGS, say


def _labels(label: str, statements: Mapping[str, str]) -> dict[str, str]:
    if label == "met":
        return say("Met: %(statements)s.", statements=statements)
    if label == "not_met":
        return say("Not met: %(statements)s.", statements=statements)
    if label == "clear":
        return say("No bar, because this is not the case: %(statements)s.", statements=statements)
    return say("Bars the service: %(statements)s.", statements=statements)


def _keys(params: Mapping[str, Any]) -> list[str]:
    return [params["fact"]] if params["fact"] else list(params["any_of"])


def _quoted(keys: list[str]) -> dict[str, str]:
    """The facts' statements, quoted: under "clear" they are what is NOT the case, and unquoted
    they would read as if they were."""
    return {lang: "; ".join(f"«{FACTS[key].description[lang]}»" for key in keys) for lang in LANGS}


def _say(label: str, keys: list[str]) -> dict[str, str]:
    """E.g. "Ikke oppfylt: «Omsorgsbyrden er særlig tyngende»; «Barnet trenger overvåking …»"."""
    return _labels(label, _quoted(keys))


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
        return Finding(
            Outcome.MET,
            say(
                "Bars the service: %(statements)s, but the exception applies: %(exception)s.",
                statements=_quoted(holding),
                exception=FACTS[unless].description,
            ),
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
