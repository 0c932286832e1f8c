"""WARC input: page records in, documents or rejects out, with exact accounting."""

from __future__ import annotations

import gzip
import json
import uuid
from collections import Counter
from pathlib import Path

import pytest

from khabar.api import process_text
from khabar.cli import main
from khabar.io import RawRecord, Reject, read_inputs
from khabar.io.web import WarcStats, read_warc

pytest.importorskip("fastwarc")


ARTICLE = (
    "<!DOCTYPE html><html lang='ar'><head><meta charset='utf-8'><title>{title} - الموقع</title></head>"
    "<body><nav class='main-menu'><a href='/'>الرئيسية</a><a href='/s'>رياضة</a></nav>"
    "<article><h1>{title}</h1><p>{body}</p><p>وأضاف المتحدث أن الاجتماعات ستتواصل خلال الأيام المقبلة "
    "لبحث جميع الملفات العالقة بين الجانبين.</p></article>"
    "<footer>جميع الحقوق محفوظة 2015</footer></body></html>"
)
BODY = "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في جنيف بمشاركة جميع الأطراف المعنية."
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def warc_record(
    rtype: str,
    uri: str | None,
    block: bytes,
    content_type: str | None = None,
    extra: dict[str, str] | None = None,
) -> bytes:
    lines = [
        "WARC/1.0",
        f"WARC-Type: {rtype}",
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>",
        "WARC-Date: 2021-09-14T10:00:00Z",
    ]
    if uri:
        lines.append(f"WARC-Target-URI: {uri}")
    if content_type:
        lines.append(f"Content-Type: {content_type}")
    lines += [f"{k}: {v}" for k, v in (extra or {}).items()]
    lines.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str, status: str = "200 OK") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode("latin-1") + body


def response(uri: str, body: bytes, content_type: str, status: str = "200 OK") -> bytes:
    return warc_record(
        "response", uri, http_response(body, content_type, status), "application/http; msgtype=response"
    )


def page(title: str, encoding: str = "utf-8") -> bytes:
    html = ARTICLE.format(title=title, body=BODY)
    if encoding != "utf-8":
        html = html.replace("<meta charset='utf-8'>", "")  # only the HTTP header says the charset
    return html.encode(encoding)


def build_warc(path: Path) -> Path:
    """HTML responses (UTF-8, and Windows-1256 declared only in the HTTP header), a PDF response, a
    request record, a revisit, and a final response truncated in the middle of its gzip member."""
    members = [
        warc_record("warcinfo", None, b"software: khabar-tests\r\n", "application/warc-fields"),
        warc_record(
            "request",
            "https://news.test/a1",
            b"GET /a1 HTTP/1.1\r\nHost: news.test\r\n\r\n",
            "application/http; msgtype=request",
        ),
        response(
            "https://news.test/a1", page("محادثات جنيف تستأنف الأسبوع المقبل"), "text/html; charset=utf-8"
        ),
        response(
            "https://news.test/a2",
            page("وزير المالية يعلن الميزانية", "cp1256"),
            "text/html; charset=windows-1256",
        ),
        response("https://news.test/report.pdf", PDF, "application/pdf"),
        warc_record(
            "revisit",
            "https://news.test/a1",
            b"",
            None,
            {"WARC-Profile": "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"},
        ),
        warc_record(
            "metadata", "https://news.test/a1", b"via: https://news.test/\r\n", "application/warc-fields"
        ),
    ]
    data = b"".join(gzip.compress(m) for m in members)
    last = gzip.compress(response("https://news.test/a3", page("خبر مقطوع"), "text/html; charset=utf-8"))
    path.write_bytes(data + last[: len(last) // 2])  # cut mid-gzip: the download stopped there
    return path


def split(items: list[RawRecord | Reject]) -> tuple[list[RawRecord], list[Reject]]:
    recs = [i for i in items if isinstance(i, RawRecord)]
    rejs = [i for i in items if isinstance(i, Reject)]
    assert len(recs) + len(rejs) == len(items)
    return recs, rejs


def test_warc_exact_accounting(tmp_path: Path) -> None:
    path = build_warc(tmp_path / "crawl.warc.gz")
    recs, rejs = split(list(read_inputs([str(path)])))
    # page records in: 3 complete responses + 1 truncated = 4 = 2 documents + 2 rejects
    assert len(recs) == 2
    assert Counter(r.reason for r in rejs) == {"not_html": 1, "truncated": 1}
    assert [r.source.uri for r in recs] == ["https://news.test/a1", "https://news.test/a2"]
    pdf = next(r for r in rejs if r.reason == "not_html")
    assert pdf.code == "K111" and "application/pdf" in pdf.message and "report.pdf" in pdf.message
    cut = next(r for r in rejs if r.reason == "truncated")
    assert cut.code == "K105" and "a3" in cut.message and "ends early" in cut.message
    for r in recs:
        assert r.source.format == "warc"
        assert r.source.site == "news.test"
        assert r.source.input and r.source.input.startswith(str(path) + "@")
        assert r.meta["warc"]["http_status"] == 200
        assert r.meta["warc"]["date"] == "2021-09-14T10:00:00Z"
        assert r.meta["warc"]["http_headers"]["content-type"].startswith("text/html")
        assert r.id.startswith("urn:uuid:")
    # the Windows-1256 page was decoded from the HTTP header's charset: no mojibake
    assert "وزير المالية يعلن الميزانية" in recs[1].raw
    assert "Ø" not in recs[1].raw and "\ufffd" not in recs[1].raw


def test_warc_date_fills_published_when_the_page_has_none(tmp_path: Path) -> None:
    # the test pages declare no date: the WARC-Date (a crawl date) is the record's published date
    path = build_warc(tmp_path / "crawl.warc.gz")
    recs, _ = split(list(read_inputs([str(path)])))
    for r in recs:
        assert r.meta["input_date"] == {"date": "2021-09-14", "source": "warc-date", "kind": "crawl"}
        doc = process_text(r.raw, id=r.id, source=r.source, meta=r.meta, warnings=r.warnings)
        assert (doc.published, doc.published_source) == ("2021-09-14", "warc-date")
    # --date-field none: no input date at all
    recs, _ = split(list(read_inputs([str(path)], date_field="none")))
    assert recs and all("input_date" not in r.meta for r in recs)


def test_warc_not_input_records_are_counted_apart(tmp_path: Path) -> None:
    path = build_warc(tmp_path / "crawl.warc.gz")
    stats = WarcStats()
    with open(path, "rb") as f:
        items = list(
            read_warc(f, name=path.name, input=str(path), stem="crawl", max_bytes=1 << 20, stats=stats)
        )
    assert len(items) == 4
    assert stats.by_type == {"warcinfo": 1, "request": 1, "response": 4, "revisit": 1, "metadata": 1}
    assert stats.not_input == 4


def test_cli_processes_the_warc_and_exits_0_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build_warc(tmp_path / "crawl.warc.gz")
    out, rej = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    assert main(["process", str(path), "-o", str(out), "--rejects", str(rej)]) == 0
    err = capsys.readouterr().err
    assert "4 records in: 2 processed, 2 rejected" in err
    assert "not_html: 1" in err and "truncated: 1" in err
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    rejects = [json.loads(line) for line in rej.read_text(encoding="utf-8").splitlines()]
    assert len(docs) + len(rejects) == 4
    assert [d["title"] for d in docs] == ["محادثات جنيف تستأنف الأسبوع المقبل", "وزير المالية يعلن الميزانية"]
    for d in docs:
        assert BODY in d["text"]
        assert "جميع الحقوق محفوظة" not in d["text"]
        assert d["source"]["format"] == "warc"


def test_uncompressed_warc_found_by_magic_bytes(tmp_path: Path) -> None:
    data = response("https://news.test/x", page("عنوان الخبر هنا"), "text/html") + warc_record(
        "request", "https://news.test/x", b"GET / HTTP/1.1\r\n\r\n"
    )
    path = tmp_path / "capture.bin"  # no telling name: recognised by "WARC/"
    path.write_bytes(data)
    recs, rejs = split(list(read_inputs([str(path)])))
    assert len(recs) == 1 and not rejs
    gz = tmp_path / "capture2.gz"  # gzip of a WARC, named .gz only
    gz.write_bytes(gzip.compress(data))
    recs, rejs = split(list(read_inputs([str(gz)])))
    assert len(recs) == 1 and not rejs


def test_http_errors_empty_bodies_and_sniffed_html(tmp_path: Path) -> None:
    members = [
        response("https://news.test/moved", b"", "text/html", "301 Moved Permanently"),
        response("https://news.test/empty", b"  ", "text/html"),
        response("https://news.test/json", b'{"a": 1}', "application/json"),
        response("https://news.test/noct", page("صفحة بلا نوع محتوى"), ""),  # sniffed as HTML
        warc_record("resource", "https://news.test/r", page("مورد محفوظ"), "text/html"),
    ]
    path = tmp_path / "mixed.warc"
    path.write_bytes(b"".join(members))
    recs, rejs = split(list(read_inputs([str(path)])))
    assert [r.source.uri for r in recs] == ["https://news.test/noct", "https://news.test/r"]
    assert [r.reason for r in rejs] == ["http_status", "empty", "not_html"]


def test_corrupt_member_stops_that_file_and_the_run_goes_on(tmp_path: Path) -> None:
    good = gzip.compress(response("https://news.test/1", page("الخبر الأول"), "text/html"))
    bad = bytearray(gzip.compress(response("https://news.test/2", page("الخبر الثاني"), "text/html")))
    bad[20:60] = b"\x00" * 40  # damage the deflate stream
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(good + bytes(bad))
    other = tmp_path / "page.html"
    other.write_text(ARTICLE.format(title="خبر آخر مستقل", body=BODY), encoding="utf-8")
    recs, rejs = split(list(read_inputs([str(path), str(other)])))
    assert [r.reason for r in rejs] == ["truncated"]
    assert "corrupt" in rejs[0].message
    assert [r.source.format for r in recs] == ["warc", "html"]


def test_too_large_record_is_skipped_unread(tmp_path: Path) -> None:
    small = page("خبر صغير")
    big = small.replace(b"</body>", b"<!--" + b"x" * 5000 + b"--></body>")
    path = tmp_path / "big.warc.gz"
    path.write_bytes(
        gzip.compress(response("https://news.test/big", big, "text/html"))
        + gzip.compress(response("https://news.test/small", small, "text/html"))
    )
    recs, rejs = split(list(read_inputs([str(path)], max_bytes=len(small) + 1000)))
    assert [r.reason for r in rejs] == ["too_large"] and "big" in rejs[0].message
    assert [r.source.uri for r in recs] == ["https://news.test/small"]


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"hello, this is not a WARC file\n")
    recs, rejs = split(list(read_inputs([str(path)])))
    assert not recs and [r.reason for r in rejs] == ["empty"]
