"""Steering benchmark (issue 9, "Performance"): import rows/s and the time to build the
sector's tertial scorecard figures, on SQLite and PostgreSQL.

    .venv/bin/python -m benchmarks.steering.run [--runs 3] [--backends sqlite postgres]
        [--data DIR] [--pg postgres://postgres@127.0.0.1:5432/omsorg_delivery]

Generates the data into var/bench_steering if missing (`benchmarks.steering.generate`: 30
units, 6 000 persons, 2 million registrations over a year, a year of staff and budget
months), then per backend:
a fresh database (the SQLite file is deleted, the PostgreSQL database dropped and created),
migrate, the home-care catalogue, and the imports of units, persons, staff and budget. Timed,
each `--runs` times, median kept:

- the first import of the 2 million registrations (`import_file`, all rows or none: read,
  check, insert, event), undone between runs (the undo is timed too);
- a re-import of January (170 000 rows): every current January row replaced, then undone;
- the sector's tertial scorecard figures for 2025-T1: `unit_kpis` for the whole
  municipality and for each of its 30 units (what `omsorg report kpi --unit all` and a
  scorecard per unit read), decided vs delivered per unit (`delivery_by_unit_shown`), and the
  command `omsorg report kpi --unit all --period 2025-T1 --json` as a process (with start-up).

Writes `benchmarks/steering/results.json`; `--write-results` also rewrites the "Steering"
section of benchmarks/RESULTS.md. Each backend runs in its own process (settings are read at
start); the machine's load (`uptime`) is recorded before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RESULTS = HERE / "results.json"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/omsorg_delivery"
PERIOD = "2025-T1"


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _fresh_database(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    base, name = url.rsplit("/", 1)
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


CPU: dict[str, list[float]] = {}  # this process's CPU seconds per timed step (load-proof)
SERVER_CPU: dict[str, list[float]] = {}  # the PostgreSQL backend's, read from /proc
BACKEND: list[int] = []  # the backend's process id (PostgreSQL on this machine)


def _backend_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL backend so far (0 for SQLite: in-process)."""
    if not BACKEND:
        return 0.0
    fields = Path(f"/proc/{BACKEND[0]}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _timed(function, *args, _label: str = "", **kwargs):
    started, cpu, server = time.perf_counter(), time.process_time(), _backend_cpu()
    result = function(*args, **kwargs)
    if _label:
        CPU.setdefault(_label, []).append(time.process_time() - cpu)
        SERVER_CPU.setdefault(_label, []).append(_backend_cpu() - server)
    return time.perf_counter() - started, result


def _registrations(load, import_undo, runs: int) -> dict:
    first, undo, replace, replace_undo = [], [], [], []
    rows = month_rows = replaced = 0
    for run in range(runs):
        seconds, event = load("registrations", "registrations.csv")
        rows = event.row_count
        first.append(seconds)
        print(f"  first import {run + 1}: {rows / seconds:,.0f} rows/s ({seconds:.1f} s)",
              flush=True)  # fmt: skip
        if run < runs - 1:
            undo.append(_timed(import_undo, actor=None, event=event)[0])
    for run in range(runs):
        seconds, event = load("registrations", "registrations_month.csv")
        month_rows, replaced = event.row_count, event.replaced_count
        replace.append(seconds)
        print(f"  re-import January {run + 1}: {month_rows / seconds:,.0f} rows/s "
              f"({seconds:.1f} s, {replaced} replaced)", flush=True)  # fmt: skip
        replace_undo.append(_timed(import_undo, actor=None, event=event)[0])
    return {
        "registrations_first": {
            "rows": rows, "seconds": [round(s, 2) for s in first],
            "median_rows_per_s": round(rows / _median(first)),
            "undo_seconds_median": round(_median(undo), 2) if undo else None,
        },
        "registrations_reimport_month": {
            "rows": month_rows, "replaced": replaced, "seconds": [round(s, 2) for s in replace],
            "median_rows_per_s": round(month_rows / _median(replace)),
            "undo_seconds_median": round(_median(replace_undo), 2),
        },
    }  # fmt: skip


def _scorecard(municipality, url: str, runs: int) -> dict:
    from omsorg.steering.delivery_selectors import delivery_by_unit_shown
    from omsorg.steering.periods import parse_period
    from omsorg.steering.selectors import municipality_units, unit_kpis

    period = parse_period(PERIOD)
    codes = list(municipality_units(municipality).values_list("code", flat=True))
    kpi_all, kpi_units, delivery, command = [], [], [], []
    for _ in range(runs):
        kpi_all.append(_timed(unit_kpis, municipality, None, period, _label="kpi_sector")[0])
        kpi_units.append(_timed(lambda: [unit_kpis(municipality, c, period) for c in codes])[0])
        delivery.append(_timed(delivery_by_unit_shown, municipality, period)[0])
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "omsorg", "report", "kpi", "--unit", "all", "--period",
             PERIOD, "--json"],
            check=True, capture_output=True, env={**os.environ, "DATABASE_URL": url},
        )  # fmt: skip
        command.append(time.perf_counter() - started)
    return {
        "units": len(codes),
        "kpi_sector_s": round(_median(kpi_all), 3),
        "kpi_sector_and_each_unit_s": round(_median(kpi_all) + _median(kpi_units), 3),
        "delivery_by_unit_s": round(_median(delivery), 3),
        "report_kpi_command_s": round(_median(command), 3),
    }


def measure(url: str, data: Path, runs: int) -> dict:
    """Run inside a process whose DATABASE_URL is `url` (see main)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omsorg.settings")
    django.setup()
    from django.core.management import call_command

    from omsorg.catalogue.services import catalogue_load
    from omsorg.steering.services import import_file, import_undo

    call_command("migrate", verbosity=0)
    from django.db import connection

    if connection.vendor == "postgresql" and "127.0.0.1" in url:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            BACKEND.append(cursor.fetchone()[0])
    municipality = catalogue_load(name_or_path="hjemmetjenester").catalogue.municipality

    def load(kind: str, name: str):
        content = (data / name).read_bytes()
        return _timed(
            import_file, actor=None, municipality=municipality, kind=kind, content=content,
            file_name=name, actor_label="benchmark", _label=name,
        )  # fmt: skip

    result: dict = {"url": url.split("@")[-1], "runs": runs}
    for kind in ("units", "persons", "staff", "budget"):
        seconds, event = load(kind, f"{kind}.csv")
        result[kind] = {"rows": event.row_count, "seconds": round(seconds, 3),
                        "rows_per_s": round(event.row_count / seconds)}  # fmt: skip
    result.update(_registrations(load, import_undo, runs))
    result["scorecard_t1"] = _scorecard(municipality, url, runs)
    result["cpu_seconds_median"] = {name: round(_median(v), 2) for name, v in CPU.items()}
    result["server_cpu_seconds_median"] = {
        name: round(_median(v), 2) for name, v in SERVER_CPU.items()
    }
    return result


SECTION = "## Steering (issue 9): import and scorecard figures"


def _row(backend: str, r: dict) -> str:
    first, again = r["registrations_first"], r["registrations_reimport_month"]
    card = r["scorecard_t1"]
    cpu = r.get("cpu_seconds_median", {}).get("registrations.csv")
    server = r.get("server_cpu_seconds_median", {}).get("registrations.csv", 0)
    per_cpu = f"{round(first['rows'] / cpu):,}" if cpu else "–"
    both = f"{round(first['rows'] / (cpu + server)):,}" if cpu else "–"
    return (
        f"| {backend} | {first['median_rows_per_s']:,} | {per_cpu} | {both} | "
        f"{again['median_rows_per_s']:,} | "
        f"{first['undo_seconds_median'] or '–'} | {card['kpi_sector_s']} | "
        f"{card['kpi_sector_and_each_unit_s']} | {card['delivery_by_unit_s']} | "
        f"{card['report_kpi_command_s']} |"
    )


def results_section(results: dict, notes: str = "") -> str:
    lines = [SECTION, ""]
    any_result = next(iter(results.values()))
    lines.append(
        f"Measured with `.venv/bin/python -m benchmarks.steering.run --runs {any_result['runs']}`"
        " (data from `benchmarks/steering/generate.py`: 30 units, 6 000 persons, 2 000 000"
        " registrations over 2025, 13 920 staff months, 348 budget months; raw figures in"
        " `benchmarks/steering/results.json`). Medians over the runs (one run: its figure)."
    )
    lines.append("")
    for backend, r in results.items():
        lines.append(f"- {backend} ({r['measured']}, {r['machine']}): load before "
                     f"`{r['load_before']}`, after `{r['load_after']}`.")  # fmt: skip
    lines += [
        "",
        "| database | first import, rows/s (2 M rows) | same, rows per CPU-second of the"
        " importing process | same, per CPU-second of the importer and the PostgreSQL"
        " backend together | re-import of a month, rows/s (170 k"
        " rows, all replaced) | undo of 2 M rows, s | sector KPIs 2025-T1, s | sector + each"
        " of 30 units, s | decided vs delivered per unit, s | `omsorg report kpi --unit all`"
        " as a process, s |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *(_row(backend, r) for backend, r in results.items()),
        "",
    ]
    if notes:
        lines += [notes.strip(), ""]
    return "\n".join(lines)


def write_results_md(results: dict, notes: str = "") -> None:
    path = ROOT / "benchmarks" / "RESULTS.md"
    text = path.read_text()
    section = results_section(results, notes)
    if SECTION in text:
        start = text.index(SECTION)
        following = text.find("\n## ", start + len(SECTION))
        end = following + 1 if following != -1 else len(text)
        text = text[:start] + section + "\n" + text[end:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)


def _child(args) -> None:
    result = measure(args.url, args.data, args.runs)
    print("RESULT " + json.dumps(result), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench_steering")
    parser.add_argument("--pg", default=DEFAULT_PG)
    parser.add_argument("--sqlite", default=f"sqlite:///{ROOT / 'var' / 'bench_steering.sqlite3'}")
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--write-results", action="store_true")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the JSON file to update")
    args = parser.parse_args()
    if args.url:
        return _child(args)
    if not (args.data / "registrations.csv").exists():
        from benchmarks.steering.generate import generate

        print(generate(args.data, 2_000_000, 2025))
    results = json.loads(args.results.read_text()) if args.results.exists() else {}
    for backend in args.backends:
        url = args.pg if backend == "postgres" else args.sqlite
        _fresh_database(url)
        print(f"{backend}: {url.split('@')[-1]}", flush=True)
        before = _uptime()
        env = {**os.environ, "DATABASE_URL": url}
        process = subprocess.run(
            [sys.executable, "-m", "benchmarks.steering.run", "--url", url, "--data",
             str(args.data), "--runs", str(args.runs)],
            env=env, cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        sys.stdout.write(process.stdout)
        if process.returncode:
            sys.stderr.write(process.stderr)
            raise SystemExit(process.returncode)
        line = next(x for x in process.stdout.splitlines() if x.startswith("RESULT "))
        result = json.loads(line.removeprefix("RESULT "))
        result.update({
            "load_before": before, "load_after": _uptime(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                       f"{platform.python_version()}",
            "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        })  # fmt: skip
        results[backend] = result
        args.results.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    if args.write_results:
        notes = (HERE / "notes.md").read_text() if (HERE / "notes.md").exists() else ""
        write_results_md(results, notes)


if __name__ == "__main__":
    main()
