"""Read a roster from JSON for ``omsorg check-roster``: the engine's output (an object with a
``roster`` key) or the bare ``{"staff id": ["D", "", ...]}`` mapping; errors name the field."""

from typing import Any

from omsorg.planning.roster.check import Roster
from omsorg.planning.roster.instance import Instance


class RosterError(ValueError):
    """A roster that does not fit its instance; ``field`` names the offending entry."""

    def __init__(self, field_path: str, message: str) -> None:
        self.field = field_path
        self.message = message
        super().__init__(f"{field_path}: {message}")


def parse_roster(instance: Instance, data: Any) -> Roster:
    """One shift code or "" per day for every staff member of ``instance``, and nothing else."""
    if isinstance(data, dict) and isinstance(data.get("roster"), dict):
        data = data["roster"]
    if not isinstance(data, dict):
        raise RosterError("roster", "must be an object of staff ids to lists of shift codes")
    known = {staff.id for staff in instance.staff}
    for staff_id in data:
        if staff_id not in known:
            raise RosterError(f"roster.{staff_id}", "unknown staff")
    codes = {shift.id for shift in instance.shift_types}
    roster = {}
    for staff in instance.staff:
        roster[staff.id] = _days(data.get(staff.id), f"roster.{staff.id}", instance.days, codes)
    return roster


def _days(data: Any, path: str, horizon: int, codes: set[str]) -> tuple[str, ...]:
    if data is None:
        raise RosterError(path, "missing")
    if not isinstance(data, list) or len(data) != horizon:
        raise RosterError(path, f"must be a list of {horizon} shift codes")
    for day, code in enumerate(data):
        if not isinstance(code, str) or (code and code not in codes):
            raise RosterError(f"{path}[{day}]", f"unknown shift code {code!r}")
    return tuple(data)
