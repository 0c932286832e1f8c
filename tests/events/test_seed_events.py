"""The seed's acceptance case (issue 5): al-Assad's visit to Moscow as CONSULT/visit."""

from __future__ import annotations

from functools import cache
from typing import Any

from khabar.api import process_text
from khabar.model import Document

from conftest import SEED, need


@cache
def _seed() -> Document:
    raw = need(SEED).read_text(encoding="utf-8")
    return process_text(raw, id="seed", extra=("entities", "places", "refs", "dates", "quantities", "events"))


def _names(doc: Document, ids: list[str]) -> set[str]:
    out: set[str] = set()
    for r in ids:
        ref = doc.refs[r]
        out.add(ref["name"])
        out.update(ref.get("aliases", []))
    return out


def _visit_with_putin(doc: Document) -> list[dict[str, Any]]:
    return [
        e
        for e in doc.events
        if e["type"] == "CONSULT"
        and e["mode"] == "visit"
        and "الأسد" in _names(doc, e["actors"])
        and _names(doc, e["recipients"]) & {"بوتين", "Russia"}
    ]


def test_the_visit_is_consult_visit_assad_to_putin_in_moscow() -> None:
    doc = _seed()
    evs = _visit_with_putin(doc)
    assert evs
    main = [e for e in evs if e["duration_s"] in (5400, 8100)]
    assert main, "the closed session (90 minutes) or the visit's total (90 + 45 minutes)"
    ev = main[0]
    assert doc.refs[ev["place"]]["name"] == "Moscow"
    assert {"economy", "energy"} <= set(ev["topics"])


def test_the_ministers_join_with_2700_seconds() -> None:
    # the rules' parties (the argument scorer is not sure of this sentence's and leaves them out; it
    # never puts others there)
    from khabar.events.filter import use_scorer

    scored = _seed()
    mine = {
        r
        for e in scored.events
        for m in e["mentions"]
        if m["duration_s"] == 2700
        for r in m["actors"] + m["recipients"]
    }
    was = use_scorer(False)
    try:
        doc = process_text(
            need(SEED).read_text(encoding="utf-8"),
            id="seed",
            extra=("entities", "places", "refs", "dates", "quantities", "events"),
        )
    finally:
        use_scorer(was)
    joined = [
        m for e in doc.events for m in e["mentions"] if m["type"] == "CONSULT" and m["duration_s"] == 2700
    ]
    assert joined
    ev = joined[0]
    people = _names(doc, ev["actors"] + ev["recipients"])
    assert {"المقداد", "شويغو"} <= people
    # the visitor's side acts, the host's side receives
    assert "المقداد" in _names(doc, ev["actors"]) and "شويغو" in _names(doc, ev["recipients"])
    assert _names(scored, list(mine)) <= people


def test_the_ministers_carry_their_country() -> None:
    doc = _seed()
    by_name = {r["name"]: r for r in doc.refs.values()}
    assert by_name["شويغو"]["country"] == "RU"
    assert by_name["المقداد"]["country"] == "SY"


# -- issue 13: the visit is one document-level event ----------------------------------------------


def test_the_seed_has_few_document_level_events_and_the_visit_is_one() -> None:
    doc = _seed()
    assert len(doc.events) <= 8
    visits = [e for e in doc.events if e["type"] == "CONSULT"]
    assert len(visits) == 1, [len(e["mentions"]) for e in visits]
    (visit,) = visits
    assert doc.refs[visit["place"]]["name"] == "Moscow"
    people = _names(doc, visit["actors"] + visit["recipients"])
    assert {"الأسد", "بوتين", "شويغو", "المقداد"} <= people
    # the visitor's side acts, the host's side receives
    assert {"الأسد", "المقداد"} <= _names(doc, visit["actors"])
    assert {"بوتين", "شويغو"} <= _names(doc, visit["recipients"])
    # 90 minutes of closed talks, then 45 more with the ministers
    assert visit["duration_s"] == 8100
    assert len(visit["mentions"]) >= 10


def test_every_mention_keeps_its_trigger_and_sentence() -> None:
    doc = _seed()
    for ev in doc.events:
        assert ev["mentions"] and ev["trigger"] == ev["mentions"][0]["trigger"]
        for m in ev["mentions"]:
            t, s = m["trigger"], m["sentence"]
            assert doc.text[t["start"] : t["end"]] == t["text"]
            assert s["start"] <= t["start"] < s["end"]
            assert m["type"] == ev["type"]


def test_no_topic_is_the_place_of_the_visit() -> None:
    # the seed discusses Idlib, Daraa, Astana and Damascus; the meetings happened in Moscow
    doc = _seed()
    places = {
        doc.refs[m["place"]]["name"]
        for e in doc.events
        for m in e["mentions"]
        if e["type"] == "CONSULT" and m["place"]
    }
    assert places <= {"Moscow"}
