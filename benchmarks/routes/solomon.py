"""Solomon VRPTW instances (VRPLIB form, gzipped, ``data/solomon/``) into the routing contract.

DIMACS convention: the distance between two points is the Euclidean distance truncated to one
decimal, ``floor(10 d) / 10``; travel time equals distance. Objective: total distance (weights
distance 1, travel 0) with every customer planned (a large ``unassigned`` weight), hard windows,
capacity, service times, up to ``VEHICLES`` routes. Best-known values: the ``Cost`` line of the
``.sol`` files (PyVRP/Instances, MIT licence; see ``data/solomon/SOURCE.md``).
"""

import gzip
import math
import re
from pathlib import Path

DATA = Path(__file__).parent / "data" / "solomon"
UNASSIGNED = 100000


def read_vrplib(path: Path) -> dict:
    """Header values and sections of a VRPLIB file, as strings and rows of numbers."""
    header: dict[str, str] = {}
    sections: dict[str, list[list[float]]] = {}
    current = None
    for line in gzip.decompress(path.read_bytes()).decode().splitlines():
        line = line.strip()
        if not line or line == "EOF":
            continue
        if line.endswith("_SECTION"):
            current = line
            sections[current] = []
        elif ":" in line and current is None:
            key, value = line.split(":", 1)
            header[key.strip()] = value.strip()
        elif current is not None:
            sections[current].append([float(x) for x in line.split()])
    return {"header": header, "sections": sections}


def dimacs(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Euclidean distance truncated to one decimal."""
    return math.floor(10 * math.hypot(a[0] - b[0], a[1] - b[1])) / 10


def convert(path: Path) -> dict:
    """The contract instance for one Solomon ``.vrp`` file."""
    data = read_vrplib(path)
    header, sections = data["header"], data["sections"]
    coords = [(row[1], row[2]) for row in sections["NODE_COORD_SECTION"]]
    demand = [row[1] for row in sections["DEMAND_SECTION"]]
    windows = [(row[1], row[2]) for row in sections["TIME_WINDOW_SECTION"]]
    service = float(header.get("SERVICE_TIME", 0))
    if "SERVICE_TIME_SECTION" in sections:
        service_of = [row[1] for row in sections["SERVICE_TIME_SECTION"]]
    else:
        service_of = [0.0] + [service] * (len(coords) - 1)
    names = ["depot"] + [f"c{i}" for i in range(1, len(coords))]
    matrix = [[dimacs(a, b) for b in coords] for a in coords]
    staff = [
        {"id": f"v{k + 1}", "start": "depot", "end": "depot", "shift": list(windows[0]),
         "capacity": float(header["CAPACITY"])}
        for k in range(int(header["VEHICLES"]))
    ]
    visits = [
        {"id": names[i], "location": names[i], "duration": service_of[i],
         "window": list(windows[i]), "demand": demand[i]}
        for i in range(1, len(coords))
    ]
    return {
        "locations": names, "travel": matrix, "staff": staff, "visits": visits,
        "weights": {"unassigned": UNASSIGNED, "distance": 1, "travel": 0},
    }


def best_known(path: Path) -> tuple[float, list[list[int]]]:
    """The ``.sol`` file's cost and routes (customer numbers) next to ``path``."""
    text = (DATA / f"{name_of(path)}.sol").read_text()
    routes = [[int(x) for x in m.split()] for m in re.findall(r"Route #\d+:(.*)", text)]
    cost = float(re.search(r"Cost\s+([\d.]+)", text).group(1))
    return cost, routes


def route_distance(instance: dict, routes: list[list[int]]) -> float:
    """Total DIMACS distance of ``routes`` (customer numbers, depot 0 implicit)."""
    matrix = instance["travel"]
    total = 0.0
    for route in routes:
        stops = [0, *route, 0]
        total += sum(matrix[a][b] for a, b in zip(stops, stops[1:], strict=False))
    return total


def name_of(path: Path) -> str:
    return path.name.split(".")[0]


def instances() -> list[Path]:
    return sorted(DATA.glob("*.vrp.gz"))
