"""The respite planning instance: frozen dataclasses and their semantic validation.

A respite home (avlastningsbolig, seed 000: Avlastningshjemmet IKS; seed 004 §4) has beds; each
child's decision grants nights per week, month or horizon (the decision's Scope). The web planner
builds an :class:`Instance` from the database, the command line parses one from JSON
(``parse.py``); both go through :func:`validate`, which names the offending field.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from omsorg.planning.common.json_input import InstanceError
from omsorg.planning.common.periods import PERIOD_KINDS, horizon_nights

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Entitlement:
    """``nights`` per ``per`` (``week`` = ISO week, ``month`` = calendar month, ``horizon``)."""

    nights: int
    per: str


@dataclass(frozen=True)
class DayEntitlement:
    """``days`` day stays per ``per`` (``week``, ``month`` or ``horizon``), counted and prorated
    exactly like nights (seed 004 §1.2, §1.4: respite by the hour or day)."""

    days: int
    per: str


@dataclass(frozen=True)
class StayLength:
    """The shortest and longest stay the child's decision or family allows, in nights."""

    min_nights: int
    max_nights: int


@dataclass(frozen=True)
class Validity:
    """The nights ``first``..``last`` (inclusive) a child's decision covers inside the horizon.

    A decision may start or end inside the horizon: outside it the child has no nights, and each
    period's entitlement is prorated to the part of the period the decision covers.
    """

    first: dt.date
    last: dt.date

    def __contains__(self, night: object) -> bool:
        return isinstance(night, dt.date) and self.first <= night <= self.last


@dataclass(frozen=True)
class Home:
    id: str
    beds: int
    closed_nights: tuple[dt.date, ...] = ()
    # None = no limit on children who need one-to-one staffing on the same night.
    max_one_to_one_per_night: int | None = None
    # Day stays (optional): places on every date, and (date, places) pairs that override it.
    day_places: int = 0
    day_places_by_date: tuple[tuple[dt.date, int], ...] = ()

    def places_on(self, date: dt.date) -> int:
        """Day places on ``date``: its own figure if it has one, else ``day_places``."""
        return dict(self.day_places_by_date).get(date, self.day_places)


@dataclass(frozen=True)
class Child:
    id: str
    home: str
    entitlement: Entitlement
    stay_nights: StayLength
    preferred_weekdays: tuple[str, ...] = ()
    blocked_nights: tuple[dt.date, ...] = ()
    wished_nights: tuple[dt.date, ...] = ()
    one_to_one: bool = False
    owner: str | None = None
    # None = the decision covers the whole horizon.
    valid: Validity | None = None
    # Day stays (optional): None = the child is not entitled to day stays.
    day_entitlement: DayEntitlement | None = None
    blocked_days: tuple[dt.date, ...] = ()
    wished_days: tuple[dt.date, ...] = ()

    @property
    def preferred_isoweekdays(self) -> frozenset[int]:
        """Preferred weekdays as ``date.weekday()`` numbers (Monday = 0)."""
        return frozenset(WEEKDAYS.index(day) for day in self.preferred_weekdays)


@dataclass(frozen=True)
class Stay:
    """A run of consecutive nights of one child in its home; a night is named by its evening."""

    child: str
    home: str
    first_night: dt.date
    nights: int

    @property
    def last_night(self) -> dt.date:
        return self.first_night + dt.timedelta(days=self.nights - 1)

    def night_dates(self) -> Iterator[dt.date]:
        for offset in range(self.nights):
            yield self.first_night + dt.timedelta(days=offset)

    def to_dict(self) -> dict:
        return {
            "child": self.child,
            "home": self.home,
            "first_night": self.first_night.isoformat(),
            "nights": self.nights,
        }


@dataclass(frozen=True)
class DayStay:
    """A day stay (no night): the child is in its home during ``date`` and sleeps at home."""

    child: str
    home: str
    date: dt.date

    def to_dict(self) -> dict:
        return {"child": self.child, "home": self.home, "date": self.date.isoformat()}


@dataclass(frozen=True)
class Instance:
    """Everything the planner needs; ``start`` and ``end`` are the first and last night.

    ``fixed_stays`` are confirmed stays that re-planning must keep exactly; ``previous_stays``
    are the planned stays of the last plan, of which re-planning keeps as many as it can.
    """

    start: dt.date
    end: dt.date
    homes: tuple[Home, ...]
    children: tuple[Child, ...]
    incompatible: tuple[tuple[str, str], ...] = ()
    fixed_stays: tuple[Stay, ...] = ()
    previous_stays: tuple[Stay, ...] = ()
    # Confirmed day stays that re-planning must keep.
    fixed_day_stays: tuple[DayStay, ...] = ()
    _homes_by_id: dict = field(init=False, repr=False, compare=False)
    _children_by_id: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Lookup tables on a frozen dataclass: set once, never mutated afterwards.
        object.__setattr__(self, "_homes_by_id", {home.id: home for home in self.homes})
        object.__setattr__(self, "_children_by_id", {c.id: c for c in self.children})

    def home(self, home_id: str) -> Home:
        return self._homes_by_id[home_id]

    def child(self, child_id: str) -> Child:
        return self._children_by_id[child_id]

    def nights(self) -> list[dt.date]:
        return horizon_nights(self.start, self.end)

    @property
    def has_days(self) -> bool:
        """Whether day stays are planned at all: a child has a day entitlement."""
        return any(child.day_entitlement is not None for child in self.children)


def validate(instance: Instance) -> Instance:
    """Refuse an instance that no plan could be judged against; return it unchanged if sound."""
    if instance.end < instance.start:
        raise InstanceError("end", f"{instance.end} is before start {instance.start}")
    _validate_homes(instance)
    _validate_children(instance)
    _validate_incompatible(instance)
    _validate_stays(instance, "fixed_stays", instance.fixed_stays)
    _validate_stays(instance, "previous_stays", instance.previous_stays)
    validate_days(instance)
    return instance


def _check_unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            raise InstanceError(f"{what}[{index}].id", f"duplicate id {item_id!r}")
        seen.add(item_id)


def _check_nights_inside(instance: Instance, path: str, nights: tuple[dt.date, ...]) -> None:
    for index, night in enumerate(nights):
        if not instance.start <= night <= instance.end:
            raise InstanceError(
                f"{path}[{index}]",
                f"night {night} is outside the horizon {instance.start}..{instance.end}",
            )


def _validate_homes(instance: Instance) -> None:
    _check_unique([home.id for home in instance.homes], "homes")
    for index, home in enumerate(instance.homes):
        path = f"homes[{index}]"
        if home.beds < 0:
            raise InstanceError(f"{path}.beds", "must be 0 or more")
        limit = home.max_one_to_one_per_night
        if limit is not None and limit < 0:
            raise InstanceError(f"{path}.max_one_to_one_per_night", "must be 0 or more")
        _check_nights_inside(instance, f"{path}.closed_nights", home.closed_nights)


def _validate_children(instance: Instance) -> None:
    _check_unique([child.id for child in instance.children], "children")
    home_ids = {home.id for home in instance.homes}
    for index, child in enumerate(instance.children):
        path = f"children[{index}]"
        if child.home not in home_ids:
            raise InstanceError(f"{path}.home", f"unknown home {child.home!r}")
        if child.entitlement.per not in PERIOD_KINDS:
            raise InstanceError(f"{path}.entitlement.per", f"must be one of {PERIOD_KINDS}")
        if child.entitlement.nights < 0:
            raise InstanceError(f"{path}.entitlement.nights", "must be 0 or more")
        _validate_stay_length(child.stay_nights, f"{path}.stay_nights")
        for day_index, day in enumerate(child.preferred_weekdays):
            if day not in WEEKDAYS:
                raise InstanceError(f"{path}.preferred_weekdays[{day_index}]", f"not in {WEEKDAYS}")
        _check_nights_inside(instance, f"{path}.blocked_nights", child.blocked_nights)
        _check_nights_inside(instance, f"{path}.wished_nights", child.wished_nights)
        if child.valid is not None:
            _validate_validity(instance, child.valid, f"{path}.valid")


def _validate_validity(instance: Instance, valid: Validity, path: str) -> None:
    """The validity window lies inside the horizon and is not empty."""
    for name in ("first", "last"):
        night = getattr(valid, name)
        if not instance.start <= night <= instance.end:
            raise InstanceError(
                f"{path}.{name}",
                f"night {night} is outside the horizon {instance.start}..{instance.end}",
            )
    if valid.first > valid.last:
        raise InstanceError(f"{path}.first", f"{valid.first} is after last {valid.last}")


def _validate_stay_length(length: StayLength, path: str) -> None:
    if length.min_nights < 1:
        raise InstanceError(f"{path}.min", "a stay has at least one night")
    if length.min_nights > length.max_nights:
        raise InstanceError(
            f"{path}.min", f"min {length.min_nights} is greater than max {length.max_nights}"
        )


def _validate_incompatible(instance: Instance) -> None:
    child_ids = {child.id for child in instance.children}
    for index, pair in enumerate(instance.incompatible):
        for side, child_id in enumerate(pair):
            if child_id not in child_ids:
                raise InstanceError(f"incompatible[{index}][{side}]", f"unknown child {child_id!r}")
        if pair[0] == pair[1]:
            raise InstanceError(f"incompatible[{index}]", "names the same child twice")


def _validate_stays(instance: Instance, what: str, stays: tuple[Stay, ...]) -> None:
    child_ids = {child.id for child in instance.children}
    for index, stay in enumerate(stays):
        path = f"{what}[{index}]"
        if stay in stays[:index]:
            raise InstanceError(path, f"the same stay as {what}[{stays.index(stay)}]")
        if stay.child not in child_ids:
            raise InstanceError(f"{path}.child", f"unknown child {stay.child!r}")
        if stay.home != instance.child(stay.child).home:
            raise InstanceError(f"{path}.home", f"child {stay.child!r} stays in another home")
        if stay.nights < 1:
            raise InstanceError(f"{path}.nights", "a stay has at least one night")
        if not instance.start <= stay.first_night <= instance.end:
            raise InstanceError(f"{path}.first_night", "outside the horizon")
        if stay.last_night > instance.end:
            raise InstanceError(f"{path}.nights", "the stay runs past the end of the horizon")


# -- day stays (an optional extension: an instance without it is validated as before) ------------


def validate_days(instance: Instance) -> None:
    """Day places, day entitlements, blocked and wished days, and fixed day stays."""
    for index, home in enumerate(instance.homes):
        path = f"homes[{index}]"
        if home.day_places < 0:
            raise InstanceError(f"{path}.day_places", "must be 0 or more")
        dates = [date for date, _ in home.day_places_by_date]
        _check_nights_inside(instance, f"{path}.day_places_by_date", tuple(dates))
        for date_index, (date, places) in enumerate(home.day_places_by_date):
            if places < 0:
                raise InstanceError(f"{path}.day_places_by_date[{date_index}]", "must be 0 or more")
            if date in dates[:date_index]:
                raise InstanceError(f"{path}.day_places_by_date[{date_index}]", "date given twice")
    for index, child in enumerate(instance.children):
        path = f"children[{index}]"
        days = child.day_entitlement
        if days is not None and days.per not in PERIOD_KINDS:
            raise InstanceError(f"{path}.day_entitlement.per", f"must be one of {PERIOD_KINDS}")
        if days is not None and days.days < 0:
            raise InstanceError(f"{path}.day_entitlement.days", "must be 0 or more")
        _check_nights_inside(instance, f"{path}.blocked_days", child.blocked_days)
        _check_nights_inside(instance, f"{path}.wished_days", child.wished_days)
    _validate_day_stays(instance)


def _validate_day_stays(instance: Instance) -> None:
    child_ids = {child.id for child in instance.children}
    stays = instance.fixed_day_stays
    for index, stay in enumerate(stays):
        path = f"fixed_day_stays[{index}]"
        if stay in stays[:index]:
            raise InstanceError(path, f"the same day stay as fixed_day_stays[{stays.index(stay)}]")
        if stay.child not in child_ids:
            raise InstanceError(f"{path}.child", f"unknown child {stay.child!r}")
        child = instance.child(stay.child)
        if child.day_entitlement is None:
            raise InstanceError(f"{path}.child", f"child {stay.child!r} has no day_entitlement")
        if stay.home != child.home:
            raise InstanceError(f"{path}.home", f"child {stay.child!r} stays in another home")
        if not instance.start <= stay.date <= instance.end:
            raise InstanceError(f"{path}.date", "outside the horizon")
