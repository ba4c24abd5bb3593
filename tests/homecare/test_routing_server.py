"""The travel matrix from an OSRM-compatible routing server (issue 10, the engine's contract:
"or from an OSRM-compatible routing server if one is configured"), against a real HTTP server
in a thread that answers the table service's format; the straight line when none is set or the
server fails, and the plan says so."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

import pytest
from django.urls import reverse

from omsorg.homecare.models import Task
from omsorg.homecare.routing_server import (
    ROUTING_SERVER,
    STRAIGHT_LINE,
    RoutingServerError,
    osrm_table,
    travel_matrix,
)
from omsorg.homecare.services.patterns import PatternInput, pattern_create
from omsorg.homecare.services.plans import day_plan_create, day_plan_request
from omsorg.homecare.travel import Point, matrices

EVERY_DAY = [0, 1, 2, 3, 4, 5, 6]
# Seconds per degree of latitude and longitude, and metres per second, of the fake road network:
# simple enough to compute the expected table by hand, different from any straight line.
SECONDS_PER_DEGREE, METRES_PER_SECOND = 20_000.0, 12.5


class OsrmTable(BaseHTTPRequestHandler):
    """GET /table/v1/driving/{lon,lat;...}?annotations=duration,distance: durations in
    seconds, distances in metres (Manhattan distance on the degrees), as OSRM answers."""

    answer: dict | None = None  # a fixed answer instead (an error a test wants)
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).requests.append(self.path)
        parts = urlsplit(self.path)
        prefix = "/table/v1/driving/"
        if not parts.path.startswith(prefix) or parts.query != "annotations=duration,distance":
            return self._send(400, {"code": "InvalidUrl", "message": "bad url"})
        if self.answer is not None:
            return self._send(200, self.answer)
        coordinates = [
            tuple(float(x) for x in pair.split(","))
            for pair in unquote(parts.path[len(prefix) :]).split(";")
        ]
        durations = [
            [(abs(a[0] - b[0]) + abs(a[1] - b[1])) * SECONDS_PER_DEGREE for b in coordinates]
            for a in coordinates
        ]
        distances = [[s * METRES_PER_SECOND for s in row] for row in durations]
        return self._send(200, {"code": "Ok", "durations": durations, "distances": distances})

    def _send(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture
def osrm():
    OsrmTable.answer, OsrmTable.requests = None, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), OsrmTable)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


POINTS = [Point(62.83, 7.16), Point(62.84, 7.18), Point(62.80, 7.20)]


def test_the_table_service_gives_minutes_and_km(osrm):
    travel, distance = osrm_table(osrm, POINTS, timeout=5)
    # base -> second point: 0.01 + 0.02 degrees = 600 s = 10 min, 7.5 km.
    assert travel[0][1] == 10.0 and distance[0][1] == 7.5
    assert travel[1][2] == pytest.approx((0.04 + 0.02) * SECONDS_PER_DEGREE / 60, abs=0.01)
    assert [row[i] for i, row in enumerate(travel)] == [0.0, 0.0, 0.0]
    # Longitude first, as OSRM reads its coordinates.
    assert OsrmTable.requests == [
        "/table/v1/driving/7.160000,62.830000;7.180000,62.840000;7.200000,62.800000"
        "?annotations=duration,distance"
    ]


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        ({"code": "NoTable"}, "'NoTable'"),
        ({"code": "Ok", "durations": [[0, 1], [1, 0]], "distances": [[0, 1], [1, 0]]}, "3 x 3"),
        (
            {
                "code": "Ok",
                "durations": [[0, None, 1], [1, 0, 1], [1, 1, 0]],
                "distances": [[0, 1, 1], [1, 0, 1], [1, 1, 0]],
            },
            "no route",
        ),  # fmt: skip
    ],
)
def test_a_table_that_is_not_ok_or_not_full_is_refused(osrm, answer, says):
    OsrmTable.answer = answer
    with pytest.raises(RoutingServerError, match=says):
        osrm_table(osrm, POINTS, timeout=5)


def test_the_straight_line_without_a_server_and_when_it_fails(settings, osrm):
    straight = matrices(POINTS, speed_kmh=30, detour=1.3)
    settings.OMSORG_ROUTING_SERVER_URL = ""
    assert travel_matrix(POINTS, speed_kmh=30, detour=1.3).source == STRAIGHT_LINE
    settings.OMSORG_ROUTING_SERVER_URL = osrm
    assert travel_matrix(POINTS, speed_kmh=30, detour=1.3).source == ROUTING_SERVER
    settings.OMSORG_ROUTING_SERVER_URL = osrm + "/wrong-prefix"  # the server answers 400
    fallen = travel_matrix(POINTS, speed_kmh=30, detour=1.3)
    assert (fallen.source, (fallen.travel, fallen.distance)) == (STRAIGHT_LINE, straight)
    assert "400" in fallen.note


@pytest.fixture
def one_visit(base, worker, recipient, zone_leader, zone, today):
    worker("nurse")
    _person, decision = recipient(km_east=3)
    pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                   data=PatternInput("Morgen", EVERY_DAY, 450, 600, 20, "nurse",
                                     [Task.MEDICATION]))  # fmt: skip
    return day_plan_create(actor=zone_leader, zone=zone, date=today, today=today)


def test_a_day_plan_uses_the_configured_routing_server(
    settings, osrm, one_visit, zone_leader, django_capture_on_commit_callbacks
):
    settings.OMSORG_ROUTING_SERVER_URL = osrm
    with django_capture_on_commit_callbacks(execute=True):
        day_plan_request(actor=zone_leader, plan=one_visit, time_limit=1)
    one_visit.refresh_from_db()
    assert (one_visit.status, one_visit.error) == ("planned", "")
    # 3 km east is 0.059 degrees of longitude: 1180 s, 19.67 min on the fake roads.
    assert one_visit.instance["travel"][0][1] == pytest.approx(0.05901 * SECONDS_PER_DEGREE / 60,
                                                                abs=0.01)  # fmt: skip
    assert len(OsrmTable.requests) == 1


def test_a_failing_server_leaves_the_straight_line_and_the_plan_says_why(
    settings, osrm, one_visit, zone_leader, client_as, django_capture_on_commit_callbacks
):
    settings.OMSORG_ROUTING_SERVER_URL = osrm
    OsrmTable.answer = {"code": "NoTable"}
    with django_capture_on_commit_callbacks(execute=True):
        day_plan_request(actor=zone_leader, plan=one_visit, time_limit=1)
    one_visit.refresh_from_db()
    assert one_visit.status == "planned" and "NoTable" in one_visit.error
    km = one_visit.instance["distance"][0][1]
    assert km == pytest.approx(3 * 1.3, abs=0.05)  # the straight line times the detour
    page = client_as(zone_leader).get(
        reverse("homecare_day", args=[one_visit.zone_id, one_visit.date.isoformat()])
    )
    assert "NoTable" in page.content.decode()
