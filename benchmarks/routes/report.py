"""Markdown tables for ``benchmarks/RESULTS.md`` from ``benchmarks/routes/results.json``.

    python -m benchmarks.routes.report
"""

import json
import statistics
from pathlib import Path

from benchmarks.routes.run import RESULTS


def _by(records, which):
    table: dict[str, dict] = {}
    for r in records:
        if r["set"] == which:
            table.setdefault(r["instance"], {}).setdefault(str(r["time_limit"]), []).append(r)
    return table


def _median(runs, key="value"):
    return statistics.median(r[key] for r in runs) if runs else None


def _gap(runs):
    gaps = [r["gap_percent"] for r in runs if r["gap_percent"] is not None]
    return statistics.median(gaps) if gaps else None


def _fmt(x, digits=2):
    return "—" if x is None else f"{x:.{digits}f}"


def _limits(table):
    found = {k for runs in table.values() for k in runs if k != "baseline"}
    return sorted(found, key=float)


def _commits(table, limit) -> str:
    """The engine commits of the records at ``limit`` (a column can mix engine versions)."""
    found = sorted({r.get("commit") or "?" for runs in table.values() for r in runs.get(limit, [])})
    return ", ".join(found)


def _summary(table, limits, label, at_best=0.05):
    lines = [f"| {label} | instances | mean gap % | median gap % | max gap % | ≤ {at_best} % "
             "| > 2 % | engine commits |",
             "|---|---|---|---|---|---|---|---|"]
    for limit in ["baseline", *limits]:
        gaps = [_gap(runs[limit]) for runs in table.values() if limit in runs]
        gaps = [g for g in gaps if g is not None]
        if not gaps:
            continue
        name = "nearest neighbour" if limit == "baseline" else f"engine {float(limit):g} s"
        lines.append(
            f"| {name} | {len(gaps)} | {statistics.mean(gaps):.2f} | {statistics.median(gaps):.2f}"
            f" | {max(gaps):.2f} | {sum(g <= at_best for g in gaps)} | {sum(g > 2 for g in gaps)}"
            f" | {'—' if limit == 'baseline' else _commits(table, limit)} |"
        )
    return lines


def _groups(table, limits, group_of):
    groups: dict[str, dict] = {}
    for name, runs in table.items():
        groups.setdefault(group_of(name), {})[name] = runs
    lines = ["| group | " + " | ".join(
        ["baseline", *(f"{float(x):g} s" for x in limits)]) + " |",
        "|---|" + "---|" * (len(limits) + 1)]
    for group in sorted(groups):
        cells = []
        for limit in ["baseline", *limits]:
            gaps = [_gap(r[limit]) for r in groups[group].values() if limit in r]
            gaps = [g for g in gaps if g is not None]
            cells.append(f"{statistics.mean(gaps):.2f} ({len(gaps)})" if gaps else "—")
        lines.append(f"| {group} | " + " | ".join(cells) + " |")
    return lines


def _instances(table, limits):
    lines = ["| instance | best known | baseline (gap %) | " + " | ".join(
        f"{float(x):g} s (gap %)" for x in limits) + " |", "|---|---|---|" + "---|" * len(limits)]
    for name in sorted(table, key=_order):
        runs = table[name]
        best = next(iter(runs.values()))[0]["best_known"]
        cells = []
        for limit in ["baseline", *limits]:
            r = runs.get(limit, [])
            commit = "" if limit == "baseline" or not r else f" {_commit_of(r)}"
            cells.append(f"{_fmt(_median(r))} ({_fmt(_gap(r))}){_spread(r)}{commit}" if r else "—")
        lines.append(f"| {name} | {_fmt(best, 1)} | " + " | ".join(cells) + " |")
    return lines


def _commit_of(runs) -> str:
    return ", ".join(sorted({r.get("commit") or "?" for r in runs}))


def _spread(runs) -> str:
    """Several seeds: the cell is their median; say how many and the range of the gaps."""
    gaps = [r["gap_percent"] for r in runs if r["gap_percent"] is not None]
    if len(gaps) < 2:
        return ""
    return f" median of {len(gaps)}, {min(gaps):.2f} to {max(gaps):.2f}"


def _order(name: str) -> tuple[str, int]:
    letters = name.rstrip("0123456789")
    return letters, int(name[len(letters):] or 0)


def _zone(table, limits):
    lines = ["| day | run | total | unassigned | travel min | tardiness | max tardiness |"
             " not preferred | bound |", "|---|---|---|---|---|---|---|---|---|"]
    for name in sorted(table):
        for limit in ["baseline", *limits]:
            for r in table[name].get(limit, []):
                o = r["objective"]
                run = "nearest neighbour" if limit == "baseline" else f"{float(limit):g} s"
                run += "" if limit == "baseline" else f" seed {r['seed']}"
                lines.append(
                    f"| {name} | {run} | {o['total']:.1f} | {o['unassigned']} | {o['travel']:.1f}"
                    f" | {o['tardiness']:.1f} | {o['max_tardiness']:.1f} | {o['not_preferred']}"
                    f" | {_fmt(r['bound'], 1)} |"
                )
    return lines


def main() -> None:
    data = json.loads(Path(RESULTS).read_text())
    records = data["records"]
    bad = [r for r in records if r["violations"]]
    loads = [r["load_before"][0] for r in records if r["time_limit"] != "baseline"]
    out = [f"Records: {len(records)}; plans with a violation found by the checker: {len(bad)}.",
           f"1-minute load average before each engine run: min {min(loads):.1f}, median "
           f"{statistics.median(loads):.1f}, max {max(loads):.1f}.", ""]
    solomon = _by(records, "solomon")
    if solomon:
        limits = _limits(solomon)
        out += ["### Solomon, gap to best-known distance", ""]
        out += _summary(solomon, limits, "Solomon") + [""]
        out += _groups(solomon, limits, lambda n: n[:-2]) + [""]
        out += _instances(solomon, limits) + [""]
    mank = _by(records, "mankowska")
    if mank:
        limits = _limits(mank)
        out += ["### Mankowska et al. (2014), gap to best-known objective", ""]
        out += _summary(mank, limits, "Mankowska") + [""]
        out += _groups(mank, limits, lambda n: n[0]) + [""]
        out += _instances(mank, limits) + [""]
    zone = _by(records, "zone")
    if zone:
        out += ["### Norwegian zone (generated)", ""] + _zone(zone, _limits(zone)) + [""]
    print("\n".join(out))


if __name__ == "__main__":
    main()
