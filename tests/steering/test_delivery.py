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
                      hours_per_unit={("respite_home", "nights"): Decimal(16)})  # fmt: skip
    assert (line.measure, line.decided, line.delivered) == ("nights", 4, 3)
    assert (line.decided_hours, line.delivered_hours) == (64, 48)
    assert line.status == Status.UNDER
    assert line.fulfilment_pct == Decimal("75.00")


def test_nights_without_configuration_use_the_default_hours():
    decision = _decision(1, code="respite_home", quantity=2, scope="nights", per="month")
    (line,) = compare([decision], [], JAN_1, JAN_31)
    assert line.decided_hours == 2 * DEFAULT_HOURS_PER_NIGHT
    assert line.status == Status.NO_DELIVERY


def test_visits_without_hours_per_visit_and_care_allowance_are_not_compared():
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


def test_visits_count_as_hours_with_the_services_hours_per_visit():
    # Home nursing 14 visits a week in January (31 days): 14 × 31 / 7 = 62 visits; ½ hour a
    # visit = 31 decided hours. 27.5 hours registered = 55 visits: 88.71 %, under.
    decision = _decision(1, code="home_nursing", quantity=14, scope="visits")
    delivered = Delivered(1, "home_nursing", 1, hours=Decimal("27.5"), days=31)
    (line,) = compare([decision], [delivered], JAN_1, JAN_31,
                      hours_per_unit={("home_nursing", "visits"): Decimal("0.5")})  # fmt: skip
    assert (line.measure, line.in_hours, line.hours_per_unit) == ("visits", True, Decimal("0.5"))
    assert (line.decided, line.delivered) == (62, 55)
    assert (line.decided_hours, line.delivered_hours) == (31, Decimal("27.5"))
    assert line.fulfilment_pct == Decimal("88.71")  # 27.5 / 31
    assert line.status == Status.UNDER  # more than 10 % short
    result = totals([line])
    assert (result.decided_hours, result.delivered_hours) == (31, Decimal("27.5"))
    assert result.under_hours == Decimal("3.5")
    assert result.own_unit == {}


def test_day_centre_days_without_hours_per_day_are_compared_in_days():
    # Day services 3 days a week in January: 3 × 31 / 7 = 13.2857 days decided; 12 days
    # registered (72 hours at 6 h a day): 90.32 %, within the tolerance. Never in the hours.
    decision = _decision(1, code="day_services", quantity=3, scope="days")
    delivered = Delivered(1, "day_services", 1, hours=Decimal(72), days=12)
    (line,) = compare([decision], [delivered], JAN_1, JAN_31)
    assert (line.measure, line.in_hours, line.hours_per_unit) == ("days", False, None)
    assert line.decided == Decimal(3) * 31 / 7
    assert line.delivered == 12
    assert line.fulfilment_pct == Decimal("90.32")  # 12 / (93 / 7)
    assert line.status == Status.AS_DECIDED
    result = totals([line])
    assert (result.decided_hours, result.delivered_hours) == (0, 0)
    assert result.fulfilment_pct is None  # no hours compared
    (days,) = result.own_unit_rows
    assert (days.measure, days.delivered, days.lines) == ("days", 12, 1)
    assert days.fulfilment_pct == Decimal("90.32")
    assert (result.persons, result.persons_with_decision) == (1, 1)


def test_meals_are_compared_in_meals_a_registered_day_one_meal():
    # Meal delivery 7 meals a week in January = 31 meals; 20 days registered: 64.52 %, under.
    # A second person: 5 meals a week and nothing registered: no delivery.
    meals = _decision(1, code="meal_delivery", quantity=7, scope="meals")
    none = _decision(2, code="meal_delivery", quantity=5, scope="meals")
    delivered = Delivered(1, "meal_delivery", 1, hours=Decimal(5), days=20)
    lines = compare([meals, none], [delivered], JAN_1, JAN_31)
    assert [(line.decided, line.delivered, line.status) for line in lines] == [
        (31, 20, Status.UNDER), (Decimal(5) * 31 / 7, 0, Status.NO_DELIVERY),
    ]  # fmt: skip
    assert lines[0].fulfilment_pct == Decimal("64.52")
    result = totals(lines)
    (row,) = result.own_unit_rows
    assert row.decided == 31 + Decimal(155) / 7  # 53.142857…
    assert row.delivered == 20
    assert row.fulfilment_pct == Decimal("37.63")  # 20 / 53.142857
    assert (result.persons_under, result.persons_no_delivery) == (1, 1)


def test_days_with_hours_per_day_configured_count_as_hours():
    # Respite by day in a respite home: 2 days a week with 8 hours a day over January:
    # 2 × 31 / 7 × 8 = 70.857 decided hours; 64 hours registered (8 days): 90.32 %.
    decision = _decision(1, code="respite_home", quantity=2, scope="days")
    delivered = Delivered(1, "respite_home", 1, hours=Decimal(64), days=8)
    (line,) = compare([decision], [delivered], JAN_1, JAN_31,
                      hours_per_unit={("respite_home", "days"): Decimal(8)})  # fmt: skip
    assert line.in_hours and line.decided_hours == Decimal(2) * 31 / 7 * 8
    assert line.delivered == 8  # days: 64 hours at 8 hours a day
    assert line.fulfilment_pct == Decimal("90.32")


def test_weekends_without_hours_per_weekend_are_not_compared():
    decision = _decision(1, code="farm_respite", quantity=2, scope="weekends", per="month")
    (line,) = compare([decision], [], JAN_1, JAN_31)
    assert line.status == Status.NOT_COMPARABLE and not line.comparable
    assert totals([line]).decisions_not_comparable == 1


def test_hours_per_unit_set_for_nights_of_one_service_leave_others_at_the_default():
    # 16 h a night for respite_home; private respite keeps the default 18 h.
    home = _decision(1, code="respite_home", quantity=1, scope="nights", per="month")
    private = _decision(1, code="private_respite", quantity=1, scope="nights", per="month")
    lines = compare([home, private], [], JAN_1, JAN_31,
                    hours_per_unit={("respite_home", "nights"): Decimal(16)})  # fmt: skip
    assert {line.service_code: line.decided_hours for line in lines} == {
        "private_respite": DEFAULT_HOURS_PER_NIGHT, "respite_home": 16,
    }  # fmt: skip


def test_nights_and_hours_of_one_service_are_added_up_in_hours():
    # Respite home 4 nights a month (10 h a night) and 2 hours a week over January:
    # 40 + 2 × 31 / 7 = 48.857 decided hours; 3 nights stayed and 6 hours registered = 36 h.
    nights = _decision(1, code="respite_home", quantity=4, scope="nights", per="month")
    hours = _decision(1, code="respite_home", quantity=2, scope="hours")
    delivered = [Delivered(1, "respite_home", 1, nights=3),
                 Delivered(1, "respite_home", 1, hours=Decimal(6), days=3)]  # fmt: skip
    table = {("respite_home", "nights"): Decimal(10)}
    for order in ([nights, hours], [hours, nights]):
        (line,) = compare(order, delivered, JAN_1, JAN_31, hours_per_unit=table)
        assert (line.measure, line.hours_per_unit) == ("hours", 1)
        assert line.decided == line.decided_hours == 40 + Decimal(62) / 7
        assert line.delivered == line.delivered_hours == 36
        assert line.status == Status.UNDER


def test_deliveries_for_a_decision_not_compared_stay_with_it():
    # 2 respite nights per stay (no calendar rate): not compared, and its 2 stayed nights are
    # neither "no decision" nor lost: 36 delivered hours on the decision's line.
    per_stay = _decision(1, code="respite_home", quantity=2, scope="nights", per="stay")
    (line,) = compare([per_stay], [Delivered(1, "respite_home", 1, nights=2)], JAN_1, JAN_31)
    assert (line.status, line.delivered_hours) == (Status.NOT_COMPARABLE, 36)
    result = totals([line])
    assert (result.persons_no_decision, result.hours_without_decision) == (0, 0)
    assert result.decisions_not_comparable == 1


def test_days_beside_nights_of_one_service_are_not_compared():
    nights = _decision(1, code="respite_home", quantity=4, scope="nights", per="month")
    days = _decision(1, code="respite_home", quantity=2, scope="days")
    lines = compare([nights, days], [], JAN_1, JAN_31)
    assert [(line.measure, line.status) for line in lines] == [
        ("nights", Status.NO_DELIVERY), ("days", Status.NOT_COMPARABLE),
    ]  # fmt: skip


def test_a_day_stay_counts_the_configured_hours_per_day_else_the_homes_times():
    """Issue 9 §2, respite day stays: hours per day configured for the service win; without
    them the home's day-stay times (14:00-18:00 = 4 h); times that make no day count 0."""
    from omsorg.steering.delivery import day_stay_hours

    begins, ends = datetime.time(14, 0), datetime.time(18, 30)
    assert day_stay_hours({}, "respite_home", begins, ends) == Decimal("4.5")
    table = {("respite_home", "days"): Decimal(6), ("respite_home", "nights"): Decimal(10)}
    assert day_stay_hours(table, "respite_home", begins, ends) == 6
    assert day_stay_hours({}, "respite_home", ends, begins) == 0
