"""The whole pipeline on one core: docs/s and share of time per stage, cleaning alone and with each layer.

Run by ``make bench-pipeline`` (part of ``make bench``). What it measures, in one process on one core
(OMP/MKL/OpenBLAS threads set to 1), on the SaudiNewsNet articles (``../shared/data/saudinewsnet_full``,
the upstream daily ZIP files, read by ``khabar.io.read_inputs`` as ``khabar process`` reads them):

* every record is read into memory first (reading is not timed), then one pass runs the cleaning
  stages (``segment → classify → assemble → signals``) and every fact layer of ``khabar process
  --facts`` (``entities, places, refs, dates, quantities, events, confidence``) on each document, one
  document alive at a time, the clock read around each stage;
* per stage: wall seconds, CPU seconds (process time: on a shared machine CPU below wall is time spent
  waiting for a core), its share of the CPU time, and the docs/s of the pipeline *up to and including*
  it (cleaning alone, then with each fact layer added: the cost of a prefix is the sum of its stages'
  times in this same pass, as later stages never change what earlier ones do);
* the first document is processed apart and untimed: it loads the models and lexicons (its wall time is
  given as *start-up*);
* after each document, what :class:`khabar.pipeline.Pipeline` does after one
  (:func:`khabar.pipeline.fact_document_done`: the collector kept off the long-lived models and word
  memories every 500 documents), its time charged to the last stage; a tree from before that hook
  does nothing there;
* VmRSS after 10 %, 50 % and 100 % of the documents, and the peak RSS of the pass.

``--baseline SRC`` also runs the same measurement with the ``khabar`` package of another source tree
(e.g. a worktree of an older commit beside this one, so that it finds ``../shared``: ``git worktree add
--detach ../base COMMIT``, then ``--baseline ../base/src``), each side in its own child process,
alternating ``--rounds`` times, and
prints both tables and the speed-up per stage: ratios measured in one run, on the same texts.

Usage::

    .venv/bin/python benchmarks/pipeline.py                 # the first 3,000 articles (a few minutes)
    .venv/bin/python benchmarks/pipeline.py --all           # all 31,030 records
    .venv/bin/python benchmarks/pipeline.py --limit 500 --baseline ../base/src --write-readme
    .venv/bin/python benchmarks/pipeline.py --limit 1200 --profile 30   # where the time goes (cProfile)

Progress goes to stderr, the report (Markdown) to stdout.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import _common as common

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
README = HERE / "README.md"
MARK_START, MARK_END = "<!-- pipeline:start -->", "<!-- pipeline:end -->"
DEFAULT_LIMIT = 3000
#: the issue's target for the whole pipeline on one core
TARGET_DOCS_PER_S = 300.0


def measure(src: Path, limit: int | None, growth: int = 0) -> dict[str, Any]:
    """One pass of the whole pipeline over the first ``limit`` records with the package under ``src``.

    ``growth`` > 0: trace allocations from the 10 % checkpoint on (``tracemalloc``, which slows the
    rest of the pass several times: the stage times are then not comparable) and report the
    ``growth`` source lines whose memory allocated since then is still held at 100 %: what grows."""
    common.single_threaded()
    sys.path.insert(0, str(src))
    import khabar
    from khabar.io import RawRecord
    from khabar.model import Document
    from khabar.pipeline import DEFAULT_STAGES, FACT_STAGES, Pipeline

    t0 = time.perf_counter()
    records, n_read = _records(limit)
    read_s = time.perf_counter() - t0

    pipe = Pipeline((*DEFAULT_STAGES, *FACT_STAGES))
    names = pipe.names
    funcs = [st.func for st in pipe.stages]
    # the trees before this hook did nothing after a document
    registry = importlib.import_module("khabar.pipeline.registry")
    settle = getattr(registry, "fact_document_done", None)
    if hasattr(registry, "enable_settling"):
        registry.enable_settling()  # as the command line does

    def new_doc(rec: RawRecord) -> Document:
        return Document(
            id=rec.id, raw=rec.raw, source=rec.source, meta=dict(rec.meta), warnings=list(rec.warnings)
        )

    # the first document loads every model and lexicon: apart, untimed per stage
    t0 = time.perf_counter()
    pipe(new_doc(records[0]))
    startup_s = time.perf_counter() - t0
    docs = records[1:]

    common.reset_peak_rss()
    wall = [0.0] * len(funcs)
    cpu = [0.0] * len(funcs)
    checkpoints = {max(1, len(docs) * p // 100): p for p in (10, 50, 100)}
    rss: dict[int, float | None] = {}
    perf, ptime = time.perf_counter, time.process_time
    n_facts = 0
    t_start = perf()
    for n, rec in enumerate(docs, 1):
        doc = new_doc(rec)
        for i, func in enumerate(funcs):
            w0, c0 = perf(), ptime()
            func(doc)
            c1, w1 = ptime(), perf()
            wall[i] += w1 - w0
            cpu[i] += c1 - c0
            doc.done.append(names[i])
        if settle is not None:
            # what Pipeline.__call__ does after a document (the collector kept off the long-lived
            # models and word memories: khabar.pipeline.settle_models), charged to the last stage
            w0, c0 = perf(), ptime()
            settle()
            wall[-1] += perf() - w0
            cpu[-1] += ptime() - c0
        n_facts += len(doc.entities) + len(doc.events)
        if n in checkpoints:
            rss[checkpoints[n]] = common.rss_mb()
            print(f"  {n:,}/{len(docs):,} documents", file=sys.stderr)
            if growth and checkpoints[n] == 10:
                import tracemalloc

                tracemalloc.start()
    total_wall = perf() - t_start
    grown: list[list[Any]] = []
    if growth:
        import tracemalloc

        snap = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
        tracemalloc.stop()
        stats = snap.statistics("lineno")
        grown = [["total", sum(st.size for st in stats) / 2**20, sum(st.count for st in stats)]]
        for st in stats[:growth]:
            frame = st.traceback[0]
            where = frame.filename.split("/src/")[-1].split("/lib/python3")[-1]
            grown.append([f"{where}:{frame.lineno}", st.size / 2**20, st.count])
    return {
        "src": str(src),
        "khabar_file": khabar.__file__,
        "records_read": n_read,
        "docs": len(docs),
        "read_s": read_s,
        "startup_s": startup_s,
        "stages": names,
        "wall": wall,
        "cpu": cpu,
        "total_wall": total_wall,
        "rss": {str(k): v for k, v in rss.items()},
        "peak_rss": common.peak_rss_mb(),
        "facts": n_facts,
        "load": common.load_average(),
        "growth": grown,
    }


def _records(limit: int | None) -> tuple[list[Any], int]:
    """The SaudiNewsNet records among the first ``limit`` items read (all with None), and how many
    items were read (the ``khabar`` package already importable)."""
    from khabar.eval import shared_data
    from khabar.io import RawRecord, read_inputs

    data = shared_data("saudinewsnet_full")
    if not data.exists():
        raise SystemExit(f"{data} is not there: this benchmark needs ../shared/data beside the repository")
    records: list[RawRecord] = []
    n_read = 0
    for item in read_inputs([str(data)], glob="*.zip"):
        if limit is not None and n_read >= limit:
            break
        n_read += 1
        if isinstance(item, RawRecord):
            records.append(item)
    if len(records) < 2:
        raise SystemExit("fewer than two records read")
    return records, n_read


def profile(src: Path, limit: int | None, top: int) -> str:
    """cProfile one pass of the whole pipeline (after a first, untimed document) and list the ``top``
    modules and functions by their own time: where a speed-up can come from. py-spy is not in the dev
    venv; cProfile charges each Python call some overhead, so read the shares as a ranking."""
    import cProfile
    import pstats

    common.single_threaded()
    sys.path.insert(0, str(src))
    from khabar.model import Document
    from khabar.pipeline import DEFAULT_STAGES, FACT_STAGES, Pipeline

    records, _ = _records(limit)
    registry = importlib.import_module("khabar.pipeline.registry")
    if hasattr(registry, "enable_settling"):
        registry.enable_settling()  # as the command line does
    pipe = Pipeline((*DEFAULT_STAGES, *FACT_STAGES))

    def new_doc(rec: Any) -> Document:
        return Document(
            id=rec.id, raw=rec.raw, source=rec.source, meta=dict(rec.meta), warnings=list(rec.warnings)
        )

    pipe(new_doc(records[0]))  # loads every model and lexicon
    prof = cProfile.Profile()
    prof.enable()
    for rec in records[1:]:
        pipe(new_doc(rec))
    prof.disable()
    by_module: Counter[str] = Counter()
    by_func: Counter[str] = Counter()
    for (path, _line, func), row in pstats.Stats(prof).stats.items():  # type: ignore[attr-defined]
        own = row[2]
        where = path.split("/src/")[-1] if "/src/" in path else func if path == "~" else Path(path).name
        by_module[where] += own
        by_func[where if path == "~" else f"{where}:{func}"] += own
    total = sum(by_module.values())
    out = [f"cProfile of {len(records) - 1:,} documents, {total:.1f} s of own time in all.", ""]
    for title, counts in (("module (or built-in)", by_module), ("function", by_func)):
        rows = [[name, f"{sec:.2f}", f"{100 * sec / total:.1f} %"] for name, sec in counts.most_common(top)]
        out += [common.markdown_table([title, "own s", "share"], rows, [False, True, True]), ""]
    return "\n".join(out)


def _child(src: Path, limit: int | None) -> dict[str, Any]:
    """:func:`measure` in a fresh Python process (so each side imports its own package, cold)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", str(src)]
    cmd += ["--all"] if limit is None else ["--limit", str(limit)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    sys.stderr.write(out.stderr)
    if out.returncode:
        raise SystemExit(f"measuring {src} failed (exit {out.returncode}); its messages are above")
    return json.loads(out.stdout)


def _merge(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The runs of one side, each stage's time the lowest over the rounds (the least disturbed)."""
    best = dict(runs[0])
    best["wall"] = [min(r["wall"][i] for r in runs) for i in range(len(best["stages"]))]
    best["cpu"] = [min(r["cpu"][i] for r in runs) for i in range(len(best["stages"]))]
    best["total_wall"] = min(r["total_wall"] for r in runs)
    best["startup_s"] = min(r["startup_s"] for r in runs)
    best["peak_rss"] = max(r["peak_rss"] for r in runs)
    return best


def stage_table(m: dict[str, Any], base: dict[str, Any] | None = None) -> str:
    """Per stage: seconds, share, cumulative docs/s; with ``base``, its cumulative docs/s and the ratio."""
    n = m["docs"]
    total_cpu = sum(m["cpu"])
    rows: list[list[str]] = []
    cum_w = cum_c = 0.0
    bcum_c = 0.0
    for i, name in enumerate(m["stages"]):
        cum_w += m["wall"][i]
        cum_c += m["cpu"][i]
        row = [
            name,
            f"{m['wall'][i]:.2f}",
            f"{m['cpu'][i]:.2f}",
            f"{100 * m['cpu'][i] / total_cpu:.1f} %",
            f"{n / m['cpu'][i]:,.0f}" if m["cpu"][i] > 0 else "—",
            f"{n / cum_w:,.0f}",
            f"{n / cum_c:,.0f}",
        ]
        if base is not None:
            bcum_c += base["cpu"][i]
            row += [f"{n / bcum_c:,.0f}", f"{base['cpu'][i] / m['cpu'][i]:.1f}×" if m["cpu"][i] else "—"]
        rows.append(row)
    header = [
        "stage",
        "wall s",
        "CPU s",
        "share of CPU",
        "stage docs/s",
        "cum. docs/s (wall)",
        "cum. docs/s (CPU)",
    ]
    right = [False, True, True, True, True, True, True]
    if base is not None:
        header += ["before: cum. docs/s (CPU)", "stage speed-up"]
        right += [True, True]
    table = common.markdown_table(header, rows, right)
    cleaning = sum(m["cpu"][:4])
    lines = [
        table,
        "",
        f"{n:,} documents; cleaning alone {n / cleaning:,.0f} docs/s (CPU), whole pipeline "
        f"{n / total_cpu:,.0f} docs/s (CPU), {n / m['total_wall']:,.0f} docs/s (wall, with the loop); "
        f"start-up (first document, models loaded) {m['startup_s']:.2f} s; VmRSS at 10 / 50 / 100 % "
        + " / ".join(f"{m['rss'].get(str(p)) or 0:.0f}" for p in (10, 50, 100))
        + f" MiB, peak {m['peak_rss']:.0f} MiB.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, help=f"the first N records (default {DEFAULT_LIMIT:,})"
    )
    ap.add_argument("--all", action="store_true", help="all 31,030 records (overrides --limit)")
    ap.add_argument("--baseline", type=Path, help="also measure the khabar package of this source tree")
    ap.add_argument("--rounds", type=int, default=1, help="alternating rounds with --baseline (default 1)")
    ap.add_argument("--write-readme", action="store_true", help=f"replace the table in {README.name}")
    ap.add_argument(
        "--growth",
        type=int,
        default=0,
        metavar="N",
        help="also list the N source lines whose allocations after 10 %% are still held at 100 %% "
        "(tracemalloc: slows the pass, so its times are not comparable; no --baseline)",
    )
    ap.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="instead: cProfile one pass of this tree and list the N costliest modules and functions",
    )
    ap.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # child mode: print one measurement as JSON
    args = ap.parse_args(argv)
    limit = None if args.all else args.limit

    if args.one:
        print(json.dumps(measure(args.one, limit)))
        return 0
    if args.profile:
        print(profile(REPO / "src", limit, args.profile))
        return 0

    here_src = REPO / "src"
    head = f"Measured {common.now_utc()} on {common.cpu_model()}, load {common.load_average()}; one core"
    if args.baseline is None:
        m = measure(here_src, limit, args.growth)
        body = "\n".join(
            [
                f"{head}; {m['docs']:,} SaudiNewsNet articles (the first {m['records_read']:,} records read, "
                f"in {m['read_s']:.1f} s, not timed).",
                "",
                stage_table(m),
                "",
                _verdict(m),
            ]
        )
        if m["growth"]:
            body += "\n\n" + _growth_table(m)
    else:
        base_runs, new_runs = [], []
        for r in range(args.rounds):
            print(f"round {r + 1}/{args.rounds}: baseline {args.baseline}", file=sys.stderr)
            base_runs.append(_child(args.baseline, limit))
            print(f"round {r + 1}/{args.rounds}: this tree", file=sys.stderr)
            new_runs.append(_child(here_src, limit))
        base, new = _merge(base_runs), _merge(new_runs)
        body = "\n".join(
            [
                f"{head}; {new['docs']:,} SaudiNewsNet articles, {args.rounds} alternating round(s) per side "
                "(each stage's time: the lowest of the rounds).",
                "",
                f"**Before** (`{_describe(args.baseline)}`):",
                "",
                stage_table(base),
                "",
                f"**After** (this tree, `{_describe(here_src)}`):",
                "",
                stage_table(new, base),
                "",
                _verdict(new)
                + f" Whole pipeline {sum(base['cpu']) / sum(new['cpu']):.1f}× faster than before"
                " (CPU time, same run).",
            ]
        )
    print(body)
    if args.write_readme:
        common.replace_between(README, MARK_START, MARK_END, body)
    return 0


def _growth_table(m: dict[str, Any]) -> str:
    """What was allocated after 10 % of the documents and is still held at 100 % (``--growth``)."""
    rows = [[where, f"{mib:,.1f}", f"{count:,}"] for where, mib, count in m["growth"]]
    return (
        "Allocated after 10 % of the documents and still held at 100 % (tracemalloc, by source line; "
        "the times above are slowed by the tracing):\n\n"
        + common.markdown_table(["where", "MiB", "blocks"], rows, [False, True, True])
    )


def _verdict(m: dict[str, Any]) -> str:
    rate = m["docs"] / sum(m["cpu"])
    met = "meets" if rate >= TARGET_DOCS_PER_S else "misses"
    return (
        f"The whole pipeline at {rate:,.0f} docs/s per core {met} the issue's "
        f"{TARGET_DOCS_PER_S:,.0f} docs/s target."
    )


def _describe(src: Path) -> str:
    """The commit a source tree is at, for the table heading."""
    try:
        out = subprocess.run(
            ["git", "-C", str(src), "log", "-1", "--format=%h %s"], capture_output=True, text=True, check=True
        )
        return out.stdout.strip()[:80]
    except (OSError, subprocess.CalledProcessError):
        return str(src)


if __name__ == "__main__":
    raise SystemExit(main())
