"""`omsorg report kpi` and `omsorg import` start cheap (benchmarks/steering/notes.md): no
system checks before each run (they import every URL module, and with them the planning
engines' OR-Tools and pandas), and loading Django (`django.setup()`, the admin's modules
included) imports no page views. Checked by what a fresh process has imported, not by a timer."""

import json
import os
import subprocess
import sys
from pathlib import Path

from omsorg.steering.management.commands import report

HEAVY = ("ortools", "pandas", "weasyprint", "omsorg.api", "omsorg.urls", "omsorg.core.views")

PROBE = """
import json, sys
from omsorg.__main__ import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def _imported_by(tmp_path: Path, *argv: str) -> list[str]:
    src = Path(report.__file__).resolve().parents[4]
    env = {
        **os.environ,
        "PYTHONPATH": str(src),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "omsorg.settings",
        "OMSORG_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_report_kpi_runs_without_the_system_checks(tmp_path):
    # A bad period: the command starts, reads its arguments and stops before any query.
    assert _imported_by(tmp_path, "report", "kpi", "--unit", "all", "--period", "2025-T9") == []


def test_import_command_runs_without_the_system_checks(tmp_path):
    # A missing file: the command starts and stops before any query.
    missing = str(tmp_path / "missing.csv")
    assert _imported_by(tmp_path, "import", "registrations", missing) == []


def test_the_report_command_opts_out_of_the_checks():
    assert report.Command.requires_system_checks == []
