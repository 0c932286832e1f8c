"""Helpers for the web tests: one archive built once per test session, and a live server.

The archive holds what an analyst would drop in: the seed page and a sample of SaudiNewsNet articles
(processed by ``khabar process --facts --archive``, as a user would), plus three hand-made records:
the seed with two coded events (the events stage may not exist yet), a crawled page whose title, body
and removed lines carry XSS payloads and whose source URI is ``javascript:``, and two copies of one story
marked as a near-duplicate cluster of three outlets (as corpus mode marks them).

(Not a conftest.py: the top-level tests import ``conftest`` by name, and a second one would shadow it.)
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.api import process_text
from khabar.archive import Archive
from khabar.cli import main as khabar_main
from khabar.model import Document, Source

from conftest import SEED, SHARED

SAMPLE = SHARED / "data" / "saudinewsnet_sample" / "saudinewsnet_sample_3k.jsonl"
#: SaudiNewsNet articles indexed (the fact layers cost ~0.1 s an article; the web tests stay < 60 s)
SAMPLE_SIZE = 40
FACTS = ("entities", "places", "refs", "dates", "quantities")
XSS_TITLE = '<script>alert("xss-title")</script> عنوان <img src=x onerror=alert(1)> خبر عاجل'
XSS_RAW = (
    XSS_TITLE
    + '\nهذه فقرة عن الأخبار في حلب فيها رابط <a href="javascript:alert(2)">اضغط هنا</a> وكلام كثير عن '
    "أسعار النفط وزيارة الوفد إلى عمّان.\nفقرة ثانية: <img src=x onerror=alert(3)> و javascript:alert(4) ونص "
    "عربي طويل عن الاقتصاد والتجارة في المنطقة العربية."
)
CLUSTER_TEXT = (
    "وزير الطاقة يفتتح محطة تحلية جديدة في جدة\n"
    "افتتح وزير الطاقة السعودي محطة تحلية جديدة في مدينة جدة بطاقة إنتاجية تبلغ 200 ألف متر مكعب يومياً، "
    "وقال إن المحطة تخدم أكثر من مليون نسمة."
)


def _events_seed() -> Document:
    """The seed page (another URI, so another archive id) with two events coded by hand."""
    raw = SEED.read_text(encoding="utf-8")
    doc = process_text(
        raw, id="seed-events", source=Source(uri="https://example.org/seed-events"), extra=FACTS
    )
    text = doc.text
    visit, meet = text.index("زيارة"), text.index("اجتماع مغلق")
    moscow = next(e.attrs["ref"] for e in doc.entities if e.text == "موسكو")
    doc.published = "2021-09-14"
    doc.events = [
        {
            "type": "CONSULT",
            "mode": "visit",
            "trigger": {"start": visit, "end": visit + 5, "text": "زيارة"},
            "actors": ["person:1"],
            "recipients": [moscow],
            "place": moscow,
            "date": "2021-09-13",
            "duration_s": None,
            "topics": [],
            "sentence": {"start": 24, "end": 61},
            "negated": False,
            "future": False,
        },
        {
            "type": "CONSULT",
            "mode": "meet",
            "trigger": {"start": meet, "end": meet + 11, "text": "اجتماع مغلق"},
            "actors": ["person:1"],
            "recipients": ["person:2"],
            "place": None,
            "date": None,
            "duration_s": 5400,
            "topics": [],
            "sentence": {"start": meet, "end": meet + 35},
            "negated": False,
            "future": False,
        },
    ]
    return doc


def _xss_doc() -> Document:
    doc = process_text(
        XSS_RAW, id="xss", source=Source(uri="javascript:alert(5)", site="evil.example"), extra=FACTS
    )
    doc.title = XSS_TITLE
    doc.published = "2021-09-10"
    return doc


def _cluster_docs() -> list[Document]:
    out = []
    for i, site in enumerate(("alriyadh", "okaz")):
        doc = process_text(
            CLUSTER_TEXT, id=f"c{i}", source=Source(uri=f"http://{site}.example/{i}", site=site), extra=FACTS
        )
        doc.published = "2015-07-20"
        doc.signals.update({"dup_cluster": "c:desal", "cluster_size": 3})
        out.append(doc)
    return out


@functools.cache
def _build() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="khabar-web-"))
    atexit.register(shutil.rmtree, folder, True)
    sample = folder / "sample.jsonl"
    with SAMPLE.open(encoding="utf-8") as src, sample.open("w", encoding="utf-8") as out:
        for _, line in zip(range(SAMPLE_SIZE), src, strict=False):
            out.write(line)
    db = folder / "web.db"
    records = folder / "records.jsonl"  # a real file: the writer replaces its output atomically
    rc = khabar_main(
        ["process", str(SEED), str(sample), "--facts", "--archive", str(db), "-o", str(records), "-q"]
    )
    assert rc == 0
    with Archive(db) as a:
        a.add_many([_events_seed(), _xss_doc(), *_cluster_docs()])
    return db


def web_archive() -> Path:
    """The shared test archive (skips the test when ../shared is not beside the repository)."""
    if not SEED.exists() or not SAMPLE.exists():
        pytest.skip(f"{SHARED} is not available (../shared beside the repository)")
    return _build()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def live_server(db: Path) -> Iterator[str]:
    """``khabar serve`` on a free loopback port in a thread; yields its base URL, stops on exit."""
    import uvicorn

    from khabar.web.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


#: Debian's chromium (``make test`` installs it as root); Playwright never downloads a browser
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """Debian's chromium, headless, driven by Playwright (the browser tests' ``browser`` fixture)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()
