"""Write the "Respite crunch months" section of benchmarks/RESULTS.md from crunch.json."""

import datetime as dt
import json
import sys
from pathlib import Path

TITLE = "## Respite crunch months: the engine against an independent reference"
HERE = Path(__file__).resolve().parent


def _verdict(engine: dict, reference: dict) -> str:
    """Lexicographic: the ratio first, then the total."""
    mine = (round(engine["max_shortfall_ratio"], 9), engine["total_shortfall"])
    theirs = (round(reference["max_shortfall_ratio"], 9), reference["total_shortfall"])
    if mine == theirs:
        return "matches"
    return "**beats**" if mine < theirs else "**worse**"


def _cells(run: dict) -> str:
    totals = ", ".join(str(t) for t in run["totals"])
    return f"{run['max_shortfall_ratio']:.3f} / {run['total_shortfall']} ({totals})"


HEADER = (
    "| instance | demand | engine ratio / total (runs) | reference ratio / total (runs) "
    "| proven bound | engine vs reference |\n|---|---|---|---|---|---|"
)


def rows(results: dict) -> list[str]:
    lines = []
    for name, result in results.items():
        engine, reference = result["engine"], result.get("reference")
        bound = engine["bound"]
        cells = [
            name,
            f"{result['demand']:.2f}",
            _cells(engine),
            _cells(reference) if reference else "—",
            f"{bound['max_shortfall_ratio']:.3f} / {bound['total_shortfall']}",
            _verdict(engine, reference) if reference else "—",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def section(raw: dict, notes: list[str]) -> str:
    info = raw["machine"]
    load = ", ".join(f"{x:.1f}" for x in info["load_at_start"])
    load_end = ", ".join(f"{x:.1f}" for x in info["load_at_end"])
    runs = {r["engine"]["runs"] for r in raw["results"].values()}
    return (
        "\n".join(
            [
                TITLE,
                "",
                f"Measured {dt.date.today().isoformat()} with `.venv/bin/python -m "
                "benchmarks.respite.crunch` (instances: `crunch.tight_instance`, the target size "
                "60 children × 6 months × 10 beds from `generate.py` with the demand scaled to the "
                "wanted share of open bed-nights, and seed 11 of the target size; raw figures in "
                "`benchmarks/respite/crunch.json`). Engine and reference (`reference.py`: its own "
                "night-by-night CP-SAT model, stage 1 the ratio, stage 2 the total with the ratio "
                "held) both at 60 s with 2 workers; every plan checked by the independent checker.",
                "",
                f"Machine: {info['nproc']} cores, {info['cpu']}, Python {info['python']}, OR-Tools "
                f"{info['ortools']}. **Shared with six other agents' work this session**: load "
                f"average {load} at start, {load_end} at end, so each solver got well under its 2 "
                "cores and times and figures are noisy.",
                "",
                f"Columns: demand = entitled nights ÷ open bed-nights; ratio / total of the median "
                f"run (lexicographic: ratio first, then total) with the totals of all runs "
                f"({'/'.join(str(r) for r in sorted(runs))} runs per solver); bound = the engine's "
                "proven lower bounds; verdict compares engine and reference lexicographically.",
                "",
                HEADER,
                *rows(raw["results"]),
                "",
                *notes,
            ]
        ).rstrip("\n")
        + "\n"
    )


NOTES: list[str] = []


def write(path: Path, raw: dict, notes: list[str]) -> None:
    text = path.read_text()
    new = section(raw, notes)
    start = text.find(TITLE)
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + new
    else:
        following = text.find("\n## ", start + len(TITLE))
        rest = "" if following == -1 else text[following + 1 :]
        text = text[:start] + new + ("\n" + rest if rest else "")
    path.write_text(text)


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else HERE / "crunch.json"
    write(HERE.parent / "RESULTS.md", json.loads(source.read_text()), NOTES)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
