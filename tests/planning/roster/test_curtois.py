"""The Curtois & Qu benchmark through the converter (benchmarks/roster): the instances parse
into the contract, and an optimal Instance1 roster costs exactly the published optimum 607 by
both checkers, breaking no rule."""

import json

import pytest
from benchmarks.roster.convert import load
from benchmarks.roster.norway import generate

from omsorg.planning.roster import parse_instance

from .helpers import DATA, engine_and_reference_agree
from .reference import cost

INSTANCES = DATA.parent.parent.parent / "benchmarks" / "roster" / "instances"


@pytest.mark.parametrize("number", [1, 2, 5, 10, 16])
def test_converted_instance_is_a_valid_contract(number):
    data = load(INSTANCES / f"Instance{number}.txt")
    instance = parse_instance(data)
    assert instance.start.weekday() == 0  # every benchmark instance starts on a Monday
    assert len(instance.staff) == len(data["staff"])


def test_instance1_optimal_roster_costs_the_published_607():
    data = load(INSTANCES / "Instance1.txt")
    roster = json.loads((DATA / "roster_curtois1_607.json").read_text())["roster"]
    assert engine_and_reference_agree(data, roster) == set()
    assert cost(data, roster)["total"] == 607


def test_norwegian_unit_is_a_valid_contract_of_the_issue_size():
    data = generate()
    instance = parse_instance(data)
    assert 20 <= len(instance.staff) <= 25
    assert instance.days == 42
    assert {t.id for t in instance.shift_types} == {"D", "A", "N"}
