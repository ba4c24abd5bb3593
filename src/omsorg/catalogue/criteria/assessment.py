"""Need and scope decided by an individual assessment (kartlegging): always discretion.

Used where a catalogue states no measurable criterion, as for the general home-based services:
the rules can check residence, but the need itself is documented by the assessment.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from omsorg.catalogue.criteria.base import CriterionKind, Finding, Outcome
from omsorg.catalogue.criteria.wording import say


def evaluate(params: Mapping[str, Any], facts: Mapping[str, Any], on_date: date) -> Finding:
    return Finding(
        Outcome.DISCRETION,
        say("The need and the scope are decided after an assessment of the individual case."),
    )


KIND = CriterionKind(name="individual_assessment", evaluate=evaluate)
