"""Saved engine plans for Mankowska D1 and D3 that are below the published best-known values keep
the published model, checked from the raw instance file alone (no engine code, no converter).

The model (Mankowska, Meisel & Bierwirth 2014; the reference code of afkummer/gecco2020-brkga,
``src/Solution.cpp``): every vehicle leaves the depot (node 0) at time 0 and returns to it (node
N+1); every service a patient needs (``r``) is done exactly once, by a vehicle qualified for it
(``a``); a service starts no earlier than the window start ``e`` and than the vehicle's arrival
(previous start + processing time ``p`` of that vehicle + distance ``d``); the two services of a
double-service patient are done by two different vehicles, the second (higher service number)
starting between ``mind`` and ``maxd`` after the first (0 and 0: at the same time); tardiness is
the start after the window end ``l``, per service. Cost = (distance + total tardiness + maximum
tardiness) / 3. The same check times the BRKGA's published D1 routes at their least start times
and gets the published cost, so it reads the file as its authors did.

Plan files: ``benchmarks/routes/data/mankowska/plans/<name>-engine-120s.json`` (the engine's JSON
output: D1 1128.45 at bcd819a, D3 615.60 at bac5a54, 120 s each; staff ``k<v>`` is vehicle v,
visit ``n<i>s<j>`` is patient node i, service j).
"""

import gzip
import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).parents[3] / "benchmarks" / "routes" / "data" / "mankowska"
# Best-known values: supplementary material of afkummer/brkga-mp-ipr-hhcrsp-2021.
SAVED = {"D1": ("InstanzCPLEX_HCSRP_75_1.txt.gz", 1179.9),
         "D3": ("InstanzCPLEX_HCSRP_75_3.txt.gz", 633.4)}
PUBLISHED_D1_COST = 1199.47  # "# Cost =" line of the BRKGA's seed-1 solution file
EPS = 1e-6


def _raw(path: Path) -> dict[str, list[list[float]]]:
    sections: dict[str, list[list[float]]] = {}
    for line in gzip.decompress(path.read_bytes()).decode().splitlines():
        words = line.split()
        if words and re.fullmatch(r"[A-Za-z]+", words[0]):
            current = sections.setdefault(words[0], [])
        elif words:
            current.append([float(w) for w in words])
    return sections


class Raw:
    """The instance's sections, indexed as in the paper."""

    def __init__(self, path: Path):
        s = _raw(path)
        self.nodes, self.vehicles = int(s["nbNodes"][0][0]), int(s["nbVehi"][0][0])
        self.r, self.a, self.d, self.p = s["r"], s["a"], s["d"], s["p"]
        self.mind, self.maxd = s["mind"][0], s["maxd"][0]
        self.e, self.l = s["e"][0], s["l"][0]
        self.end = self.nodes - 1  # the depot again

    def services(self, i: int) -> list[int]:
        return [j for j, need in enumerate(self.r[i]) if need]

    def proc(self, i: int, v: int, j: int) -> float:
        return self.p[i * self.vehicles + v][j]


def _violations_and_cost(raw: Raw, routes: dict[int, list[tuple[int, int, float]]]):
    """routes: vehicle -> [(node, service, start)]; the broken rules and the cost."""
    broken: list[str] = []
    done: dict[tuple[int, int], tuple[int, float]] = {}
    distance = sum(_walk(raw, v, stops, broken, done) for v, stops in routes.items())
    _coverage_and_delays(raw, done, broken)
    late = [max(0.0, start - raw.l[i]) for (i, _), (_, start) in done.items()]
    return broken, (distance + sum(late) + max(late, default=0.0)) / 3


def _walk(raw: Raw, v: int, stops, broken: list[str], done: dict) -> float:
    """One vehicle's route from the depot and back: its rules, and its distance."""
    here, ready, distance = 0, 0.0, 0.0
    for i, j, start in stops:
        if not 1 <= i < raw.end or not raw.r[i][j]:
            broken.append(f"vehicle {v}: node {i} needs no service {j}")
        if not raw.a[v][j]:
            broken.append(f"vehicle {v} is not qualified for service {j}")
        if (i, j) in done:
            broken.append(f"node {i} service {j} done twice")
        if start < raw.e[i] - EPS or start < ready + raw.d[here][i] - EPS:
            broken.append(f"vehicle {v}: node {i} starts at {start} before it can")
        done[(i, j)] = (v, start)
        distance += raw.d[here][i]
        here, ready = i, start + raw.proc(i, v, j)
    return distance + raw.d[here][raw.end]


def _coverage_and_delays(raw: Raw, done: dict, broken: list[str]) -> None:
    for i in range(1, raw.end):
        wanted = raw.services(i)
        missing = [j for j in wanted if (i, j) not in done]
        if missing:
            broken.append(f"node {i} services {missing} not done")
        elif len(wanted) == 2:
            (v1, t1), (v2, t2) = done[(i, wanted[0])], done[(i, wanted[1])]
            if v1 == v2:
                broken.append(f"node {i}: both services by vehicle {v1}")
            if not raw.mind[i] - EPS <= t2 - t1 <= raw.maxd[i] + EPS:
                broken.append(f"node {i}: delay {t2 - t1} outside [{raw.mind[i]}, {raw.maxd[i]}]")


def _least_starts(raw: Raw, sequences: dict[int, list[tuple[int, int]]]):
    """The least start times of fixed sequences (repeat: arrival, window start, delays)."""
    start = {(i, j): raw.e[i] for stops in sequences.values() for i, j in stops}
    for _ in range(10 * len(start)):
        before = dict(start)
        for v, stops in sequences.items():
            here, ready = 0, 0.0
            for i, j in stops:
                start[(i, j)] = max(start[(i, j)], ready + raw.d[here][i])
                here, ready = i, start[(i, j)] + raw.proc(i, v, j)
        for i in range(1, raw.end):
            wanted = raw.services(i)
            if len(wanted) == 2:
                first, second = (i, wanted[0]), (i, wanted[1])
                start[second] = max(start[second], start[first] + raw.mind[i])
                start[first] = max(start[first], start[second] - raw.maxd[i])
        if start == before:
            return {v: [(i, j, start[(i, j)]) for i, j in stops] for v, stops in sequences.items()}
    raise AssertionError("the sequences have no schedule")


def _published_routes(path: Path) -> dict[int, list[tuple[int, int]]]:
    routes: dict[int, list[tuple[int, int]]] = {}
    for line in gzip.decompress(path.read_bytes()).decode().splitlines():
        words = line.split()
        if not line.startswith("#") and len(words) == 4:
            _, node, vehicle, service = (int(w) for w in words)
            if node != 0:
                routes.setdefault(vehicle, []).append((node, service))
    return routes


def _plan_routes(plan: dict) -> dict[int, list[tuple[int, int, float]]]:
    routes = {}
    for route in plan["routes"]:
        stops = []
        for stop in route["visits"]:
            node, service = re.fullmatch(r"n(\d+)s(\d+)", stop["visit"]).groups()
            stops.append((int(node), int(service), stop["start"]))
        routes[int(route["staff"][1:])] = stops
    return routes


def test_the_raw_file_check_recomputes_the_published_brkga_cost():
    raw = Raw(DATA / "InstanzCPLEX_HCSRP_75_1.txt.gz")
    routes = _least_starts(raw, _published_routes(DATA / "solutions" / "solution-75-1-1.txt.gz"))
    broken, cost = _violations_and_cost(raw, routes)
    assert broken == []
    assert cost == pytest.approx(PUBLISHED_D1_COST, abs=0.01)


@pytest.mark.parametrize("name", sorted(SAVED))
def test_a_saved_plan_below_the_best_known_keeps_the_published_model(name):
    path, best_known = SAVED[name]
    raw = Raw(DATA / path)
    plan = json.loads((DATA / "plans" / f"{name}-engine-120s.json").read_text())
    assert plan["unassigned"] == []
    broken, cost = _violations_and_cost(raw, _plan_routes(plan))
    assert broken == []
    assert cost == pytest.approx(plan["objective"]["total"], abs=1e-6)
    assert cost < best_known


def test_the_raw_file_check_finds_a_broken_plan():
    raw = Raw(DATA / "InstanzCPLEX_HCSRP_75_1.txt.gz")
    routes = _plan_routes(json.loads((DATA / "plans" / "D1-engine-120s.json").read_text()))
    vehicle = next(v for v, stops in routes.items() if stops)
    node, service, start = routes[vehicle][0]
    routes[vehicle][0] = (node, service, start - 1000)  # before it can get there
    dropped = routes[vehicle].pop()  # a service left out
    broken, _ = _violations_and_cost(raw, routes)
    assert any("before it can" in b for b in broken)
    assert any(f"node {dropped[0]} services" in b for b in broken)
