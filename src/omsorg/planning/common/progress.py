"""The progress callback protocol: how a solver reports each improving solution."""

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class ProgressEvent:
    """One improving solution inside one stage of a (lexicographic) solve.

    ``objective`` and ``bound`` are the stage's leading term in its own unit (for example the
    largest shortfall ratio); ``terms`` holds every term the stage optimises, by name, when it
    optimises several at once; ``wall_time`` counts seconds since the solve began.
    """

    stage: str
    objective: float
    bound: float
    wall_time: float
    terms: dict[str, float] = field(default_factory=dict)


class Progress(Protocol):
    """Anything callable with a :class:`ProgressEvent`: a logger, a task updating a progress bar."""

    def __call__(self, event: ProgressEvent) -> None: ...
