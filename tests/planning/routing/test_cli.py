"""The command line: ``omsorg plan-routes`` and ``python -m omsorg.planning.routing``."""

import json
import subprocess
import sys

from omsorg.__main__ import main as omsorg_main
from omsorg.planning.routing.check import check_plan
from omsorg.planning.routing.parse import load_instance

from .helpers import SMALL, small


def test_python_dash_m_prints_a_checked_plan():
    result = subprocess.run(
        [sys.executable, "-m", "omsorg.planning.routing", str(SMALL), "--time-limit", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["status"] == "optimal"
    assert check_plan(load_instance(SMALL), plan).violations == []


def test_omsorg_plan_routes_is_a_pure_command(capsys):
    assert omsorg_main(["plan-routes", str(SMALL), "--time-limit", "1", "--progress"]) == 0
    out, _ = capsys.readouterr()
    plan = json.loads(out)
    assert set(plan) == {"status", "routes", "unassigned", "objective", "bound"}
    assert set(plan["objective"]) == {
        "total",
        "unassigned",
        "distance",
        "travel",
        "tardiness",
        "max_tardiness",
        "not_preferred",
        "overtime",
    }
    assert check_plan(load_instance(SMALL), plan).violations == []


def test_malformed_instance_exits_2_with_empty_stdout(tmp_path):
    data = small()
    data["visits"][0]["location"] = "nowhere"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    result = subprocess.run(
        [sys.executable, "-m", "omsorg", "plan-routes", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "visits[0].location" in result.stderr


def test_bad_arguments_exit_2(capsys):
    assert omsorg_main(["plan-routes", str(SMALL), "--time-limit", "0"]) == 2
    assert omsorg_main(["plan-routes"]) == 2
    out, _ = capsys.readouterr()
    assert out == ""


def test_a_missing_file_exits_2(tmp_path, capsys):
    assert omsorg_main(["plan-routes", str(tmp_path / "none.json")]) == 2
    assert capsys.readouterr().out == ""


def test_infeasible_when_a_shift_is_too_short_to_get_home(tmp_path, capsys):
    data = small()
    data["staff"][0]["end"] = "p2"
    data["staff"][0]["shift"] = [420, 425]
    path = tmp_path / "short.json"
    path.write_text(json.dumps(data))
    assert omsorg_main(["plan-routes", str(path), "--time-limit", "1"]) == 1
    plan = json.loads(capsys.readouterr().out)
    assert plan["status"] == "infeasible"
