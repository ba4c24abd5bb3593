"""The care-allowance calculation (omsorgsstønad), seed 004 §1.8; pure, no database."""

from datetime import date
from decimal import Decimal

import pytest

from omsorg.cases.care_allowance import (
    FULL_TIME_HOURS_PER_MONTH,
    CareAllowanceError,
    CareFacts,
    Level,
    Rate,
    Weighing,
    calculate,
    normal_care_hours,
)

RATE = Rate(valid_from=date(2026, 1, 1), hourly_rate=Decimal("236.00"))
N, S, H = Level.NONE, Level.SOME, Level.HEAVY


def facts(hours=100, strain=N, night=N, isolation=N, age=30, assistance=0, other=0):
    return CareFacts(
        care_hours_per_month=Decimal(hours),
        strain=strain,
        night_work=night,
        isolation=isolation,
        subject_age=age,
        assistance_allowance_per_month=Decimal(assistance),
        other_allowance_hours=Decimal(other),
    )


def test_hours_are_weighed_by_strain_night_work_and_isolation_seed004_1_8():
    none = calculate(facts(), RATE)
    strain = calculate(facts(strain=H), RATE)
    all_heavy = calculate(facts(strain=H, night=H, isolation=H), RATE)
    assert none.share == Weighing().base_share
    assert none.hours < strain.hours < all_heavy.hours
    # Heavy on all three compensates every net hour, and never more.
    assert all_heavy.share == 1
    assert all_heavy.hours == 100
    assert calculate(facts(strain=S), RATE).share == Weighing().base_share + Weighing().some


def test_amount_is_hours_times_the_rate_in_force_seed004_1_8():
    result = calculate(facts(strain=H, night=S), RATE)
    assert result.hours == 70  # 100 h x (40 + 20 + 10) %
    assert result.monthly_amount == Decimal("16520.00")  # 70 x 236
    assert result.rate_valid_from == RATE.valid_from
    next_year = Rate(valid_from=date(2027, 1, 1), hourly_rate=Decimal("245.50"))
    assert calculate(facts(strain=H, night=S), next_year).monthly_amount == Decimal("17185.00")


def test_normal_parental_care_is_deducted_for_children_only_seed004_1_8():
    child = calculate(facts(hours=100, age=8, strain=H, night=H, isolation=H), RATE)
    assert child.normal_care_hours == normal_care_hours(8) > 0
    assert child.net_hours == 100 - normal_care_hours(8)
    adult = calculate(facts(hours=100, age=18, strain=H, night=H, isolation=H), RATE)
    assert adult.normal_care_hours == 0 and adult.net_hours == 100
    # The younger the child, the more care any parent gives.
    assert (
        normal_care_hours(1) > normal_care_hours(4) > normal_care_hours(8) > normal_care_hours(15)
    )


def test_care_below_normal_parental_care_gives_nothing_seed004_1_8():
    result = calculate(facts(hours=10, age=2, strain=H, night=H, isolation=H), RATE)
    assert result.net_hours == 0 and result.hours == 0 and result.monthly_amount == 0


def test_granted_assistance_allowance_is_deducted_from_the_hours_seed004_1_8():
    # hjelpestønad of 2 360 kr a month = 10 hours at 236 kr.
    result = calculate(facts(strain=H, night=H, isolation=H, assistance=2360), RATE)
    assert result.assistance_hours == 10
    assert result.hours == 90
    more = calculate(facts(strain=H, night=H, isolation=H, assistance=100_000), RATE)
    assert more.hours == 0 and more.monthly_amount == 0  # never negative


def test_allowance_and_assistance_never_exceed_100_percent_seed004_1_8():
    # 400 hours of heavy care and 4 000 kr hjelpestønad: capped at a full-time month.
    result = calculate(facts(hours=400, strain=H, night=H, isolation=H, assistance=4000), RATE)
    assert result.capped
    total_nok = result.monthly_amount + Decimal(4000)
    assert total_nok <= FULL_TIME_HOURS_PER_MONTH * RATE.hourly_rate
    assert result.hours == int(FULL_TIME_HOURS_PER_MONTH - result.assistance_hours)


def test_the_100_percent_is_per_person_cared_for_across_carers_seed004_1_8():
    # Another carer of the same person already has 100 hours: this carer gets the rest.
    result = calculate(facts(hours=400, strain=H, night=H, isolation=H, other=100), RATE)
    assert result.capped
    assert result.hours + 100 <= FULL_TIME_HOURS_PER_MONTH
    assert result.hours == 62


def test_bad_facts_are_refused_with_the_field_named():
    with pytest.raises(CareAllowanceError) as error:
        calculate(facts(hours=-1), RATE)
    assert error.value.field == "care_hours_per_month"
    with pytest.raises(CareAllowanceError) as error:
        calculate(facts(hours=800), RATE)
    assert error.value.field == "care_hours_per_month"
    with pytest.raises(CareAllowanceError) as error:
        calculate(facts(), Rate(valid_from=date(2026, 1, 1), hourly_rate=Decimal(0)))
    assert error.value.field == "hourly_rate"
