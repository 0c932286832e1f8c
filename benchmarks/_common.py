"""Helpers shared by the benchmarks: one-core setup, memory readings, machine facts, Markdown output.

Nothing here imports khabar or any third-party package, so a benchmark can call
:func:`single_threaded` before the libraries that read the thread variables are imported.
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import re
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

#: environment variables that cap the thread pools of BLAS / OpenMP backends (spaCy's thinc uses numpy)
THREAD_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS")

_KB = 1024


def single_threaded() -> None:
    """Cap every native thread pool at one thread. Call before importing numpy, spaCy or datatrove."""
    for var in THREAD_VARS:
        os.environ[var] = "1"


# -- memory ---------------------------------------------------------------------------------------------
def _status_kb(field: str) -> int | None:
    """A ``kB`` field of ``/proc/self/status`` (``VmRSS``, ``VmHWM``), or ``None`` off Linux."""
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return None
    m = re.search(rf"^{field}:\s+(\d+)\s+kB", text, re.MULTILINE)
    return int(m.group(1)) if m else None


def rss_mb() -> float | None:
    """The current resident set size (``VmRSS``) in MiB."""
    kb = _status_kb("VmRSS")
    return kb / _KB if kb is not None else None


def peak_rss_mb() -> float:
    """The peak resident set size in MiB: ``getrusage(RUSAGE_SELF).ru_maxrss`` (kB on Linux)."""
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / (_KB * _KB) if sys.platform == "darwin" else maxrss / _KB


def reset_peak_rss() -> bool:
    """Reset the kernel's peak-RSS mark to the current RSS, so the next peak belongs to one step.

    Linux ≥ 4.0 does this on ``echo 5 > /proc/self/clear_refs``; it resets both ``VmHWM`` and
    ``ru_maxrss``. Returns False where that is not possible: peaks are then process-wide so far.
    """
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        return False
    hwm, rss = _status_kb("VmHWM"), _status_kb("VmRSS")
    return hwm is not None and rss is not None and hwm <= rss + 4 * _KB


# -- clocks ---------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Lap:
    """Wall-clock and CPU seconds of a stretch of work."""

    wall: float = 0.0
    cpu: float = 0.0


class Stopwatch:
    """Accumulates wall and process CPU time over ``start()`` / ``stop()`` pairs."""

    __slots__ = ("_c0", "_w0", "lap")

    def __init__(self) -> None:
        self.lap = Lap()
        self._w0 = 0.0
        self._c0 = 0.0

    def start(self) -> None:
        self._w0 = time.perf_counter()
        self._c0 = time.process_time()

    def stop(self) -> None:
        self.lap.cpu += time.process_time() - self._c0
        self.lap.wall += time.perf_counter() - self._w0


# -- the machine ---------------------------------------------------------------------------------------
def cpu_model() -> str:
    """The CPU model name from ``/proc/cpuinfo`` (or ``platform.processor()``) and the core count."""
    name = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                name = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{name or platform.processor() or 'unknown CPU'} ({os.cpu_count()} logical cores)"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, e.g. ``2.31 / 2.50 / 1.33``."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "n/a"
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def version(dist: str) -> str:
    """The installed version of distribution ``dist``, or ``not installed``."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def now_utc() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


# -- output ---------------------------------------------------------------------------------------------
def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> str:
    """A GitHub Markdown table; columns flagged in ``right`` are right-aligned."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        out = [c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)]
        return "| " + " | ".join(out) + " |"

    rule = "|" + "|".join(
        ("-" * (w + 1) + ":") if r else ("-" * (w + 2)) for w, r in zip(widths, right, strict=True)
    )
    return "\n".join([line(header), rule + "|", *(line(r) for r in rows)])


def replace_between(path: Path, start: str, end: str, body: str) -> None:
    """Replace what lies between the marker lines ``start`` and ``end`` in ``path`` with ``body``."""
    text = path.read_text(encoding="utf-8")
    i, j = text.find(start), text.find(end)
    if i < 0 or j < 0 or j < i:
        raise SystemExit(f"{path} has no {start} … {end} section to replace; add the two marker lines first")
    new = text[: i + len(start)] + "\n" + body.strip("\n") + "\n" + text[j:]
    path.write_text(new, encoding="utf-8")
