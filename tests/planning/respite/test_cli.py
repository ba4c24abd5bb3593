"""The command line: ``python -m omsorg.planning.respite`` and ``omsorg plan-respite``."""

import datetime as dt
import json
import subprocess
import sys

from omsorg.__main__ import main as omsorg_main
from omsorg.planning.respite import Stay, check_plan, load_instance
from omsorg.planning.respite.parse import parse_instance

from .helpers import DATA

SMALL = DATA / "respite_small.json"


def _stays(plan: dict) -> list[Stay]:
    return [
        Stay(s["child"], s["home"], dt.date.fromisoformat(s["first_night"]), s["nights"])
        for s in plan["stays"]
    ]


def test_python_dash_m_prints_a_valid_plan():
    result = subprocess.run(
        [sys.executable, "-m", "omsorg.planning.respite", str(SMALL), "--time-limit", "5"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["status"] == "optimal"
    assert check_plan(load_instance(SMALL), _stays(plan)) == []


def test_python_dash_m_refuses_a_malformed_instance(tmp_path):
    data = json.loads(SMALL.read_text())
    data["children"][2]["stay_nights"]["min"] = 9
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    result = subprocess.run(
        [sys.executable, "-m", "omsorg.planning.respite", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "children[2].stay_nights.min" in result.stderr


def test_omsorg_plan_respite_runs_without_django(capsys):
    assert omsorg_main(["plan-respite", str(SMALL), "--time-limit", "5", "--progress"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["objective"]["total_shortfall"] == 0
    # Progress lines go to stderr, never stdout: the first plan, then each better one.
    assert "start: objective" in err and "preferences: objective" in err


def test_the_engine_never_imports_django():
    """The same solver runs from a web task and the command line; Django is not needed."""
    code = "import sys, omsorg.planning.respite.__main__; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_infeasible_fixed_stays_exit_1_with_the_broken_rule(tmp_path, capsys):
    data = json.loads(SMALL.read_text())
    data["fixed_stays"] = [
        {"child": "c01", "home": "flata", "first_night": "2027-01-08", "nights": 1}
    ]  # a blocked night of c01
    parse_instance(data)  # well-formed: it is the plan that cannot exist
    path = tmp_path / "fixed.json"
    path.write_text(json.dumps(data))
    assert omsorg_main(["plan-respite", str(path)]) == 1
    plan = json.loads(capsys.readouterr().out)
    assert plan["status"] == "infeasible"
    assert any("hard rule 2" in v for v in plan["violations"])
