"""Writing a document into the full-text index (the store calls it for every document it adds).

A module of its own, below both :mod:`khabar.archive.store` (which writes) and
:mod:`khabar.archive.search` (which reads): the store no longer imports the search to index.
"""

from __future__ import annotations

import sqlite3

from khabar.archive.analysis import index_terms

__all__ = ["index_document"]


def index_document(conn: sqlite3.Connection, n: int, text: str) -> None:
    """Index one document's display text under rowid ``n`` (``Archive.add`` calls it)."""
    stems, norms = index_terms(text)
    conn.execute("INSERT INTO fts (rowid, stem, norm) VALUES (?, ?, ?)", (n, stems, norms))
