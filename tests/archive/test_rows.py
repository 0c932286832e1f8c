"""khabar.archive.rows: a document's rows computed apart from the archive, and stored in batches.

Every way of storing the same documents (one by one, a batch, rows prepared elsewhere and handed over
as JSON) must leave the same rows, rowids included."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from archive_support import SEED, make_doc

from khabar.api import process_text
from khabar.archive import Archive
from khabar.archive.contents import contents
from khabar.archive.rows import (
    document_rows,
    finish_rows,
    join_record,
    load_prepared,
    prepare_record,
    record_json,
    save_prepared,
    split_record,
)
from khabar.cli import FACT_STAGES
from khabar.model import Document, Source

TEXTS = (
    "وزير الخارجية يلتقي نظيره في الرياض\nاستقبل وزير الخارجية الأمير سعود الفيصل في الرياض أمس نظيره "
    "الأمريكي جون كيري، وبحثا العلاقات الثنائية.",
    "أمطار غزيرة على جدة\nهطلت أمطار غزيرة على محافظة جدة اليوم الأحد، وأعلنت إدارة التعليم تعليق "
    "الدراسة في 120 مدرسة.",
    "الهلال يفوز على النصر\nفاز فريق الهلال على النصر بهدفين مقابل هدف في الدوري السعودي.",
)


@functools.cache
def _docs() -> tuple[Document, ...]:
    """Documents with every fact layer (events and the held-back facts too), the seed among them
    when ../shared is there, and one a copy of another (same input: a duplicate)."""
    docs = [
        process_text(t, id=f"d{i}", source=Source(uri=f"https://example.com/{i}", site="example.com"),
                     extra=FACT_STAGES)
        for i, t in enumerate(TEXTS)
    ]  # fmt: skip
    if SEED.exists():
        docs.append(process_text(SEED.read_text(encoding="utf-8"), id=SEED.stem, extra=FACT_STAGES))
    docs.append(docs[0])
    return tuple(docs)


def _json_round_trip(doc: Document) -> Document:
    return Document.from_record(json.loads(json.dumps(doc.to_record(include_raw=True), ensure_ascii=False)))


def test_every_way_of_adding_stores_the_same_rows(tmp_path: Path) -> None:
    # one by one (add), one batch (add_many), and rows prepared from records read back from JSON and
    # carried through the worker's file (what khabar run does): the same rows, rowids included
    docs = _docs()
    assert any(d.low_confidence.entities or d.low_confidence.events for d in docs)  # the low rows too
    with Archive(tmp_path / "one.db") as a:
        assert [a.add(d) for d in docs] == [True] * (len(docs) - 1) + [False]
    with Archive(tmp_path / "many.db") as a, a.bulk_load():
        assert a.add_many(docs[:2]) == (2, 0)
        assert a.add_many(docs[2:]) == (len(docs) - 3, 1)
    recs = [_json_round_trip(d).to_record(include_raw=True) for d in docs]
    save_prepared(str(tmp_path / "rows.jsonl"), [prepare_record(Document.from_record(r), r) for r in recs])
    prepared = load_prepared(str(tmp_path / "rows.jsonl"))
    assert prepared is not None and len(prepared) == len(docs)
    with Archive(tmp_path / "rows.db") as a:
        assert a.add_rows(finish_rows(p, r) for p, r in zip(prepared, recs, strict=True)) == (
            len(docs) - 1,
            1,
        )
    one = contents(tmp_path / "one.db")
    assert one["entities"] and one["events"] and one["refs"] and one["fts terms"]
    assert contents(tmp_path / "many.db") == one
    assert contents(tmp_path / "rows.db") == one


def test_rows_of_a_record_read_back_are_the_rows_of_the_document() -> None:
    # the workers prepare rows from the processed document; the archive used to compute them from the
    # record read back from the stage shard: the two must agree
    for doc in _docs():
        assert document_rows(doc) == document_rows(_json_round_trip(doc))
        assert record_json(_json_round_trip(doc)) == record_json(doc)


def test_record_json_is_the_record_without_raw() -> None:
    # the record read back gives the same JSON, so the writer can encode the record it read
    for doc in _docs():
        rec = doc.to_record(include_raw=True)
        assert record_json(doc) == json.dumps(
            {k: v for k, v in rec.items() if k != "raw"}, ensure_ascii=False
        )


@pytest.mark.parametrize(
    "signals",
    [{}, {"dup_cluster": None, "cluster_size": 1, "dup_representative": True}, {"x": '«نص» "q" \\ \u0000'}],
)
def test_split_and_join_give_json_dumps_of_the_final_record(signals: dict[str, object]) -> None:
    doc = _docs()[0]
    rec = doc.to_record(include_raw=True)
    parts = split_record(rec)
    assert parts is not None and '"raw":' not in parts[0] + parts[1]
    final = {**rec, "signals": {**rec["signals"], **signals}}
    final.pop("raw")
    assert join_record(parts, final["signals"]) == json.dumps(final, ensure_ascii=False)


def test_split_declines_when_the_mark_is_in_the_record() -> None:
    # a string of the record equal to the stand-in would make the split ambiguous: no parts, and the
    # writer encodes that record itself
    doc = make_doc("عنوان\nنص الخبر هنا.")
    rec = doc.to_record()
    rec["meta"] = {"odd": "\x00khabar:signals\x00"}
    assert split_record(rec) is None
    assert split_record({k: v for k, v in rec.items() if k != "signals"}) is None
    prepared = prepare_record(doc, rec)._replace(parts=None)
    assert finish_rows(prepared, doc.to_record()).record == record_json(doc)


def test_load_prepared_of_a_missing_file(tmp_path: Path) -> None:
    assert load_prepared(str(tmp_path / "nothing.jsonl")) is None


def test_bulk_load_restores_the_connection_settings(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as a:
        q = a.conn.execute
        before = (q("PRAGMA cache_size").fetchone()[0], q("PRAGMA temp_store").fetchone()[0])
        with a.bulk_load(cache_mib=8):
            assert q("PRAGMA cache_size").fetchone()[0] == -8 * 1024
            assert q("PRAGMA temp_store").fetchone()[0] == 2
        assert (q("PRAGMA cache_size").fetchone()[0], q("PRAGMA temp_store").fetchone()[0]) == before
        assert q("PRAGMA synchronous").fetchone()[0] == 2  # FULL: every commit is on disk


def test_numbers_continue_after_the_largest(tmp_path: Path) -> None:
    # documents are numbered one past the largest n, as SQLite numbers rows it gets no rowid for; past
    # the largest rowid SQLite picks free ones itself, and the batch falls back to that
    b_doc, c_doc = _docs()[1:3]
    with Archive(tmp_path / "a.db") as a:
        stub = "INSERT INTO documents (n, id, text, record, added) VALUES (?, ?, '', '{}', 0)"
        a.conn.execute(stub, (41, "stub-1"))
        a.conn.commit()
        assert a.add_many([b_doc]) == (1, 0)
        assert [r[0] for r in a.conn.execute("SELECT n FROM documents ORDER BY n")] == [41, 42]
        a.conn.execute(stub, (2**63 - 1, "stub-2"))
        a.conn.commit()
        assert a.add_many([c_doc, c_doc]) == (1, 1)
        (n,) = a.conn.execute("SELECT n FROM documents WHERE source_id = ?", (c_doc.id,)).fetchone()
        assert n not in (41, 42, 2**63 - 1)
        assert a.conn.execute("SELECT count(*) FROM blocks WHERE doc = ?", (n,)).fetchone()[0] == len(
            c_doc.blocks
        )
