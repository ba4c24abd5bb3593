"""A person's cheapest row by dynamic programming (program.py) is column generation's exact
pricing (issue 11, the engine's contract: ``bound`` is a proven lower bound, so the pricing
must find the true cheapest row): on tiny instances it equals exhaustive search over every row
the independent checker accepts, and on Curtois & Qu instances it equals CP-SAT's optimum."""

import itertools
import time

import numpy as np
import pytest
from benchmarks.roster.convert import load
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from omsorg.planning.roster import parse_instance
from omsorg.planning.roster.colgen import ColumnGeneration
from omsorg.planning.roster.construct import keeps_rules
from omsorg.planning.roster.program import GRID_LIMIT, RowProgram, program

from . import reference
from .strategies import tiny_instances
from .test_curtois import INSTANCES


def _cost(table: np.ndarray, ids: list[str], row) -> float:
    return float(sum(table[day, ids.index(code)] for day, code in enumerate(row) if code))


def _exhaustive_least(data: dict, person: dict, table: np.ndarray) -> float:
    """The least cost of any row the reference checker accepts for the person alone."""
    alone = dict(data, staff=[person], requests=[], cover=[])
    ids = [t["id"] for t in data["shift_types"]]
    costs = [
        _cost(table, ids, row)
        for row in itertools.product(["", *ids], repeat=data["days"])
        if not reference.broken(alone, {person["id"]: list(row)})
    ]
    return min(costs, default=np.inf)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances(), st.data())
def test_cheapest_row_equals_exhaustive_search(data, draw):
    instance = parse_instance(data)
    ids = [t.id for t in instance.shift_types]
    programs = [program(instance, staff) for staff in instance.staff]
    assume(all(p is not None for p in programs))  # weekly rest or long daily rest: CP-SAT's
    shape = (instance.days, len(ids))
    for person, staff, rows_program in zip(data["staff"], instance.staff, programs, strict=True):
        cells = draw.draw(st.lists(st.integers(-9, 9), min_size=shape[0] * shape[1],
                                   max_size=shape[0] * shape[1]))  # fmt: skip
        table = np.array(cells, dtype=float).reshape(shape)
        rows, least = rows_program.cheapest(table, count=3)
        assert least == _exhaustive_least(data, person, table)
        costs = [_cost(table, ids, row) for row in rows]
        assert costs == sorted(costs, reverse=True) and (not rows or costs[-1] == least)
        assert len(set(rows)) == len(rows)
        for row in rows:
            assert reference.broken(dict(data, staff=[person]), {staff.id: list(row)}) == set()


def test_no_program_where_weekly_rest_is_not_an_arc():
    data = {
        "days": 7,
        "shift_types": [{"id": "D", "minutes": 480, "start": "07:00"}],
        "staff": [{"id": "A"}],
        "rules": {"weekly_rest_hours": 35},
    }
    instance = parse_instance(data)
    assert program(instance, instance.staff[0]) is None


def test_no_program_past_the_grid_limit():
    instance = parse_instance(load(INSTANCES / "Instance14.txt"))
    staff = instance.staff[0]  # minutes × two type counts × weekends × run lengths
    assert RowProgram(instance, staff).size > GRID_LIMIT
    assert program(instance, staff) is None


@pytest.mark.parametrize("number", [7, 12, 16])
def test_cheapest_row_equals_cp_sat_on_curtois_qu(number):
    """Curtois & Qu 7 (three types), 12 (ten) and 16 (56 days): the same least cost as
    CP-SAT's proven optimum for the first people under a random price table."""
    instance = parse_instance(load(INSTANCES / f"Instance{number}.txt"))
    generation = ColumnGeneration(instance)
    rng = np.random.default_rng(number)
    for person, staff in enumerate(instance.staff[:4]):
        table = rng.integers(-200, 100, size=(instance.days, len(instance.shift_types)))
        rows, least = program(instance, staff).cheapest(table.astype(float), count=2)
        found = generation._cheapest_by_solver(person, table, time.monotonic() + 30)
        assert found is not None
        solver_rows, solver_least = found
        ids = [t.id for t in instance.shift_types]
        assert _cost(table, ids, solver_rows[-1]) == least  # CP-SAT at its optimum
        assert solver_least <= least
        assert all(keeps_rules(instance, staff, row) for row in rows)
