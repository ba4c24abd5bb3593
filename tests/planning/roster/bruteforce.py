"""Exhaustive search over tiny instances: every staff member's every row of shift codes, kept
if the reference checker finds no hard rule broken for that person, then every combination of
rows priced by the reference cost."""

import itertools

from . import reference


def best_cost(data: dict) -> int | None:
    """The least cost of a roster breaking no hard rule, or None if there is none."""
    codes = ["", *(t["id"] for t in data["shift_types"])]
    rows_per_staff = []
    for person in data["staff"]:
        alone = dict(data, staff=[person])
        rows = [
            list(row)
            for row in itertools.product(codes, repeat=data["days"])
            if not reference.broken(alone, {person["id"]: list(row)})
        ]
        if not rows:
            return None
        rows_per_staff.append(rows)
    ids = [person["id"] for person in data["staff"]]
    return min(
        reference.cost(data, dict(zip(ids, combination, strict=True)))["total"]
        for combination in itertools.product(*rows_per_staff)
    )
