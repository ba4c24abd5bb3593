"""Solve a respite instance: CP-SAT in lexicographic stages, each stage's optimum fixed in turn.

First a feasibility solve looks for the ideal plan, every child at the most it could have
alone, which is optimal on both shortfall terms (descent.py). Failing that, a binary search of
feasibility solves over the achievable ratios lowers and proves the largest shortfall ratio on
its own (descent.py), and stage 1 then minimises the largest shortfall ratio and then total
shortfall nights, as one weighted sum whose weight provably keeps that order
(``objectives.shortfall_weight``). With both values fixed, stage 2 maximises the remaining terms
(wished nights, then preferred weekdays, weighted in strict order: ``objectives.tail_weight``);
with those fixed, stage 3 minimises the number of stays (fewer, longer stays) and then the
previous stays not kept (``objectives.stays_weight``). The first plan is the greedy one
polished by best responses, so a valid plan exists within the first second; each stage starts
from the best plan so far.
When the time runs out mid-stage, the plan is "feasible" and ``bound`` holds the best proven
bounds on the first two terms.
"""

import dataclasses
import math
import time
from dataclasses import dataclass
from fractions import Fraction

from omsorg.planning.common.params import SolveParams
from omsorg.planning.common.progress import Progress, ProgressEvent
from omsorg.planning.respite.alone import best_alone
from omsorg.planning.respite.check import check_plan
from omsorg.planning.respite.days import plan_days
from omsorg.planning.respite.descent import (
    IDEAL_STAGE,
    ideal_search,
    ratio_search,
    required_at,
    search_report,
)
from omsorg.planning.respite.descent import STAGE as RATIO_STAGE
from omsorg.planning.respite.entitlements import entitled_total
from omsorg.planning.respite.exchange import exchange
from omsorg.planning.respite.floors import (
    counts_floor,
    fits_homes,
    lagrangian_total_floor,
    raise_total_floor,
    ratio_floor,
    total_floor,
)
from omsorg.planning.respite.greedy import greedy_plan
from omsorg.planning.respite.improve import improve
from omsorg.planning.respite.instance import Instance, validate
from omsorg.planning.respite.model import RespiteModel, build_model
from omsorg.planning.respite.night_windows import window_search as night_window_search
from omsorg.planning.respite.nights import NightModel
from omsorg.planning.respite.objectives import (
    ceil_bound,
    counts,
    ratio_at_least,
    ratio_of,
    scaled_ratio,
    shortfall_stage,
    shortfall_weight,
    stays_stage,
    tail_counts,
    tail_expression,
    tail_stage,
    tail_weight,
    total_shortfall,
)
from omsorg.planning.respite.plan import Bound, Plan, StageReport
from omsorg.planning.respite.results import assemble_plan
from omsorg.planning.respite.rules import add_planned_at_least
from omsorg.planning.respite.stage import StageRunner, nights_of_stays

Nights = dict[str, frozenset[int]]

# Best-response polishing of the greedy start may use this share of the time limit at most
# (it usually stops sooner: on the 60-children benchmark it converges in about 0.4 s).
START_SHARE = 0.15
CRUNCH_START_SHARE = 0.02
# Share of the time still left that each stage may use: the shortfall terms, which the leader
# judges a plan by, get most; wishes and weekdays whatever remains (unused time rolls over).
SHORTFALL_SHARE, TAIL_SHARE, STAYS_SHARE = 0.75, 0.5, 1.0
# Share of the time left after the start for the ideal plan (every child at the most it could
# have alone, descent.py): found, it proves objectives 1 and 2 at once. On the 60-children
# benchmark it is found in 9-13 s in most runs but may take over 30 s, while the ratio search
# and the weighted stage (with the per-child requirements of rules.add_planned_at_least) prove
# both terms in 35-43 s on their own; a quarter keeps the fast case and leaves them enough.
IDEAL_SHARE = 0.25
# Share of the time then left for the ratio search (objective 1 alone, descent.py): it settles
# the leading term, so it goes next and gets half.
RATIO_SHARE = 0.5
# Crunch months (the beds cannot hold every child's most, nights.py): shares of the time left
# for the night model's ratio stage, the stay model's ratio search (when the ratio is not yet
# proven) and the night model's total stage; the weighted stage (window search) follows.
NIGHT_RATIO_SHARE, CRUNCH_SEARCH_SHARE, NIGHT_TOTAL_SHARE = 0.5, 0.3, 0.2
# Crunch months: share of the time left for the Lagrangian floor (floors.py: a few DPs per child
# and month, 1-2 s on the benchmark's target size) and for best responses and pair exchanges
# (improve.py, exchange.py) on the ratio stage's plan, which minimised the ratio alone and
# leaves many nights unplanned; both stop sooner when nothing helps.
SPLIT_SHARE, CRUNCH_POLISH_SHARE = 0.05, 0.25
# Crunch months: share of the time left for pair exchanges of the worst-off children on the start
# plan, before any ratio stage. On seed 11 and t100_s21 they reach the proven ratio floor itself
# (1/7, 1/8) in 0.3-0.9 s at load 16, so the night model's ratio stage (8 s idle, 32 s at load
# 10 on seed 11) is skipped and window search starts far sooner; where they stop above the
# floor (t105, t120: 0.3-0.5 s), the ratio stage starts from their plan.
CRUNCH_FIRST_POLISH_SHARE = 0.1
# Crunch months: share of the time left after pair exchanges for window search on the night
# model (night_windows.py: seed 11's exchange plan 28 -> 23 nights short in 45 s offline), which
# improves the total far faster there than the full night-model solve that follows it.
NIGHT_WINDOW_SHARE = 0.8
# Share of the time limit kept for the day stays (days.py) when the instance plans any: the day
# model is small (one Boolean per child and date) and usually solves to optimality in a second.
DAY_SHARE = 0.1
MIN_DAY_SECONDS = 0.2
# Kept back from the stages for the plan's assembly (results.py, _FinishTime): a small share for
# building the result, and REASON_DPS single-child DPs per short child for the shortfall reasons
# (reasons.py uses four to six), timed on REASON_SAMPLE children; FINISH_CAP of the limit at most.
FINISH_SHARE = 0.01
REASON_DPS, REASON_SAMPLE, FINISH_CAP = 6, 3, 0.05


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
    began, cpu_began = time.monotonic(), time.process_time()
    validate(instance)
    violations = check_plan(instance, instance.fixed_stays, instance.fixed_day_stays)
    if violations:
        # The fixed stays alone break a hard rule: no plan that keeps them can be valid.
        messages = tuple(f"{v.rule}: {v.message}" for v in violations)
        return Plan("infeasible", (), (), None, None, violations=messages)
    night_params, nights_instance = params, _nights_instance(instance)
    if instance.has_days:  # keep a share of the time for the day stays
        night_params = dataclasses.replace(params, time_limit=params.time_limit * (1 - DAY_SHARE))
    # The greedy plan first: it needs no model, so a caller has a valid plan within a second.
    use_greedy = getattr(params, "greedy_hint", True)
    stays = greedy_plan(nights_instance) if use_greedy else list(instance.fixed_stays)
    if progress is not None:
        progress(ProgressEvent("start", _ratio_of_stays(instance, stays), 0.0, _since(began)))
    model = build_model(nights_instance)
    finish = _FinishTime(model, params, began, cpu_began)
    start = _start(model, night_params, began, progress, nights_of_stays(model, stays))
    runner = StageRunner(model, night_params, progress, began, start, finish)
    stages, bound = _run_stages(runner)
    day_stays = None
    if instance.has_days:
        keep = finish(runner.incumbent)
        limit = max(MIN_DAY_SECONDS, params.time_limit - keep - _since(began))
        day_stays, report = plan_days(instance, runner.incumbent, limit, params.num_workers, began)
        stages.append(report)
    solved = [stage for stage in stages if stage.name != RATIO_STAGE]
    status = "optimal" if all(stage.status == "optimal" for stage in solved) else "feasible"
    return assemble_plan(
        model,
        runner.incumbent,
        status=status,
        bound=bound,
        stages=tuple(stages),
        wall_time=time.monotonic() - began,
        reasons=getattr(params, "reasons", True),
        day_stays=None if day_stays is None else tuple(day_stays),
    )


class _FinishTime:
    """Seconds the plan's assembly (results.py) will take after the stages, for the plan the
    stages have reached: StageRunner keeps them back, so the engine returns within its limit.

    Shortfall reasons (reasons.py) cost up to REASON_DPS single-child DPs (alone.py) per child
    short of its entitlement; one DP's CPU time is measured on a few children, and scaled by the
    share of a core this process got while it built the model (wall over CPU time; 1 on an idle
    machine, several times that when the machine is shared). Without it a crunch month at load
    16 overran 60 s by 1.7-2.4 s, all of it reasons.
    """

    def __init__(self, model: RespiteModel, params, began: float, cpu_began: float) -> None:
        self.model, self.fixed = model, params.time_limit * FINISH_SHARE
        self.per_child = 0.0
        if getattr(params, "reasons", True) and model.instance.children:
            sample = model.instance.children[:REASON_SAMPLE]
            cpu = time.process_time()
            for child in sample:
                usable = set(model.stay_night[child.id])
                best_alone(child.stay_nights, model.caps[child.id], usable)
            per_dp = (time.process_time() - cpu) / len(sample)
            slowdown = _since(began) / max(time.process_time() - cpu_began, 1e-3)
            self.per_child = per_dp * max(1.0, slowdown) * REASON_DPS
        # At most 5 %: the reasons of a crunch month at load 16 took 2.4 s at most, and with a
        # quarter as the cap t130_s24 returned after 55 s of its 60.
        self.cap = params.time_limit * FINISH_CAP

    def __call__(self, nights: Nights) -> float:
        entitled = self.model.entitled
        short = sum(1 for c, mine in nights.items() if len(mine) < entitled.get(c, 0))
        return min(self.cap, self.fixed + self.per_child * short)


def _nights_instance(instance: Instance) -> Instance:
    """The instance the night model plans: a confirmed day stay's date is no night of the child
    (day rule 1), so it is blocked as a night; without fixed day stays, ``instance`` itself."""
    if not instance.fixed_day_stays:
        return instance
    extra: dict[str, set] = {}
    for stay in instance.fixed_day_stays:
        extra.setdefault(stay.child, set()).add(stay.date)
    children = tuple(
        dataclasses.replace(
            child, blocked_nights=tuple(sorted({*child.blocked_nights, *extra[child.id]}))
        )
        if child.id in extra
        else child
        for child in instance.children
    )
    return dataclasses.replace(instance, children=children)


def _start(model: RespiteModel, params, began: float, progress, nights) -> Nights:
    """The first plan: greedy, polished by best responses within a small share of the time.

    Both are valid plans; ``progress`` hears of each (stage "start"), so a caller has a plan
    to show before CP-SAT has even loaded the model.
    """
    if not getattr(params, "greedy_hint", True):
        return nights
    # In a crunch month the night model (nights.py) does this work far better; on a loaded
    # machine polishing took 9 of the 60 s that its ratio stage needed (t120_s23).
    share = CRUNCH_START_SHARE if crunch(model) else START_SHARE
    polished = improve(model, nights, time.monotonic() + params.time_limit * share)
    if progress is not None:
        ratio = float(ratio_of(model, counts(polished)))
        progress(ProgressEvent("start", ratio, 0.0, _since(began)))
    return polished


def _ratio_of_stays(instance: Instance, stays) -> float:
    planned = {child.id: 0 for child in instance.children}
    for stay in stays:
        planned[stay.child] += stay.nights
    ratios = [
        (entitled - planned[child.id]) / entitled
        for child in instance.children
        if (entitled := entitled_total(instance, child)) > 0
    ]
    return max(ratios, default=0.0)


def _since(began: float) -> float:
    return time.monotonic() - began


def _run_stages(runner: StageRunner) -> tuple[list[StageReport], Bound]:
    """Objectives 1-2 (the ideal plan, else the ratio search and a weighted stage), then 3-4
    (wishes, weekdays), then 5-6 (fewer stays, previous stays kept); each stage's best values
    become constraints before the next, so a later stage never worsens an earlier term."""
    model = runner.model
    terms = model.terms
    if terms.ratio.z is None:  # nobody is entitled to anything: both shortfall terms are 0
        first = StageReport("shortfall", "optimal", 0.0, 0.0, time.monotonic() - runner.began)
        stages, bound = [first], Bound(0.0, 0)
    else:
        stages, bound = _shortfall_stages(runner)
        planned = counts(runner.incumbent)
        model.cp.add(terms.ratio.z <= scaled_ratio(model, planned))
        model.cp.add(terms.total_shortfall <= total_shortfall(model, planned))
    if terms.wished_max + terms.preferred_max == 0:
        tail = StageReport("preferences", "optimal", 0.0, 0.0, time.monotonic() - runner.began)
    else:
        tail = runner.run(tail_stage(model, TAIL_SHARE))
        wished, preferred, _ = tail_counts(model, runner.incumbent)
        model.cp.add(
            tail_expression(model) >= tail_weight(terms.preferred_max) * wished + preferred
        )
    least = required_at(model, ratio_of(model, counts(runner.incumbent)))
    spec = stays_stage(model, STAYS_SHARE, least)
    # Stated, the floor lets CP-SAT stop once a plan reaches it (its LP sees less).
    model.cp.add(spec.expression >= spec.known_bound)
    fewer = runner.run(spec)
    return [*stages, tail, fewer], bound


def _shortfall_stages(runner: StageRunner) -> tuple[list[StageReport], Bound]:
    """Objectives 1 and 2: the ideal plan proves both at once (descent.py); failing that, the
    ratio search settles objective 1 and a weighted stage of both works on objective 2.

    The ratio search is listed among the stages for its time to proof; the weighted stage's
    optimum settles objective 1 as well, so the plan's status follows that stage.
    """
    model = runner.model
    if ideal_search(runner, runner.remaining() * IDEAL_SHARE):
        planned = counts(runner.incumbent)
        ratio = float(ratio_of(model, planned))
        wall = time.monotonic() - runner.began
        ideal = StageReport(IDEAL_STAGE, "optimal", ratio, ratio, wall)
        return [ideal], Bound(ratio, total_shortfall(model, planned))
    if crunch(model):
        proven = _crunch_shortfall(runner)
    else:
        proven = ratio_search(runner, time.monotonic() + runner.remaining() * RATIO_SHARE)
    search = search_report(runner, proven)
    # The lexicographic optimum has z no larger than the best plan's: a valid restriction
    # that leaves the weighted stage mostly total shortfall to work on. Every plan has both
    # terms at least their proven bounds; stated, they let CP-SAT stop once a plan reaches them.
    terms = model.terms
    best = ratio_of(model, counts(runner.incumbent))
    model.cp.add(terms.ratio.z <= scaled_ratio(model, counts(runner.incumbent)))
    add_planned_at_least(model, model.cp, required_at(model, best))  # z's bound, per child
    model.cp.add(terms.ratio.z >= math.ceil(proven * terms.ratio.scale))
    model.cp.add(terms.total_shortfall >= total_floor(model))
    first = runner.run(shortfall_stage(model, SHORTFALL_SHARE))
    return [search, first], _shortfall_bound(model, runner, first.status == "optimal", proven)


def crunch(model: RespiteModel) -> bool:
    """A crunch month: the beds cannot hold every child's most (``floors.fits_homes``)."""
    return not fits_homes(model, counts_floor(model))


def _crunch_shortfall(runner: StageRunner) -> Fraction:
    """Objectives 1 and 2 when the beds cannot hold every child's most (nights.py): first the
    Lagrangian floor on total shortfall (floors.py); pair exchanges of the worst-off children
    (exchange.py), which on seed 11 and t100 reach the proven ratio floor in under a second, so
    no ratio stage is needed; otherwise the night model's ratio stage and, when that does not
    prove the ratio, the stay model's ratio search from its best plan (on r60_6m_10b_over it
    found and proved 0.2 where the night model stopped at 0.25); best responses and pair
    exchanges of every short child (improve.py, exchange.py: the ratio stage leaves many nights
    unplanned, and CP-SAT recovers them slowly on a loaded machine); window search on the night
    model (night_windows.py: windows of nights re-planned with the rest fixed and the ratio
    held, kept only when better and checked); then the night model's total stage with the best
    ratio held. Returns the proven bound on objective 1; the total stage's bound becomes the
    floor on objective 2 (it holds for the lexicographic optimum, whose ratio is no larger than
    the one held)."""
    model = runner.model
    lagrangian_total_floor(model, time.monotonic() + runner.remaining() * SPLIT_SHARE)
    night = NightModel(runner)
    deadline = time.monotonic() + runner.remaining() * CRUNCH_FIRST_POLISH_SHARE
    polished = exchange(model, runner.incumbent, deadline, worst_only=True)
    proven = ratio_floor(model)
    if ratio_of(model, counts(polished)) <= proven:
        runner.incumbent = polished
        night.offer(polished)
    else:  # not yet at the floor: the ratio stage, hinted with the start plan as before
        optimal, z_bound = night.minimise_ratio(runner.remaining() * NIGHT_RATIO_SHARE)
        proven = max(proven, ratio_at_least(model, z_bound))
        if optimal:
            proven = max(proven, ratio_of(model, counts(runner.incumbent)))
        else:  # the stay model's ratio search, from the night model's best plan
            deadline = time.monotonic() + runner.remaining() * CRUNCH_SEARCH_SHARE
            proven = max(proven, ratio_search(runner, deadline))
        # With the exchanged plan as its hint, t130_s24 ended above its ratio 0.25 in 2 of 3
        # runs at load 16 (1 of 3 before); the better of the two plans goes on.
        if _better(model, polished, runner.incumbent):
            runner.incumbent = polished
    # Neither takes the ratio up; total shortfall drops (seed 11: 117 -> 54 -> 28 nights).
    deadline = time.monotonic() + runner.remaining() * CRUNCH_POLISH_SHARE
    runner.incumbent = exchange(model, improve(model, runner.incumbent, deadline), deadline)
    night.offer(runner.incumbent)
    deadline = time.monotonic() + runner.remaining() * NIGHT_WINDOW_SHARE
    night_window_search(night, deadline, runner.params.seed)
    _, total_bound = night.minimise_total(runner.remaining() * NIGHT_TOTAL_SHARE)
    raise_total_floor(model, total_bound)
    return proven


def _better(model: RespiteModel, nights: Nights, than: Nights) -> bool:
    """Whether ``nights`` is lexicographically better on (ratio, total shortfall)."""
    mine, other = counts(nights), counts(than)
    return (ratio_of(model, mine), total_shortfall(model, mine)) < (
        ratio_of(model, other),
        total_shortfall(model, other),
    )


def _shortfall_bound(
    model: RespiteModel, runner: StageRunner, optimal: bool, proven: Fraction
) -> Bound:
    """Proven bounds on objectives 1 and 2 from the weighted stage's bound B.

    Any plan has weight * z + total >= B with 0 <= total < weight, so z >= floor(B / weight).
    The lexicographic optimum has z no larger than the best plan's z, so its total is at least
    B - weight * (best plan's z). Neither is ever below the floors of floors.py, and the ratio
    never below what the ratio search (descent.py) proved.
    """
    planned = counts(runner.incumbent)
    if optimal:
        return Bound(float(ratio_of(model, planned)), total_shortfall(model, planned))
    weight = shortfall_weight(model)
    raw = max(0, ceil_bound(runner.raw_bound))
    ratio = max(ratio_at_least(model, raw // weight), ratio_floor(model), proven)
    total = max(total_floor(model), raw - weight * scaled_ratio(model, planned))
    return Bound(float(ratio), total)
