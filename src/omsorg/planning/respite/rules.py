"""One function per hard rule and per objective term of respite planning.

Hard rules (a plan that breaks one is wrong), from the respite issue and the respite home's
business plan (seed 000, Avlastningshjemmet IKS: stays planned for the owners' children within
the home's beds; seed 004 §4: a municipal respite home staffed when stays are planned):

1. a stay is a run of consecutive nights in the child's home, of length within [min, max];
   two stays of one child have at least one night at home between them;
2. no stay night outside the horizon, on a blocked night of the child or a closed night of the home;
3. per home and night: children <= beds; one-to-one children <= max_one_to_one_per_night;
4. two incompatible children never stay the same night in the same home;
5. per child and period: planned nights <= entitled nights (the decision's Scope).

Objective, lexicographic: (1) the largest shortfall ratio, (2) total shortfall nights,
(3) wished nights planned, (4) nights on preferred weekdays, and when re-planning (5) previous
stays not kept.
"""

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

if TYPE_CHECKING:  # model.py imports this module; the type is only needed for annotations.
    from omsorg.planning.respite.model import RespiteModel


@dataclass(frozen=True)
class RatioTerm:
    """``z / scale`` bounds every child's shortfall ratio; ``denominators`` are entitlements > 0.

    ``scale`` is either the lcm of the entitlements (then z / scale is the ratio exactly) or
    larger than the product of any two distinct entitlements; two different fractions with those
    denominators then differ by more than 1 / scale, so the interval ((z - 1) / scale, z / scale]
    holds exactly one achievable ratio and minimising z minimises the ratio exactly.
    """

    z: cp_model.IntVar | None
    scale: int
    denominators: tuple[int, ...]


@dataclass(frozen=True)
class ObjectiveTerms:
    ratio: RatioTerm
    total_shortfall: cp_model.LinearExprT
    wished: cp_model.LinearExprT
    preferred: cp_model.LinearExprT
    previous_kept: cp_model.LinearExprT
    wished_max: int
    preferred_max: int
    previous_max: int


# -- hard rules ----------------------------------------------------------------------------------


def create_night_variables(m: "RespiteModel") -> None:
    """Hard rule 2: no stay night outside [start, end], on a blocked night or a closed night.

    A child gets a "stays this night" variable only on the nights it may use, so a forbidden
    night cannot be planned at all. Nights in a period whose entitlement is 0 get no variable
    either (hard rule 5 would force it to 0), which keeps the model small.
    """
    for child in m.instance.children:
        forbidden = set(child.blocked_nights) | set(m.instance.home(child.home).closed_nights)
        open_periods = [cap for cap in m.caps[child.id] if cap.entitled > 0]
        usable = {
            index
            for cap in open_periods
            for index in range(cap.first, cap.last + 1)
            if m.nights[index] not in forbidden
        }
        m.stay_night[child.id] = {
            index: m.cp.new_bool_var(f"stay[{child.id},{index}]") for index in sorted(usable)
        }


def add_stay_length(m: "RespiteModel") -> None:
    """Hard rule 1: each run of consecutive stay nights is a stay of length in [min, max].

    A run can only start where the night before is not a stay night, so two stays always have a
    night at home between them. "At most max" is: no max+1 consecutive nights all planned;
    "at least min" is: a start implies the next min-1 nights.
    """
    for child in m.instance.children:
        nights = m.stay_night[child.id]
        starts = {}
        for index, var in nights.items():
            start = m.cp.new_bool_var(f"start[{child.id},{index}]")
            previous = nights.get(index - 1)
            _define_start(m.cp, start, var, previous)
            for offset in range(1, child.stay_nights.min_nights):
                following = nights.get(index + offset)
                if following is None:  # too few usable nights ahead: no stay starts here
                    m.cp.add(start == 0)
                    break
                m.cp.add_implication(start, following)
            starts[index] = start
        m.stay_start[child.id] = starts
        longest = child.stay_nights.max_nights
        for index in nights:
            window = [nights.get(index + offset) for offset in range(longest + 1)]
            if all(var is not None for var in window):
                m.cp.add(sum(window) <= longest)


def _define_start(cp: cp_model.CpModel, start, night, previous) -> None:
    """start <=> night and not previous (previous is None at the edge of the usable nights)."""
    if previous is None:
        cp.add(start == night)
        return
    cp.add_bool_or([start, night.Not(), previous])
    cp.add_implication(start, night)
    cp.add_implication(start, previous.Not())


def add_beds(m: "RespiteModel") -> None:
    """Hard rule 3 (beds): per home and night, children staying <= the home's beds."""
    for home in m.instance.homes:
        children = [c for c in m.instance.children if c.home == home.id]
        for index in range(len(m.nights)):
            present = _present(m, children, index)
            if len(present) > home.beds:
                m.cp.add(sum(present) <= home.beds)


def add_one_to_one_limit(m: "RespiteModel") -> None:
    """Hard rule 3 (staffing): per home and night, one-to-one children <= the home's limit."""
    for home in m.instance.homes:
        if home.max_one_to_one_per_night is None:
            continue
        children = [c for c in m.instance.children if c.home == home.id and c.one_to_one]
        for index in range(len(m.nights)):
            present = _present(m, children, index)
            if len(present) > home.max_one_to_one_per_night:
                m.cp.add(sum(present) <= home.max_one_to_one_per_night)


def _present(m: "RespiteModel", children: list, index: int) -> list:
    return [var for c in children if (var := m.night_var(c.id, index)) is not None]


def add_incompatibility(m: "RespiteModel") -> None:
    """Hard rule 4: two incompatible children never stay the same night in the same home."""
    for first_id, second_id in set(m.instance.incompatible):
        if m.instance.child(first_id).home != m.instance.child(second_id).home:
            continue  # different homes never meet
        for index, first in m.stay_night[first_id].items():
            second = m.night_var(second_id, index)
            if second is not None:
                m.cp.add_bool_or([first.Not(), second.Not()])


def add_entitlement(m: "RespiteModel") -> None:
    """Hard rule 5: per child and counting period, planned nights <= entitled nights.

    Also defines ``planned[child]``, the nights planned over the horizon.
    """
    for child in m.instance.children:
        nights = m.stay_night[child.id]
        for cap in m.caps[child.id]:
            inside = [nights[i] for i in range(cap.first, cap.last + 1) if i in nights]
            if len(inside) > cap.entitled:
                m.cp.add(sum(inside) <= cap.entitled)
        planned = m.cp.new_int_var(0, m.entitled[child.id], f"planned[{child.id}]")
        m.cp.add(planned == sum(nights.values()))
        m.planned[child.id] = planned


def add_fixed_stays(m: "RespiteModel") -> None:
    """Re-planning: a confirmed (fixed) stay is kept exactly, nights and the home night around it.

    The caller has checked the fixed stays against the hard rules first, so every night of a
    fixed stay has a variable here.
    """
    for stay in m.instance.fixed_stays:
        nights = m.stay_night[stay.child]
        first = m.index_of(stay.first_night)
        for index in range(first, first + stay.nights):
            m.cp.add(nights[index] == 1)
        for index in (first - 1, first + stay.nights):
            if index in nights:
                m.cp.add(nights[index] == 0)


# -- objective terms -----------------------------------------------------------------------------


def max_shortfall_ratio_term(m: "RespiteModel") -> RatioTerm:
    """Objective 1: the largest (entitled - planned) / entitled over children, as z / scale.

    For each child with entitlement E > 0: (E - planned) * scale <= z * E, integers only, so the
    comparison of fractions is exact. Children entitled to 0 nights have ratio 0.
    """
    denominators = tuple(sorted({e for e in m.entitled.values() if e > 0}))
    if not denominators:
        return RatioTerm(None, 1, ())
    scale = ratio_scale(denominators)
    z = m.cp.new_int_var(0, scale, "max_shortfall_ratio_scaled")
    for child_id, entitled in m.entitled.items():
        if entitled > 0:
            m.cp.add((entitled - m.planned[child_id]) * scale <= z * entitled)
    return RatioTerm(z, scale, denominators)


def ratio_scale(denominators: tuple[int, ...]) -> int:
    """The smallest safe scale: the lcm if small, else just above the largest product of two."""
    largest = denominators[-1]
    second = denominators[-2] if len(denominators) > 1 else 1
    separating = largest * second + 1
    lcm = math.lcm(*denominators)
    return min(lcm, separating)


def total_shortfall_term(m: "RespiteModel") -> cp_model.LinearExprT:
    """Objective 2: total shortfall nights, sum over children of entitled - planned."""
    return sum(m.entitled.values()) - sum(m.planned.values())


def wished_term(m: "RespiteModel") -> tuple[cp_model.LinearExprT, int]:
    """Objective 3: wished nights planned (a family's wished dates); returns (expr, maximum)."""
    variables = []
    for child in m.instance.children:
        for night in set(child.wished_nights):
            var = m.night_var(child.id, m.index_of(night))
            if var is not None:
                variables.append(var)
    return sum(variables), len(variables)


def preferred_term(m: "RespiteModel") -> tuple[cp_model.LinearExprT, int]:
    """Objective 4: planned nights whose weekday the family prefers; returns (expr, maximum)."""
    variables = []
    for child in m.instance.children:
        weekdays = child.preferred_isoweekdays
        for index, var in m.stay_night[child.id].items():
            if m.nights[index].weekday() in weekdays:
                variables.append(var)
    return sum(variables), len(variables)


def previous_kept_term(m: "RespiteModel") -> tuple[cp_model.LinearExprT, int]:
    """Objective 5 (re-planning, lowest priority): previous stays kept exactly; (expr, count).

    A previous stay is kept when the child stays every night of it and not the night before or
    after (otherwise it became a different stay). Minimising "not kept" = maximising "kept".
    """
    kept = []
    for number, stay in enumerate(m.instance.previous_stays):
        nights = m.stay_night[stay.child]
        first = m.index_of(stay.first_night)
        inside = [nights.get(index) for index in range(first, first + stay.nights)]
        if any(var is None for var in inside):
            continue  # a night of it is no longer usable: it cannot be kept
        keep = m.cp.new_bool_var(f"keep_previous[{number}]")
        for var in inside:
            m.cp.add_implication(keep, var)
        for index in (first - 1, first + stay.nights):
            if index in nights:
                m.cp.add_implication(keep, nights[index].Not())
        kept.append(keep)
    return sum(kept), len(m.instance.previous_stays)
