"""The progress callback protocol: how a solver reports each improving solution."""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class ProgressEvent:
    """One improving solution inside one stage of a (lexicographic) solve.

    ``objective`` and ``bound`` are in the stage's own unit (for example the largest shortfall
    ratio, or total shortfall nights); ``wall_time`` counts seconds since the solve began.
    """

    stage: str
    objective: float
    bound: float
    wall_time: float


class Progress(Protocol):
    """Anything callable with a :class:`ProgressEvent`: a logger, a task updating a progress bar."""

    def __call__(self, event: ProgressEvent) -> None: ...
