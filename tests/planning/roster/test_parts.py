"""The neighbourhood search's sub-models (parts.py): a part holds only the free staff's rules
and the cover rows they change, so its objective with the fixed rest as a constant must be the
whole roster's cost, and the merged roster must keep every rule (checked by the reference
checker too). The Norwegian unit has weekly rest, skills and wishes; Curtois & Qu Instance5
has weekends, runs and many cover rows."""

import random
import time

import pytest
from benchmarks.roster.convert import load
from benchmarks.roster.norway import generate

from omsorg.planning.roster import check_roster, evaluate, lns, parse_instance
from omsorg.planning.roster.construct import sequential_roster
from omsorg.planning.roster.model import build_model
from omsorg.planning.roster.solve import _complete, _hint, _roster_of

from . import reference
from .test_curtois import INSTANCES


@pytest.mark.parametrize("source", ["norway", "Instance5"])
def test_a_part_solve_costs_what_the_whole_roster_costs_and_breaks_no_rule(source):
    data = generate() if source == "norway" else load(INSTANCES / f"{source}.txt")
    instance = parse_instance(data)
    model = build_model(instance)
    _hint(model, sequential_roster(instance, time.monotonic() + 2.0))
    first = _complete(model, time.monotonic() + 2.0)
    best = lns.Incumbent(first.values, first.cost)
    layout, rng = lns._Layout(model), random.Random(1)
    for kind in lns.KINDS:
        free = lns._neighbourhood(layout, best, rng, kind, 60)
        _status, found = lns._part_solve(model, best, free, 1.0, rng)
        if found is None:
            continue
        roster = _roster_of(model, found.values)
        assert found.cost == evaluate(instance, roster).total
        assert check_roster(instance, roster) == []
        assert reference.broken(data, {k: list(v) for k, v in roster.items()}) == set()
        best = found
