"""A malformed instance is refused: exit code 2, nothing on stdout, the field named on stderr
(issue 10, "The engine's contract")."""

import json

import pytest

from omsorg.planning.routing.__main__ import main
from omsorg.planning.routing.instance import InstanceError
from omsorg.planning.routing.parse import parse_instance

from .helpers import small


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


CASES = [
    # (change, field named in the error)
    (_set(["staff", 0, "start"], "nowhere"), "staff[0].start"),
    (_set(["staff", 1, "end"], "nowhere"), "staff[1].end"),
    (_set(["visits", 2, "location"], "p9"), "visits[2].location"),
    (_set(["visits", 0, "preferred_staff"], ["s7"]), "visits[0].preferred_staff[0]"),
    (_set(["travel"], [[0, 1], [1, 0]]), "travel"),
    (_set(["travel", 2], [12, 6]), "travel[2]"),
    (_set(["distance"], [[0]]), "distance"),
    (_set(["travel", 1, 2], -6), "travel[1][2]"),
    (_set(["distance", 0, 1], -1), "distance[0][1]"),
    (_set(["visits", 1, "duration"], -5), "visits[1].duration"),
    (_set(["visits", 1, "window"], [600, 590]), "visits[1].window"),
    (_set(["visits", 1, "window"], [-10, 590]), "visits[1].window[0]"),
    (_set(["visits", 1, "window"], [600]), "visits[1].window"),
    (_set(["staff", 0, "shift"], [930, 420]), "staff[0].shift"),
    (_set(["staff", 0, "shift"], [-1, 420]), "staff[0].shift[0]"),
    (_set(["staff", 0, "capacity"], -2), "staff[0].capacity"),
    (_set(["visits", 0, "demand"], "two"), "visits[0].demand"),
    (_set(["visits", 0, "window_hard"], "yes"), "visits[0].window_hard"),
    (_set(["visits", 0, "skills"], "nurse"), "visits[0].skills"),
    (_set(["links", 0, "first"], "v42"), "links[0].first"),
    (_set(["links", 1, "second"], "v42"), "links[1].second"),
    (_set(["links", 1, "second"], "v1"), "links[1].second"),
    (_set(["links", 1, "max_gap"], 60), "links[1].max_gap"),
    (_set(["links", 1, "min_gap"], -5), "links[1].min_gap"),
    (_set(["weights", "travel"], -1), "weights.travel"),
    (_set(["weights", "speed"], 1), "weights.speed"),
    (_set(["visits", 3, "id"], "v1"), "visits[3].id"),
    (_set(["staff", 1, "id"], "s1"), "staff[1].id"),
    (_set(["locations", 3], "p1"), "locations[3]"),
    (_set(["visits", 0, "colour"], "red"), "visits[0].colour"),
    (_delete(["visits", 0, "window"]), "visits[0].window"),
    (_delete(["staff", 0, "shift"]), "staff[0].shift"),
    (_delete(["travel"]), "travel"),
    (_set(["staff"], {}), "staff"),
    (_set(["visits", 0, "duration"], True), "visits[0].duration"),
]


@pytest.mark.parametrize(("change", "field"), CASES)
def test_the_error_names_the_field(change, field):
    with pytest.raises(InstanceError) as error:
        parse_instance(change(small()))
    assert error.value.field == field


@pytest.mark.parametrize(("change", "field"), CASES[:12])
def test_the_command_exits_2_with_nothing_on_stdout(change, field, tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(change(small())))
    assert main([str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert field in err


def test_not_json_is_refused(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text("{not json")
    assert main([str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "(file)" in err
