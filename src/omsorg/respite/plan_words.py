"""The planner's result and progress in words a leader understands ("every child gets at least
87 % of the nights; no better plan exists"), instead of objective values and bounds.

Pure: takes the engine's typed Plan (read back by plan_io) or the stored progress report.
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from omsorg.core.numbers import number

# A share is shown in whole percent: what every child gets is rounded down (it is "at least"),
# what no plan can beat is rounded up (it is "not more than").
EPSILON = 1e-9


def percent_at_least(share: float) -> int:
    return math.floor(share * 100 + EPSILON)


def percent_at_most(share: float) -> int:
    return math.ceil(share * 100 - EPSILON)


@dataclass(frozen=True)
class PlanWords:
    """What the plan gives, and whether a better one could exist."""

    status: str
    lowest_percent: int  # every child gets at least this share of its nights
    possible_percent: int  # no plan gives every child more than this share
    share_proven: bool  # no plan gives every child a larger share
    nights_short: int
    children_short: int
    nights_short_floor: int  # no plan has fewer nights short in all
    nights_proven: bool
    stays: int
    wished: int
    preferred: int
    previous_not_kept: int | None
    seconds: float


def plan_words(plan) -> PlanWords | None:
    """None for an infeasible plan (it has no objective; its violations say why)."""
    if plan.objective is None:
        return None
    objective, bound, summary = plan.objective, plan.bound, plan.summary
    optimal = plan.status == "optimal"
    lowest = summary.lowest_share if summary else 1 - objective.max_shortfall_ratio
    possible = summary.lowest_share_possible if summary else 1 - bound.max_shortfall_ratio
    proven = summary.proven if summary else {}
    return PlanWords(
        status=plan.status,
        lowest_percent=percent_at_least(lowest),
        possible_percent=percent_at_most(possible),
        share_proven=proven.get("max_shortfall_ratio", optimal),
        nights_short=objective.total_shortfall,
        children_short=summary.children_short if summary else 0,
        nights_short_floor=bound.total_shortfall,
        nights_proven=proven.get("total_shortfall", optimal),
        stays=objective.stays,
        wished=objective.wished_planned,
        preferred=objective.preferred_planned,
        previous_not_kept=objective.previous_not_kept,
        seconds=plan.wall_time,
    )


def _shares(progress: dict) -> str:
    """Stages that improve the fairness: their objective and bound are shortfall ratios."""
    text = _("Every child gets at least %(lowest)s %% of its nights so far") % {
        "lowest": percent_at_least(1 - progress["objective"])
    }
    if progress.get("bound") is not None:
        text += "; " + _("no plan can give every child more than %(most)s %%") % {
            "most": percent_at_most(1 - progress["bound"])
        }
    short = (progress.get("terms") or {}).get("total_shortfall")
    if short is not None:
        short = int(short)
        text += "; " + ngettext(
            "%(count)s night short in all", "%(count)s nights short in all", short
        ) % {"count": short}
    return text + "."


STEPS = {
    "preferences": lambda: _("Fitting the families' wished nights and weekdays."),
    "stays": lambda: _("Joining nights into fewer, longer stays (each stay is a trip)."),
    "days": lambda: _("Planning the day stays."),
}
SHARE_STAGES = ("start", "ideal", "max_shortfall_ratio", "shortfall")


def progress_words(progress: dict) -> str:
    """The latest progress report of a run in words; empty before the first report."""
    stage = progress.get("stage")
    if stage in SHARE_STAGES and progress.get("objective") is not None:
        text = _shares(progress)
    elif stage in STEPS:
        text = STEPS[stage]()
    else:
        return ""
    seconds = progress.get("wall_time") or 0
    return f"{text} " + _("(after %(seconds)s s)") % {"seconds": number(seconds, 1)}
