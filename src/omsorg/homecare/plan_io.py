"""ORM <-> the routing engine: the only module that imports ``omsorg.planning.routing``.

The engine sees a zone's day as the issue's JSON contract: locations ``base`` and ``p<person
id>`` (a re-plan adds ``at<user id>``, where a staff member is when the day is planned again),
staff ``s<user id>``, visits ``v<visit id>``; a double visit is a link with gap [0, 0], a visit
that must follow another a link with its gaps. The travel matrix comes from coordinates
(``travel.py``) or from a routing server (``routing_server.py``, passed in by the run). A
leader's move of a visit is checked with the engine's own schedule and its independent checker
(``check.py``), so a move that breaks a hard rule is refused by name.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from omsorg.homecare.models import Shift, Visit, ZoneBase
from omsorg.homecare.rules import needed_skills, skills_of
from omsorg.homecare.travel import Point, matrices
from omsorg.planning.common.params import SolveParams
from omsorg.planning.common.progress import ProgressEvent
from omsorg.planning.routing.check import check_plan, evaluate_routes
from omsorg.planning.routing.instance import Instance, Link, Staff, Weights, validate
from omsorg.planning.routing.instance import Visit as EngineVisit
from omsorg.planning.routing.model import RoutingModel, schedule
from omsorg.planning.routing.parse import parse_instance
from omsorg.planning.routing.results import Plan, plan_of
from omsorg.planning.routing.solve import solve

BASE = "base"
# Named weights (issue 10's objective): every visit planned first; then travel minutes; a
# visit by someone the person does not know costs as much as ten minutes on the road.
WEIGHTS = Weights(
    unassigned=10000.0,
    distance=0.0,
    travel=1.0,
    tardiness=2.0,
    max_tardiness=0.0,
    not_preferred=10.0,
    overtime=0.0,
)


def staff_key(user_id: int) -> str:
    return f"s{user_id}"


def person_key(person_id: int) -> str:
    return f"p{person_id}"


def visit_key(visit_id: int) -> str:
    return f"v{visit_id}"


def id_of(key: str) -> int:
    return int(key.lstrip("spvat"))


@dataclass
class DayInput:
    """What the instance is built from; ``resume`` maps a staff member to (person id or None,
    minute) where and when she is free again in a re-plan."""

    base: ZoneBase
    shifts: list[Shift]
    visits: list[Visit]
    points: dict[int, Point]
    preferred: dict[int, list[int]] = field(default_factory=dict)
    resume: dict[int, tuple[int | None, float]] = field(default_factory=dict)
    # (travel minutes, km) between the points in order; None: the straight line at the zone's
    # speed. The run passes the routing server's table here when one is configured.
    matrix: Callable[[list[Point]], tuple[list[list[float]], list[list[float]]]] | None = None


def _staff(day: DayInput, index: dict[str, int]) -> list[Staff]:
    members = []
    for shift in day.shifts:
        where, ready = day.resume.get(shift.staff_id, (None, shift.start))
        start = person_key(where) if where is not None else BASE
        if start not in index or ready >= shift.end:
            start, ready = (BASE, ready) if ready < shift.end else (None, None)
        if start is None:
            continue  # no time left on this shift
        members.append(
            Staff(
                id=staff_key(shift.staff_id),
                start=start,
                end=BASE,
                shift=(float(max(ready, shift.start)), float(shift.end)),
                skills=skills_of(shift.level),
            )
        )
    return members


def _links(visits: list[Visit]) -> list[Link]:
    planned = {v.pk for v in visits}
    links = []
    for visit in visits:
        if visit.partner_id in planned and visit.pk < visit.partner_id:
            links.append(Link(visit_key(visit.pk), visit_key(visit.partner_id), 0.0, 0.0))
        if visit.follows_id in planned:
            gap = None if visit.max_gap is None else float(visit.max_gap)
            links.append(
                Link(visit_key(visit.follows_id), visit_key(visit.pk), float(visit.min_gap), gap)
            )
    return links


def build_instance(day: DayInput) -> Instance:
    """The engine's instance for the day; visits whose person has no coordinates are left
    out (the caller lists them as unassigned)."""
    persons = sorted({v.person_id for v in day.visits if v.person_id in day.points})
    resumed = sorted({p for p, _ in day.resume.values() if p is not None and p in day.points})
    names = [BASE, *(person_key(p) for p in sorted({*persons, *resumed}))]
    index = {name: i for i, name in enumerate(names)}
    base = Point(day.base.latitude, day.base.longitude)
    points = [base, *(day.points[id_of(name)] for name in names[1:])]
    if day.matrix is not None:
        travel, distance = day.matrix(points)
    else:
        travel, distance = matrices(
            points, speed_kmh=day.base.speed_kmh, detour=day.base.detour_factor
        )
    staff = _staff(day, index)
    on_shift = {s.id for s in staff}
    visits = [v for v in day.visits if v.person_id in day.points]
    engine_visits = [
        EngineVisit(
            id=visit_key(v.pk),
            person=person_key(v.person_id),
            location=person_key(v.person_id),
            duration=float(v.duration),
            window=(float(v.window_start), float(v.window_end)),
            window_hard=v.window_hard,
            skills=needed_skills(v.level),
            preferred_staff=tuple(
                staff_key(u) for u in day.preferred.get(v.person_id, ()) if staff_key(u) in on_shift
            ),
        )
        for v in visits
    ]
    return validate(
        Instance(
            locations=tuple(names),
            travel=tuple(tuple(row) for row in travel),
            distance=tuple(tuple(row) for row in distance),
            staff=tuple(staff),
            visits=tuple(engine_visits),
            links=tuple(_links(visits)),
            weights=WEIGHTS,
        )
    )


def instance_json(instance: Instance) -> dict:
    """The instance in the contract's JSON form (what `omsorg plan-routes` reads)."""
    return {
        "locations": list(instance.locations),
        "travel": [list(row) for row in instance.travel],
        "distance": [list(row) for row in instance.distances],
        "staff": [
            {
                "id": s.id,
                "start": s.start,
                "end": s.end,
                "shift": list(s.shift),
                "skills": sorted(s.skills),
                "capacity": s.capacity,
            }
            for s in instance.staff
        ],
        "visits": [
            {
                "id": v.id,
                "person": v.person,
                "location": v.location,
                "duration": v.duration,
                "window": list(v.window),
                "window_hard": v.window_hard,
                "skills": sorted(v.skills),
                "preferred_staff": list(v.preferred_staff),
                "demand": v.demand,
            }
            for v in instance.visits
        ],
        "links": [
            {"first": x.first, "second": x.second, "min_gap": x.min_gap, "max_gap": x.max_gap}
            for x in instance.links
        ],
        "weights": instance.weights.as_dict(),
    }


def instance_of(data: dict) -> Instance:
    return parse_instance(data)


def run_engine(
    instance: Instance, *, time_limit: float, on_progress: Callable[[dict], None] | None = None
) -> Plan:
    def report(event: ProgressEvent) -> None:
        if on_progress is not None:
            on_progress(
                {
                    "stage": event.stage,
                    "objective": event.objective,
                    "bound": event.bound,
                    "seconds": round(event.wall_time, 2),
                    "terms": event.terms,
                }
            )

    return solve(instance, SolveParams(time_limit=time_limit), report)


def violations(instance: Instance, plan: dict) -> list[str]:
    """Every hard rule or objective term the plan gets wrong, by the independent checker."""
    return check_plan(instance, plan).violations


def unassigned_reason(instance: Instance, visit_id: str) -> str:
    """Why the engine left a visit out, as a code of ``Visit.Unassigned``."""
    visit = next(v for v in instance.visits if v.id == visit_id)
    able = [s for s in instance.staff if visit.skills <= s.skills]
    if not able:
        return "no_skill"
    double = any(visit_id in (x.first, x.second) and x.synchronised for x in instance.links)
    if double and len(able) < 2:
        return "two_staff"
    where = instance.location_index()
    here = where[visit.location]
    for member in able:
        arrive = member.shift[0] + instance.travel[where[member.start]][here]
        begin = max(arrive, visit.window[0])
        back = begin + visit.duration + instance.travel[here][where[member.end]]
        if (not visit.window_hard or begin <= visit.window[1]) and back <= member.shift[1]:
            return "no_room"
    return "outside_shifts"


# The checker's sentences, by the hard rule they name.
RULE_PATTERNS = (
    ("lacks the skills", "skills"),
    ("hard window", "window"),
    ("before its window", "window"),
    ("after the shift end", "shift_end"),
    ("double visit", "two_staff"),
    ("only one of the two", "linked_whole"),
    ("link", "gap"),
    ("capacity", "capacity"),
)


def rules_broken(found: Iterable[str]) -> list[str]:
    keys = []
    for sentence in found:
        key = next((k for pattern, k in RULE_PATTERNS if pattern in sentence), "schedule")
        if key not in keys:
            keys.append(key)
    return keys


@dataclass(frozen=True)
class Moved:
    """A move's outcome: the new plan (contract JSON) or the hard rules it would break."""

    plan: dict | None
    broken: list[str]


def _naive_plan(instance: Instance, routes: list[list[int]]) -> dict:
    """Start every visit as early as its route and window allow, links ignored: what the
    checker reads to name the rule a refused move breaks."""
    where = instance.location_index()
    plan_routes, planned = [], set()
    for k, route in enumerate(routes):
        member = instance.staff[k]
        here, ready, stops = where[member.start], member.shift[0], []
        for v in route:
            visit = instance.visits[v]
            there = where[visit.location]
            begin = max(ready + instance.travel[here][there], visit.window[0])
            stops.append({"visit": visit.id, "start": begin})
            planned.add(v)
            here, ready = there, begin + visit.duration
        back = ready + instance.travel[here][where[member.end]]
        plan_routes.append({"staff": member.id, "visits": stops, "return": back})
    unassigned = [v.id for i, v in enumerate(instance.visits) if i not in planned]
    return {"status": "feasible", "routes": plan_routes, "unassigned": unassigned}


def _best_insertion(model: RoutingModel, order: list[list[int]], k: int, v: int):
    """The cheapest feasible place for visit `v` in route `k` (the least schedule of each)."""
    best = None
    for position in range(len(order[k]) + 1):
        trial = [list(route) for route in order]
        trial[k].insert(position, v)
        state = schedule(model, trial)
        if state is not None and (best is None or state.total < best.total):
            best = state
    return best


def move(
    instance: Instance, routes: dict[str, list[str]], visit_id: str, to_staff: str | None
) -> Moved:
    """Move one visit into `to_staff`'s route at its cheapest feasible place (None: leave it
    unassigned), keeping every other visit's order; the new plan, or the rules it breaks."""
    model = RoutingModel(instance)
    vindex = {v.id: i for i, v in enumerate(instance.visits)}
    order = [[vindex[v] for v in routes.get(s.id, []) if v != visit_id] for s in instance.staff]
    v = vindex[visit_id]
    if to_staff is None:
        state = schedule(model, order)
    else:
        k = next(i for i, s in enumerate(instance.staff) if s.id == to_staff)
        state = _best_insertion(model, order, k, v)
        order[k].append(v)
        order[k].sort(key=lambda u: (instance.visits[u].window[0], u))
    if state is not None:
        plan = plan_of(model, state, "feasible", None).to_dict()
        if not check_plan(instance, plan).violations:
            return Moved(plan, [])
    found = evaluate_routes(instance, _naive_plan(instance, order)).violations
    return Moved(None, rules_broken(found) or ["schedule"])
