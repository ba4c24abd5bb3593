"""The first roster by cheapest paths (pattern.py, construct.py) on tiny instances against
exhaustive search: every row a path gives keeps every rule by the reference checker; without
the counted rules (minutes, shift maximums, weekends) the automaton finds a row exactly when one
exists; and the first roster built by paths (CP-SAT only for the people the paths miss) passes
the checker, or the instance really is infeasible."""

import itertools
import time

import pytest
from benchmarks.roster.convert import load
from hypothesis import HealthCheck, assume, given, settings

from omsorg.planning.roster import check_roster, construct, evaluate, parse_instance, pattern
from omsorg.planning.roster.construct import CoverTable, Infeasible, sequential_roster

from . import reference
from .bruteforce import best_cost
from .strategies import tiny_instances
from .test_curtois import INSTANCES

COUNTED = ("minutes", "max_shifts", "max_weekends")


def _path_rows(data: dict) -> dict:
    instance = parse_instance(data)
    cover, rows = CoverTable(instance), {}

    def done(staff, row):
        rows[staff.id] = row

    pattern.rows(instance, list(instance.staff), cover.costs, done)
    return rows


def _has_row(data: dict, person: dict) -> bool:
    alone = dict(data, staff=[person], requests=[], cover=[])
    codes = ["", *(t["id"] for t in data["shift_types"])]
    return any(
        not reference.broken(alone, {person["id"]: list(row)})
        for row in itertools.product(codes, repeat=data["days"])
    )


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances())
def test_every_row_a_path_gives_keeps_every_rule(data):
    assume(pattern.applies(parse_instance(data)))
    for staff_id, row in _path_rows(data).items():
        if row is not None:
            alone = dict(data, staff=[p for p in data["staff"] if p["id"] == staff_id])
            assert reference.broken(alone, {staff_id: list(row)}) == set()


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances())
def test_without_counted_rules_a_path_exists_exactly_when_a_row_does(data):
    data["staff"] = [{k: v for k, v in p.items() if k not in COUNTED} for p in data["staff"]]
    assume(pattern.applies(parse_instance(data)))
    rows = _path_rows(data)
    for person in data["staff"]:
        assert (rows[person["id"]] is not None) == _has_row(data, person)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances())
def test_a_first_roster_by_paths_keeps_every_rule_or_the_instance_is_infeasible(data):
    instance = parse_instance(data)
    assume(pattern.applies(instance))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(construct, "PATTERN_DAYS", 0)  # paths first, whatever the horizon
        try:
            roster = sequential_roster(instance, time.monotonic() + 2.0)
        except Infeasible:
            assert best_cost(data) is None
            return
    assert check_roster(instance, roster) == []
    assert reference.broken(data, {k: list(v) for k, v in roster.items()}) == set()


def test_a_half_year_first_roster_by_paths_keeps_every_rule():
    """Curtois & Qu Instance20: 182 days, 50 staff (not timed here; benchmarks/roster)."""
    data = load(INSTANCES / "Instance20.txt")
    instance = parse_instance(data)
    roster = sequential_roster(instance, time.monotonic() + 30.0)
    assert check_roster(instance, roster) == []
    assert reference.broken(data, {k: list(v) for k, v in roster.items()}) == set()


def test_rows_by_paths_improve_a_roster_without_breaking_a_rule():
    """The neighbourhood search of long horizons (improve_by_paths) keeps a row only when it
    is cheaper with everyone else fixed: the cost never rises, and every rule holds (Instance18,
    84 days)."""
    data = load(INSTANCES / "Instance18.txt")
    instance = parse_instance(data)
    first = sequential_roster(instance, time.monotonic() + 10.0)
    better = construct.improve_by_paths(instance, first, time.monotonic() + 1.5)
    assert evaluate(instance, better).total <= evaluate(instance, first).total
    assert check_roster(instance, better) == []
    assert reference.broken(data, {k: list(v) for k, v in better.items()}) == set()
