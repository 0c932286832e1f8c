"""Start-up of ``khabar process`` on a one-line file, without and with ``--facts`` (item 5 of issue 15).

Run by ``make bench-startup``. Each configuration runs ``--runs`` times in a fresh process (wall
seconds from spawning ``.venv/bin/khabar`` to its exit, output to /dev/null), alternating the two so
that a busy machine weighs on both alike; the median and the best are reported. ``--baseline SRC``
adds the same two rows for the package of another source tree (``PYTHONPATH=SRC``), alternated too.
The issue's targets: ≤ 0.3 s without facts, ≤ 0.6 s with.
"""

from __future__ import annotations

import argparse
import os
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


def _once(src: Path, path: Path, facts: bool) -> float:
    env = dict(os.environ, PYTHONPATH=str(src))
    cmd = [sys.executable, "-m", "khabar.cli", "process", str(path), "-q", *(["--facts"] if facts else [])]
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, cwd=REPO)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7, help="runs per configuration (default 7)")
    ap.add_argument("--baseline", type=Path, help="also time the khabar package of this source tree")
    ap.add_argument("--write-readme", action="store_true", help=f"replace the table in {README.name}")
    args = ap.parse_args(argv)
    sides = [("this tree", REPO / "src")] + ([("before", args.baseline)] if args.baseline else [])
    times: dict[tuple[str, bool], list[float]] = {(n, f): [] for n, _ in sides for f in (False, True)}
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.txt"
        page.write_text("عنوان الخبر: وصل الوزير إلى الرياض أمس\n", encoding="utf-8")
        for _ in range(args.runs):
            for name, src in sides:
                for facts in (False, True):
                    times[(name, facts)].append(_once(src, page, facts))
    rows = []
    for (name, facts), ts in times.items():
        med = statistics.median(ts)
        target = TARGETS[facts]
        rows.append(
            [
                f"`khabar process page.txt{' --facts' if facts else ''}` ({name})",
                f"{med:.2f}",
                f"{min(ts):.2f}",
                f"≤ {target:.1f}: {'met' if med <= target else 'missed'}",
            ]
        )
    table = common.markdown_table(
        ["command", "median s", "best s", "issue target"], rows, [False, True, True, False]
    )
    body = "\n".join(
        [
            f"Measured {common.now_utc()} on {common.cpu_model()}, load {common.load_average()}; "
            f"{args.runs} runs each, alternated; a one-line text file.",
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
