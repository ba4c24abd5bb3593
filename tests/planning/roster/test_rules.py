"""The other hard rules of the contract (issue 11 §2 and the engine's contract), each as a pair
of rosters judged alike by the engine's checker and the reference, plus the engine keeping it."""

from .helpers import engine_and_reference_agree, instance, solved

D = {"id": "D", "minutes": 480}
E = {"id": "E", "minutes": 480, "cannot_be_followed_by": ["D"]}


def _cover_all(days: int, shift: str = "D", required: int = 1) -> list[dict]:
    return [
        {"day": d, "shift": shift, "skill": None, "required": required}
        | {"under_weight": 10, "over_weight": 1}
        for d in range(days)
    ]


def test_cannot_be_followed_by_the_next_day():
    data = instance(days=3, shift_types=[D, E])
    assert engine_and_reference_agree(data, {"A": ["E", "D", ""]}) == {
        ("cannot_be_followed_by", "A")
    }
    assert engine_and_reference_agree(data, {"A": ["E", "", "D"]}) == set()


def test_days_off_and_max_shifts():
    data = instance(days=3, shift_types=[D], staff=[{"id": "A", "days_off": [1]}])
    assert engine_and_reference_agree(data, {"A": ["", "D", ""]}) == {("days_off", "A")}
    data = instance(days=3, shift_types=[D], staff=[{"id": "A", "max_shifts": {"D": 1}}])
    assert engine_and_reference_agree(data, {"A": ["D", "", "D"]}) == {("max_shifts", "A")}


def test_minutes_of_the_position():
    data = instance(days=4, shift_types=[D], staff=[{"id": "A", "minutes": [960, 960]}])
    assert engine_and_reference_agree(data, {"A": ["D", "", "", ""]}) == {("minutes", "A")}
    assert engine_and_reference_agree(data, {"A": ["D", "D", "", ""]}) == set()
    result = solved(data)
    assert result["roster"]["A"].count("D") == 2


def test_consecutive_shifts_exempt_at_both_ends_of_the_period():
    """A run starting on day 0 or cut by the last day may be shorter than the minimum; a run
    inside the period may not, and no run may be longer than the maximum."""
    data = instance(days=7, shift_types=[D], staff=[{"id": "A", "consecutive_shifts": [2, 3]}])
    assert engine_and_reference_agree(data, {"A": ["D", "", "", "", "", "", "D"]}) == set()
    inner = {"A": ["", "", "D", "", "", "", ""]}
    assert engine_and_reference_agree(data, inner) == {("consecutive_shifts", "A")}
    long_run = {"A": ["D", "D", "D", "D", "", "", ""]}
    assert engine_and_reference_agree(data, long_run) == {("consecutive_shifts", "A")}


def test_min_consecutive_days_off_exempt_at_both_ends():
    data = instance(days=6, shift_types=[D], staff=[{"id": "A", "min_consecutive_days_off": 2}])
    assert engine_and_reference_agree(data, {"A": ["", "D", "D", "D", "D", ""]}) == set()
    inner = {"A": ["D", "D", "", "D", "D", "D"]}
    assert engine_and_reference_agree(data, inner) == {("min_consecutive_days_off", "A")}


def test_weekends_by_the_calendar_when_the_period_starts_on_a_sunday():
    """A Sunday on day 0 is half of the weekend before the period: worked if that Sunday is."""
    data = instance(
        start="2027-01-10", days=7, shift_types=[D], staff=[{"id": "A", "max_weekends": 0}]
    )
    assert engine_and_reference_agree(data, {"A": ["D", "", "", "", "", "", ""]}) == {
        ("max_weekends", "A")
    }
    # Saturday is day 6 (2027-01-16): the next weekend, also half inside the period.
    assert engine_and_reference_agree(data, {"A": ["", "", "", "", "", "", "D"]}) == {
        ("max_weekends", "A")
    }
    assert engine_and_reference_agree(data, {"A": ["", "D", "D", "D", "D", "D", ""]}) == set()


def test_weekend_worked_if_either_day_has_a_shift():
    data = instance(
        start="2027-01-04", days=14, shift_types=[D], staff=[{"id": "A", "max_weekends": 1}]
    )
    both_halves = {"A": [""] * 5 + ["D", ""] + [""] * 6 + ["D"]}
    assert engine_and_reference_agree(data, both_halves) == {("max_weekends", "A")}
    one_weekend = {"A": [""] * 5 + ["D", "D"] + [""] * 7}
    assert engine_and_reference_agree(data, one_weekend) == set()
    data["cover"] = _cover_all(14)
    result = solved(data)
    row = result["roster"]["A"]
    assert sum(1 for sat in (5, 12) if row[sat] or row[sat + 1]) <= 1


def test_cover_with_a_skill_counts_only_staff_with_it():
    """At least one vernepleier on the day shift: the skilled one is planned, not the other."""
    data = instance(
        days=1,
        shift_types=[D],
        staff=[{"id": "A", "skills": ["vernepleier"]}, {"id": "B", "skills": []}],
        cover=[
            {"day": 0, "shift": "D", "skill": "vernepleier", "required": 1}
            | {"under_weight": 100, "over_weight": 0},
            {"day": 0, "shift": "D", "skill": None, "required": 1}
            | {"under_weight": 10, "over_weight": 5},
        ],
    )
    result = solved(data)
    assert result["roster"] == {"A": ["D"], "B": [""]}
    assert result["objective"] == {"total": 0, "requests": 0, "cover_under": 0, "cover_over": 0}


def test_requests_on_and_off_are_soft():
    data = instance(
        days=2,
        shift_types=[D],
        staff=[{"id": "A", "days_off": [0]}],
        requests=[
            {"staff": "A", "day": 0, "shift": "D", "on": True, "weight": 3},
            {"staff": "A", "day": 1, "shift": "D", "on": False, "weight": 2},
        ],
        cover=_cover_all(2),
    )
    result = solved(data)
    # Day 0 is a day off (request unmet: 3, under-cover 10); day 1 is worked (2) rather than
    # leaving the cover short (10).
    assert result["roster"]["A"] == ["", "D"]
    assert result["objective"] == {"total": 15, "requests": 5, "cover_under": 10, "cover_over": 0}


def test_infeasible_instance_says_so():
    data = instance(days=2, shift_types=[D], staff=[{"id": "A", "minutes": [2000, 3000]}])
    result = solved(data)
    assert result["status"] == "infeasible"
    assert result["roster"] == {}
