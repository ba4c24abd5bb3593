"""Criterion kinds, written once in code and parametrised by the catalogue.

KINDS maps a kind's name (as written in a catalogue's YAML) to its code. Each kind's
`evaluate(params, facts, on_date)` returns a Finding: met / not met / needs discretion, with a
reason in bokmål, nynorsk and English that gives the numbers it compared.
"""

from types import MappingProxyType

from omsorg.catalogue.criteria import (
    age,
    assessment,
    duration,
    flags,
    hours,
    notice,
    quantity,
    residence,
    stay_length,
)
from omsorg.catalogue.criteria.base import (
    LANGS,
    LIMIT,
    REFUSE,
    CriterionKind,
    CriterionResult,
    Finding,
    Outcome,
    Param,
    ParamError,
)
from omsorg.catalogue.criteria.facts import FACTS, AssessError, FactSpec

KINDS: MappingProxyType[str, CriterionKind] = MappingProxyType(
    {
        kind.name: kind
        for kind in (
            age.KIND,
            residence.KIND,
            hours.KIND,
            duration.KIND,
            stay_length.KIND,
            quantity.KIND,
            notice.KIND,
            flags.REQUIRES,
            flags.EXCLUDES,
            assessment.KIND,
        )
    }
)

__all__ = [
    "FACTS",
    "KINDS",
    "LANGS",
    "LIMIT",
    "REFUSE",
    "AssessError",
    "CriterionKind",
    "CriterionResult",
    "FactSpec",
    "Finding",
    "Outcome",
    "Param",
    "ParamError",
]
