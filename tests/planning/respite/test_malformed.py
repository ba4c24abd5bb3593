"""A malformed instance is refused: exit code 2, nothing on stdout, the field named on stderr."""

import json

import pytest

from omsorg.planning.respite import InstanceError, parse_instance
from omsorg.planning.respite.__main__ import main

from .helpers import DATA


def small() -> dict:
    return json.loads((DATA / "respite_small.json").read_text())


def _set(path: list, value):
    def change(data: dict) -> dict:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return data

    return change


def _delete(path: list):
    def change(data: dict) -> dict:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
        return data

    return change


CASES = {
    "unknown home": (_set(["children", 1, "home"], "vesle-tveit"), "children[1].home"),
    "blocked night outside the horizon": (
        _set(["children", 0, "blocked_nights"], ["2027-02-01"]),
        "children[0].blocked_nights[0]",
    ),
    "closed night outside the horizon": (
        _set(["homes", 0, "closed_nights"], ["2027-01-15", "2026-12-31"]),
        "homes[0].closed_nights[1]",
    ),
    "wished night outside the horizon": (
        _set(["children", 3, "wished_nights"], ["2028-01-01"]),
        "children[3].wished_nights[0]",
    ),
    "validity window starts outside the horizon": (
        _set(["children", 1, "valid"], {"first": "2026-12-31", "last": "2027-01-10"}),
        "children[1].valid.first",
    ),
    "validity window ends outside the horizon": (
        _set(["children", 1, "valid"], {"first": "2027-01-02", "last": "2028-01-10"}),
        "children[1].valid.last",
    ),
    "validity window first after last": (
        _set(["children", 1, "valid"], {"first": "2027-01-10", "last": "2027-01-09"}),
        "children[1].valid.first",
    ),
    "validity window not a date": (
        _set(["children", 1, "valid"], {"first": "2027-1-2", "last": "2027-01-09"}),
        "children[1].valid.first",
    ),
    "validity window without last": (
        _set(["children", 1, "valid"], {"first": "2027-01-02"}),
        "children[1].valid.last",
    ),
    "min greater than max": (
        _set(["children", 2, "stay_nights"], {"min": 5, "max": 4}),
        "children[2].stay_nights.min",
    ),
    "stay of zero nights": (
        _set(["children", 2, "stay_nights"], {"min": 0, "max": 4}),
        "children[2].stay_nights.min",
    ),
    "child incompatible with itself": (_set(["incompatible"], [["c02", "c02"]]), "incompatible[0]"),
    "unknown child in incompatible": (
        _set(["incompatible"], [["c01", "c99"]]),
        "incompatible[0][1]",
    ),
    "incompatible not a pair": (_set(["incompatible"], [["c01"]]), "incompatible[0]"),
    "impossible date": (_set(["start"], "2027-02-30"), "start"),
    "date in another format": (_set(["end"], "31.01.2027"), "end"),
    "date as a number": (_set(["children", 0, "blocked_nights"], [20270110]), "blocked_nights[0]"),
    "end before start": (_set(["end"], "2026-12-31"), "end"),
    "unknown top-level key": (_set(["colour"], "blue"), "colour"),
    "unknown child key": (_set(["children", 0, "age"], 9), "children[0].age"),
    "unknown home key": (_set(["homes", 0, "rooms"], 3), "homes[0].rooms"),
    "unknown entitlement key": (
        _set(["children", 0, "entitlement", "from"], "2027-01-01"),
        "children[0].entitlement.from",
    ),
    "missing key": (_delete(["children", 0, "stay_nights"]), "children[0].stay_nights"),
    "beds as a string": (_set(["homes", 0, "beds"], "2"), "homes[0].beds"),
    "beds as true": (_set(["homes", 0, "beds"], True), "homes[0].beds"),
    "negative beds": (_set(["homes", 0, "beds"], -1), "homes[0].beds"),
    "nights as a float": (
        _set(["children", 0, "entitlement", "nights"], 1.5),
        "children[0].entitlement.nights",
    ),
    "unknown period": (
        _set(["children", 0, "entitlement", "per"], "year"),
        "children[0].entitlement.per",
    ),
    "one_to_one not a boolean": (_set(["children", 1, "one_to_one"], "yes"), "one_to_one"),
    "unknown weekday": (
        _set(["children", 0, "preferred_weekdays"], ["fri", "lør"]),
        "children[0].preferred_weekdays[1]",
    ),
    "children not a list": (_set(["children"], {"c01": {}}), "children"),
    "duplicate child id": (_set(["children", 1, "id"], "c01"), "children[1].id"),
    "fixed stay of an unknown child": (
        _set(
            ["fixed_stays"],
            [{"child": "c9", "home": "flata", "first_night": "2027-01-02", "nights": 1}],
        ),
        "fixed_stays[0].child",
    ),
    "previous stay past the horizon": (
        _set(
            ["previous_stays"],
            [{"child": "c01", "home": "flata", "first_night": "2027-01-31", "nights": 2}],
        ),
        "previous_stays[0].nights",
    ),
    "the same fixed stay twice": (
        _set(
            ["fixed_stays"],
            [{"child": "c01", "home": "flata", "first_night": "2027-01-02", "nights": 1}] * 2,
        ),
        "fixed_stays[1]",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_instance_is_refused_naming_the_field(case, tmp_path, capsys):
    change, field = CASES[case]
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(change(small())))
    assert main([str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert field in err


@pytest.mark.parametrize("case", sorted(CASES))
def test_parse_raises_instance_error_with_the_field(case):
    change, field = CASES[case]
    with pytest.raises(InstanceError) as raised:
        parse_instance(change(small()))
    assert field in raised.value.field


def test_not_json_is_refused(tmp_path, capsys):
    path = tmp_path / "instance.json"
    path.write_text("{ start: 2027-01-01")
    assert main([str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "not valid JSON" in err


def test_missing_file_is_refused(tmp_path, capsys):
    assert main([str(tmp_path / "absent.json")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "cannot read" in err


def test_bad_time_limit_is_refused(capsys):
    assert main([str(DATA / "respite_small.json"), "--time-limit", "0"]) == 2
    assert capsys.readouterr().out == ""


def test_unknown_option_is_refused(capsys):
    assert main([str(DATA / "respite_small.json"), "--fast"]) == 2
    assert capsys.readouterr().out == ""
