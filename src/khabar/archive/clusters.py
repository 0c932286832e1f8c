"""Near-duplicate clusters in the archive: "published by N outlets", and the corpus runner's writer.

``khabar run --archive`` stores every record with the ``signals`` the near-duplicate pass gave it
(:mod:`khabar.corpus.dedup`): ``dup_cluster`` (the id of the cluster's representative record, or
None), ``cluster_size`` and ``dup_representative``. Agency copy (واس، رويترز، أ ف ب) republished by
several outlets forms one cluster; :func:`cluster_members` lists the other documents of a
document's cluster and :func:`outlets` counts the distinct sites that published it.

The lookups go through an expression index on ``json_extract(record, '$.signals.dup_cluster')``
(created when missing by :func:`ensure_cluster_index`; an index, not a schema change, so it needs no
migration), so a document page can show its cluster in well under a millisecond.

:class:`ArchiveWriter` is how the corpus runner stores records: the parent process is the archive's
only writer; workers only produce records.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.archive.rows import PreparedRecord, document_rows, finish_rows
from khabar.archive.store import Archive
from khabar.model import Document

__all__ = ["ArchiveWriter", "ClusterMember", "cluster_members", "ensure_cluster_index", "outlets"]

_INDEX = "documents_dup_cluster_idx"
_EXPR = "json_extract(record, '$.signals.dup_cluster')"


def ensure_cluster_index(conn: sqlite3.Connection) -> None:
    """Create the index on the records' ``signals.dup_cluster`` if it is not there."""
    with conn:
        conn.execute(f"CREATE INDEX IF NOT EXISTS {_INDEX} ON documents({_EXPR})")


@dataclass(frozen=True, slots=True)
class ClusterMember:
    """One document of a near-duplicate cluster."""

    archive_id: str
    record_id: str
    site: str | None
    title: str | None
    published: str | None
    representative: bool


def _cluster_of(archive: Archive, archive_id: str) -> str | None:
    row = archive.conn.execute(f"SELECT {_EXPR} FROM documents WHERE id = ?", (archive_id,)).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def cluster_members(archive: Archive, archive_id: str, *, include_self: bool = False) -> list[ClusterMember]:
    """The other documents in the near-duplicate cluster of document ``archive_id`` (its archive id),
    representative first, then by site; empty when it is in no cluster or not in the archive."""
    cluster = _cluster_of(archive, archive_id)
    if cluster is None:
        return []
    ensure_cluster_index(archive.conn)
    rows = archive.conn.execute(
        f"SELECT id, source_id, site, title, published, "
        f"json_extract(record, '$.signals.dup_representative') FROM documents WHERE {_EXPR} = ? "
        "ORDER BY 6 DESC, site, n",
        (cluster,),
    ).fetchall()
    return [
        ClusterMember(r[0], r[1], r[2], r[3], r[4], bool(r[5]))
        for r in rows
        if include_self or r[0] != archive_id
    ]


def outlets(archive: Archive, archive_id: str) -> int:
    """How many distinct sites published the story of ``archive_id`` (1 when it is in no cluster)."""
    members = cluster_members(archive, archive_id, include_self=True)
    if not members:
        return 1 if archive_id in archive else 0
    return count_outlets(members)


def count_outlets(members: Iterable[ClusterMember]) -> int:
    """The distinct sites among a cluster's members (at least 1): copies are not outlets."""
    return len({m.site for m in members if m.site}) or 1


class ArchiveWriter:
    """Stores ``khabar.record/1`` records (with ``raw``, for the archive's content ids) in an archive."""

    def __init__(self, path: str | Path) -> None:
        self.archive = Archive(path)
        ensure_cluster_index(self.archive.conn)
        self._bulk = self.archive.bulk_load()
        self._bulk.__enter__()

    def add_records(
        self, records: list[dict[str, Any]], prepared: Sequence[PreparedRecord] | None = None
    ) -> tuple[int, int]:
        """Store records in one transaction; ``(added, already there)``. ``prepared``: their rows as
        the runner's workers prepared them (:func:`khabar.archive.rows.prepare_record`), one per
        record; a record whose prepared rows are not its own (another id) is analysed here."""
        if prepared is None or len(prepared) != len(records):
            return self.archive.add_many(Document.from_record(rec) for rec in records)
        return self.archive.add_rows(
            finish_rows(p, rec)
            if p.rows.document[0] == rec.get("id")
            else document_rows(Document.from_record(rec))
            for p, rec in zip(prepared, records, strict=True)
        )

    def close(self) -> None:
        self._bulk.__exit__(None, None, None)
        self.archive.close()
