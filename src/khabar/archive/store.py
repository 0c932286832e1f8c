"""The archive: processed documents in one SQLite file, versioned, idempotent, searchable.

Tables: ``documents`` (content-addressed: the id is the sha256 of the raw input and the source URI,
so adding the same input twice stores it once), ``blocks`` (removed ones too, with their reasons),
``entities`` (entities, dates and quantities, by ``kind``), ``refs``, ``runs`` and ``rejects``, and
the search index (:mod:`khabar.archive.search`). ``schema_version`` records which migrations have run;
opening an archive applies the missing ones, and refuses an archive written by a newer khabar.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from khabar.arabic.normalize import normalize
from khabar.errors import KhabarError
from khabar.model import Document

__all__ = ["SCHEMA_VERSION", "Archive", "ArchiveError", "content_id"]


class ArchiveError(KhabarError):
    """An archive file that cannot be opened or used."""

    code = "K500"
    reason = "archive"
    exit_code = 4


# Each migration takes the schema from version i to i + 1; append new ones, never edit old ones.
MIGRATIONS: tuple[str, ...] = (
    # 1: the initial schema
    """
    CREATE TABLE documents (
        n INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source_id TEXT,
        uri TEXT,
        site TEXT,
        title TEXT,
        published TEXT,
        is_article INTEGER,
        text TEXT NOT NULL,
        record TEXT NOT NULL,
        added REAL NOT NULL
    );
    CREATE INDEX documents_site ON documents(site);
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE blocks (
        doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,
        i INTEGER NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER,
        end INTEGER,
        raw_start INTEGER,
        raw_end INTEGER,
        reason TEXT,
        PRIMARY KEY (doc, i)
    );
    CREATE INDEX blocks_reason ON blocks(reason) WHERE reason IS NOT NULL;
    CREATE TABLE entities (
        doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,
        kind TEXT NOT NULL,            -- entity, date or quantity
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        norm TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        ref TEXT,
        attrs TEXT NOT NULL
    );
    CREATE INDEX entities_doc ON entities(doc);
    CREATE INDEX entities_norm ON entities(norm);
    CREATE INDEX entities_ref ON entities(ref);
    CREATE TABLE refs (
        doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,
        ref TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (doc, ref)
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started REAL NOT NULL,
        finished REAL NOT NULL,
        inputs TEXT NOT NULL,
        records_in INTEGER NOT NULL,
        processed INTEGER NOT NULL,
        added INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        reasons TEXT NOT NULL
    );
    CREATE TABLE rejects (
        run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        id TEXT,
        input TEXT,
        code TEXT,
        reason TEXT NOT NULL,
        message TEXT
    );
    CREATE INDEX rejects_reason ON rejects(reason);
    CREATE TABLE doc_tokens (
        doc INTEGER PRIMARY KEY REFERENCES documents(n) ON DELETE CASCADE,
        tokens TEXT NOT NULL            -- JSON [[stem, norm, start, end], ...] into documents.text
    );
    CREATE VIRTUAL TABLE fts USING fts5(
        stem, norm, content='', tokenize="unicode61 remove_diacritics 0"
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def content_id(raw: str, uri: str | None) -> str:
    """The archive id of an input: sha256 of its raw text and source URI (hex)."""
    h = hashlib.sha256(raw.encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update((uri or "").encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class Archive:
    """An archive file (created when missing). Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path)
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(
                f"{self.path}: cannot open as a khabar archive ({exc})", value=self.path
            ) from exc

    # -- schema -----------------------------------------------------------------------------------
    @property
    def version(self) -> int:
        row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        with self.conn:
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, applied REAL NOT NULL)"
            )
        current = self.version
        if current > SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path} has schema version {current}, newer than this khabar's "
                f"{SCHEMA_VERSION}; upgrade khabar to use it",
                value=current,
            )
        for v in range(current, SCHEMA_VERSION):
            with self.conn:
                for stmt in _statements(MIGRATIONS[v]):
                    self.conn.execute(stmt)
                self.conn.execute("INSERT INTO schema_version VALUES (?, ?)", (v + 1, time.time()))

    # -- writing ----------------------------------------------------------------------------------
    def add(self, doc: Document) -> bool:
        """Store a processed document; False (and nothing written) when the same input is stored."""
        with self.conn:
            return self._add(doc)

    def add_many(self, docs: Iterable[Document]) -> tuple[int, int]:
        """Store documents in one transaction; ``(added, duplicates)``."""
        added = dup = 0
        with self.conn:
            for doc in docs:
                if self._add(doc):
                    added += 1
                else:
                    dup += 1
        return added, dup

    def _add(self, doc: Document) -> bool:
        from khabar.archive.search import index_document

        did = content_id(doc.raw or doc.text, doc.source.uri)
        site = doc.source.site
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO documents (id, source_id, uri, site, title, published, is_article, "
            "text, record, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                did,
                doc.id,
                doc.source.uri,
                site,
                doc.title,
                doc.published,
                None if doc.is_article is None else int(doc.is_article),
                doc.text,
                json.dumps(doc.to_record(), ensure_ascii=False),
                time.time(),
            ),
        )
        if cur.rowcount == 0:
            return False
        n = cur.lastrowid
        self.conn.executemany(
            "INSERT INTO blocks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (n, i, b.kind, b.text, b.start, b.end, b.raw_start, b.raw_end, b.reason)
                for i, b in enumerate(doc.blocks)
            ],
        )
        rows = []
        for kind, spans in (("entity", doc.entities), ("date", doc.dates), ("quantity", doc.quantities)):
            for s in spans:
                ref = s.attrs.get("ref")
                rows.append(
                    (
                        n,
                        kind,
                        s.label,
                        s.text,
                        normalize(s.text),
                        s.start,
                        s.end,
                        ref if isinstance(ref, str) else None,
                        json.dumps(s.attrs, ensure_ascii=False, default=str),
                    )
                )
        self.conn.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.conn.executemany(
            "INSERT INTO refs VALUES (?, ?, ?)",
            [(n, ref, json.dumps(data, ensure_ascii=False, default=str)) for ref, data in doc.refs.items()],
        )
        assert n is not None
        index_document(self.conn, n, doc.text)
        return True

    def record_run(
        self,
        *,
        started: float,
        inputs: Sequence[str] = (),
        records_in: int = 0,
        processed: int = 0,
        added: int = 0,
        duplicates: int = 0,
        rejects: Iterable[Any] = (),
        finished: float | None = None,
    ) -> int:
        """Record one run (what was processed when, with counts and rejects); its id.

        ``rejects`` are :class:`khabar.io.Reject` objects or their ``to_dict()`` form."""
        rej = [r.to_dict() if hasattr(r, "to_dict") else dict(r) for r in rejects]
        reasons: dict[str, int] = {}
        for r in rej:
            reasons[r["reason"]] = reasons.get(r["reason"], 0) + 1
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO runs (started, finished, inputs, records_in, processed, added, duplicates, "
                "rejected, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    started,
                    time.time() if finished is None else finished,
                    json.dumps(list(inputs), ensure_ascii=False),
                    records_in,
                    processed,
                    added,
                    duplicates,
                    len(rej),
                    json.dumps(reasons, ensure_ascii=False),
                ),
            )
            run = cur.lastrowid
            self.conn.executemany(
                "INSERT INTO rejects VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (run, r.get("id"), r.get("input"), r.get("code"), r["reason"], r.get("message"))
                    for r in rej
                ],
            )
        assert run is not None
        return run

    # -- reading ----------------------------------------------------------------------------------
    def get(self, id: str) -> dict[str, Any] | None:
        """The stored ``khabar.record/1`` of a document (with ``archive_id``), or None."""
        row = self.conn.execute("SELECT record FROM documents WHERE id = ?", (id,)).fetchone()
        if row is None:
            return None
        rec: dict[str, Any] = json.loads(row[0])
        rec["archive_id"] = id
        return rec

    def get_document(self, id: str) -> Document | None:
        """The stored document rebuilt as a :class:`Document` (without raw), or None."""
        rec = self.get(id)
        return None if rec is None else Document.from_record(rec)

    def __contains__(self, id: object) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (id,)).fetchone() is not None

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def stats(self) -> dict[str, Any]:
        """Counts: documents, articles, blocks, removed blocks by reason, facts, runs, rejects, sites."""
        q = self.conn.execute

        def one(sql: str) -> int:
            return int(q(sql).fetchone()[0] or 0)

        return {
            "schema_version": self.version,
            "documents": one("SELECT count(*) FROM documents"),
            "articles": one("SELECT count(*) FROM documents WHERE is_article = 1"),
            "blocks": one("SELECT count(*) FROM blocks"),
            "removed_blocks": one("SELECT count(*) FROM blocks WHERE kind = 'boilerplate'"),
            "removed_by_reason": dict(
                q(
                    "SELECT reason, count(*) c FROM blocks WHERE kind = 'boilerplate' "
                    "GROUP BY reason ORDER BY c DESC"
                )
            ),
            "entities": one("SELECT count(*) FROM entities WHERE kind = 'entity'"),
            "dates": one("SELECT count(*) FROM entities WHERE kind = 'date'"),
            "quantities": one("SELECT count(*) FROM entities WHERE kind = 'quantity'"),
            "runs": one("SELECT count(*) FROM runs"),
            "rejects": one("SELECT count(*) FROM rejects"),
            "rejects_by_reason": dict(
                q("SELECT reason, count(*) c FROM rejects GROUP BY reason ORDER BY c DESC")
            ),
            "top_sites": q(
                "SELECT site, count(*) c FROM documents WHERE site IS NOT NULL "
                "GROUP BY site ORDER BY c DESC LIMIT 10"
            ).fetchall(),
        }

    def search(self, query: str, **kw: Any) -> list[Any]:
        """:func:`khabar.archive.search.search` on this archive."""
        from khabar.archive.search import search

        return search(self, query, **kw)

    # -- lifetime ---------------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _statements(script: str) -> list[str]:
    """A migration script split into statements (``;`` never occurs inside our statements)."""
    return [s.strip() for s in script.split(";") if s.strip()]
