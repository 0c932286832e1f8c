"""Corpus mode on SaudiNewsNet: engines and workers, site profiles, near-duplicate clusters.

What it measures (all 31,030 records of ``../shared/data/saudinewsnet_full/*.zip`` by default):

1. ``khabar run`` as the command runs it (site profiles learned in a first pass, then processing,
   then near-duplicate clusters; JSON Lines shards) with the local engine at 1 and 2 workers and the
   Ray engine at 2 workers, each in a fresh process and a fresh output folder: wall seconds, docs/s,
   the speed-up over one local worker, the peak RSS of each worker process (sampled from ``/proc``
   every 0.2 s; with one worker the work runs in the main process, whose peak is given) and of the
   main process. The three outputs are compared: they must be byte-identical.
2. Site profiles: per outlet, its documents, template lines, and the share of its lines (blocks)
   that the profile removed (``site_profile:<site>``), from the local run's output.
3. The profile thresholds on the gold set: boilerplate F1 on the gold set's SaudiNewsNet dumps with
   profiles learned from the corpus, over a grid of shares and protection scores, and how many gold
   content lines each setting removes (how the defaults in ``khabar.corpus.profiles`` were chosen).
4. Near-duplicate clusters: how many, their sizes, how many span several outlets, three examples.

Usage::

    .venv/bin/python benchmarks/corpus.py --limit 3000        # a quick check on the first 3,000
    .venv/bin/python benchmarks/corpus.py                     # everything (minutes)
    .venv/bin/python benchmarks/corpus.py --write-readme      # and replace the table in README.md

Progress goes to stderr, the report (Markdown) to stdout. The machine must be quiet for the
speed figures to mean anything: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import _common as common

README = Path(__file__).with_name("README.md")
MARK_START, MARK_END = "<!-- corpus:start -->", "<!-- corpus:end -->"
CONFIGS = (("local", 1), ("local", 2), ("ray", 2))


# -- one configuration, in a child process -----------------------------------------------------------
def _descendants(root: int) -> dict[int, str]:
    """The processes below ``root``: pid → command line."""
    parent: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = Path(f"/proc/{d}/stat").read_text()
            parent[int(d)] = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    out: dict[int, str] = {}
    frontier = [root]
    while frontier:
        p = frontier.pop()
        for c, pp in parent.items():
            if pp == p and c not in out:
                try:
                    out[c] = (
                        Path(f"/proc/{c}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                    )
                except OSError:
                    out[c] = ""
                frontier.append(c)
    return out


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class RssSampler(threading.Thread):
    """Peak RSS of every worker process below this one (local pool workers, Ray workers)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[int, int] = {}
        self.kinds: dict[int, str] = {}
        self.stop = threading.Event()
        self.errors: list[str] = []

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.is_set():
            try:
                for pid, cmd in _descendants(me).items():
                    if "spawn_main" in cmd or "default_worker.py" in cmd or cmd.startswith("ray::"):
                        kind = "worker"
                    else:
                        kind = "other"
                    self.kinds[pid] = kind
                    self.peaks[pid] = max(self.peaks.get(pid, 0), _rss_kb(pid))
            except Exception as err:  # a process that ends mid-read: keep sampling, but say so
                self.errors.append(repr(err))
            self.stop.wait(0.2)


def run_one(
    engine: str, workers: int, inputs: list[str], glob: str, out: str, shard_size: int
) -> dict[str, Any]:
    from khabar.corpus import run

    sampler = RssSampler()
    sampler.start()
    t0 = time.perf_counter()
    s = run(inputs, out, glob=glob, workers=workers, engine=engine, shard_size=shard_size,
            profiles=os.path.join(out, "profiles"), progress=False)  # fmt: skip
    wall = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    workers_kb = [kb for pid, kb in sampler.peaks.items() if sampler.kinds.get(pid) == "worker" and kb]
    others_kb = [kb for pid, kb in sampler.peaks.items() if sampler.kinds.get(pid) == "other" and kb]
    return {
        "summary": s.to_dict(),
        "wall": wall,
        "main_peak_mb": common.peak_rss_mb(),
        "worker_peaks_mb": sorted(kb / 1024 for kb in workers_kb),
        "other_procs_mb": sum(others_kb) / 1024,
        "sampler_errors": sampler.errors[:5],
    }


# -- the report parts --------------------------------------------------------------------------------
def _materialise(limit: int, dest: Path) -> tuple[list[str], str]:
    """The first ``limit`` SaudiNewsNet records as one JSON Lines file (text composed as the reader does)."""
    from khabar.eval import shared_data
    from khabar.io import RawRecord, read_inputs

    src = shared_data("saudinewsnet_full")
    if not src.exists():
        raise SystemExit(f"{src} is not there: this benchmark needs ../shared/data beside the repository")
    if not limit:
        return [str(src)], "*.zip"
    with dest.open("w", encoding="utf-8") as f:
        for n, it in enumerate(read_inputs([str(src)], glob="*.zip")):
            if n >= limit:
                break
            if isinstance(it, RawRecord):
                rec = {"id": it.id, "text": it.raw, "source": it.source.site, "url": it.source.uri}
            else:  # keep the reader's rejects as rejects: an empty text
                rec = {"id": it.id, "text": "", "source": None}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return [str(dest)], "*"


def _records(out: Path) -> list[dict[str, Any]]:
    from khabar.io import read_jsonl

    return [r for p in sorted(out.glob("part-*.jsonl")) for r in read_jsonl(p)]


def _files(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "summary.json"
    }


def profile_table(out: Path, records: list[dict[str, Any]]) -> str:
    from khabar.corpus.profiles import load_profiles

    prof = load_profiles(str(out / "profiles"))
    docs: Counter[str] = Counter()
    lines: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    examples: dict[str, Counter[str]] = {}
    for r in records:
        site = (r.get("source") or {}).get("site") or "?"
        docs[site] += 1
        for b in r["blocks"]:
            lines[site] += 1
            if (b.get("reason") or "").startswith("site_profile:"):
                removed[site] += 1
                examples.setdefault(site, Counter())[b["text"][:40]] += 1
    rows = []
    for site, n in docs.most_common():
        sp = prof.get(site) if prof else None
        top = ", ".join(f"«{t}» ×{c}" for t, c in examples.get(site, Counter()).most_common(2))
        rows.append([site, f"{n:,}", "-" if sp is None else str(len(sp.lines)), f"{lines[site]:,}",
                     f"{removed[site]:,}", f"{removed[site] / max(1, lines[site]):.2%}",
                     top or "—"])  # fmt: skip
    tot_l, tot_r = sum(lines.values()), sum(removed.values())
    rows.append(
        [
            "**all**",
            f"{sum(docs.values()):,}",
            "",
            f"{tot_l:,}",
            f"{tot_r:,}",
            f"{tot_r / max(1, tot_l):.2%}",
            "",
        ]
    )
    return common.markdown_table(
        ["outlet", "docs", "template lines", "lines (blocks)", "removed by profile", "share", "most removed"],
        rows,
        [False, True, True, True, True, True, False],
    )


def sweep_table(inputs: list[str], glob: str) -> str:
    """Boilerplate F1 on the gold SaudiNewsNet dumps with profiles, over the threshold grid."""
    from khabar.corpus import profiles as P
    from khabar.eval.gold import load_gold
    from khabar.eval.textdump import Prediction, score
    from khabar.io import RawRecord, read_inputs
    from khabar.model import Source

    try:
        golds = [g for g in load_gold() if g.origin == "saudinewsnet"]
    except Exception as err:  # the gold set is optional for the rest of the benchmark
        return f"(gold set not available: {err})"
    counts = P.learn_records(read_inputs(inputs, glob=glob))

    def f1(prof: P.Profiles | None, protect: float = P.PROTECT_SCORE) -> tuple[float, int, int]:
        preds = {}
        content = removed = 0
        for g in golds:
            item = RawRecord(id=g.id, raw=g.raw, source=Source(uri=g.url, site=g.source))
            doc = P.process_record(item, prof, protect_score=protect)
            preds[g.id] = Prediction(
                [(b.raw_start, b.raw_end, b.kind) for b in doc.blocks], doc.title, doc.is_article
            )
            for b in doc.blocks:
                if (b.reason or "").startswith("site_profile:"):
                    removed += 1
                    line = next(ln for ln in g.lines if ln.raw_start <= b.raw_start < ln.raw_end)
                    content += line.label != "boilerplate"
        return score(golds, preds).overall.boilerplate.f1 or 0.0, removed, content

    base, _, _ = f1(None)
    rows = [["no profiles", "", "", f"{base:.4f}", "", ""]]
    for share in (0.005, 0.01, 0.02, 0.05, 0.1):
        for protect in (0.5, 0.6, 0.8, 1.01):  # 1.01: nothing is protected
            val, rem, cont = f1(counts.profiles(min_share=share, min_docs=P.MIN_DOCS), protect)
            mark = " ←" if (share, protect) == (P.MIN_SHARE, P.PROTECT_SCORE) else ""
            rows.append([f"{share:g}", f"{P.MIN_DOCS}", "none" if protect > 1 else f"{protect:g}",
                         f"{val:.4f}{mark}", str(rem), str(cont)])  # fmt: skip
    n_docs = sum(counts.docs.values())
    head = f"{len(golds)} gold SaudiNewsNet dumps; profiles learned from {n_docs:,} documents\n\n"
    return head + common.markdown_table(
        [
            "min share",
            "min docs",
            "protect score",
            "boilerplate F1",
            "lines removed",
            "of which gold content",
        ],
        rows,
        [True, True, True, True, True, True],
    )


def cluster_report(out: Path, records: list[dict[str, Any]]) -> str:
    by_id = {r["id"]: r for r in records}
    clusters: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        rep = (r.get("signals") or {}).get("dup_cluster")
        if rep is not None:
            clusters.setdefault(rep, []).append(r)
    sizes = Counter(len(m) for m in clusters.values())
    multi = {k: m for k, m in clusters.items() if len({(x.get("source") or {}).get("site") for x in m}) > 1}
    in_clusters = sum(len(m) for m in clusters.values())
    bins = [("2", 2, 2), ("3", 3, 3), ("4–5", 4, 5), ("6–10", 6, 10), ("> 10", 11, 10**9)]
    hist = ", ".join(f"{name}: {sum(c for s, c in sizes.items() if lo <= s <= hi)}" for name, lo, hi in bins)
    lines = [
        f"- {len(clusters):,} clusters holding {in_clusters:,} of {len(records):,} records "
        f"({in_clusters / max(1, len(records)):.1%}); {in_clusters - len(clusters):,} records are copies "
        "of a cluster's representative",
        f"- sizes: {hist}; largest {max(sizes) if sizes else 0}",
        f'- {len(multi):,} clusters span two or more outlets (syndicated copy: "published by N outlets")',
        "",
        "Three examples (the largest cluster spanning several outlets, the largest overall, and a pair):",
        "",
    ]
    picks: list[list[dict[str, Any]]] = []
    if multi:
        picks.append(
            max(multi.values(), key=lambda m: (len({(x.get("source") or {}).get("site") for x in m}), len(m)))
        )
    if clusters:
        picks.append(max(clusters.values(), key=len))
        pairs = [m for m in multi.values() if len(m) == 2] or [m for m in clusters.values() if len(m) == 2]
        if pairs:
            picks.append(pairs[len(pairs) // 2])
    for m in picks:
        sites = sorted({(x.get("source") or {}).get("site") or "?" for x in m})
        rep = by_id.get(m[0]["signals"]["dup_cluster"], m[0])
        lines.append(
            f"* **{len(m)} records, {len(sites)} outlets** ({', '.join(sites)}): "
            f"«{(rep.get('title') or '')[:90]}»"
        )
        for x in m[:4]:
            lines.append(
                f"  * {(x.get('source') or {}).get('site')} `{x['id']}`: «{(x.get('title') or '')[:70]}»"
            )
        if len(m) > 4:
            lines.append(f"  * … {len(m) - 4} more")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N records (default: all)")
    ap.add_argument(
        "--shard-size", type=int, default=0, help="records per shard (default 1000, less with --limit)"
    )
    ap.add_argument("--no-ray", action="store_true", help="skip the Ray row")
    ap.add_argument(
        "--write-readme", action="store_true", help=f"replace the corpus section of {README.name}"
    )
    ap.add_argument("--one", help=argparse.SUPPRESS)  # ENGINE:WORKERS:OUT:SHARD:GLOB:INPUT… (child mode)
    args, rest = ap.parse_known_args()
    if args.one:
        engine, workers, out, shard, glob = args.one.split(":", 4)
        print(json.dumps(run_one(engine, int(workers), rest, glob, out, int(shard))))
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="khabar-bench-corpus-"))
    inputs, glob = _materialise(args.limit, tmp / "input.jsonl")
    shard = args.shard_size or (1000 if not args.limit else max(50, min(1000, args.limit // 20)))
    load0 = common.load_average()
    results: dict[tuple[str, int], dict[str, Any]] = {}
    for engine, workers in CONFIGS:
        if engine == "ray" and args.no_ray:
            continue
        out = tmp / f"{engine}-{workers}"
        print(f"corpus: {engine} × {workers} …", file=sys.stderr)
        child = [sys.executable, __file__, "--one", f"{engine}:{workers}:{out}:{shard}:{glob}", *inputs]
        proc = subprocess.run(child, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"the {engine} × {workers} run failed")
        results[(engine, workers)] = json.loads(proc.stdout.strip().splitlines()[-1])
    load1 = common.load_average()

    base = results[("local", 1)]
    ref_files = _files(tmp / "local-1")
    rows = []
    for (engine, workers), r in results.items():
        s = r["summary"]
        dps = s["records_in"] / r["wall"]
        same = "yes" if _files(tmp / f"{engine}-{workers}") == ref_files else "**no**"
        wk = r["worker_peaks_mb"]
        if wk:
            per_worker = f"{max(wk):.0f} MiB"
        elif workers == 1:
            per_worker = f"{r['main_peak_mb']:.0f} MiB (main)"
        else:  # the sampler saw no worker (it reports why in sampler_errors)
            per_worker = "not sampled"
        rows.append([engine, str(workers), f"{s['records_in']:,}", f"{r['wall']:.1f}", f"{dps:,.0f}",
                     f"{base['wall'] / r['wall']:.2f}×", per_worker, f"{r['main_peak_mb']:.0f} MiB",
                     f"{r['other_procs_mb']:.0f} MiB" if engine == "ray" else "", same])  # fmt: skip
    s0 = base["summary"]
    records = _records(tmp / "local-1")
    which = "all" if not args.limit else f"first {args.limit:,}"
    report = "\n".join(
        [
            f"- Run {common.now_utc()} · Python {sys.version.split()[0]} · "
            f"khabar {common.version('khabar')} · "
            f"ray {common.version('ray')} · datasketch {common.version('datasketch')}",
            f"- CPU: {common.cpu_model()} · load average at start {load0}, at end {load1}",
            f"- Input: SaudiNewsNet, {s0['records_in']:,} records ({which}), "
            f"{s0['records_out']:,} written, rejects {s0['rejects']}; shards of {shard}; "
            "site profiles learned "
            "in the run (pass 1), near-duplicates marked",
            "",
            "### Engines",
            "",
            common.markdown_table(
                [
                    "engine",
                    "workers",
                    "records",
                    "seconds",
                    "docs/s",
                    "speed-up",
                    "peak RSS per worker",
                    "main process peak",
                    "Ray's own processes",
                    "output = local × 1",
                ],
                rows,
                [False, True, True, True, True, True, True, True, True, False],
            ),
            "",
            "- *seconds*: wall time of the whole `khabar run` (read, learn profiles, process, cluster, "
            "write), in a fresh process each. *peak RSS per worker*: the largest worker's peak (sampled "
            "every 0.2 s); "
            "with one worker the work runs in the main process. *Ray's own processes*: GCS, raylet and "
            "helpers at the end of the run (not workers).",
            "",
            "### Site profiles per outlet",
            "",
            profile_table(tmp / "local-1", records),
            "",
            "### Profile thresholds on the gold set",
            "",
            sweep_table(inputs, glob),
            "",
            "### Near-duplicate clusters",
            "",
            cluster_report(tmp / "local-1", records),
        ]
    )
    print(report)
    if args.write_readme:
        common.replace_between(README, MARK_START, MARK_END, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
