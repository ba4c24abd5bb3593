"""Hypothesis strategies for tiny rotation instances (small enough for exhaustive search)."""

from hypothesis import strategies as st

SHIFTS = [
    {"id": "D", "minutes": 480, "start": "07:00"},
    {"id": "N", "minutes": 600, "start": "21:00"},
]


@st.composite
def tiny_instances(draw) -> dict:
    """One or two staff over up to 7 days (one staff) or 4 days (two), one or two shift types,
    every optional rule drawn in or out; weekly rest needs 7 days, so the one-staff case
    reaches it."""
    staff_count = draw(st.integers(1, 2))
    days = draw(st.integers(1, 7 if staff_count == 1 else 4))
    shift_types = [dict(t) for t in SHIFTS[: draw(st.integers(1, 2))]]
    if len(shift_types) == 2 and draw(st.booleans()):
        shift_types[1]["cannot_be_followed_by"] = ["D"]
    ids = [t["id"] for t in shift_types]
    data = {
        "start": draw(st.sampled_from(["2027-01-04", "2027-01-09", "2027-01-10", "2027-01-07"])),
        "days": days,
        "shift_types": shift_types,
        "staff": [draw(_staff(chr(ord("A") + i), days, ids)) for i in range(staff_count)],
        "requests": draw(st.lists(_request(staff_count, days, ids), max_size=4)),
        "cover": draw(st.lists(_cover(days, ids), max_size=4)),
    }
    rules = {}
    if draw(st.booleans()):
        rules["daily_rest_hours"] = draw(st.sampled_from([8, 11, 14]))
    if draw(st.booleans()):
        rules["weekly_rest_hours"] = draw(st.sampled_from([24, 35, 60]))
    if rules:
        data["rules"] = rules
    return data


@st.composite
def _staff(draw, staff_id: str, days: int, ids: list[str]) -> dict:
    person: dict = {"id": staff_id, "skills": draw(st.sampled_from([[], ["vernepleier"]]))}
    if draw(st.booleans()):
        person["max_shifts"] = {draw(st.sampled_from(ids)): draw(st.integers(0, 3))}
    if draw(st.booleans()):
        low = draw(st.integers(0, 3)) * 480
        person["minutes"] = [low, low + draw(st.integers(0, 3)) * 480]
    if draw(st.booleans()):
        low = draw(st.integers(1, 3))
        person["consecutive_shifts"] = [low, low + draw(st.integers(0, 3))]
    if draw(st.booleans()):
        person["min_consecutive_days_off"] = draw(st.integers(0, 3))
    if draw(st.booleans()):
        person["max_weekends"] = draw(st.integers(0, 1))
    person["days_off"] = draw(st.lists(st.integers(0, days - 1), max_size=2, unique=True))
    return person


def _request(staff_count: int, days: int, ids: list[str]):
    return st.fixed_dictionaries(
        {
            "staff": st.sampled_from(["A", "B"][:staff_count]),
            "day": st.integers(0, days - 1),
            "shift": st.sampled_from(ids),
            "on": st.booleans(),
            "weight": st.integers(0, 5),
        }
    )


def _cover(days: int, ids: list[str]):
    return st.fixed_dictionaries(
        {
            "day": st.integers(0, days - 1),
            "shift": st.sampled_from(ids),
            "skill": st.sampled_from([None, "vernepleier"]),
            "required": st.integers(0, 2),
            "under_weight": st.integers(0, 10),
            "over_weight": st.integers(0, 3),
        }
    )
