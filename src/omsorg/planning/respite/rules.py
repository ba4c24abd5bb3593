"""One function per hard rule and per objective term of respite planning.

Hard rules (a plan that breaks one is wrong), from the respite issue and the respite home's
business plan (seed 000, Avlastningshjemmet IKS: stays planned for the owners' children within
the home's beds; seed 004 §4: a municipal respite home staffed when stays are planned):

1. a stay is a run of consecutive nights in the child's home, of length within [min, max];
   two stays of one child have at least one night at home between them;
2. no stay night outside the horizon (or the child's validity window), on a blocked night of the
   child or a closed night of the home;
3. per home and night: children <= beds; one-to-one children <= max_one_to_one_per_night;
4. two incompatible children never stay the same night in the same home;
5. per child and period: planned nights <= entitled nights (the decision's Scope).

Objective, lexicographic: (1) the largest shortfall ratio, (2) total shortfall nights,
(3) wished nights planned, (4) nights on preferred weekdays, (5) stays (fewer, longer stays:
each is a trip for the family), and when re-planning (6) previous stays not kept.
"""

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from omsorg.planning.respite.alone import best_alone

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
    stays: cp_model.LinearExprT
    wished_max: int
    preferred_max: int
    previous_max: int


# -- hard rules ----------------------------------------------------------------------------------


def create_stay_variables(m: "RespiteModel") -> None:
    """Hard rules 1 and 2: a stay has an allowed length and only usable nights.

    A stay variable (first night, length) exists only when min <= length <= max and every night
    lies inside the horizon, is not blocked for the child and not closed in the home, so no plan
    can break either rule. Nights in a period whose entitlement is 0 are not usable either
    (hard rule 5 would forbid them), which keeps the model small. The child's night variable is
    the sum of the stays that cover the night.
    """
    for child in m.instance.children:
        usable = _usable_nights(m, child)
        cap_of = {i: cap for cap in m.caps[child.id] for i in range(cap.first, cap.last + 1)}
        length = child.stay_nights
        stays = {}
        for first in sorted(usable):
            for nights in range(length.min_nights, length.max_nights + 1):
                if first + nights - 1 not in usable or not _all_in(usable, first, nights):
                    break  # longer stays from this night meet the same unusable night
                if _fits_caps(cap_of, first, nights):
                    stays[(first, nights)] = m.cp.new_bool_var(f"stay[{child.id},{first},{nights}]")
        m.stays[child.id] = stays
        covering: dict[int, list] = {}
        for (first, nights), var in stays.items():
            for index in range(first, first + nights):
                covering.setdefault(index, []).append(var)
        m.stay_night[child.id] = {}
        for index, variables in sorted(covering.items()):
            night = m.cp.new_bool_var(f"night[{child.id},{index}]")
            m.cp.add(night == sum(variables))
            m.stay_night[child.id][index] = night


def _usable_nights(m: "RespiteModel", child) -> set[int]:
    forbidden = set(child.blocked_nights) | set(m.instance.home(child.home).closed_nights)
    return {
        index
        for cap in m.caps[child.id]
        if cap.entitled > 0
        for index in range(cap.first, cap.last + 1)
        if m.nights[index] not in forbidden
        and (child.valid is None or m.nights[index] in child.valid)
    }


def _fits_caps(cap_of: dict, first: int, nights: int) -> bool:
    """Hard rule 5 on a single stay: no period gets more of its nights than it is entitled to.

    Leaving such stays out is exact (no plan may contain them) and tightens the LP relaxation a
    lot: otherwise half of a two-night stay inside a one-night week looks feasible to it.
    """
    inside: dict[str, int] = {}
    for index in range(first, first + nights):
        cap = cap_of[index]
        inside[cap.key] = inside.get(cap.key, 0) + 1
        if inside[cap.key] > cap.entitled:
            return False
    return True


def _all_in(usable: set[int], first: int, nights: int) -> bool:
    return all(index in usable for index in range(first, first + nights))


def add_stay_separation(m: "RespiteModel") -> None:
    """Hard rule 1: two stays of one child have at least one night at home between them.

    A stay occupies its nights and the night after it (at home); per child and night at most
    one stay occupies it. This also forbids overlapping stays.
    """
    for child in m.instance.children:
        occupying: dict[int, list] = {}
        for (first, nights), var in m.stays[child.id].items():
            for index in range(first, first + nights + 1):
                occupying.setdefault(index, []).append(var)
        for variables in occupying.values():
            if len(variables) > 1:
                m.cp.add_at_most_one(variables)


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
    """Re-planning: a confirmed (fixed) stay is kept exactly.

    The caller has checked the fixed stays against the hard rules first, so each fixed stay has
    its variable here.
    """
    for stay in m.instance.fixed_stays:
        m.cp.add(m.stays[stay.child][(m.index_of(stay.first_night), stay.nights)] == 1)


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

    A previous stay is kept when the plan has the very same stay (same first night and length);
    one whose nights are no longer usable has no variable and cannot be kept. Minimising "not
    kept" is maximising "kept".
    """
    kept = []
    for stay in m.instance.previous_stays:  # validate() refuses duplicates
        var = m.stays[stay.child].get((m.index_of(stay.first_night), stay.nights))
        if var is not None:
            kept.append(var)
    return sum(kept), len(m.instance.previous_stays)


def stay_count_term(m: "RespiteModel") -> cp_model.LinearExprT:
    """Objective 5: the number of stays, to minimise after objectives 1-4: fewer, longer stays.

    Every stay is a trip to and from the home for the family (and a change for the child), so
    among plans equally good on shortfall, wishes and weekdays, eight nights as two stays of
    four beat seven single weekday nights. A stay is a maximal run of consecutive nights: hard
    rule 1 puts a night at home between two stays of a child, so each run is exactly one stay
    variable and their sum counts the runs.
    """
    return sum(var for stays in m.stays.values() for var in stays.values())


def add_single_child_bound(m: "RespiteModel") -> None:
    """A valid inequality, not a rule: planned <= what the child could have alone.

    Hard rules 1, 2 and 5 alone can keep a child below its entitlement (2 nights a month with
    stays of at least 3 nights); an exact per-child DP finds that maximum. The LP relaxation
    cannot see it, so stating it lifts the proven bounds on both shortfall terms.
    """
    for child in m.instance.children:
        usable = {index for (first, n) in m.stays[child.id] for index in range(first, first + n)}
        best = best_alone(child.stay_nights, m.caps[child.id], usable)
        m.alone_best[child.id] = best
        if best < m.entitled[child.id]:
            m.cp.add(m.planned[child.id] <= best)


def add_planned_at_least(m: "RespiteModel", cp: cp_model.CpModel, nights: dict[str, int]) -> None:
    """Each child planned >= ``nights[child]``, with what that implies per counting period.

    The child's other periods hold at most E - cap nights together, so a period gets at least
    cap - (E - nights). CP-SAT does not derive this; stated, "at least E nights in all" becomes
    "every month full" for a child who must get everything, which cut the ideal plan's solve on
    the 60-children benchmark from 62 s to 6 s. ``cp`` is the model or a clone of it.
    """
    for child_id, least in nights.items():
        cp.add(m.planned[child_id] >= least)
        slack = m.entitled[child_id] - least
        variables = m.stay_night[child_id]
        for cap in m.caps[child_id]:
            if cap.entitled - slack > 0:
                inside = [variables[i] for i in range(cap.first, cap.last + 1) if i in variables]
                cp.add(sum(inside) >= cap.entitled - slack)
