"""Throughput and memory of khabar's clean + structure step against datatrove's filters, on one core.

Run by ``make bench``; ``python benchmarks/textdump.py --limit 2000`` for a quick look. The corpus is
SaudiNewsNet in full (31,030 records in ``../shared/data/saudinewsnet_full/*.zip`` next to the repo;
53 records are empty and rejected by the reader, leaving 30,977 texts), each record composed into a
text dump (title, author, content lines) exactly as the gold set does.

Everything runs in this one process, single-threaded, in this order:

1. **read + split (floor)**: ``khabar.io.read_inputs`` and ``raw.split("\\n")`` on every record.
2. **khabar**: ``khabar.api.process_text`` on every record, streamed (one document alive at a time);
   ``json.dumps(doc.to_record(), ensure_ascii=False)`` timed apart and reported as "process +
   serialise". RSS (``VmRSS``) is sampled after 10 %, 50 % and 100 % of the documents.
3. **datatrove** (``khabar.eval.baseline``): ``c4_lines`` (C4's line rules) on every record, both
   through ``baseline_speed`` (the filter plus khabar's read-back of the kept lines) and as the bare
   ``filter()`` call; ``c4_full`` (``C4QualityFilter()``) and ``fineweb`` (``FineWebQualityFilter()``)
   through ``baseline_speed`` on every K-th record (``--sample K``, default 10), as they run at about
   a hundred documents a second.

Every step's clock excludes reading the corpus (the floor row measures that), so the rows compare the
work done on a text already in memory; "seconds" is wall time, "CPU s" the process CPU time in the
same stretch (on a loaded machine the gap between them is time spent waiting for a core). Peak RSS is
per step: the kernel's high-water mark is reset before each step (``/proc/self/clear_refs``).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import pstats
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import _common as common

if TYPE_CHECKING:
    from khabar.io import RawRecord, Reject

HERE = Path(__file__).resolve().parent
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet_full"
README = HERE / "README.md"
MARK_START, MARK_END = "<!-- textdump:start -->", "<!-- textdump:end -->"

#: the issue's targets
TARGET_DOCS_PER_S = 2000.0
#: growth of VmRSS from 10 % to 100 % of the documents still counted as "does not grow"
RSS_GROWTH_TOLERANCE = 0.05
#: the issue's reference points (docs/s, measured before khabar existed), by row key
REFERENCE = {
    "floor": "≈ 18,600",
    "khabar": "target ≥ 2,000",
    "c4_lines_bare": "≈ 6,900",
    "c4_full": "≈ 120–130",
    "fineweb": "≈ 200",
}
#: a short Arabic dump used to load models, lexicons and tokenizers before any clock starts
WARM_UP = (
    "عنوان الخبر\nالرياض - واس\n" + "هذا نص قصير في سطر واحد، من أجل تحميل النماذج. وهذه جملة ثانية.\n" * 4
)


def log(msg: str) -> None:
    print(f"[textdump {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# -- results ---------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Row:
    key: str
    step: str
    docs: int
    wall: float
    cpu: float
    nbytes: int
    peak_mb: float | None
    every: int = 1

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.wall if self.wall > 0 else math.inf

    @property
    def mb_per_s(self) -> float:
        return self.nbytes / 1e6 / self.wall if self.wall > 0 else math.inf


@dataclass(slots=True)
class Corpus:
    records: int = 0
    texts: int = 0
    rejects: int = 0
    nbytes: int = 0


@dataclass(slots=True)
class Tally:
    docs: int = 0
    nbytes: int = 0


@dataclass(slots=True)
class KhabarRun:
    process: Row
    serialise: Row
    rss: list[tuple[int, int, float | None]]  # (percent, documents done, VmRSS MiB)
    end_to_end: common.Lap
    out_chars: int
    sample: Tally  # the texts the 1-in-K baselines see (the 0th, K-th, …): khabar's count on them
    sample_lap: common.Lap  # and khabar's process_text time on them

    def docs_per_s(self, every: int) -> float:
        """khabar's docs/s on every text (``every`` = 1) or on the 1-in-``every`` sample."""
        if every == 1 or not self.sample.docs:
            return self.process.docs_per_s
        return self.sample.docs / self.sample_lap.wall if self.sample_lap.wall > 0 else math.inf


# -- the corpus, streamed --------------------------------------------------------------------------------
def records(data: Path, limit: int | None) -> Iterator[RawRecord | Reject]:
    """The corpus' records and rejects in order, stopping after ``limit`` texts."""
    from khabar.io import RawRecord, read_inputs

    texts = 0
    for item in read_inputs([str(data)], glob="*.zip"):
        yield item
        if isinstance(item, RawRecord):
            texts += 1
            if limit is not None and texts >= limit:
                return


def sampled_texts(
    data: Path, limit: int | None, every: int, reading: common.Stopwatch, tally: Tally
) -> Iterator[str]:
    """Every ``every``-th text (the 0th, the K-th, …), with the time spent reading put on ``reading``."""
    from khabar.io import RawRecord

    it = records(data, limit)
    k = -1

    def advance() -> str | None:
        nonlocal k
        for item in it:
            if isinstance(item, RawRecord):
                k += 1
                if k % every == 0:
                    tally.docs += 1
                    tally.nbytes += len(item.raw.encode("utf-8"))
                    return item.raw
        return None

    while True:
        reading.start()
        try:
            raw = advance()
        finally:
            reading.stop()
        if raw is None:
            return
        yield raw


class ExcludingClock:
    """A clock for ``baseline_speed``: ``perf_counter`` minus the time spent reading the corpus.

    It also notes the process CPU time (minus reading's) at every call, so the CPU seconds between
    ``baseline_speed``'s first and last reading can be reported next to the wall seconds.
    """

    def __init__(self, reading: common.Stopwatch) -> None:
        self.reading = reading
        self.calls: list[tuple[float, float]] = []

    def __call__(self) -> float:
        wall = time.perf_counter() - self.reading.lap.wall
        cpu = time.process_time() - self.reading.lap.cpu
        self.calls.append((wall, cpu))
        return wall

    def lap(self) -> common.Lap:
        (w0, c0), (w1, c1) = self.calls[0], self.calls[-1]
        return common.Lap(wall=w1 - w0, cpu=c1 - c0)


# -- the steps -------------------------------------------------------------------------------------------
def read_floor(data: Path, limit: int | None) -> tuple[Row, Corpus]:
    """Step 1: read every record and split its text into lines."""
    from khabar.io import RawRecord

    common.reset_peak_rss()
    corpus = Corpus()
    encoding = common.Stopwatch()  # counting UTF-8 bytes is not part of the floor
    whole = common.Stopwatch()
    whole.start()
    for item in records(data, limit):
        corpus.records += 1
        if isinstance(item, RawRecord):
            item.raw.split("\n")
            corpus.texts += 1
            encoding.start()
            corpus.nbytes += len(item.raw.encode("utf-8"))
            encoding.stop()
        else:
            corpus.rejects += 1
    whole.stop()
    row = Row(
        key="floor",
        step='read + `raw.split("\\n")` (floor)',
        docs=corpus.texts,
        wall=whole.lap.wall - encoding.lap.wall,
        cpu=whole.lap.cpu - encoding.lap.cpu,
        nbytes=corpus.nbytes,
        peak_mb=common.peak_rss_mb(),
    )
    return row, corpus


def khabar_pass(data: Path, limit: int | None, total: int, every: int) -> KhabarRun:
    """Step 2: ``process_text`` then ``json.dumps(doc.to_record())`` on every text, one at a time."""
    from khabar.api import process_text
    from khabar.io import RawRecord

    common.reset_peak_rss()
    process_text(WARM_UP, id="warm-up")  # models, lexicon and regexes load here, outside the clocks
    checkpoints = {max(1, math.ceil(total * p / 100)): p for p in (10, 50, 100)}
    rss: list[tuple[int, int, float | None]] = [(0, 0, common.rss_mb())]
    proc, ser, whole = common.Stopwatch(), common.Stopwatch(), common.Stopwatch()
    n = nbytes = out_chars = 0
    sample, sample_lap = Tally(), common.Lap()
    whole.start()
    for item in records(data, limit):
        if not isinstance(item, RawRecord):
            continue
        wall0, cpu0 = proc.lap.wall, proc.lap.cpu
        proc.start()
        doc = process_text(item.raw, id=item.id, source=item.source, meta=item.meta)
        proc.stop()
        if n % every == 0:  # n counts the texts before this one, as sampled_texts' k does
            sample.docs += 1
            sample_lap.wall += proc.lap.wall - wall0
            sample_lap.cpu += proc.lap.cpu - cpu0
        ser.start()
        line = json.dumps(doc.to_record(), ensure_ascii=False)
        ser.stop()
        n += 1
        nbytes += len(item.raw.encode("utf-8"))
        out_chars += len(line)
        if n in checkpoints:
            pct = checkpoints[n]
            rss.append((pct, n, common.rss_mb()))
            log(f"khabar: {n:,}/{total:,} documents ({pct} %), {proc.lap.wall:.0f} s in process_text")
    whole.stop()
    peak = common.peak_rss_mb()
    process = Row(
        "khabar", "khabar `process_text` (clean + structure)", n, proc.lap.wall, proc.lap.cpu, nbytes, peak
    )
    both = Row(
        "khabar_ser",
        "khabar process + serialise (`json.dumps(doc.to_record())`)",
        n,
        proc.lap.wall + ser.lap.wall,
        proc.lap.cpu + ser.lap.cpu,
        nbytes,
        peak,
    )
    return KhabarRun(process, both, rss, whole.lap, out_chars, sample, sample_lap)


def baseline_row(data: Path, limit: int | None, name: str, every: int) -> Row:
    """Step 3: datatrove baseline ``name`` through ``khabar.eval.baseline.baseline_speed``."""
    from khabar.eval.baseline import baseline_speed

    common.reset_peak_rss()
    reading = common.Stopwatch()
    tally = Tally()
    clock = ExcludingClock(reading)
    speed = baseline_speed(sampled_texts(data, limit, every, reading, tally), name, clock=clock)
    lap = clock.lap()
    if tally.docs and not math.isclose(speed, tally.docs / lap.wall, rel_tol=1e-6):
        raise RuntimeError(f"baseline {name}: baseline_speed counted other documents than were given")
    what = {
        "c4_lines": "datatrove `c4_lines` (C4 line rules), `baseline_speed`",
        "c4_full": "datatrove `c4_full` (`C4QualityFilter()`), `baseline_speed`",
        "fineweb": "datatrove `fineweb` (`FineWebQualityFilter()`), `baseline_speed`",
    }.get(name, f"datatrove `{name}`, `baseline_speed`")
    return Row(name, what, tally.docs, lap.wall, lap.cpu, tally.nbytes, common.peak_rss_mb(), every)


def bare_filter_row(data: Path, limit: int | None, name: str, every: int) -> Row:
    """Step 3b: the datatrove filters of baseline ``name`` alone: ``filter(Document)``, nothing read back.

    ``baseline_speed`` also reads back which lines the filter kept (khabar's evaluation needs that),
    which costs more than C4's line rules themselves; this row is the filter as datatrove runs it.
    The filter objects are built by ``khabar.eval.baseline`` so that the configuration is the same.
    """
    from khabar.eval.baseline import _datatrove, _steps

    common.reset_peak_rss()
    document_cls, filters = _datatrove()
    steps = _steps(name, filters)
    for step in steps:
        step.filter(document_cls(text=WARM_UP, id="warm-up"))
    reading, work = common.Stopwatch(), common.Stopwatch()
    tally = Tally()
    for raw in sampled_texts(data, limit, every, reading, tally):
        work.start()
        doc = document_cls(text=raw, id="doc")
        for step in steps:
            result = step.filter(doc)
            if not (result[0] if isinstance(result, tuple) else result):
                break
        work.stop()
    return Row(
        f"{name}_bare",
        f"datatrove `{name}`, bare `filter()` call",
        tally.docs,
        work.lap.wall,
        work.lap.cpu,
        tally.nbytes,
        common.peak_rss_mb(),
        every,
    )


# -- the report ------------------------------------------------------------------------------------------
def _n(x: float, digits: int = 0) -> str:
    return "∞" if math.isinf(x) else f"{x:,.{digits}f}"


def _mb(x: float | None) -> str:
    return "n/a" if x is None else f"{x:,.0f} MiB"


def render(
    rows: list[Row],
    run: KhabarRun,
    corpus: Corpus,
    env: dict[str, str],
    skipped: list[str],
    per_step_peaks: bool,
) -> str:
    header = [
        "step",
        "docs measured",
        "seconds",
        "CPU s",
        "docs/s",
        "MB/s",
        "khabar ÷ this",
        "peak RSS",
        "issue ref. docs/s",
    ]
    right = [False, True, True, True, True, True, True, True, False]
    body = []
    for r in rows:
        docs = f"{r.docs:,}" + (f" (1 in {r.every})" if r.every > 1 else "")
        body.append(
            [
                r.step,
                docs,
                f"{r.wall:,.1f}",
                f"{r.cpu:,.1f}",
                _n(r.docs_per_s),
                _n(r.mb_per_s, 2),
                f"{run.docs_per_s(r.every) / r.docs_per_s:.2f}" if r.docs_per_s else "n/a",
                _mb(r.peak_mb),
                REFERENCE.get(r.key, ""),
            ]
        )
    out = [
        f"- Run {env['date']} · Python {env['python']} · khabar {env['khabar']} "
        f"· datatrove {env['datatrove']} · spaCy {env['spacy']}",
        f"- CPU: {env['cpu']} · load average (1/5/15 min) at start {env['load_start']}, "
        f"at end {env['load_end']}",
        f"- Corpus: SaudiNewsNet, {corpus.records:,} records read, {corpus.rejects:,} rejected (empty), "
        f"{corpus.texts:,} texts, {corpus.nbytes / 1e6:,.1f} MB of UTF-8 text dumps"
        + (f" (`--limit {env['limit']}`)" if env["limit"] else ""),
        "",
        common.markdown_table(header, body, right),
        "",
    ]
    notes = [
        "One process, one thread (OMP/MKL/OpenBLAS threads = 1). Clocks exclude reading the corpus "
        "(the floor row is that cost); *seconds* is wall time, *CPU s* process CPU time over the same "
        "stretch — where CPU s is well below seconds the process was waiting for a core "
        "(the machine is shared).",
        "*khabar ÷ this* = khabar `process_text` docs/s ÷ the row's docs/s (above 1: khabar is faster).",
    ]
    if any(r.every > 1 for r in rows):
        every = max(r.every for r in rows)
        notes.append(
            f"For the 1-in-{every} rows the ratio uses khabar's time on the same {run.sample.docs:,} texts "
            f"(timed inside the full pass): {_n(run.docs_per_s(every))} docs/s, "
            f"against {_n(run.process.docs_per_s)} docs/s on all texts."
        )
    if per_step_peaks:
        notes.append(
            "Peak RSS is per step (`ru_maxrss` after resetting the kernel's high-water mark at the "
            "step's start); it includes what earlier steps left loaded (khabar runs before datatrove "
            "and spaCy are imported)."
        )
    else:
        notes.append("Peak RSS is `ru_maxrss` of the process so far (this kernel cannot reset it per step).")
    rss = " · ".join(
        f"{p} % ({d:,} docs) {_mb(m)}" if p else f"after warm-up {_mb(m)}" for p, d, m in run.rss
    )
    notes.append(f"khabar VmRSS: {rss}.")
    e2e = run.end_to_end
    notes.append(
        f"khabar in one streaming pass, reading included (read + process + serialise): "
        f"{e2e.wall:,.1f} s wall, {run.process.docs / e2e.wall:,.0f} docs/s; "
        f"{run.out_chars / 1e6:,.1f} M characters of JSON records produced (and discarded)."
    )
    notes += skipped
    out += [f"- {n}" for n in notes]
    out += ["", *targets(rows, run), "", f"Whole benchmark: {env['total']}."]
    return "\n".join(out)


def targets(rows: list[Row], run: KhabarRun) -> list[str]:
    khabar = run.process.docs_per_s
    by_key = {r.key: r for r in rows}
    c4 = by_key.get("c4_full")
    khabar_c4 = run.docs_per_s(c4.every) if c4 is not None else khabar
    first = next((m for p, _, m in run.rss if p == 10), None)
    last = next((m for p, _, m in run.rss if p == 100), None)
    lines = ["| issue target | measured | met? |", "|---|---|---|"]
    lines.append(
        f"| ≥ {TARGET_DOCS_PER_S:,.0f} docs/s on one core, clean + structure | {_n(khabar)} docs/s | "
        f"{'yes' if khabar >= TARGET_DOCS_PER_S else 'no'} |"
    )
    if c4 is not None:
        lines.append(
            f"| faster than datatrove's full `C4QualityFilter` | "
            f"{_n(khabar_c4)} vs {_n(c4.docs_per_s)} docs/s on the same {c4.docs:,} texts "
            f"({khabar_c4 / c4.docs_per_s:.2f}×) | "
            f"{'yes' if khabar_c4 > c4.docs_per_s else 'no'} |"
        )
    if first is not None and last is not None:
        growth = (last - first) / first
        lines.append(
            f"| peak RSS does not grow with the number of documents | VmRSS {first:,.1f} → {last:,.1f} MiB "
            f"from 10 % to 100 % ({growth:+.1%}); peak {_mb(run.process.peak_mb)} | "
            f"{'yes' if growth <= RSS_GROWTH_TOLERANCE else 'no'} (tolerance {RSS_GROWTH_TOLERANCE:.0%}) |"
        )
    return lines


# -- profile mode ----------------------------------------------------------------------------------------
def profile(data: Path, n: int, top: int = 25) -> None:
    """cProfile ``process_text`` over the first ``n`` texts; print the top functions both ways."""
    from khabar.api import process_text
    from khabar.io import RawRecord

    items = [r for r in records(data, n) if isinstance(r, RawRecord)]
    process_text(WARM_UP, id="warm-up")
    prof = cProfile.Profile()
    prof.enable()
    for item in items:
        process_text(item.raw, id=item.id, source=item.source, meta=item.meta)
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    print(f"cProfile of process_text over {len(items):,} texts: {total:.2f} s of own time in all\n")
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    print(buf.getvalue())
    print(f"Top {top} by own time (share of the profiled total):")
    own = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]  # type: ignore[attr-defined]
    for (path, line, func), (_cc, calls, tt, ct, _callers) in own:
        where = f"{Path(path).name}:{line}({func})" if line else func
        print(f"  {tt / total:6.1%} own  {ct / total:6.1%} cum  {calls:>10,} calls  {where}")


# -- main ------------------------------------------------------------------------------------------------
def positive(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer, not {text}")
    return value


def main(argv: list[str] | None = None) -> int:
    common.single_threaded()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--limit", type=positive, help="only the first N texts (for a quick run)")
    ap.add_argument(
        "--sample",
        type=positive,
        default=10,
        metavar="K",
        help="run the slow baselines (c4_full, fineweb) on every K-th text (default 10; 1 = all)",
    )
    ap.add_argument("--write-readme", action="store_true", help=f"replace the table in {README.name}")
    ap.add_argument("--data", type=Path, default=DATA, help="the SaudiNewsNet folder of ZIP files")
    ap.add_argument(
        "--profile", type=positive, metavar="N", help="instead: cProfile process_text over the first N texts"
    )
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        ap.error(f"{args.data} is not a folder; the SaudiNewsNet ZIP files are expected there")
    if args.profile:
        profile(args.data, args.profile)
        return 0

    t_start = time.perf_counter()
    env = {
        "date": common.now_utc(),
        "python": sys.version.split()[0],
        "khabar": common.version("khabar"),
        "datatrove": common.version("datatrove"),
        "spacy": common.version("spacy"),
        "cpu": common.cpu_model(),
        "load_start": common.load_average(),
        "limit": str(args.limit or ""),
    }
    log(f"load average {env['load_start']}; reading {args.data}")
    per_step_peaks = common.reset_peak_rss()

    floor, corpus = read_floor(args.data, args.limit)
    log(f"floor: {corpus.texts:,} texts in {floor.wall:.1f} s ({floor.docs_per_s:,.0f} docs/s)")
    run = khabar_pass(args.data, args.limit, corpus.texts, args.sample)
    log(f"khabar: {run.process.docs_per_s:,.0f} docs/s")
    rows = [floor, run.process, run.serialise]

    skipped: list[str] = []
    plan: list[tuple[Callable[[Path, int | None, str, int], Row], str, int]] = [
        (baseline_row, "c4_lines", 1),
        (bare_filter_row, "c4_lines", 1),
        (baseline_row, "c4_full", args.sample),
        (baseline_row, "fineweb", args.sample),
    ]
    from khabar.errors import UsageError

    for func, name, every in plan:
        try:
            row = func(args.data, args.limit, name, every)
        except UsageError as e:  # datatrove, regex or spacy missing
            skipped.append(f"datatrove `{name}` not measured: {e}")
            log(skipped[-1])
            continue
        rows.append(row)
        log(f"{row.step}: {row.docs:,} docs, {row.docs_per_s:,.1f} docs/s")

    env["load_end"] = common.load_average()
    total = time.perf_counter() - t_start
    env["total"] = f"{total / 60:.1f} min ({total:,.0f} s) wall, started {env['date']}"
    report = render(rows, run, corpus, env, skipped, per_step_peaks)
    print(report)
    if args.write_readme:
        common.replace_between(README, MARK_START, MARK_END, report)
        log(f"wrote the table into {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
