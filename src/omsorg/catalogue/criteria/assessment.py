"""Need and scope decided by an individual assessment (kartlegging): always discretion.

Used where a catalogue states no measurable criterion, as for the general home-based services:
the rules can check residence, but the need itself is documented by the assessment.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from omsorg.catalogue.criteria.base import CriterionKind, Finding, Outcome, texts


def evaluate(params: Mapping[str, Any], facts: Mapping[str, Any], on_date: date) -> Finding:
    return Finding(
        Outcome.DISCRETION,
        texts(
            "Behovet og omfanget avgjøres etter kartlegging og en individuell vurdering.",
            "Behovet og omfanget blir avgjort etter kartlegging og ei individuell vurdering.",
            "The need and the scope are decided after an assessment of the individual case.",
        ),
    )


KIND = CriterionKind(name="individual_assessment", evaluate=evaluate)
