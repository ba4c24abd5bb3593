"""Generate realistic respite instances (JSON) for the benchmarks.

Sizes follow DOMAIN.md: a respite home of 6-8 beds serves 4-5 families per bed; decisions grant
2-8 nights per month (some per week), stays of 1-4 nights, mostly Friday/Saturday; a few
one-to-one children, incompatible pairs, blocked and wished nights, closed holidays.

    .venv/bin/python -m benchmarks.respite.generate --children 60 --months 6 --beds 10 --seed 1
"""

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass

OWNERS = ("askim", "eidsberg", "marker", "skiptvet", "spydeberg", "trogstad")


@dataclass(frozen=True)
class Spec:
    """One benchmark instance: size, and ``demand`` = entitled nights / bed nights (about)."""

    name: str
    children: int
    months: int
    beds: int
    demand: float
    seed: int
    start: dt.date = dt.date(2027, 1, 1)


def _end_of(start: dt.date, months: int) -> dt.date:
    year, month = divmod(start.month - 1 + months, 12)
    return dt.date(start.year + year, month + 1, 1) - dt.timedelta(days=1)


def _nights(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _entitlement(rng: random.Random, monthly: float) -> dict:
    """Mostly per month; one in five per week; one in twenty over the horizon."""
    draw = rng.random()
    if draw < 0.2:
        return {"nights": max(1, round(monthly * 7 / 30.4)), "per": "week"}
    return {"nights": max(1, min(8, round(monthly))), "per": "month"}


def _stay_nights(rng: random.Random, entitlement: dict) -> dict:
    """Stays of 1-4 nights; a decision never asks for a shortest stay longer than the nights it
    grants per period (1 night a week with stays of 2 nights is not a decision anyone writes)."""
    nights = entitlement["nights"]
    shortest = min(nights, rng.choice((1, 1, 1, 2, 2, 3)))
    return {"min": shortest, "max": max(shortest, min(nights, rng.choice((2, 3, 3, 4))))}


def _child(rng: random.Random, number: int, nights: list[dt.date], monthly: float) -> dict:
    blocked = sorted(rng.sample(nights, k=min(len(nights), rng.randint(0, 12))))
    wished = sorted(set(rng.sample(nights, k=min(len(nights), rng.randint(0, 4)))) - set(blocked))
    entitlement = _entitlement(rng, monthly)
    return {
        "id": f"c{number:02d}",
        "home": "flata",
        "entitlement": entitlement,
        "stay_nights": _stay_nights(rng, entitlement),
        "preferred_weekdays": rng.choice((["fri", "sat"], ["fri", "sat"], ["sat"], ["fri"], [])),
        "blocked_nights": [n.isoformat() for n in blocked],
        "wished_nights": [n.isoformat() for n in wished],
        "one_to_one": False,
        "owner": rng.choice(OWNERS),
    }


def _closed(nights: list[dt.date]) -> list[str]:
    """Christmas Eve and Easter Sunday style closures: 24-25 Dec and the first night of April."""
    holidays = {(12, 24), (12, 25), (4, 1), (5, 17)}
    return [n.isoformat() for n in nights if (n.month, n.day) in holidays]


def generate(spec: Spec) -> dict:
    """An instance dict for ``spec``; the same spec always gives the same instance."""
    rng = random.Random(spec.seed)
    end = _end_of(spec.start, spec.months)
    nights = _nights(spec.start, end)
    # Average monthly entitlement so that entitled nights ~ demand x bed nights.
    monthly = spec.demand * spec.beds * 30.4 / spec.children
    children = [
        _child(rng, i + 1, nights, rng.uniform(0.5, 1.5) * monthly) for i in range(spec.children)
    ]
    for child in rng.sample(children, k=min(len(children), rng.randint(1, 2))):
        child["one_to_one"] = True
    ids = [child["id"] for child in children]
    pairs = {tuple(sorted(rng.sample(ids, 2))) for _ in range(max(1, spec.children // 10))}
    return {
        "start": spec.start.isoformat(),
        "end": end.isoformat(),
        "homes": [
            {
                "id": "flata",
                "beds": spec.beds,
                "closed_nights": _closed(nights),
                "max_one_to_one_per_night": 1,
            }
        ],
        "children": children,
        "incompatible": [list(pair) for pair in sorted(pairs)],
    }


# The benchmark set: the target size (60 children x 6 months x 10 beds) and its
# neighbours, from a small home to a year of a large one; "over" = demand above capacity.
SPECS = (
    Spec("r12_3m_4b", 12, 3, 4, 0.8, 1),
    Spec("r30_6m_6b", 30, 6, 6, 0.9, 2),
    Spec("r40_6m_6b_over", 40, 6, 6, 1.3, 3),
    Spec("r60_6m_10b", 60, 6, 10, 0.9, 4),
    Spec("r60_6m_10b_over", 60, 6, 10, 1.25, 5),
    Spec("r80_12m_10b_over", 80, 12, 10, 1.2, 6),
)
# The target size with other random seeds: does the 60 s target hold beyond one instance?
SIBLINGS = tuple(Spec(f"r60_6m_10b_s{seed}", 60, 6, 10, 0.9, seed) for seed in range(11, 16))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=60)
    parser.add_argument("--months", type=int, default=6)
    parser.add_argument("--beds", type=int, default=10)
    parser.add_argument("--demand", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    spec = Spec("cli", args.children, args.months, args.beds, args.demand, args.seed)
    json.dump(generate(spec), sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
