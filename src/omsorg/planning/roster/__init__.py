"""The rotation (turnus) engine: staff × days, one shift a day, AML rest rules hard.

``solve(instance, params, progress)`` returns a :class:`RosterResult` in the contract of issue 11;
``check_roster`` lists every hard rule a roster breaks and ``evaluate`` prices it, independently
of the model; ``greedy_roster`` is the plain baseline. No Django: the web maps its rows to an
:class:`Instance` (staffing/plan_io.py) and calls the same code as ``omsorg plan-roster``.
"""

from omsorg.planning.roster.check import Objective, Roster, Violation, check_roster, evaluate
from omsorg.planning.roster.greedy import greedy_roster
from omsorg.planning.roster.instance import (
    Cover,
    Instance,
    InstanceError,
    Range,
    Request,
    Rules,
    ShiftType,
    Staff,
    validate,
)
from omsorg.planning.roster.parse import instance_to_dict, load_instance, parse_instance
from omsorg.planning.roster.roster_io import RosterError, parse_roster
from omsorg.planning.roster.solve import RosterParams, RosterResult, solve

__all__ = [
    "Cover",
    "Instance",
    "InstanceError",
    "Objective",
    "Range",
    "Request",
    "Roster",
    "RosterError",
    "RosterParams",
    "RosterResult",
    "Rules",
    "ShiftType",
    "Staff",
    "Violation",
    "check_roster",
    "evaluate",
    "greedy_roster",
    "instance_to_dict",
    "load_instance",
    "parse_instance",
    "parse_roster",
    "solve",
    "validate",
]
