"""HTML inputs: files and folders, charset from BOM / meta / detection, no mojibake on Windows-1256."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import pytest

from khabar.api import process_text
from khabar.io import RawRecord, Reject, read_inputs
from khabar.io.html import charset_from_content_type, decode_html, looks_like_html, meta_charset

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "html_bench" / "public"
TITLE = "محادثات جنيف تستأنف الأسبوع المقبل"
PAGE = (
    "<!DOCTYPE html><html lang='ar'><head>{meta}<title>{title}</title></head><body>"
    "<h1>{title}</h1><p>قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في جنيف بمشاركة جميع "
    "الأطراف المعنية، وإن الوفود ستصل تباعا.</p></body></html>"
)
# mojibake telltales: UTF-8 read as Latin-1/cp1252, or as cp1256; and replacement characters
MOJIBAKE = re.compile("[ØÙÃÂ]|Ø§|ط§|ظ…|\ufffd")


def read(paths: list[Path | str]) -> tuple[list[RawRecord], list[Reject]]:
    items = list(read_inputs([str(p) for p in paths]))
    recs = [i for i in items if isinstance(i, RawRecord)]
    rejs = [i for i in items if isinstance(i, Reject)]
    assert len(recs) + len(rejs) == len(items)
    return recs, rejs


def test_html_file_is_one_record(tmp_path: Path) -> None:
    p = tmp_path / "article.html"
    p.write_text(PAGE.format(meta="<meta charset='utf-8'>", title=TITLE), encoding="utf-8")
    (recs, rejs) = read([p])
    assert not rejs and len(recs) == 1
    r = recs[0]
    assert r.id == "article" and r.source.format == "html" and r.source.input == str(p)
    assert r.raw.startswith("<!DOCTYPE html>")
    doc = process_text(r.raw, id=r.id, source=r.source)
    assert doc.title == TITLE
    assert "المحادثات ستستأنف" in doc.text


@pytest.mark.parametrize(
    ("encoding", "meta"),
    [
        ("cp1256", "<meta http-equiv='Content-Type' content='text/html; charset=windows-1256'>"),
        ("iso8859_6", "<meta charset='ISO-8859-6'>"),
        ("cp1256", ""),  # no declaration at all: detected
    ],
)
def test_arabic_codepages(tmp_path: Path, encoding: str, meta: str) -> None:
    p = tmp_path / "old.htm"
    text = PAGE.format(meta=meta, title=TITLE)
    if encoding == "iso8859_6":
        text = text.replace("،", ",")  # keep to what both codepages can encode
    p.write_bytes(text.encode(encoding))
    (recs, rejs) = read([p])
    assert not rejs
    assert TITLE in recs[0].raw and not MOJIBAKE.search(recs[0].raw)


def test_bom_wins_over_a_wrong_declaration(tmp_path: Path) -> None:
    p = tmp_path / "bom.html"
    p.write_bytes(codecs.BOM_UTF8 + PAGE.format(meta="<meta charset='windows-1256'>", title=TITLE).encode())
    (recs, _) = read([p])
    assert TITLE in recs[0].raw


def test_folder_of_pages_and_sniffed_html(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(PAGE.format(meta="", title=TITLE), encoding="utf-8")
    (tmp_path / "b.htm").write_text(PAGE.format(meta="", title="عنوان ثان للخبر"), encoding="utf-8")
    (tmp_path / "saved-page").write_text(PAGE.format(meta="", title="صفحة بلا امتداد"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("سطر نصي عادي\n", encoding="utf-8")
    (recs, rejs) = read([tmp_path])
    assert not rejs
    assert {r.id: r.source.format for r in recs} == {
        "a": "html",
        "b": "html",
        "notes": "text",
        "saved-page": "html",
    }


def test_empty_and_binary_html_are_rejects(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "logo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    (recs, rejs) = read([tmp_path / "empty.html", tmp_path / "logo.html"])
    assert not recs and [r.reason for r in rejs] == ["empty", "binary"]


def test_charset_helpers() -> None:
    assert charset_from_content_type("text/html; charset=Windows-1256") == "cp1256"
    assert charset_from_content_type('text/html; charset="utf-8"') == "utf-8"
    assert charset_from_content_type("text/html; charset=x-unknown") is None
    assert charset_from_content_type(None) is None
    assert meta_charset(b"<html><head><meta charset=iso-8859-6>") == "iso8859-6"
    assert (
        meta_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">')
        == "cp1256"
    )
    assert looks_like_html(b"\n  <!-- saved --><!DOCTYPE html><html>")
    assert looks_like_html(codecs.BOM_UTF8 + b"<html lang='ar'>")
    assert not looks_like_html(b'{"text": "<p>"}')
    assert not looks_like_html(b"plain text <b>bold</b>")


def test_http_charset_is_used_when_the_page_declares_none() -> None:
    data = PAGE.format(meta="", title=TITLE).encode("cp1256")
    assert TITLE in decode_html(data, http_charset="windows-1256").text


def test_windows_1256_template_decodes_without_mojibake() -> None:
    """html_bench's legacy ASP.NET template is Windows-1256: every block decodes cleanly."""
    pages = sorted(BENCH.glob("t04_*.html"))
    if not pages:
        pytest.skip(f"{BENCH} is not available (../shared beside the repository)")
    recs, rejs = read(pages[:10])
    assert not rejs and len(recs) == 10
    for r in recs:
        assert r.source.input is not None
        gold = json.loads(Path(r.source.input).with_suffix(".json").read_text(encoding="utf-8"))
        assert gold["encoding"].lower() in ("windows-1256", "cp1256")
        doc = process_text(r.raw, id=r.id, source=r.source)
        assert doc.title == gold["title"]
        for b in doc.blocks:
            assert not MOJIBAKE.search(b.text), (r.id, b.text)
        assert gold["paragraphs"][0][:40] in doc.text
