"""Entitled nights per child and counting period (hard rule 5 and objective terms 1-2).

The decision's Scope gives "N nights per week / month / horizon"; a period cut by the horizon
(or by the child's validity window, ``Child.valid``) is entitled to
floor(N * nights inside both / nights of the whole period).
"""

from dataclasses import dataclass

from omsorg.planning.common.periods import (
    ONE_DAY,
    PeriodShare,
    period_shares,
    prorated_entitlement,
)
from omsorg.planning.respite.instance import Child, Instance


@dataclass(frozen=True)
class PeriodCap:
    """At most ``entitled`` planned nights on night indexes ``first``..``last`` (inclusive)."""

    key: str
    first: int
    last: int
    entitled: int


def period_caps(instance: Instance, child: Child) -> list[PeriodCap]:
    """The child's counting periods inside the horizon, as night-index ranges with their caps."""
    return _caps(instance, child, child.entitlement.nights, child.entitlement.per)


def day_caps(instance: Instance, child: Child) -> list[PeriodCap]:
    """The same for day stays (date indexes); no periods when the child has no day entitlement."""
    if child.day_entitlement is None:
        return []
    return _caps(instance, child, child.day_entitlement.days, child.day_entitlement.per)


def _caps(instance: Instance, child: Child, amount: int, per: str) -> list[PeriodCap]:
    caps = []
    for share in period_shares(instance.start, instance.end, per):
        caps.append(
            PeriodCap(
                key=share.period.key,
                first=(share.first - instance.start).days,
                last=(share.last - instance.start).days,
                entitled=prorated_entitlement(amount, _within(share, child)),
            )
        )
    return caps


def _within(share: PeriodShare, child: Child) -> PeriodShare:
    """The part of a period share the child's validity window covers; an empty part is a
    share of 0 nights (last the day before first), so the period is entitled to 0 nights."""
    if child.valid is None:
        return share
    first, last = max(share.first, child.valid.first), min(share.last, child.valid.last)
    if first > last:
        return PeriodShare(share.period, share.first, share.first - ONE_DAY)
    return PeriodShare(share.period, first, last)


def entitled_total(instance: Instance, child: Child) -> int:
    """Entitled nights over the whole horizon: the sum over the child's periods."""
    return sum(cap.entitled for cap in period_caps(instance, child))
