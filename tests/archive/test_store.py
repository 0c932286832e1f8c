"""The archive store: schema versions, idempotent adds, runs, stats."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from archive_support import seed_document

from khabar.archive import SCHEMA_VERSION, Archive, ArchiveError, content_id
from khabar.io import Reject
from khabar.model import Document


@pytest.fixture
def seed_doc() -> Document:
    return seed_document()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "khabar.db"


def test_schema_version_and_reopen(db_path: Path) -> None:
    with Archive(db_path) as a:
        assert a.version == SCHEMA_VERSION
    with Archive(db_path) as a:  # reopening applies nothing twice
        rows = a.conn.execute("SELECT version FROM schema_version").fetchall()
        assert [r[0] for r in rows] == list(range(1, SCHEMA_VERSION + 1))


def test_newer_schema_is_refused(db_path: Path) -> None:
    with Archive(db_path) as a, a.conn:
        a.conn.execute("INSERT INTO schema_version VALUES (?, 0)", (SCHEMA_VERSION + 1,))
    with pytest.raises(ArchiveError, match="newer"):
        Archive(db_path)


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "x.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ArchiveError, match="cannot open"):
        Archive(bad)


def test_add_is_idempotent(db_path: Path, seed_doc: Document) -> None:
    with Archive(db_path) as a:
        assert a.add(seed_doc) is True
        assert a.add(seed_doc) is False
        assert a.add_many([seed_doc, seed_doc]) == (0, 2)
        assert len(a) == 1
    with Archive(db_path) as a:  # and across processes/runs
        assert a.add(seed_doc) is False
        s = a.stats()
    assert s["documents"] == 1 and s["articles"] == 1
    assert s["blocks"] == len(seed_doc.blocks)
    assert s["removed_blocks"] == len(seed_doc.removed()) > 0
    assert "lexicon:back_to_top" in s["removed_by_reason"]
    assert s["entities"] == len(seed_doc.entities) > 0
    assert s["quantities"] == len(seed_doc.quantities)


def test_content_id_depends_on_raw_and_uri() -> None:
    assert content_id("x", None) == content_id("x", "")
    assert content_id("x", "http://a/1") != content_id("x", "http://a/2")
    assert content_id("x", None) != content_id("y", None)


def test_get_returns_the_record(db_path: Path, seed_doc: Document) -> None:
    with Archive(db_path) as a:
        a.add(seed_doc)
        did = content_id(seed_doc.raw, seed_doc.source.uri)
        assert did in a
        rec = a.get(did)
        assert rec is not None and rec["schema"] == "khabar.record/1"
        assert rec["title"] == seed_doc.title and rec["text"] == seed_doc.text
        doc = a.get_document(did)
        assert doc is not None and doc.removed()[0].reason
        assert a.get("nope") is None
        # removed blocks are stored with their reasons
        rows = a.conn.execute("SELECT text, reason FROM blocks WHERE kind = 'boilerplate'").fetchall()
        assert ("زر الذهاب إلى الأعلى", "lexicon:back_to_top") in rows


def test_record_run(db_path: Path) -> None:
    rej = Reject("p", "p.txt", "K101", "empty", "p.txt is empty (0 bytes)")
    with Archive(db_path) as a:
        run = a.record_run(started=1.0, inputs=["p.txt"], records_in=3, processed=2, added=2, rejects=[rej])
        row = a.conn.execute("SELECT records_in, processed, rejected, reasons FROM runs WHERE id = ?", (run,))
        assert row.fetchone() == (3, 2, 1, '{"empty": 1}')
        s = a.stats()
    assert s["runs"] == 1 and s["rejects_by_reason"] == {"empty": 1}


def test_foreign_keys_hold(db_path: Path, seed_doc: Document) -> None:
    with Archive(db_path) as a:
        a.add(seed_doc)
        with pytest.raises(sqlite3.IntegrityError):
            a.conn.execute("INSERT INTO blocks (doc, i, kind, text) VALUES (999, 0, 'paragraph', 'x')")
