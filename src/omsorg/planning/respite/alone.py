"""The best stays of one child if it were alone in the home: an exact dynamic programme.

Used three ways: a valid upper bound on each child's planned nights in the model (rules.py),
the counterfactuals behind shortfall reasons (reasons.py), and best-response moves that polish
the solver's first hint (improve.py).

State per night: (nights in the current run, nights used in the current period). A run may end
only once it is at least ``min`` long and never grows past ``max`` (hard rule 1); a stay night
must be usable (hard rules 2-4 as the caller sees them) and fit the period cap (hard rule 5).
"""

from omsorg.planning.respite.entitlements import PeriodCap
from omsorg.planning.respite.instance import StayLength

State = tuple[int, int]


def best_alone(length: StayLength, caps: list[PeriodCap], usable: set[int]) -> int:
    """Most nights one child can have on ``usable`` nights under hard rules 1 and 5."""
    return len(best_nights(length, caps, usable))


def best_nights(
    length: StayLength,
    caps: list[PeriodCap],
    usable: set[int],
    bonus: dict[int, int] | None = None,
) -> set[int]:
    """The nights of a best plan for one child: most nights, then the highest total ``bonus``.

    ``bonus`` (night index -> small non-negative integer) breaks ties between plans with as
    many nights, e.g. wished nights and preferred weekdays; it never buys a night less, because
    a night weighs more than all bonuses together.
    """
    bonus = bonus or {}
    night_weight = sum(bonus.values()) + 1
    layers: list[dict[State, tuple[int, State | None]]] = []
    states: dict[State, tuple[int, State | None]] = {(0, 0): (0, None)}
    for cap in caps:
        for index in range(cap.first, cap.last + 1):
            gain = night_weight + bonus.get(index, 0) if index in usable else None
            states = _step(states, length, cap.entitled, gain, index == cap.first)
            layers.append(states)
    return _walk_back(layers, length, caps[0].first if caps else 0)


def _step(states, length: StayLength, entitled: int, gain: int | None, new_period: bool) -> dict:
    following: dict[State, tuple[int, State | None]] = {}
    for (run, used), (value, _) in states.items():
        used_now = 0 if new_period else used
        if _may_end(run, length):  # the child is at home tonight
            _keep_best(following, (0, used_now), value, (run, used))
        if gain is not None and run < length.max_nights and used_now < entitled:
            _keep_best(following, (run + 1, used_now + 1), value + gain, (run, used))
    return following


def _keep_best(states: dict, key: State, value: int, previous: State) -> None:
    if key not in states or states[key][0] < value:
        states[key] = (value, previous)


def _may_end(run: int, length: StayLength) -> bool:
    return run == 0 or run >= length.min_nights


def _walk_back(layers: list[dict], length: StayLength, first_index: int) -> set[int]:
    if not layers:
        return set()
    finals = {key: item for key, item in layers[-1].items() if _may_end(key[0], length)}
    key: State | None = max(finals, key=lambda k: finals[k][0])
    nights = set()
    for offset in range(len(layers) - 1, -1, -1):
        value, previous = layers[offset][key]
        if key[0] > 0:
            nights.add(first_index + offset)
        key = previous
    return nights


def most_outside(
    length: StayLength, caps: list[PeriodCap], usable: set[int], inside: frozenset[int]
) -> int:
    """Most nights one child can have outside the nights ``inside`` under hard rules 1 and 5.

    Nights in ``inside`` may still be planned (a stay may run through them) but count nothing;
    used for the Lagrangian floor of floors.py, where the beds bound those nights instead.
    """
    states: dict[State, int] = {(0, 0): 0}
    for cap in caps:
        for index in range(cap.first, cap.last + 1):
            gain = (0 if index in inside else 1) if index in usable else None
            following: dict[State, int] = {}
            for (run, used), value in states.items():
                used_now = 0 if index == cap.first else used
                if _may_end(run, length) and following.get((0, used_now), -1) < value:
                    following[(0, used_now)] = value
                if gain is not None and run < length.max_nights and used_now < cap.entitled:
                    key = (run + 1, used_now + 1)
                    if following.get(key, -1) < value + gain:
                        following[key] = value + gain
            states = following
    return max((v for (run, _), v in states.items() if _may_end(run, length)), default=0)
