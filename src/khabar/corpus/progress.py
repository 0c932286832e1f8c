"""Per-document progress and phase timing for ``khabar run``.

A shard is the unit of work (1,000 records by default), but a progress bar that moves once per shard
sits at "0 % ?doc/s" for the first minute of a run with facts. Workers therefore count the records they
finish in one shared counter (a ``multiprocessing.Value`` handed to each spawned worker by the pool's
initialiser, or a plain module global when the run stays in this process), and a thread of the parent
moves the bar from it a few times a second. Ray tasks do not share memory with the parent: under Ray
the bar still moves per shard.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Phases", "Poller", "load_average", "set_counter", "tick"]

#: the shared counter of this process: set in the parent for an in-process run, in each worker by the
#: pool's initialiser; None when nothing counts (Ray, or a caller outside ``run``)
_COUNTER: Any = None
#: records a worker finishes between two updates of the shared counter (a lock per record would cost
#: more than the bar is worth)
TICK_EVERY = 8


def set_counter(counter: Any) -> None:
    """Make ``counter`` (a ``multiprocessing.Value('q')`` or None) this process's record counter."""
    global _COUNTER
    _COUNTER = counter


def tick(n: int) -> None:
    """Count ``n`` more records done (no-op when this process has no counter)."""
    c = _COUNTER
    if c is None or n <= 0:
        return
    with c.get_lock():
        c.value += n


class Poller:
    """A daemon thread that moves ``update`` (``tqdm.update``) by what the counter gained since the
    last poll; :meth:`stop` polls once more and joins. ``base`` records already on the bar are not
    counted again."""

    def __init__(self, counter: Any, update: Callable[[int], Any], *, every: float = 0.25) -> None:
        self.counter = counter
        self.update = update
        self.every = every
        self._seen = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="khabar-progress", daemon=True)

    def _poll(self) -> None:
        now = int(self.counter.value)
        if now > self._seen:
            self.update(now - self._seen)
            self._seen = now

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self._poll()

    def __enter__(self) -> Poller:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self._poll()


def load_average() -> float | None:
    """The 1-minute load average (None where the OS has none): a run that competes with other work
    for the cores is slower, and the summary says so."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


@dataclass
class Phases:
    """Wall time per phase of a run, in the order they ran."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        t = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t

    def format(self) -> str:
        return ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items())
