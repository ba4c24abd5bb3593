"""The respite planning engine: children's stays in respite homes (avlastningsbolig).

``solve(instance, params, progress)`` returns a :class:`Plan`; ``check_plan`` verifies a plan
independently of the model; ``greedy_plan`` is the naive baseline.
"""

from omsorg.planning.respite.check import Violation, check_plan, evaluate_plan
from omsorg.planning.respite.greedy import greedy_plan
from omsorg.planning.respite.instance import (
    Child,
    Entitlement,
    Home,
    Instance,
    InstanceError,
    Stay,
    StayLength,
    validate,
)
from omsorg.planning.respite.parse import instance_to_dict, load_instance, parse_instance
from omsorg.planning.respite.plan import Bound, ChildResult, Objective, Plan, StageReport
from omsorg.planning.respite.solve import RespiteParams, solve

__all__ = [
    "Bound",
    "Child",
    "ChildResult",
    "Entitlement",
    "Home",
    "Instance",
    "InstanceError",
    "Objective",
    "Plan",
    "RespiteParams",
    "StageReport",
    "Stay",
    "StayLength",
    "Violation",
    "check_plan",
    "evaluate_plan",
    "greedy_plan",
    "instance_to_dict",
    "load_instance",
    "parse_instance",
    "solve",
    "validate",
]
