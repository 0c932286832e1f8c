"""The archive on all of SaudiNewsNet: indexing throughput, archive size, query latency.

1. Every record of ``../shared/data/saudinewsnet_full/*.zip`` (31,030; ``--limit`` for fewer) is
   processed with the default pipeline (``--facts`` adds the fact layers, as ``khabar run --archive``
   does; much slower) and stored in a fresh archive with :meth:`Archive.add_many` in batches of 500
   (documents, blocks, the FTS5 index over the analysed view). Timed apart: processing, and storing +
   indexing (the archive's own throughput).
2. The archive's size on disk after a WAL checkpoint.
3. 100 mixed queries (:data:`QUERIES`: single Arabic words in several spellings, multi-word queries,
   quoted phrases, ``--exact``, site and date filters), each as the search page runs it: the first
   page of 10 hits with snippets (:func:`khabar.archive.search.search`) plus the total
   (:func:`~khabar.archive.search.count`). Each query runs once cold (first time) and then 3 more
   times; p50/p95/max are over the 100 queries (warm: the median of the 3 runs). Target (issue 6):
   p95 < 50 ms.

Usage::

    .venv/bin/python benchmarks/search.py --limit 3000    # quick check
    .venv/bin/python benchmarks/search.py                 # all 31,030 (a few minutes)
    .venv/bin/python benchmarks/search.py --write-readme  # and replace the table in README.md
    .venv/bin/python benchmarks/search.py --scale 100000,300000 --archive BIG.db  # grow it, keep it
    .venv/bin/python benchmarks/search.py --reuse BIG.db  # only the queries, on an archive built before
    .venv/bin/python benchmarks/search.py --reuse BIG.db --baseline OTHER/src --baseline-archive OLD.db

With ``--baseline``, each tree runs the 100 queries in a fresh process (``PYTHONPATH``), alternating
``--rounds`` times, on its own archive (an older tree cannot open an archive a newer one migrated:
give it a copy made before), and the report compares wall and CPU percentiles and whether each
query's first page (ids, scores, snippets, highlights) and total are the same.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common as common

README = Path(__file__).with_name("README.md")
MARK_START, MARK_END = "<!-- search:start -->", "<!-- search:end -->"

_WORDS = (
    "السعودية", "الرياض", "النفط", "إيران", "ايران", "اليمن", "الحوثيين", "داعش", "الهلال", "النصر",
    "الاقتصاد", "الأسهم", "الاسهم", "التعليم", "الصحة", "المرور", "الأمطار", "الحج", "العمرة", "مكة",
    "جدة", "الدمام", "أبها", "الذهب", "الدولار", "الإرهاب", "أوباما", "بوتين", "كيري", "سوريا",
    "العراق", "مصر", "قطر", "الكويت", "البحرين", "المستشفى", "مستشفي", "السُّعودية", "رئيس", "وزير",
)  # fmt: skip
_MULTI = (
    "أسعار النفط", "الملك سلمان", "مجلس الأمن", "الاتفاق النووي", "وزارة الصحة", "سوق الأسهم",
    "الأمم المتحدة", "الحوثيين عدن", "داعش الرقة", "كورونا الصحة", "الدوري السعودي", "ولي العهد",
    "التحالف العربي", "أمير منطقة", "رئيس الوزراء", "البنك المركزي", "الطقس أمطار", "حادث مروري",
    "وزير الخارجية", "الأمن العام",
)  # fmt: skip
_PHRASES = (
    '"خادم الحرمين الشريفين"', '"مجلس الوزراء"', '"ولي العهد"', '"وزارة الصحة"', '"الأمم المتحدة"',
    '"سوق الأسهم السعودية"', '"الاتفاق النووي"', '"مجلس التعاون"', '"وزير الخارجية"', '"الملك سلمان"',
)  # fmt: skip


def _queries() -> list[tuple[str, dict[str, Any]]]:
    """The 100 queries: 40 words, 20 multi-word, 10 phrases, 10 exact, 20 with filters."""
    qs: list[tuple[str, dict[str, Any]]] = [(w, {}) for w in _WORDS]
    qs += [(m, {}) for m in _MULTI]
    qs += [(p, {}) for p in _PHRASES]
    qs += [(w, {"exact": True}) for w in _WORDS[:10]]
    sites = ("sabq", "alriyadh", "okaz", "aawsat", "alyaum")
    qs += [(w, {"site": sites[i % len(sites)]}) for i, w in enumerate(_WORDS[10:20])]
    qs += [(m, {"date_from": "2015-07-01", "date_to": "2015-08-31"}) for m in _MULTI[:5]]
    qs += [(w, {"site": "alriyadh", "date_from": "2015-07-01"}) for w in _WORDS[20:25]]
    assert len(qs) == 100
    return qs


QUERIES = _queries()


def _filtered(kw: dict[str, Any]) -> dict[str, Any]:
    """A query's options as this tree's search takes them: ``exact`` as it is and the filters as a
    ``SearchFilters`` value, or for a baseline tree from before ``khabar.archive.filters`` the loose
    keyword arguments."""
    if not kw:
        return {}
    try:
        from khabar.archive.filters import SearchFilters
    except ImportError:
        return kw
    rest = {k: v for k, v in kw.items() if k == "exact"}
    narrowing = {k: v for k, v in kw.items() if k != "exact"}
    return {**rest, "filters": SearchFilters(**narrowing)} if narrowing else rest


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p * (len(xs) - 1)))]


def _size(archive: Any, path: str) -> int:
    """The archive's bytes on disk after a WAL checkpoint."""
    archive.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))


def _latency(
    archive: Any, search: Any, count: Any, pages: list[Any] | None = None, cpu: list[float] | None = None
) -> tuple[list[float], list[float], list[int], list[Any]]:
    """Cold and warm milliseconds, hit totals and the 3 slowest (warm) of :data:`QUERIES`; ``pages``
    gets each query's first page (ids, scores, snippets, highlights) and ``cpu`` its warm CPU ms."""
    cold: list[float] = []
    warm: list[float] = []
    hits: list[int] = []
    for q, kw in QUERIES:
        times = []
        cpus = []
        total = 0
        page: list[Any] = []
        for _ in range(4):
            t, c = time.perf_counter(), time.process_time()
            page = search(archive, q, limit=10, **_filtered(kw))
            total = count(archive, q, **_filtered(kw))
            times.append((time.perf_counter() - t) * 1000)
            cpus.append((time.process_time() - c) * 1000)
        cold.append(times[0])
        warm.append(statistics.median(times[1:]))
        hits.append(total)
        if cpu is not None:
            cpu.append(statistics.median(cpus[1:]))
        if pages is not None:
            pages.append([[h.id, round(h.score, 9), h.snippet, h.highlights] for h in page] + [total])
    slowest = sorted(zip(warm, QUERIES, strict=True), key=lambda x: -x[0])[:3]
    return cold, warm, hits, slowest


def _copy(doc: Any, k: int) -> Any:
    """Copy ``k`` of a processed document: a new input (a marker in ``raw``, so a new content id), the
    id suffixed, the date ``k`` weeks later (so date filters see a spread, not ``k`` piles)."""
    import copy
    import datetime as dt

    c = copy.copy(doc)
    c.id = f"{doc.id}~{k}"
    c.raw = f"{doc.raw or doc.text}\n<!-- copy {k} -->"
    if doc.published and len(doc.published) >= 10:
        try:
            day = dt.date.fromisoformat(doc.published[:10]) + dt.timedelta(weeks=k)
            c.published = day.isoformat() + doc.published[10:]
        except ValueError:
            pass
    return c


def _grow(archive: Any, kept: list[Any], target: int) -> tuple[float, int]:
    """Add copies of ``kept`` until the archive holds ``target`` documents; (seconds, added)."""
    have = len(archive)
    added = 0
    seconds = 0.0
    k = 1 + (have - 1) // max(1, len(kept))
    while have + added < target:
        need = target - have - added
        for i in range(0, min(need, len(kept)), 500):
            part = [_copy(d, k) for d in kept[i : min(i + 500, need)]]
            t = time.perf_counter()
            added += archive.add_many(part)[0]
            seconds += time.perf_counter() - t
        print(f"search: grown to {have + added:,}", file=sys.stderr)
        k += 1
    return seconds, added


def _reuse(path: str) -> dict[str, Any]:
    """Latency of :data:`QUERIES` on an existing archive (this process's khabar): the JSON a
    ``--reuse`` child prints."""
    from khabar.archive import Archive, count, search

    with Archive(path) as archive:
        n = len(archive)
        pages: list[Any] = []
        cpu: list[float] = []
        cold, warm, hits, slowest = _latency(archive, search, count, pages, cpu)
    return {
        "documents": n,
        "cold": cold,
        "warm": warm,
        "cpu": cpu,
        "hits": hits,
        "pages": pages,
        "slowest": [[ms, q, kw] for ms, (q, kw) in slowest],
    }


def _compare(args: argparse.Namespace) -> int:
    """``--reuse`` with ``--baseline``: both trees on their archives, alternating, in child processes."""
    import json
    import subprocess

    sides = [
        ("before", args.baseline, args.baseline_archive),
        ("after", Path(__file__).parents[1] / "src", args.reuse),
    ]
    runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
    load0 = common.load_average()
    for _ in range(args.rounds):
        for name, src, path in sides:
            env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
            out = subprocess.run(
                [sys.executable, __file__, "--reuse", str(path), "--json"],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            runs[name].append(json.loads(out))
            print(f"search: {name} round done", file=sys.stderr)
    load1 = common.load_average()

    def best(name: str, key: str) -> list[float]:
        return [min(r[key][i] for r in runs[name]) for i in range(len(QUERIES))]

    rows = []
    for name, _src, _path in sides:
        w, c = best(name, "warm"), best(name, "cpu")
        rows.append(
            [
                name,
                f"{runs[name][0]['documents']:,}",
                f"{_pct(w, 0.5):.1f}",
                f"**{_pct(w, 0.95):.1f}**",
                f"{max(w):.1f}",
                f"{_pct(c, 0.5):.1f}",
                f"**{_pct(c, 0.95):.1f}**",
                f"{max(c):.1f}",
            ]
        )
    a, b = runs["before"][0], runs["after"][0]
    same = sum(1 for x, y in zip(a["pages"], b["pages"], strict=True) if x == y)
    same_totals = sum(1 for x, y in zip(a["hits"], b["hits"], strict=True) if x == y)
    wa, wb = best("before", "warm"), best("after", "warm")
    slow = sorted(range(len(QUERIES)), key=lambda i: -wb[i])[:6]
    report = "\n".join(
        [
            f"Measured {common.now_utc()} on {common.cpu_model()}, load {load0} at start, {load1} at end; "
            f"{args.rounds} alternating round(s) a side, each query's warm time the lowest of the rounds "
            "(a round: 4 runs of a query, the first cold, warm = median of the other 3).",
            "",
            common.markdown_table(
                [
                    "tree",
                    "documents",
                    "wall p50 ms",
                    "wall p95 ms",
                    "wall max ms",
                    "CPU p50 ms",
                    "CPU p95 ms",
                    "CPU max ms",
                ],
                rows,
                [False, True, True, True, True, True, True, True],
            ),
            "",
            f"First pages (ids, scores, snippets, highlights) identical before and after: {same} of "
            f"{len(QUERIES)} queries; totals identical: {same_totals} of {len(QUERIES)}. Slowest after "
            "(wall ms, before → after, matches): "
            + "; ".join(
                f"`{QUERIES[i][0]}`{' ' + str(QUERIES[i][1]) if QUERIES[i][1] else ''} "
                f"{wa[i]:.0f} → {wb[i]:.0f} ({b['hits'][i]:,})"
                for i in slow
            )
            + ".",
        ]
    )
    print(report)
    return 0


def _store_child(records: str, path: str) -> dict[str, Any]:
    """Store + index of the records in ``records`` (JSON Lines, with raw) into a fresh archive at
    ``path`` with this process's khabar, batches of 500: ``add_many`` (rows prepared by the writer),
    and where this khabar has them, the rows prepared first and ``add_rows`` timed alone, inside
    ``bulk_load``. CPU and wall seconds."""
    import contextlib
    import json

    from khabar.archive import Archive
    from khabar.model import Document

    with open(records, encoding="utf-8") as f:
        docs = [Document.from_record(json.loads(line)) for line in f]
    out: dict[str, Any] = {"documents": len(docs)}
    with Archive(path) as archive:
        bulk = getattr(archive, "bulk_load", None)
        with bulk() if bulk else contextlib.nullcontext():
            try:
                from khabar.archive.rows import document_rows
            except ImportError:  # a tree from before: the writer prepares every row
                t, c = time.perf_counter(), time.process_time()
                for i in range(0, len(docs), 500):
                    archive.add_many(docs[i : i + 500])
                out.update(wall=time.perf_counter() - t, cpu=time.process_time() - c)
                return out
            t, c = time.perf_counter(), time.process_time()
            rows = [document_rows(d) for d in docs]
            out.update(prep_wall=time.perf_counter() - t, prep_cpu=time.process_time() - c)
            t, c = time.perf_counter(), time.process_time()
            for i in range(0, len(rows), 500):
                archive.add_rows(rows[i : i + 500])
            out.update(store_wall=time.perf_counter() - t, store_cpu=time.process_time() - c)
            out.update(wall=out["prep_wall"] + out["store_wall"], cpu=out["prep_cpu"] + out["store_cpu"])
    return out


def _store_compare(args: argparse.Namespace) -> int:
    """``--store-compare N``: store + index of the first N records into fresh archives, this tree and
    ``--baseline``'s alternated ``--rounds`` times, each in a fresh process; then whether the two
    archives hold the same rows (``benchmarks/archive_diff.py``'s comparison)."""
    import json
    import subprocess

    from khabar.api import process_text
    from khabar.archive.contents import contents
    from khabar.eval import shared_data
    from khabar.io import RawRecord, read_inputs

    work = Path(tempfile.mkdtemp(prefix="khabar-bench-store-"))
    records = work / "records.jsonl"
    with open(records, "w", encoding="utf-8") as f:
        n = 0
        for it in read_inputs([str(shared_data("saudinewsnet_full"))], glob="*.zip"):
            if n >= args.store_compare:
                break
            if isinstance(it, RawRecord):
                doc = process_text(it.raw, id=it.id, source=it.source, meta=it.meta)
                f.write(json.dumps(doc.to_record(include_raw=True), ensure_ascii=False) + "\n")
                n += 1
    sides = [("before", args.baseline), ("after", Path(__file__).parents[1] / "src")]
    runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
    load0 = common.load_average()
    for r in range(args.rounds):
        for name, src in sides:
            db = work / f"{name}-{r}.db"
            env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
            out = subprocess.run(
                [sys.executable, __file__, "--store-child", str(records), "--archive", str(db)],
                env=env, check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            runs[name].append(json.loads(out))
            print(f"search: store {name} round {r + 1}: {runs[name][-1]}", file=sys.stderr)
    load1 = common.load_average()
    same = contents(work / "before-0.db", digest=True) == contents(work / "after-0.db", digest=True)

    def rates(name: str, key: str) -> str:
        return " / ".join(f"{x['documents'] / x[key]:,.0f}" for x in runs[name] if key in x)

    rows = [
        ["before: `add_many`", rates("before", "cpu"), rates("before", "wall")],
        ["after: `add_many` (rows prepared by the writer)", rates("after", "cpu"), rates("after", "wall")],
        ["after: `document_rows` alone", rates("after", "prep_cpu"), rates("after", "prep_wall")],
        [
            "after: `add_rows` alone (the writer's own work)",
            rates("after", "store_cpu"),
            rates("after", "store_wall"),
        ],
    ]
    print(
        f"Measured {common.now_utc()} on {common.cpu_model()}, load {load0} at start, {load1} at end; "
        f"the first {n:,} SaudiNewsNet articles (default pipeline, processed beforehand) into a fresh "
        f"archive, batches of 500, each side a fresh process, alternated {args.rounds} times "
        f"(before: `{args.baseline}`).\n\n"
        + common.markdown_table(
            ["store + index", "CPU docs/s (each round)", "wall docs/s"], rows, [False, True, True]
        )
        + "\n\nThe two archives hold the same rows (rowids, schema, every full-text term): "
        + ("yes." if same else "NO.")
    )
    return 0 if same else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reuse", help="only measure query latency on this existing archive (no building)")
    ap.add_argument("--json", action="store_true", help="with --reuse: print the measurements as JSON")
    ap.add_argument("--baseline", type=Path, help="with --reuse: also this source tree's khabar, alternated")
    ap.add_argument("--baseline-archive", help="with --baseline: the archive the baseline opens (its schema)")
    ap.add_argument("--rounds", type=int, default=2, help="with --baseline: alternating rounds a side")
    ap.add_argument("--limit", type=int, default=0, help="only the first N records (default: all)")
    ap.add_argument("--facts", action="store_true", help="also find facts (entities, places, dates …)")
    ap.add_argument("--archive", help="keep the archive at this path (default: a temporary file)")
    ap.add_argument(
        "--scale",
        default="",
        help="after the corpus, grow the archive to these sizes (comma-separated, e.g. 100000,300000) "
        "with copies of its documents (suffixed ids, dates shifted by whole weeks, a marker in the raw "
        "input so each copy is a new document) and report store+index speed and latency at each",
    )
    ap.add_argument(
        "--write-readme", action="store_true", help=f"replace the search section of {README.name}"
    )
    ap.add_argument(
        "--store-compare",
        type=int,
        default=0,
        metavar="N",
        help="with --baseline: store + index of the first N records, this tree against the baseline's",
    )
    ap.add_argument("--store-child", help=argparse.SUPPRESS)  # child of --store-compare: the records
    args = ap.parse_args()
    if args.store_child:
        import json

        print(json.dumps(_store_child(args.store_child, args.archive)))
        return 0
    if args.store_compare:
        if not args.baseline:
            raise SystemExit("--store-compare needs --baseline SRC")
        return _store_compare(args)
    if args.reuse and args.baseline:
        return _compare(args)
    if args.reuse:
        import json

        res = _reuse(args.reuse)
        if args.json:
            print(json.dumps(res, ensure_ascii=False))
        else:
            w, c = res["warm"], res["cpu"]
            print(
                f"{res['documents']:,} documents: warm p50 / p95 / max {_pct(w, 0.5):.1f} / "
                f"{_pct(w, 0.95):.1f} / {max(w):.1f} ms (CPU {_pct(c, 0.5):.1f} / {_pct(c, 0.95):.1f} / "
                f"{max(c):.1f})"
            )
        return 0
    scales = sorted(int(x.replace("_", "")) for x in args.scale.split(",") if x.strip())

    from khabar.api import process_text
    from khabar.archive import Archive, count, search
    from khabar.archive.rows import document_rows
    from khabar.cli import FACT_STAGES
    from khabar.eval import shared_data
    from khabar.io import RawRecord, read_inputs

    src = shared_data("saudinewsnet_full")
    if not src.exists():
        raise SystemExit(f"{src} is not there: this benchmark needs ../shared/data beside the repository")
    path = args.archive or os.path.join(tempfile.mkdtemp(prefix="khabar-bench-search-"), "snn.db")
    if os.path.exists(path):
        raise SystemExit(f"{path} exists; give a new path (the benchmark builds a fresh archive)")
    extra = FACT_STAGES if args.facts else ()
    load0 = common.load_average()
    process_text("عنوان\nنص", extra=extra)  # models load outside the clocks
    t_proc = t_prep = t_store = c_prep = c_store = 0.0
    n_docs = n_rej = 0
    batch: list[Any] = []
    kept: list[Any] = []  # the processed documents, copied to grow the archive (--scale)
    with Archive(path) as archive, archive.bulk_load():
        t_all = time.perf_counter()
        for n, it in enumerate(read_inputs([str(src)], glob="*.zip")):
            if args.limit and n >= args.limit:
                break
            if not isinstance(it, RawRecord):
                n_rej += 1
                continue
            t = time.perf_counter()
            doc = process_text(it.raw, id=it.id, source=it.source, meta=it.meta, extra=extra)
            t_proc += time.perf_counter() - t
            if scales:
                kept.append(doc)
            t, c = time.perf_counter(), time.process_time()
            batch.append(document_rows(doc))
            t_prep += time.perf_counter() - t
            c_prep += time.process_time() - c
            if len(batch) >= 500:
                t, c = time.perf_counter(), time.process_time()
                n_docs += archive.add_rows(batch)[0]
                t_store += time.perf_counter() - t
                c_store += time.process_time() - c
                batch = []
                print(f"search: {n_docs:,} indexed", file=sys.stderr)
        t, c = time.perf_counter(), time.process_time()
        n_docs += archive.add_rows(batch)[0]
        t_store += time.perf_counter() - t
        c_store += time.process_time() - c
        t_all = time.perf_counter() - t_all
        size = _size(archive, path)
        cold, warm, hits, slowest = _latency(archive, search, count)
        grown = []
        for target in scales:
            t_grow, added = _grow(archive, kept, target)
            c2, w2, _, _ = _latency(archive, search, count)
            grown.append((target, added, t_grow, _size(archive, path), w2, c2))
    load1 = common.load_average()

    which = "all" if not args.limit else f"first {args.limit:,}"
    rows = [
        ["documents indexed", f"{n_docs:,} ({which} records; {n_rej} rejected by the reader)"],
        ["processing (" + ("default pipeline + facts" if args.facts else "default pipeline") + ")",
         f"{t_proc:.1f} s, {n_docs / t_proc:,.0f} docs/s"],
        ["preparing the rows (`document_rows`: index terms, fact rows, record JSON)",
         f"{t_prep:.1f} s, {n_docs / t_prep:,.0f} docs/s (CPU {c_prep:.1f} s)"],
        ["storing + indexing the rows (`Archive.add_rows`, the writer's own work)",
         f"{t_store:.1f} s, **{n_docs / t_store:,.0f} docs/s** "
         f"(CPU {c_store:.1f} s, {n_docs / c_store:,.0f} docs/s)"],
        ["both (`Archive.add_many`: rows prepared by the writer)",
         f"{t_prep + t_store:.1f} s, {n_docs / (t_prep + t_store):,.0f} docs/s "
         f"(CPU {n_docs / (c_prep + c_store):,.0f} docs/s)"],
        ["end to end (read + process + prepare + store)", f"{t_all:.1f} s, {n_docs / t_all:,.0f} docs/s"],
        ["archive size", f"{size / 2**20:,.0f} MiB ({size / max(1, n_docs) / 1024:.1f} KiB per document)"],
        ["query latency, warm (p50 / p95 / max)",
         f"{_pct(warm, 0.5):.1f} / **{_pct(warm, 0.95):.1f}** / {max(warm):.1f} ms (target p95 < 50 ms)"],
        ["query latency, cold (p50 / p95 / max)",
         f"{_pct(cold, 0.5):.1f} / {_pct(cold, 0.95):.1f} / {max(cold):.1f} ms"],
        ["hits per query (median, max; queries with none)",
         f"{statistics.median(hits):,.0f}, {max(hits):,}; {sum(1 for h in hits if not h)}"],
    ]  # fmt: skip
    n0 = n_docs
    for target, added, t_grow, sz, w2, _c2 in grown:
        rows.append(
            [f"grown to {target:,} documents (+{added:,} copies)",
             f"store+index {added / t_grow:,.0f} docs/s; warm p50 / p95 {_pct(w2, 0.5):.1f} / "
             f"**{_pct(w2, 0.95):.1f}** ms (×{_pct(w2, 0.95) / max(1e-9, _pct(warm, 0.95)):.2f} of "
             f"{n0:,}); {sz / 2**20:,.0f} MiB"]
        )  # fmt: skip
    slow = "; ".join(f"`{q}` {kw or ''} {ms:.1f} ms" for ms, (q, kw) in slowest)
    report = "\n".join(
        [
            f"- Run {common.now_utc()} · Python {sys.version.split()[0]} · khabar {common.version('khabar')} "
            f"· SQLite {__import__('sqlite3').sqlite_version}",
            f"- CPU: {common.cpu_model()} · load average at start {load0}, at end {load1}",
            "",
            common.markdown_table(["what", "result"], rows, [False, False]),
            "",
            "- 100 queries: 40 words (several spellings, one with diacritics), 20 multi-word, 10 quoted "
            "phrases, 10 `--exact`, 20 with site and/or date filters; each is the first page of 10 hits "
            "with snippets plus the total count.",
            f"- slowest (warm): {slow}",
        ]
    )
    print(report)
    if args.write_readme:
        common.replace_between(README, MARK_START, MARK_END, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
