"""Reading an engine's JSON instance: the one error type and the field readers the engines share.

Every reader names the offending field by its path (``children[2].home``), so a malformed
instance is refused with the field named, as each engine's contract asks.
"""

from __future__ import annotations

from typing import Any

ROOT = "(instance)"


class InstanceError(ValueError):
    """A malformed instance; ``field`` names the offending field, e.g. ``children[2].home``."""

    def __init__(self, field_path: str, message: str) -> None:
        self.field = field_path
        self.message = message
        super().__init__(f"{field_path}: {message}")


def json_object(data: Any, path: str, keys: tuple[set[str], set[str]]) -> dict:
    """An object with exactly the (required, optional) keys given."""
    required, optional = keys
    if not isinstance(data, dict):
        raise InstanceError(path, "must be an object")
    for key in data:
        if key not in required and key not in optional:
            raise InstanceError(join(path, key), "unknown key")
    for key in sorted(required):
        if key not in data:
            raise InstanceError(join(path, key), "missing")
    return data


def join(path: str, key: str) -> str:
    return key if path == ROOT else f"{path}.{key}"


def json_list(data: Any, path: str) -> list:
    if not isinstance(data, list):
        raise InstanceError(path, "must be a list")
    return data


def json_string(data: Any, path: str) -> str:
    if not isinstance(data, str) or not data:
        raise InstanceError(path, "must be a non-empty string")
    return data


def json_integer(data: Any, path: str) -> int:
    # bool is an int in Python; JSON true is not a count.
    if isinstance(data, bool) or not isinstance(data, int):
        raise InstanceError(path, "must be an integer")
    return data
