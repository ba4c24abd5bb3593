"""An independent check of a route plan against the contract of issue 10.

Written from the contract, not from the solver: it shares no code with ``model.py`` or
``search.py``; it walks the plan's JSON form (``Plan.to_dict()`` or the command's output) and
recomputes every objective term from the instance. Hard rules checked: each visit in exactly one
route or unassigned; a staff member at most one route; skills; capacity; no start before the
window start or before arrival from the previous stop (leaving ``start`` no earlier than the
shift start); hard windows' ends; ``return`` is the arrival at ``end``; no return after the
shift end unless overtime has a weight; each link's gap when both visits are planned, a linked
group planned whole or not at all, and a synchronised pair by two different staff.
"""

from dataclasses import dataclass, field

from omsorg.planning.routing.instance import Instance

TOLERANCE = 1e-6
TERMS = ("unassigned", "distance", "travel", "tardiness", "max_tardiness", "not_preferred",
         "overtime")


@dataclass
class CheckResult:
    """Broken rules (empty when the plan keeps them all) and the recomputed objective terms."""

    violations: list[str] = field(default_factory=list)
    terms: dict[str, float] = field(default_factory=dict)
    total: float = 0.0


def check_plan(
    instance: Instance, plan: dict, *, distinct_linked_staff: bool = False
) -> CheckResult:
    """Every broken hard rule and objective mismatch of ``plan`` for ``instance``;
    ``distinct_linked_staff``: every linked pair needs two staff (a benchmark's rule)."""
    result = CheckResult()
    if plan.get("status") not in {"optimal", "feasible", "infeasible"}:
        result.violations.append(f"status {plan.get('status')!r} is not a known status")
    if plan.get("status") == "infeasible":
        return result
    starts, owner = _routes(instance, plan, result)
    _coverage(instance, plan, owner, result)
    _links(instance, starts, owner, result, distinct_linked_staff)
    _objective(instance, plan, result)
    return result


def evaluate_routes(instance: Instance, plan: dict) -> CheckResult:
    """Only the hard rules and recomputed terms (no comparison with the plan's objective)."""
    result = CheckResult()
    starts, owner = _routes(instance, plan, result)
    _coverage(instance, plan, owner, result)
    _links(instance, starts, owner, result)
    return result


def _routes(instance: Instance, plan: dict, result: CheckResult):  # noqa: C901, PLR0912, PLR0915
    where = {name: i for i, name in enumerate(instance.locations)}
    staff = {s.id: s for s in instance.staff}
    visits = {v.id: v for v in instance.visits}
    travel, distance = instance.travel, instance.distances
    terms = dict.fromkeys(TERMS, 0.0)
    starts: dict[str, float] = {}
    owner: dict[str, str] = {}
    seen_staff = set()
    for route in plan.get("routes", []):
        member = staff.get(route.get("staff"))
        if member is None:
            result.violations.append(f"route of unknown staff {route.get('staff')!r}")
            continue
        if member.id in seen_staff:
            result.violations.append(f"staff {member.id} has two routes")
        seen_staff.add(member.id)
        here, ready, load = where[member.start], member.shift[0], 0.0
        for stop in route.get("visits", []):
            visit = visits.get(stop.get("visit"))
            if visit is None:
                result.violations.append(f"unknown visit {stop.get('visit')!r}")
                continue
            if visit.id in owner:
                result.violations.append(f"visit {visit.id} is planned twice")
            owner[visit.id] = member.id
            begin = stop["start"]
            starts[visit.id] = begin
            there = where[visit.location]
            arrival = ready + travel[here][there]
            terms["travel"] += travel[here][there]
            terms["distance"] += distance[here][there]
            if begin < arrival - TOLERANCE:
                result.violations.append(f"{visit.id} starts {begin} before arrival {arrival}")
            if begin < visit.window[0] - TOLERANCE:
                result.violations.append(f"{visit.id} starts {begin} before its window")
            if visit.window_hard and begin > visit.window[1] + TOLERANCE:
                result.violations.append(f"{visit.id} starts {begin} after its hard window")
            if not visit.window_hard and begin > visit.window[1]:
                late = begin - visit.window[1]
                terms["tardiness"] += late
                terms["max_tardiness"] = max(terms["max_tardiness"], late)
            if not visit.skills <= member.skills:
                result.violations.append(f"{member.id} lacks the skills of {visit.id}")
            if visit.preferred_staff and member.id not in visit.preferred_staff:
                terms["not_preferred"] += 1
            load += visit.demand
            here, ready = there, begin + visit.duration
        arrival = ready + travel[here][where[member.end]]
        terms["travel"] += travel[here][where[member.end]]
        terms["distance"] += distance[here][where[member.end]]
        back = route.get("return")
        if back is None or abs(back - arrival) > TOLERANCE:
            result.violations.append(f"{member.id} returns at {back}, arrives at end at {arrival}")
        if arrival > member.shift[1] + TOLERANCE and instance.weights.overtime <= 0:
            result.violations.append(f"{member.id} returns after the shift end: overtime")
        terms["overtime"] += max(0.0, arrival - member.shift[1])
        if member.capacity > 0 and load > member.capacity + TOLERANCE:
            result.violations.append(f"{member.id} carries {load} > capacity {member.capacity}")
    terms["unassigned"] = len(plan.get("unassigned", []))
    result.terms = terms
    weights = instance.weights.as_dict()
    result.total = sum(weights[name] * terms[name] for name in TERMS)
    return starts, owner


def _coverage(instance: Instance, plan: dict, owner: dict[str, str], result: CheckResult) -> None:
    unassigned = plan.get("unassigned", [])
    if len(set(unassigned)) != len(unassigned):
        result.violations.append("a visit is listed twice as unassigned")
    for visit in instance.visits:
        planned, left = visit.id in owner, visit.id in unassigned
        if planned == left:
            result.violations.append(f"visit {visit.id} is {'both' if planned else 'neither'}"
                                     " planned and unassigned")
    known = {v.id for v in instance.visits}
    for visit_id in unassigned:
        if visit_id not in known:
            result.violations.append(f"unknown unassigned visit {visit_id!r}")


def _links(instance: Instance, starts: dict[str, float], owner: dict[str, str],
           result: CheckResult, distinct_linked_staff: bool = False) -> None:
    for link in instance.links:
        a, b = link.first, link.second
        if (a in starts) != (b in starts):
            result.violations.append(f"link {a}->{b}: only one of the two is planned")
            continue
        if a not in starts:
            continue
        gap = starts[b] - starts[a]
        if gap < link.min_gap - TOLERANCE:
            result.violations.append(f"link {a}->{b}: gap {gap} < {link.min_gap}")
        if link.max_gap is not None and gap > link.max_gap + TOLERANCE:
            result.violations.append(f"link {a}->{b}: gap {gap} > {link.max_gap}")
        two_staff = distinct_linked_staff or (link.min_gap == 0 and link.max_gap == 0)
        if two_staff and owner[a] == owner[b]:
            result.violations.append(f"double visit {a}+{b} by one staff member {owner[a]}")


def _objective(instance: Instance, plan: dict, result: CheckResult) -> None:
    objective = plan.get("objective") or {}
    for name in TERMS:
        stated = objective.get(name)
        if stated is None or abs(stated - result.terms[name]) > TOLERANCE * max(1, abs(stated)):
            recomputed = result.terms[name]
            result.violations.append(f"objective.{name} {stated} != recomputed {recomputed}")
    total = objective.get("total")
    if total is None or abs(total - result.total) > TOLERANCE * max(1.0, abs(result.total)):
        result.violations.append(f"objective.total {total} != recomputed {result.total}")
    bound = plan.get("bound")
    if bound is not None and total is not None and bound > total + TOLERANCE * max(1, abs(total)):
        result.violations.append(f"bound {bound} above the objective {total}")
