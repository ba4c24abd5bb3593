"""The CP-SAT model of a respite instance: variables, then one named step per rule (rules.py).

Nights are indexed 0..N-1 from ``instance.start``. A child has one Boolean per possible stay
(first night, length) whose nights are all usable and whose length is allowed, and a Boolean
"stays this night" equal to the sum of the stays covering the night. A stay variable per length
(rather than night variables with run-length constraints) gives a much tighter LP relaxation
(the stays of a child form a set packing), lets the solver's neighbourhood search move whole
stays, and makes "this previous stay is kept" a single variable.
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
    # child id -> (first night index, nights) -> Boolean: the child has exactly this stay.
    stays: dict[str, dict[tuple[int, int], cp_model.IntVar]] = field(default_factory=dict)
    # child id -> integer: planned nights over the horizon.
    planned: dict[str, cp_model.IntVar] = field(default_factory=dict)
    # child id -> most nights the child could have alone (rules.add_single_child_bound).
    alone_best: dict[str, int] = field(default_factory=dict)
    terms: "rules.ObjectiveTerms | None" = None
    # The floors of floors.py, computed once per model (each is a few maximum flows).
    floors: dict[str, object] = field(default_factory=dict)

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
    rules.create_stay_variables(model)
    rules.add_stay_separation(model)
    rules.add_beds(model)
    rules.add_one_to_one_limit(model)
    rules.add_incompatibility(model)
    rules.add_entitlement(model)
    rules.add_fixed_stays(model)
    rules.add_single_child_bound(model)
    wished, wished_max = rules.wished_term(model)
    preferred, preferred_max = rules.preferred_term(model)
    previous_kept, previous_max = rules.previous_kept_term(model)
    model.terms = rules.ObjectiveTerms(
        ratio=rules.max_shortfall_ratio_term(model),
        total_shortfall=rules.total_shortfall_term(model),
        wished=wished,
        preferred=preferred,
        previous_kept=previous_kept,
        stays=rules.stay_count_term(model),
        wished_max=wished_max,
        preferred_max=preferred_max,
        previous_max=previous_max,
    )
    return model
