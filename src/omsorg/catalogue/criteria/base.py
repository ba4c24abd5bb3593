"""What every criterion kind shares: outcomes, findings, results and parameter checks.

A criterion kind is written once here in code and parametrised by the catalogue's YAML; it
reads typed facts and answers met / not met / needs discretion with a reason in bokmål,
nynorsk and English that carries the numbers it compared.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from omsorg.catalogue.criteria.facts import FACTS
from omsorg.catalogue.criteria.wording import LANGS, per_language, say

# A broken rule either refuses the service or caps the quantity that can be granted.
REFUSE = "refuse"
LIMIT = "limit"

# What a rule gives when it is not fulfilled: a firm rule refuses, a rule with stated
# exceptions ("unntak kan forekomme", "som hovedregel") leaves it to discretion.
WHEN_NOT_MET = ("not_met", "discretion")


class Outcome(enum.StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    DISCRETION = "discretion"


@dataclass(frozen=True)
class Finding:
    """A kind's conclusion, before the catalogue adds the criterion's code and legal basis."""

    outcome: Outcome
    reason: Mapping[str, str]
    limit: int | None = None
    missing_fact: str | None = None


@dataclass(frozen=True)
class CriterionResult:
    code: str
    outcome: Outcome
    reason: Mapping[str, str]
    legal_basis: str
    effect: str
    limit: int | None = None
    missing_fact: str | None = None
    # The rule in words as the catalogue states it: pages show this, never the code.
    text: Mapping[str, str] = field(default_factory=dict)
    duty: bool = False  # a duty of the applicant: at most discretion, never a refusal

    def to_dict(self, lang: str = "nb") -> dict[str, Any]:
        return {
            "code": self.code,
            "text": self.text.get(lang) or self.text.get("nb") or self.code,
            "result": self.outcome.value,
            "reason": self.reason.get(lang, self.reason["nb"]),
            "legal_basis": self.legal_basis,
            "effect": self.effect,
            "limit": self.limit,
            "missing_fact": self.missing_fact,
            "duty": self.duty,
        }


class ParamError(ValueError):
    """A criterion's parameters are wrong; `param` names the offending parameter."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


@dataclass(frozen=True)
class Param:
    """One parameter of a kind. `type` is int, choice, fact (one fact key) or facts (a list)."""

    type: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    fact_type: str | None = None  # for fact/facts: the type the named fact must have


Evaluator = Callable[[Mapping[str, Any], Mapping[str, Any], date], Finding]


@dataclass(frozen=True)
class CriterionKind:
    name: str
    evaluate: Evaluator
    params: Mapping[str, Param] = field(default_factory=dict)
    effect: str = REFUSE
    # Checks across parameters (e.g. "at least one bound"); raises ParamError.
    check: Callable[[Mapping[str, Any]], None] | None = None
    # Facts the kind reads besides those its parameters name (age reads the birth date).
    reads: tuple[str, ...] = ()

    def facts_read(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        """Every fact this criterion can look at, so a form asks for those and no others."""
        keys = list(self.reads)
        for name, spec in self.params.items():
            value = params.get(name)
            if spec.type == "fact" and value:
                keys.append(value)
            elif spec.type == "facts" and value:
                keys.extend(value)
        return tuple(dict.fromkeys(keys))

    def validate(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Return the parameters with defaults filled in, or raise ParamError."""
        if not isinstance(raw, Mapping):
            raise ParamError("params", "must be a mapping")
        unknown = sorted(set(raw) - set(self.params))
        if unknown:
            raise ParamError(unknown[0], f"unknown parameter for kind {self.name!r}")
        clean = {}
        for name, spec in self.params.items():
            value = raw.get(name, spec.default)
            if value is None:
                if spec.required:
                    raise ParamError(name, "is required")
                clean[name] = None
                continue
            clean[name] = _check_param(name, spec, value)
        if self.check is not None:
            self.check(clean)
        return clean


def _check_param(name: str, spec: Param, value: Any) -> Any:
    if spec.type == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ParamError(name, "must be a whole number, 0 or more")
        return value
    if spec.type == "choice":
        if value not in spec.choices:
            raise ParamError(name, f"must be one of {', '.join(spec.choices)}")
        return value
    if spec.type == "fact":
        return _check_fact_key(name, spec, value)
    if spec.type == "facts":
        if not isinstance(value, list | tuple) or not value:
            raise ParamError(name, "must be a non-empty list of fact keys")
        return [_check_fact_key(f"{name}[{i}]", spec, key) for i, key in enumerate(value)]
    raise ParamError(name, f"unknown parameter type {spec.type!r}")  # a bug in a kind


def _check_fact_key(name: str, spec: Param, key: Any) -> str:
    if not isinstance(key, str) or key not in FACTS:
        raise ParamError(name, f"unknown fact {key!r}")
    if spec.fact_type and FACTS[key].type not in spec.fact_type.split("|"):
        raise ParamError(name, f"fact {key!r} is {FACTS[key].type}, needs {spec.fact_type}")
    return key


def verdict(ok: bool) -> dict[str, str]:
    """The closing word of a reason: met or not met, in each language."""
    return say("Met.") if ok else say("Not met.")


def number(value: float | int, lang: str) -> str:
    """27.5 as "27,5" in Norwegian; whole numbers without decimals."""
    if float(value).is_integer():
        return str(int(value))
    shown = f"{value:g}"
    return shown if lang == "en" else shown.replace(".", ",")


def numbers(value: float | int) -> dict[str, str]:
    """`value` as each language writes it, for a message's placeholder."""
    return per_language(lambda lang: number(value, lang))


def day(value: date, lang: str) -> str:
    """dd.mm.åååå in every language, English included, as the pages write dates (pure code
    here has no Django locale, so the one format is written out)."""
    return value.strftime("%d.%m.%Y")


def label(key: str) -> Mapping[str, str]:
    """A fact's label in each language, as the assessment form shows it."""
    return FACTS[key].description


def missing(key: str) -> Finding:
    """A fact the rule needs is not given: the caseworker must find it out or judge.

    The reason names the fact by its label; `missing_fact` keeps the key for programs.
    """
    return Finding(
        Outcome.DISCRETION,
        say("Missing fact: '%(fact)s'. Needs discretion.", fact=label(key)),
        missing_fact=key,
    )


def exception_note(outcome: Outcome) -> dict[str, str]:
    """The sentence added when a rule with stated exceptions is not fulfilled."""
    if outcome is not Outcome.DISCRETION:
        return dict.fromkeys(LANGS, "")
    return say("The rule has exceptions; assess at discretion.")


def duty_note(reason: Mapping[str, str]) -> dict[str, str]:
    """The reason of an unfulfilled duty: it says why it does not refuse (seed 004 §1.7)."""
    rule = exception_note(Outcome.DISCRETION)
    note = say(
        "This is the applicant's duty, not a condition of the service: it does not refuse, "
        "but the municipality assesses whether the service can be arranged in time."
    )
    return join({lang: reason[lang].replace(rule[lang], "").rstrip() for lang in LANGS}, note)


def join(*parts: Mapping[str, str]) -> dict[str, str]:
    """Sentences after one another, one space apart; an empty part adds nothing."""
    return {lang: " ".join(part[lang] for part in parts if part[lang]) for lang in LANGS}


def at_least(
    key: str, minimum: int, when_not_met: str, facts: Mapping[str, Any], describe: Callable
) -> Finding:
    """Shared by the "at least N" kinds: `describe(value, minimum, ok)` gives the sentences."""
    value = facts.get(key)
    if value is None:
        return missing(key)
    ok = value >= minimum
    outcome = Outcome.MET if ok else Outcome(when_not_met)
    return Finding(outcome, join(describe(value, minimum, ok), exception_note(outcome)))
