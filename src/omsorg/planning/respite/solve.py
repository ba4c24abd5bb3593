"""Solve a respite instance: CP-SAT in lexicographic stages, each stage's optimum fixed in turn.

Stage 1 minimises the largest shortfall ratio, stage 2 total shortfall nights with stage 1's
value fixed, stage 3 the remaining terms (wished nights, preferred weekdays, previous stays kept)
as one weighted sum whose weights provably keep their order (see ``tail_weights``). Each stage
starts from the best plan so far as a hint; the first hint is the greedy plan, so a valid plan
exists from the first second. When the time runs out mid-stage, the plan is "feasible" and
``bound`` holds the best proven bounds on the first two terms.
"""

import math
import time
from dataclasses import dataclass
from fractions import Fraction

from omsorg.planning.common.params import SolveParams
from omsorg.planning.common.progress import Progress, ProgressEvent
from omsorg.planning.respite.check import check_plan
from omsorg.planning.respite.greedy import greedy_plan
from omsorg.planning.respite.improve import improve
from omsorg.planning.respite.instance import Instance, validate
from omsorg.planning.respite.model import RespiteModel, build_model
from omsorg.planning.respite.plan import Bound, Plan, StageReport
from omsorg.planning.respite.results import assemble_plan, ratio_of
from omsorg.planning.respite.stage import StageRunner, nights_of_stays

# Share of the time still left that each stage may use. Stage 1 (fairness) gets half, since it is
# the term users judge a plan by; stage 2 most of the rest; stage 3 whatever remains. Time a
# stage does not use rolls over to the next.
# Best-response polishing of the greedy start may use this share of the time limit at most.
START_SHARE = 0.1
STAGE_SHARES = {"max_shortfall_ratio": 0.5, "total_shortfall": 0.6, "preferences": 1.0}


@dataclass(frozen=True)
class RespiteParams(SolveParams):
    """Solve parameters.

    ``greedy_hint``: start from the greedy plan polished by best responses (else from the fixed
    stays alone); ``reasons``: derive a shortfall reason per child (a few DPs per short child).
    """

    greedy_hint: bool = True
    reasons: bool = True


def solve(
    instance: Instance, params: SolveParams | None = None, progress: Progress | None = None
) -> Plan:
    """Plan the stays of ``instance``; ``progress`` hears about each improving solution."""
    params = params if params is not None else RespiteParams()
    began = time.monotonic()
    validate(instance)
    violations = check_plan(instance, instance.fixed_stays)
    if violations:
        # The fixed stays alone break a hard rule: no plan that keeps them can be valid.
        messages = tuple(f"{v.rule}: {v.message}" for v in violations)
        return Plan("infeasible", (), (), None, None, violations=messages)
    model = build_model(instance)
    runner = StageRunner(model, params, progress, began, _start(model, params, began))
    if progress is not None:
        ratio = float(ratio_of(model, {c: len(n) for c, n in runner.incumbent.items()}))
        progress(ProgressEvent("start", ratio, 0.0, time.monotonic() - began))
    stages, bound = _run_stages(runner)
    status = "optimal" if all(stage.status == "optimal" for stage in stages) else "feasible"
    return assemble_plan(
        model,
        runner.incumbent,
        status=status,
        bound=bound,
        stages=tuple(stages),
        wall_time=time.monotonic() - began,
        reasons=getattr(params, "reasons", True),
    )


def _start(model: RespiteModel, params: SolveParams, began: float) -> dict[str, frozenset[int]]:
    """The first plan: greedy, polished by best responses within a small share of the time."""
    if not getattr(params, "greedy_hint", True):
        return nights_of_stays(model, list(model.instance.fixed_stays))
    nights = nights_of_stays(model, greedy_plan(model.instance))
    return improve(model, nights, began + params.time_limit * START_SHARE)


def _run_stages(runner: StageRunner) -> tuple[list[StageReport], Bound]:
    model = runner.model
    terms = model.terms
    stages = []
    ratio_report, ratio_bound = _ratio_stage(runner)
    stages.append(ratio_report)
    total = runner.run(
        "total_shortfall", terms.total_shortfall, minimise=True, share=_share("total_shortfall")
    )
    stages.append(total)
    total_value = _total_shortfall(model, runner.incumbent)
    model.cp.add(terms.total_shortfall <= total_value)
    total_bound = total_value if total.status == "optimal" else _ceil(runner.raw_bound)
    stages.append(_tail_stage(runner))
    return stages, Bound(float(ratio_bound), max(0, total_bound))


def _share(name: str) -> float:
    return STAGE_SHARES[name]


def _ratio_stage(runner: StageRunner) -> tuple[StageReport, Fraction]:
    """Stage 1; afterwards z <= the incumbent's exact scaled ratio is a constraint."""
    model = runner.model
    term = model.terms.ratio
    if term.z is None:  # nobody is entitled to anything: every ratio is 0
        return StageReport("max_shortfall_ratio", "optimal", 0.0, 0.0, 0.0), Fraction(0)
    report = runner.run(
        "max_shortfall_ratio",
        term.z,
        minimise=True,
        share=_share("max_shortfall_ratio"),
        describe=lambda value: float(
            ratio_of(model, {c: value(v) for c, v in model.planned.items()})
        ),
        describe_bound=lambda bound: float(ratio_at_least(model, _ceil(bound))),
        search=ratio_search_objective(model),
    )
    ratio = ratio_of(model, {c: len(n) for c, n in runner.incumbent.items()})
    model.cp.add(term.z <= scaled_ratio(model, runner.incumbent))
    if report.status == "optimal":
        return report, ratio
    return report, ratio_at_least(model, _ceil(runner.raw_bound))


def _tail_stage(runner: StageRunner) -> StageReport:
    """Stage 3: wished nights, then preferred weekdays, then previous stays kept."""
    terms = runner.model.terms
    if terms.wished_max + terms.preferred_max + terms.previous_max == 0:
        return StageReport("preferences", "optimal", 0.0, 0.0, 0.0)
    wished_weight, preferred_weight = tail_weights(terms.preferred_max, terms.previous_max)
    expression = (
        wished_weight * terms.wished + preferred_weight * terms.preferred + terms.previous_kept
    )
    return runner.run("preferences", expression, minimise=False, share=_share("preferences"))


def ratio_search_objective(model: RespiteModel):
    """Stage 1's objective for window search: z first, then total shortfall as a tie-break.

    Total shortfall lies in [0, sum of entitlements], so a weight one above that on z keeps
    z strictly first; the tie-break gives each window a gradient when z cannot move yet.
    """
    weight = sum(model.entitled.values()) + 1
    return weight * model.terms.ratio.z + model.terms.total_shortfall


def tail_weights(preferred_max: int, previous_max: int) -> tuple[int, int]:
    """Weights that keep wished > preferred > previous kept in strict lexicographic order.

    previous kept lies in [0, previous_max], so a weight of previous_max + 1 on preferred nights
    outweighs any change in it; likewise preferred_weight * preferred lies in
    [0, preferred_max * preferred_weight], so wished nights weigh one more than that.
    """
    preferred_weight = previous_max + 1
    wished_weight = preferred_max * preferred_weight + previous_max + 1
    return wished_weight, preferred_weight


def scaled_ratio(model: RespiteModel, nights: dict[str, frozenset[int]]) -> int:
    """The least z with (E - planned) * scale <= z * E for every child: the plan's scaled ratio."""
    scale = model.terms.ratio.scale
    needed = [
        -((len(nights[c]) - entitled) * scale // entitled)  # ceil division, integers only
        for c, entitled in model.entitled.items()
        if entitled > 0
    ]
    return max(needed, default=0)


def ratio_at_least(model: RespiteModel, z_bound: int) -> Fraction:
    """The smallest achievable ratio k/E above (z_bound - 1) / scale: a proven lower bound."""
    term = model.terms.ratio
    if z_bound <= 0:
        return Fraction(0)
    best = Fraction(1)
    for entitled in term.denominators:
        k = (z_bound - 1) * entitled // term.scale + 1
        if k <= entitled:
            best = min(best, Fraction(k, entitled))
    return best


def _total_shortfall(model: RespiteModel, nights: dict[str, frozenset[int]]) -> int:
    return sum(model.entitled[c] - len(nights[c]) for c in model.entitled)


def _ceil(value: float) -> int:
    # Bounds come back as floats; shave rounding noise before rounding up to an integer.
    return math.ceil(value - 1e-6)
