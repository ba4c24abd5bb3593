"""The checker's own period arithmetic: which period a date counts in, and its entitlement.

Part of the independent checker (check.py, check_days.py): it walks the horizon day by day and
shares nothing with ``common.periods`` or ``entitlements.py``.
"""

import datetime as dt
from collections import Counter

from omsorg.planning.respite.instance import Child, Instance

ONE_DAY = dt.timedelta(days=1)


def period_key(night: dt.date, per: str) -> tuple:
    if per == "week":
        year, week, _ = night.isocalendar()
        return ("week", year, week)
    if per == "month":
        return ("month", night.year, night.month)
    return ("horizon",)


def _period_length(key: tuple, instance: Instance) -> int:
    if key[0] == "week":
        return 7
    if key[0] == "month":
        first = dt.date(key[1], key[2], 1)
        following = dt.date(key[1] + key[2] // 12, key[2] % 12 + 1, 1)
        return (following - first).days
    return (instance.end - instance.start).days + 1


def entitled_by_period(instance: Instance, child: Child) -> dict[tuple, int]:
    """Entitled nights per period key, prorated by counting the horizon's nights one by one
    (only those inside the child's validity window, when it has one)."""
    return entitled_in(instance, child, child.entitlement.nights, child.entitlement.per)


def days_by_period(instance: Instance, child: Child) -> dict[tuple, int]:
    """Entitled day stays per period key, counted the same way (none without an entitlement)."""
    days = child.day_entitlement
    return {} if days is None else entitled_in(instance, child, days.days, days.per)


def entitled_in(instance: Instance, child: Child, amount: int, per: str) -> dict[tuple, int]:
    inside: Counter = Counter()
    night = instance.start
    while night <= instance.end:
        key = period_key(night, per)
        valid = child.valid is None or child.valid.first <= night <= child.valid.last
        inside[key] += 1 if valid else 0
        night += ONE_DAY
    return {key: amount * count // _period_length(key, instance) for key, count in inside.items()}
