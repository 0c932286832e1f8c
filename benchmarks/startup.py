"""Start-up of ``khabar process`` on a one-line file, without and with ``--facts`` (item 5 of issue 15).

Run by ``make bench-startup``. Each configuration runs ``--runs`` times in a fresh process (wall
seconds from spawning ``.venv/bin/khabar`` to its exit, output to /dev/null), alternating the two so
that a busy machine weighs on both alike; the median and the best are reported. ``--baseline SRC``
adds the same two rows for the package of another source tree (``PYTHONPATH=SRC``), alternated too.
The issue's targets: ≤ 0.3 s without facts, ≤ 0.6 s with, judged on the median wall time and,
since a shared machine's load stretches the wall time of every run alike, on the median CPU time too.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _common as common

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
README = HERE / "README.md"
MARK_START, MARK_END = "<!-- startup:start -->", "<!-- startup:end -->"
TARGETS = {False: 0.3, True: 0.6}


def _once(src: Path, path: Path, facts: bool, pycache: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child) of one run. Compiled modules are kept under
    ``pycache`` (``PYTHONPYCACHEPREFIX``, for every tree alike, whatever ``PYTHONDONTWRITEBYTECODE``
    says), as an installed package has them: without, each run compiles every module again."""
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, "-m", "khabar.cli", "process", str(path), "-q", *(["--facts"] if facts else [])]
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, cwd=REPO)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7, help="runs per configuration (default 7)")
    ap.add_argument("--baseline", type=Path, help="also time the khabar package of this source tree")
    ap.add_argument("--write-readme", action="store_true", help=f"replace the table in {README.name}")
    args = ap.parse_args(argv)
    sides = [("this tree", REPO / "src")] + ([("before", args.baseline)] if args.baseline else [])
    times: dict[tuple[str, bool], list[tuple[float, float]]] = {
        (n, f): [] for n, _ in sides for f in (False, True)
    }
    load0 = common.load_average()
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.txt"
        page.write_text("عنوان الخبر: وصل الوزير إلى الرياض أمس\n", encoding="utf-8")
        for name, src in sides:  # a first run per tree compiles its modules (not timed)
            _once(src, page, True, Path(tmp) / f"pyc-{name}")
        for _ in range(args.runs):
            for name, src in sides:
                for facts in (False, True):
                    times[(name, facts)].append(_once(src, page, facts, Path(tmp) / f"pyc-{name}"))
    rows = []
    for (name, facts), ts in times.items():
        med = statistics.median(w for w, _ in ts)
        cpu = statistics.median(c for _, c in ts)
        target = TARGETS[facts]
        rows.append(
            [
                f"`khabar process page.txt{' --facts' if facts else ''}` ({name})",
                f"{med:.2f}",
                f"{min(w for w, _ in ts):.2f}",
                f"{cpu:.2f}",
                f"≤ {target:.1f}: wall {'met' if med <= target else 'missed'}, "
                f"CPU {'met' if cpu <= target else 'missed'}",
            ]
        )
    table = common.markdown_table(
        ["command", "median s", "best s", "median CPU s", "issue target (median wall; median CPU)"],
        rows,
        [False, True, True, True, False],
    )
    body = "\n".join(
        [
            f"Measured {common.now_utc()} on {common.cpu_model()}, load {load0} at start, "
            f"{common.load_average()} at end; {args.runs} runs each, alternated, compiled modules cached "
            "(as installed); a one-line text file. CPU s: user + system time of the process.",
            "",
            table,
        ]
    )
    print(body)
    if args.write_readme:
        common.replace_between(README, MARK_START, MARK_END, body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
