"""Lower bounds on the two shortfall terms that hold for every plan, computed without search.

Two facts bound any plan: a child never gets more than it could have alone (the single-child
DP, ``model.alone_best``), and a home never gives more nights than its beds night by night
(one-to-one children likewise within their limit), which a maximum flow over children, their
counting periods and the nights combines (``routable``). CP-SAT's LP would find the second
too, but on the larger benchmarks its root LP takes longer than the whole time limit; stated
directly, these bounds are known from the first second, are reported as proven bounds, and let
window search stop once a plan reaches them.
"""

from fractions import Fraction
from math import ceil
from typing import TYPE_CHECKING

from ortools.graph.python import max_flow

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
