"""Read an instance from JSON: strict types, no unknown keys, every error names its field.

The JSON shape is documented in ``tests/planning/data/respite_small.json`` and in the issue:
``{"start", "end", "homes": [...], "children": [...], "incompatible": [[a, b], ...],
"fixed_stays": [...], "previous_stays": [...]}``.
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

# fromisoformat() in 3.11 also accepts "20270101" and week dates; the format is YYYY-MM-DD only.
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")

TOP_KEYS = (
    {"start", "end", "homes", "children"},
    {"incompatible", "fixed_stays", "previous_stays", "fixed_day_stays"},
)
HOME_KEYS = (
    {"id", "beds"},
    {"closed_nights", "max_one_to_one_per_night", "day_places", "day_places_by_date"},
)
CHILD_KEYS = (
    {"id", "home", "entitlement", "stay_nights"},
    {"preferred_weekdays", "blocked_nights", "wished_nights", "one_to_one", "owner", "valid"}
    | {"day_entitlement", "blocked_days", "wished_days"},
)
STAY_KEYS = ({"child", "home", "first_night", "nights"}, set())
DAY_STAY_KEYS = ({"child", "home", "date"}, set())


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
    obj = json_object(data, ROOT, TOP_KEYS)
    instance = Instance(
        start=_date(obj["start"], "start"),
        end=_date(obj["end"], "end"),
        homes=tuple(
            _home(h, f"homes[{i}]") for i, h in enumerate(json_list(obj["homes"], "homes"))
        ),
        children=tuple(
            _child(c, f"children[{i}]")
            for i, c in enumerate(json_list(obj["children"], "children"))
        ),
        incompatible=_pairs(obj.get("incompatible", []), "incompatible"),
        fixed_stays=_stays(obj.get("fixed_stays", []), "fixed_stays"),
        previous_stays=_stays(obj.get("previous_stays", []), "previous_stays"),
        fixed_day_stays=_day_stays(obj.get("fixed_day_stays", []), "fixed_day_stays"),
    )
    return validate(instance)


def _home(data: Any, path: str) -> Home:
    obj = json_object(data, path, HOME_KEYS)
    limit = obj.get("max_one_to_one_per_night")
    return Home(
        id=json_string(obj["id"], f"{path}.id"),
        beds=json_integer(obj["beds"], f"{path}.beds"),
        closed_nights=_dates(obj.get("closed_nights", []), f"{path}.closed_nights"),
        max_one_to_one_per_night=(
            None if limit is None else json_integer(limit, f"{path}.max_one_to_one_per_night")
        ),
        day_places=json_integer(obj.get("day_places", 0), f"{path}.day_places"),
        day_places_by_date=_places_by_date(
            obj.get("day_places_by_date", {}), f"{path}.day_places_by_date"
        ),
    )


def _places_by_date(data: Any, path: str) -> tuple[tuple[dt.date, int], ...]:
    """``{"YYYY-MM-DD": places, ...}`` as sorted (date, places) pairs."""
    if not isinstance(data, dict):
        raise InstanceError(path, "must be an object of dates to day places")
    pairs = [
        (_date(key, f"{path}.{key}"), json_integer(value, f"{path}.{key}"))
        for key, value in data.items()
    ]
    return tuple(sorted(pairs))


def _child(data: Any, path: str) -> Child:
    obj = json_object(data, path, CHILD_KEYS)
    owner = obj.get("owner")
    return Child(
        id=json_string(obj["id"], f"{path}.id"),
        home=json_string(obj["home"], f"{path}.home"),
        entitlement=_entitlement(obj["entitlement"], f"{path}.entitlement"),
        stay_nights=_stay_length(obj["stay_nights"], f"{path}.stay_nights"),
        preferred_weekdays=tuple(
            json_string(day, f"{path}.preferred_weekdays[{i}]")
            for i, day in enumerate(
                json_list(obj.get("preferred_weekdays", []), f"{path}.preferred_weekdays")
            )
        ),
        blocked_nights=_dates(obj.get("blocked_nights", []), f"{path}.blocked_nights"),
        wished_nights=_dates(obj.get("wished_nights", []), f"{path}.wished_nights"),
        one_to_one=_boolean(obj.get("one_to_one", False), f"{path}.one_to_one"),
        owner=None if owner is None else json_string(owner, f"{path}.owner"),
        valid=None if "valid" not in obj else _validity(obj["valid"], f"{path}.valid"),
        day_entitlement=(
            None
            if "day_entitlement" not in obj
            else _day_entitlement(obj["day_entitlement"], f"{path}.day_entitlement")
        ),
        blocked_days=_dates(obj.get("blocked_days", []), f"{path}.blocked_days"),
        wished_days=_dates(obj.get("wished_days", []), f"{path}.wished_days"),
    )


def _day_entitlement(data: Any, path: str) -> DayEntitlement:
    obj = json_object(data, path, ({"days", "per"}, set()))
    return DayEntitlement(
        days=json_integer(obj["days"], f"{path}.days"), per=json_string(obj["per"], f"{path}.per")
    )


def _validity(data: Any, path: str) -> Validity:
    obj = json_object(data, path, ({"first", "last"}, set()))
    return Validity(
        first=_date(obj["first"], f"{path}.first"), last=_date(obj["last"], f"{path}.last")
    )


def _entitlement(data: Any, path: str) -> Entitlement:
    obj = json_object(data, path, ({"nights", "per"}, set()))
    return Entitlement(
        nights=json_integer(obj["nights"], f"{path}.nights"),
        per=json_string(obj["per"], f"{path}.per"),
    )


def _stay_length(data: Any, path: str) -> StayLength:
    obj = json_object(data, path, ({"min", "max"}, set()))
    return StayLength(
        min_nights=json_integer(obj["min"], f"{path}.min"),
        max_nights=json_integer(obj["max"], f"{path}.max"),
    )


def _pairs(data: Any, path: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for index, item in enumerate(json_list(data, path)):
        pair = json_list(item, f"{path}[{index}]")
        if len(pair) != 2:
            raise InstanceError(f"{path}[{index}]", "must be a pair of child ids")
        first = json_string(pair[0], f"{path}[{index}][0]")
        pairs.append((first, json_string(pair[1], f"{path}[{index}][1]")))
    return tuple(pairs)


def _stays(data: Any, path: str) -> tuple[Stay, ...]:
    stays = []
    for index, item in enumerate(json_list(data, path)):
        item_path = f"{path}[{index}]"
        obj = json_object(item, item_path, STAY_KEYS)
        stays.append(
            Stay(
                child=json_string(obj["child"], f"{item_path}.child"),
                home=json_string(obj["home"], f"{item_path}.home"),
                first_night=_date(obj["first_night"], f"{item_path}.first_night"),
                nights=json_integer(obj["nights"], f"{item_path}.nights"),
            )
        )
    return tuple(stays)


def _day_stays(data: Any, path: str) -> tuple[DayStay, ...]:
    stays = []
    for index, item in enumerate(json_list(data, path)):
        item_path = f"{path}[{index}]"
        obj = json_object(item, item_path, DAY_STAY_KEYS)
        stays.append(
            DayStay(
                child=json_string(obj["child"], f"{item_path}.child"),
                home=json_string(obj["home"], f"{item_path}.home"),
                date=_date(obj["date"], f"{item_path}.date"),
            )
        )
    return tuple(stays)


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


def _dates(data: Any, path: str) -> tuple[dt.date, ...]:
    return tuple(_date(item, f"{path}[{i}]") for i, item in enumerate(json_list(data, path)))


def instance_to_dict(instance: Instance) -> dict:
    """The JSON shape of ``instance`` (the inverse of :func:`parse_instance`)."""
    data: dict[str, Any] = {
        "start": instance.start.isoformat(),
        "end": instance.end.isoformat(),
        "homes": [_home_to_dict(home) for home in instance.homes],
        "children": [_child_to_dict(child) for child in instance.children],
        "incompatible": [list(pair) for pair in instance.incompatible],
    }
    if instance.fixed_stays:
        data["fixed_stays"] = [stay.to_dict() for stay in instance.fixed_stays]
    if instance.previous_stays:
        data["previous_stays"] = [stay.to_dict() for stay in instance.previous_stays]
    if instance.fixed_day_stays:
        data["fixed_day_stays"] = [stay.to_dict() for stay in instance.fixed_day_stays]
    return data


def _home_to_dict(home: Home) -> dict:
    data: dict[str, Any] = {
        "id": home.id,
        "beds": home.beds,
        "closed_nights": [night.isoformat() for night in home.closed_nights],
    }
    if home.max_one_to_one_per_night is not None:
        data["max_one_to_one_per_night"] = home.max_one_to_one_per_night
    if home.day_places:
        data["day_places"] = home.day_places
    if home.day_places_by_date:
        data["day_places_by_date"] = {d.isoformat(): n for d, n in home.day_places_by_date}
    return data


def _child_to_dict(child: Child) -> dict:
    data: dict[str, Any] = {
        "id": child.id,
        "home": child.home,
        "entitlement": {"nights": child.entitlement.nights, "per": child.entitlement.per},
        "stay_nights": {"min": child.stay_nights.min_nights, "max": child.stay_nights.max_nights},
        "preferred_weekdays": list(child.preferred_weekdays),
        "blocked_nights": [night.isoformat() for night in child.blocked_nights],
        "wished_nights": [night.isoformat() for night in child.wished_nights],
        "one_to_one": child.one_to_one,
    }
    if child.owner is not None:
        data["owner"] = child.owner
    if child.valid is not None:
        data["valid"] = {
            "first": child.valid.first.isoformat(),
            "last": child.valid.last.isoformat(),
        }
    if child.day_entitlement is not None:
        data["day_entitlement"] = {
            "days": child.day_entitlement.days,
            "per": child.day_entitlement.per,
        }
    for key in ("blocked_days", "wished_days"):
        if getattr(child, key):
            data[key] = [day.isoformat() for day in getattr(child, key)]
    return data
