"""Read a routing instance from JSON: strict types, no unknown keys, every error names its field.

The JSON shape is the issue's contract (issue 10, "The engine's contract"); an example is
``tests/planning/data/routes_small.json``.
"""

import json
import math
from pathlib import Path
from typing import Any

from omsorg.planning.routing.instance import (
    WEIGHT_NAMES,
    Instance,
    InstanceError,
    Link,
    Staff,
    Visit,
    Weights,
    validate,
)

TOP_KEYS = ({"locations", "travel", "staff", "visits"}, {"distance", "links", "weights"})
STAFF_KEYS = ({"id", "start", "end", "shift"}, {"skills", "capacity"})
VISIT_KEYS = (
    {"id", "location", "duration", "window"},
    {"person", "window_hard", "skills", "preferred_staff", "demand"},
)
LINK_KEYS = ({"first", "second"}, {"min_gap", "max_gap"})


def load_instance(path: str | Path) -> Instance:
    """Parse and validate the JSON file at ``path``."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstanceError("(file)", f"not valid JSON: {error}") from error
    return parse_instance(data)


def parse_instance(data: Any) -> Instance:
    """Build a validated :class:`Instance` from decoded JSON."""
    obj = _object(data, "(instance)", TOP_KEYS)
    distance = obj.get("distance")
    instance = Instance(
        locations=tuple(_strings(obj["locations"], "locations")),
        travel=_matrix(obj["travel"], "travel"),
        distance=None if distance is None else _matrix(distance, "distance"),
        staff=tuple(_staff(s, f"staff[{i}]") for i, s in enumerate(_list(obj["staff"], "staff"))),
        visits=tuple(
            _visit(v, f"visits[{i}]") for i, v in enumerate(_list(obj["visits"], "visits"))
        ),
        links=tuple(
            _link(x, f"links[{i}]") for i, x in enumerate(_list(obj.get("links", []), "links"))
        ),
        weights=_weights(obj.get("weights", {}), "weights"),
    )
    return validate(instance)


def _staff(data: Any, path: str) -> Staff:
    obj = _object(data, path, STAFF_KEYS)
    return Staff(
        id=_string(obj["id"], f"{path}.id"),
        start=_string(obj["start"], f"{path}.start"),
        end=_string(obj["end"], f"{path}.end"),
        shift=_pair(obj["shift"], f"{path}.shift"),
        skills=frozenset(_strings(obj.get("skills", []), f"{path}.skills")),
        capacity=_number(obj.get("capacity", 0), f"{path}.capacity"),
    )


def _visit(data: Any, path: str) -> Visit:
    obj = _object(data, path, VISIT_KEYS)
    return Visit(
        id=_string(obj["id"], f"{path}.id"),
        location=_string(obj["location"], f"{path}.location"),
        duration=_number(obj["duration"], f"{path}.duration"),
        window=_pair(obj["window"], f"{path}.window"),
        person=_string(obj.get("person", ""), f"{path}.person"),
        window_hard=_bool(obj.get("window_hard", True), f"{path}.window_hard"),
        skills=frozenset(_strings(obj.get("skills", []), f"{path}.skills")),
        preferred_staff=tuple(_strings(obj.get("preferred_staff", []), f"{path}.preferred_staff")),
        demand=_number(obj.get("demand", 0), f"{path}.demand"),
    )


def _link(data: Any, path: str) -> Link:
    obj = _object(data, path, LINK_KEYS)
    max_gap = obj.get("max_gap")
    return Link(
        first=_string(obj["first"], f"{path}.first"),
        second=_string(obj["second"], f"{path}.second"),
        min_gap=_number(obj.get("min_gap", 0), f"{path}.min_gap"),
        max_gap=None if max_gap is None else _number(max_gap, f"{path}.max_gap"),
    )


def _weights(data: Any, path: str) -> Weights:
    obj = _object(data, path, (set(), set(WEIGHT_NAMES)))
    return Weights(**{name: _number(value, f"{path}.{name}") for name, value in obj.items()})


def _object(data: Any, path: str, keys: tuple[set[str], set[str]]) -> dict:
    required, optional = keys
    if not isinstance(data, dict):
        raise InstanceError(path, "must be an object")
    for key in sorted(required - data.keys()):
        raise InstanceError(_join(path, key), "is required")
    for key in sorted(data.keys() - required - optional):
        raise InstanceError(_join(path, key), "is not a known field")
    return data


def _join(path: str, key: str) -> str:
    return key if path.startswith("(") else f"{path}.{key}"


def _list(data: Any, path: str) -> list:
    if not isinstance(data, list):
        raise InstanceError(path, "must be a list")
    return data


def _string(data: Any, path: str) -> str:
    if not isinstance(data, str):
        raise InstanceError(path, "must be a string")
    return data


def _strings(data: Any, path: str) -> list[str]:
    return [_string(x, f"{path}[{i}]") for i, x in enumerate(_list(data, path))]


def _bool(data: Any, path: str) -> bool:
    if not isinstance(data, bool):
        raise InstanceError(path, "must be true or false")
    return data


def _number(data: Any, path: str) -> float:
    if isinstance(data, bool) or not isinstance(data, int | float):
        raise InstanceError(path, "must be a number")
    value = float(data)
    if not math.isfinite(value):
        raise InstanceError(path, "must be finite")
    if value < 0:
        raise InstanceError(path, f"must not be negative, got {data!r}")
    return value


def _pair(data: Any, path: str) -> tuple[float, float]:
    items = _list(data, path)
    if len(items) != 2:
        raise InstanceError(path, "must be a pair [start, end]")
    return (_number(items[0], f"{path}[0]"), _number(items[1], f"{path}[1]"))


def _matrix(data: Any, path: str) -> tuple[tuple[float, ...], ...]:
    rows = _list(data, path)
    return tuple(
        tuple(_number(x, f"{path}[{i}][{j}]") for j, x in enumerate(_list(row, f"{path}[{i}]")))
        for i, row in enumerate(rows)
    )
