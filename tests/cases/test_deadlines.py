"""Deadline rules: fvl §11a, §29-§31, pbrl §7-5, domstolloven §148-149, seed 004 §2."""

import calendar
from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from omsorg.cases.deadlines import (
    DEFAULT_EXPIRY_LEAD_DAYS,
    DeadlineState,
    add_months,
    appeal_deadline,
    appeal_is_late,
    deadline_state,
    expiry_warning_from,
    is_working_day,
    latest_review_date,
    next_monthly_meeting,
    next_working_day,
    preliminary_reply_due,
    review_due,
)

PBRL_7_5_WEEKS = 4
FVL_29_WEEKS = 3
MONDAY, TUESDAY, SATURDAY = 0, 1, 5

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
# 2027: Easter Sunday 28 March; 17 May (Constitution Day) is also Whit Monday.
EASTER_MONDAY_2027 = date(2027, 3, 29)
CONSTITUTION_DAY_2027 = date(2027, 5, 17)


def norwegian_holiday(d: date) -> bool:
    return d in holidays.country_holidays("NO", years=d.year)


# --- add_months: months count as in domstolloven §148 second paragraph ---


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2027, 12, 15), 1, date(2028, 1, 15)),
        (date(2027, 3, 31), -1, date(2027, 2, 28)),
        (date(2027, 8, 31), 13, date(2028, 9, 30)),
    ],
)
def test_add_months_clamps_to_month_end_domstolloven_148(start, months, expected):
    assert add_months(start, months) == expected


@given(dates, st.integers(min_value=-1200, max_value=1200))
def test_add_months_month_arithmetic_holds_across_years(d, months):
    result = add_months(d, months)
    assert result.year * 12 + result.month == d.year * 12 + d.month + months
    assert result.day <= d.day
    last_day = calendar.monthrange(result.year, result.month)[1]
    assert result.day == d.day or result.day == last_day


@given(dates, st.integers(min_value=-1200, max_value=1200))
def test_add_months_keeps_days_every_month_has(d, months):
    if d.day <= 28:
        assert add_months(d, months).day == d.day


@given(dates)
def test_add_months_zero_is_identity(d):
    assert add_months(d, 0) == d


# --- preliminary reply: fvl §11a third paragraph, seed 004 §2 ---


def test_preliminary_reply_due_one_month_after_receipt_fvl_11a_seed004_2():
    received = date(2027, 3, 10)
    assert preliminary_reply_due(received) == add_months(received, 1)
    assert preliminary_reply_due(received) == date(2027, 4, 10)


def test_preliminary_reply_due_clamped_to_end_of_february_fvl_11a():
    assert preliminary_reply_due(date(2027, 1, 31)) == date(2027, 2, 28)


def test_preliminary_reply_is_not_moved_off_weekends_duty_of_municipality_fvl_11a():
    received = date(2027, 5, 1)
    while add_months(received, 1).weekday() != SATURDAY:
        received += timedelta(days=1)
    assert preliminary_reply_due(received).weekday() == SATURDAY


@given(dates)
def test_preliminary_reply_due_is_exactly_one_calendar_month_fvl_11a(received):
    due = preliminary_reply_due(received)
    assert 28 <= (due - received).days <= 31
    assert due.year * 12 + due.month == received.year * 12 + received.month + 1
    assert due.day == min(received.day, calendar.monthrange(due.year, due.month)[1])


# --- appeal deadline: pbrl §7-5 (4 weeks), fvl §29 (3 weeks), fvl §30 / domstolloven §149 ---


def test_appeal_deadline_is_four_weeks_pbrl_7_5_seed004_2():
    notified = date(2027, 2, 3)  # Wednesday; + 4 weeks is an ordinary Wednesday
    deadline = appeal_deadline(notified, weeks=PBRL_7_5_WEEKS)
    assert deadline == notified + timedelta(weeks=4)
    assert deadline.weekday() == notified.weekday()


def test_appeal_deadline_general_rule_is_three_weeks_fvl_29():
    notified = date(2027, 2, 3)
    assert appeal_deadline(notified, weeks=FVL_29_WEEKS) == notified + timedelta(weeks=3)


def test_appeal_deadline_on_saturday_moves_to_monday_domstolloven_149():
    notified = date(2027, 2, 6)
    assert notified.weekday() == SATURDAY
    deadline = appeal_deadline(notified, weeks=PBRL_7_5_WEEKS)
    assert deadline == notified + timedelta(weeks=4, days=2)
    assert deadline.weekday() == MONDAY


def test_appeal_deadline_on_easter_monday_moves_to_tuesday_domstolloven_149():
    assert norwegian_holiday(EASTER_MONDAY_2027)
    notified = EASTER_MONDAY_2027 - timedelta(weeks=PBRL_7_5_WEEKS)
    assert appeal_deadline(notified, weeks=PBRL_7_5_WEEKS) == EASTER_MONDAY_2027 + timedelta(1)


def test_appeal_deadline_over_weekend_and_17_may_moves_to_tuesday_domstolloven_149():
    assert norwegian_holiday(CONSTITUTION_DAY_2027)
    saturday_end = CONSTITUTION_DAY_2027 - timedelta(days=2)
    notified = saturday_end - timedelta(weeks=PBRL_7_5_WEEKS)
    deadline = appeal_deadline(notified, weeks=PBRL_7_5_WEEKS)
    assert deadline == CONSTITUTION_DAY_2027 + timedelta(days=1)


def test_appeal_deadline_christmas_eve_is_a_working_day_domstolloven_149():
    christmas_eve = date(2027, 12, 24)  # a Friday; not a public holiday in Norway
    notified = christmas_eve - timedelta(weeks=PBRL_7_5_WEEKS)
    assert appeal_deadline(notified, weeks=PBRL_7_5_WEEKS) == christmas_eve


def test_appeal_deadline_without_extension_gives_calendar_date():
    notified = EASTER_MONDAY_2027 - timedelta(weeks=PBRL_7_5_WEEKS)
    deadline = appeal_deadline(notified, weeks=PBRL_7_5_WEEKS, extend_to_working_day=False)
    assert deadline == EASTER_MONDAY_2027


def test_appeal_deadline_refuses_a_period_under_one_week():
    with pytest.raises(ValueError):
        appeal_deadline(date(2027, 2, 3), weeks=0)


@given(dates, st.integers(min_value=1, max_value=8))
def test_appeal_deadline_is_first_working_day_from_notified_plus_weeks_dl_148_149(notified, weeks):
    deadline = appeal_deadline(notified, weeks=weeks)
    calendar_end = notified + timedelta(weeks=weeks)
    assert deadline >= calendar_end
    assert deadline.weekday() < SATURDAY
    assert not norwegian_holiday(deadline)
    skipped = [calendar_end + timedelta(days=i) for i in range((deadline - calendar_end).days)]
    assert all(not is_working_day(day) for day in skipped)


# --- late appeals: only flagged, fvl §31 ---


def test_appeal_received_on_deadline_is_in_time_fvl_30():
    notified = date(2027, 2, 3)
    deadline = appeal_deadline(notified, weeks=PBRL_7_5_WEEKS)
    assert not appeal_is_late(notified, deadline, weeks=PBRL_7_5_WEEKS)


def test_appeal_received_day_after_deadline_is_flagged_late_fvl_31():
    notified = date(2027, 2, 3)
    day_after = appeal_deadline(notified, weeks=PBRL_7_5_WEEKS) + timedelta(days=1)
    assert appeal_is_late(notified, day_after, weeks=PBRL_7_5_WEEKS)


def test_appeal_on_tuesday_after_easter_is_in_time_domstolloven_149():
    notified = EASTER_MONDAY_2027 - timedelta(weeks=PBRL_7_5_WEEKS)
    tuesday = EASTER_MONDAY_2027 + timedelta(days=1)
    assert not appeal_is_late(notified, tuesday, weeks=PBRL_7_5_WEEKS)
    assert appeal_is_late(notified, tuesday, weeks=PBRL_7_5_WEEKS, extend_to_working_day=False)


def test_appeal_deadline_under_pbrl_is_later_than_under_fvl_29():
    notified = date(2027, 2, 3)
    received = notified + timedelta(weeks=3, days=3)
    assert appeal_is_late(notified, received, weeks=FVL_29_WEEKS)
    assert not appeal_is_late(notified, received, weeks=PBRL_7_5_WEEKS)


# --- review within one year: seed 004 §2 ---


def test_latest_review_is_one_year_after_decision_seed004_2():
    decided = date(2027, 3, 15)
    assert latest_review_date(decided) == add_months(decided, 12) == date(2028, 3, 15)


def test_latest_review_of_leap_day_decision_is_28_february_seed004_2():
    assert latest_review_date(date(2028, 2, 29)) == date(2029, 2, 28)


def test_review_due_without_planned_date_is_one_year_seed004_2():
    decided = date(2027, 3, 15)
    assert review_due(decided, None) == latest_review_date(decided)


def test_review_due_uses_earlier_planned_date_seed004_2():
    decided = date(2027, 3, 15)
    planned = add_months(decided, 6)
    assert review_due(decided, planned) == planned


def test_review_due_never_later_than_one_year_seed004_2():
    decided = date(2027, 3, 15)
    planned = add_months(decided, 18)
    assert review_due(decided, planned) == latest_review_date(decided)


@given(dates, st.one_of(st.none(), dates))
def test_review_due_is_at_most_one_year_after_decision_seed004_2(decided, planned):
    assert review_due(decided, planned) <= latest_review_date(decided)


# --- expiring decisions must show well before they end (DOMAIN.md complaints) ---


def test_expiry_warning_starts_sixty_days_before_end():
    valid_to = date(2027, 6, 30)
    assert DEFAULT_EXPIRY_LEAD_DAYS == 60
    assert expiry_warning_from(valid_to) == valid_to - timedelta(days=60)


def test_expiry_warning_lead_covers_a_monthly_meeting_and_a_month_of_processing_seed004_2():
    # One meeting cycle (at most ~5 weeks between meetings) plus one month (fvl §11a).
    assert DEFAULT_EXPIRY_LEAD_DAYS >= 35 + 31 - 7


def test_expiry_warning_accepts_own_lead_and_refuses_negative():
    valid_to = date(2027, 6, 30)
    assert expiry_warning_from(valid_to, lead_days=90) == valid_to - timedelta(days=90)
    with pytest.raises(ValueError):
        expiry_warning_from(valid_to, lead_days=-1)


# --- deadline state for worklists ---


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [
        (30, DeadlineState.OK),
        (8, DeadlineState.OK),
        (7, DeadlineState.DUE_SOON),
        (1, DeadlineState.DUE_SOON),
        (0, DeadlineState.DUE_TODAY),
        (-1, DeadlineState.OVERDUE),
    ],
)
def test_deadline_state_by_days_left(days_left, expected):
    today = date(2027, 3, 10)
    due = today + timedelta(days=days_left)
    assert deadline_state(due, today, warn_days=7) is expected


def test_deadline_state_refuses_negative_warning():
    with pytest.raises(ValueError):
        deadline_state(date(2027, 3, 10), date(2027, 3, 1), warn_days=-1)


@given(dates, st.integers(min_value=-400, max_value=400), st.integers(min_value=0, max_value=90))
def test_deadline_state_is_consistent(today, days_left, warn_days):
    due = today + timedelta(days=days_left)
    state = deadline_state(due, today, warn_days=warn_days)
    assert (state is DeadlineState.OVERDUE) == (days_left < 0)
    assert (state is DeadlineState.DUE_TODAY) == (days_left == 0)
    assert (state is DeadlineState.DUE_SOON) == (0 < days_left <= warn_days)


# --- working days ---


def test_next_working_day_skips_easter_monday():
    maundy_thursday = EASTER_MONDAY_2027 - timedelta(days=4)
    assert next_working_day(maundy_thursday) == EASTER_MONDAY_2027 + timedelta(days=1)


def test_working_day_excludes_saturday_sunday_and_holidays():
    saturday = date(2027, 2, 6)
    assert not is_working_day(saturday)
    assert not is_working_day(saturday + timedelta(days=1))
    assert is_working_day(saturday + timedelta(days=2))
    assert not is_working_day(date(2027, 5, 1))  # Saturday and Labour Day
    assert not is_working_day(date(2027, 5, 6))  # Ascension Day, a Thursday


# --- monthly meeting of the coordinating unit: seed 004 §2 ---


def test_monthly_meeting_is_first_tuesday_seed004_2():
    meeting = next_monthly_meeting(date(2027, 1, 1), weekday=TUESDAY, nth=1)
    assert meeting == date(2027, 1, 5)


def test_monthly_meeting_after_this_months_meeting_is_next_month_seed004_2():
    first = next_monthly_meeting(date(2027, 1, 1), weekday=TUESDAY, nth=1)
    assert next_monthly_meeting(first, weekday=TUESDAY, nth=1) == date(2027, 2, 2)


def test_monthly_meeting_skips_new_years_day_tuesday_seed004_2():
    new_year = date(2030, 1, 1)
    assert new_year.weekday() == TUESDAY
    meeting = next_monthly_meeting(date(2029, 12, 31), weekday=TUESDAY, nth=1)
    assert meeting == new_year + timedelta(weeks=1)


def test_monthly_meeting_skips_easter_monday_seed004_2():
    easter_monday_2026 = date(2026, 4, 6)  # Easter Sunday 5 April 2026: the first Monday
    assert norwegian_holiday(easter_monday_2026)
    meeting = next_monthly_meeting(date(2026, 3, 31), weekday=MONDAY, nth=1)
    assert meeting == easter_monday_2026 + timedelta(weeks=1)


@pytest.mark.parametrize(("weekday", "nth"), [(5, 1), (1, 0), (1, 5)])
def test_monthly_meeting_refuses_impossible_schedules(weekday, nth):
    with pytest.raises(ValueError):
        next_monthly_meeting(date(2027, 1, 1), weekday=weekday, nth=nth)


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)),
    st.integers(min_value=0, max_value=4),
    st.integers(min_value=1, max_value=4),
)
def test_monthly_meeting_is_nth_open_weekday_after_date_seed004_2(after, weekday, nth):
    meeting = next_monthly_meeting(after, weekday=weekday, nth=nth)
    assert meeting > after
    assert meeting.weekday() == weekday
    assert not norwegian_holiday(meeting)
    earlier = (meeting - timedelta(weeks=k) for k in range(1, 5))
    open_earlier = [d for d in earlier if d.month == meeting.month and not norwegian_holiday(d)]
    assert len(open_earlier) == nth - 1
    if nth <= 3:
        assert (meeting - after).days <= 42
