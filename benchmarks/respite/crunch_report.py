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
    every = "; ".join(f"{ratio:.3f} / {total}" for ratio, total in run["all"])
    return f"**{run['max_shortfall_ratio']:.3f} / {run['total_shortfall']}** ({every})"


HEADER = (
    "| instance | demand | engine ratio / total (runs) | reference ratio / total (runs) "
    "| proven bound | engine vs reference | engine before `nights.py` |\n"
    "|---|---|---|---|---|---|---|"
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
            _cells(result["engine_before"]) if result.get("engine_before") else "—",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def section(raw: dict, notes: list[str]) -> str:
    info = raw["machine"]
    load = ", ".join(f"{x:.1f}" for x in info["load_at_start"])
    load_end = ", ".join(f"{x:.1f}" for x in info["load_at_end"])
    runs = {r[w]["runs"] for r in raw["results"].values() for w in ("engine", "reference")}
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
                "Columns: demand = entitled nights ÷ open bed-nights; in bold the median run's "
                "ratio / total (runs ordered lexicographically, ratio first, then total), then "
                f"every run ({'/'.join(str(r) for r in sorted(runs))} runs per solver); bound = "
                "the engine's proven lower bounds (the largest over its runs); the verdict "
                "compares the two median runs lexicographically. " + raw.get("note", ""),
                "",
                HEADER,
                *rows(raw["results"]),
                "",
                *notes,
            ]
        ).rstrip("\n")
        + "\n"
    )


NOTES = [
    "What changed and what was tried (same machine, same load):",
    "- **Before** (`engine before nights.py`, one run, at the start of this work): the "
    "engine's ratio search and weighted stage on its stay model. Against the reference's "
    "median it lost t130 (ratio 0.360 against 0.250) and t140 (0.354 against 0.333), and on "
    "t120 its total was 63 nights above the reference's.",
    "- **Night-by-night model for crunch months, kept** (`nights.py`): when the floors rule "
    "out the ideal plan (`floors.fits_homes`), the ratio and then the total (ratio held) are "
    "solved on a second formulation of the same hard rules, one Boolean per child and night, "
    "hinted with the best plan so far and stopped at the floors; its plans become the stay "
    "model's incumbent, and window search, wishes, weekdays and fewer stays go on from there. "
    "Measured alone on t130_s24 (30 s, loaded machine): 0.30 on the night model against 0.75 "
    "on the stay model, unhinted; hinted, the night model proved 0.25 in 17 s.",
    "- **Hint, kept**: hinted with the polished greedy plan, the night model's ratio stage "
    "proved t130_s24 optimal (0.25) where the same solve unhinted was at 0.375 after 30 s; on "
    "t120_s23 neither found a plan in 20 s on the loaded machine. Run-to-run spread is larger "
    "than this difference.",
    "- **Time split, kept**: the first version (ratio stage 0.45 of the time left, the stay "
    "model's ratio search after it, total stage 0.7) lost t120 (0.52 against 0.40) and t130 "
    "(0.32 against 0.25): building the stay model (6.6 s) and polishing the greedy start "
    "(9 s) left the night model too little time on the loaded machine. Now a crunch month's "
    "start is not polished (2 % of the time), the ratio search is left out, and the night "
    "model's ratio and total stages get 0.55 and 0.8 of the time left.",
    "- **Full solve keeps the better plan, kept** (`stage.py`): CP-SAT can end a stage on a "
    "plan worse than the hint it was given (seen on t130: total 586 → 590); the runner now "
    "keeps the incumbent unless the solver's plan scores at least as well.",
    "- **Cost**: in a crunch month the shortfall stages now use about 55 of 60 s, so wishes, "
    "weekdays and fewer stays get the few seconds left (skipped in some runs of t120 and "
    "t140): their values are then the night model's, unoptimised.",
    "- **Summary**: the engine matches or beats the reference's median on both shortfall "
    "terms, taken lexicographically, on 6 of 7 instances (equal ratio and lower total on "
    "t110 and t140 — where the reference's worst run was far off — lower ratio on t100, t120, "
    "t105 and seed 11).",
    "- **Not matched**: t130_s24's total: the ratio is the same and proven (0.25), but the "
    "reference reaches the bound 555 in 2 of 3 runs and the engine in 1 of 3 (558 in the "
    "others). On t120 the engine wins on the ratio (0.22 against 0.333) but its total is 49 "
    "nights higher, the price of the lower ratio or of too little time for the total stage; "
    "on t105 its median (0.160) is worse than the old engine's single run (0.133). The totals "
    "on t100, t105 and seed 11 stay far above the proven bounds (12 and 83): neither solver "
    "closes that gap at 60 s, and the bound is likely weak there (stay lengths and the night "
    "at home between stays are not in the floors).",
]


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
