"""The planner in plain words (issue 7, "Planner in plain words"): "every child gets at least
87 % of the nights; no better plan exists" instead of objective values and bounds, and progress
a leader understands. Seed 004 §4 (the respite home) and seed 000 (fair use of the beds)."""

import pytest
from django.utils import translation

from omsorg.planning.respite import Bound, Objective, Plan
from omsorg.planning.respite.plan import Summary
from omsorg.respite.plan_words import percent_at_least, percent_at_most, plan_words, progress_words


def _plan(status="optimal", lowest=0.875, possible=0.875, proven=True) -> Plan:
    return Plan(
        status=status,
        stays=(),
        children=(),
        objective=Objective(0.125, 3, 2, 5, stays=4),
        bound=Bound(0.125, 3 if proven else 1),
        wall_time=1.25,
        summary=Summary(lowest, possible, 2, 3, {"max_shortfall_ratio": proven,
                                                  "total_shortfall": proven}),
    )  # fmt: skip


def test_every_child_gets_at_least_and_no_better_plan_exists():
    words = plan_words(_plan())
    assert (words.lowest_percent, words.share_proven, words.nights_short) == (87, True, 3)
    assert words.stays == 4


def test_time_ran_out_says_what_no_plan_can_beat():
    words = plan_words(_plan(status="feasible", lowest=0.80, possible=0.8751, proven=False))
    assert (words.lowest_percent, words.possible_percent, words.share_proven) == (80, 88, False)
    assert words.nights_short_floor == 1


def test_shares_round_towards_what_is_true():
    """ "At least" rounds down, "not more than" rounds up: neither overstates."""
    assert percent_at_least(0.8799) == 87 and percent_at_most(0.8701) == 88
    assert percent_at_least(1.0) == 100 and percent_at_most(0.5) == 50


def test_an_infeasible_plan_has_no_words_of_shares():
    plan = Plan(status="infeasible", stays=(), children=(), objective=None, bound=None)
    assert plan_words(plan) is None


@pytest.mark.parametrize(
    ("progress", "expected"),
    [
        ({"stage": "max_shortfall_ratio", "objective": 0.25, "bound": 0.1, "wall_time": 0.2},
         "Alle barna får minst 75 % av nettene sine så langt; ingen plan kan gi alle barna mer "
         "enn 90 %."),
        ({"stage": "shortfall", "objective": 0.125, "bound": 0.125, "wall_time": 1.5,
          "terms": {"total_shortfall": 4.0}}, "4 netter mangler i alt"),
        ({"stage": "preferences", "objective": 215.0, "bound": 221.0, "wall_time": 0.2},
         "familienes ønskede netter og ukedager"),
    ],
)  # fmt: skip
def test_progress_in_words_never_shows_raw_objective_values(progress, expected):
    with translation.override("nb"):
        text = progress_words(progress)
    assert expected in text
    assert "215" not in text and "221" not in text
    assert "s)" in text
