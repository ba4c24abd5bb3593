"""Building blocks shared by the planning engines: periods, progress reports, solve parameters."""

from omsorg.planning.common.params import SolveParams
from omsorg.planning.common.periods import (
    PERIOD_KINDS,
    Period,
    PeriodShare,
    horizon_nights,
    period_of,
    period_shares,
    prorated_entitlement,
)
from omsorg.planning.common.progress import Progress, ProgressEvent

__all__ = [
    "PERIOD_KINDS",
    "Period",
    "PeriodShare",
    "Progress",
    "ProgressEvent",
    "SolveParams",
    "horizon_nights",
    "period_of",
    "period_shares",
    "prorated_entitlement",
]
