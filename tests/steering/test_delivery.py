"""Decided vs delivered (issue 9 §2), the pure rules against hand-computed figures: a scope's
amount over a period, nights in hours, fulfilment, under- and over-delivery, persons with a
decision and no delivery, deliveries with no decision."""

import datetime
from decimal import Decimal

from omsorg.steering.delivery import (
    DEFAULT_HOURS_PER_NIGHT,
    DecidedService,
    Delivered,
    Status,
    compare,
    decided_amount,
    totals,
    totals_by_unit,
)

D = datetime.date
JAN_1, JAN_31 = D(2025, 1, 1), D(2025, 1, 31)


def test_hours_a_week_over_a_month_count_days_over_seven():
    # 7 hours a week over January's 31 days = 31 hours.
    assert decided_amount(7, "week", None, None, JAN_1, JAN_31) == 31


def test_a_decision_valid_part_of_the_period_counts_only_its_days():
    # Valid from 22 January: 10 days of 7 h/week = 10 h.
    assert decided_amount(7, "week", D(2025, 1, 22), None, JAN_1, JAN_31) == 10
    # Ended before the period: nothing.
    assert decided_amount(7, "week", None, D(2024, 12, 31), JAN_1, JAN_31) == 0


def test_a_month_scope_is_prorated_by_the_share_of_each_month():
    # 10 hours a month, 1 Jan – 15 Feb 2025: 10 + 10 × 15/28.
    amount = decided_amount(10, "month", None, None, JAN_1, D(2025, 2, 15))
    assert amount == Decimal(10) + Decimal(10) * 15 / 28


def test_a_year_scope_counts_days_of_the_year():
    assert decided_amount(365, "year", None, None, JAN_1, JAN_31) == 31
    assert decided_amount(366, "year", None, None, D(2024, 2, 1), D(2024, 2, 29)) == 29


def test_a_scope_per_stay_has_no_amount_in_a_period():
    assert decided_amount(3, "stay", None, None, JAN_1, JAN_31) is None


def _decision(person, code="practical_help", unit=1, quantity=7, scope="hours", per="week"):
    return DecidedService(person, code, unit, quantity, scope, per, None, None)


def test_fulfilment_under_over_and_missing_deliveries():
    decisions = [
        _decision(1),  # 31 h decided, 31 delivered: as decided
        _decision(2),  # 31 h decided, 20 delivered: under by 11
        _decision(3),  # 31 h decided, 40 delivered: over by 9
        _decision(4),  # 31 h decided, nothing delivered
    ]
    deliveries = [
        Delivered(1, "practical_help", 1, hours=Decimal(31)),
        Delivered(2, "practical_help", 1, hours=Decimal(20)),
        Delivered(3, "practical_help", 1, hours=Decimal(40)),
        Delivered(5, "practical_help", 2, hours=Decimal(6)),  # no decision in force
    ]
    lines = compare(decisions, deliveries, JAN_1, JAN_31)
    assert [line.status for line in lines] == [
        Status.AS_DECIDED, Status.UNDER, Status.OVER, Status.NO_DELIVERY, Status.NO_DECISION,
    ]  # fmt: skip
    assert lines[4].unit_id == 2  # a delivery without a decision belongs to its unit
    result = totals(lines)
    assert result.decided_hours == 124
    assert result.delivered_hours == 91  # the 6 h without a decision are counted apart
    assert result.hours_without_decision == 6
    assert result.fulfilment_pct == Decimal("73.39")  # 91 / 124
    assert (result.under_hours, result.over_hours) == (11 + 31, 9)
    assert (result.persons, result.persons_with_decision) == (5, 4)
    assert (result.persons_under, result.persons_over) == (1, 1)
    assert (result.persons_no_delivery, result.persons_no_decision) == (1, 1)


def test_within_the_tolerance_is_as_decided():
    lines = compare([_decision(1)], [Delivered(1, "practical_help", 1, hours=Decimal(28))],
                    JAN_1, JAN_31)  # fmt: skip
    assert lines[0].status == Status.AS_DECIDED  # 28 of 31 is within 10 %


def test_respite_nights_are_compared_in_nights_and_in_hours_per_night():
    # 4 nights a month in January, 3 nights of stays delivered; 16 h a night configured.
    decision = _decision(1, code="respite_home", quantity=4, scope="nights", per="month")
    stay = Delivered(1, "respite_home", 1, nights=3)
    (line,) = compare([decision], [stay], JAN_1, JAN_31,
                      hours_per_night={"respite_home": Decimal(16)})  # fmt: skip
    assert (line.measure, line.decided, line.delivered) == ("nights", 4, 3)
    assert (line.decided_hours, line.delivered_hours) == (64, 48)
    assert line.status == Status.UNDER
    assert line.fulfilment_pct == Decimal("75.00")


def test_nights_without_configuration_use_the_default_hours():
    decision = _decision(1, code="respite_home", quantity=2, scope="nights", per="month")
    (line,) = compare([decision], [], JAN_1, JAN_31)
    assert line.decided_hours == 2 * DEFAULT_HOURS_PER_NIGHT
    assert line.status == Status.NO_DELIVERY


def test_visits_and_care_allowance_are_not_compared_in_hours():
    visits = _decision(1, code="home_nursing", quantity=14, scope="visits")
    allowance = _decision(2, code="care_allowance", quantity=40, per="month")
    lines = compare([visits, allowance], [], JAN_1, JAN_31)
    assert [(line.service_code, line.status) for line in lines] == [
        ("home_nursing", Status.NOT_COMPARABLE)
    ]
    assert totals(lines).decisions_not_comparable == 1
    assert totals(lines).persons == 0


def test_two_decisions_of_one_person_and_service_add_up_and_deliveries_from_another_unit_count():
    first = DecidedService(1, "practical_help", 1, 7, "hours", "week", None, D(2025, 1, 14))
    second = DecidedService(1, "practical_help", 1, 14, "hours", "week", D(2025, 1, 15), None)
    delivered = [
        Delivered(1, "practical_help", 1, hours=Decimal(30)),
        Delivered(1, "practical_help", 9, hours=Decimal(15)),
    ]
    (line,) = compare([first, second], delivered, JAN_1, JAN_31)
    assert line.decided_hours == 14 + 34  # 14 days of 7 h/week, 17 days of 14 h/week
    assert line.delivered_hours == 45
    assert line.unit_id == 1  # the decision's providing unit


def test_a_decision_without_a_providing_unit_takes_the_unit_that_delivered_most():
    decision = _decision(1, unit=None)
    delivered = [
        Delivered(1, "practical_help", 3, hours=Decimal(5)),
        Delivered(1, "practical_help", 4, hours=Decimal(20)),
    ]
    (line,) = compare([decision], delivered, JAN_1, JAN_31)
    assert line.unit_id == 4


def test_totals_by_unit_split_the_lines():
    lines = compare(
        [_decision(1, unit=1), _decision(2, unit=2)],
        [Delivered(1, "practical_help", 1, hours=Decimal(31))],
        JAN_1, JAN_31,
    )  # fmt: skip
    by_unit = totals_by_unit(lines)
    assert by_unit[1].fulfilment_pct == Decimal("100.00")
    assert by_unit[2].persons_no_delivery == 1


def test_no_decided_hours_gives_no_fulfilment():
    assert totals([]).fulfilment_pct is None
