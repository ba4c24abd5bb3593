"""Reporting periods (issue 9, "Command-line figures"): YYYY, YYYY-MM, YYYY-T1|T2|T3 with
tertials January–April, May–August, September–December."""

import datetime

import pytest

from omsorg.steering.periods import BadPeriod, parse_period

D = datetime.date


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("2024", D(2024, 1, 1), D(2024, 12, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2023-12", D(2023, 12, 1), D(2023, 12, 31)),
        ("2024-T1", D(2024, 1, 1), D(2024, 4, 30)),
        ("2024-T2", D(2024, 5, 1), D(2024, 8, 31)),
        ("2024-T3", D(2024, 9, 1), D(2024, 12, 31)),
    ],
)
def test_a_period_covers_its_days(text, first, last):
    period = parse_period(text)
    assert (period.label, period.first, period.last) == (text, first, last)


@pytest.mark.parametrize("text", ["24", "2024-13", "2024-00", "2024-T4", "2024-1", "T1", ""])
def test_other_periods_are_refused(text):
    with pytest.raises(BadPeriod):
        parse_period(text)
