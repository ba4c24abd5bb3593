"""A Norwegian care unit's rotation (turnus): 24 staff, 6 weeks, day, evening and night shifts,
the Working Environment Act's rest rules and competence cover (issue 11, Performance).

Shifts as the issue names them: D 07:30-15:30, A 15:00-22:30, N 22:15-07:45. Cover per day:
D 6 on weekdays and 3 at weekends with at least one vernepleier, A 4 / 2 with at least one
vernepleier, N 2 with at least one with epilepsy training. Positions of 100, 80, 60 and 50 %
of 35.5 h a week (4, 8, 8 and 4 staff), the six weeks' minutes within -7 % / +2 % of it; every third
weekend at most (2 of the 6); runs of 2-5 worked days, at least 2 days off in a row; daily rest
11 h (AML § 10-8 (1)), weekly rest 35 h (§ 10-8 (2)); evening not followed by day, night not
followed by day or evening. 9 of the 24 staff are vernepleiere (seed 001's target: 34 %).
Three wishes each, seeded. The staffing allows all cover: it asks for 3 606 h, the positions'
least and most minutes add up to 3 407 h and 3 737 h, and the 84 weekend shifts fit in the 96
weekend days that "every third weekend" leaves (24 staff x 2 weekends x 2 days).

    python -m benchmarks.roster.norway > unit.json
"""

import json
import random
import sys

WEEK_MINUTES = 35.5 * 60
POSITIONS = [100] * 4 + [80] * 8 + [60] * 8 + [50] * 4
SKILLS = ["vernepleier"] * 9 + ["sykepleier"] * 3 + ["helsefagarbeider"] * 8 + ["assistent"] * 4


def generate(seed: int = 1) -> dict:
    rng = random.Random(seed)
    days = 42
    staff = []
    skills_drawn = rng.sample(SKILLS, len(SKILLS))
    for index, (position, skill) in enumerate(zip(POSITIONS, skills_drawn, strict=True)):
        minutes = position / 100 * WEEK_MINUTES * 6
        skills = [skill] + (["epilepsi"] if index % 3 == 0 else [])
        staff.append({
            "id": f"S{index + 1:02d}", "skills": skills,
            "minutes": [int(minutes * 0.93), int(minutes * 1.02)],
            "consecutive_shifts": [2, 5], "min_consecutive_days_off": 2, "max_weekends": 2,
            "days_off": sorted(rng.sample(range(days), 2)),
        })  # fmt: skip
    return {
        "start": "2027-01-04",
        "days": days,
        "shift_types": [
            {"id": "D", "start": "07:30", "minutes": 480, "cannot_be_followed_by": []},
            {"id": "A", "start": "15:00", "minutes": 450, "cannot_be_followed_by": ["D"]},
            {"id": "N", "start": "22:15", "minutes": 570, "cannot_be_followed_by": ["D", "A"]},
        ],
        "staff": staff,
        "requests": _wishes(rng, staff, days),
        "cover": [row for day in range(days) for row in _cover(day)],
        "rules": {"daily_rest_hours": 11, "weekly_rest_hours": 35},
    }


def _cover(day: int) -> list[dict]:
    weekend = day % 7 >= 5
    rows = []
    for shift, weekday, weekend_count, skill in (
        ("D", 6, 3, "vernepleier"), ("A", 4, 2, "vernepleier"), ("N", 2, 2, "epilepsi")
    ):  # fmt: skip
        total = weekend_count if weekend else weekday
        rows.append({"day": day, "shift": shift, "skill": None, "required": total,
                     "under_weight": 100, "over_weight": 5})  # fmt: skip
        rows.append({"day": day, "shift": shift, "skill": skill, "required": 1,
                     "under_weight": 100, "over_weight": 0})  # fmt: skip
    return rows


def _wishes(rng: random.Random, staff: list[dict], days: int) -> list[dict]:
    wishes = []
    for person in staff:
        for _ in range(3):
            wishes.append({
                "staff": person["id"], "day": rng.randrange(days),
                "shift": rng.choice(["D", "A", "N"]), "on": rng.random() < 0.5,
                "weight": rng.choice([1, 2, 3]),
            })  # fmt: skip
    return wishes


if __name__ == "__main__":
    json.dump(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1), sys.stdout, indent=1)
