"""The result of a respite solve: a frozen, validated :class:`Plan` with ``to_dict()``."""

from dataclasses import dataclass

from omsorg.planning.respite.instance import DayStay, Stay

STATUSES = ("optimal", "feasible", "infeasible")

# The stages a solve reports progress from and lists in ``Plan.stages``, in the order they run:
# the first plan (greedy), the ideal plan, the ratio search, the weighted shortfall stage, and
# wishes/weekdays/previous stays. A caller labels them for its users by these names.
# "stays" makes fewer, longer stays after the wishes and weekdays (objective 5); "days" plans the
# day stays after every night term (only for instances with day stays).
STAGE_NAMES = (
    "start",
    "ideal",
    "max_shortfall_ratio",
    "shortfall",
    "preferences",
    "stays",
    "days",
)

# Shortfall reason codes shown next to a child's entitled vs planned nights (reasons.py).
REASON_CODES = (
    "stay_length",  # the child's stay lengths and period caps alone cannot reach the entitlement
    "closed_nights",  # nights the home is closed cost the child nights
    "blocked_nights",  # the family's blocked nights cost the child nights
    "capacity",  # beds were full on nights the child could have used
    "one_to_one_limit",  # the home's one-to-one staffing limit was reached on such nights
    "incompatibility",  # an incompatible child stayed on such nights
    "fixed_stays",  # the child's own confirmed stays leave no room for a better pattern
    "time_limit",  # the solver stopped before it could improve this child further
)


@dataclass(frozen=True)
class ChildDays:
    """A child's day stays: entitled, planned and wished days planned."""

    entitled: int
    planned: int
    wished_planned: int

    def to_dict(self) -> dict:
        return {
            "days_entitled": self.entitled,
            "days_planned": self.planned,
            "days_shortfall": self.entitled - self.planned,
            "days_wished_planned": self.wished_planned,
        }


@dataclass(frozen=True)
class ChildResult:
    child: str
    entitled: int
    planned: int
    wished_planned: int
    preferred_planned: int
    shortfall_reasons: tuple[str, ...] = ()
    days: ChildDays | None = None  # only for a child with a day entitlement
    stays: int = 0  # the child's stays (objective 5: each is a trip for the family)

    @property
    def shortfall(self) -> int:
        return self.entitled - self.planned

    def to_dict(self) -> dict:
        data = {
            "entitled": self.entitled,
            "planned": self.planned,
            "shortfall": self.shortfall,
            "wished_planned": self.wished_planned,
            "preferred_planned": self.preferred_planned,
            "shortfall_reasons": list(self.shortfall_reasons),
            "stays": self.stays,
        }
        if self.days is not None:
            data.update(self.days.to_dict())
        return data


@dataclass(frozen=True)
class DayObjective:
    """The day stays' terms, after every night term (days.py)."""

    max_shortfall_ratio: float
    total_shortfall: int
    wished_planned: int

    def to_dict(self) -> dict:
        return {
            "day_max_shortfall_ratio": self.max_shortfall_ratio,
            "day_total_shortfall": self.total_shortfall,
            "day_wished_planned": self.wished_planned,
        }


@dataclass(frozen=True)
class Objective:
    max_shortfall_ratio: float
    total_shortfall: int
    wished_planned: int
    preferred_planned: int
    previous_not_kept: int | None = None  # only when re-planning with previous stays
    days: DayObjective | None = None  # only when the instance plans day stays
    stays: int = 0  # objective 5, after the four above: stays in all (fewer is better)

    def to_dict(self) -> dict:
        data = {
            "max_shortfall_ratio": self.max_shortfall_ratio,
            "total_shortfall": self.total_shortfall,
            "wished_planned": self.wished_planned,
            "preferred_planned": self.preferred_planned,
            "stays": self.stays,
        }
        if self.previous_not_kept is not None:
            data["previous_not_kept"] = self.previous_not_kept
        if self.days is not None:
            data.update(self.days.to_dict())
        return data


@dataclass(frozen=True)
class Bound:
    """Best proven lower bounds on the first two objective terms."""

    max_shortfall_ratio: float
    total_shortfall: int

    def to_dict(self) -> dict:
        return {
            "max_shortfall_ratio": self.max_shortfall_ratio,
            "total_shortfall": self.total_shortfall,
        }


@dataclass(frozen=True)
class Summary:
    """What a plan means in plain words ("every child gets at least 87 % of the entitlement; no
    better plan exists"), so a caller need not derive it from the objective and the bounds.

    ``lowest_share``: the smallest planned / entitled nights over children entitled to any
    (1.0 when none is); ``lowest_share_possible``: proven, no plan gives every child more than
    this share (1 - the bound on objective 1); ``proven``: per objective term, whether the plan's
    value is proven optimal in the lexicographic order (a term is proven only when every term
    before it is).
    """

    lowest_share: float
    lowest_share_possible: float
    children_short: int
    nights_short: int
    proven: dict[str, bool]

    def to_dict(self) -> dict:
        return {
            "lowest_share": self.lowest_share,
            "lowest_share_possible": self.lowest_share_possible,
            "children_short": self.children_short,
            "nights_short": self.nights_short,
            "proven": dict(self.proven),
        }


@dataclass(frozen=True)
class StageReport:
    """One stage of the lexicographic solve: what it optimised, how far it got, how long."""

    name: str
    status: str  # "optimal", "feasible" (time ran out) or "skipped" (no time left)
    objective: float | None  # None when the stage found no solution of its own
    bound: float | None
    wall_time: float  # seconds since the solve began, at the end of the stage

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "status": self.status,
            "objective": self.objective,
            "bound": self.bound,
            "wall_time": round(self.wall_time, 3),
        }


@dataclass(frozen=True)
class Plan:
    """Stays, per-child figures, objective and bounds; ``violations`` explain "infeasible"."""

    status: str
    stays: tuple[Stay, ...]
    children: tuple[ChildResult, ...]
    objective: Objective | None
    bound: Bound | None
    stages: tuple[StageReport, ...] = ()
    violations: tuple[str, ...] = ()
    wall_time: float = 0.0
    day_stays: tuple[DayStay, ...] = ()
    summary: Summary | None = None  # None for an infeasible instance

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")
        if (self.status == "infeasible") != (self.objective is None):
            raise ValueError("an infeasible plan has no objective; any other plan has one")
        unknown = {r for c in self.children for r in c.shortfall_reasons} - set(REASON_CODES)
        if unknown:
            raise ValueError(f"unknown shortfall reasons {sorted(unknown)}")

    def child(self, child_id: str) -> ChildResult:
        return next(result for result in self.children if result.child == child_id)

    def to_dict(self) -> dict:
        data = {
            "status": self.status,
            "stays": [stay.to_dict() for stay in self.stays],
            "children": {result.child: result.to_dict() for result in self.children},
            "objective": None if self.objective is None else self.objective.to_dict(),
            "bound": None if self.bound is None else self.bound.to_dict(),
            "stages": [stage.to_dict() for stage in self.stages],
            "wall_time": round(self.wall_time, 3),
        }
        if self.violations:
            data["violations"] = list(self.violations)
        if self.objective is not None and self.objective.days is not None:
            data["day_stays"] = [stay.to_dict() for stay in self.day_stays]
        if self.summary is not None:
            data["summary"] = self.summary.to_dict()
        return data
