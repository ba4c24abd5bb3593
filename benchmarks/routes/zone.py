"""A realistic Norwegian home-care zone's day (issue 10's third benchmark), generated.

60 recipients within about 6 km of the zone's base (half in a denser centre); 110 visits a day
(40 % morning, 30 % midday, 30 % evening), of which 15 % (16) need two staff at once: a double
visit is two linked visits with gap [0, 0]. Five morning visits (insulin) are followed by a meal
visit 30-60 minutes later (a linked gap), so the contract holds 110 + 16 + 5 = 131 visits.
12 staff: 8 on the day shift 07:30-15:30, 4 on the evening shift 15:00-22:30; half of them
nurses, a quarter health workers; a third of the single visits need a nurse. Travel: straight
line x 1.3 detour at 30 km/h (minutes), distance in km. Morning visits (medication) have hard
two-hour windows; midday and evening visits soft ones. Each recipient has one or two primary
contacts on the day shift and one on the evening shift (preferred staff). Weights: unassigned
10000, travel 1, tardiness 2, maximum tardiness 5, not preferred 10, overtime forbidden.
"""

import math
import random

RECIPIENTS, VISITS, DOUBLE, STAFF = 60, 110, 16, 12
DETOUR, SPEED_KM_PER_MIN = 1.3, 30 / 60
PERIODS = (  # name, share of visits, window start range, window length, duration choices, hard
    ("morning", 0.40, (450, 600), 120, (15, 20, 30, 45), True),
    ("midday", 0.30, (660, 840), 120, (20, 30, 45, 60), False),
    ("evening", 0.30, (960, 1260), 60, (15, 20, 30), False),
)


def generate(seed: int) -> dict:
    """The contract instance for one generated day."""
    rng = random.Random(seed)
    points = [(0.0, 0.0)] + [_place(rng) for _ in range(RECIPIENTS)]
    names = ["base"] + [f"r{i}" for i in range(1, RECIPIENTS + 1)]
    km = [[DETOUR * math.dist(a, b) for b in points] for a in points]
    travel = [[round(d / SPEED_KM_PER_MIN, 1) for d in row] for row in km]
    distance = [[round(d, 2) for d in row] for row in km]
    staff = _staff(rng)
    visits, links = _visits(rng, names, staff)
    return {
        "locations": names, "travel": travel, "distance": distance, "staff": staff,
        "visits": visits, "links": links,
        "weights": {"unassigned": 10000, "distance": 0, "travel": 1, "tardiness": 2,
                    "max_tardiness": 5, "not_preferred": 10, "overtime": 0},
    }


def _place(rng: random.Random) -> tuple[float, float]:
    radius = rng.uniform(0.2, 1.5) if rng.random() < 0.5 else rng.uniform(1.0, 6.0)
    angle = rng.uniform(0, 2 * math.pi)
    return (radius * math.cos(angle), radius * math.sin(angle))


def _staff(rng: random.Random) -> list[dict]:
    staff = []
    for k in range(STAFF):
        day = k < 8
        skills = ["nurse"] if k % 2 == 0 else (["health_worker"] if k % 4 == 1 else [])
        staff.append({"id": f"{'d' if day else 'e'}{k + 1}", "start": "base", "end": "base",
                      "shift": [450, 930] if day else [900, 1350], "skills": skills})
    return staff


def _visits(rng: random.Random, names: list[str], staff: list[dict]):
    visits, links = [], []
    day_staff = [s["id"] for s in staff if s["shift"][0] < 900]
    evening_staff = [s["id"] for s in staff if s["shift"][0] >= 900]
    contacts = {r: rng.sample(day_staff, rng.choice((1, 2))) + rng.sample(evening_staff, 1)
                for r in names[1:]}
    kinds = [p for p in PERIODS for _ in range(round(p[1] * VISITS))][:VISITS]
    doubles = set(rng.sample(range(VISITS), DOUBLE))
    for i, (period, _, (lo, hi), length, durations, hard) in enumerate(kinds):
        person = names[1 + i % (len(names) - 1)] if i < len(names) - 1 else rng.choice(names[1:])
        begin = rng.randrange(lo, hi + 1, 15)
        shift_staff = evening_staff if period == "evening" else day_staff
        visit = {"id": f"v{i + 1}", "person": person, "location": person,
                 "duration": rng.choice(durations), "window": [begin, begin + length],
                 "window_hard": hard,
                 "skills": ["nurse"] if rng.random() < 1 / 3 and i not in doubles else [],
                 "preferred_staff": [s for s in contacts[person] if s in shift_staff]}
        visits.append(visit)
        if i in doubles:
            partner = {**visit, "id": f"v{i + 1}b", "skills": [], "preferred_staff": []}
            visits.append(partner)
            links.append({"first": visit["id"], "second": partner["id"],
                          "min_gap": 0, "max_gap": 0})
    singles = [v for v in visits if v["window"][0] < 600 and not v["id"].endswith("b")
               and not any(v["id"] in (x["first"], x["second"]) for x in links)]
    for insulin in rng.sample(singles, 5):
        meal = {"id": f"{insulin['id']}m", "person": insulin["person"],
                "location": insulin["location"], "duration": 15,
                "window": [insulin["window"][0], insulin["window"][1] + 120],
                "window_hard": False, "skills": [], "preferred_staff": []}
        visits.append(meal)
        links.append({"first": insulin["id"], "second": meal["id"], "min_gap": 30, "max_gap": 60})
    return visits, links
