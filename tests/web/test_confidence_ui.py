"""The low-confidence switch of ``khabar serve``, browser-free (FastAPI's TestClient): by default
every page and endpoint shows only the facts above the thresholds; ``all_facts=1`` (a link on every
page, labelled in Arabic) shows the held-back ones, marked."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from khabar.api import process_text
from khabar.archive import Archive
from khabar.extract.confidence import Thresholds, split_by_confidence
from khabar.model import Source
from khabar.web.app import create_app

from conftest import SEED, need

FACTS = ("entities", "places", "refs", "dates", "quantities")
MOSCOW = "geonames:524901"
SHOW = "إظهار الحقائق منخفضة الثقة"
HIDE = "إخفاء الحقائق منخفضة الثقة"


@functools.cache
def _archive(tmp: Path) -> Path:
    """The seed with Moscow (its link and mentions at 0.2) and a meeting (0.3) held back at 0.5."""
    doc = process_text(
        need(SEED).read_text(encoding="utf-8"),
        id="seed",
        source=Source(uri="https://example.org/seed"),
        extra=FACTS,
    )
    meet = doc.text.index("اجتماع مغلق")
    doc.published = "2021-09-14"
    doc.events = [
        {
            "type": "CONSULT",
            "mode": "meet",
            "trigger": {"start": meet, "end": meet + 11, "text": "اجتماع مغلق"},
            "actors": ["person:1"],
            "recipients": ["person:2"],
            "place": MOSCOW,
            "date": None,
            "sentence": {"start": meet, "end": meet + 35},
            "confidence": 0.3,
        }
    ]
    doc.refs[MOSCOW]["confidence"] = 0.2
    for e in doc.entities:
        if e.attrs.get("ref") == MOSCOW:
            e.attrs["confidence"] = 0.2
    split_by_confidence(doc, Thresholds.uniform(0.5))
    path = tmp / "conf.db"
    with Archive(path) as a:
        a.add(doc)
    return path


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(
        create_app(_archive(tmp_path_factory.mktemp("conf"))), raise_server_exceptions=False
    ) as c:
        yield c


def _doc_id(client: TestClient) -> str:
    return str(client.get("/api/search", params={"q": "موسكو"}).json()["results"][0]["id"])


def test_every_page_has_the_switch(client: TestClient) -> None:
    doc = _doc_id(client)
    for path in ("/", "/entities", "/places", "/events", "/stats", f"/documents/{doc}"):
        html = client.get(path).text
        assert SHOW in html and "all_facts=1" in html, path
        on = client.get(path, params={"all_facts": "1"}).text
        assert HIDE in on, path


def test_document_page_marks_held_back_facts_only_with_the_switch(client: TestClient) -> None:
    doc = _doc_id(client)
    off = client.get(f"/documents/{doc}").text
    on = client.get(f"/documents/{doc}", params={"all_facts": "1"}).text
    assert "low-conf" not in re.sub(r'<p class="facts-switch.*?</p>', "", off, flags=re.S)
    assert 'class="ent ent-LOC low-conf"' in on and "ثقة منخفضة 0.20" in on
    assert 'class="event low-conf"' in on
    # the source record shows low_confidence only with the switch
    assert "low_confidence" not in off.split('class="record"')[-1]
    assert "low_confidence" in on.split('class="record"')[-1]
    assert "محجوبة" in off and "معروضة ومُعلَّمة" in on


def test_api_document_default_and_switch(client: TestClient) -> None:
    doc = _doc_id(client)
    rec = client.get(f"/api/documents/{doc}").json()
    assert "low_confidence" not in rec and MOSCOW not in rec["refs"]
    assert all(e.get("ref") != MOSCOW for e in rec["entities"])
    full = client.get(f"/api/documents/{doc}", params={"all_facts": "1"}).json()
    assert MOSCOW in full["low_confidence"]["refs"] and len(full["low_confidence"]["events"]) == 1


def test_places_entities_events_and_stats_api(client: TestClient) -> None:
    assert MOSCOW not in {p["key"] for p in client.get("/api/places").json()["results"]}
    every = {p["key"]: p for p in client.get("/api/places", params={"all_facts": "1"}).json()["results"]}
    assert every[MOSCOW]["low_confidence"] is True
    ents = client.get("/api/entities", params={"kind": "places"}).json()["results"]
    assert MOSCOW not in {e["key"] for e in ents}
    ents = client.get("/api/entities", params={"kind": "places", "all_facts": "true"}).json()["results"]
    assert {e["key"]: e["low_confidence"] for e in ents}[MOSCOW] is True
    assert client.get("/api/events").json()["total"] == 0
    evs = client.get("/api/events", params={"all_facts": "1"}).json()
    assert (
        evs["total"] == 1 and evs["results"][0]["low_confidence"] and evs["results"][0]["confidence"] == 0.3
    )
    s = client.get("/api/stats").json()
    assert s["events"] == 0 and s["events_low_confidence"] == 1 and s["entities_low_confidence"] > 0
    assert client.get("/api/stats", params={"all_facts": "1"}).json()["events"] == 1
    facets = client.get("/api/search", params={"q": "الأسد", "facets": "1"}).json()["facets"]
    assert MOSCOW not in {f["value"] for f in facets["places"]}
    facets = client.get("/api/search", params={"q": "الأسد", "facets": "1", "all_facts": "1"}).json()[
        "facets"
    ]
    assert MOSCOW in {f["value"] for f in facets["places"]}


def test_an_entity_known_only_from_held_back_facts(client: TestClient) -> None:
    r = client.get(f"/api/entities/{MOSCOW}")
    assert r.status_code == 404 and "all_facts=1" in r.json()["detail"]
    page = client.get(f"/entities/{MOSCOW}")
    assert page.status_code == 404 and "all_facts=1" in page.text
    ent = client.get(f"/api/entities/{MOSCOW}", params={"all_facts": "1"}).json()
    assert ent["low_confidence"] is True
    html = client.get(f"/entities/{MOSCOW}", params={"all_facts": "1"}).text
    assert "ثقة منخفضة" in html and "all_facts=1" in html  # links keep the switch on


def test_map_and_events_page_mark_low_confidence(client: TestClient) -> None:
    assert 'class="marker low-conf"' in client.get("/places", params={"all_facts": "1"}).text
    assert 'class="marker low-conf"' not in client.get("/places").text
    html = client.get("/events", params={"all_facts": "1"}).text
    assert "low-conf" in html and "ثقة منخفضة 0.30" in html
    assert 'name="all_facts" value="1"' in html  # the filter form keeps the switch


def test_the_openapi_schema_documents_the_switch(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/places", "/api/entities", "/api/stats", "/api/documents/{id}"):
        params = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert "low-confidence" in params["all_facts"]["description"], path
    assert json.dumps(schema)  # serialisable
