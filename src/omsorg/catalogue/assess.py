"""Evaluate one service's criteria for given facts and suggest an outcome, without a database.

The suggestion is advice to the caseworker, not a decision:
- any firm rule not met (effect "refuse") suggests "refused";
- otherwise any rule needing discretion (a stated exception, a missing fact) gives "discretion";
- otherwise a quantity above a legal limit gives "partly_granted" up to the limit (a
  quantity above a guideline's level gives discretion: a guideline is not a cap);
- otherwise "granted".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from omsorg.catalogue.criteria import KINDS, LIMIT, REFUSE, CriterionResult, Outcome
from omsorg.catalogue.criteria.base import day, duty_note
from omsorg.catalogue.criteria.facts import (
    FACTS,
    AssessError,
    FactSpec,
    typed_facts,
    validate_facts,
)
from omsorg.catalogue.criteria.wording import say
from omsorg.catalogue.spec import CriterionSpec, ServiceTypeSpec, cite_in_force

GRANTED = "granted"
PARTLY_GRANTED = "partly_granted"
REFUSED = "refused"
DISCRETION = "discretion"
SUGGESTIONS = (GRANTED, PARTLY_GRANTED, REFUSED, DISCRETION)

__all__ = [
    "FACTS",
    "SUGGESTIONS",
    "AssessError",
    "Evaluation",
    "FactSpec",
    "evaluate_criterion",
    "evaluate_service",
    "facts_used",
    "suggest",
    "validate_facts",
]


@dataclass(frozen=True)
class Evaluation:
    service_code: str
    suggestion: str
    criteria: tuple[CriterionResult, ...]
    granted_limit: int | None  # the most a legal limit allows; None without one
    on_date: date | None = None
    # The guideline's level (seed 004 §1.1 "inntil 10 timer"): guides the scope, caps nothing.
    guideline_level: int | None = None

    def to_dict(self, lang: str = "nb") -> dict[str, Any]:
        return {
            "service": self.service_code,
            "suggestion": self.suggestion,
            "granted_limit": self.granted_limit,
            "guideline_level": self.guideline_level,
            "on_date": self.on_date.isoformat() if self.on_date else None,
            "criteria": [result.to_dict(lang) for result in self.criteria],
        }

    @property
    def missing_facts(self) -> tuple[str, ...]:
        """Facts whose absence left a rule to discretion, in criteria order, once each."""
        seen = [r.missing_fact for r in self.criteria if r.missing_fact]
        return tuple(dict.fromkeys(seen))


def evaluate_criterion(
    criterion: CriterionSpec,
    facts: Mapping[str, Any],
    on_date: date,
    service: ServiceTypeSpec | None = None,
) -> CriterionResult:
    """One rule applied to typed facts; it cites its own legal basis, else the service's."""
    kind = KINDS[criterion.kind]
    finding = kind.evaluate(criterion.params, facts, on_date)
    refs = criterion.legal_basis or (service.legal_basis if service else ())
    reason = dict(finding.reason)
    if criterion.duty and finding.outcome is Outcome.DISCRETION and not finding.missing_fact:
        reason = duty_note(reason)
    return CriterionResult(
        code=criterion.code,
        outcome=finding.outcome,
        reason=reason,
        legal_basis=cite_in_force(refs, on_date) if refs else "",
        effect=kind.effect,
        limit=finding.limit,
        missing_fact=finding.missing_fact,
        text=dict(criterion.text),
        duty=criterion.duty,
    )


def facts_used(services: Iterable[ServiceTypeSpec]) -> tuple[str, ...]:
    """The facts the services' criteria read, in catalogue order, each once: an assessment
    for these services asks for these and nothing else."""
    keys: list[str] = []
    for service in services:
        for criterion in service.criteria:
            keys.extend(KINDS[criterion.kind].facts_read(criterion.params))
    return tuple(dict.fromkeys(keys))


def suggest(results: tuple[CriterionResult, ...]) -> str:
    def any_of(outcome: Outcome, effect: str | None = None) -> bool:
        return any(r.outcome is outcome and (effect is None or r.effect == effect) for r in results)

    if any_of(Outcome.NOT_MET, REFUSE):
        return REFUSED
    if any_of(Outcome.DISCRETION):
        return DISCRETION
    if any_of(Outcome.NOT_MET, LIMIT):
        return PARTLY_GRANTED
    return GRANTED


def _check_birth(facts: Mapping[str, Any], on_date: date) -> None:
    birth = facts.get("birth_date")
    if birth is not None and birth > on_date:
        raise AssessError.said(
            "birth_date",
            say(
                "The birth date %(birth)s is after the assessment date %(assessed)s.",
                birth=day(birth, "nb"),
                assessed=day(on_date, "nb"),
            ),
        )


def evaluate_service(
    service: ServiceTypeSpec, facts: Mapping[str, Any], on_date: date
) -> Evaluation:
    """Apply every criterion of `service`; raises AssessError for unknown or mistyped facts."""
    if not isinstance(on_date, date):
        raise AssessError.said("on_date", say("'on_date' must be a date."))
    typed = typed_facts(facts)
    _check_birth(typed, on_date)
    results = tuple(
        evaluate_criterion(criterion, typed, on_date, service) for criterion in service.criteria
    )
    limits = [r.limit for r in results if r.limit is not None]
    return Evaluation(
        service_code=service.code,
        suggestion=suggest(results),
        criteria=results,
        granted_limit=min(limits) if limits else None,
        on_date=on_date,
        guideline_level=_guideline_level(service),
    )


def _guideline_level(service: ServiceTypeSpec) -> int | None:
    levels = [
        c.params["max"]
        for c in service.criteria
        if c.kind == "quantity_limit" and c.params.get("binding", "guideline") == "guideline"
    ]
    return min(levels) if levels else None
