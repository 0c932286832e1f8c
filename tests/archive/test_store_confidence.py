"""The archive keeps the facts a record holds back as low-confidence, marked, and every query shows
by default only the facts at or above the thresholds; ``all_facts`` shows the rest, marked."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from archive_support import make_doc, seed_document

from khabar.archive import Archive, content_id, queries
from khabar.archive.filters import EventFilters, SearchFilters
from khabar.archive.schema import MIGRATIONS, SCHEMA_VERSION
from khabar.archive.schema import statements as _statements
from khabar.archive.search import browse, count, facets, search
from khabar.extract.confidence import Thresholds, split_by_confidence
from khabar.model import Document

MOSCOW = "geonames:524901"


def gated_seed() -> Document:
    """The seed with two events, Moscow's link and every mention of it at 0.2, the meeting at 0.3;
    gated at 0.5: Moscow and the meeting are held back, the visit is shown without its place's link."""
    doc = Document.from_record(json.loads(json.dumps(seed_document().to_record(), ensure_ascii=False)))
    text = doc.text
    visit, meet = text.index("زيارة"), text.index("اجتماع مغلق")
    doc.published = "2021-09-14"
    doc.events = [
        {
            "type": "CONSULT",
            "mode": "visit",
            "trigger": {"start": visit, "end": visit + 5, "text": "زيارة"},
            "actors": ["person:1"],
            "recipients": [MOSCOW],
            "place": MOSCOW,
            "arguments": [
                {"role": "actor", "ref": "person:1", "text": "الرئيس الأسد", "start": 38, "end": 50},
                {"role": "recipient", "ref": MOSCOW, "text": "موسكو", "start": 55, "end": 60},
            ],
            "date": "2021-09-13",
            "sentence": {"start": 24, "end": 61},
            "confidence": 0.9,
        },
        {
            "type": "AGREE",
            "mode": None,
            "trigger": {"start": meet, "end": meet + 11, "text": "اجتماع مغلق"},
            "actors": ["person:1"],
            "recipients": ["person:2"],
            "place": None,
            "date": None,
            "sentence": {"start": meet, "end": meet + 35},
            "confidence": 0.3,
        },
    ]
    doc.refs[MOSCOW]["confidence"] = 0.2
    for e in doc.entities:
        if e.attrs.get("ref") == MOSCOW:
            e.attrs["confidence"] = 0.2
    split_by_confidence(doc, Thresholds.uniform(0.5))
    assert MOSCOW in doc.low_confidence.refs and len(doc.low_confidence.events) == 1
    return doc


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    a = Archive(tmp_path / "c.db")
    a.add(gated_seed())
    a.add(
        make_doc(
            "وصل رئيس الوزراء إلى حلب\nقال رئيس الوزراء إن الشعير وصل إلى حلب صباح اليوم "
            "بعد لقاء مع الرئيس الأسد في موسكو.",
            uri="https://www.example.com/a/1",
            published="2020-03-04",
        )
    )
    yield a
    a.close()


def test_held_back_facts_are_stored_and_marked(archive: Archive) -> None:
    conn = archive.conn
    low = conn.execute("SELECT text, confidence FROM entities WHERE low = 1").fetchall()
    assert low and {t for t, _ in low} == {"موسكو"} and {c for _, c in low} == {0.2}
    # held back in the seed; the second document links Moscow with the place layer's own confidence
    rows = conn.execute(
        "SELECT doc, low, confidence FROM refs WHERE ref = ? ORDER BY doc", (MOSCOW,)
    ).fetchall()
    assert rows[0] == (1, 1, 0.2)
    assert rows[1][:2] == (2, 0) and (rows[1][2] is None or rows[1][2] >= 0.5)
    rows = conn.execute("SELECT i, type, low, confidence FROM events ORDER BY i").fetchall()
    assert rows == [(0, "CONSULT", 0, 0.9), (1, "AGREE", 1, 0.3)]
    # the record as stored keeps them under low_confidence
    rec = archive.get(conn.execute("SELECT id FROM documents ORDER BY n LIMIT 1").fetchone()[0])
    assert rec is not None and MOSCOW in rec["low_confidence"]["refs"]


def test_places_map_default_and_switch(archive: Archive) -> None:
    shown = {p["key"]: p for p in queries.places(archive)}
    every = {p["key"]: p for p in queries.places(archive, all_facts=True)}
    assert shown[MOSCOW]["documents"] == 1 and not shown[MOSCOW]["low_confidence"]
    assert every[MOSCOW]["documents"] == 2 and not every[MOSCOW]["low_confidence"]


def test_entities_default_and_switch(archive: Archive) -> None:
    archive.conn.execute("DELETE FROM entities WHERE key = ? AND low = 0", (MOSCOW,))
    # Moscow now has held-back mentions only: not shown by default, shown and marked with the switch
    assert MOSCOW not in {p["key"] for p in queries.top_entities(archive, queries.PLACES)}
    marked = {p["key"]: p for p in queries.top_entities(archive, queries.PLACES, all_facts=True)}
    assert marked[MOSCOW]["low_confidence"] is True
    assert queries.entity(archive, MOSCOW) is None
    ent = queries.entity(archive, MOSCOW, all_facts=True)
    assert ent is not None and ent["low_confidence"] and ent["low_confidence_mentions"] >= 1
    assert ent["documents"][0]["low_confidence"] is True
    assert queries.low_confidence_mentions(archive, MOSCOW) == ent["low_confidence_mentions"]
    # a person shown in both documents: the same either way
    assert queries.entity(archive, "person:الاسد")["documents_total"] == 2  # type: ignore[index]


def test_events_default_and_switch(archive: Archive) -> None:
    total, evs = queries.events(archive)
    assert total == 1 and evs[0]["type"] == "CONSULT" and evs[0]["confidence"] == 0.9
    # the visit is shown without Moscow's link, with the mention as written
    assert evs[0]["place"] is None and evs[0]["recipients"] == []
    assert {(u["role"], u["text"]) for u in evs[0]["unlinked"]} == {("recipient", "موسكو")}
    total, evs = queries.events(archive, filters=EventFilters(all_facts=True))
    assert total == 2 and {e["type"]: e["low_confidence"] for e in evs} == {"CONSULT": False, "AGREE": True}
    assert queries.event_types(archive) == [("CONSULT", 1)]
    assert dict(queries.event_types(archive, all_facts=True)) == {"CONSULT": 1, "AGREE": 1}
    assert {r["type"] for r in queries.events_timeline(archive)} == {"CONSULT"}
    assert {r["type"] for r in queries.events_timeline(archive, filters=EventFilters(all_facts=True))} == {
        "CONSULT",
        "AGREE",
    }


def test_search_facets_and_filters_default_and_switch(archive: Archive) -> None:
    assert count(archive, "الأسد", filters=SearchFilters(event_type="AGREE")) == 0
    assert count(archive, "الأسد", filters=SearchFilters(event_type="AGREE", all_facts=True)) == 1
    assert (
        browse(archive, filters=SearchFilters(event_type="AGREE"))[0] == 0
        and browse(archive, filters=SearchFilters(event_type="AGREE", all_facts=True))[0] == 1
    )
    # the seed mentions Moscow only as held-back facts: the entity filter does not take it by default
    assert count(archive, "الأسد", filters=SearchFilters(entity=MOSCOW)) == 1
    assert count(archive, "الأسد", filters=SearchFilters(entity=MOSCOW, all_facts=True)) == 2
    assert len(search(archive, "الأسد", filters=SearchFilters(entity=MOSCOW, all_facts=True))) == 2
    f, g = facets(archive, "الأسد"), facets(archive, "الأسد", filters=SearchFilters(all_facts=True))
    assert (MOSCOW, "موسكو", 1) in f["places"] and (MOSCOW, "موسكو", 2) in g["places"]
    assert dict((v, c) for v, _, c in f["event_types"]) == {"CONSULT": 1}
    assert dict((v, c) for v, _, c in g["event_types"]) == {"CONSULT": 1, "AGREE": 1}


def test_stats_default_and_switch(archive: Archive) -> None:
    s, every = archive.stats(), archive.stats(all_facts=True)
    assert s["events"] == 1 and every["events"] == 2 and s["events_low_confidence"] == 1
    assert every["entities"] == s["entities"] + s["entities_low_confidence"] > s["entities"]
    assert s["events_by_type"] == {"CONSULT": 1}


def test_default_queries_use_the_partial_indexes(archive: Archive) -> None:
    plan = archive.conn.execute(
        "EXPLAIN QUERY PLAN SELECT key, count(DISTINCT doc) FROM entities WHERE doc IN (1, 2) "
        f"AND label IN ('PERSON'){queries.shown()} AND key IS NOT NULL GROUP BY key"
    ).fetchall()
    assert "entities_doc_key_shown" in " ".join(str(r[-1]) for r in plan)


def _version_2_archive(path: Path, doc: Document) -> str:
    """An archive as khabar wrote it at schema 2 (no confidence, no held-back facts), holding
    ``doc``, whose facts carry confidences in their JSON."""
    conn = sqlite3.connect(path)
    conn.create_function("khabar_entity_key", 4, lambda *a: None, deterministic=True)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied REAL NOT NULL)")
    for v in (0, 1):
        for stmt in _statements(MIGRATIONS[v]):
            conn.execute(stmt)
        conn.execute("INSERT INTO schema_version VALUES (?, ?)", (v + 1, time.time()))
    did = content_id(doc.raw, doc.source.uri)
    conn.execute(
        "INSERT INTO documents (id, source_id, uri, site, title, published, is_article, text, record, added) "
        "VALUES (?, ?, NULL, NULL, ?, ?, 1, ?, ?, 0)",
        (did, doc.id, doc.title, doc.published, doc.text, json.dumps(doc.to_record(), ensure_ascii=False)),
    )
    n = conn.execute("SELECT n FROM documents").fetchone()[0]
    for e in doc.entities:
        conn.execute(
            "INSERT INTO entities (doc, kind, label, text, norm, start, end, ref, attrs, key) "
            "VALUES (?, 'entity', ?, ?, ?, ?, ?, ?, ?, NULL)",
            (n, e.label, e.text, e.text, e.start, e.end, e.attrs.get("ref"), json.dumps(e.attrs)),
        )
    for ref, data in doc.refs.items():
        conn.execute("INSERT INTO refs VALUES (?, ?, ?)", (n, ref, json.dumps(data, ensure_ascii=False)))
    conn.commit()
    conn.close()
    return did


def test_an_archive_without_confidence_is_migrated(tmp_path: Path) -> None:
    doc = Document.from_record(json.loads(json.dumps(seed_document().to_record(), ensure_ascii=False)))
    doc.entities[0].attrs["confidence"] = 0.42
    doc.refs[MOSCOW]["confidence"] = 0.7
    path = tmp_path / "v2.db"
    did = _version_2_archive(path, doc)
    with Archive(path) as a:
        assert a.version == SCHEMA_VERSION
        assert a.conn.execute("SELECT count(*) FROM entities WHERE low = 1").fetchone()[0] == 0
        e0 = doc.entities[0]
        assert a.conn.execute(
            "SELECT confidence FROM entities WHERE start = ? AND end = ? AND label = ?",
            (e0.start, e0.end, e0.label),
        ).fetchall() == [(0.42,)]
        with_conf = sum(1 for e in doc.entities if isinstance(e.attrs.get("confidence"), float))
        assert a.conn.execute("SELECT count(confidence) FROM entities").fetchone()[0] == with_conf
        assert a.conn.execute("SELECT confidence FROM refs WHERE ref = ?", (MOSCOW,)).fetchone() == (0.7,)
        assert a.get(did) is not None
        # every old fact is shown: the default queries see them all
        assert a.stats()["entities"] == len(doc.entities) and a.stats()["entities_low_confidence"] == 0
