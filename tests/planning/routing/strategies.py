"""Hypothesis strategies: small random routing instances in the contract's JSON form."""

from hypothesis import strategies as st

SKILLS = ("nurse", "health_worker")


@st.composite
def instances(draw, max_visits: int = 4, max_staff: int = 2) -> dict:
    """A base and up to four places; staff with shifts and skills; visits with hard or soft
    windows, skills, preferences, demands; at most one link (often a double visit)."""
    places = draw(st.integers(1, 3))
    names = ["base"] + [f"p{i}" for i in range(1, places + 1)]
    points = [draw(st.tuples(st.integers(0, 12), st.integers(0, 12))) for _ in names]
    travel = [[abs(a[0] - b[0]) + abs(a[1] - b[1]) for b in points] for a in points]
    half = draw(st.booleans())
    if half:  # fractional minutes: times in the plan must stay exact
        travel = [[t / 2 for t in row] for row in travel]
    staff = [
        {
            "id": f"s{k}",
            "start": "base",
            "end": "base",
            "shift": [draw(st.sampled_from([0, 10])), draw(st.sampled_from([60, 90, 200]))],
            "skills": draw(st.lists(st.sampled_from(SKILLS), unique=True)),
            "capacity": draw(st.sampled_from([0, 0, 2])),
        }
        for k in range(draw(st.integers(1, max_staff)))
    ]
    visits = []
    for i in range(draw(st.integers(1, max_visits))):
        begin = draw(st.integers(0, 60))
        visits.append(
            {
                "id": f"v{i}",
                "location": draw(st.sampled_from(names[1:])),
                "duration": draw(st.sampled_from([0, 5, 10, 12.5, 20])),
                "window": [begin, begin + draw(st.integers(0, 40))],
                "window_hard": draw(st.booleans()),
                "skills": draw(st.lists(st.sampled_from(SKILLS), max_size=1)),
                "preferred_staff": draw(
                    st.lists(st.sampled_from([s["id"] for s in staff]), max_size=1)
                ),
                "demand": draw(st.sampled_from([0, 1])),
            }
        )
    links = []
    if len(visits) >= 2 and draw(st.booleans()):
        gap = draw(st.sampled_from([(0, 0), (0, 0), (10, 30), (5, None)]))
        link = {"first": "v0", "second": "v1", "min_gap": gap[0]}
        if gap[1] is not None:
            link["max_gap"] = gap[1]
        links.append(link)
    weights = {
        name: draw(st.sampled_from(values))
        for name, values in {
            "unassigned": [50, 1000],
            "distance": [0, 0.5],
            "travel": [0, 1],
            "tardiness": [0, 1, 3],
            "max_tardiness": [0, 2],
            "not_preferred": [0, 7],
            "overtime": [0, 0, 2],
        }.items()
    }
    return {
        "locations": names,
        "travel": travel,
        "staff": staff,
        "visits": visits,
        "links": links,
        "weights": weights,
    }
