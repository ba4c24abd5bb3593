"""Published values for Curtois & Qu Instance1-24: the best known objective (an upper bound)
and, where the instance is closed, equal to the proven optimum.

Sources, and how sure each figure is:
- Instance1-7, 9-12 and 16: the optima listed by the comparison table of the public repository
  ORProjects/NRP (ComputationalResults/README.md, 60-minute column: IP&VNS hybrid, Gurobi,
  branch and price agree), matching the values BENCHMARKS.md quotes for 1-4;
- Instance8, 13-15 and 17-21: the best-known values of schedulingbenchmarks.org as recalled
  when this file was written; the site could not be fetched from this machine, so they are
  marked ``checked=False``. ORProjects/NRP's table is consistent with them (its 60-minute
  results are at or above them: 8 <= 1308, 14 <= 1279, 18 <= 4650, 19 <= 3218);
- Instance22-24: no figure we can vouch for; left None.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Published:
    best_known: int | None
    checked: bool


BEST_KNOWN = {
    1: Published(607, True),
    2: Published(828, True),
    3: Published(1001, True),
    4: Published(1716, True),
    5: Published(1143, True),
    6: Published(1950, True),
    7: Published(1056, True),
    8: Published(1300, False),
    9: Published(439, True),
    10: Published(4631, True),
    11: Published(3443, True),
    12: Published(4040, True),
    13: Published(1348, False),
    14: Published(1278, False),
    15: Published(3831, False),
    16: Published(3225, True),
    17: Published(5746, False),
    18: Published(4459, False),
    19: Published(3149, False),
    20: Published(4769, False),
    21: Published(21133, False),
    22: Published(None, False),
    23: Published(None, False),
    24: Published(None, False),
}
