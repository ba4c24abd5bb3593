"""Geometry of the plan page's two drawings (server-rendered SVG, no tiles): the map of the
base and the addresses with each staff member's route, and the timeline of each route over the
day. The table beside each drawing says the same in words. On the timeline a planned visit's bar
carries its id and each row its staff member's, so static/homecare/timeline.js can move a visit
by dragging its bar to another row (through the table's move form)."""

import math
from dataclasses import dataclass, field

# Distinguishable on white and for common colour-vision deficiencies (Okabe-Ito).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MAP_WIDTH, MAP_HEIGHT, MARGIN = 400.0, 300.0, 20.0
ROW_HEIGHT, LABEL_WIDTH, TIMELINE_WIDTH = 28.0, 120.0, 640.0


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


@dataclass
class Stop:
    x: float
    y: float
    number: int
    title: str


@dataclass
class MapRoute:
    colour: str
    points: str  # the polyline's "x,y x,y ..."
    stops: list[Stop] = field(default_factory=list)


def _projector(coordinates: list[tuple[float, float]]):
    """Latitude/longitude to the drawing: equirectangular, longitude shrunk by cos(latitude)
    so that a km is a km both ways, fitted into the box with its aspect kept."""
    lats = [c[0] for c in coordinates]
    lons = [c[1] for c in coordinates]
    shrink = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = max((max(lons) - min(lons)) * shrink, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    scale = min((MAP_WIDTH - 2 * MARGIN) / span_x, (MAP_HEIGHT - 2 * MARGIN) / span_y)

    def project(latitude: float, longitude: float) -> tuple[float, float]:
        x = MARGIN + (longitude - min(lons)) * shrink * scale
        y = MAP_HEIGHT - MARGIN - (latitude - min(lats)) * scale
        return round(x, 1), round(y, 1)

    return project


def map_layout(base: tuple[float, float], routes: list[list[tuple[float, float, str]]]):
    """`routes`: per staff member, the stops' (latitude, longitude, title) in order."""
    every = [base, *((lat, lon) for route in routes for lat, lon, _t in route)]
    project = _projector(every)
    bx, by = project(*base)
    drawn = []
    for index, route in enumerate(routes):
        points = [(bx, by)]
        stops = []
        for number, (lat, lon, title) in enumerate(route, start=1):
            x, y = project(lat, lon)
            points.append((x, y))
            stops.append(Stop(x, y, number, title))
        points.append((bx, by))
        line = " ".join(f"{x},{y}" for x, y in points)
        drawn.append(MapRoute(colour(index), line, stops))
    return {"width": MAP_WIDTH, "height": MAP_HEIGHT, "base": (bx, by), "routes": drawn}


@dataclass
class Bar:
    x: float
    width: float
    title: str
    done: bool
    visit_id: int | None = None  # set when the visit may still be moved


@dataclass
class Row:
    y: float
    staff_id: int
    label: str
    colour: str
    shift: tuple[float, float]  # x and width of the shift's band
    bars: list[Bar] = field(default_factory=list)


TimelineVisit = tuple[int | None, float, int, str, bool]


def timeline_layout(rows: list[tuple[int, str, tuple[int, int], list[TimelineVisit]]]):
    """`rows`: per staff member, (staff id, name, (shift start, end), visits), each visit
    (id if it may be moved else None, start, duration, title, done)."""
    first = min((shift[0] for _i, _n, shift, _v in rows), default=7 * 60)
    last = max((shift[1] for _i, _n, shift, _v in rows), default=16 * 60)
    first, last = first - first % 60, last + (-last) % 60
    per_minute = TIMELINE_WIDTH / max(last - first, 60)

    def x_of(minute: float) -> float:
        return round(LABEL_WIDTH + (minute - first) * per_minute, 1)

    laid = []
    for index, (staff_id, name, shift, visits) in enumerate(rows):
        y = 20 + index * ROW_HEIGHT
        band = (x_of(shift[0]), round((shift[1] - shift[0]) * per_minute, 1))
        row = Row(y, staff_id, name, colour(index), band)
        for visit_id, start, duration, title, done in visits:
            width = max(2.0, round(duration * per_minute, 1))
            row.bars.append(Bar(x_of(start), width, title, done, visit_id))
        laid.append(row)
    hours = [(x_of(m), f"{m // 60:02d}") for m in range(first, last + 1, 60)]
    height = 20 + len(rows) * ROW_HEIGHT + 10
    return {"width": LABEL_WIDTH + TIMELINE_WIDTH + 10, "height": height, "rows": laid,
            "hours": hours, "row_height": ROW_HEIGHT}  # fmt: skip
