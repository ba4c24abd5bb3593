"""Write the "Rotation (turnus) engine" section of benchmarks/RESULTS.md from results.json.

python -m benchmarks.roster.report
"""

import json
import statistics
from pathlib import Path

from benchmarks.roster.published import BEST_KNOWN

HERE = Path(__file__).resolve().parent
RESULTS_MD = HERE.parent / "RESULTS.md"
TITLE = "## Rotation (turnus) engine"


def _runs(entry: dict, limit: float) -> list[dict]:
    return [r for r in entry["runs"] if r["limit"] == limit and r["objective"] is not None]


def _tried(entry: dict, limit: float) -> bool:
    return any(r["limit"] == limit for r in entry["runs"])


def _cell(runs: list[dict], tried: bool) -> str:
    """The median run's cost (bound) and status; n runs when more than one."""
    if not runs:
        return "no roster in time" if tried else "not run"
    ordered = sorted(runs, key=lambda r: r["objective"]["total"])
    middle = ordered[len(ordered) // 2]
    text = f"{middle['objective']['total']} ({middle['bound']}) {middle['status']}"
    return text + (f", {len(runs)} runs" if len(runs) > 1 else "")


def _gap(runs: list[dict], best: int | None) -> str:
    if not runs or not best:
        return "—"
    cost = statistics.median(r["objective"]["total"] for r in runs)
    return f"{100 * (cost - best) / best:+.1f} %"


def curtois_table(data: dict) -> list[str]:
    lines = [
        "| instance | best known | greedy baseline (rules broken) | 10 s: cost (bound) | "
        "60 s: cost (bound) | 60 s vs best known |",
        "|---|---|---|---|---|---|",
    ]
    for number in range(1, 25):
        name = f"Instance{number}"
        published = BEST_KNOWN[number]
        reference = published.best_known or published.cited_upper
        if published.best_known is not None:
            best = str(published.best_known)
        elif published.cited_upper is not None:
            best = f"≤ {published.cited_upper}†"
        else:
            best = "unknown"
        entry = data["runs"].get(name)
        if entry is None:
            lines.append(f"| {number} | {best} | not run | not run | not run | — |")
            continue
        base = entry["baseline"]
        baseline = "not run" if base["cost"] is None else f"{base['cost']} ({base['broken_rules']})"
        lines.append(
            f"| {number} | {best} | {baseline} | "
            f"{_cell(_runs(entry, 10.0), _tried(entry, 10.0))} | "
            f"{_cell(_runs(entry, 60.0), _tried(entry, 60.0))} | "
            f"{_gap(_runs(entry, 60.0), reference)} |"
        )
    return lines


def norway_lines(data: dict) -> list[str]:
    entry = data["runs"].get("norway")
    if entry is None:
        return ["Not run."]
    lines = [
        "| limit | status | total | requests | cover under | cover over | bound | first roster s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in entry["runs"]:
        objective = run["objective"] or {}
        lines.append(
            f"| {run['limit']:.0f} s | {run['status']} | {objective.get('total')} | "
            f"{objective.get('requests')} | {objective.get('cover_under')} | "
            f"{objective.get('cover_over')} | {run['bound']} | {run['first_roster_s']} |"
        )
    base = entry["baseline"]
    lines.append("")
    lines.append(
        f"Greedy baseline on the same unit: cost {base['cost']}, {base['broken_rules']} broken "
        "hard rules (it does not plan minimum hours, minimum runs or weekly rest)."
    )
    return lines


def write_section(text: str) -> None:
    current = RESULTS_MD.read_text()
    if TITLE in current:
        before, _, rest = current.partition(TITLE)
        following = rest.find("\n## ")
        after = rest[following:] if following >= 0 else ""
        current = before.rstrip() + "\n\n" + text.rstrip() + "\n" + after
    else:
        current = current.rstrip() + "\n\n" + text.rstrip() + "\n"
    RESULTS_MD.write_text(current)


def main(notes: str = "") -> None:
    data = json.loads((HERE / "results.json").read_text())
    machine = data["machine"]
    parts = [
        TITLE,
        "",
        f"Measured with `python -m benchmarks.roster.run` (raw figures in "
        f"`benchmarks/roster/results.json`): {machine['cpus']} cores, Python "
        f"{machine['python']}, OR-Tools {machine['ortools']}, engine defaults (2 workers).",
        "",
        notes.strip(),
        "",
        "### Curtois & Qu Instance1-24",
        "",
        "Cost = the contract's objective; (bound) = the proven lower bound. Best known: the "
        "optimum where a public source we cite agrees on it; `≤ n†` = only the lowest published "
        "cost we found with a source (an upper bound, not the site's best-known value); "
        "`unknown` = no value found with a source (`benchmarks/roster/published.py`).",
        "",
        *curtois_table(data),
        "",
        "### Norwegian unit (`benchmarks/roster/norway.py`: 24 staff, 6 weeks, D/A/N, AML rest, "
        "vernepleier and epilepsy cover)",
        "",
        *norway_lines(data),
    ]
    write_section("\n".join(parts))


if __name__ == "__main__":
    import sys

    main(Path(sys.argv[1]).read_text() if len(sys.argv) > 1 else "")
