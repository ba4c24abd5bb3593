"""ORM <-> the respite planning engine: the only module that imports ``omsorg.planning.respite``.

The engine sees a frozen :class:`Instance`: the home (beds, closed nights, one-to-one limit), its
children (entitlement from the decision in force, stay lengths, weekdays, family nights), pairs
who must not share a night, and stays to keep. Children are named ``c<placement id>``, the home
``h<home id>``; owners by municipality number.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import fields

from omsorg.cases.models import Decision
from omsorg.core.scope import ScopePeriod, ScopeUnit
from omsorg.planning.common.progress import ProgressEvent
from omsorg.planning.respite import (
    Bound,
    Child,
    ChildResult,
    DayStay,
    Entitlement,
    Home,
    Instance,
    Objective,
    Plan,
    RespiteParams,
    StageReport,
    StayLength,
    Validity,
    check_plan,
    instance_to_dict,
    solve,
    validate,
)
from omsorg.planning.respite import Stay as EngineStay
from omsorg.planning.respite.plan import ChildDays, DayObjective, Summary
from omsorg.respite.models import WEEKDAYS, Incompatibility, Placement, RespiteHome
from omsorg.respite.rules import StayRow, clip, closed_nights, decisions_in_force

DAYS_PER_YEAR = 365


def child_id(placement_id: int) -> str:
    return f"c{placement_id}"


def placement_id_of(child: str) -> int:
    return int(child[1:])


def _home_id(home: RespiteHome) -> str:
    return f"h{home.pk}"


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
) -> Plan:
    """Solve; report each improving solution to ``on_progress``; the typed plan."""

    def report(event: ProgressEvent) -> None:
        on_progress(
            {
                "stage": event.stage,
                "objective": event.objective,
                "bound": event.bound,
                "wall_time": round(event.wall_time, 2),
                "terms": dict(event.terms),
            }
        )

    return solve(instance, RespiteParams(time_limit=float(time_limit)), report)


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


def placements_for(home: RespiteHome, ids: Iterable[int]) -> dict[int, Placement]:
    return {p.pk: p for p in home.placements.filter(pk__in=set(ids)).select_related("person")}


def _typed(cls, data: dict, **given):
    """``cls`` from the keys of ``data`` that are its fields (the JSON may carry more)."""
    names = {f.name for f in fields(cls)} - set(given)
    return cls(**{name: data[name] for name in names if name in data}, **given)


def _child_result(child: str, data: dict) -> ChildResult:
    days = None
    if "days_entitled" in data:
        days = ChildDays(data["days_entitled"], data["days_planned"], data["days_wished_planned"])
    return _typed(
        ChildResult,
        data,
        child=child,
        shortfall_reasons=tuple(data.get("shortfall_reasons", ())),
        days=days,
    )


def _objective(data: dict | None) -> Objective | None:
    if data is None:
        return None
    days = None
    if "day_max_shortfall_ratio" in data:
        days = DayObjective(
            data["day_max_shortfall_ratio"],
            data["day_total_shortfall"],
            data["day_wished_planned"],
        )
    return _typed(Objective, data, days=days)


def plan_of(result: dict) -> Plan:
    """A stored plan (``Plan.to_dict()``) read back as the engine's typed :class:`Plan`."""
    date = datetime.date.fromisoformat
    summary = result.get("summary")
    return Plan(
        status=result["status"],
        stays=tuple(
            EngineStay(s["child"], s["home"], date(s["first_night"]), s["nights"])
            for s in result.get("stays", ())
        ),
        children=tuple(
            _child_result(child, data) for child, data in result.get("children", {}).items()
        ),
        objective=_objective(result.get("objective")),
        bound=result.get("bound") and _typed(Bound, result["bound"]),
        stages=tuple(_typed(StageReport, stage) for stage in result.get("stages", ())),
        violations=tuple(result.get("violations", ())),
        wall_time=result.get("wall_time", 0.0),
        day_stays=tuple(
            DayStay(s["child"], s["home"], date(s["date"])) for s in result.get("day_stays", ())
        ),
        summary=summary and _typed(Summary, summary),
    )


def plan_rows(plan: Plan) -> list[StayRow]:
    """The plan's stays as rows."""
    return [StayRow(placement_id_of(s.child), s.first_night, s.nights) for s in plan.stays]
