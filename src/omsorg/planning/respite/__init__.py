"""The respite planning engine: children's stays in respite homes (avlastningsbolig).

``solve(instance, params, progress)`` returns a :class:`Plan`; ``check_plan`` verifies a plan
independently of the model; ``greedy_plan`` is the naive baseline.

Instance JSON as in the issue, plus one optional key per child: ``"valid": {"first":
"YYYY-MM-DD", "last": "YYYY-MM-DD"}``, the nights its decision covers (a decision that starts or
ends inside the horizon; both nights inside the horizon, first <= last). Nights outside it are
never planned for the child, and each period is entitled to floor(nights x nights of the period
inside both the horizon and the window / nights of the whole period).

Day stays (respite by the day, an optional extension; docs/architecture/respite.md): per home
``day_places`` and ``day_places_by_date``; per child ``day_entitlement``, ``blocked_days`` and
``wished_days``; top-level ``fixed_day_stays``. Planned after every night term (days.py).
"""

from omsorg.planning.respite.check import Violation, check_plan, evaluate_plan
from omsorg.planning.respite.greedy import greedy_plan
from omsorg.planning.respite.instance import (
    Child,
    DayEntitlement,
    DayStay,
    Entitlement,
    Home,
    Instance,
    InstanceError,
    Stay,
    StayLength,
    Validity,
    validate,
)
from omsorg.planning.respite.parse import instance_to_dict, load_instance, parse_instance
from omsorg.planning.respite.plan import (
    STAGE_NAMES,
    Bound,
    ChildResult,
    Objective,
    Plan,
    StageReport,
)
from omsorg.planning.respite.solve import RespiteParams, solve

__all__ = [
    "STAGE_NAMES",
    "Bound",
    "Child",
    "ChildResult",
    "DayEntitlement",
    "DayStay",
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
    "Validity",
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
