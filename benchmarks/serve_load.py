"""A bounded load test of ``khabar serve``: requests/s and latency percentiles of the search and document
pages, over loopback only.

1. The archive: ``--archive PATH`` (an existing one), or else one built in a temporary folder from the
   seed and the first ``--docs`` SaudiNewsNet sample articles with the fact layers (``khabar process
   --facts --archive``: entities, places, dates, quantities and, where the events stage is installed,
   events; all are highlighted on the document page, which is what makes it the heavier page).
2. ``khabar serve`` is started as a child process on a free port of 127.0.0.1 (one uvicorn worker, as a
   user runs it) and waited for.
3. For each page kind, a fixed number of requests (``--requests``, default 400) is sent by
   ``--concurrency`` client threads (default 4, each with its own keep-alive connection): the search
   page (``/?q=…``: BM25 hits, snippets, facet counts over all matches), the search API
   (``/api/search?q=…``), and the document page (``/documents/{id}``: the record with every fact
   highlighted) over the archive's documents in turn. Queries cycle through :data:`QUERIES`.
   A short warm-up precedes each kind. Every request has a 30 s timeout and the whole run a deadline
   (``--deadline``), so the test always stops by itself; the server is stopped at the end.

Reported per kind: requests, errors (non-200 or failed), requests/s (wall clock, all threads), and
p50/p95/p99/max latency in milliseconds. Both the server and the clients share this machine's cores
(2 here), so the figures are a floor for a dedicated machine.

Usage::

    .venv/bin/python benchmarks/serve_load.py          # builds a 300-article archive; 400 requests a kind
    .venv/bin/python benchmarks/serve_load.py --archive out/demo.db --requests 1000 --concurrency 8
"""

from __future__ import annotations

import argparse
import itertools
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import _common as common

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_788df9d9dddd1a7a.txt"
SAMPLE = SHARED / "data" / "saudinewsnet_sample" / "saudinewsnet_sample_3k.jsonl"
HOST = "127.0.0.1"  # loopback only: this test never sends traffic anywhere else

QUERIES = (
    "السعودية", "ادلب", "إيران", "النفط", "أسعار النفط", "الملك سلمان", '"مجلس الأمن"', "الرياض",
    "اليمن الحوثيين", "وزارة الصحة", "أوباما", "الاقتصاد", "رئيس الأسد", "محطات كهرباء", "داعش",
    "الهلال", "الاتفاق النووي", "الأمم المتحدة", "التعليم", "جدة",
)  # fmt: skip


@dataclass(slots=True)
class Result:
    kind: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    wall: float = 0.0


def build_archive(folder: Path, docs: int) -> Path:
    sample = folder / "sample.jsonl"
    with SAMPLE.open(encoding="utf-8") as src, sample.open("w", encoding="utf-8") as out:
        for _, line in zip(range(docs), src, strict=False):
            out.write(line)
    db = folder / "load.db"
    khabar = [sys.executable, "-m", "khabar.cli"]
    cmd = [
        *khabar,
        "process",
        str(SEED),
        str(sample),
        "--facts",
        "--archive",
        str(db),
        "-o",
        str(folder / "records.jsonl"),  # a real file: the writer replaces its output atomically
        "-q",
    ]
    t = time.perf_counter()
    subprocess.run(cmd, check=True)
    print(
        f"built {db.name} from {docs} articles + the seed in {time.perf_counter() - t:.1f} s", file=sys.stderr
    )
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-m",
        "khabar.cli",
        "serve",
        "--archive",
        str(db),
        "--host",
        HOST,
        "--port",
        str(port),
    ]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    import httpx

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/api/stats", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
        if proc.poll() is not None:
            raise SystemExit(f"khabar serve exited with status {proc.returncode}")
    proc.terminate()
    raise SystemExit("khabar serve did not answer within 30 s")


def run_kind(base: str, kind: str, urls: Callable[[int], str], n: int, conc: int, stop_at: float) -> Result:
    """Send ``n`` requests (URL ``urls(i)``) from ``conc`` threads; latencies in seconds."""
    import httpx

    res = Result(kind)
    lock = threading.Lock()
    counter = itertools.count()

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < stop_at:
                i = next(counter)
                if i >= n:
                    return
                t = time.perf_counter()
                try:
                    ok = client.get(urls(i)).status_code == 200
                except httpx.HTTPError:
                    ok = False
                dt = time.perf_counter() - t
                with lock:
                    res.latencies.append(dt)
                    res.errors += not ok

    # warm-up: the first requests open connections and fill SQLite's page cache
    with httpx.Client(base_url=base, timeout=30) as client:
        for i in range(min(10, n)):
            client.get(urls(i))
    threads = [threading.Thread(target=worker) for _ in range(conc)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    res.wall = time.perf_counter() - t0
    return res


def pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs)) - 1))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, help="an existing archive (default: build one)")
    ap.add_argument("--docs", type=int, default=300, help="articles in the built archive (default 300)")
    ap.add_argument("--requests", type=int, default=400, help="requests per page kind (default 400)")
    ap.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    ap.add_argument("--deadline", type=float, default=600, help="stop sending after this many seconds")
    args = ap.parse_args(argv)

    from urllib.parse import quote

    import httpx

    with tempfile.TemporaryDirectory(prefix="khabar-load-") as tmp:
        db = args.archive or build_archive(Path(tmp), args.docs)
        port = free_port()
        base = f"http://{HOST}:{port}"
        server = start_server(db, port)
        try:
            stats = httpx.get(base + "/api/stats", timeout=30).json()
            ids: list[str] = []
            page = 1
            while len(ids) < 1000:
                got = httpx.get(
                    base + "/api/search", params={"per_page": 100, "page": page}, timeout=30
                ).json()
                ids += [r["id"] for r in got["results"]]
                if len(got["results"]) < 100:
                    break
                page += 1
            stop_at = time.monotonic() + args.deadline
            kinds: list[tuple[str, Callable[[int], str]]] = [
                ("search page `/?q=`", lambda i: "/?q=" + quote(QUERIES[i % len(QUERIES)])),
                (
                    "search API `/api/search?q=`",
                    lambda i: "/api/search?q=" + quote(QUERIES[i % len(QUERIES)]),
                ),
                ("document page `/documents/{id}`", lambda i: "/documents/" + ids[i % len(ids)]),
                ("document API `/api/documents/{id}`", lambda i: "/api/documents/" + ids[i % len(ids)]),
            ]
            results = []
            for kind, urls in kinds:
                print(f"{kind}: {args.requests} requests, {args.concurrency} threads", file=sys.stderr)
                results.append(run_kind(base, kind, urls, args.requests, args.concurrency, stop_at))
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()

    rows = []
    for r in results:
        ms = [x * 1000 for x in r.latencies]
        rows.append(
            [
                r.kind,
                f"{len(ms):,}",
                str(r.errors),
                f"{len(ms) / r.wall:.0f}" if r.wall else "—",
                f"{statistics.median(ms):.1f}" if ms else "—",
                f"{pct(ms, 95):.1f}",
                f"{pct(ms, 99):.1f}",
                f"{max(ms):.1f}" if ms else "—",
            ]
        )
    print(
        f"khabar serve on {HOST}, archive of {stats['documents']:,} documents "
        f"({stats['entities']:,} entities, "
        f"{stats.get('events', 0):,} events); {args.concurrency} client thread"
        f"{'s' if args.concurrency > 1 else ''}; "
        f"{common.cpu_model()}, shared by server and clients; "
        f"load average {common.load_average()}; {common.now_utc()}\n"
    )
    print(
        common.markdown_table(
            ["page", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms"],
            rows,
            [False, True, True, True, True, True, True, True],
        )
    )
    return 0 if all(r.errors == 0 for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
