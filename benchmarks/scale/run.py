"""Run the scale benchmark (issue 8 §5) and write its section of benchmarks/RESULTS.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/omsorg_scale \\
        .venv/bin/python -m benchmarks.scale.run [--users 50 200] [--duration 180]

Needs the database built by `benchmarks.scale.build` and the load tool
(`pip install -c requirements/constraints.txt -e ".[bench]"`). Starts gunicorn on the
database, then for each number of users runs locust headless (each user waits 1–5 s between
requests), and reads p50/p95 per page from locust's CSV. Query counts are measured in-process
with Django's test client on the person with the fewest and the one with the most decisions:
flat means the same count for both.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RESULTS = HERE / "results.json"
SESSIONS = HERE / "sessions.json"
LETTERS = HERE / "letters.json"
PORT = 8765


def _bin(name: str) -> str:
    """The tool beside this Python, else on PATH (locust may live in a venv of its own)."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def _gunicorn(workers: int, threads: int) -> subprocess.Popen:
    # As docs/drift.md runs it: persistent database connections (DB_CONN_MAX_AGE=60), so a
    # request does not pay for a new PostgreSQL connection (the first run opened one each).
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "OMSORG_LOG_LEVEL": "ERROR",
        "DB_CONN_MAX_AGE": os.environ.get("DB_CONN_MAX_AGE", "60"),
    }
    server = subprocess.Popen(
        [
            _bin("gunicorn"),
            "omsorg.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "120",
            # Longer than a user's pause (1–5 s): with gunicorn's default of 2 s the server
            # closes an idle connection just as the client sends on it, and the request fails
            # with "Remote end closed connection" (the first runs' failures). In production
            # nginx holds the browsers' connections (docs/drift.md).
            "--keep-alive",
            "75",
        ],
        env=env,
        cwd=ROOT,
    )
    _wait_until_warm(workers)
    return server


def _wait_until_warm(workers: int) -> None:
    """Until the login page answers, and then once per worker, so no run measures start-up."""
    deadline = time.monotonic() + 120
    answered = 0
    while answered < 2 * workers:
        if time.monotonic() > deadline:
            raise RuntimeError("gunicorn did not answer within 120 s")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/logg-inn/", timeout=30):
                answered += 1
        except OSError:
            time.sleep(1)


def _load(users: int, duration: int, out: Path) -> dict:
    """One locust run; p50, p95, requests and failures per page name, and locust's own lists
    of the failures (method, page, error, occurrences) and exceptions, kept for reading."""
    prefix = out / f"u{users}"
    load_before = os.getloadavg()
    subprocess.run(
        [
            _bin("locust"),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(max(1, users // 10)),
            "-t",
            f"{duration}s",
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--csv",
            str(prefix),
            "--only-summary",
        ],
        check=False,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    figures = {}
    with open(f"{prefix}_stats.csv") as stats:
        for row in csv.DictReader(stats):
            figures[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
                "rps": float(row["Requests/s"]),
            }
    return {
        "pages": figures,
        "failures": _rows_of(f"{prefix}_failures.csv"),
        "exceptions": _rows_of(f"{prefix}_exceptions.csv"),
        "load_before": load_before,
        "load_after": os.getloadavg(),
    }


def _rows_of(path: str) -> list[dict]:
    try:
        with open(path) as rows:
            return list(csv.DictReader(rows))
    except FileNotFoundError:
        return []


def _median_run(runs: list[dict]) -> dict:
    """Per page over several runs: the median p50 and p95, requests and failures summed."""
    pages = {}
    for name in runs[0]["pages"]:
        per_run = [run["pages"][name] for run in runs if name in run["pages"]]
        pages[name] = {
            "requests": sum(r["requests"] for r in per_run),
            "failures": sum(r["failures"] for r in per_run),
            "p50_ms": statistics.median(r["p50_ms"] for r in per_run),
            "p95_ms": statistics.median(r["p95_ms"] for r in per_run),
            "rps": statistics.median(r["rps"] for r in per_run),
        }
    return pages


def _query_counts() -> dict:
    """Queries per page for the persons with the fewest and the most decisions."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omsorg.settings")
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from omsorg.core.models import User
    from omsorg.people.models import Person

    targets = json.loads((HERE / "targets.json").read_text())
    readable = Person.objects.filter(id__in=targets["persons"]).annotate(n=Count("decisions"))
    readable = readable.filter(n__gte=1)
    few, most = readable.order_by("n", "id").first(), readable.order_by("-n", "id").first()
    client = Client()
    client.force_login(User.objects.get(username=targets["user"]))
    counts = {}
    for label, person in (("fewest", few), ("most", most)):
        # The same kind of decision for both (a standing one if there is): a letter sent
        # reads the recipients, an ended one does not; that is one query by kind, not by rows.
        decision = (
            person.decisions.filter(status__in=["decided", "notified"]).order_by("-id").first()
            or person.decisions.exclude(status="draft").order_by("-id").first()
        )
        urls = {
            "worklist": "/arbeidsliste/",
            "person page": f"/personer/{person.id}/",
            "decision page": f"/personer/{person.id}/vedtak/{decision.id}/",
            "API decisions": f"/api/v1/persons/{person.id}/decisions",
        }
        for name, url in urls.items():
            client.get(url)  # warm: the first request of a session loads what later ones reuse
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url).status_code
            counts.setdefault(name, {})[label] = {
                "decisions": person.n,
                "queries": len(queries),
                "status": status,
            }
    return counts


def _sessions(count: int) -> None:
    """One logged-in session per simulated user, written to sessions.json for locustfile.py."""
    from django.conf import settings
    from django.test import Client

    from omsorg.core.models import User

    targets = json.loads((HERE / "targets.json").read_text())
    user = User.objects.get(username=targets["user"])
    keys = []
    for _ in range(count):
        client = Client()
        client.force_login(user)
        keys.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    SESSIONS.write_text(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "keys": keys}))


def _store_letters(count: int) -> None:
    """Typeset `count` decision letters into the letter store before the run, and write their
    ids to letters.json for locustfile.py. A working municipality's store holds the letters
    read before (each is typeset once per letter text, at its first read); the builder's
    database starts empty, and uniform draws from 60 000 decisions would measure nothing but
    first typesettings. The first typesetting's cost is profile.py's "letter PDF, typeset"."""
    from omsorg.cases.letters.render import decision_letter_pdf
    from omsorg.cases.selectors import decision_for
    from omsorg.people.models import Person

    targets = json.loads((HERE / "targets.json").read_text())
    chosen = random.Random(7).sample(targets["decisions"], min(count, len(targets["decisions"])))
    for person_id, decision_id in chosen:
        person = Person.objects.get(pk=person_id)
        decision_letter_pdf(decision_for(person=person, decision_id=decision_id))
    LETTERS.write_text(json.dumps(chosen))


def _rows() -> dict:
    from omsorg.cases.models import Decision
    from omsorg.people.models import AccessLog, Person

    return {
        "persons": Person.objects.count(),
        "decisions": Decision.objects.count(),
        "access_log": AccessLog.objects.count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--duration", type=int, default=180)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1, help="runs per number of users")
    parser.add_argument(
        "--letters", type=int, default=300, help="letters in the store the load test reads"
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=30,
        help="seconds of load at the fewest users, not recorded, before the measured runs",
    )
    args = parser.parse_args(argv)
    counts = _query_counts()
    _sessions(max(args.users))
    _store_letters(args.letters)
    load_before = os.getloadavg()
    server = _gunicorn(args.workers, args.threads)
    every_run = {}
    try:
        with tempfile.TemporaryDirectory() as out:
            if args.warmup > 0:
                # A server in use has each worker's compiled worklist SQL, each connection's
                # prepared statements and the tables' pages in PostgreSQL's cache; a fresh
                # one has none, and the first run alone paid for them (p95 180 against 140
                # ms for the worklist in the second run at 50 users, 7 Dec 15:27 UTC).
                _load(min(args.users), args.warmup, Path(out))
            for _ in range(args.runs):
                for users in args.users:
                    every_run.setdefault(str(users), []).append(
                        _load(users, args.duration, Path(out))
                    )
    finally:
        server.terminate()
        server.wait()
    results = {
        "date": dt.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}",
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "rows": _rows(),
        "gunicorn": {"workers": args.workers, "threads": args.threads},
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "runs_per_level": args.runs,
        "runs": {users: _median_run(runs) for users, runs in every_run.items()},
        "every_run": every_run,
        "query_counts": counts,
        "stored_letters": args.letters,
    }
    RESULTS.write_text(json.dumps(results, indent=1))
    from benchmarks.scale.report import write_section

    write_section(results)
    print(json.dumps(results["runs"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
