"""One request at a time on the scale database: milliseconds and queries per measured page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/omsorg_scale \\
        .venv/bin/python -m benchmarks.scale.profile [--repeat 20] [--pyinstrument worklist]

Django's test client in-process, warm, the demo caseworker, persons and decisions drawn from
targets.json as the load test draws them. Wall time, and the CPU time of this process (which
leaves out PostgreSQL's): on a shared machine the CPU time is the steadier figure. With
--pyinstrument PAGE (pip install pyinstrument) the call tree of one request of that page is
printed: where a page's time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPESET = "letter PDF, typeset"


def _forget_letter(url: str) -> None:
    from omsorg.cases.models import StoredLetterPdf

    StoredLetterPdf.objects.filter(decision_id=int(url.split("/")[4])).delete()


def _urls(targets: dict, rng: random.Random) -> dict:
    person = rng.choice(targets["persons"])
    decision_person, decision = rng.choice(targets["decisions"])
    # The load test's letters are those run.py typeset into the store (letters.json); without
    # it, any decision's (stored after its first read here).
    letter_person, letter = rng.choice(targets.get("letters") or targets["decisions"])
    return {
        "worklist": "/arbeidsliste/",
        "person page": f"/personer/{person}/",
        "decision page": f"/personer/{decision_person}/vedtak/{decision}/",
        "letter PDF": f"/personer/{letter_person}/vedtak/{letter}/brev.pdf",
        # The same letter's first read: its stored PDF removed before the request.
        TYPESET: f"/personer/{decision_person}/vedtak/{decision}/brev.pdf",
        "API persons": "/api/v1/persons",
        "API decisions": f"/api/v1/persons/{person}/decisions",
    }


def _pyinstrument(client, url: str) -> None:
    from pyinstrument import Profiler

    client.get(url)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    client.get(url)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pyinstrument", default="", help="a page name to profile")
    parser.add_argument("--pages", nargs="*", default=[])
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omsorg.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from omsorg.core.models import User

    targets = json.loads((HERE / "targets.json").read_text())
    if (HERE / "letters.json").exists():
        targets["letters"] = json.loads((HERE / "letters.json").read_text())
    client = Client()
    client.force_login(User.objects.get(username=targets["user"]))
    rng = random.Random(1)
    names = args.pages or list(_urls(targets, rng))
    for name in names:
        times, cpu, queries = [], [], []
        for i in range(args.repeat + 2):
            url = _urls(targets, rng)[name]
            if name == TYPESET:
                _forget_letter(url)
            with CaptureQueriesContext(connection) as captured:
                started, started_cpu = time.perf_counter(), time.process_time()
                status = client.get(url).status_code
                elapsed = (time.perf_counter() - started) * 1000
                elapsed_cpu = (time.process_time() - started_cpu) * 1000
            if i >= 2:  # the first two warm caches
                times.append(elapsed)
                cpu.append(elapsed_cpu)
                queries.append(len(captured))
            if status != 200:
                print(f"{name}: {url} answered {status}", file=sys.stderr)
        print(
            f"{name:14} median {statistics.median(times):7.1f} ms  max {max(times):7.1f} ms  "
            f"Python CPU median {statistics.median(cpu):6.1f} ms  "
            f"queries {min(queries)}-{max(queries)}"
        )
    if args.pyinstrument:
        _pyinstrument(client, _urls(targets, rng)[args.pyinstrument])
    return 0


if __name__ == "__main__":
    sys.exit(main())
