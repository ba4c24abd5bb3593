"""An independent checker of respite plans: every hard rule, and the objective values.

Written without the model code (no CP-SAT, no ``entitlements.py``, no ``common.periods``): it
walks the plan's nights day by day and counts, so a modelling error and a checking error are
unlikely to coincide. Tests run it on every plan they make; ``solve`` runs it on fixed stays.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from fractions import Fraction

from omsorg.planning.respite.check_days import DayEvaluation, check_days, evaluate_days
from omsorg.planning.respite.check_periods import entitled_by_period, period_key
from omsorg.planning.respite.instance import Child, DayStay, Instance, Stay

# Written out again rather than imported: the checker shares no tables with the model.
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Violation:
    """A broken rule: ``rule`` is e.g. "hard rule 3"; ``message`` says where and how."""

    rule: str
    message: str


@dataclass(frozen=True)
class ChildEvaluation:
    entitled: int
    planned: int
    wished_planned: int
    preferred_planned: int
    stays: int = 0  # maximal runs of consecutive nights: each one a trip for the family

    @property
    def shortfall(self) -> int:
        return self.entitled - self.planned

    @property
    def ratio(self) -> Fraction:
        return Fraction(0) if self.entitled == 0 else Fraction(self.shortfall, self.entitled)


@dataclass(frozen=True)
class Evaluation:
    """The objective terms of a plan, exact: the ratio is a Fraction."""

    children: dict[str, ChildEvaluation]
    max_shortfall_ratio: Fraction
    total_shortfall: int
    wished_planned: int
    preferred_planned: int
    previous_not_kept: int
    stays: int = 0  # objective 5: maximal runs of consecutive nights over all children
    days: DayEvaluation | None = None  # day stays' terms, when the instance plans day stays

    def key(self) -> tuple:
        """Lexicographic objective as a tuple to minimise (previous stays and days left out)."""
        return (
            self.max_shortfall_ratio,
            self.total_shortfall,
            -self.wished_planned,
            -self.preferred_planned,
            self.stays,
        )


def check_plan(
    instance: Instance,
    stays: list[Stay] | tuple[Stay, ...],
    day_stays: list[DayStay] | tuple[DayStay, ...] = (),
) -> list[Violation]:
    """All hard-rule violations of ``stays`` and ``day_stays``, plus fixed stays not kept."""
    violations = _check_stays(instance, stays)
    nights = _nights_by_child(stays)
    violations += _check_capacity(instance, nights)
    violations += _check_incompatible(instance, nights)
    violations += _check_entitlement(instance, nights)
    kept = set(stays)
    for stay in instance.fixed_stays:
        if stay not in kept:
            violations.append(Violation("fixed stays", f"fixed stay {stay} is not in the plan"))
    for rule, message in check_days(instance, nights, day_stays):
        violations.append(Violation(rule, message))
    return violations


def _check_stays(instance: Instance, stays) -> list[Violation]:
    """Hard rules 1 and 2, stay by stay and between stays of one child."""
    found = []
    children = {child.id: child for child in instance.children}
    for stay in stays:
        child = children.get(stay.child)
        if child is None or stay.home != child.home:
            found.append(Violation("hard rule 1", f"{stay}: unknown child or not the child's home"))
            continue
        if not child.stay_nights.min_nights <= stay.nights <= child.stay_nights.max_nights:
            found.append(Violation("hard rule 1", f"{stay}: length outside stay_nights"))
        found += _check_nights(instance, child, stay)
    found += _check_gaps(stays)
    return found


def _check_nights(instance: Instance, child: Child, stay: Stay) -> list[Violation]:
    """Hard rule 2: every night inside the horizon and the child's window, not blocked, the
    home open."""
    found = []
    closed = set(_home_closed(instance, child.home))
    for night in _stay_nights(stay):
        if not instance.start <= night <= instance.end:
            found.append(Violation("hard rule 2", f"{stay}: {night} outside the horizon"))
        if child.valid is not None and not child.valid.first <= night <= child.valid.last:
            found.append(Violation("hard rule 2", f"{stay}: {night} outside the child's window"))
        if night in child.blocked_nights:
            found.append(Violation("hard rule 2", f"{stay}: {night} is blocked"))
        if night in closed:
            found.append(Violation("hard rule 2", f"{stay}: {night} the home is closed"))
    return found


def _home_closed(instance: Instance, home_id: str) -> tuple[dt.date, ...]:
    return next(home.closed_nights for home in instance.homes if home.id == home_id)


def _check_gaps(stays) -> list[Violation]:
    """Hard rule 1 between stays: at least one night at home between two stays of a child."""
    found = []
    by_child = defaultdict(list)
    for stay in stays:
        by_child[stay.child].append(stay)
    for child_stays in by_child.values():
        child_stays.sort(key=lambda s: s.first_night)
        for before, after in zip(child_stays, child_stays[1:], strict=False):
            if after.first_night <= before.first_night + dt.timedelta(days=before.nights):
                found.append(Violation("hard rule 1", f"{before} and {after}: no night at home"))
    return found


def _stay_nights(stay: Stay) -> list[dt.date]:
    return [stay.first_night + dt.timedelta(days=i) for i in range(stay.nights)]


def _nights_by_child(stays) -> dict[str, Counter]:
    nights: dict[str, Counter] = defaultdict(Counter)
    for stay in stays:
        nights[stay.child].update(_stay_nights(stay))
    return nights


def _check_capacity(instance: Instance, nights: dict[str, Counter]) -> list[Violation]:
    """Hard rule 3: beds and one-to-one staffing per home and night."""
    found = []
    for home in instance.homes:
        members = [c for c in instance.children if c.home == home.id]
        count, one_to_one = Counter(), Counter()
        for child in members:
            for night, times in nights.get(child.id, Counter()).items():
                count[night] += times
                one_to_one[night] += times if child.one_to_one else 0
        for night in sorted(count):
            if count[night] > home.beds:
                found.append(Violation("hard rule 3", f"{home.id} {night}: {count[night]} > beds"))
            limit = home.max_one_to_one_per_night
            if limit is not None and one_to_one[night] > limit:
                found.append(Violation("hard rule 3", f"{home.id} {night}: one-to-one > {limit}"))
    return found


def _check_incompatible(instance: Instance, nights: dict[str, Counter]) -> list[Violation]:
    """Hard rule 4: incompatible children never share a night in the same home."""
    found = []
    for first, second in instance.incompatible:
        if instance.child(first).home != instance.child(second).home:
            continue
        shared = set(nights.get(first, ())) & set(nights.get(second, ()))
        for night in sorted(shared):
            found.append(Violation("hard rule 4", f"{first} and {second} both stay {night}"))
    return found


def _check_entitlement(instance: Instance, nights: dict[str, Counter]) -> list[Violation]:
    """Hard rule 5: per child and period, planned nights <= entitled nights."""
    found = []
    for child in instance.children:
        entitled = entitled_by_period(instance, child)
        used = Counter(period_key(n, child.entitlement.per) for n in nights.get(child.id, ()))
        for key, planned in used.items():
            if planned > entitled.get(key, 0):
                found.append(Violation("hard rule 5", f"{child.id} {key}: {planned} nights"))
    return found


def evaluate_plan(
    instance: Instance,
    stays: list[Stay] | tuple[Stay, ...],
    day_stays: list[DayStay] | tuple[DayStay, ...] = (),
) -> Evaluation:
    """The objective terms of ``stays`` (and ``day_stays``), computed from scratch (the plan
    need not be valid)."""
    nights = _nights_by_child(stays)
    children = {}
    for child in instance.children:
        mine = nights.get(child.id, Counter())
        children[child.id] = ChildEvaluation(
            entitled=sum(entitled_by_period(instance, child).values()),
            planned=sum(mine.values()),
            wished_planned=len(set(child.wished_nights) & set(mine)),
            preferred_planned=sum(
                1 for n in mine if DAY_NAMES[n.weekday()] in child.preferred_weekdays
            ),
            stays=_runs(set(mine)),
        )
    kept = set(stays)
    return Evaluation(
        children=children,
        max_shortfall_ratio=max((c.ratio for c in children.values()), default=Fraction(0)),
        total_shortfall=sum(c.shortfall for c in children.values()),
        wished_planned=sum(c.wished_planned for c in children.values()),
        preferred_planned=sum(c.preferred_planned for c in children.values()),
        previous_not_kept=sum(1 for stay in instance.previous_stays if stay not in kept),
        stays=sum(c.stays for c in children.values()),
        days=evaluate_days(instance, day_stays) if instance.has_days else None,
    )


def _runs(nights: set[dt.date]) -> int:
    """Maximal runs of consecutive nights: a night starts one when the night before is free."""
    return sum(1 for night in nights if night - dt.timedelta(days=1) not in nights)
