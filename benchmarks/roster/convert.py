"""Convert a Curtois & Qu shift scheduling benchmark instance (``InstanceN.txt``) into the
rotation engine's JSON contract (issue 11), one to one:

    SECTION_HORIZON            -> days (every instance starts on a Monday; start = 2014-01-06,
                                  the StartDate of the .ros files)
    SECTION_SHIFTS  id,len,X|Y -> shift_types {id, minutes, cannot_be_followed_by}
    SECTION_STAFF              -> staff {max_shifts, minutes [min, max], consecutive_shifts
                                  [min, max], min_consecutive_days_off, max_weekends}
    SECTION_DAYS_OFF           -> staff.days_off
    SECTION_SHIFT_ON_REQUESTS  -> requests {on: true}
    SECTION_SHIFT_OFF_REQUESTS -> requests {on: false}
    SECTION_COVER              -> cover {skill: null}

No shift start times and no ``rules``: the benchmark has its rest rules in the
cannot-follow lists already.

    python -m benchmarks.roster.convert benchmarks/roster/instances/Instance1.txt > i1.json
"""

import sys
from pathlib import Path

START = "2014-01-06"


def sections(text: str) -> dict[str, list[list[str]]]:
    """Data lines of each SECTION_*, comma-split, comments and blank lines dropped."""
    found: dict[str, list[list[str]]] = {}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            current = found.setdefault(line, [])
        elif current is not None:
            current.append([part.strip() for part in line.split(",")])
    return found


def convert(text: str) -> dict:
    parts = sections(text)
    days_off = {row[0]: [int(d) for d in row[1:] if d] for row in parts.get("SECTION_DAYS_OFF", [])}
    return {
        "start": START,
        "days": int(parts["SECTION_HORIZON"][0][0]),
        "shift_types": [_shift(row) for row in parts["SECTION_SHIFTS"]],
        "staff": [_staff(row, days_off.get(row[0], [])) for row in parts["SECTION_STAFF"]],
        "requests": _requests(parts.get("SECTION_SHIFT_ON_REQUESTS", []), True)
        + _requests(parts.get("SECTION_SHIFT_OFF_REQUESTS", []), False),
        "cover": [
            {"day": int(day), "shift": shift, "skill": None, "required": int(required)}
            | {"under_weight": int(under), "over_weight": int(over)}
            for day, shift, required, under, over in parts.get("SECTION_COVER", [])
        ],
    }


def _shift(row: list[str]) -> dict:
    following = row[2].split("|") if len(row) > 2 else []
    return {
        "id": row[0],
        "minutes": int(row[1]),
        "cannot_be_followed_by": [s for s in following if s],
    }


def _staff(row: list[str], days_off: list[int]) -> dict:
    staff_id, max_shifts, max_minutes, min_minutes, max_run, min_run, min_off, weekends = row
    limits = {}
    for item in max_shifts.split("|"):
        if item:
            shift, count = item.split("=")
            limits[shift] = int(count)
    return {
        "id": staff_id,
        "max_shifts": limits,
        "minutes": [int(min_minutes), int(max_minutes)],
        "consecutive_shifts": [int(min_run), int(max_run)],
        "min_consecutive_days_off": int(min_off),
        "max_weekends": int(weekends),
        "days_off": days_off,
    }


def _requests(rows: list[list[str]], on: bool) -> list[dict]:
    return [
        {"staff": staff, "day": int(day), "shift": shift, "on": on, "weight": int(weight)}
        for staff, day, shift, weight in rows
    ]


def load(path: str | Path) -> dict:
    return convert(Path(path).read_text(encoding="utf-8"))


if __name__ == "__main__":
    import json

    print(json.dumps(load(sys.argv[1]), indent=1))
