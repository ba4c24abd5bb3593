"""The person stays in the municipality (hol § 3-1: the duty covers those who stay there)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from omsorg.catalogue.criteria.base import CriterionKind, Finding, Outcome, missing
from omsorg.catalogue.criteria.wording import say


def evaluate(params: Mapping[str, Any], facts: Mapping[str, Any], on_date: date) -> Finding:
    resident = facts.get("resident")
    if resident is None:
        return missing("resident")
    if resident:
        return Finding(
            Outcome.MET,
            say("The applicant stays in the municipality."),
        )
    return Finding(
        Outcome.NOT_MET,
        say("The applicant does not stay in the municipality; its duty covers those who do."),
    )


KIND = CriterionKind(name="residence", evaluate=evaluate, reads=("resident",))
