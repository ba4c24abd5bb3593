"""Issue 8 §2 and the security report's M1: concurrent writes never give a 500.

Real threads send the same write at once against a real database (tests/core/race_probe.py,
in a process of its own: SQLite as a file in WAL mode with BEGIN IMMEDIATE, or a PostgreSQL
database of its own), as the probe's conc.py, plan.py and lock.py did against the server:

- two decision POSTs at once -> one 201 and one clear 409, one standing decision (H2, M1);
- a double click on the decision form -> both land on the one decision;
- two notifies of the same version at once -> 200 and a clean 409 (was 500 + 200);
- a write waiting on a lock longer than the wait -> 503 with Retry-After, nothing saved;
- a plan accepted twice at once (the probe's plan.py) -> it is accepted once and its stays are
  made once, the other click gets the page back with a message (was 302 + 500);
- the home's settings saved by its leader and the administrator at once, from the same version
  -> one is saved, the other gets the form back (was 500 + 302);
- a read during a short write waits and is served; on SQLite, past the wait it is a 503 (the
  read's access-log row could not be written, so no data is shown: Normen's fail closed);
  on PostgreSQL a read never waits on a case write.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db.utils import OperationalError

from omsorg.core.busy import database_busy

ROOT = Path(__file__).resolve().parents[2]


def _probe_url(tmp_path) -> str:
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        return f"sqlite:///{tmp_path / 'race.sqlite3'}"
    return os.environ["DATABASE_URL"]


@pytest.fixture(scope="module")
def race(tmp_path_factory) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": _probe_url(tmp_path_factory.mktemp("race")),
        "OMSORG_DB_LOCK_WAIT": "2",
        "RACE_HOLD_SECONDS": "4",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.core.race_probe"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    return result


def test_two_simultaneous_decision_posts_make_one_decision(race):
    assert race["api_two_creates"] == [201, 409]
    assert race["api_two_creates_standing"] == 1


def test_a_double_click_on_the_decision_form_lands_on_the_one_decision(race):
    (first, to_first), (second, to_second) = race["page_double_click"]
    assert first == second == 302 and to_first == to_second
    assert race["page_double_click_standing"] == 1


def test_two_simultaneous_notifies_give_200_and_409(race):
    assert race["api_two_notifies"] == [200, 409]


def test_a_lock_longer_than_the_wait_is_503_with_retry_after_and_saves_nothing(race):
    assert race["write_while_locked_too_long"] == [503, "5", "database_busy"]
    assert race["after_lock_status"] == "decided"


def test_a_read_waits_for_a_short_write(race):
    assert race["read_while_locked_briefly"] == [200, None]


def test_a_read_past_the_wait_is_503_on_sqlite_and_never_waits_on_postgresql(race):
    expected = [503, "5"] if race["vendor"] == "sqlite" else [200, None]
    assert race["read_while_locked_too_long"] == expected


def test_a_plan_accepted_twice_at_once_makes_its_stays_once(race):
    assert race["plan_status_before"] == "finished"
    assert race["plan_two_accepts"] == [302, 302]
    assert race["plan_status_after"] == "accepted"
    assert race["plan_runs_accepted"] == 1
    assert race["plan_stays"] == race["plan_stays_in_result"] > 0


def test_home_settings_saved_twice_at_once_from_one_version_save_once(race):
    assert race["settings_two_saves"] == [200, 302]  # the loser sees the form and why
    assert race["settings_version_after"] == 2


@pytest.mark.parametrize(
    ("message", "busy"),
    [
        ("database is locked", True),
        ("database table is locked", True),
        ("no such table: cases_decision", False),
    ],
)
def test_only_a_lock_is_busy(message, busy):
    assert database_busy(OperationalError(message)) is busy
    assert database_busy(ValueError("database is locked")) is False
