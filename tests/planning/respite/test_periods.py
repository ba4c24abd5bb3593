"""Period arithmetic (omsorg.planning.common.periods): ISO weeks, months, horizon cuts."""

import datetime as dt

import pytest

from omsorg.planning.common.periods import (
    Period,
    PeriodShare,
    horizon_nights,
    iso_week_period,
    month_period,
    period_shares,
    prorated_entitlement,
)


def test_iso_week_53_spans_new_year():
    """2026-12-28..2027-01-03 is ISO week 53 of 2026, not week 1 of 2027."""
    for night in (dt.date(2026, 12, 28), dt.date(2027, 1, 1), dt.date(2027, 1, 3)):
        week = iso_week_period(night)
        assert week.key == "2026-W53"
        assert (week.first, week.last) == (dt.date(2026, 12, 28), dt.date(2027, 1, 3))
    assert iso_week_period(dt.date(2027, 1, 4)).key == "2027-W01"


def test_iso_week_1_can_start_in_december():
    """2024-12-30 (a Monday) starts ISO week 1 of 2025."""
    assert iso_week_period(dt.date(2024, 12, 31)).key == "2025-W01"


def test_month_lengths_including_leap_february():
    assert month_period(dt.date(2028, 2, 10)).nights == 29
    assert month_period(dt.date(2027, 2, 10)).nights == 28
    assert month_period(dt.date(2027, 12, 31)).key == "2027-12"


def test_weeks_cut_by_the_horizon_across_new_year():
    shares = period_shares(dt.date(2026, 12, 30), dt.date(2027, 1, 12), "week")
    assert [(s.period.key, s.nights) for s in shares] == [
        ("2026-W53", 5),
        ("2027-W01", 7),
        ("2027-W02", 2),
    ]


@pytest.mark.parametrize(
    ("nights", "inside", "whole", "entitled"),
    [(4, 17, 31, 2), (4, 31, 31, 4), (4, 3, 31, 0), (2, 3, 7, 0), (2, 4, 7, 1), (8, 14, 28, 4)],
)
def test_floor_formula_for_a_period_cut_by_the_horizon(nights, inside, whole, entitled):
    """floor(nights x nights of the period inside the horizon / nights of the whole period)."""
    first = dt.date(2027, 1, 4)
    period = Period(first, first + dt.timedelta(days=whole - 1), "week", "p")
    share = PeriodShare(period, first, first + dt.timedelta(days=inside - 1))
    assert prorated_entitlement(nights, share) == entitled


def test_months_cut_at_both_ends():
    shares = period_shares(dt.date(2027, 1, 15), dt.date(2027, 3, 3), "month")
    assert [(s.period.key, s.nights, prorated_entitlement(4, s)) for s in shares] == [
        ("2027-01", 17, 2),
        ("2027-02", 28, 4),
        ("2027-03", 3, 0),
    ]


def test_horizon_is_one_whole_period():
    shares = period_shares(dt.date(2027, 1, 1), dt.date(2027, 6, 30), "horizon")
    assert len(shares) == 1 and shares[0].nights == shares[0].period.nights == 181
    assert prorated_entitlement(24, shares[0]) == 24


def test_shares_cover_every_night_once():
    start, end = dt.date(2026, 11, 20), dt.date(2027, 2, 5)
    for kind in ("week", "month", "horizon"):
        shares = period_shares(start, end, kind)
        covered = [n for s in shares for n in horizon_nights(s.first, s.last)]
        assert covered == horizon_nights(start, end)
