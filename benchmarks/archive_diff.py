"""Are two archives the same? Every table's rows, the schema, every full-text term, and search results.

Used to check that a change to how the archive is written (batched inserts, rows prepared in the
``khabar run`` workers, bulk-load settings) stores exactly what was stored before: build one archive
with each tree from the same records, then::

    .venv/bin/python benchmarks/archive_diff.py BEFORE.db AFTER.db

What is compared (:func:`khabar.archive.contents.contents`, as digests): every table's rows with
their rowids, in rowid order, except the clocks (``documents.added``, ``runs.started`` and
``runs.finished``, ``schema_version.applied``); ``sqlite_master`` (every table and index); the
full-text index as every occurrence of every term (``fts5vocab`` ``instance``). FTS5's segment
tables (``fts_data``, ``fts_idx``) are compared apart and reported, not required to be equal: the same
terms are laid out by which transactions wrote them. Then the first page (ids, scores, snippets,
highlights) and total of the 100 queries of ``benchmarks/search.py``. Exit status 0 when all but the
segments is identical.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
from pathlib import Path
from typing import Any


def segments(path: str) -> dict[str, tuple[int, str]]:
    """The FTS5 segment tables' rows and sha256."""
    from khabar.archive.contents import SEGMENTS

    conn = sqlite3.connect(path)
    out = {}
    for name in SEGMENTS:
        h = hashlib.sha256()
        rows = conn.execute(f"SELECT * FROM {name} ORDER BY 1, 2").fetchall()
        h.update(repr(rows).encode())
        out[name] = (len(rows), h.hexdigest())
    conn.close()
    return out


def queries(path: str) -> list[Any]:
    """The first page (ids, scores, snippets, highlights) and the total of search.py's 100 queries."""
    sys.path.insert(0, str(Path(__file__).parent))
    import search as bench

    from khabar.archive import Archive, count, search

    with Archive(path) as archive:
        pages: list[Any] = []
        bench._latency(archive, search, count, pages)
    return pages


def main() -> int:
    from khabar.archive.contents import contents

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--no-queries", action="store_true", help="skip the 100 search queries")
    args = ap.parse_args()
    a, b = contents(args.before, digest=True), contents(args.after, digest=True)
    same = True
    for name in sorted(set(a) | set(b)):
        flag = "same" if a.get(name) == b.get(name) else "DIFFERS"
        same = same and flag == "same"
        print(f"{name:20s} {a[name][0] if name in a else '-':>9} rows  {flag}")
    sa, sb = segments(args.before), segments(args.after)
    for name in sa:
        flag = "same" if sa[name] == sb[name] else "differs (segments: not required)"
        print(f"{name:20s} {sa[name][0]:>9} rows  {flag}")
    if not args.no_queries:
        qa, qb = queries(args.before), queries(args.after)
        nq = sum(1 for x, y in zip(qa, qb, strict=True) if x == y)
        print(f"search queries: {nq} of {len(qa)} identical (first page and total)")
        same = same and nq == len(qa)
    print("IDENTICAL" if same else "NOT IDENTICAL")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
