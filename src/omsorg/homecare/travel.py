"""The travel matrix of a zone's day from coordinates (issue 10, the engine's contract): the
straight line (great-circle distance) times a detour factor, driven at the zone's speed. Pure
Python; the engine needs no map. An OSRM-compatible routing server could fill the same matrix."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
DEFAULT_SPEED_KMH = 30.0  # mixed town and country roads with stops
DEFAULT_DETOUR = 1.3  # road distance over the straight line, a common rule of thumb


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def straight_km(a: Point, b: Point) -> float:
    """Great-circle (haversine) distance in km."""
    phi1, phi2 = math.radians(a.latitude), math.radians(b.latitude)
    dphi = phi2 - phi1
    dlambda = math.radians(b.longitude - a.longitude)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def matrices(
    points: Sequence[Point], *, speed_kmh: float, detour: float
) -> tuple[list[list[float]], list[list[float]]]:
    """(travel minutes, road km) between every pair of points, rounded to 0.01."""
    if speed_kmh <= 0:
        raise ValueError("speed must be positive")
    if detour < 1:
        raise ValueError("the detour factor is at least 1")
    distance = [[round(straight_km(a, b) * detour, 2) for b in points] for a in points]
    travel = [[round(km / speed_kmh * 60, 2) for km in row] for row in distance]
    return travel, distance
