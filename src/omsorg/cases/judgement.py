"""Criteria met by judgement, and the statement of facts each of them needs.

"Omsorgsbyrden er særlig tyngende" is not a fact but a conclusion: a caseworker finds it from
facts (nights up, hours of care, siblings, illness). fvl § 25 second paragraph asks the reasons
to name the facts the decision rests on, so a criterion met through such a judgement needs a
short statement of those facts, written by the caseworker and printed under it in the letter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from omsorg.catalogue.assess import Evaluation
from omsorg.catalogue.spec import ServiceTypeSpec

# The assessment facts that record a judgement rather than an observation (seed 004 §1.4–1.8:
# "særlig tyngende omsorgsbyrde", "særlig krevende over tid", "vurdert mest hensiktsmessig for
# barnet").
JUDGEMENT_FACTS = frozenset(
    {"particularly_heavy_care", "particularly_demanding_care", "judged_best_for_child"}
)
# Criterion kinds whose "met" can rest on a yes/no fact (catalogue/criteria/flags.py).
FLAG_KINDS = frozenset({"requires"})


@dataclass(frozen=True)
class JudgedCriterion:
    code: str
    text: Mapping[str, str]  # the criterion in nb, nn, en

    def label(self, lang: str) -> str:
        return self.text.get(lang) or self.text.get("nb") or self.code


def judged_criteria(
    spec: ServiceTypeSpec, evaluation: Evaluation, facts: Mapping[str, Any]
) -> tuple[JudgedCriterion, ...]:
    """The criteria that the evaluation found met because a judgement fact holds."""
    met = {result.code for result in evaluation.criteria if result.outcome == "met"}
    judged = []
    for criterion in spec.criteria:
        if criterion.code not in met or criterion.kind not in FLAG_KINDS:
            continue
        keys = [criterion.params.get("fact")] + list(criterion.params.get("any_of") or ())
        if any(key in JUDGEMENT_FACTS and facts.get(key) is True for key in keys):
            judged.append(JudgedCriterion(criterion.code, dict(criterion.text)))
    return tuple(judged)


def statement_field(code: str) -> str:
    """The form field (and error field) of one criterion's statement of facts."""
    return f"fact_statement_{code}"
