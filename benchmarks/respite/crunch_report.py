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
    "| proven bound | engine vs reference | engine, previous round |\n"
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
                f"{info['ortools']}. **Shared with other agents' work**: load average {load} at "
                f"the start of the last invocation, {load_end} at its end (every invocation's "
                "load below), so each solver got well under its 2 cores and times and figures "
                "are noisy.",
                "",
                "Columns: demand = entitled nights ÷ open bed-nights; in bold the median run's "
                "ratio / total (runs ordered lexicographically, ratio first, then total), then "
                f"every run ({'/'.join(str(r) for r in sorted(runs))} runs per solver); bound = "
                "the median engine run's proven lower bounds; the verdict "
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
    "Why seed 11 stayed far from its bound, and what this round changed:",
    "- **The bound was weak.** The flow floor (12) lets a child's unavoidable loss fall in "
    "the short February, where it costs nothing because the beds are full anyway; but the "
    "children who cannot get their all (stays of exactly 3 nights against 5 or 7 nights a "
    "month) lose those nights outside February. **Lagrangian floor, kept** "
    "(`floors.lagrangian_total_floor`): every plan has at most, outside a set S of nights, "
    "what each child could have alone counting only those nights (the single-child DP with "
    "stay lengths, the night at home and period caps), plus the beds on the nights of S. "
    "S = February gives 20 on seed 11 and 17 on t100 (both 12 by the flow); on "
    "the other instances no single month beats the flow and it stops after six DPs per child "
    "(0.6-0.7 s). A column-generation LP over the children's whole plans (the Dantzig-Wolfe "
    "master, incompatible pairs included, i.e. the best multipliers, fractional ones too) "
    "also gives exactly 20 on seed 11 (offline experiment, not in the engine): no linear "
    "relaxation of this kind proves more; the rest of the gap is integrality.",
    "- **The incumbent was poor.** The night model's ratio stage minimises the ratio alone: "
    "its plan was 117-126 nights short on seed 11, and the night model's total stage (CP-SAT, "
    "2 workers) brought that to 35 in 43 s on an idle machine and gained nothing in 30 s at "
    "load 12. **Best responses and pair exchanges after the ratio stage, kept** (`improve.py`, "
    "`exchange.py`): each child's best plan alone on the nights the others leave (117 -> 54 in "
    "0.5 s), then two children re-planned together, the short one first, kept when the pair "
    "gains a night and neither falls below the nights the plan's ratio requires (54 -> 28 in "
    "5 s at load 14). Neither can raise the ratio. CP-SAT's total stage and window search "
    "then start from there.",
    "- **Symmetry**: not the cause here. Beds are counted, not assigned, so there is no bed "
    "symmetry, and no two children share entitlement, stay lengths and blocked nights.",
    "- **Best plan known for seed 11: 23** nights short (ratio 1/7), from 100 s of "
    "night-model window search offline; a full solve of January-March with April-June fixed "
    "proved 23 optimal for that neighbourhood. So the lexicographic optimum lies in 20-23.",
    "- **Tried, dropped**: the per-child Lagrangian inequalities (nights outside February <= "
    "the DP's value) as CP-SAT constraints: its LP bound rises to 20 but the search found no "
    "better plan in 40 s (59 against 61 without, load 11); pair exchanges in both orders: no "
    "gain on seed 11, twice the time; refining S by weeks or single nights: no gain; month "
    "blocks with relaxed boundaries as a bound: 7, weaker than the flow.",
    "- **Result**: seed 11 at 60 s **0.143 / 28** (runs 26, 28, 33; bound 0.143 / 20; the "
    "ratio proven) against 0.143 / 65 in the previous round's table and 25 in its one run at "
    "load 2-3. The engine matches or beats the reference's median on both shortfall terms, "
    "lexicographically, on **7 of 7** instances: t130 now 555 = the bound in 2 of 3 runs "
    "(the previous round's 558 was the one loss; the third run missed the ratio, 0.26 / "
    "556); the total reaches its proven bound on t110, "
    "t120, t130 and t140, and t100's ratio (0.125) is now proven optimal. The engine ran at "
    "load 12-25, the reference (previous round) at 7-10.",
    "- **Still open**: seed 11 is 28 against a bound of 20 (best known 23) and t100 28 against "
    "17: neither is proven, and the runs spread by 10 nights. The ratio of t120 (0.222 against "
    "the bound 0.200, reached in 1 of 3 runs) and t140 (0.300 against 0.299) is not proven in "
    "the median run. The engine overruns its 60 s by about 2 s (building the models on a "
    "loaded machine). Next step measured but not in the engine: from the exchange plan (28), "
    "window search on the night model (21-night windows, 2 s each, the rest fixed) reached 23 "
    "in 45 s at load 21, where the engine's full night-model solve and stay-model window "
    "search reach 26-33; a second round of pair exchanges after it found nothing. History of "
    "the earlier rounds (night model, hints, time split, keeping "
    "the better plan) is in the git log of this file.",
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
