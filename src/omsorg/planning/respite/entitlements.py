"""Entitled nights per child and counting period (hard rule 5 and objective terms 1-2).

The decision's Scope gives "N nights per week / month / horizon"; a period cut by the horizon is
entitled to floor(N * nights inside / nights of the whole period).
"""

from dataclasses import dataclass

from omsorg.planning.common.periods import period_shares, prorated_entitlement
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
    caps = []
    for share in period_shares(instance.start, instance.end, child.entitlement.per):
        caps.append(
            PeriodCap(
                key=share.period.key,
                first=(share.first - instance.start).days,
                last=(share.last - instance.start).days,
                entitled=prorated_entitlement(child.entitlement.nights, share),
            )
        )
    return caps


def entitled_total(instance: Instance, child: Child) -> int:
    """Entitled nights over the whole horizon: the sum over the child's periods."""
    return sum(cap.entitled for cap in period_caps(instance, child))
