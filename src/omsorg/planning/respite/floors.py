"""Lower bounds on the two shortfall terms that hold for every plan, computed without search.

Two facts bound any plan: a child never gets more than it could have alone (the single-child
DP, ``model.alone_best``), and a home never gives more nights than its beds night by night
(one-to-one children likewise within their limit), which a maximum flow over children, their
counting periods and the nights combines (``routable``). CP-SAT's LP would find the second
too, but on the larger benchmarks its root LP takes longer than the whole time limit; stated
directly, these bounds are known from the first second, are reported as proven bounds, and let
window search stop once a plan reaches them.

In a crunch month a third, the Lagrangian floor (``lagrangian_total_floor``), sees what the flow
cannot: where in the horizon a child's unavoidable shortfall falls. The flow may put a child's
lost nights in the short month, where they cost nothing since the beds are full anyway; a child
with stays of exactly 3 nights may not be able to lose them there.
"""

import time
from fractions import Fraction
from math import ceil
from typing import TYPE_CHECKING

from ortools.graph.python import max_flow

from omsorg.planning.respite.alone import most_outside

if TYPE_CHECKING:  # objectives.py and solve.py pass the model in
    from omsorg.planning.respite.model import RespiteModel


def counts_floor(model: "RespiteModel") -> dict[str, int]:
    """The most nights each child could have alone: no plan gives any child more."""
    return {c: min(model.entitled[c], model.alone_best[c]) for c in model.entitled}


def total_floor(model: "RespiteModel") -> int:
    """Total shortfall of any plan: entitled nights minus the most nights the homes can give."""
    if "total" not in model.floors:
        most = routable(model, counts_floor(model))
        model.floors["total"] = sum(model.entitled.values()) - most
    return model.floors["total"]


def raise_total_floor(model: "RespiteModel", proven: int) -> None:
    """Record a higher floor on total shortfall that a solve has proven (never lowers it)."""
    model.floors["total"] = max(total_floor(model), proven)


def routable(model: "RespiteModel", wanted: dict[str, int]) -> int:
    """The most nights the homes can give when each child wants at most ``wanted[child]``.

    A maximum flow: each child gets at most its wanted nights, each of its counting periods at
    most the period's cap, each usable night at most one, and each home at most its beds per
    night (one-to-one children within the staffing limit as well). Stay lengths and
    incompatibilities are left out, so every plan gives at most this many nights. Beds and caps
    meet night by night here, so a short month full of monthly entitlements (a February) shows
    up, where a count of the home's bed-nights over the horizon would hide it.
    """
    flow = max_flow.SimpleMaxFlow()
    nodes = _Nodes()
    source, sink = nodes["source"], nodes["sink"]
    homes = {home.id: home for home in model.instance.homes}
    for index in range(len(model.nights)):
        for home in homes.values():
            flow.add_arc_with_capacity(nodes["night", home.id, index], sink, home.beds)
            if home.max_one_to_one_per_night is not None:
                flow.add_arc_with_capacity(
                    nodes["one-to-one", home.id, index],
                    nodes["night", home.id, index],
                    home.max_one_to_one_per_night,
                )
    for child in model.instance.children:
        flow.add_arc_with_capacity(source, nodes["child", child.id], wanted.get(child.id, 0))
        home = homes[child.home]
        kind = (
            "one-to-one"
            if child.one_to_one and home.max_one_to_one_per_night is not None
            else "night"
        )
        usable = model.stay_night[child.id]
        for cap in model.caps[child.id]:
            period = nodes["period", child.id, cap.key]
            flow.add_arc_with_capacity(nodes["child", child.id], period, cap.entitled)
            for index in range(cap.first, cap.last + 1):
                if index in usable:
                    flow.add_arc_with_capacity(period, nodes[kind, home.id, index], 1)
    if flow.solve(source, sink) != flow.OPTIMAL:
        raise RuntimeError("max flow of the night capacities failed")
    return flow.optimal_flow()


class _Nodes(dict):
    """Node numbers handed out on first use."""

    def __missing__(self, key) -> int:
        self[key] = len(self)
        return self[key]


def ratio_floor(model: "RespiteModel") -> Fraction:
    """The smallest ratio r such that giving every child E - floor(r E) nights fits the homes
    (``routable``); every plan has a ratio at least this."""
    if "ratio" not in model.floors:
        model.floors["ratio"] = _ratio_floor(model)
    return model.floors["ratio"]


def _ratio_floor(model: "RespiteModel") -> Fraction:
    """Achievable ratios are fractions k / E; the test is monotone in r, so a binary search over
    the sorted candidates finds the least one that passes."""
    candidates = sorted(
        {Fraction(k, e) for e in model.terms.ratio.denominators for k in range(e + 1)}
    )
    if not candidates:
        return Fraction(0)
    low, high = 0, len(candidates) - 1  # the largest candidate, 1, always passes
    while low < high:
        middle = (low + high) // 2
        if _fits(model, candidates[middle]):
            high = middle
        else:
            low = middle + 1
    return candidates[low]


def _fits(model: "RespiteModel", ratio: Fraction) -> bool:
    most = counts_floor(model)
    needed = {c: e - int(ratio * e) for c, e in model.entitled.items()}
    if any(needed[c] > most[c] for c in needed):
        return False
    return fits_homes(model, needed)


def fits_homes(model: "RespiteModel", needed: dict[str, int]) -> bool:
    """Whether the homes' nights can hold ``needed`` nights for every child (``routable``)."""
    return routable(model, needed) == sum(needed.values())


def scaled_floor(model: "RespiteModel") -> int:
    """``ratio_floor`` on the model's z scale: every plan has z >= ceil(r * scale)."""
    return ceil(ratio_floor(model) * model.terms.ratio.scale)


def lagrangian_total_floor(model: "RespiteModel", deadline: float) -> int:
    """A floor on total shortfall from a set S of nights (whole calendar months), proven by
    splitting every plan's nights into those outside S and those in S.

    Outside S a child has at most what it could have alone counting only those nights
    (``alone.most_outside``: stay lengths, the night at home and period caps included); in S
    the homes give at most their beds night by night. So every plan plans at most
    sum_c most_outside(c, S) + sum over nights of S of min(beds, children who could stay), and
    falls short by at least the entitled nights minus that. This is the Lagrangian relaxation of
    the bed rows with multiplier 1 on S and 0 elsewhere; on seed 11 of the benchmark (a short
    February) S = February gives 20 where the flow gives 12, and a column-generation LP over the
    children's whole plans (the best multipliers, fractional ones too) gives 20 as well.
    S is chosen greedily: the best single month, then whole months added while the floor rises
    above the flow's (when no single month does, the shortage is spread over the horizon and
    the flow's count already sees it), until ``deadline`` (time.monotonic()). Recorded with
    ``raise_total_floor`` (S as ``model.floors["split"]``, each child's most outside S as
    ``model.floors["outside"]``: window search aims at the children below it); returns the floor.
    """
    months: dict[tuple[int, int], set[int]] = {}
    for index, night in enumerate(model.nights):
        months.setdefault((night.year, night.month), set()).add(index)
    best = total_floor(model)
    chosen: frozenset[int] = frozenset()
    outside: dict[str, int] = {}
    while time.monotonic() < deadline:
        trials = []
        for nights in months.values():
            if nights <= chosen:
                continue
            if time.monotonic() >= deadline:
                break
            inside = chosen | nights
            trials.append((*_split_floor(model, inside), inside))
        found = max(trials, default=None, key=lambda trial: trial[0])
        if found is None or found[0] <= best:
            break
        best, outside, chosen = found
    if chosen:
        model.floors["split"], model.floors["outside"] = chosen, outside
    raise_total_floor(model, best)
    return total_floor(model)


def _split_floor(model: "RespiteModel", inside: frozenset[int]) -> tuple[int, dict[str, int]]:
    """The floor for S = ``inside``, and each child's most nights outside it."""
    outside: dict[str, int] = {}
    children_of: dict[str, list] = {}
    for child in model.instance.children:
        children_of.setdefault(child.home, []).append(child)
        usable = model.stay_night[child.id]
        caps = model.caps[child.id]
        outside[child.id] = most_outside(child.stay_nights, caps, set(usable), inside)
    most = sum(outside.values())
    for home in model.instance.homes:
        for index in inside:
            could = sum(1 for c in children_of.get(home.id, ()) if index in model.stay_night[c.id])
            most += min(home.beds, could)
    return sum(model.entitled.values()) - most, outside
