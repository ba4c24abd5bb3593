"""The incremental cost of an insertion equals the change of the full least schedule (insert.py
against model.py), on random placements into random plans of small random instances."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from omsorg.planning.routing.insert import _inserted, change, positions
from omsorg.planning.routing.model import RoutingModel, schedule
from omsorg.planning.routing.parse import parse_instance
from omsorg.planning.routing.search import construct

from .strategies import instances


@settings(max_examples=40)
@given(instances(max_visits=6, max_staff=3), st.integers(0, 10**6))
def test_incremental_change_equals_the_full_schedule(data, seed):
    rng = random.Random(seed)
    model = RoutingModel(parse_instance(data))
    empty = schedule(model, [[] for _ in range(model.m)])
    if empty is None:
        return
    state = construct(model, empty, rng)
    group = rng.choice(model.components)
    ruined = schedule(model, [[v for v in r if v not in group] for r in state.routes])
    if ruined is None:
        return
    placements, routes = [], ruined.routes
    for v in group:
        options = positions(model, routes, v)
        if not options:
            return
        _, k, p = rng.choice(options)
        placements.append((v, k, p))
        routes = _inserted(routes, [(v, k, p)])
    incremental = change(model, ruined, tuple(placements))
    full = schedule(model, routes)
    if incremental is None:
        return  # refused: either infeasible or (rarely) a long cycle of pushes
    assert full is not None
    assert abs(incremental - (full.total - ruined.total)) <= 1e-6 * max(1.0, abs(full.total))
