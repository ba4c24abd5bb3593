"""Parameters every planning engine accepts."""

from dataclasses import dataclass

# Ten seconds keeps an interactive "plan again" in the web planner bearable; benchmarks pass more.
DEFAULT_TIME_LIMIT_SECONDS = 10.0
# The production and CI machines have two cores; more workers than cores only adds contention.
DEFAULT_NUM_WORKERS = 2


@dataclass(frozen=True)
class SolveParams:
    """Wall-time budget and solver threads for one solve.

    ``seed`` makes a run repeatable on the same machine (CP-SAT is still timing-dependent when
    a time limit cuts a search short).
    """

    time_limit: float = DEFAULT_TIME_LIMIT_SECONDS
    num_workers: int = DEFAULT_NUM_WORKERS
    seed: int = 0
    log_search: bool = False

    def __post_init__(self) -> None:
        if self.time_limit <= 0:
            raise ValueError("time_limit must be positive")
        if self.num_workers < 1:
            raise ValueError("num_workers must be at least 1")
