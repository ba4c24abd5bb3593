"""A naive greedy planner: the baseline the CP-SAT plans are measured against.

Round by round, the child with the largest shortfall ratio so far gets its next stay at the
earliest night where the longest allowed stay fits every hard rule. It never undoes a stay and
ignores wishes and preferred weekdays: this is how a planner with a spreadsheet would start.
Its plans are valid (tests run the checker on them) and serve as the solver's first hint.
"""

import datetime as dt
from dataclasses import dataclass, field

from omsorg.planning.respite.entitlements import period_caps
from omsorg.planning.respite.instance import Child, Instance, Stay


@dataclass
class _State:
    instance: Instance
    usable: dict[str, set[int]] = field(default_factory=dict)
    staying: dict[str, set[int]] = field(default_factory=dict)
    period: dict[str, list[int]] = field(default_factory=dict)
    room: dict[str, list[int]] = field(default_factory=dict)  # nights left per period
    count: dict[tuple[str, int], int] = field(default_factory=dict)
    one_to_one: dict[tuple[str, int], int] = field(default_factory=dict)
    partners: dict[str, set[str]] = field(default_factory=dict)
    stays: list[Stay] = field(default_factory=list)
    # First night still worth trying per child: beds fill, rooms shrink and stays only grow, so
    # a stay that does not fit now never will; each child's scan passes each night once.
    cursor: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        instance = self.instance
        for child in instance.children:
            closed = set(instance.home(child.home).closed_nights)
            forbidden = {(n - instance.start).days for n in closed | set(child.blocked_nights)}
            nights = range((instance.end - instance.start).days + 1)
            if child.valid is not None:  # nights outside the decision's validity window
                forbidden |= {
                    i for i in nights if instance.start + dt.timedelta(i) not in child.valid
                }
            self.usable[child.id] = set(nights) - forbidden
            self.staying[child.id] = set()
            self.period[child.id] = [0] * len(nights)
            caps = period_caps(instance, child)
            for number, cap in enumerate(caps):
                for index in range(cap.first, cap.last + 1):
                    self.period[child.id][index] = number
            self.room[child.id] = [cap.entitled for cap in caps]
            self.partners[child.id] = set()
        for first, second in instance.incompatible:
            self.partners[first].add(second)
            self.partners[second].add(first)

    def fits(self, child: Child, first: int, nights: int) -> bool:
        """Would a stay of ``nights`` from night ``first`` keep every hard rule?"""
        mine = self.staying[child.id]
        if first - 1 in mine or first + nights in mine:
            return False  # hard rule 1: a night at home between two stays
        home = self.instance.home(child.home)
        needed: dict[int, int] = {}
        for index in range(first, first + nights):
            if index not in self.usable[child.id] or index in mine:
                return False  # hard rule 2 (and no overlap)
            if self.count.get((home.id, index), 0) >= home.beds:
                return False  # hard rule 3, beds
            limit = home.max_one_to_one_per_night
            crowded = limit is not None and self.one_to_one.get((home.id, index), 0) >= limit
            if child.one_to_one and crowded:
                return False  # hard rule 3, one-to-one staffing
            if any(index in self.staying[other] for other in self.partners[child.id]):
                return False  # hard rule 4 (partners in other homes never stay here)
            number = self.period[child.id][index]
            needed[number] = needed.get(number, 0) + 1
        room = self.room[child.id]
        return all(room[number] >= used for number, used in needed.items())  # hard rule 5

    def place(self, child: Child, first: int, nights: int) -> None:
        for index in range(first, first + nights):
            self.staying[child.id].add(index)
            key = (child.home, index)
            self.count[key] = self.count.get(key, 0) + 1
            if child.one_to_one:
                self.one_to_one[key] = self.one_to_one.get(key, 0) + 1
            self.room[child.id][self.period[child.id][index]] -= 1
        night = self.instance.start + dt.timedelta(days=first)
        self.stays.append(Stay(child.id, child.home, night, nights))

    def place_next(self, child: Child) -> bool:
        """Place the child's next stay at the earliest night it fits, longest length first."""
        length = child.stay_nights
        horizon = len(self.period[child.id])
        for first in range(self.cursor.get(child.id, 0), horizon):
            for nights in range(length.max_nights, length.min_nights - 1, -1):
                if self.fits(child, first, nights):
                    self.place(child, first, nights)
                    self.cursor[child.id] = first + nights
                    return True
        self.cursor[child.id] = horizon
        return False

    def shortfall_ratio(self, child: Child) -> float:
        planned = len(self.staying[child.id])
        entitled = planned + sum(self.room[child.id])
        return 0.0 if entitled == 0 else (entitled - planned) / entitled


def greedy_plan(instance: Instance) -> list[Stay]:
    """A valid plan built greedily; fixed stays are placed first and kept."""
    state = _State(instance)
    for stay in instance.fixed_stays:
        first = (stay.first_night - instance.start).days
        state.place(instance.child(stay.child), first, stay.nights)
    active = [child for child in instance.children if sum(state.room[child.id]) > 0]
    while active:
        # Most short first, so that the naive plan is at least roughly fair.
        active.sort(key=lambda c: (-state.shortfall_ratio(c), c.id))
        active = [child for child in active if state.place_next(child)]
        active = [child for child in active if sum(state.room[child.id]) > 0]
    return sorted(state.stays, key=lambda s: (s.first_night, s.child))
