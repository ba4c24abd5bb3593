"""The independent checker of day stays (respite by the day, seed 004 §1.2 and §1.4).

Like check.py it shares nothing with the model: it counts day stays date by date. Day rules:

1. a day stay is on a date inside the horizon and the child's validity window, for a child with
   a day entitlement, in its own home, not on a blocked day of the child, and not on a date the
   child stays the night (a night is named by its evening); one day stay per child and date;
2. per home and date: day stays <= the home's day places that date;
3. per child and period: day stays <= entitled days;
4. two incompatible children never have a day stay on the same date in the same home;
and every fixed day stay is in the plan.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from fractions import Fraction

from omsorg.planning.respite.check_periods import days_by_period, period_key
from omsorg.planning.respite.instance import DayStay, Instance


@dataclass(frozen=True)
class ChildDays:
    entitled: int
    planned: int
    wished_planned: int

    @property
    def shortfall(self) -> int:
        return self.entitled - self.planned

    @property
    def ratio(self) -> Fraction:
        return Fraction(0) if self.entitled == 0 else Fraction(self.shortfall, self.entitled)


@dataclass(frozen=True)
class DayEvaluation:
    """The day stays' terms, after every night term: ratio, total shortfall, wished days."""

    children: dict[str, ChildDays]  # children with a day entitlement only
    max_shortfall_ratio: Fraction
    total_shortfall: int
    wished_planned: int

    def key(self) -> tuple:
        return (self.max_shortfall_ratio, self.total_shortfall, -self.wished_planned)


def check_days(instance: Instance, nights: dict[str, Counter], day_stays) -> list[tuple]:
    """(rule, message) for every broken day rule; ``nights`` are the plan's nights per child."""
    found = [item for stay in day_stays for item in _check_one(instance, nights, stay)]
    for stay, times in Counter(day_stays).items():
        if times > 1:
            found.append(("day rule 1", f"{stay}: the same day stay twice"))
    found += _check_places(instance, day_stays)
    found += _check_caps(instance, day_stays)
    found += _check_incompatible(instance, day_stays)
    planned = set(day_stays)
    for stay in instance.fixed_day_stays:
        if stay not in planned:
            found.append(("fixed day stays", f"fixed day stay {stay} is not in the plan"))
    return found


def _check_one(instance: Instance, nights: dict[str, Counter], stay: DayStay) -> list[tuple]:
    child = next((c for c in instance.children if c.id == stay.child), None)
    if child is None or child.home != stay.home or child.day_entitlement is None:
        return [("day rule 1", f"{stay}: unknown child, not its home, or no day entitlement")]
    found = []
    if not instance.start <= stay.date <= instance.end:
        found.append(("day rule 1", f"{stay}: outside the horizon"))
    if child.valid is not None and not child.valid.first <= stay.date <= child.valid.last:
        found.append(("day rule 1", f"{stay}: outside the child's window"))
    if stay.date in child.blocked_days:
        found.append(("day rule 1", f"{stay}: the day is blocked"))
    if nights.get(child.id, Counter())[stay.date]:
        found.append(("day rule 1", f"{stay}: the child stays that night"))
    return found


def _check_places(instance: Instance, day_stays) -> list[tuple]:
    found = []
    count = Counter((stay.home, stay.date) for stay in day_stays)
    for home in instance.homes:
        overrides = dict(home.day_places_by_date)
        for (home_id, date), used in sorted(count.items()):
            places = overrides.get(date, home.day_places)
            if home_id == home.id and used > places:
                found.append(("day rule 2", f"{home.id} {date}: {used} day stays > {places}"))
    return found


def _check_caps(instance: Instance, day_stays) -> list[tuple]:
    found = []
    for child in instance.children:
        if child.day_entitlement is None:
            continue
        entitled = days_by_period(instance, child)
        per = child.day_entitlement.per
        used = Counter(period_key(s.date, per) for s in day_stays if s.child == child.id)
        for key, planned in used.items():
            if planned > entitled.get(key, 0):
                found.append(("day rule 3", f"{child.id} {key}: {planned} day stays"))
    return found


def _check_incompatible(instance: Instance, day_stays) -> list[tuple]:
    found = []
    dates: dict[str, set[dt.date]] = defaultdict(set)
    for stay in day_stays:
        dates[stay.child].add(stay.date)
    for first, second in instance.incompatible:
        if instance.child(first).home != instance.child(second).home:
            continue
        for date in sorted(dates[first] & dates[second]):
            found.append(("day rule 4", f"{first} and {second} both have a day stay {date}"))
    return found


def evaluate_days(instance: Instance, day_stays) -> DayEvaluation:
    """The day terms of ``day_stays``, from scratch; children without a day entitlement left out."""
    dates: dict[str, set[dt.date]] = defaultdict(set)
    for stay in day_stays:
        dates[stay.child].add(stay.date)
    children = {
        child.id: ChildDays(
            entitled=sum(days_by_period(instance, child).values()),
            planned=len(dates[child.id]),
            wished_planned=len(dates[child.id] & set(child.wished_days)),
        )
        for child in instance.children
        if child.day_entitlement is not None
    }
    return DayEvaluation(
        children=children,
        max_shortfall_ratio=max((c.ratio for c in children.values()), default=Fraction(0)),
        total_shortfall=sum(c.shortfall for c in children.values()),
        wished_planned=sum(c.wished_planned for c in children.values()),
    )
