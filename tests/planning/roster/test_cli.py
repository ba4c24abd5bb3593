"""The command lines: ``omsorg plan-roster`` and ``omsorg check-roster`` (issue 11, the
engine's contract), and ``python -m omsorg.planning.roster``."""

import json
import subprocess
import sys

from omsorg.__main__ import main as omsorg_main

from .helpers import DATA, verify

SMALL = DATA / "roster_small.json"


def test_plan_roster_prints_a_checked_roster_in_the_contract_shape(capsys):
    code = omsorg_main(["plan-roster", str(SMALL), "--time-limit", "2"])
    out, _err = capsys.readouterr()
    result = json.loads(out)
    assert code == 0
    assert set(result) == {"status", "roster", "objective", "bound", "violations"}
    assert result["status"] in {"optimal", "feasible"}
    assert set(result["objective"]) == {"total", "requests", "cover_under", "cover_over"}
    assert all(len(days) == 7 for days in result["roster"].values())
    verify(json.loads(SMALL.read_text()), result)


def test_python_dash_m_refuses_a_malformed_instance_with_exit_2(tmp_path):
    data = json.loads(SMALL.read_text())
    data["cover"][0]["shift"] = "X"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    result = subprocess.run(
        [sys.executable, "-m", "omsorg.planning.roster", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "cover[0].shift" in result.stderr


def test_plan_roster_missing_file_is_exit_2(capsys, tmp_path):
    assert omsorg_main(["plan-roster", str(tmp_path / "none.json")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "cannot read" in err


def test_plan_roster_infeasible_is_exit_1(capsys, tmp_path):
    data = {"days": 1, "shift_types": [{"id": "D", "minutes": 480}],
            "staff": [{"id": "A", "minutes": [600, 700]}]}  # fmt: skip
    path = tmp_path / "infeasible.json"
    path.write_text(json.dumps(data))
    assert omsorg_main(["plan-roster", str(path), "--time-limit", "2"]) == 1
    assert json.loads(capsys.readouterr().out)["status"] == "infeasible"


def _check(capsys, tmp_path, roster) -> tuple[int, dict | None, str]:
    path = tmp_path / "roster.json"
    path.write_text(json.dumps(roster))
    code = omsorg_main(["check-roster", str(SMALL), str(path)])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else None), err


def test_check_roster_lists_every_broken_rule_with_staff_and_day(capsys, tmp_path):
    data = json.loads(SMALL.read_text())
    roster = {person["id"]: [""] * 7 for person in data["staff"]}
    roster["Kari"][3] = "D"  # a day off
    roster["Nils"][0:2] = ["A", "D"]  # A may not be followed by D; 8.5 h daily rest
    roster["Ola"] = ["D"] * 7  # 7 days in a row, no weekly rest, a weekend
    code, report, _err = _check(capsys, tmp_path, {"status": "feasible", "roster": roster})
    assert code == 1
    assert report["valid"] is False
    found = {(v["rule"], v["staff"], v["day"]) for v in report["violations"]}
    assert ("days_off", "Kari", 3) in found
    assert ("cannot_be_followed_by", "Nils", 1) in found
    assert ("daily_rest", "Nils", 1) in found
    assert ("consecutive_shifts", "Ola", 0) in found
    assert ("weekly_rest", "Ola", 0) in found
    assert all("AML § 10-8" in v["message"] for v in report["violations"] if "rest" in v["rule"])
    assert report["objective"]["total"] > 0


def test_check_roster_accepts_the_engines_own_roster(capsys, tmp_path):
    assert omsorg_main(["plan-roster", str(SMALL), "--time-limit", "2"]) == 0
    planned = json.loads(capsys.readouterr().out)
    code, report, _err = _check(capsys, tmp_path, planned)
    assert code == 0
    assert report["valid"] is True and report["violations"] == []
    assert report["objective"] == planned["objective"]


def test_check_roster_refuses_a_roster_that_does_not_fit(capsys, tmp_path):
    data = json.loads(SMALL.read_text())
    roster = {person["id"]: [""] * 7 for person in data["staff"]}
    roster["Ola"][2] = "X"
    code, report, err = _check(capsys, tmp_path, roster)
    assert code == 2 and report is None
    assert "roster.Ola[2]" in err
    del roster["Ola"]
    code, report, err = _check(capsys, tmp_path, roster)
    assert code == 2 and "roster.Ola" in err
