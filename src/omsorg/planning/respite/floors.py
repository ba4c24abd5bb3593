"""Lower bounds on the two shortfall terms that hold for every plan, computed without search.

Two facts bound any plan: a child never gets more than it could have alone (the single-child
DP, ``model.alone_best``), and a home never gives more nights than its beds times its open
nights (one-to-one children likewise within their limit). CP-SAT's LP would find the second
too, but on the larger benchmarks its root LP takes longer than the whole time limit; stated
directly, these bounds are known from the first second, are reported as proven bounds, and let
window search stop once a plan reaches them.
"""

from fractions import Fraction
from math import ceil
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # objectives.py and solve.py pass the model in
    from omsorg.planning.respite.model import RespiteModel


def counts_floor(model: "RespiteModel") -> dict[str, int]:
    """The most nights each child could have alone: no plan gives any child more."""
    return {c: min(model.entitled[c], model.alone_best[c]) for c in model.entitled}


def _open_nights(model: "RespiteModel", home) -> int:
    return len(model.nights) - len(set(home.closed_nights))


def total_floor(model: "RespiteModel") -> int:
    """Total shortfall of any plan: per home, entitled minus what beds and children allow."""
    most = counts_floor(model)
    floor = 0
    for home in model.instance.homes:
        members = [c.id for c in model.instance.children if c.home == home.id]
        entitled = sum(model.entitled[c] for c in members)
        room = home.beds * _open_nights(model, home)
        floor += entitled - min(room, sum(most[c] for c in members))
    return floor


def ratio_floor(model: "RespiteModel") -> Fraction:
    """The smallest ratio r such that giving every child E - floor(r E) nights fits the homes.

    Achievable ratios are fractions k / E; the test is monotone in r, so a binary search over
    the sorted candidates finds the least one that passes. Every plan has a ratio at least this.
    """
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
    """Whether each home's beds, and its one-to-one staffing, hold ``needed`` nights in all."""
    for home in model.instance.homes:
        members = [c for c in model.instance.children if c.home == home.id]
        if sum(needed.get(c.id, 0) for c in members) > home.beds * _open_nights(model, home):
            return False
        limit = home.max_one_to_one_per_night
        one_to_one = sum(needed.get(c.id, 0) for c in members if c.one_to_one)
        if limit is not None and one_to_one > limit * _open_nights(model, home):
            return False
    return True


def scaled_floor(model: "RespiteModel") -> int:
    """``ratio_floor`` on the model's z scale: every plan has z >= ceil(r * scale)."""
    return ceil(ratio_floor(model) * model.terms.ratio.scale)
