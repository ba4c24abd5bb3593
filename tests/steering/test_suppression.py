"""Small-group suppression (issue 9 §8): groups of fewer than five persons show no figures;
a single hidden row in a table with a total takes a second row with it."""

import pytest

from omsorg.steering.suppression import (
    MIN_GROUP,
    is_small,
    suppress,
    suppress_figures,
    suppress_table,
)


@pytest.mark.parametrize(
    ("persons", "small"),
    [(0, False), (1, True), (4, True), (5, False), (120, False), (None, False)],
)
def test_a_group_of_one_to_four_persons_is_small(persons, small):
    assert MIN_GROUP == 5
    assert is_small(persons) is small


def test_suppress_hides_the_value_of_a_small_group():
    assert suppress(12.5, 4) is None
    assert suppress(12.5, 5) == 12.5
    assert suppress(0, 0) == 0


def test_suppress_figures_hides_every_person_figure_but_keeps_the_named_ones():
    figures = {"hours": 30, "persons": 3, "budget_nok": 1000}
    shown = suppress_figures(figures, 3, keep=["budget_nok"])
    assert shown == {"hours": None, "persons": None, "budget_nok": 1000, "suppressed": True}
    assert suppress_figures(figures, 7)["suppressed"] is False
    assert suppress_figures(figures, 7)["hours"] == 30


def _rows(*counts):
    return [{"unit": f"U{i}", "persons": n, "hours": n * 10} for i, n in enumerate(counts)]


def test_one_small_row_takes_the_smallest_shown_row_with_it_when_a_total_is_shown():
    shown = suppress_table(_rows(12, 3, 7, 30), lambda r: r["persons"], ["persons", "hours"])
    assert [row["suppressed"] for row in shown] == [False, True, True, False]
    assert shown[1]["hours"] is None and shown[2]["hours"] is None
    assert shown[0]["hours"] == 120
    assert shown[1]["unit"] == "U1"  # the label stays


def test_two_small_rows_need_no_second_suppression():
    shown = suppress_table(_rows(12, 3, 2, 30), lambda r: r["persons"], ["persons", "hours"])
    assert [row["suppressed"] for row in shown] == [False, True, True, False]


def test_without_a_total_only_the_small_rows_are_hidden():
    shown = suppress_table(_rows(12, 3, 7), lambda r: r["persons"], ["hours"], with_total=False)
    assert [row["suppressed"] for row in shown] == [False, True, False]


def test_empty_groups_are_shown_and_never_picked_as_the_second_row():
    shown = suppress_table(_rows(0, 3, 9), lambda r: r["persons"], ["hours"])
    assert [row["suppressed"] for row in shown] == [False, True, True]
