"""Turn the solver's nights into a :class:`Plan`: stays, per-child figures, objective values."""

import datetime as dt
from fractions import Fraction

from omsorg.planning.respite.entitlements import day_caps
from omsorg.planning.respite.instance import DayStay, Stay
from omsorg.planning.respite.model import RespiteModel
from omsorg.planning.respite.objectives import ratio_of
from omsorg.planning.respite.plan import (
    Bound,
    ChildDays,
    ChildResult,
    DayObjective,
    Objective,
    Plan,
    StageReport,
    Summary,
)
from omsorg.planning.respite.reasons import shortfall_reasons

Nights = dict[str, frozenset[int]]


def stays_of(model: RespiteModel, nights: Nights) -> list[Stay]:
    """Runs of consecutive nights, one stay each (the model keeps a night at home between)."""
    stays = []
    for child in model.instance.children:
        run_start, previous = None, None
        for index in sorted(nights[child.id]):
            if previous is None or index != previous + 1:
                if run_start is not None:
                    stays.append(_stay(model, child.id, run_start, previous))
                run_start = index
            previous = index
        if run_start is not None:
            stays.append(_stay(model, child.id, run_start, previous))
    return sorted(stays, key=lambda s: (s.first_night, s.child))


def _stay(model: RespiteModel, child_id: str, first: int, last: int) -> Stay:
    home = model.instance.child(child_id).home
    night = model.instance.start + dt.timedelta(days=first)
    return Stay(child_id, home, night, last - first + 1)


def assemble_plan(
    model: RespiteModel,
    nights: Nights,
    *,
    status: str,
    bound: Bound,
    stages: tuple[StageReport, ...],
    wall_time: float,
    reasons: bool,
    day_stays: tuple[DayStay, ...] | None = None,
) -> Plan:
    """The plan for ``nights`` (and ``day_stays`` when the instance plans day stays); shortfall
    reasons are derived when ``reasons`` is true."""
    stays = tuple(stays_of(model, nights))
    why = shortfall_reasons(model, nights) if reasons else {}
    days = _days(model, day_stays) if day_stays is not None else {}
    children = tuple(
        _child_result(model, child, nights, why.get(child.id, ()), days.get(child.id))
        for child in model.instance.children
    )
    objective = _objective(model, children, stays, day_stays is not None)
    summary = _summary(children, objective, bound, stages)
    return Plan(
        status,
        stays,
        children,
        objective,
        bound,
        stages,
        wall_time=wall_time,
        day_stays=tuple(day_stays or ()),
        summary=summary,
    )


def _summary(
    children: tuple[ChildResult, ...], objective: Objective, bound: Bound, stages
) -> Summary:
    """The plan in plain words: the lowest share of entitlement, and which terms are proven.

    A term is proven when every term before it is and its own value is: objectives 1-2 by the
    proven bound, 3-4 by the preferences stage's optimum, 5-6 by the stays stage's, the day
    terms by the days stage's (optimal for the planned nights).
    """
    shares = [Fraction(c.planned, c.entitled) for c in children if c.entitled > 0]
    status = {stage.name: stage.status for stage in stages}
    ratio = objective.max_shortfall_ratio <= bound.max_shortfall_ratio
    total = ratio and objective.total_shortfall <= bound.total_shortfall
    tail = total and status.get("preferences") == "optimal"
    fewer = tail and status.get("stays") == "optimal"
    proven = {
        "max_shortfall_ratio": ratio,
        "total_shortfall": total,
        "wished_planned": tail,
        "preferred_planned": tail,
        "stays": fewer,
    }
    if objective.previous_not_kept is not None:
        proven["previous_not_kept"] = fewer
    if objective.days is not None:
        proven["days"] = status.get("days") == "optimal"
    return Summary(
        lowest_share=float(min(shares, default=Fraction(1))),
        lowest_share_possible=1.0 - bound.max_shortfall_ratio,
        children_short=sum(1 for c in children if c.shortfall > 0),
        nights_short=objective.total_shortfall,
        proven=proven,
    )


def _days(model: RespiteModel, day_stays: tuple[DayStay, ...]) -> dict[str, ChildDays]:
    """Day figures of each child with a day entitlement."""
    result = {}
    for child in model.instance.children:
        if child.day_entitlement is None:
            continue
        mine = {stay.date for stay in day_stays if stay.child == child.id}
        result[child.id] = ChildDays(
            entitled=sum(cap.entitled for cap in day_caps(model.instance, child)),
            planned=len(mine),
            wished_planned=len(mine & set(child.wished_days)),
        )
    return result


def _child_result(
    model: RespiteModel, child, nights: Nights, reasons: tuple, days: ChildDays | None
) -> ChildResult:
    """One child's figures and the reasons already derived for its shortfall."""
    mine = nights[child.id]
    weekdays = child.preferred_isoweekdays
    return ChildResult(
        child=child.id,
        entitled=model.entitled[child.id],
        planned=len(mine),
        wished_planned=sum(1 for n in set(child.wished_nights) if model.index_of(n) in mine),
        preferred_planned=sum(1 for i in mine if model.nights[i].weekday() in weekdays),
        shortfall_reasons=reasons,
        days=days,
        stays=sum(1 for index in mine if index - 1 not in mine),
    )


def _objective(
    model: RespiteModel, children: tuple[ChildResult, ...], stays, has_days: bool
) -> Objective:
    previous = model.instance.previous_stays
    kept = set(stays)
    days = None
    if has_days:
        figures = [c.days for c in children if c.days is not None]
        ratios = [Fraction(d.entitled - d.planned, d.entitled) for d in figures if d.entitled]
        days = DayObjective(
            max_shortfall_ratio=float(max(ratios, default=Fraction(0))),
            total_shortfall=sum(d.entitled - d.planned for d in figures),
            wished_planned=sum(d.wished_planned for d in figures),
        )
    return Objective(
        max_shortfall_ratio=float(ratio_of(model, {c.child: c.planned for c in children})),
        total_shortfall=sum(c.shortfall for c in children),
        wished_planned=sum(c.wished_planned for c in children),
        preferred_planned=sum(c.preferred_planned for c in children),
        previous_not_kept=sum(1 for s in previous if s not in kept) if previous else None,
        days=days,
        stays=sum(c.stays for c in children),
    )
