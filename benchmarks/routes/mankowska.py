"""Mankowska, Meisel & Bierwirth (2014) home health care instances into the routing contract.

File layout (read from ``src/Instance.cpp`` of afkummer/gecco2020-brkga, MIT): sections
``nbNodes``, ``nbVehi``, ``nbServi``, ``r`` (services each node needs, 0/1 per service), ``DS``
(1-based node numbers of double-service patients), ``a`` (services each vehicle can do), ``x``,
``y``, ``d`` (distance matrix, also the travel time), ``p`` (processing time per node, vehicle
and service: one line per (node, vehicle); the reference code reads the first vehicle's line
only), ``mind``/``maxd`` (delay between the two services of a double-service patient; 0/0 is
simultaneous), ``e``/``l`` (time window per node). Node 0 is the depot, nodes 1..N the patients,
node N+1 the depot again.

Mapping: one visit per (patient, service), id ``n<node>s<service>``; soft windows (tardiness =
start - l, per service); a double-service patient's two visits linked, first service (lower index)
first, gap [mind, maxd], and done by two different staff (the reference code's rule; the
contract only asks it of a [0, 0] pair, so the runner solves and checks these instances with
``distinct_linked_staff``); skills are the service numbers; staff start and end at the depot at time
0 with no shift end that matters. Objective (distance + total tardiness + maximum tardiness) / 3.
"""

import gzip
import re
from pathlib import Path

DATA = Path(__file__).parent / "data" / "mankowska"
SETS = {"A": 10, "B": 25, "C": 50, "D": 75}
THIRD = 1 / 3
OPEN_SHIFT_END = 100000.0


def path_of(name: str) -> Path:
    """``A1`` -> the instance file for set A, number 1."""
    return DATA / f"InstanzCPLEX_HCSRP_{SETS[name[0]]}_{name[1:]}.txt.gz"


def read(path: Path) -> dict:
    """The sections of an instance file as lists of rows of numbers."""
    sections: dict[str, list[list[float]]] = {}
    current = None
    for line in gzip.decompress(path.read_bytes()).decode().splitlines():
        words = line.split()
        if not words:
            continue
        if re.fullmatch(r"[A-Za-z]+", words[0]):
            current = words[0]
            sections[current] = []
        else:
            sections[current].append([float(x) for x in words])
    return sections


def convert(path: Path) -> dict:
    """The contract instance for one Mankowska file."""
    s = read(path)
    nodes, vehicles, services = (int(s[k][0][0]) for k in ("nbNodes", "nbVehi", "nbServi"))
    needs = s["r"]
    d = s["d"]
    p_lines = s["p"]
    times = [p_lines[i * vehicles] for i in range(nodes)]  # first vehicle's line, as the reference
    mind, maxd = s["mind"][0], s["maxd"][0]
    early, late = s["e"][0], s["l"][0]
    patients = range(1, nodes - 1)
    names = ["depot"] + [f"n{i}" for i in patients]
    matrix = [[d[a][b] for b in [0, *patients]] for a in [0, *patients]]
    staff = [
        {"id": f"k{v}", "start": "depot", "end": "depot", "shift": [0, OPEN_SHIFT_END],
         "skills": [f"s{j}" for j in range(services) if s["a"][v][j]]}
        for v in range(vehicles)
    ]
    visits, links = [], []
    for i in patients:
        wanted = [j for j in range(services) if needs[i][j]]
        for j in wanted:
            visits.append({"id": f"n{i}s{j}", "person": f"n{i}", "location": f"n{i}",
                           "duration": times[i][j], "window": [early[i], late[i]],
                           "window_hard": False, "skills": [f"s{j}"]})
        if len(wanted) == 2:
            links.append({"first": f"n{i}s{wanted[0]}", "second": f"n{i}s{wanted[1]}",
                          "min_gap": mind[i], "max_gap": maxd[i]})
    return {
        "locations": names, "travel": matrix, "staff": staff, "visits": visits, "links": links,
        "weights": {"unassigned": 100000, "distance": THIRD, "travel": 0, "tardiness": THIRD,
                    "max_tardiness": THIRD},
    }


def published_solution(name: str) -> tuple[float, list[list[str]]]:
    """The cost line and routes (visit ids per vehicle) of the BRKGA solution with seed 1
    (gecco2020-brkga ``solutions/routes``)."""
    path = DATA / "solutions" / f"solution-{SETS[name[0]]}-{name[1:]}-1.txt.gz"
    text = gzip.decompress(path.read_bytes()).decode()
    cost = float(re.search(r"Cost = ([\d.]+)", text).group(1))
    routes: dict[int, list[str]] = {}
    for line in text.splitlines():
        words = line.split()
        if line.startswith("#") or len(words) != 4:
            continue
        _, dest, vehicle, service = (int(w) for w in words)
        route = routes.setdefault(vehicle, [])
        if dest != 0:
            route.append(f"n{dest}s{service}")
    return cost, [routes.get(v, []) for v in range(max(routes) + 1)]


def best_known() -> dict[str, tuple[float, float]]:
    """instance -> (lower bound LB+, best-known value), from ``data/mankowska/best_known.csv``."""
    rows = (DATA / "best_known.csv").read_text().splitlines()[1:]
    return {r.split(",")[0]: (float(r.split(",")[1]), float(r.split(",")[2])) for r in rows}


def names() -> list[str]:
    return [f"{letter}{i}" for letter in SETS for i in range(1, 11)]
