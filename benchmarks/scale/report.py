"""Write the "Scale: a municipality of 30 000" section of benchmarks/RESULTS.md."""

from __future__ import annotations

from pathlib import Path

TITLE = "## Scale: a municipality of 30 000 inhabitants"
RESULTS_MD = Path(__file__).resolve().parent.parent / "RESULTS.md"
P95_TARGET_MS = 150
NOTES = Path(__file__).resolve().parent / "notes.md"
PAGES_WITHOUT_PDF = ("worklist", "person page", "decision page", "API persons", "API decisions")


def _load(values) -> str:
    return ", ".join(f"{value:.1f}" for value in values)


def _run_table(runs: dict) -> list[str]:
    lines = [
        "| users | page | requests | failures | p50 ms | p95 ms |",
        "|---|---|---|---|---|---|",
    ]
    for users, pages in runs.items():
        for name, figures in pages.items():
            if name in ("login page", "log in"):
                continue  # once per user, at the start
            lines.append(
                f"| {users} | {name} | {figures['requests']} | {figures['failures']} | "
                f"{figures['p50_ms']:.0f} | {figures['p95_ms']:.0f} |"
            )
    return lines


def _verdicts(runs: dict) -> list[str]:
    lines = []
    if "50" in runs:
        worst = max(runs["50"].get(name, {}).get("p95_ms", 0) for name in PAGES_WITHOUT_PDF)
        met = "**met**" if worst < P95_TARGET_MS else "**not met**"
        lines.append(
            f"- p95 < {P95_TARGET_MS} ms for the pages without PDF at 50 users: worst p95 "
            f"{worst:.0f} ms — {met}."
        )
    if "200" in runs:
        failures = runs["200"].get("Aggregated", {}).get("failures", 0)
        met = "**met**" if failures == 0 else "**not met**"
        lines.append(f"- No errors at 200 users: {failures} failures — {met}.")
    return lines


def _failure_table(every_run: dict) -> list[str]:
    """Locust's failure list of every run: what failed, how, how often."""
    rows = []
    for users, runs in every_run.items():
        for number, run in enumerate(runs, start=1):
            for failure in run.get("failures", []):
                error = " ".join(failure.get("Error", "").split())[:160].replace("|", "/")
                rows.append(
                    f"| {users} | {number} | {failure.get('Method', '')} "
                    f"{failure.get('Name', '')} | {error} | {failure.get('Occurrences', '')} |"
                )
    if not rows:
        return ["No failures in any run (locust's failure list is empty)."]
    return [
        "Failures, from locust's failure list (kept in results.json):",
        "",
        "| users | run | request | error | occurrences |",
        "|---|---|---|---|---|",
        *rows,
    ]


def _run_loads(every_run: dict) -> str:
    parts = []
    for users, runs in every_run.items():
        for number, run in enumerate(runs, start=1):
            if "load_before" in run:
                parts.append(
                    f"{users} users run {number}: {run['load_before'][0]:.1f} → "
                    f"{run['load_after'][0]:.1f}"
                )
    return "; ".join(parts)


def _query_table(counts: dict) -> list[str]:
    lines = [
        "| page | fewest decisions: n → queries | most decisions: n → queries | flat |",
        "|---|---|---|---|",
    ]
    for name, by in counts.items():
        few, most = by["fewest"], by["most"]
        flat = "yes" if few["queries"] == most["queries"] else "**no**"
        lines.append(
            f"| {name} | {few['decisions']} → {few['queries']} | "
            f"{most['decisions']} → {most['queries']} | {flat} |"
        )
    return lines


def section(results: dict) -> str:
    rows = results["rows"]
    lines = [
        TITLE,
        "",
        f"Measured {results['date']} with `python -m benchmarks.scale.run` against gunicorn "
        f"({results['gunicorn']['workers']} workers × {results['gunicorn']['threads']} threads) "
        f"on PostgreSQL, database built by `python -m benchmarks.scale.build`: "
        f"{rows['persons']} persons, {rows['decisions']} decisions, {rows['access_log']} "
        "access-log rows. Load from locust (headless, on the same machine), each user waiting "
        f"1–5 s between requests, {results['duration_s']} s per run"
        + (
            f", after {results['warmup_s']} s of the same load at the fewest users that is not "
            "recorded (a server in use has its caches filled)"
            if results.get("warmup_s")
            else ""
        )
        + "; raw figures in `benchmarks/scale/results.json`."
        + (
            f" The letter PDFs are drawn from {results['stored_letters']} letters that run.py "
            "typeset into the letter store before the run (each letter is typeset once per "
            "letter text, at its first read); the first typesetting's cost is profile.py's "
            '"letter PDF, typeset".'
            if results.get("stored_letters")
            else ""
        ),
        "",
        f"Machine: {results['machine']}. Load average before {_load(results['load_before'])}, "
        f"after {_load(results['load_after'])} (the load tool, gunicorn and PostgreSQL share "
        "the two cores).",
        "",
        *_verdicts(results["runs"]),
        "",
        *_run_table(results["runs"]),
        "",
        *(
            [
                f"{results.get('runs_per_level', 1)} run(s) per number of users; with several "
                "runs p50 and p95 are the medians over the runs, requests and failures the "
                "sums. Load average (1 min) before → after each run: "
                f"{_run_loads(results['every_run'])}.",
                "",
                *_failure_table(results["every_run"]),
                "",
            ]
            if "every_run" in results
            else []
        ),
        "Queries per request (Django's test client in-process, the demo caseworker): the same "
        'count for a person with few decisions and one with many is what "flat in the number '
        'of rows" means.',
        "",
        *_query_table(results["query_counts"]),
        "",
    ]
    if NOTES.exists():  # the reading of the run, written by hand after it
        lines += [NOTES.read_text().strip(), ""]
    return "\n".join(lines)


def write_section(results: dict, path: Path = RESULTS_MD) -> None:
    """Replace our section in RESULTS.md (or append it), leaving other sections alone."""
    text = path.read_text() if path.exists() else "# Benchmark results\n\n"
    new = section(results)
    start = text.find(TITLE)
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + new
    else:
        following = text.find("\n## ", start + len(TITLE))
        rest = "" if following == -1 else text[following + 1 :]
        text = text[:start] + new + ("\n" + rest if rest else "")
    path.write_text(text)
