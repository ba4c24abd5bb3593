"""Read a rotation instance from JSON: strict types, no unknown keys, every error names its field.

The shape is the contract of issue 11 (``tests/planning/data/roster_small.json`` is an example):
``{"start", "days", "shift_types", "staff", "requests", "cover", "rules"}``.
"""

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from omsorg.planning.common.json_input import (
    ROOT,
    json_integer,
    json_list,
    json_object,
    json_string,
)
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

DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
TIME_PATTERN = re.compile(r"(\d{2}):(\d{2})")

TOP_KEYS = ({"days", "shift_types", "staff"}, {"start", "requests", "cover", "rules"})
SHIFT_KEYS = ({"id", "minutes"}, {"start", "cannot_be_followed_by"})
STAFF_KEYS = (
    {"id"},
    {"skills", "max_shifts", "minutes", "consecutive_shifts", "min_consecutive_days_off"}
    | {"max_weekends", "days_off"},
)
REQUEST_KEYS = ({"staff", "day", "shift", "on", "weight"}, set())
COVER_KEYS = ({"day", "shift", "required", "under_weight", "over_weight"}, {"skill"})
RULES_KEYS = (set(), {"daily_rest_hours", "weekly_rest_hours"})


def load_instance(path: str | Path) -> Instance:
    """Parse and validate the JSON file at ``path``."""
    text = Path(path).read_text(encoding="utf-8")
    return parse_text(text)


def parse_text(text: str) -> Instance:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstanceError("(file)", f"not valid JSON: {error}") from error
    return parse_instance(data)


def parse_instance(data: Any) -> Instance:
    """Build a validated :class:`Instance` from decoded JSON."""
    obj = json_object(data, ROOT, TOP_KEYS)
    start = obj.get("start")
    instance = Instance(
        start=None if start is None else _date(start, "start"),
        days=json_integer(obj["days"], "days"),
        shift_types=tuple(
            _shift_type(item, f"shift_types[{i}]")
            for i, item in enumerate(json_list(obj["shift_types"], "shift_types"))
        ),
        staff=tuple(
            _staff(item, f"staff[{i}]") for i, item in enumerate(json_list(obj["staff"], "staff"))
        ),
        requests=tuple(
            _request(item, f"requests[{i}]")
            for i, item in enumerate(json_list(obj.get("requests", []), "requests"))
        ),
        cover=tuple(
            _cover(item, f"cover[{i}]")
            for i, item in enumerate(json_list(obj.get("cover", []), "cover"))
        ),
        rules=_rules(obj.get("rules", {}), "rules"),
    )
    return validate(instance)


def _shift_type(data: Any, path: str) -> ShiftType:
    obj = json_object(data, path, SHIFT_KEYS)
    start = obj.get("start")
    following = json_list(obj.get("cannot_be_followed_by", []), f"{path}.cannot_be_followed_by")
    return ShiftType(
        id=json_string(obj["id"], f"{path}.id"),
        minutes=json_integer(obj["minutes"], f"{path}.minutes"),
        start=None if start is None else _time(start, f"{path}.start"),
        cannot_be_followed_by=tuple(
            json_string(item, f"{path}.cannot_be_followed_by[{i}]")
            for i, item in enumerate(following)
        ),
    )


def _staff(data: Any, path: str) -> Staff:
    obj = json_object(data, path, STAFF_KEYS)
    skills = json_list(obj.get("skills", []), f"{path}.skills")
    return Staff(
        id=json_string(obj["id"], f"{path}.id"),
        skills=tuple(json_string(skill, f"{path}.skills[{i}]") for i, skill in enumerate(skills)),
        max_shifts=_max_shifts(obj.get("max_shifts", {}), f"{path}.max_shifts"),
        minutes=_optional_range(obj.get("minutes"), f"{path}.minutes"),
        consecutive_shifts=_optional_range(
            obj.get("consecutive_shifts"), f"{path}.consecutive_shifts"
        ),
        min_consecutive_days_off=_optional_integer(
            obj.get("min_consecutive_days_off"), f"{path}.min_consecutive_days_off"
        ),
        max_weekends=_optional_integer(obj.get("max_weekends"), f"{path}.max_weekends"),
        days_off=tuple(
            json_integer(day, f"{path}.days_off[{i}]")
            for i, day in enumerate(json_list(obj.get("days_off", []), f"{path}.days_off"))
        ),
    )


def _max_shifts(data: Any, path: str) -> tuple[tuple[str, int], ...]:
    if not isinstance(data, dict):
        raise InstanceError(path, "must be an object of shift types to counts")
    return tuple((key, json_integer(value, f"{path}.{key}")) for key, value in data.items())


def _optional_range(data: Any, path: str) -> Range | None:
    if data is None:
        return None
    pair = json_list(data, path)
    if len(pair) != 2:
        raise InstanceError(path, "must be a pair [min, max]")
    return Range(json_integer(pair[0], f"{path}[0]"), json_integer(pair[1], f"{path}[1]"))


def _request(data: Any, path: str) -> Request:
    obj = json_object(data, path, REQUEST_KEYS)
    return Request(
        staff=json_string(obj["staff"], f"{path}.staff"),
        day=json_integer(obj["day"], f"{path}.day"),
        shift=json_string(obj["shift"], f"{path}.shift"),
        on=_boolean(obj["on"], f"{path}.on"),
        weight=json_integer(obj["weight"], f"{path}.weight"),
    )


def _cover(data: Any, path: str) -> Cover:
    obj = json_object(data, path, COVER_KEYS)
    skill = obj.get("skill")
    return Cover(
        day=json_integer(obj["day"], f"{path}.day"),
        shift=json_string(obj["shift"], f"{path}.shift"),
        skill=None if skill is None else json_string(skill, f"{path}.skill"),
        required=json_integer(obj["required"], f"{path}.required"),
        under_weight=json_integer(obj["under_weight"], f"{path}.under_weight"),
        over_weight=json_integer(obj["over_weight"], f"{path}.over_weight"),
    )


def _rules(data: Any, path: str) -> Rules:
    obj = json_object(data, path, RULES_KEYS)
    return Rules(
        daily_rest_hours=_optional_number(obj.get("daily_rest_hours"), f"{path}.daily_rest_hours"),
        weekly_rest_hours=_optional_number(
            obj.get("weekly_rest_hours"), f"{path}.weekly_rest_hours"
        ),
    )


def _optional_integer(data: Any, path: str) -> int | None:
    return None if data is None else json_integer(data, path)


def _optional_number(data: Any, path: str) -> float | None:
    if data is None:
        return None
    if isinstance(data, bool) or not isinstance(data, int | float):
        raise InstanceError(path, "must be a number")
    return data


def _boolean(data: Any, path: str) -> bool:
    if not isinstance(data, bool):
        raise InstanceError(path, "must be true or false")
    return data


def _date(data: Any, path: str) -> dt.date:
    if not isinstance(data, str) or not DATE_PATTERN.fullmatch(data):
        raise InstanceError(path, "must be a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(data)
    except ValueError as error:
        raise InstanceError(path, f"not a valid date: {error}") from error


def _time(data: Any, path: str) -> int:
    """``"HH:MM"`` (00:00-23:59) as minutes after midnight."""
    match = TIME_PATTERN.fullmatch(data) if isinstance(data, str) else None
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise InstanceError(path, "must be a time HH:MM from 00:00 to 23:59")
    return int(match[1]) * 60 + int(match[2])


def instance_to_dict(instance: Instance) -> dict:
    """The JSON shape of ``instance`` (the inverse of :func:`parse_instance`)."""
    data: dict[str, Any] = {}
    if instance.start is not None:
        data["start"] = instance.start.isoformat()
    data["days"] = instance.days
    data["shift_types"] = [_shift_to_dict(t) for t in instance.shift_types]
    data["staff"] = [_staff_to_dict(s) for s in instance.staff]
    data["requests"] = [
        {"staff": r.staff, "day": r.day, "shift": r.shift, "on": r.on, "weight": r.weight}
        for r in instance.requests
    ]
    data["cover"] = [
        {"day": c.day, "shift": c.shift, "skill": c.skill, "required": c.required}
        | {"under_weight": c.under_weight, "over_weight": c.over_weight}
        for c in instance.cover
    ]
    rules = {
        name: getattr(instance.rules, name)
        for name in ("daily_rest_hours", "weekly_rest_hours")
        if getattr(instance.rules, name) is not None
    }
    if rules:
        data["rules"] = rules
    return data


def _shift_to_dict(shift: ShiftType) -> dict:
    data: dict[str, Any] = {"id": shift.id, "minutes": shift.minutes}
    if shift.start is not None:
        data["start"] = f"{shift.start // 60:02d}:{shift.start % 60:02d}"
    data["cannot_be_followed_by"] = list(shift.cannot_be_followed_by)
    return data


def _staff_to_dict(staff: Staff) -> dict:
    data: dict[str, Any] = {"id": staff.id, "skills": list(staff.skills)}
    data["max_shifts"] = dict(staff.max_shifts)
    for name in ("minutes", "consecutive_shifts"):
        value = getattr(staff, name)
        if value is not None:
            data[name] = [value.low, value.high]
    for name in ("min_consecutive_days_off", "max_weekends"):
        if getattr(staff, name) is not None:
            data[name] = getattr(staff, name)
    data["days_off"] = list(staff.days_off)
    return data
