"""The HTML path on big pages (issue 15, item 6): khabar against trafilatura, same run, decoding included.

Two page sets: the ``--largest`` (20) largest pages of ``../shared/data/html_bench`` and every page of
``../shared/data/peer_pages`` (real pages from other extractors' test suites, 29–530 KB). Each tool is
handed the page's bytes, as a crawler has them, and timed on decoding plus extraction: khabar's
``decode_html`` + ``process_text`` (cleaning and structure, no facts), trafilatura's ``extract``
(``favor_precision=True, include_comments=False``: the issue's setting) which decodes bytes itself. The
tools alternate ``--rounds`` times over each set, in one process on one thread, and each keeps its best
round, so a burst of load on the shared machine does not fall on one tool only. ``--profile`` adds
khabar's 25 costliest functions (cProfile, cumulative) over both sets.

    .venv/bin/python benchmarks/htmlbig.py
    .venv/bin/python benchmarks/htmlbig.py --profile
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from collections.abc import Callable
from pathlib import Path

from _common import cpu_model, load_average, markdown_table, now_utc, single_threaded, version

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"


def page_sets(largest: int) -> dict[str, list[tuple[str, bytes]]]:
    """``{set name: [(page name, bytes)]}``: html_bench's largest pages, and the peer pages."""
    bench = sorted((DATA / "html_bench").glob("*/*.html"), key=lambda p: -p.stat().st_size)[:largest]
    peers = sorted((DATA / "peer_pages").glob("*/page.html"))
    return {
        f"html_bench, {len(bench)} largest": [(p.stem, p.read_bytes()) for p in bench],
        f"peer_pages, {len(peers)} pages": [(p.parent.name, p.read_bytes()) for p in peers],
    }


def khabar_run() -> Callable[[str, bytes], object]:
    from khabar.api import process_text
    from khabar.io.html import decode_html
    from khabar.model import Source

    def run(name: str, data: bytes) -> object:
        dec = decode_html(data, name=name)
        return process_text(dec.text, id=name, source=Source(format="html"))

    return run


def trafilatura_run() -> Callable[[str, bytes], object]:
    import trafilatura

    def run(name: str, data: bytes) -> object:
        return trafilatura.extract(data, favor_precision=True, include_comments=False)

    return run


def timed(fn: Callable[[str, bytes], object], pages: list[tuple[str, bytes]]) -> float:
    t = time.process_time()
    for name, data in pages:
        fn(name, data)
    return time.process_time() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--largest", type=int, default=20, help="html_bench pages, largest first (default 20)")
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds, best kept (default 5)")
    ap.add_argument("--profile", action="store_true", help="also print khabar's costliest functions")
    args = ap.parse_args(argv)
    single_threaded()
    sets = page_sets(args.largest)
    tools = {"khabar": khabar_run(), "trafilatura favor_precision, no comments": trafilatura_run()}
    load_start = load_average()
    for fn in tools.values():  # warm: models, lexicons, lxml's parser
        for pages in sets.values():
            fn(*pages[0])
    rows = []
    for set_name, pages in sets.items():
        kb = sum(len(d) for _, d in pages) / 1024
        best = dict.fromkeys(tools, float("inf"))
        for _ in range(args.rounds):  # alternate the tools, keep each one's best round
            for t, fn in tools.items():
                best[t] = min(best[t], timed(fn, pages))
        k = best["khabar"]
        for tool, secs in best.items():
            rows.append(
                [
                    set_name,
                    f"{kb:,.0f} KB",
                    tool,
                    f"{secs:.3f}",
                    f"{len(pages) / secs:,.1f}",
                    f"{secs / k:.2f}×" if tool != "khabar" else "1.00×",
                ]
            )
    print(f"- Run {now_utc()} · CPU: {cpu_model()} · one thread · CPU time, best of {args.rounds} rounds")
    print(f"- load average at start {load_start}, at end {load_average()}")
    print(f"- khabar {version('khabar')}, trafilatura {version('trafilatura')}")
    print()
    print(
        markdown_table(
            ["pages", "size", "tool", "CPU s", "pages/s", "khabar ÷ tool (speed)"],
            rows,
            [False, True, False, True, True, True],
        )
    )
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for pages in sets.values():
            timed(tools["khabar"], pages)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
