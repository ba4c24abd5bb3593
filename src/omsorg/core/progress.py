"""The latest progress report of a solver running in a thread of its own.

The engines call back from their own threads, which must not touch the database; the task's
thread takes the newest report now and then and writes it (respite plans, home-care day plans,
rotations all run their engine this way)."""

import threading


class LatestProgress:
    """Keeps only the newest report: a slow writer skips reports, it never queues them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: dict | None = None

    def put(self, progress: dict) -> None:
        with self._lock:
            self._value = progress

    def take(self) -> dict | None:
        with self._lock:
            value, self._value = self._value, None
        return value
