"""The archive: processed documents in one SQLite file, versioned, idempotent, searchable.

Tables: ``documents`` (content-addressed: the id is the sha256 of the raw input and the source URI,
so adding the same input twice stores it once), ``blocks`` (removed ones too, with their reasons),
``entities`` (entities, dates and quantities, by ``kind``; since schema 2 each named entity also has a
cross-document ``key``, see :func:`entity_key`), ``refs``, ``events`` (schema 2: the record's
``events``, when an events stage ran), ``runs`` and ``rejects``, and the search index
(:mod:`khabar.archive.search`). Since schema 4 the facts a record holds back as low-confidence are
stored too: every entity, ref and event row has its ``confidence`` and ``low`` (1: held back), and
the queries show ``low = 0`` rows unless asked for all facts. ``schema_version`` records which
migrations have run; opening an archive applies the missing ones, and refuses an archive written by
a newer khabar.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from khabar.archive.identity import ALIAS_MIN_DOCUMENTS, ALIAS_MIN_SHARE, resolve_keys
from khabar.archive.rows import (  # noqa: F401 - _iso_date, _event_date: their tests import them here
    EVENT_COLUMNS,
    DocumentRows,
    _event_date,
    _iso_date,
    content_id,
    document_rows,
    entity_key,
)
from khabar.archive.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    alone_key_sql,
    statements,
)
from khabar.errors import KhabarError
from khabar.model import Document

__all__ = [
    "SCHEMA_VERSION",
    "Archive",
    "ArchiveError",
    "ArchiveNotFoundError",
    "content_id",
    "entity_key",
    "missing_archive",
]


class ArchiveError(KhabarError):
    """An archive file that cannot be opened or used."""

    code = "K500"
    reason = "archive"
    exit_code = 4


class ArchiveNotFoundError(ArchiveError):
    """An archive path that does not exist: exit status 3, as for any input that is not there."""

    code = "K502"
    reason = "archive_not_found"
    exit_code = 3


def missing_archive(path: str | Path) -> ArchiveNotFoundError:
    """The error for an archive ``path`` that does not exist, with the command that builds one."""
    return ArchiveNotFoundError(
        f"{path}: no archive there; build one with `khabar process PATH --archive {path}`", value=str(path)
    )


#: the page cache while documents are added in bulk (:meth:`Archive.bulk_load`), in MiB
BULK_CACHE_MIB = 32

#: the largest rowid SQLite gives by counting up (past it, it picks unused ones at random)
_MAX_ROWID = 2**63 - 1


class Archive:
    """An archive file (created when missing). Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path)
            self.conn.create_function("khabar_entity_key", 4, entity_key, deterministic=True)
            self.conn.create_function("khabar_alone_key", 4, alone_key_sql, deterministic=True)
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
                for stmt in statements(MIGRATIONS[v]):
                    self.conn.execute(stmt)
                self.conn.execute(
                    "INSERT INTO schema_version (version, applied) VALUES (?, ?)", (v + 1, time.time())
                )

    # -- writing ----------------------------------------------------------------------------------
    def add(self, doc: Document) -> bool:
        """Store a processed document; False (and nothing written) when the same input is stored."""
        return self.add_rows([document_rows(doc)])[0] == 1

    def add_many(self, docs: Iterable[Document]) -> tuple[int, int]:
        """Store documents in one transaction; ``(added, duplicates)``."""
        return self.add_rows(document_rows(doc) for doc in docs)

    @contextmanager
    def bulk_load(self, cache_mib: int = BULK_CACHE_MIB) -> Iterator[Archive]:
        """Settings for adding many documents, restored on leaving: a page cache of ``cache_mib``
        MiB (SQLite's default is 2 MiB; the entities' seven indexes and the full-text segments of a
        batch outgrow it, and each page evicted is read again for the next row) and temporary
        b-trees in memory. Nothing is written into the file: durability stays SQLite's default (every
        commit synced), which ``khabar run`` relies on (a shard's marker is written after its
        documents are stored, so they must be on disk by then)."""
        conn = self.conn
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        temp = conn.execute("PRAGMA temp_store").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = {-int(cache_mib) * 1024}")
        conn.execute("PRAGMA temp_store = MEMORY")
        try:
            yield self
        finally:
            conn.execute(f"PRAGMA cache_size = {int(cache)}")
            conn.execute(f"PRAGMA temp_store = {int(temp)}")

    def add_rows(self, items: Iterable[DocumentRows]) -> tuple[int, int]:
        """Store documents given as their rows (:func:`~khabar.archive.rows.document_rows`, computed
        here or in another process) in one transaction; ``(added, duplicates)``.

        Each table's rows go in with one ``executemany`` for the whole batch, in the documents' order,
        and the full-text rows after the content rows: the same rows, rowids included, as adding the
        documents one by one (each new document is numbered one past the largest ``n``, as SQLite
        numbers a row it is given no rowid for), at a fraction of the calls."""
        items = list(items)
        conn = self.conn
        with conn:
            if not conn.in_transaction:
                conn.execute("BEGIN IMMEDIATE")  # the write lock before looking for what is stored
            stored = self._stored([it.id for it in items])
            new: list[DocumentRows] = []
            for it in items:
                if it.id not in stored:
                    stored.add(it.id)  # a second copy in the same batch is a duplicate too
                    new.append(it)
            if not new:
                return 0, len(items)
            top = conn.execute("SELECT max(n) FROM documents").fetchone()[0] or 0
            if top + len(new) >= _MAX_ROWID:  # SQLite would pick free rowids at random: let it
                return sum(self._insert_one(it) for it in new), len(items) - len(new)
            ns = range(top + 1, top + 1 + len(new))
            now = time.time()
            conn.executemany(
                "INSERT INTO documents (n, id, source_id, uri, site, title, published, is_article, text, "
                "record, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(n, it.id, *it.document, it.record, now) for n, it in zip(ns, new, strict=True)],
            )
            self._insert_facts(list(zip(ns, new, strict=True)))
        return len(new), len(items) - len(new)

    def _stored(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` the archive holds."""
        out: set[str] = set()
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            out.update(
                r[0]
                for r in self.conn.execute(
                    f"SELECT id FROM documents WHERE id IN ({', '.join('?' * len(part))})", part
                )
            )
        return out

    def _insert_one(self, it: DocumentRows) -> int:
        """One document the slow way (SQLite picks its number); 1 when added."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO documents (id, source_id, uri, site, title, published, is_article, "
            "text, record, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (it.id, *it.document, it.record, time.time()),
        )
        if cur.rowcount == 0:
            return 0
        assert cur.lastrowid is not None
        self._insert_facts([(cur.lastrowid, it)])
        return 1

    def _insert_facts(self, numbered: list[tuple[int, DocumentRows]]) -> None:
        """The blocks, entities, events, refs and full-text rows of documents already numbered."""
        conn = self.conn
        conn.executemany(
            "INSERT INTO blocks (doc, i, kind, text, start, end, raw_start, raw_end, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(n, *b) for n, it in numbered for b in it.blocks],
        )
        conn.executemany(
            "INSERT INTO entities (doc, kind, label, text, norm, start, end, ref, attrs, key, confidence, "
            "low, local_key, alone_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(n, *e) for n, it in numbered for e in it.entities],
        )
        conn.executemany(
            f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})",
            [(n, *e) for n, it in numbered for e in it.events],
        )
        conn.executemany(
            "INSERT INTO refs (doc, ref, data, confidence, low) VALUES (?, ?, ?, ?, ?)",
            [(n, *r) for n, it in numbered for r in it.refs],
        )
        conn.executemany(
            "INSERT INTO fts (rowid, stem, norm) VALUES (?, ?, ?)",
            [(n, it.stems, it.norms) for n, it in numbered],
        )

    def resolve_identities(
        self, *, min_documents: int = ALIAS_MIN_DOCUMENTS, min_share: float = ALIAS_MIN_SHARE
    ) -> dict[str, str]:
        """Learn which person keys name one person across the whole archive, and group by the fullest
        or most usual one; returns the aliases (short key → full key).

        A document that names ``الملك سلمان بن عبدالعزيز`` and later ``الملك سلمان`` links the two
        mentions to one ref, keyed by the fuller name; a document that names only ``الملك سلمان`` keys
        its ref ``person:الملك سلمان``, and without help King Salman would be two entities. The help is
        the corpus (:func:`khabar.archive.identity.resolve_keys`): spelling variants of transliterated
        names, mentions whose key alone (``alone_key``) differs from their ref's key (evidence that the
        short form stands for the fuller name: ``min_documents`` documents, ``min_share`` of the short
        form's evidence), names of several words that one better-known name extends, and two forms of
        a name whose refs hold the same office (the roles of the refs). Father and
        son are never linked in a document, so never aliased. Only shown (not low-confidence) mentions
        count. Idempotent: run again after adding documents."""
        conn = self.conn
        evidence: dict[str, dict[str, int]] = {}
        for short, full, docs in conn.execute(
            "SELECT alone_key, local_key, count(DISTINCT doc) FROM entities WHERE label = 'PERSON' "
            "AND low = 0 AND alone_key IS NOT NULL AND local_key IS NOT NULL AND alone_key != local_key "
            "GROUP BY alone_key, local_key"
        ):
            evidence.setdefault(short, {})[full] = int(docs)
        documents = {
            str(k): int(n)
            for k, n in conn.execute(
                "SELECT local_key, count(DISTINCT doc) FROM entities WHERE label = 'PERSON' AND low = 0 "
                "AND local_key IS NOT NULL GROUP BY local_key"
            )
        }
        offices: dict[str, set[tuple[str, str | None]]] = {}
        for key, data in conn.execute(
            "SELECT DISTINCT e.local_key, r.data FROM entities e "
            "JOIN refs r ON r.doc = e.doc AND r.ref = e.ref WHERE e.label = 'PERSON' AND e.low = 0 "
            "AND e.local_key IS NOT NULL AND r.data LIKE '%\"role\"%'"
        ):
            for role in json.loads(data).get("roles") or []:
                if isinstance(role, dict) and isinstance(role.get("role"), str):
                    offices.setdefault(str(key), set()).add((role["role"], role.get("country")))
        aliases = resolve_keys(documents, evidence, offices, min_documents=min_documents, min_share=min_share)
        with conn:
            conn.execute(
                "UPDATE entities SET key = local_key WHERE label = 'PERSON' AND key IS NOT local_key"
            )
            conn.executemany(
                "UPDATE entities SET key = ? WHERE label = 'PERSON' AND local_key = ?",
                [(a.full, short) for short, a in aliases.items()],
            )
            conn.execute("DELETE FROM key_aliases")
            conn.executemany(
                "INSERT INTO key_aliases (short, full, documents, share, how) VALUES (?, ?, ?, ?, ?)",
                [(short, a.full, a.documents, a.share, a.how) for short, a in aliases.items()],
            )
        return {short: a.full for short, a in aliases.items()}

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
                "INSERT INTO rejects (run, id, input, code, reason, message) VALUES (?, ?, ?, ?, ?, ?)",
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

    def find(self, key: str) -> list[str]:
        """The archive ids ``key`` names: an archive id, the short id ``khabar search`` prints (a
        prefix of 6 or more characters), or the record's own id (``source_id``, e.g. SaudiNewsNet's
        ``2015-08-09#675``). More than one id means the key is ambiguous."""
        key = key.strip()
        if not key:
            return []
        if key in self:
            return [key]
        ids: list[str] = []
        if len(key) >= 6 and all(c in "0123456789abcdef" for c in key):
            ids = [r[0] for r in self.conn.execute(
                "SELECT id FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT 20", (key, key + "g")
            )]  # fmt: skip
        if not ids:
            ids = [
                r[0]
                for r in self.conn.execute("SELECT id FROM documents WHERE source_id = ? LIMIT 20", (key,))
            ]
        return ids

    def get_document(self, id: str) -> Document | None:
        """The stored document rebuilt as a :class:`Document` (without raw), or None."""
        rec = self.get(id)
        return None if rec is None else Document.from_record(rec)

    def __contains__(self, id: object) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (id,)).fetchone() is not None

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def stats(self, *, all_facts: bool = False) -> dict[str, Any]:
        """Counts: documents, articles, blocks, removed blocks by reason, facts, runs, rejects, sites.

        Entities and events count the facts shown (at or above the confidence thresholds) unless
        ``all_facts``; ``entities_low_confidence`` and ``events_low_confidence`` count those held back
        either way."""
        q = self.conn.execute
        shown = "" if all_facts else " AND low = 0"

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
            "entities": one(f"SELECT count(*) FROM entities WHERE kind = 'entity'{shown}"),
            "entities_low_confidence": one("SELECT count(*) FROM entities WHERE kind = 'entity' AND low = 1"),
            "dates": one("SELECT count(*) FROM entities WHERE kind = 'date'"),
            "quantities": one("SELECT count(*) FROM entities WHERE kind = 'quantity'"),
            "events": one(f"SELECT count(*) FROM events WHERE 1{shown}"),
            "events_low_confidence": one("SELECT count(*) FROM events WHERE low = 1"),
            "events_by_type": dict(
                q(f"SELECT type, count(*) c FROM events WHERE 1{shown} GROUP BY type ORDER BY c DESC")
            ),
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

    # -- lifetime ---------------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
