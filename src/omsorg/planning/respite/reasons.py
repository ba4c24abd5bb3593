"""Why a child got fewer nights than entitled: reasons derived, not guessed.

The leader's page shows each child's entitled vs planned nights with the reason for any
shortfall. Each reason is a counterfactual computed by an exact single-child optimisation
(``alone.best_alone``, a dynamic programme over nights): "with the home's closed nights opened,
this child alone could have more nights" gives ``closed_nights``; "with the nights where the
beds were full freed, the child could have more" gives ``capacity``; and so on. Other children's
stays are held as they are in the plan.
"""

from omsorg.planning.respite.alone import best_alone
from omsorg.planning.respite.instance import Child
from omsorg.planning.respite.model import RespiteModel

Nights = dict[str, frozenset[int]]


def shortfall_reasons(model: RespiteModel, nights: Nights) -> dict[str, tuple[str, ...]]:
    """Reason codes (plan.REASON_CODES) per child; () for a child without shortfall."""
    occupants = _occupants(model, nights)
    return {
        child.id: _child_reasons(model, child, nights, occupants)
        for child in model.instance.children
    }


def _occupants(model: RespiteModel, nights: Nights) -> dict[tuple[str, int], list[Child]]:
    """Who stays in each home on each night (computed once for all children)."""
    occupants: dict[tuple[str, int], list[Child]] = {}
    for child in model.instance.children:
        for index in nights[child.id]:
            occupants.setdefault((child.home, index), []).append(child)
    return occupants


def _child_reasons(model: RespiteModel, child: Child, nights: Nights, occupants) -> tuple:
    entitled, planned = model.entitled[child.id], len(nights[child.id])
    if planned >= entitled:
        return ()
    # Nights outside the decision's validity window are never the child's: not a reason.
    everything = {i for i, night in enumerate(model.nights) if _valid(child, night)}
    closed = {model.index_of(n) for n in model.instance.home(child.home).closed_nights}
    blocked = {model.index_of(n) for n in child.blocked_nights}
    own = everything - closed - blocked

    def alone(usable: set[int]) -> int:
        return best_alone(child.stay_nights, model.caps[child.id], usable)

    reasons = []
    own_best = alone(own)
    if own_best < entitled:
        free_best = alone(everything)
        open_best = alone(everything - closed)
        if free_best < entitled:
            reasons.append("stay_length")
        if open_best < free_best:
            reasons.append("closed_nights")
        if own_best < open_best:
            reasons.append("blocked_nights")
    if planned < own_best:
        blockers = _blocking_nights(model, child, occupants, own)
        reasons += _reasons_from_others(model, child, planned, blockers, own, alone)
    return tuple(reasons)


def _valid(child: Child, night) -> bool:
    return child.valid is None or night in child.valid


def _reasons_from_others(model, child, planned: int, blockers, own, alone) -> list[str]:
    """Which other children's stays took nights this child could have used."""
    usable = own - set().union(*blockers.values())
    base = alone(usable)
    reasons = [code for code, extra in blockers.items() if extra and alone(usable | extra) > base]
    if base > planned:
        # The child alone could do better on nights nobody else blocks. With its own fixed stays
        # in the way that is their doing; otherwise the solver stopped early (at the optimum of
        # objectives 1-2 no child can gain a night without taking one from another).
        has_fixed = any(stay.child == child.id for stay in model.instance.fixed_stays)
        reasons.append("fixed_stays" if has_fixed else "time_limit")
    if not reasons:
        # No single cause suffices; they bind together.
        reasons = [code for code, extra in blockers.items() if extra]
    return reasons


def _blocking_nights(model, child, occupants, own) -> dict[str, set[int]]:
    home = model.instance.home(child.home)
    partners = {b for a, b in model.instance.incompatible if a == child.id}
    partners |= {a for a, b in model.instance.incompatible if b == child.id}
    limit = home.max_one_to_one_per_night
    blockers: dict[str, set[int]] = {"capacity": set(), "one_to_one_limit": set()}
    blockers["incompatibility"] = set()
    for index in own:
        present = [c for c in occupants.get((home.id, index), ()) if c.id != child.id]
        if len(present) >= home.beds:
            blockers["capacity"].add(index)
        one_to_one = sum(1 for c in present if c.one_to_one)
        if child.one_to_one and limit is not None and one_to_one >= limit:
            blockers["one_to_one_limit"].add(index)
        if any(c.id in partners for c in present):
            blockers["incompatibility"].add(index)
    return blockers
