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
    assert main, "the closed session (90 minutes) or the session total"
    ev = main[0]
    assert doc.refs[ev["place"]]["name"] == "Moscow"
    assert {"economy", "energy"} <= set(ev["topics"])


def test_the_ministers_join_with_2700_seconds() -> None:
    doc = _seed()
    joined = [e for e in doc.events if e["type"] == "CONSULT" and e["duration_s"] == 2700]
    assert joined
    ev = joined[0]
    people = _names(doc, ev["actors"] + ev["recipients"])
    assert {"المقداد", "شويغو"} <= people
    # the visitor's side acts, the host's side receives
    assert "المقداد" in _names(doc, ev["actors"]) and "شويغو" in _names(doc, ev["recipients"])


def test_the_ministers_carry_their_country() -> None:
    doc = _seed()
    by_name = {r["name"]: r for r in doc.refs.values()}
    assert by_name["شويغو"]["country"] == "RU"
    assert by_name["المقداد"]["country"] == "SY"
