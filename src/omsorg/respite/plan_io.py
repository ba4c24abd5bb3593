"""ORM <-> the respite planning engine: the only module that imports ``omsorg.planning.respite``.

The engine sees a frozen :class:`Instance`: the home (beds, closed nights, one-to-one limit), its
children (entitlement from the decision in force, stay lengths, weekdays, family nights), pairs
who must not share a night, and stays to keep. Children are named ``c<placement id>``, the home
``h<home id>``; owners by municipality number.

Day stays (seed 004 §1.2, §1.4): a respite decision in days or hours per period becomes the
child's ``day_entitlement`` (hours divided by the home's day-stay length, rounded up), the
family's blocked and wished days its ``blocked_days`` and ``wished_days``, the home's day places
its ``day_places``, and confirmed day stays ``fixed_day_stays``.
"""

import datetime
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import fields, replace

from omsorg.cases.models import Decision
from omsorg.core.scope import ScopePeriod, ScopeUnit
from omsorg.planning.common.progress import ProgressEvent
from omsorg.planning.respite import (
    Bound,
    Child,
    ChildResult,
    DayEntitlement,
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
from omsorg.respite.rules import (
    DayRow,
    StayRow,
    clip,
    closed_nights,
    day_places_by_date,
    decisions_in_force,
    nights_between,
)

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


def day_entitlement_of(
    decision: Decision, first: datetime.date, last: datetime.date, *, hours_per_day: float
) -> DayEntitlement | None:
    """The decision's scope in days or hours as day stays per period; None otherwise.

    Hours become day stays of ``hours_per_day`` (the home's day-stay length), rounded up: "10
    hours per month" with 4-hour day stays is 3 day stays, the last one shorter, so the child
    gets every hour granted (docs/architecture/respite.md). Periods as for nights.
    """
    scope = decision.scope
    if scope is None or scope.unit not in (ScopeUnit.DAYS, ScopeUnit.HOURS):
        return None
    days = scope.quantity
    if scope.unit == ScopeUnit.HOURS:
        days = math.ceil(scope.quantity / hours_per_day)
    if scope.period in (ScopePeriod.WEEK, ScopePeriod.MONTH):
        return DayEntitlement(days, scope.period.value)
    if scope.period == ScopePeriod.YEAR:
        horizon = (last - first).days + 1
        return DayEntitlement(days * horizon // DAYS_PER_YEAR, "horizon")
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


def _family_dates(rows, attribute: str, horizon: tuple, blocked: set) -> tuple[tuple, tuple]:
    """(blocked, wished) dates of the family's rows inside the horizon; blocked wins."""
    first, last = horizon
    family = {"blocked": set(blocked), "wished": set()}
    for row in rows:
        date = getattr(row, attribute)
        if first <= date <= last:
            family[row.kind].add(date)
    return tuple(sorted(family["blocked"])), tuple(sorted(family["wished"] - family["blocked"]))


def _child(placement, entitlement, horizon: tuple, blocked: set, kept: list, valid=None) -> Child:
    blocked_nights, wished_nights = _family_dates(placement.nights.all(), "night", horizon, blocked)
    return Child(
        id=child_id(placement.pk),
        home=f"h{placement.home_id}",
        entitlement=entitlement,
        stay_nights=_stay_length(placement, kept),
        preferred_weekdays=tuple(d for d in WEEKDAYS if d in placement.preferred_weekdays),
        blocked_nights=blocked_nights,
        wished_nights=wished_nights,
        one_to_one=placement.one_to_one,
        owner=placement.municipality.number,
        valid=valid,
    )


def _engine_stay(home: RespiteHome, row: StayRow) -> EngineStay:
    return EngineStay(child_id(row.placement_id), _home_id(home), row.first_night, row.nights)


def _with_days(child: Child, placement, days, decision, horizon: tuple) -> Child:
    """The child with its day entitlement, and the family's blocked and wished days; dates the
    day decision does not cover are blocked days (the child's ``valid`` is its nights')."""
    first, last = horizon
    outside = set()
    if decision is not None and child.valid != validity_of(decision, first, last):
        covered = validity_of(decision, first, last) or Validity(first, last)
        outside = {d for d in nights_between(first, last) if d not in covered}
    blocked_days, wished_days = _family_dates(placement.days.all(), "date", horizon, outside)
    return replace(child, day_entitlement=days, blocked_days=blocked_days, wished_days=wished_days)


def _children(
    home, first, last, *, kept: list[StayRow], blocked: dict, kept_days: Iterable[DayRow] = ()
) -> list[Child]:
    """Children with a decision in force; children with kept stays but no decision take a
    horizon entitlement of exactly those nights (or days), so their stays hold beds (or day
    places) and break no rule. A child with day stays only is entitled to no night."""
    decisions = decisions_in_force(home, first, last)
    day_decisions = decisions_in_force(home, first, last, days=True)
    kept_by_child: dict[int, list[int]] = defaultdict(list)
    for row in kept:
        kept_by_child[row.placement_id].append(row.nights)
    days_by_child: dict[int, int] = defaultdict(int)
    for day in kept_days:
        days_by_child[day.placement_id] += 1
    placements = home.placements.select_related("municipality").prefetch_related("nights", "days")
    children = []
    for placement in placements.order_by("pk"):
        decision = decisions.get(placement.person_id)
        day_decision = day_decisions.get(placement.person_id)
        entitlement = decision and entitlement_of(decision, first, last)
        days = day_decision and day_entitlement_of(
            day_decision, first, last, hours_per_day=home.day_stay_hours
        )
        if not days and days_by_child.get(placement.pk):
            days, day_decision = DayEntitlement(days_by_child[placement.pk], "horizon"), None
        mine = kept_by_child.get(placement.pk, [])
        extra = set(blocked.get(placement.pk, ()))
        valid = None
        if entitlement:
            valid = validity_of(decision, first, last)
        elif mine:
            entitlement = Entitlement(sum(mine), "horizon")
        elif days:
            entitlement = Entitlement(0, "horizon")
            valid = day_decision and validity_of(day_decision, first, last)
        else:
            continue
        child = _child(placement, entitlement, (first, last), extra, mine, valid)
        if days:
            child = _with_days(child, placement, days, day_decision, (first, last))
        children.append(child)
    return children


def _instance(home, first, last, children, *, fixed=(), previous=(), fixed_days=()) -> Instance:
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
                day_places=home.day_places,
                day_places_by_date=tuple(sorted(day_places_by_date(home, first, last).items())),
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
        fixed_day_stays=tuple(_engine_day_stay(home, row) for row in fixed_days),
    )
    return validate(instance)


def _engine_day_stay(home: RespiteHome, row: DayRow) -> DayStay:
    return DayStay(child_id(row.placement_id), _home_id(home), row.date)


def build_instance(
    home: RespiteHome,
    first: datetime.date,
    last: datetime.date,
    *,
    fixed: Iterable[StayRow] = (),
    previous: Iterable[StayRow] = (),
    blocked: dict[int, set] | None = None,
    fixed_days: Iterable[DayRow] = (),
) -> Instance:
    """The validated instance for ``home`` from night ``first`` to ``last``.

    ``fixed`` stays are kept exactly (confirmed stays, and stays cut by the horizon's edges);
    ``previous`` are planned stays to keep where possible; ``blocked`` adds nights per placement
    that the child cannot stay (next to a stay just outside the horizon); ``fixed_days`` are the
    confirmed day stays, kept exactly.
    """
    fixed, previous, fixed_days = list(fixed), list(previous), list(fixed_days)
    children = _children(home, first, last, kept=fixed, blocked=blocked or {}, kept_days=fixed_days)
    return _instance(
        home, first, last, children, fixed=fixed, previous=previous, fixed_days=fixed_days
    )


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
    days_before: Iterable[DayRow] = (),
    days_after: Iterable[DayRow] | None = None,
) -> list[tuple[str, str]]:
    """Hard-rule violations (rule, message) of the home's stays ``after`` a change that were not
    there ``before``: the engine's independent checker judges every hand-made change.

    Stays are cut to the window [first, last]; comparing with ``before`` leaves out what the cut
    itself breaks (a short remainder at the window's edge), which no change caused. Day stays
    are judged with them (a night on a day stay's date breaks day rule 1); ``days_after`` None:
    the day stays do not change.
    """
    inside_before = [r for r in (clip(row, first, last) for row in before) if r]
    inside_after = [r for r in (clip(row, first, last) for row in after) if r]
    days_before = [d for d in days_before if first <= d.date <= last]
    days_after = days_before if days_after is None else days_after
    days_after = [d for d in days_after if first <= d.date <= last]
    children = _children(home, first, last, kept=inside_before, blocked={}, kept_days=days_before)
    instance = _instance(home, first, last, children)
    known = {child.id for child in children}

    def judged(rows: list[StayRow], day_rows: list[DayRow]) -> set[tuple[str, str]]:
        stays = [_engine_stay(home, row) for row in rows]
        days = [_engine_day_stay(home, row) for row in day_rows]
        found = {
            (v.rule, v.message)
            for v in check_plan(
                instance,
                [s for s in stays if s.child in known],
                [d for d in days if d.child in known],
            )
        }
        # No decision in force and no stay before the change: nothing to plan against.
        return found | {
            ("hard rule 5", f"{s.child}: no decision in force")
            for s in [*stays, *days]
            if s.child not in known
        }

    return sorted(judged(inside_after, days_after) - judged(inside_before, days_before))


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


def plan_day_rows(plan: Plan) -> list[DayRow]:
    """The plan's day stays as rows (none if the plan has no day stays)."""
    return [DayRow(placement_id_of(s.child), s.date) for s in plan.day_stays or ()]
