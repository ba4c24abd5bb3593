"""The competence register's pure rules (issue 11 §1; seed 001 TT mål 1.2: 34 %)."""

import datetime
from decimal import Decimal

import pytest

from omsorg.staffing.rules import (
    EXPIRY_WARNING_DAYS,
    expires_soon,
    hpr_is_valid,
    is_valid_on,
    share_percent,
)

TODAY = datetime.date.today()


@pytest.mark.parametrize("value", ["1234567", "12345678", "123456789"])
def test_hpr_number_of_7_to_9_digits_is_valid(value):
    assert hpr_is_valid(value)


@pytest.mark.parametrize("value", ["", "123456", "1234567890", "12345a7", " 1234567", "123 4567"])
def test_hpr_number_of_other_form_is_refused(value):
    assert not hpr_is_valid(value)


def test_certificate_counts_through_its_expiry_day():
    assert is_valid_on(TODAY, TODAY)
    assert not is_valid_on(TODAY - datetime.timedelta(days=1), TODAY)
    assert is_valid_on(None, TODAY)


def test_expires_soon_is_within_the_90_days_from_today():
    edge = TODAY + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    assert expires_soon(edge, TODAY)
    assert not expires_soon(edge + datetime.timedelta(days=1), TODAY)
    assert not expires_soon(TODAY - datetime.timedelta(days=1), TODAY)  # already expired
    assert not expires_soon(None, TODAY)


def test_share_weighs_position_sizes_not_heads():
    # Two 50 % social educators and one 100 % assistant: half the positions.
    assert share_percent([Decimal(50), Decimal(50)], [Decimal(50)] * 2 + [Decimal(100)]) == 50
    assert share_percent([], []) is None
