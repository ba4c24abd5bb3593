"""An independent checker of a roster against the JSON contract of issue 11, written from the
contract's text (not from the engine's model or its check.py): it reads the raw JSON dicts,
walks the calendar with ``datetime`` and measures weekly rest minute by minute.

``broken(data, roster)`` is the set of (rule, staff id) pairs broken; ``cost(data, roster)`` the
objective's figures.
"""

import datetime as dt

DAY = 1440


def _start_date(data: dict) -> dt.date:
    # Without "start", day 0 is a Monday (the engine documents the same choice).
    return dt.date.fromisoformat(data["start"]) if "start" in data else dt.date(2024, 1, 1)


def _shift(data: dict, code: str) -> dict:
    return next(t for t in data["shift_types"] if t["id"] == code)


def _clock(data: dict, day: int, code: str) -> tuple[int, int] | None:
    shift = _shift(data, code)
    if "start" not in shift:
        return None
    hours, minutes = shift["start"].split(":")
    begin = day * DAY + int(hours) * 60 + int(minutes)
    return begin, begin + shift["minutes"]


def cost(data: dict, roster: dict) -> dict:
    requests = 0
    for r in data.get("requests", []):
        on_it = roster[r["staff"]][r["day"]] == r["shift"]
        requests += r["weight"] if on_it != r["on"] else 0
    under = over = 0
    for c in data.get("cover", []):
        n = 0
        for person in data["staff"]:
            skilled = c.get("skill") is None or c["skill"] in person.get("skills", [])
            if skilled and roster[person["id"]][c["day"]] == c["shift"]:
                n += 1
        under += max(0, c["required"] - n) * c["under_weight"]
        over += max(0, n - c["required"]) * c["over_weight"]
    return {"total": requests + under + over, "requests": requests, "cover_under": under,
            "cover_over": over}  # fmt: skip


def broken(data: dict, roster: dict) -> set[tuple[str, str]]:
    found = set()
    for person in data["staff"]:
        row = roster[person["id"]]
        for rule, check in CHECKS.items():
            if check(data, person, row):
                found.add((rule, person["id"]))
    return found


def _days_off(data, person, row) -> bool:
    return any(row[d] for d in person.get("days_off", []))


def _cannot_follow(data, person, row) -> bool:
    return any(
        row[d]
        and row[d + 1]
        and row[d + 1] in _shift(data, row[d]).get("cannot_be_followed_by", [])
        for d in range(len(row) - 1)
    )


def _daily_rest(data, person, row) -> bool:
    hours = data.get("rules", {}).get("daily_rest_hours")
    if hours is None:
        return False
    worked = [d for d in range(len(row)) if row[d]]
    for a, b in zip(worked, worked[1:], strict=False):
        first, second = _clock(data, a, row[a]), _clock(data, b, row[b])
        if first and second and second[0] - first[1] < hours * 60:
            return True
    return False


def _weekly_rest(data, person, row) -> bool:
    hours = data.get("rules", {}).get("weekly_rest_hours")
    if hours is None:
        return False
    for window in range(len(row) - 6):
        busy = bytearray(7 * DAY)  # one byte per minute of the window, 1 = working
        for d in range(max(0, window - 1), min(len(row), window + 7)):
            if row[d]:
                span = _clock(data, d, row[d]) or (d * DAY, (d + 1) * DAY)
                first = max(span[0], window * DAY) - window * DAY
                last = min(span[1], (window + 7) * DAY) - window * DAY
                if last > first:
                    busy[first:last] = b"\x01" * (last - first)
        longest = max(len(gap) for gap in bytes(busy).split(b"\x01"))
        if longest < hours * 60:
            return True
    return False


def _max_shifts(data, person, row) -> bool:
    return any(row.count(code) > most for code, most in person.get("max_shifts", {}).items())


def _minutes(data, person, row) -> bool:
    if "minutes" not in person:
        return False
    total = sum(_shift(data, code)["minutes"] for code in row if code)
    return not person["minutes"][0] <= total <= person["minutes"][1]


def _stretches(row: list[str], working: bool) -> list[tuple[int, int]]:
    found, d = [], 0
    while d < len(row):
        if bool(row[d]) == working:
            e = d
            while e + 1 < len(row) and bool(row[e + 1]) == working:
                e += 1
            found.append((d, e))
            d = e + 1
        else:
            d += 1
    return found


def _too_short(first: int, last: int, least: int, horizon: int) -> bool:
    # Exempt from the minimum: a run starting on day 0, or one cut by the last day.
    return last - first + 1 < least and first != 0 and last != horizon - 1


def _consecutive(data, person, row) -> bool:
    if "consecutive_shifts" not in person:
        return False
    least, most = person["consecutive_shifts"]
    return any(
        e - s + 1 > most or _too_short(s, e, least, len(row)) for s, e in _stretches(row, True)
    )


def _days_off_runs(data, person, row) -> bool:
    least = person.get("min_consecutive_days_off") or 0
    return any(_too_short(s, e, least, len(row)) for s, e in _stretches(row, False))


def _weekends(data, person, row) -> bool:
    if person.get("max_weekends") is None:
        return False
    start = _start_date(data)
    saturdays = set()
    for d, code in enumerate(row):
        date = start + dt.timedelta(days=d)
        if code and date.weekday() >= 5:
            saturdays.add(date - dt.timedelta(days=date.weekday() - 5))
    return len(saturdays) > person["max_weekends"]


CHECKS = {
    "days_off": _days_off,
    "cannot_be_followed_by": _cannot_follow,
    "daily_rest": _daily_rest,
    "weekly_rest": _weekly_rest,
    "max_shifts": _max_shifts,
    "minutes": _minutes,
    "consecutive_shifts": _consecutive,
    "min_consecutive_days_off": _days_off_runs,
    "max_weekends": _weekends,
}
