"""Exhaustive search over every plan of a tiny instance (1-3 children, 1 home, <= 7 nights).

Written from the rules in the issue, sharing nothing with the model, the checker or the DP:
each child's candidate night sets are all subsets of the horizon, kept when their runs obey
hard rules 1, 2 and 5 and contain the child's fixed stays; combinations are kept when they obey
hard rules 3 and 4. Returns the best lexicographic key, or None when no plan exists.
"""

import datetime as dt
import itertools
from fractions import Fraction

from omsorg.planning.respite import Instance

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _runs(nights: list[int]) -> list[tuple[int, int]]:
    runs: list[list[int]] = []
    for index in nights:
        if runs and runs[-1][1] == index - 1:
            runs[-1][1] = index
        else:
            runs.append([index, index])
    return [(first, last) for first, last in runs]


def _period_key(night: dt.date, per: str):
    if per == "week":
        return night.isocalendar()[:2]
    if per == "month":
        return (night.year, night.month)
    return "horizon"


def _period_length(key, per: str, horizon: int) -> int:
    if per == "week":
        return 7
    if per == "month":
        year, month = key
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return (following - dt.date(year, month, 1)).days
    return horizon


def _entitled(problem: Instance, child, dates: list[dt.date]) -> dict:
    per = child.entitlement.per
    inside: dict = {}
    window = child.valid
    for night in dates:
        key = _period_key(night, per)
        # Only nights inside the child's validity window count towards its proration.
        counted = window is None or window.first <= night <= window.last
        inside[key] = inside.get(key, 0) + (1 if counted else 0)
    return {
        key: child.entitlement.nights * count // _period_length(key, per, len(dates))
        for key, count in inside.items()
    }


def _candidates(problem: Instance, child, dates: list[dt.date]) -> list[frozenset[int]]:
    """Every night set of the child that obeys hard rules 1, 2 and 5 and keeps fixed stays."""
    home = problem.home(child.home)
    allowed = [
        i
        for i, night in enumerate(dates)
        if night not in child.blocked_nights
        and night not in home.closed_nights
        and (child.valid is None or child.valid.first <= night <= child.valid.last)
    ]
    entitled = _entitled(problem, child, dates)
    fixed = [
        ((s.first_night - problem.start).days, s.nights)
        for s in problem.fixed_stays
        if s.child == child.id
    ]
    found = []
    for size in range(len(allowed) + 1):
        for nights in itertools.combinations(allowed, size):
            runs = _runs(list(nights))
            length = child.stay_nights
            if any(not length.min_nights <= b - a + 1 <= length.max_nights for a, b in runs):
                continue
            used: dict = {}
            for i in nights:
                key = _period_key(dates[i], child.entitlement.per)
                used[key] = used.get(key, 0) + 1
            if any(count > entitled[key] for key, count in used.items()):
                continue
            if all((first, first + n - 1) in runs for first, n in fixed):
                found.append(frozenset(nights))
    return found


def _compatible(problem: Instance, children, chosen, nights: int) -> bool:
    home = problem.homes[0]
    for index in range(nights):
        present = [c for c, mine in zip(children, chosen, strict=True) if index in mine]
        if len(present) > home.beds:
            return False
        limit = home.max_one_to_one_per_night
        if limit is not None and sum(1 for c in present if c.one_to_one) > limit:
            return False
        ids = {c.id for c in present}
        if any(a in ids and b in ids for a, b in problem.incompatible):
            return False
    return True


def _key(problem: Instance, children, chosen, dates) -> tuple:
    ratios, total, wished, preferred, runs = [Fraction(0)], 0, 0, 0, 0
    stays = set()
    for child, mine in zip(children, chosen, strict=True):
        entitled = sum(_entitled(problem, child, dates).values())
        if entitled:
            ratios.append(Fraction(entitled - len(mine), entitled))
        total += entitled - len(mine)
        wished += sum(1 for i in mine if dates[i] in child.wished_nights)
        preferred += sum(
            1 for i in mine if DAY_NAMES[dates[i].weekday()] in child.preferred_weekdays
        )
        stays |= {(child.id, a, b - a + 1) for a, b in _runs(sorted(mine))}
        runs += len(_runs(sorted(mine)))
    not_kept = sum(
        1
        for s in problem.previous_stays
        if (s.child, (s.first_night - problem.start).days, s.nights) not in stays
    )
    return (max(ratios), total, -wished, -preferred, runs, not_kept)


def best_key(problem: Instance) -> tuple | None:
    """The lexicographically best objective key over all valid plans (None: no valid plan)."""
    dates = problem.nights()
    children = list(problem.children)
    options = [_candidates(problem, child, dates) for child in children]
    best = None
    for chosen in itertools.product(*options):
        if _compatible(problem, children, chosen, len(dates)):
            key = _key(problem, children, chosen, dates)
            best = key if best is None or key < best else best
    return best


def least_total(problem: Instance) -> int | None:
    """The least total shortfall over all valid plans, whatever their ratio (None: no plan)."""
    dates = problem.nights()
    children = list(problem.children)
    options = [_candidates(problem, child, dates) for child in children]
    totals = [
        _key(problem, children, chosen, dates)[1]
        for chosen in itertools.product(*options)
        if _compatible(problem, children, chosen, len(dates))
    ]
    return min(totals, default=None)
