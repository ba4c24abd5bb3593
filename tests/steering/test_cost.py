"""The cost chain of issue 9 §3: decided hours → staff hours → FTE → NOK."""

from decimal import Decimal

import pytest

from omsorg.steering.cost import (
    ANNUAL_HOURS_PER_FTE,
    CostAssumptions,
    CostError,
    cost_of_change,
    hours_per_week_of_nights,
)

# Seed 003 §2 (Alver, budget 2023): one staff member for two children in respite, a 37.5 h
# week's FTE, and the cost per FTE the budget line implies.
SEED_003 = CostAssumptions(
    staffing_factor=Decimal("0.5"),
    annual_hours_per_fte=ANNUAL_HOURS_PER_FTE["day"],
    cost_per_fte=Decimal(875_000),
)


def test_259_respite_hours_a_week_are_4_fte_and_nok_3_5_million_seed003():
    """Seed 003: "auke i vedtak for avlasting (259 timer per veke, utgjer 4 årsverk, 3,5 mill.
    kr)"."""
    cost = cost_of_change(Decimal(259), SEED_003)
    assert cost.decided_hours_per_year == 259 * 52
    assert cost.staff_hours_per_year == Decimal(6734)
    assert cost.fte_rounded == 4
    assert cost.cost_millions == Decimal("3.5")
    assert Decimal("3.97") < cost.fte < Decimal("3.98")


def test_every_step_follows_its_assumption():
    one_to_one = CostAssumptions(Decimal(1), Decimal(1695), Decimal(800_000))
    cost = cost_of_change(Decimal("32.6"), one_to_one)
    assert cost.staff_hours_per_year == cost.decided_hours_per_year == Decimal("1695.2")
    assert cost.fte == Decimal("1695.2") / 1695
    assert cost.cost_nok == cost.fte * 800_000
    assert cost_of_change(Decimal(-259), SEED_003).fte_rounded == -4  # fewer hours save


def test_a_small_change_shows_tenths_of_an_fte():
    assert cost_of_change(Decimal(20), SEED_003).fte_rounded == Decimal("0.3")


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("staffing_factor", {"staffing_factor": Decimal(0)}),
        ("annual_hours_per_fte", {"annual_hours_per_fte": Decimal(0)}),
        ("cost_per_fte", {"cost_per_fte": Decimal(-1)}),
        ("weeks_per_year", {"weeks_per_year": Decimal(60)}),
    ],
)
def test_an_assumption_out_of_range_is_named(field, change):
    values = {**SEED_003.__dict__, **change}
    with pytest.raises(CostError) as error:
        cost_of_change(Decimal(10), CostAssumptions(**values))
    assert error.value.field == field


def test_nights_become_hours_a_week_by_the_hours_per_night():
    """Respite decided as 4 nights a month at 16 staffed hours a night."""
    hours = hours_per_week_of_nights(Decimal(4), "month", Decimal(16))
    assert hours == Decimal(64) / (Decimal(52) / 12)
    with pytest.raises(CostError):
        hours_per_week_of_nights(Decimal(4), "fortnight", Decimal(16))
