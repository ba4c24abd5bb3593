"""The home's calendar as the leader sees it: nights down, beds across, who stays where.

Pure layout, no queries: beds are not rows in the database (the engine counts them), so each
stay is given the lowest bed free on all its nights; a stay keeps its bed from night to night,
and is drawn as one block over its nights (a cell spanning rows). Day stays (dagopphold, seed 004
§1.4) take no bed: each date lists them in a column of their own, beside its day places.
"""

import datetime
from dataclasses import dataclass, field

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class CalendarStay:
    placement_id: int
    first_night: datetime.date
    nights: int
    label: str
    one_to_one: bool = False
    stay_id: int | None = None  # None: a stay a plan proposes, or one the viewer may not open
    status: str = "planned"

    @property
    def last_night(self) -> datetime.date:
        return self.first_night + datetime.timedelta(days=self.nights - 1)


@dataclass(frozen=True)
class CalendarDay:
    """A day stay shown on its date; ``day_stay_id`` None for one a plan proposes or one the
    viewer may not open."""

    placement_id: int
    date: datetime.date
    label: str
    day_stay_id: int | None = None
    status: str = "planned"


@dataclass(frozen=True)
class Block:
    """What a bed's cell on a night shows: the start of a stay spanning ``rows`` nights, a
    night covered by a block above (``rows`` 0: no cell of its own), or nothing (``stay`` None)."""

    stay: CalendarStay | None
    rows: int = 1


@dataclass
class NightRow:
    night: datetime.date
    closed: str = ""
    cells: list = field(default_factory=list)  # one per bed: CalendarStay or None
    blocks: list = field(default_factory=list)  # one per bed: Block
    beds: int = 0
    days: list = field(default_factory=list)  # CalendarDay: the date's day stays
    day_places: int = 0

    @property
    def free(self) -> int:
        """Beds free this night (none on a closed night)."""
        return 0 if self.closed else max(0, self.beds - self.occupancy)

    @property
    def occupancy(self) -> int:
        return sum(1 for cell in self.cells if cell is not None)

    @property
    def one_to_one(self) -> int:
        return sum(1 for cell in self.cells if cell is not None and cell.one_to_one)


@dataclass
class Calendar:
    first: datetime.date
    last: datetime.date
    beds: int
    rows: list[NightRow]
    has_days: bool = False  # the home takes children by day, or has day stays shown

    @property
    def bed_numbers(self) -> list[int]:
        width = max((len(row.cells) for row in self.rows), default=self.beds)
        return list(range(1, max(width, self.beds) + 1))

    @property
    def over_capacity(self) -> bool:
        return any(row.occupancy > self.beds for row in self.rows)


def assign_beds(stays: list[CalendarStay]) -> dict[CalendarStay, int]:
    """Bed index per stay: greedy by first night, which needs no more beds than the busiest
    night has children (stays are intervals)."""
    busy_until: list[datetime.date] = []  # per bed, the last night taken
    beds = {}
    for stay in sorted(stays, key=lambda s: (s.first_night, s.placement_id)):
        free = [i for i, until in enumerate(busy_until) if until < stay.first_night]
        index = free[0] if free else len(busy_until)
        if index == len(busy_until):
            busy_until.append(stay.last_night)
        else:
            busy_until[index] = stay.last_night
        beds[stay] = index
    return beds


def build_calendar(
    first: datetime.date,
    last: datetime.date,
    *,
    beds: int,
    stays: list[CalendarStay],
    closed: dict[datetime.date, str],
    day_stays: list[CalendarDay] = (),
    day_places: dict[datetime.date, int] | None = None,
) -> Calendar:
    """Rows for each night from ``first`` to ``last``; stays outside are left out. With
    ``day_places`` (places per date) or ``day_stays``, each row lists its day stays too."""
    shown = [s for s in stays if s.last_night >= first and s.first_night <= last]
    bed_of = assign_beds(shown)
    width = max([beds, *(index + 1 for index in bed_of.values())])
    rows = {}
    night = first
    while night <= last:
        rows[night] = NightRow(night, closed.get(night, ""), [None] * width, beds=beds)
        night += ONE_DAY
    for stay in shown:
        night = max(first, stay.first_night)
        while night <= min(last, stay.last_night):
            rows[night].cells[bed_of[stay]] = stay
            night += ONE_DAY
    _blocks(rows, width)
    for day in sorted(day_stays, key=lambda d: (d.label, d.placement_id)):
        if day.date in rows:
            rows[day.date].days.append(day)
    for date, places in (day_places or {}).items():
        if date in rows:
            rows[date].day_places = places
    has_days = bool(day_stays) or any((day_places or {}).values())
    return Calendar(first, last, beds, list(rows.values()), has_days)


def _blocks(rows: dict, width: int) -> None:
    """Per bed, one block per run of nights of the same stay (one cell spanning its rows)."""
    ordered = list(rows.values())
    for row in ordered:
        row.blocks = [Block(None)] * width
    for bed in range(width):
        index = 0
        while index < len(ordered):
            stay = ordered[index].cells[bed]
            run = 1
            while (
                stay is not None
                and index + run < len(ordered)
                and ordered[index + run].cells[bed] is stay
            ):
                run += 1
            ordered[index].blocks[bed] = Block(stay, run)
            for covered in ordered[index + 1 : index + run]:
                covered.blocks[bed] = Block(stay, 0)
            index += run
