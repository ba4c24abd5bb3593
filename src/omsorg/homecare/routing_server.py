"""The travel matrix of a zone's day: from an OSRM-compatible routing server's table service
when `OMSORG_ROUTING_SERVER_URL` is set (roads as driven), otherwise the straight line times the
zone's detour factor at the zone's speed (travel.py). A server that does not answer, or answers
something else than a full table, does not stop the morning's planning: the straight line is
used and the plan says so.

OSRM's table service: GET {url}/table/v1/driving/{lon},{lat};{lon},{lat}...
?annotations=duration,distance answers {"code": "Ok", "durations": [[seconds]], "distances":
[[metres]]}, rows from each point to every point, null where no route was found.
"""

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from omsorg.homecare.travel import Point, matrices

logger = logging.getLogger(__name__)
STRAIGHT_LINE = "straight_line"
ROUTING_SERVER = "routing_server"


class RoutingServerError(Exception):
    """The routing server did not give a full table; says what went wrong."""


@dataclass(frozen=True)
class TravelMatrix:
    travel: list[list[float]]  # minutes
    distance: list[list[float]]  # km
    source: str  # STRAIGHT_LINE or ROUTING_SERVER
    note: str = ""  # why the straight line was used although a server is configured


def table_url(base_url: str, points: Sequence[Point], profile: str = "driving") -> str:
    coordinates = ";".join(f"{p.longitude:.6f},{p.latitude:.6f}" for p in points)
    return f"{base_url.rstrip('/')}/table/v1/{profile}/{coordinates}?annotations=duration,distance"


def _square(rows, size: int, name: str) -> list[list[float]]:
    if not isinstance(rows, list) or len(rows) != size:
        raise RoutingServerError(f"'{name}' is not a {size} x {size} table")
    for row in rows:
        if not isinstance(row, list) or len(row) != size:
            raise RoutingServerError(f"'{name}' is not a {size} x {size} table")
        if any(not isinstance(cell, int | float) or cell < 0 for cell in row):
            raise RoutingServerError(f"'{name}' has no route between some addresses")
    return rows


def osrm_table(
    base_url: str, points: Sequence[Point], *, timeout: float
) -> tuple[list[list[float]], list[list[float]]]:
    """(travel minutes, road km) between every pair of points from the server's table service,
    rounded to 0.01 as the straight-line matrices are."""
    url = table_url(base_url, points)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 (configured URL)
            body = json.load(answer)
    except (OSError, ValueError) as error:  # no answer, an HTTP error, or not JSON
        raise RoutingServerError(f"no table from {base_url}: {error}") from error
    if not isinstance(body, dict) or body.get("code") != "Ok":
        code = body.get("code") if isinstance(body, dict) else None
        raise RoutingServerError(f"the routing server answered {code!r}, not 'Ok'")
    seconds = _square(body.get("durations"), len(points), "durations")
    metres = _square(body.get("distances"), len(points), "distances")
    travel = [[round(s / 60, 2) for s in row] for row in seconds]
    distance = [[round(m / 1000, 2) for m in row] for row in metres]
    return travel, distance


def travel_matrix(points: Sequence[Point], *, speed_kmh: float, detour: float) -> TravelMatrix:
    """The day's matrix from the configured routing server, or the straight line."""
    url = getattr(settings, "OMSORG_ROUTING_SERVER_URL", "")
    note = ""
    if url:
        timeout = getattr(settings, "OMSORG_ROUTING_SERVER_TIMEOUT", 10)
        try:
            travel, distance = osrm_table(url, points, timeout=timeout)
        except RoutingServerError as error:
            logger.warning("routing server failed, straight line used: %s", error)
            note = str(error)
        else:
            return TravelMatrix(travel, distance, ROUTING_SERVER)
    travel, distance = matrices(points, speed_kmh=speed_kmh, detour=detour)
    return TravelMatrix(travel, distance, STRAIGHT_LINE, note)
