"""Figures shown with a set number of decimals are rounded half up, never cut (core/numbers.py):
Django's number formatting alone turns 13,29 with one decimal into "13,2"."""

from decimal import Decimal

import pytest
from django.utils import translation

from omsorg.core.money import nok
from omsorg.core.numbers import number, rounded
from omsorg.steering.report import one_decimal, percent, whole_kroner


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("13.29"), 1, Decimal("13.3")),
        (13.25, 1, Decimal("13.3")),  # half up, not to even
        (Decimal("66.6"), 0, Decimal("67")),
        ("1234.565", 2, Decimal("1234.57")),
        (Decimal("-2.45"), 1, Decimal("-2.5")),
        (7, 2, Decimal("7.00")),
    ],
)
def test_rounded_half_up(value, places, expected):
    assert rounded(value, places) == expected
    assert str(rounded(value, places)) == str(expected)


def test_shown_figures_are_rounded_in_norwegian():
    with translation.override("nb"):
        assert number(Decimal("13.29"), 1) == "13,3"
        assert one_decimal(Decimal("13.29")) == "13,3"
        assert percent(Decimal("10.315")) == "10,32\u00a0%"
        assert whole_kroner(Decimal("2637999.5")) == "2\u00a0638\u00a0000\u00a0kr"
    assert nok(Decimal("1234.567")) == "1\u00a0234,57\u00a0kr"
