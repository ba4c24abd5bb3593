"""Shared helpers: build instances from dicts, solve, and verify every roster a test makes."""

import copy
from pathlib import Path

from omsorg.planning.roster import RosterParams, check_roster, evaluate, parse_instance, solve

from . import reference

DATA = Path(__file__).resolve().parent.parent / "data"
# Solver limits in tests stay at or below 2 s (CI runs the suite on two shared cores).
TEST_LIMIT = 2.0


def instance(**overrides) -> dict:
    """A one-shift-type instance with the given top-level keys replaced."""
    data = {
        "start": "2027-01-04",
        "days": 7,
        "shift_types": [{"id": "D", "minutes": 480, "start": "08:00"}],
        "staff": [{"id": "A"}],
        "requests": [],
        "cover": [],
    }
    data.update(copy.deepcopy(overrides))
    return data


def solved(data: dict, limit: float = TEST_LIMIT) -> dict:
    """The engine's result for ``data`` as JSON, verified by the reference checker: no hard rule
    broken and the reported objective equal to the reference cost."""
    result = solve(parse_instance(data), RosterParams(time_limit=limit, num_workers=2)).to_dict()
    if result["objective"] is not None:
        verify(data, result)
    return result


def verify(data: dict, result: dict) -> None:
    roster = result["roster"]
    assert reference.broken(data, roster) == set()
    assert result["objective"] == reference.cost(data, roster)
    assert result["bound"] <= result["objective"]["total"]
    assert result["violations"] == []


def engine_and_reference_agree(data: dict, roster: dict) -> set[tuple[str, str]]:
    """The rules ``roster`` breaks, asserting the engine's checker and the reference agree."""
    parsed = parse_instance(data)
    rows = {staff: tuple(days) for staff, days in roster.items()}
    mine = {(v.rule, v.staff) for v in check_roster(parsed, rows)}
    theirs = reference.broken(data, roster)
    assert mine == theirs
    assert evaluate(parsed, rows).to_dict() == reference.cost(data, roster)
    return theirs
