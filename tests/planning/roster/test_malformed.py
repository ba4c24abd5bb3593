"""Malformed instances are refused with an error naming the field (issue 11, the engine's
contract): unknown shift or staff, a day outside the horizon, min > max, a bad time, and the
other fields' types."""

import json

import pytest

from omsorg.planning.roster import InstanceError, parse_instance
from omsorg.planning.roster.parse import parse_text

from .helpers import DATA


def _small() -> dict:
    return json.loads((DATA / "roster_small.json").read_text())


def _refused(data: dict) -> str:
    with pytest.raises(InstanceError) as caught:
        parse_instance(data)
    return caught.value.field


def test_the_small_instance_is_sound():
    assert parse_instance(_small()).days == 7


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.pop("days"), "days"),
        (lambda d: d.update(days=0), "days"),
        (lambda d: d.update(days="14"), "days"),
        (lambda d: d.update(start="04.01.2027"), "start"),
        (lambda d: d.update(start="2027-02-30"), "start"),
        (lambda d: d.update(surprise=1), "surprise"),
        (lambda d: d["shift_types"][0].update(start="7:30"), "shift_types[0].start"),
        (lambda d: d["shift_types"][0].update(start="24:00"), "shift_types[0].start"),
        (lambda d: d["shift_types"][1].update(start="15:60"), "shift_types[1].start"),
        (lambda d: d["shift_types"][0].update(minutes=0), "shift_types[0].minutes"),
        (lambda d: d["shift_types"][1].update(id="D"), "shift_types[1].id"),
        (
            lambda d: d["shift_types"][1].update(cannot_be_followed_by=["X"]),
            "shift_types[1].cannot_be_followed_by[0]",
        ),
        (lambda d: d["staff"][1].update(id="Ingrid"), "staff[1].id"),
        (lambda d: d["staff"][0].update(max_shifts={"X": 3}), "staff[0].max_shifts.X"),
        (lambda d: d["staff"][0].update(max_shifts={"D": -1}), "staff[0].max_shifts.D"),
        (lambda d: d["staff"][0].update(minutes=[4000, 3000]), "staff[0].minutes"),
        (lambda d: d["staff"][0].update(minutes=[3000]), "staff[0].minutes"),
        (lambda d: d["staff"][2].update(consecutive_shifts=[4, 2]), "staff[2].consecutive_shifts"),
        (
            lambda d: d["staff"][2].update(consecutive_shifts=[0, 2]),
            "staff[2].consecutive_shifts[0]",
        ),
        (lambda d: d["staff"][3].update(max_weekends=-1), "staff[3].max_weekends"),
        (
            lambda d: d["staff"][3].update(min_consecutive_days_off=-2),
            "staff[3].min_consecutive_days_off",
        ),
        (lambda d: d["staff"][2].update(days_off=[3, 7]), "staff[2].days_off[1]"),
        (lambda d: d["staff"][2].update(skills="vernepleier"), "staff[2].skills"),
        (lambda d: d["requests"][0].update(staff="Nobody"), "requests[0].staff"),
        (lambda d: d["requests"][1].update(day=-1), "requests[1].day"),
        (lambda d: d["requests"][1].update(shift="X"), "requests[1].shift"),
        (lambda d: d["requests"][2].update(on="yes"), "requests[2].on"),
        (lambda d: d["requests"][2].update(weight=-1), "requests[2].weight"),
        (lambda d: d["requests"][2].pop("weight"), "requests[2].weight"),
        (lambda d: d["cover"][0].update(day=7), "cover[0].day"),
        (lambda d: d["cover"][1].update(shift="X"), "cover[1].shift"),
        (lambda d: d["cover"][2].update(required=-1), "cover[2].required"),
        (lambda d: d["cover"][2].update(under_weight=1.5), "cover[2].under_weight"),
        (lambda d: d["cover"][3].update(skill=3), "cover[3].skill"),
        (lambda d: d["rules"].update(daily_rest_hours="11"), "rules.daily_rest_hours"),
        (lambda d: d["rules"].update(weekly_rest_hours=200), "rules.weekly_rest_hours"),
        (lambda d: d["rules"].update(monthly_rest_hours=1), "rules.monthly_rest_hours"),
    ],
)
def test_malformed_field_is_named(change, field):
    data = _small()
    change(data)
    assert _refused(data) == field


def test_not_json_names_the_file():
    with pytest.raises(InstanceError) as caught:
        parse_text("{")
    assert caught.value.field == "(file)"
