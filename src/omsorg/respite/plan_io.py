"""ORM <-> the respite planning engine: the only module that imports ``omsorg.planning.respite``.

The engine sees a frozen :class:`Instance`: the home (beds, closed nights, one-to-one limit), its
children (entitlement from the decision in force, stay lengths, weekdays, family nights), pairs
who must not share a night, and stays to keep. Children are named ``c<placement id>``, the home
``h<home id>``; owners by municipality number.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from omsorg.cases.models import Decision
from omsorg.core.scope import ScopePeriod, ScopeUnit
from omsorg.planning.common.progress import ProgressEvent
from omsorg.planning.respite import (
    Child,
    Entitlement,
    Home,
    Instance,
    RespiteParams,
    StayLength,
    Validity,
    check_plan,
    instance_to_dict,
    solve,
    validate,
)
from omsorg.planning.respite import Stay as EngineStay
from omsorg.respite.models import WEEKDAYS, Incompatibility, Placement, RespiteHome

RESPITE_SERVICE = "respite_home"
ONE_DAY = datetime.timedelta(days=1)
DAYS_PER_YEAR = 365


@dataclass(frozen=True)
class StayRow:
    """A stay as plan_io passes it both ways: which placement, from which night, how long."""

    placement_id: int
    first_night: datetime.date
    nights: int

    @property
    def last_night(self) -> datetime.date:
        return self.first_night + datetime.timedelta(days=self.nights - 1)


def child_id(placement_id: int) -> str:
    return f"c{placement_id}"


def placement_id_of(child: str) -> int:
    return int(child[1:])


def _home_id(home: RespiteHome) -> str:
    return f"h{home.pk}"


def _nights(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]


def entitlement_of(decision: Decision, first: datetime.date, last: datetime.date):
    """The decision's scope as the engine's entitlement; None if it is not in nights per period.

    The engine counts per ISO week, calendar month or the whole horizon; "per year" becomes the
    horizon's prorated share of the year, rounded down like the engine's own prorating.
    """
    scope = decision.scope
    if scope is None or scope.unit != ScopeUnit.NIGHTS:
        return None
    if scope.period in (ScopePeriod.WEEK, ScopePeriod.MONTH):
        return Entitlement(scope.quantity, scope.period.value)
    if scope.period == ScopePeriod.YEAR:
        horizon = (last - first).days + 1
        return Entitlement(scope.quantity * horizon // DAYS_PER_YEAR, "horizon")
    return None


def decisions_in_force(
    home: RespiteHome, first: datetime.date, last: datetime.date
) -> dict[int, Decision]:
    """Per person id, the respite-home decision for this home in force in the period (newest)."""
    rows = Decision.objects.in_force(first, last).filter(
        unit_id=home.unit_id, service_type__code=RESPITE_SERVICE
    )
    return {d.person_id: d for d in rows.order_by("valid_from", "pk")}


def closed_nights(home: RespiteHome, first: datetime.date, last: datetime.date) -> set:
    """Closures (holidays, summer) and the weekdays the home is not staffed."""
    closed = set()
    for closure in home.closures.filter(first_night__lte=last, last_night__gte=first):
        closed.update(_nights(max(first, closure.first_night), min(last, closure.last_night)))
    staffed = set(home.staffed_weekdays)
    closed.update(n for n in _nights(first, last) if WEEKDAYS[n.weekday()] not in staffed)
    return closed


def validity_of(decision, first: datetime.date, last: datetime.date) -> Validity | None:
    """The nights of the horizon the decision covers, when it starts or ends inside it: the
    engine then plans no night outside and prorates the entitlement to the part covered."""
    covered_first = max(first, decision.valid_from or first)
    covered_last = min(last, decision.valid_to or last)
    if (covered_first, covered_last) == (first, last):
        return None
    return Validity(covered_first, covered_last)


def _stay_length(placement: Placement, kept: list) -> StayLength:
    """The placement's stay lengths, widened to fit its kept stays: a stay cut by the horizon,
    or confirmed before the limits changed, must not make the plan infeasible."""
    low = min([placement.min_nights, *kept])
    return StayLength(max(1, low), max([placement.max_nights, *kept]))


def _child(placement, entitlement, horizon: tuple, blocked: set, kept: list, valid=None) -> Child:
    first, last = horizon
    family = {"blocked": set(blocked), "wished": set()}
    for night in placement.nights.all():
        if first <= night.night <= last:
            family[night.kind].add(night.night)
    return Child(
        id=child_id(placement.pk),
        home=f"h{placement.home_id}",
        entitlement=entitlement,
        stay_nights=_stay_length(placement, kept),
        preferred_weekdays=tuple(d for d in WEEKDAYS if d in placement.preferred_weekdays),
        blocked_nights=tuple(sorted(family["blocked"])),
        wished_nights=tuple(sorted(family["wished"] - family["blocked"])),
        one_to_one=placement.one_to_one,
        owner=placement.municipality.number,
        valid=valid,
    )


def _engine_stay(home: RespiteHome, row: StayRow) -> EngineStay:
    return EngineStay(child_id(row.placement_id), _home_id(home), row.first_night, row.nights)


def _children(home, first, last, *, kept: list[StayRow], blocked: dict) -> list[Child]:
    """Children with a decision in force; children with kept stays but no decision take a
    horizon entitlement of exactly those nights, so their stays hold beds and break no rule."""
    decisions = decisions_in_force(home, first, last)
    kept_by_child: dict[int, list[int]] = defaultdict(list)
    for row in kept:
        kept_by_child[row.placement_id].append(row.nights)
    placements = home.placements.select_related("municipality").prefetch_related("nights")
    children = []
    for placement in placements.order_by("pk"):
        decision = decisions.get(placement.person_id)
        entitlement = decision and entitlement_of(decision, first, last)
        mine = kept_by_child.get(placement.pk, [])
        extra = set(blocked.get(placement.pk, ()))
        valid = None
        if entitlement:
            valid = validity_of(decision, first, last)
        elif mine:
            entitlement = Entitlement(sum(mine), "horizon")
        else:
            continue
        children.append(_child(placement, entitlement, (first, last), extra, mine, valid))
    return children


def _instance(home, first, last, children, *, fixed=(), previous=()) -> Instance:
    known = {child.id for child in children}
    pairs = Incompatibility.objects.filter(home=home).values_list("first_id", "second_id")
    instance = Instance(
        start=first,
        end=last,
        homes=(
            Home(
                id=_home_id(home),
                beds=home.beds,
                closed_nights=tuple(sorted(closed_nights(home, first, last))),
                max_one_to_one_per_night=home.max_one_to_one_per_night,
            ),
        ),
        children=tuple(children),
        incompatible=tuple(
            (child_id(a), child_id(b))
            for a, b in pairs
            if child_id(a) in known and child_id(b) in known
        ),
        fixed_stays=tuple(_engine_stay(home, row) for row in fixed),
        previous_stays=tuple(
            _engine_stay(home, row) for row in previous if child_id(row.placement_id) in known
        ),
    )
    return validate(instance)


def build_instance(
    home: RespiteHome,
    first: datetime.date,
    last: datetime.date,
    *,
    fixed: Iterable[StayRow] = (),
    previous: Iterable[StayRow] = (),
    blocked: dict[int, set] | None = None,
) -> Instance:
    """The validated instance for ``home`` from night ``first`` to ``last``.

    ``fixed`` stays are kept exactly (confirmed stays, and stays cut by the horizon's edges);
    ``previous`` are planned stays to keep where possible; ``blocked`` adds nights per placement
    that the child cannot stay (next to a stay just outside the horizon).
    """
    fixed, previous = list(fixed), list(previous)
    children = _children(home, first, last, kept=fixed, blocked=blocked or {})
    return _instance(home, first, last, children, fixed=fixed, previous=previous)


def instance_json(instance: Instance) -> dict:
    return instance_to_dict(instance)


def run_engine(
    instance: Instance, *, time_limit: float, on_progress: Callable[[dict], None]
) -> dict:
    """Solve; report each improving solution to ``on_progress``; the plan as JSON."""

    def report(event: ProgressEvent) -> None:
        on_progress(
            {
                "stage": event.stage,
                "objective": event.objective,
                "bound": event.bound,
                "wall_time": round(event.wall_time, 2),
            }
        )

    plan = solve(instance, RespiteParams(time_limit=float(time_limit)), report)
    return plan.to_dict()


def plan_rows(result: dict) -> list[StayRow]:
    """The stays of a plan's JSON as rows."""
    return [
        StayRow(
            placement_id_of(stay["child"]),
            datetime.date.fromisoformat(stay["first_night"]),
            stay["nights"],
        )
        for stay in result.get("stays", ())
    ]


def clip(row: StayRow, first: datetime.date, last: datetime.date) -> StayRow | None:
    """The part of a stay inside [first, last], or None if it lies outside."""
    start, end = max(first, row.first_night), min(last, row.last_night)
    if end < start:
        return None
    return StayRow(row.placement_id, start, (end - start).days + 1)


def new_violations(
    home: RespiteHome,
    first: datetime.date,
    last: datetime.date,
    *,
    before: list[StayRow],
    after: list[StayRow],
) -> list[tuple[str, str]]:
    """Hard-rule violations (rule, message) of the home's stays ``after`` a change that were not
    there ``before``: the engine's independent checker judges every hand-made change.

    Stays are cut to the window [first, last]; comparing with ``before`` leaves out what the cut
    itself breaks (a short remainder at the window's edge), which no change caused.
    """
    inside_before = [r for r in (clip(row, first, last) for row in before) if r]
    inside_after = [r for r in (clip(row, first, last) for row in after) if r]
    children = _children(home, first, last, kept=inside_before, blocked={})
    instance = _instance(home, first, last, children)
    known = {child.id for child in children}

    def judged(rows: list[StayRow]) -> set[tuple[str, str]]:
        stays = [_engine_stay(home, row) for row in rows]
        found = {
            (v.rule, v.message)
            for v in check_plan(instance, [s for s in stays if s.child in known])
        }
        # No decision in force and no stay before the change: nothing to plan against.
        return found | {
            ("hard rule 5", f"{s.child}: no decision in force")
            for s in stays
            if s.child not in known
        }

    return sorted(judged(inside_after) - judged(inside_before))


def edge_blocked(rows: Iterable[StayRow], first: datetime.date, last: datetime.date) -> dict:
    """Per placement, the horizon's edge night next to a stay just outside it (a night at home
    between two stays, hard rule 1, which the engine cannot see across its horizon)."""
    blocked: dict[int, set] = defaultdict(set)
    for row in rows:
        if row.last_night == first - ONE_DAY:
            blocked[row.placement_id].add(first)
        if row.first_night == last + ONE_DAY:
            blocked[row.placement_id].add(last)
    return blocked


def placements_for(home: RespiteHome, ids: Iterable[int]) -> dict[int, Placement]:
    return {p.pk: p for p in home.placements.filter(pk__in=set(ids)).select_related("person")}
