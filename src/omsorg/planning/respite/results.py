"""Turn the solver's nights into a :class:`Plan`: stays, per-child figures, objective values."""

import datetime as dt

from omsorg.planning.respite.instance import Stay
from omsorg.planning.respite.model import RespiteModel
from omsorg.planning.respite.objectives import ratio_of
from omsorg.planning.respite.plan import Bound, ChildResult, Objective, Plan, StageReport
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
) -> Plan:
    """The plan for ``nights``; shortfall reasons are derived when ``reasons`` is true."""
    stays = tuple(stays_of(model, nights))
    why = shortfall_reasons(model, nights) if reasons else {}
    children = tuple(
        _child_result(model, child, nights, why.get(child.id, ()))
        for child in model.instance.children
    )
    objective = _objective(model, children, stays)
    return Plan(status, stays, children, objective, bound, stages, wall_time=wall_time)


def _child_result(model: RespiteModel, child, nights: Nights, reasons: tuple) -> ChildResult:
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
    )


def _objective(model: RespiteModel, children: tuple[ChildResult, ...], stays) -> Objective:
    previous = model.instance.previous_stays
    kept = set(stays)
    return Objective(
        max_shortfall_ratio=float(ratio_of(model, {c.child: c.planned for c in children})),
        total_shortfall=sum(c.shortfall for c in children),
        wished_planned=sum(c.wished_planned for c in children),
        preferred_planned=sum(c.preferred_planned for c in children),
        previous_not_kept=sum(1 for s in previous if s not in kept) if previous else None,
    )
