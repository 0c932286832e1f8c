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
import json
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


#: the phases of ``khabar process page.txt --facts`` in the order the command meets them, each timed
#: alone in one child process (CPU seconds); what a phase loads is loaded once, so a later phase does
#: not pay for it again (the loaders are cached: the NER model's name list reads the gazetteer, etc.)
_PHASES = """
import importlib, os, sys, time
T = time.process_time
out = [("Python's own start-up", T())]
def phase(name, code):
    t = T()
    exec(code, globals())
    out.append((name, T() - t))
phase("the command line (modules, parser)", "cli = importlib.import_module('khabar.cli.main'); "
      "getattr(cli, '_one_blas_thread', lambda: None)(); cli.build_parser()")
phase("numpy", "import numpy")
phase("the cleaning stages' modules", "import khabar.clean.stages, khabar.io")
phase("cleaning the page", "from khabar.api import process_text; process_text(PAGE)")
phase("the fact stages' modules", "from khabar.pipeline import FACT_STAGES, Pipeline, DEFAULT_STAGES; "
      "P = Pipeline((*DEFAULT_STAGES, *FACT_STAGES))")
phase("NER model", "from khabar.extract.ner import load_model; M = load_model()")
phase("gazetteer", "from khabar.extract.places.gazetteer import load_gazetteer; load_gazetteer()")
phase("NER name list", "M.names")
phase("word frequencies (what the page asks of them)",
      "import khabar.arabic.clitics as C; "
      "C.zipf_at_least('x', 4.0) if hasattr(C, 'zipf_at_least') else C.load_wordfreq()")
phase("the rest of the first fact document", "from khabar.model import Document; "
      "import gc; gc.disable(); P(Document(id='p', raw=PAGE)); gc.enable()")
import json
print(json.dumps(out))
"""


def _breakdown(src: Path, page: str, pycache: Path) -> list[tuple[str, float]]:
    """CPU seconds of each of :data:`_PHASES` in one fresh process of the package in ``src``."""
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    code = f"PAGE = {page!r}\n{_PHASES}"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True, cwd=REPO
    )
    return [(str(n), float(s)) for n, s in json.loads(out.stdout.strip().splitlines()[-1])]


def _phase_table(phases: dict[str, list[list[tuple[str, float]]]]) -> str:
    """The median CPU seconds of each phase, a column per tree."""
    names = [n for n, _ in next(iter(phases.values()))[0]]
    cols = {
        side: [statistics.median(run[i][1] for run in runs) for i in range(len(names))]
        for side, runs in phases.items()
    }
    rows = [[n, *(f"{cols[s][i]:.3f}" for s in cols)] for i, n in enumerate(names)]
    rows.append(["total", *(f"{sum(cols[s]):.3f}" for s in cols)])
    return (
        "Where the CPU time of `--facts` goes (`--breakdown`: each phase timed in one child process, "
        "median of the runs; a loader shared by two phases counts in the first):\n\n"
        + common.markdown_table(
            ["phase", *(f"{s} CPU s" for s in cols)], rows, [False, *(True for _ in cols)]
        )
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7, help="runs per configuration (default 7)")
    ap.add_argument("--baseline", type=Path, help="also time the khabar package of this source tree")
    ap.add_argument("--write-readme", action="store_true", help=f"replace the table in {README.name}")
    ap.add_argument(
        "--breakdown",
        action="store_true",
        help="also the CPU seconds of each phase of --facts in this tree (median of --runs children)",
    )
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
        phases: dict[str, list[list[tuple[str, float]]]] = {name: [] for name, _ in sides}
        for _ in range(args.runs if args.breakdown else 0):
            for name, src in sides:
                phases[name].append(
                    _breakdown(src, page.read_text(encoding="utf-8"), Path(tmp) / f"pyc-{name}")
                )
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
            *(["", _phase_table(phases)] if args.breakdown else []),
        ]
    )
    print(body)
    if args.write_readme:
        common.replace_between(README, MARK_START, MARK_END, body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
