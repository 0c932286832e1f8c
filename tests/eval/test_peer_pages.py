"""peer_pages (``../shared/data/peer_pages``): real Arabic article pages from other extractors' test
suites, a test set. khabar's body F1 on the Arabic pages (score.py's metric, against the corrected
texts), and its title, byline, published, modified and dateline on every Arabic page against values
written from the pages (``data/peer_pages_meta.json`` says how). Rules are never written for these
pages: each fix is a class rule with its own unit test elsewhere (tests/clean/test_bylines.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from khabar.api import process_text
from khabar.io.html import decode_html
from khabar.model import Document, Source

PEERS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "peer_pages"
EXPECTED: dict[str, Any] = json.loads(
    (Path(__file__).parent / "data" / "peer_pages_meta.json").read_text("utf-8")
)
ARABIC = sorted(k for k in EXPECTED if not k.startswith("_"))
#: issue 14 asks body F1 ≥ 0.98 on the Arabic pages (0.979 at commit bc7bfbc); 0.995 was reached
BODY_F1_FLOOR = 0.99

pytestmark = pytest.mark.skipif(not PEERS.is_dir(), reason="../shared/data/peer_pages not present")


def _score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("peer_pages_score", PEERS / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _process(name: str) -> Document:
    path = PEERS / name / "page.html"
    text = decode_html(path.read_bytes(), name=str(path)).text
    return process_text(text, id=name, source=Source(format="html", input=str(path)))


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {n: _process(n) for n in ARABIC}


def test_every_arabic_peer_page_is_listed() -> None:
    on_disk = {d.name for d in PEERS.iterdir() if d.is_dir() and not d.name.startswith(("_", "rtl_other__"))}
    assert on_disk == set(ARABIC)


@pytest.mark.parametrize("name", ARABIC)
def test_peer_page_metadata(name: str, docs: dict[str, Document]) -> None:
    score = _score_module()
    want, doc = EXPECTED[name], docs[name]
    assert score.normalise(doc.title or "") == score.normalise(want["title"])
    assert doc.byline == want["byline"]
    assert doc.published == want["published"]
    assert doc.modified == want["modified"]
    assert doc.dateline == want["dateline"]


def test_arabic_body_f1_floor(docs: dict[str, Document]) -> None:
    score = _score_module()
    f1s = []
    for c in score.load_cases():
        if c["group"] != "arabic" or c["duplicate_of"] or not (c["expected_fixed"] or c["expected"]):
            continue
        doc = docs[c["name"]]
        body = "\n".join(b.text for b in doc.blocks if b.start is not None and b.kind in score.BODY_KINDS)
        body = score.drop_title_lines(body, c["title"])
        f1s.append(score.prf(body, c["expected_fixed"] or c["expected"])[2])
        # the comment-policy notice under CNN's article is chrome, not an AGREE event
    assert len(f1s) == 4
    assert sum(f1s) / len(f1s) >= BODY_F1_FLOOR, f1s


def test_snippets_hold(docs: dict[str, Document]) -> None:
    score = _score_module()
    for c in score.load_cases():
        if c["group"] != "arabic":
            continue
        text = docs[c["name"]].text
        assert all(score.snippet_hits(text, c["must_have"])), c["name"]
        assert not any(score.snippet_hits(text, c["must_not"])), c["name"]
