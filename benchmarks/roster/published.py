"""Published values for Curtois & Qu Instance1-24, each with its source; a value we could not
find in a public source we can cite is None (reported as unknown), never typed from memory.

Source searched (December 2026, with the code-search tools; schedulingbenchmarks.org itself
cannot be fetched from this machine): the comparison table of the public repository
ORProjects/NRP, file ComputationalResults/README.md (commit 018b89e), "60-minute runtime"
columns IP&VNS hybrid, ejection chain, Gurobi, branch and price, and that study.

- ``best_known``: the instance's optimum, only where that table's exact methods and
  heuristics agree on one value (Instance1-7, 9-12, 16); BENCHMARKS.md quotes the same 607,
  828, 1001, 1716 for 1-4.
- ``cited_upper``: for the open instances the table covers (8, 13-15, 17-19), the lowest cost
  it reports: a cost some published method reached, so an upper bound on the optimum, but NOT
  schedulingbenchmarks.org's best-known value (which may be lower). Compared against as such.
- Instance20-24: no value found in any searchable public source; unknown.
"""

from dataclasses import dataclass

SOURCE = "ORProjects/NRP ComputationalResults/README.md @018b89e, 60-minute table"


@dataclass(frozen=True)
class Published:
    best_known: int | None = None
    cited_upper: int | None = None
    source: str | None = None


def _agreed(value: int) -> Published:
    return Published(best_known=value, source=SOURCE + " (all methods agree)")


def _lowest(value: int, method: str) -> Published:
    return Published(cited_upper=value, source=f"{SOURCE}, lowest cost reported ({method})")


BEST_KNOWN = {
    1: _agreed(607),
    2: _agreed(828),
    3: _agreed(1001),
    4: _agreed(1716),
    5: _agreed(1143),
    6: _agreed(1950),
    7: _agreed(1056),
    8: _lowest(1308, "branch and price"),
    9: _agreed(439),
    10: _agreed(4631),
    11: _agreed(3443),
    12: _agreed(4040),
    13: _lowest(1905, "IP&VNS hybrid"),
    14: _lowest(1279, "IP&VNS hybrid"),
    15: _lowest(3928, "IP&VNS hybrid"),
    16: _agreed(3225),
    17: _lowest(5750, "IP&VNS hybrid"),
    18: _lowest(4650, "ORProjects/NRP's own study"),
    19: _lowest(3218, "ORProjects/NRP's own study"),
    20: Published(),
    21: Published(),
    22: Published(),
    23: Published(),
    24: Published(),
}
