"""The Working Environment Act's rest rules (arbeidsmiljøloven § 10-8) at midnight, at the week's
edges and across the period's end, each as a pair: the roster that breaks the rule is found by
both checkers, the one that keeps it passes, and the engine never plans the broken one even when
a request pays for it."""

from .helpers import engine_and_reference_agree, instance, solved

DAY_SHIFT = {"id": "D", "minutes": 480, "start": "07:00"}  # 07:00-15:00
EVENING = {"id": "A", "minutes": 450, "start": "15:00"}  # 15:00-22:30
NIGHT = {"id": "N", "minutes": 570, "start": "22:15"}  # 22:15-07:45 the next morning
LATE = {"id": "L", "minutes": 60, "start": "23:00"}  # 23:00-24:00, ends at midnight


def _rest(daily=None, weekly=None) -> dict:
    rules = {}
    if daily is not None:
        rules["daily_rest_hours"] = daily
    if weekly is not None:
        rules["weekly_rest_hours"] = weekly
    return rules


def test_daily_rest_aml_10_8_1_counts_across_midnight():
    """AML § 10-8 (1): A 15:00-22:30 then D 07:00 the next day is 8.5 h of rest: broken."""
    data = instance(days=2, shift_types=[DAY_SHIFT, EVENING], rules=_rest(daily=11))
    assert engine_and_reference_agree(data, {"A": ["A", "D"]}) == {("daily_rest", "A")}
    assert engine_and_reference_agree(data, {"A": ["D", "A"]}) == set()


def test_daily_rest_aml_10_8_1_exactly_the_minimum_is_kept():
    """AML § 10-8 (1): a shift ending at midnight and one starting at 11:00 leave exactly 11 h."""
    eleven = {"id": "E", "minutes": 60, "start": "11:00"}
    data = instance(days=2, shift_types=[LATE, eleven], rules=_rest(daily=11))
    assert engine_and_reference_agree(data, {"A": ["L", "E"]}) == set()
    data["rules"]["daily_rest_hours"] = 11.5
    assert engine_and_reference_agree(data, {"A": ["L", "E"]}) == {("daily_rest", "A")}


def test_daily_rest_aml_10_8_1_night_hours_count_on_the_day_it_starts():
    """AML § 10-8 (1): a night shift starting day 0 ends 07:45 on day 1, so an evening shift
    on day 1 (from 15:00) has only 7.25 h of rest; a day shift on day 2 has plenty."""
    data = instance(days=3, shift_types=[DAY_SHIFT, EVENING, NIGHT], rules=_rest(daily=11))
    assert engine_and_reference_agree(data, {"A": ["N", "A", ""]}) == {("daily_rest", "A")}
    assert engine_and_reference_agree(data, {"A": ["N", "", "D"]}) == set()


def test_daily_rest_aml_10_8_1_engine_refuses_a_paid_wish_for_too_short_rest():
    """AML § 10-8 (1) is hard: a heavy request for A then D the next day is left unmet."""
    data = instance(
        days=2,
        shift_types=[DAY_SHIFT, EVENING],
        rules=_rest(daily=11),
        requests=[
            {"staff": "A", "day": 0, "shift": "A", "on": True, "weight": 50},
            {"staff": "A", "day": 1, "shift": "D", "on": True, "weight": 50},
        ],
    )
    result = solved(data)
    assert result["status"] == "optimal"
    assert result["objective"]["requests"] == 50


def test_weekly_rest_aml_10_8_2_every_window_inside_the_period():
    """AML § 10-8 (2): seven day shifts in a row leave at most 16 h off in the 7-day window."""
    data = instance(days=7, shift_types=[DAY_SHIFT], rules=_rest(weekly=35))
    assert engine_and_reference_agree(data, {"A": ["D"] * 7}) == {("weekly_rest", "A")}
    assert engine_and_reference_agree(data, {"A": ["D"] * 5 + ["", ""]}) == set()


def test_weekly_rest_aml_10_8_2_is_measured_inside_the_window_only():
    """AML § 10-8 (2), at the week's edges: rest before a window's first midnight or after its
    last does not count. Day 0 off and D on days 1-6 leaves window 0 (days 0-6) 24 h + 7 h = 31 h.
    Days 0-1 off and D on days 2-6 give window 0 55 h, but window 1 (days 1-7) only 31 h at its
    start and 9 h + 24 h = 33 h at its end: broken too. D on days 2-5 keeps both windows."""
    data = instance(days=8, shift_types=[DAY_SHIFT], rules=_rest(weekly=35))
    assert engine_and_reference_agree(data, {"A": ["", *["D"] * 6, ""]}) == {("weekly_rest", "A")}
    window_1 = {"A": ["", "", *["D"] * 5, ""]}
    assert engine_and_reference_agree(data, window_1) == {("weekly_rest", "A")}
    assert engine_and_reference_agree(data, {"A": ["", "", *["D"] * 4, "", ""]}) == set()


def test_weekly_rest_aml_10_8_2_a_night_from_the_day_before_reaches_into_the_window():
    """AML § 10-8 (2): a night shift on day 0 ends 07:45 on day 1, inside window 1; with days
    1-2 off and the next shift D on day 3 at 07:00, window 1 rests 47.25 h from 07:45."""
    data = instance(days=8, shift_types=[DAY_SHIFT, NIGHT], rules=_rest(weekly=48))
    roster = {"A": ["N", "", "", "D", "D", "D", "D", "D"]}
    assert engine_and_reference_agree(data, roster) == {("weekly_rest", "A")}
    data["rules"]["weekly_rest_hours"] = 47.25
    assert engine_and_reference_agree(data, roster) == set()


def test_weekly_rest_aml_10_8_2_no_window_crosses_the_period_end():
    """AML § 10-8 (2): only windows lying wholly inside the period count: a 6-day period has no
    window, and in an 8-day one the last window is days 1-7."""
    short = instance(days=6, shift_types=[DAY_SHIFT], rules=_rest(weekly=35))
    assert engine_and_reference_agree(short, {"A": ["D"] * 6}) == set()
    data = instance(days=8, shift_types=[DAY_SHIFT], rules=_rest(weekly=35))
    assert engine_and_reference_agree(data, {"A": ["", "", *["D"] * 6]}) == {("weekly_rest", "A")}


def test_weekly_rest_aml_10_8_2_engine_keeps_it_against_cover():
    """AML § 10-8 (2) is hard: cover wanting A every day of a week gets six shifts at most."""
    data = instance(
        days=7,
        shift_types=[DAY_SHIFT],
        rules=_rest(daily=11, weekly=35),
        cover=[
            {"day": d, "shift": "D", "skill": None, "required": 1}
            | {"under_weight": 100, "over_weight": 1}
            for d in range(7)
        ],
    )
    result = solved(data)
    assert result["status"] == "optimal"
    assert result["roster"]["A"].count("D") == 6
    assert result["objective"]["cover_under"] == 100
