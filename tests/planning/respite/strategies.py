"""Hypothesis strategies: random tiny respite instances (as JSON dicts, so parsing is tested)."""

import datetime as dt

from hypothesis import strategies as st

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _nights(draw, dates: list[dt.date], most: int) -> list[str]:
    chosen = draw(st.lists(st.sampled_from(dates), max_size=most, unique=True))
    return sorted(night.isoformat() for night in chosen)


def _child(draw, number: int, dates: list[dt.date]) -> dict:
    shortest = draw(st.sampled_from((1, 1, 1, 2, 2, 3)))
    return {
        "id": f"c{number}",
        "home": "flata",
        "entitlement": {
            # Mostly per horizon: per week or month, a tiny horizon often floors to 0 nights.
            "nights": draw(st.sampled_from((0, 1, 2, 2, 3, 3, 4, 5))),
            "per": draw(
                st.sampled_from(("week", "week", "month", "horizon", "horizon", "horizon"))
            ),
        },
        "stay_nights": {"min": shortest, "max": draw(st.integers(shortest, shortest + 2))},
        "preferred_weekdays": draw(st.lists(st.sampled_from(WEEKDAYS), max_size=3, unique=True)),
        "blocked_nights": _nights(draw, dates, 2),
        "wished_nights": _nights(draw, dates, 2),
        "one_to_one": draw(st.sampled_from((False, False, True))),
        **_validity(draw, dates),
    }


def _validity(draw, dates: list[dt.date]) -> dict:
    """An optional validity window (a decision starting or ending inside the horizon)."""
    if draw(st.sampled_from((False, False, True))):
        return {}
    first = draw(st.integers(0, len(dates) - 1))
    last = draw(st.integers(first, len(dates) - 1))
    return {"valid": {"first": dates[first].isoformat(), "last": dates[last].isoformat()}}


def _stays(draw, children: list[dict], dates: list[dt.date], most: int) -> list[dict]:
    stays: list[dict] = []
    for _ in range(draw(st.integers(0, most))):
        first = draw(st.integers(0, len(dates) - 1))
        stay = {
            "child": draw(st.sampled_from([c["id"] for c in children])),
            "home": "flata",
            "first_night": dates[first].isoformat(),
            "nights": draw(st.integers(1, len(dates) - first)),
        }
        if stay not in stays:  # the same stay twice is malformed (test_malformed.py)
            stays.append(stay)
    return stays


@st.composite
def tiny_instances(draw, fixed: bool = False) -> dict:
    """1-3 children in one home over at most 7 nights (5 with 3 children), around New Year and
    month ends so that cut ISO weeks and months come up."""
    count = draw(st.integers(1, 3))
    start = draw(st.dates(dt.date(2026, 12, 24), dt.date(2027, 3, 3)))
    length = draw(st.integers(1, 7 if count < 3 else 5))
    dates = [start + dt.timedelta(days=i) for i in range(length)]
    home = {
        "id": "flata",
        "beds": draw(st.sampled_from((0, 1, 1, 2, 2, 3))),
        "closed_nights": _nights(draw, dates, 1),
    }
    if draw(st.booleans()):
        home["max_one_to_one_per_night"] = draw(st.integers(0, 1))
    children = [_child(draw, number, dates) for number in range(count)]
    ids = [c["id"] for c in children]
    pairs = (
        draw(
            st.lists(
                st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True), max_size=2
            )
        )
        if count > 1
        else []
    )
    data = {
        "start": dates[0].isoformat(),
        "end": dates[-1].isoformat(),
        "homes": [home],
        "children": children,
        "incompatible": pairs,
        "previous_stays": _stays(draw, children, dates, 2),
    }
    if fixed:
        data["fixed_stays"] = _stays(draw, children, dates, 2)
    return data
