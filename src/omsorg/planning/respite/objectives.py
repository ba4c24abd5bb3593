"""The two stages of the lexicographic solve, each with its CP-SAT objective and a scorer.

A stage is a :class:`StageSpec`: the expression CP-SAT optimises; for window search, the
objective of one window (built from the best plan so far, so it can point at the worst-off
children), a Python score of a plan (a tuple, compared lexicographically, never worse when a
window is accepted) and a test whether a score has reached the floors of floors.py, where
window search stops; and how to show values and bounds in the user's units.
"""

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from omsorg.planning.respite.floors import scaled_floor, total_floor
from omsorg.planning.respite.lns import is_stay
from omsorg.planning.respite.model import RespiteModel

Nights = dict[str, frozenset[int]]


@dataclass(frozen=True)
class StageSpec:
    name: str
    expression: object  # CP-SAT linear expression
    minimise: bool
    share: float  # of the time still left
    window_objective: Callable[[Nights], object]  # best plan -> expression a window minimises
    score: Callable[[Nights], tuple]  # lexicographic, smaller is better
    at_floor: Callable[[tuple], bool]  # no plan can score better than this one
    known_bound: int  # a bound on ``expression`` known before solving (lower if minimised)
    describe: Callable[[Callable], dict[str, float]]  # value getter -> terms in user units
    describe_bound: Callable[[float], float]  # raw solver bound -> leading term, user units


def scaled_ratio(model: RespiteModel, planned: dict[str, int]) -> int:
    """The least z with (E - planned) * scale <= z * E for every child: the plan's scaled ratio."""
    scale = model.terms.ratio.scale
    needed = [
        -((planned[c] - entitled) * scale // entitled)  # ceil division, integers only
        for c, entitled in model.entitled.items()
        if entitled > 0
    ]
    return max(needed, default=0)


def ratio_at_least(model: RespiteModel, z_bound: int) -> Fraction:
    """The smallest achievable ratio k/E above (z_bound - 1) / scale: a proven lower bound."""
    term = model.terms.ratio
    if z_bound <= 0:
        return Fraction(0)
    best = Fraction(1)
    for entitled in term.denominators:
        k = (z_bound - 1) * entitled // term.scale + 1
        if k <= entitled:
            best = min(best, Fraction(k, entitled))
    return best


def ratio_of(model: RespiteModel, planned: dict[str, int]) -> Fraction:
    """The largest shortfall ratio, exact; children entitled to nothing count as 0."""
    ratios = [
        Fraction(entitled - planned[c], entitled)
        for c, entitled in model.entitled.items()
        if entitled > 0
    ]
    return max(ratios, default=Fraction(0))


def planned_values(model: RespiteModel, value: Callable) -> dict[str, int]:
    """Planned nights per child in a solver's solution (``value`` reads a variable)."""
    return {child_id: value(var) for child_id, var in model.planned.items()}


def counts(nights: Nights) -> dict[str, int]:
    return {child_id: len(mine) for child_id, mine in nights.items()}


def total_shortfall(model: RespiteModel, planned: dict[str, int]) -> int:
    return sum(model.entitled[c] - planned[c] for c in model.entitled)


def ceil_bound(value: float) -> int:
    # Bounds come back as floats; shave rounding noise before rounding up to an integer.
    return int(-(-(value - 1e-6) // 1))


def shortfall_weight(model: RespiteModel) -> int:
    """Weight on z that keeps objective 1 strictly before objective 2 in one weighted sum.

    Total shortfall lies in [0, sum of entitlements], so one more than that on each unit of z
    outweighs any change in total shortfall: minimising weight * z + total is exactly the
    lexicographic minimum of (z, total).
    """
    return sum(model.entitled.values()) + 1


def shortfall_stage(model: RespiteModel, share: float) -> StageSpec:
    """Objectives 1 and 2 together: the largest shortfall ratio, then total shortfall nights."""
    weight = shortfall_weight(model)
    terms = model.terms
    expression = weight * terms.ratio.z + terms.total_shortfall
    z_floor, shortfall_floor = scaled_floor(model), total_floor(model)

    def describe(value: Callable) -> dict[str, float]:
        planned = planned_values(model, value)
        ratio = float(ratio_of(model, planned))
        return {"max_shortfall_ratio": ratio, "total_shortfall": total_shortfall(model, planned)}

    return StageSpec(
        name="shortfall",
        expression=expression,
        minimise=True,
        share=share,
        window_objective=lambda nights: _worst_off_objective(model, nights),
        score=lambda nights: _shortfall_score(model, counts(nights)),
        at_floor=lambda score: score[0] <= z_floor and score[2] <= shortfall_floor,
        known_bound=weight * z_floor + shortfall_floor,
        describe=describe,
        describe_bound=lambda bound: float(
            ratio_at_least(model, max(0, ceil_bound(bound)) // weight)
        ),
    )


def _worst_off(model: RespiteModel, planned: dict[str, int]) -> list[str]:
    """The children whose shortfall ratio is the largest (none when nobody is short)."""
    worst = ratio_of(model, planned)
    if worst == 0:
        return []
    return [c for c, e in model.entitled.items() if e > 0 and Fraction(e - planned[c], e) == worst]


def _shortfall_score(model: RespiteModel, planned: dict[str, int]) -> tuple[int, int, int]:
    """(z, children at the largest ratio, total shortfall): fewer children at the maximum is
    progress towards a lower maximum, which window search could not see in z alone."""
    worst = _worst_off(model, planned)
    return (scaled_ratio(model, planned), len(worst), total_shortfall(model, planned))


def _worst_off_objective(model: RespiteModel, nights: Nights):
    """z first, then the shortfall of today's worst-off children, then total shortfall.

    Each weight exceeds the range of everything after it, so the order is strict: total
    shortfall lies in [0, sum E]; the worst-off children's shortfall in [0, their sum E].
    """
    terms = model.terms
    worst = _worst_off(model, counts(nights))
    total_weight = 1
    worst_weight = shortfall_weight(model)
    z_weight = worst_weight * (sum(model.entitled[c] for c in worst) + 1)
    worst_shortfall = sum(model.entitled[c] - model.planned[c] for c in worst)
    return (
        z_weight * terms.ratio.z
        + worst_weight * worst_shortfall
        + total_weight * (terms.total_shortfall)
    )


def tail_weight(preferred_max: int) -> int:
    """Weight on wished nights that keeps them strictly before preferred weekdays.

    Preferred nights lie in [0, preferred_max], so one more than that on each wished night
    outweighs any change in them.
    """
    return preferred_max + 1


def tail_expression(model: RespiteModel):
    """Objectives 3 and 4 as one weighted sum to maximise (``tail_weight``)."""
    terms = model.terms
    return tail_weight(terms.preferred_max) * terms.wished + terms.preferred


def tail_stage(model: RespiteModel, share: float) -> StageSpec:
    """Stage 3: wished nights, then preferred weekdays (maximised)."""
    terms = model.terms
    weight = tail_weight(terms.preferred_max)
    expression = tail_expression(model)

    def score(nights: Nights) -> tuple[int]:
        wished, preferred, _ = tail_counts(model, nights)
        return (-(weight * wished + preferred),)

    best = weight * terms.wished_max + terms.preferred_max
    return StageSpec(
        name="preferences",
        expression=expression,
        minimise=False,
        share=share,
        window_objective=lambda nights: -expression,
        score=score,
        at_floor=lambda score: -score[0] >= best,
        known_bound=best,
        describe=lambda value: {"preferences": float(value(expression))},
        describe_bound=float,
    )


def stays_weight(previous_max: int) -> int:
    """Weight on stays that keeps objective 5 strictly before previous stays kept (6):
    kept lies in [0, previous_max]."""
    return previous_max + 1


def stays_expression(model: RespiteModel):
    """Objectives 5 and 6 as one weighted sum to minimise: stays, then previous stays lost."""
    terms = model.terms
    return stays_weight(terms.previous_max) * terms.stays - terms.previous_kept


def stays_stage(model: RespiteModel, share: float, least: dict[str, int]) -> StageSpec:
    """Stage 4: fewer, longer stays (objective 5), then previous stays kept (objective 6).

    ``least`` are nights every plan at the fixed shortfall values gives each child; a child
    with n nights and stays of at most m nights has at least ceil(n / m) stays, so the sum is
    a floor at which window search may stop.
    """
    terms = model.terms
    weight = stays_weight(terms.previous_max)
    expression = stays_expression(model)
    floor = sum(
        -(-nights // model.instance.child(child_id).stay_nights.max_nights)
        for child_id, nights in least.items()
    )
    known = weight * floor - terms.previous_max

    def score(nights: Nights) -> tuple[int]:
        _, _, kept = tail_counts(model, nights)
        return (weight * stay_count(nights) - kept,)

    return StageSpec(
        name="stays",
        expression=expression,
        minimise=True,
        share=share,
        window_objective=lambda nights: expression,
        score=score,
        at_floor=lambda score: score[0] <= known,
        known_bound=known,
        describe=lambda value: {"stays": float(value(terms.stays))},
        describe_bound=lambda bound: float(-(-(bound + terms.previous_max) // weight)),
    )


def stay_count(nights: Nights) -> int:
    """Stays of a plan: maximal runs of consecutive nights, over all children."""
    return sum(1 for mine in nights.values() for index in mine if index - 1 not in mine)


def tail_counts(model: RespiteModel, nights: Nights) -> tuple[int, int, int]:
    """Wished nights planned, preferred-weekday nights planned, previous stays kept."""
    wished = preferred = 0
    for child in model.instance.children:
        mine = nights[child.id]
        wished += sum(1 for n in set(child.wished_nights) if model.index_of(n) in mine)
        weekdays = child.preferred_isoweekdays
        preferred += sum(1 for i in mine if model.nights[i].weekday() in weekdays)
    kept = sum(
        1
        for stay in model.instance.previous_stays
        if is_stay(nights[stay.child], model.index_of(stay.first_night), stay.nights)
    )
    return wished, preferred, kept
