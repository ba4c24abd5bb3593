"""The column generation's relaxation (colgen.py): its bound is a lower bound on every roster
(issue 11, The engine's contract: ``bound`` is the best proven lower bound), its mix of rows
works each person at most one shift a day, and the neighbourhood search frees exactly the
cells the relaxation leaves open."""

import json
import random
import time

import numpy as np
from benchmarks.roster.convert import load
from hypothesis import HealthCheck, assume, given, settings

from omsorg.planning.roster import lns, parse_instance
from omsorg.planning.roster.colgen import ColumnGeneration
from omsorg.planning.roster.construct import Infeasible, sequential_roster
from omsorg.planning.roster.model import build_model

from .bruteforce import best_cost
from .helpers import DATA
from .strategies import tiny_instances
from .test_curtois import INSTANCES


def _relaxed(instance, roster, seconds: float = 2.0):
    generation = ColumnGeneration(instance)
    generation.add_roster(roster)
    return generation.relax(time.monotonic() + seconds)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances())
def test_bound_never_exceeds_the_exhaustive_optimum(data):
    instance = parse_instance(data)
    try:
        start = sequential_roster(instance, time.monotonic() + 1.0)
    except Infeasible:
        assume(False)
    relaxation = _relaxed(instance, start)
    best = best_cost(data)
    assert relaxation.bound <= best + 1e-9
    assert relaxation.value <= best + 1e-6  # the LP relaxes the rosters its columns make
    if relaxation.solved:  # the LP's own value is the bound at its final prices
        assert relaxation.bound >= relaxation.value - 1e-3 - 0.01 * instance.days


def test_instance1_relaxation_lies_between_its_bound_and_the_published_optimum_607():
    data = load(INSTANCES / "Instance1.txt")
    instance = parse_instance(data)
    roster = json.loads((DATA / "roster_curtois1_607.json").read_text())["roster"]
    relaxation = _relaxed(instance, {k: tuple(v) for k, v in roster.items()}, seconds=10.0)
    assert relaxation.solved
    assert 0 < relaxation.bound <= relaxation.value <= 607
    worked = relaxation.cells.sum(axis=2)  # per person and day: at most one shift in all
    assert worked.max() <= 1 + 1e-6 and relaxation.cells.min() >= -1e-9


def test_exactly_priced_relaxation_proves_its_own_value_as_the_bound():
    """Every row of Curtois & Qu 7 is priced by a program (exact): once no row prices out,
    the Lagrangian bound at the master's prices is the LP's value itself."""
    instance = parse_instance(load(INSTANCES / "Instance7.txt"))
    generation = ColumnGeneration(instance)
    assert generation.priced_exactly()
    generation.add_roster(sequential_roster(instance, time.monotonic() + 10.0))
    relaxation = generation.relax(time.monotonic() + 60.0)
    assert relaxation.solved
    assert abs(relaxation.bound - relaxation.value) < 1e-6
    assert 1000 < relaxation.value <= 1056  # 1056: the published optimum's cost


def _instance1_search():
    """Instance1's model, the search's layout of it, and an empty roster's values."""
    instance = parse_instance(load(INSTANCES / "Instance1.txt"))
    model = build_model(instance)
    return instance, model, lns._Layout(model), [0] * len(model.cp.Proto().variables)


def test_relaxed_part_frees_the_fractional_cells_and_those_the_roster_disagrees_with():
    instance, model, layout, values = _instance1_search()
    cells = np.zeros((len(instance.staff), instance.days, len(instance.shift_types)))
    both, fractional, roster_only = (min(k for k in model.shift if k[0] == p) for p in (0, 1, 2))
    values[model.shift[both].Index()] = 1  # worked in the roster and the relaxation: fixed
    cells[both[0], both[1], 0] = 1.0
    cells[fractional[0], fractional[1], 0] = 0.5  # freed
    values[model.shift[roster_only].Index()] = 1  # worked, but not in the relaxation: freed
    relaxation = type("Relaxation", (), {"cells": cells})()
    best = lns.Incumbent(values, 0)
    free = lns._relaxed(layout, best, random.Random(0), relaxation, people=0)
    assert free == {model.shift[fractional].Index(), model.shift[roster_only].Index()}


def test_relaxed_part_over_its_size_frees_the_open_cells_of_some_staff_only():
    instance, model, layout, values = _instance1_search()
    cells = np.full((len(instance.staff), instance.days, len(instance.shift_types)), 0.5)
    relaxation = type("Relaxation", (), {"cells": cells})()  # every cell open
    best = lns.Incumbent(values, 0)
    free = lns._relaxed(layout, best, random.Random(0), relaxation, people=0, size=30)
    owners = {key[0] for key, var in model.shift.items() if var.Index() in free}
    owned = {person: [] for person in range(len(instance.staff))}
    for key, var in model.shift.items():
        owned[key[0]].append(var.Index())
    assert free == {var for person in owners for var in owned[person]}  # whole staff ...
    assert len(free) >= 30  # ... until their cells hold the size,
    assert any(len(free) - len(owned[person]) < 30 for person in owners)  # and no more
    everything = lns._relaxed(layout, best, random.Random(0), relaxation, people=0)
    assert len(everything) == len(model.shift)
