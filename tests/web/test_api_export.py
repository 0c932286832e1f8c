"""Exports from the archive's API: every result of a search and every event, as CSV or JSON Lines,
the same rows the paged API gives (issue 18, item 4)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient
from web_support import web_archive

from khabar.web.app import create_app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(web_archive()), raise_server_exceptions=False) as c:
        yield c


def _paged_ids(client: TestClient, path: str, key: str, **params: str) -> list[str]:
    ids: list[str] = []
    page = 1
    while True:
        j = client.get(path, params={**params, "page": str(page), "per_page": "7"}).json()
        ids += [r[key] for r in j["results"]]
        if len(ids) >= j["total"] or not j["results"]:
            return ids
        page += 1


def test_search_csv_has_every_result_in_rank_order(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "وزير", "format": "csv", "bom": "true"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    assert r.content.startswith("\ufeff".encode())  # Excel reads UTF-8 with the BOM
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows and [int(x["rank"]) for x in rows] == list(range(1, len(rows) + 1))
    assert [x["id"] for x in rows] == _paged_ids(client, "/api/search", "id", q="وزير")


def test_search_jsonl_without_a_query_is_the_whole_archive(client: TestClient) -> None:
    r = client.get("/api/search", params={"format": "jsonl"})
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert len(lines) == client.get("/api/search").json()["total"]
    assert set(lines[0]) == {"rank", "id", "title", "site", "published", "score", "snippet"}


def test_events_export(client: TestClient) -> None:
    total = client.get("/api/events").json()["total"]
    r = client.get("/api/events", params={"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total > 0
    assert all(x["type_ar"] and not x["type_ar"].isascii() for x in rows)
    consult = client.get("/api/events", params={"format": "jsonl", "type": "CONSULT"}).text.splitlines()
    assert consult and {json.loads(x)["type"] for x in consult} == {"CONSULT"}


def test_a_bad_format_is_a_clear_error(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "x", "format": "xlsx"}).status_code == 422


def test_who_met_whom(client: TestClient) -> None:
    # the meetings network: parties by their archive keys, each edge opening its own events
    net = client.get("/api/meetings").json()
    assert net["nodes"] and net["edges"]
    keys = {n["key"] for n in net["nodes"]}
    edge = net["edges"][0]
    assert edge["a"] in keys and edge["b"] in keys and edge["events"] >= 1
    page = client.get("/meetings").text
    assert "<svg" in page and "party=" in page
    r = client.get("/events", params=[("type", "CONSULT"), ("party", edge["a"]), ("party", edge["b"])])
    assert r.status_code == 200 and "الأحداث التي أطرافها" in r.text
    j = client.get("/api/events", params={"type": "CONSULT"}).json()
    assert j["total"] >= edge["events"]


def test_each_event_has_its_own_page(client: TestClient) -> None:
    ev = client.get("/api/events").json()["results"][0]
    one = client.get(f"/api/events/{ev['document']}/{ev['i']}").json()
    assert one["type"] == ev["type"] and one["sentences"]
    assert all(s["trigger"] for s in one["sentences"])
    page = client.get(f"/events/{ev['document']}/{ev['i']}").text
    assert "<mark>" in page and "من" in page
    assert client.get(f"/events/{ev['document']}/999").status_code == 404
    # the events table and the document's facts panel link to it
    assert f"/events/{ev['document']}/{ev['i']}" in client.get("/events").text


def test_outlets_side_by_side(client: TestClient) -> None:
    outlets = client.get("/api/stats").json()["outlets"]
    assert outlets and {"site", "documents", "events", "countries"} <= set(outlets[0])
    assert sum(o["documents"] for o in outlets) <= client.get("/api/stats").json()["documents"]
    assert "مقارنة المنافذ" in client.get("/stats").text


def test_a_thousand_result_search_exports_the_rows_the_api_pages(tmp_path: Path) -> None:
    """The acceptance's own size: a search with 1,000 results, exported as CSV, read back by Python's
    csv module, row for row the ids of the paged API (ten pages of 100) in the same order."""
    from khabar.api import process_text
    from khabar.archive import Archive
    from khabar.model import Source

    db = tmp_path / "thousand.db"
    towns = ("جدة", "الدمام", "أبها", "تبوك", "حائل")
    docs = (
        process_text(
            f"افتتاح مشروع رقم {i} في {towns[i % 5]}\nأعلنت الأمانة اليوم افتتاح مشروع تنموي جديد يحمل الرقم "
            f"{i} في مدينة {towns[i % 5]} بتكلفة {100 + i} مليون ريال، ضمن خطة تطوير الأحياء.",
            id=f"doc-{i}",
            source=Source(uri=f"https://news.example/{i}", format="text"),
        )
        for i in range(1000)
    )
    with Archive(db) as a:
        a.add_many(docs)
    with TestClient(create_app(db)) as c:
        r = c.get("/api/search", params={"q": "مشروع", "format": "csv"})
        rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
        paged: list[str] = []
        for page in range(1, 11):
            j = c.get("/api/search", params={"q": "مشروع", "page": str(page), "per_page": "100"}).json()
            paged += [x["id"] for x in j["results"]]
        assert j["total"] == 1000
    assert len(rows) == 1000 and [x["id"] for x in rows] == paged
