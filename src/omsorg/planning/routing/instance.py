"""The home-care routing instance (issue 10): frozen dataclasses and their semantic validation.

A zone's day: the staff on shift (start and end location, shift, skills, capacity), the visits
of the day (location, duration, start window, skills, preferred staff, demand), links between
visits (``start(second) - start(first)`` in ``[min_gap, max_gap]``; ``[0, 0]`` is a synchronised
double visit by two different staff) and the weights of the objective. Times are minutes from
midnight (floats allowed); ``travel`` and ``distance`` are matrices over ``locations``. The web
planner builds an :class:`Instance` from the database, the command line parses one from JSON
(``parse.py``); both go through :func:`validate`, which names the offending field.
"""

import math
from dataclasses import dataclass, field

from omsorg.planning.common.json_input import InstanceError

WEIGHT_NAMES = (
    "unassigned", "distance", "travel", "tardiness", "max_tardiness", "not_preferred", "overtime",
)  # fmt: skip


@dataclass(frozen=True)
class Staff:
    """A staff member on shift: leaves ``start`` no earlier than ``shift[0]``, must be back at
    ``end``; arriving after ``shift[1]`` is overtime. ``capacity`` 0 means unlimited."""

    id: str
    start: str
    end: str
    shift: tuple[float, float]
    skills: frozenset[str] = frozenset()
    capacity: float = 0.0


@dataclass(frozen=True)
class Visit:
    """One visit: starts inside ``window`` (hard) or may start late with tardiness (soft)."""

    id: str
    location: str
    duration: float
    window: tuple[float, float]
    person: str = ""
    window_hard: bool = True
    skills: frozenset[str] = frozenset()
    preferred_staff: tuple[str, ...] = ()
    demand: float = 0.0


@dataclass(frozen=True)
class Link:
    """``start(second) - start(first)`` must lie in ``[min_gap, max_gap]`` (``None``: no maximum)
    when both visits are planned."""

    first: str
    second: str
    min_gap: float = 0.0
    max_gap: float | None = None

    @property
    def synchronised(self) -> bool:
        """A double visit: two different staff start together."""
        return self.min_gap == 0 and self.max_gap == 0


@dataclass(frozen=True)
class Weights:
    """The objective's weights, one per term (all non-negative)."""

    unassigned: float = 10000.0
    distance: float = 0.0
    travel: float = 1.0
    tardiness: float = 0.0
    max_tardiness: float = 0.0
    not_preferred: float = 0.0
    overtime: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in WEIGHT_NAMES}


@dataclass(frozen=True)
class Instance:
    """A validated routing instance; ``distance`` is ``travel`` when the JSON leaves it out."""

    locations: tuple[str, ...]
    travel: tuple[tuple[float, ...], ...]
    staff: tuple[Staff, ...]
    visits: tuple[Visit, ...]
    links: tuple[Link, ...] = ()
    weights: Weights = field(default_factory=Weights)
    distance: tuple[tuple[float, ...], ...] | None = None

    @property
    def distances(self) -> tuple[tuple[float, ...], ...]:
        return self.distance if self.distance is not None else self.travel

    def location_index(self) -> dict[str, int]:
        return {name: index for index, name in enumerate(self.locations)}


def validate(instance: Instance) -> Instance:
    """Return ``instance`` if it is well-formed, else raise :class:`InstanceError`."""
    _unique(instance.locations, "locations")
    if not instance.locations:
        raise InstanceError("locations", "at least one location is needed")
    _matrix(instance.travel, len(instance.locations), "travel")
    if instance.distance is not None:
        _matrix(instance.distance, len(instance.locations), "distance")
    known = set(instance.locations)
    _unique([s.id for s in instance.staff], "staff", "id")
    staff_ids = {s.id for s in instance.staff}
    for index, member in enumerate(instance.staff):
        _staff(member, f"staff[{index}]", known)
    _unique([v.id for v in instance.visits], "visits", "id")
    for index, visit in enumerate(instance.visits):
        _visit(visit, f"visits[{index}]", known, staff_ids)
    visit_ids = {v.id for v in instance.visits}
    for index, link in enumerate(instance.links):
        _link(link, f"links[{index}]", visit_ids)
    for name, value in instance.weights.as_dict().items():
        _non_negative(value, f"weights.{name}")
    return instance


def _unique(ids, path: str, key: str | None = None) -> None:
    seen = set()
    for index, value in enumerate(ids):
        where = f"{path}[{index}]" + (f".{key}" if key else "")
        if value in seen:
            raise InstanceError(where, f"duplicate id {value!r}")
        seen.add(value)


def _non_negative(value: float, path: str) -> None:
    if not math.isfinite(value) or value < 0:
        raise InstanceError(path, f"must be a finite number >= 0, got {value!r}")


def _matrix(matrix, size: int, path: str) -> None:
    if len(matrix) != size:
        raise InstanceError(path, f"needs {size} rows (one per location), got {len(matrix)}")
    for i, row in enumerate(matrix):
        if len(row) != size:
            raise InstanceError(f"{path}[{i}]", f"needs {size} columns, got {len(row)}")
        for j, value in enumerate(row):
            _non_negative(value, f"{path}[{i}][{j}]")


def _interval(pair: tuple[float, float], path: str) -> None:
    _non_negative(pair[0], f"{path}[0]")
    _non_negative(pair[1], f"{path}[1]")
    if pair[1] < pair[0]:
        raise InstanceError(path, f"ends before it starts: {list(pair)}")


def _staff(member: Staff, path: str, known: set[str]) -> None:
    if not member.id:
        raise InstanceError(f"{path}.id", "must not be empty")
    for key in ("start", "end"):
        if getattr(member, key) not in known:
            raise InstanceError(f"{path}.{key}", f"unknown location {getattr(member, key)!r}")
    _interval(member.shift, f"{path}.shift")
    _non_negative(member.capacity, f"{path}.capacity")


def _visit(visit: Visit, path: str, known: set[str], staff_ids: set[str]) -> None:
    if not visit.id:
        raise InstanceError(f"{path}.id", "must not be empty")
    if visit.location not in known:
        raise InstanceError(f"{path}.location", f"unknown location {visit.location!r}")
    _non_negative(visit.duration, f"{path}.duration")
    _interval(visit.window, f"{path}.window")
    _non_negative(visit.demand, f"{path}.demand")
    for index, staff_id in enumerate(visit.preferred_staff):
        if staff_id not in staff_ids:
            raise InstanceError(f"{path}.preferred_staff[{index}]", f"unknown staff {staff_id!r}")


def _link(link: Link, path: str, visit_ids: set[str]) -> None:
    for key in ("first", "second"):
        if getattr(link, key) not in visit_ids:
            raise InstanceError(f"{path}.{key}", f"unknown visit {getattr(link, key)!r}")
    if link.first == link.second:
        raise InstanceError(f"{path}.second", "a visit cannot be linked to itself")
    _non_negative(link.min_gap, f"{path}.min_gap")
    if link.max_gap is not None:
        _non_negative(link.max_gap, f"{path}.max_gap")
        if link.max_gap < link.min_gap:
            raise InstanceError(f"{path}.max_gap", "is smaller than min_gap")
