"""The CP-SAT model of a respite instance: variables, then one named step per rule (rules.py).

Nights are indexed 0..N-1 from ``instance.start``. A child has a Boolean "stays this night"
variable on each night it may use, and a "stay starts this night" variable on the same nights;
consecutive stay nights form one stay, so the gap rule holds by construction and the stay-length
rule becomes windows and implications. This is N variables per child instead of N x lengths.
"""

import datetime as dt
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from omsorg.planning.respite import rules
from omsorg.planning.respite.entitlements import PeriodCap, entitled_total, period_caps
from omsorg.planning.respite.instance import Instance


@dataclass
class RespiteModel:
    """The CP-SAT model and the variables the rules and the solve loop refer to by name."""

    instance: Instance
    nights: list[dt.date]
    cp: cp_model.CpModel
    caps: dict[str, list[PeriodCap]]
    entitled: dict[str, int]
    # child id -> night index -> Boolean: the child stays that night.
    stay_night: dict[str, dict[int, cp_model.IntVar]] = field(default_factory=dict)
    # child id -> night index -> Boolean: a stay of the child starts that night.
    stay_start: dict[str, dict[int, cp_model.IntVar]] = field(default_factory=dict)
    # child id -> integer: planned nights over the horizon.
    planned: dict[str, cp_model.IntVar] = field(default_factory=dict)
    terms: "rules.ObjectiveTerms | None" = None

    def index_of(self, night: dt.date) -> int:
        return (night - self.instance.start).days

    def night_var(self, child_id: str, index: int) -> cp_model.IntVar | None:
        """The child's variable for night ``index``, or None where the child cannot stay."""
        return self.stay_night[child_id].get(index)


def build_model(instance: Instance) -> RespiteModel:
    """Variables, every hard rule, and the objective terms (not yet an objective)."""
    caps = {child.id: period_caps(instance, child) for child in instance.children}
    model = RespiteModel(
        instance=instance,
        nights=instance.nights(),
        cp=cp_model.CpModel(),
        caps=caps,
        entitled={child.id: entitled_total(instance, child) for child in instance.children},
    )
    rules.create_night_variables(model)
    rules.add_stay_length(model)
    rules.add_beds(model)
    rules.add_one_to_one_limit(model)
    rules.add_incompatibility(model)
    rules.add_entitlement(model)
    rules.add_fixed_stays(model)
    wished, wished_max = rules.wished_term(model)
    preferred, preferred_max = rules.preferred_term(model)
    previous_kept, previous_max = rules.previous_kept_term(model)
    model.terms = rules.ObjectiveTerms(
        ratio=rules.max_shortfall_ratio_term(model),
        total_shortfall=rules.total_shortfall_term(model),
        wished=wished,
        preferred=preferred,
        previous_kept=previous_kept,
        wished_max=wished_max,
        preferred_max=preferred_max,
        previous_max=previous_max,
    )
    return model
