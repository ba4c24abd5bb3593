"""Read a Curtois & Qu ``.ros`` (XML) instance into the same contract dict as ``convert.py``,
to check a mirror's ``.txt`` against it (a mirror's copy may have been edited).

Only what instances 1-24 use: shift types with start and duration, a MinRestTime that gives
the cannot-follow pairs, per contract MaxTot, MaxSeq, MinSeq (shifts and days off), Workload,
a weekend Match and ValidShifts, fixed days off, shift on/off requests and date-specific cover.

    python -m benchmarks.roster.ros DIR_WITH_ROS_AND_TXT    # compares InstanceN.ros/.txt, 1-24
"""

import datetime as dt
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from benchmarks.roster.convert import START, load


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def ros_to_contract(path: str | Path) -> dict:
    root = ET.parse(path).getroot()
    start = dt.date.fromisoformat(root.findtext("StartDate"))
    days = (dt.date.fromisoformat(root.findtext("EndDate")) - start).days + 1
    shifts = [
        (s.get("ID"), _minutes(s.findtext("StartTime")), int(s.findtext("Duration")))
        for s in root.iter("Shift")
        if s.get("ID") is not None
    ]
    contracts = {c.get("ID"): c for c in root.iter("Contract")}
    rest = int(contracts["All"].findtext("MinRestTime"))
    return {
        "start": start.isoformat(),
        "days": days,
        "shift_types": [
            {"id": sid, "minutes": length, "cannot_be_followed_by": [
                other for other, begin, _ in shifts if 1440 + begin - (first + length) < rest
            ]}
            for sid, first, length in shifts
        ],
        "staff": [_staff(e, contracts, shifts, days, root) for e in root.find("Employees")],
        "requests": _requests(root, "ShiftOn", True) + _requests(root, "ShiftOff", False),
        "cover": _cover(root),
    }  # fmt: skip


def _staff(employee, contracts, shifts, days, root) -> dict:
    staff_id = employee.get("ID")
    own = contracts[[c.text for c in employee.findall("ContractID") if c.text != "All"][0]]
    valid = [s for s in own.find("ValidShifts").get("shift").split(",") if s]
    limits = {sid: (days if sid in valid else 0) for sid, _, _ in shifts}
    for tot in own.findall("MaxTot"):
        limits[tot.get("shift")] = int(tot.get("value"))
    seqs = {
        (m.tag, m.get("shift")): int(m.get("value")) for m in own if m.tag in ("MaxSeq", "MinSeq")
    }
    workload = own.find("Workload")
    off = [
        int(a.findtext("Day"))
        for e in root.find("FixedAssignments")
        if e.findtext("EmployeeID") == staff_id
        for a in e.findall("Assign")
    ]
    return {
        "id": staff_id,
        "max_shifts": limits,
        "minutes": [int(workload.findtext(".//Min/Count")), int(workload.findtext(".//Max/Count"))],
        "consecutive_shifts": [seqs.get(("MinSeq", "$"), 1), seqs[("MaxSeq", "$")]],
        "min_consecutive_days_off": seqs.get(("MinSeq", "-"), 1),
        "max_weekends": int(own.find("Patterns/Match/Max/Count").text),
        "days_off": off,
    }


def _requests(root, tag: str, on: bool) -> list[dict]:
    return [
        {"staff": r.findtext("EmployeeID"), "day": int(r.findtext("Day")),
         "shift": r.findtext("Shift"), "on": on, "weight": int(r.get("weight"))}
        for r in root.iter(tag)
    ]  # fmt: skip


def _cover(root) -> list[dict]:
    rows = []
    for day in root.iter("DateSpecificCover"):
        for cover in day.findall("Cover"):
            low, high = cover.find("Min"), cover.find("Max")
            assert low.text == high.text, "the benchmark's cover has one required figure"
            rows.append({
                "day": int(day.findtext("Day")), "shift": cover.findtext("Shift"), "skill": None,
                "required": int(low.text), "under_weight": int(low.get("weight")),
                "over_weight": int(high.get("weight")),
            })  # fmt: skip
    return rows


def normalised(data: dict) -> dict:
    """Order-free form for comparison: lists of rows sorted, days off sorted."""
    data = dict(data)
    data["shift_types"] = sorted(
        (t["id"], t["minutes"], tuple(sorted(t["cannot_be_followed_by"])))
        for t in data["shift_types"]
    )
    data["staff"] = sorted(
        (s["id"], tuple(sorted(s["max_shifts"].items())), tuple(s["minutes"]),
         tuple(s["consecutive_shifts"]), s["min_consecutive_days_off"], s["max_weekends"],
         tuple(sorted(s["days_off"])))
        for s in data["staff"]
    )  # fmt: skip
    data["requests"] = sorted(tuple(sorted(r.items())) for r in data["requests"])
    data["cover"] = sorted(tuple(sorted(c.items(), key=str)) for c in data["cover"])
    return data


def differences(txt: Path, ros: Path) -> list[str]:
    a, b = normalised(load(txt)), normalised(ros_to_contract(ros))
    found = []
    for key in a:
        if a[key] != b[key]:
            rows_a = a[key] if isinstance(a[key], list) else [a[key]]
            rows_b = b[key] if isinstance(b[key], list) else [b[key]]
            only_txt = [r for r in rows_a if r not in rows_b]
            only_ros = [r for r in rows_b if r not in rows_a]
            found.append(f"{key}: txt only {only_txt[:3]} / ros only {only_ros[:3]}")
    return found


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    assert START == "2014-01-06"
    for number in range(1, 25):
        diff = differences(folder / f"Instance{number}.txt", folder / f"Instance{number}.ros")
        print(f"Instance{number}: {'same' if not diff else 'DIFFERENT'}")
        for line in diff:
            print("   ", line)
