"""What an archive holds, table by table, for telling whether two archives are the same.

A change to how documents are written (batched inserts, rows prepared in other processes, bulk-load
settings) must store what was stored before. :func:`contents` reads every row of every table (rowid
first, in rowid order, so the numbering counts too) without the columns that hold the time of
writing, the schema, and the full-text index as every occurrence of every term (FTS5's ``fts5vocab``
``instance`` table: term, document, column, offset). The index's segments (``fts_data``,
``fts_idx``) are left out: the same terms are laid out by which transactions wrote them.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

__all__ = ["CLOCKS", "SEGMENTS", "contents"]

#: columns holding the time a row was written, never the same twice
CLOCKS = {"documents": {"added"}, "runs": {"started", "finished"}, "schema_version": {"applied"}}
#: FTS5's segment tables
SEGMENTS = ("fts_data", "fts_idx")


def contents(path: str | Path, *, digest: bool = False) -> dict[str, Any]:
    """Every table's rows (see the module doc), ``sqlite_master`` and ``fts terms``, by name; with
    ``digest`` each as ``(rows, sha256)`` instead of the rows (for archives too large to hold)."""
    conn = sqlite3.connect(str(path))  # only reads (the index view lives in temp)
    try:
        out: dict[str, Any] = {}
        tables = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
            "ORDER BY name"
        ).fetchall()
        queries = []
        for name, sql in tables:
            if name in SEGMENTS:
                continue
            cols = [
                f'"{r[1]}"'
                for r in conn.execute(f'PRAGMA table_info("{name}")')
                if r[1] not in CLOCKS.get(name, ())
            ]
            key = "1" if "WITHOUT ROWID" in sql.upper() else "rowid"
            queries.append((name, f'SELECT {key}, {", ".join(cols)} FROM "{name}" ORDER BY {key}'))
        queries.append(
            (
                "sqlite_master",
                "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY 1, 2",
            )
        )
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'fts'").fetchone():
            conn.execute("CREATE VIRTUAL TABLE temp.fts_instances USING fts5vocab(main, fts, instance)")
            queries.append(
                ("fts terms", "SELECT term, doc, col, offset FROM temp.fts_instances ORDER BY 1, 2, 3, 4")
            )
        for name, sql in queries:
            if not digest:
                out[name] = conn.execute(sql).fetchall()
                continue
            h = hashlib.sha256()
            n = 0
            for row in conn.execute(sql):
                h.update(repr(row).encode("utf-8", "surrogatepass"))
                n += 1
            out[name] = (n, h.hexdigest())
        return out
    finally:
        conn.close()
