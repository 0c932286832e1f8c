"""Are two archives the same? Every table's rows, the schema, and full-text results, compared.

Used to check that a change to how the archive is written (batched inserts, rows prepared in the
``khabar run`` workers, bulk-load settings) stores exactly what was stored before: build one archive
with each tree from the same records, then::

    .venv/bin/python benchmarks/archive_diff.py BEFORE.db AFTER.db

What is compared, table by table (``sqlite_master``'s tables and their ``rowid`` where they have one,
in rowid order): every column except the clocks (``documents.added``, ``runs.started`` and
``runs.finished``, ``schema_version.applied``); the ``CREATE`` statements of every table and index;
the FTS5 shadow tables (``fts_data`` … : the segments; they differ when only the merge pattern does,
so they are reported apart), and the rowids the full-text index returns for every term of
``fts5vocab`` with a document count of 2 or more, sampled, and for the 100 queries of
``benchmarks/search.py`` through :func:`khabar.archive.search.search` and ``count``. Exit status 0
when everything but the FTS5 segments is identical.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
from pathlib import Path
from typing import Any

#: columns that hold the time of writing, never the same twice
CLOCKS = {"documents": {"added"}, "runs": {"started", "finished"}, "schema_version": {"applied"}}
#: FTS5's own tables (the index's segments and settings)
SHADOW = ("fts_data", "fts_idx", "fts_docsize", "fts_config", "fts_content")


def tables(conn: sqlite3.Connection) -> list[str]:
    """The archive's ordinary tables (not the virtual FTS table, which has no rows to read)."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
            "ORDER BY name"
        )
    ]


def table_digest(conn: sqlite3.Connection, name: str) -> tuple[int, str]:
    """(rows, sha256 of every row in rowid order, clocks left out) of one table."""
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info({name})") if r[1] not in CLOCKS.get(name, set())]
    without_rowid = bool(
        conn.execute("SELECT 1 FROM sqlite_master WHERE name = ? AND sql LIKE '%WITHOUT ROWID%'", (name,))
        .fetchone()
    )
    sel = ", ".join(f'"{c}"' for c in cols)
    if without_rowid:
        sql = f"SELECT {sel} FROM {name} ORDER BY 1, 2"
    else:
        sql = f"SELECT rowid, {sel} FROM {name} ORDER BY rowid"
    h = hashlib.sha256()
    n = 0
    for row in conn.execute(sql):
        h.update(repr(row).encode("utf-8", "surrogatepass"))
        n += 1
    return n, h.hexdigest()


def schema(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    return sorted((r[0], r[1], r[2] or "") for r in conn.execute("SELECT type, name, sql FROM sqlite_master"))


def fts_terms(conn: sqlite3.Connection, every: int = 50) -> dict[str, str]:
    """Every ``every``-th term of both columns (by the vocabulary's order): the sha256 of the rowids
    a MATCH on it returns."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, fts, 'row')")
    out: dict[str, str] = {}
    terms = [r[0] for r in conn.execute("SELECT term FROM temp.v WHERE doc >= 2 ORDER BY term")]
    for term in terms[::every]:
        for col in ("stem", "norm"):
            ids = [r[0] for r in conn.execute("SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid",
                                              (f'{col} : "{term}"',))]  # fmt: skip
            out[f"{col}:{term}"] = hashlib.sha256(repr(ids).encode()).hexdigest()
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
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--no-queries", action="store_true", help="skip the 100 search queries")
    args = ap.parse_args()
    a, b = sqlite3.connect(args.before), sqlite3.connect(args.after)
    same = True
    if schema(a) != schema(b):
        same = False
        print("schema differs:", sorted(set(schema(a)) ^ set(schema(b))))
    for name in sorted(set(tables(a)) | set(tables(b))):
        da = table_digest(a, name) if name in tables(a) else None
        db = table_digest(b, name) if name in tables(b) else None
        shadow = name in SHADOW
        flag = "same" if da == db else ("differs (FTS5 segments)" if shadow else "DIFFERS")
        if da != db and not shadow:
            same = False
        print(f"{name:20s} {da[0] if da else '-':>9} rows  {flag}")
    ta, tb = fts_terms(a), fts_terms(b)
    diff = [k for k in ta if ta.get(k) != tb.get(k)] + [k for k in tb if k not in ta]
    print(f"fts terms: {len(ta)} checked, {len(diff)} differ")
    same = same and not diff
    if not args.no_queries:
        qa, qb = queries(args.before), queries(args.after)
        nq = sum(1 for x, y in zip(qa, qb, strict=True) if x == y)
        print(f"search queries: {nq} of {len(qa)} identical (first page and total)")
        same = same and nq == len(qa)
    print("IDENTICAL" if same else "NOT IDENTICAL")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
