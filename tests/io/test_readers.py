"""read_inputs: every input record comes out as one record or one reject, with a clear reason."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from khabar.errors import UsageError
from khabar.io import RawRecord, Reject, read_inputs
from khabar.io import readers as readers_module

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
DATA = SHARED / "data"
ARABIC = "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في جنيف."


def read(paths: list[str | Path], **kw: Any) -> tuple[list[RawRecord], list[Reject]]:
    items = list(read_inputs([str(p) for p in paths], **kw))
    records = [i for i in items if isinstance(i, RawRecord)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert len(records) + len(rejects) == len(items)
    return records, rejects


def jsonl(path: Path, lines: list[Any]) -> Path:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return path


# -- single text files -----------------------------------------------------------------------------------
def test_text_file_is_one_document(tmp_path: Path) -> None:
    p = tmp_path / "story.txt"
    p.write_text(ARABIC + "\n", encoding="utf-8")
    (rec,), rejects = read([p])
    assert not rejects
    assert rec.id == "story"
    assert rec.raw == ARABIC + "\n"
    assert rec.source.format == "text" and rec.source.input == str(p) and rec.source.uri is None
    assert rec.warnings == []


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    records, (rej,) = read([p])
    assert not records
    assert (rej.id, rej.code, rej.reason) == ("empty", "K101", "empty")
    assert "empty (0 bytes)" in rej.message


def test_binary_file_png(tmp_path: Path) -> None:
    p = tmp_path / "file.bin"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    records, (rej,) = read([p])
    assert not records
    assert (rej.code, rej.reason) == ("K102", "binary")
    assert rej.message == f"{p} looks like a PNG image, not text; pass text, JSONL, JSON or ZIP inputs"


def test_invalid_utf8_bytes_inside_arabic_text(tmp_path: Path) -> None:
    p = tmp_path / "damaged.txt"
    p.write_bytes(ARABIC.encode() + b"\n\xff" + ARABIC.encode())
    (rec,), rejects = read([p])
    assert not rejects
    assert rec.raw == f"{ARABIC}\n\ufffd{ARABIC}"
    assert rec.warnings == [f"{p}: 1 invalid UTF-8 byte replaced with U+FFFD"]


def test_windows_1256_arabic_file(tmp_path: Path) -> None:
    p = tmp_path / "old_site.txt"
    p.write_bytes(ARABIC.encode("cp1256"))
    (rec,), rejects = read([p])
    assert not rejects
    assert rec.raw == ARABIC
    assert rec.warnings == [f"{p}: not UTF-8; decoded as cp1256 (detected)"]


def test_50mb_file_is_rejected_by_size_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "big.txt"
    with open(p, "wb") as f:  # sparse: one line of 50 MB, made in no time
        f.truncate(50 * 2**20 + 400 * 1024)

    def no_open(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(readers_module, "open", no_open, raising=False)
    records, (rej,) = read([p])
    assert not records
    assert (rej.code, rej.reason) == ("K104", "too_large")
    assert rej.message == f"{p} is 50.4 MB, above the 32 MB limit per record; raise it with --max-bytes"


def test_max_bytes_raises_the_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    unit = "خبر عاجل ".encode()
    p.write_bytes(unit * (50 * 2**20 // len(unit)))
    (rec,), rejects = read([p], max_bytes=64 * 2**20)
    assert not rejects
    assert len(rec.raw) == 50 * 2**20 // len(unit) * len("خبر عاجل ")
    # and the other way round: a small limit rejects a small file
    small = tmp_path / "small.txt"
    small.write_text(ARABIC, encoding="utf-8")
    _, (rej,) = read([small], max_bytes=10)
    assert rej.reason == "too_large" and "10 bytes limit" in rej.message


def test_nonexistent_path(tmp_path: Path) -> None:
    records, (rej,) = read([tmp_path / "nope.jsonl"])
    assert not records
    assert (rej.code, rej.reason, rej.id) == ("K108", "not_found", "nope")
    assert "does not exist" in rej.message


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "secret.txt"
    p.write_text(ARABIC, encoding="utf-8")
    p.chmod(0)
    try:
        _, (rej,) = read([p])
    finally:
        p.chmod(0o644)
    assert (rej.code, rej.reason) == ("K109", "unreadable")
    assert "check its permissions" in rej.message


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the same case where the tests run as root, which may read any file
    p = tmp_path / "secret.txt"
    p.write_text(ARABIC, encoding="utf-8")

    def denied(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(p))

    monkeypatch.setattr(readers_module, "open", denied, raising=False)
    _, (rej,) = read([p])
    assert (rej.code, rej.reason, rej.input) == ("K109", "unreadable", str(p))
    assert rej.message == f"{p} cannot be read (Permission denied); check its permissions"


# -- JSON Lines --------------------------------------------------------------------------------------------
def test_jsonl_with_malformed_line_and_missing_text(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    good = {"id": "a", "text": ARABIC, "url": "https://www.example.com/news/1"}
    p.write_text(
        json.dumps(good, ensure_ascii=False)
        + "\n"
        + '{"text": "نص", "id": 2\n'  # line 2: not valid JSON
        + "\n"  # blank lines are not records
        + json.dumps({"title": "عنوان", "body": "نص"}, ensure_ascii=False)
        + "\n"  # line 4: no text field
        + '["not", "an", "object"]\n'  # line 5: valid JSON, not an object
        + json.dumps({"text": "سطر أخير"}, ensure_ascii=False)  # line 6: no id, no final newline
    )
    records, rejects = read([p])
    assert [r.id for r in records] == ["a", "x:6"]
    assert len(records) + len(rejects) == 5  # five non-blank lines in, five items out
    first = records[0]
    assert first.raw == ARABIC
    assert first.source.uri == "https://www.example.com/news/1"
    assert first.source.site == "example.com"
    assert first.source.format == "jsonl" and first.source.input == f"{p}:1"
    assert first.meta == {"url": "https://www.example.com/news/1"}
    assert records[1].source.input == f"{p}:6"

    bad, missing, not_object = rejects
    assert (bad.id, bad.input, bad.code, bad.reason) == ("x:2", f"{p}:2", "K106", "malformed_json")
    assert bad.message == (
        f"line 2 of {p} is not valid JSON (Expecting ',' delimiter at column 23); fix or remove the line"
    )
    assert (missing.id, missing.code, missing.reason) == ("x:4", "K107", "missing_field")
    assert missing.message == (
        f"line 4 of {p} has no text field (neither 'text' nor 'content'; its fields are: title, body); "
        "name the field that holds the text with --text-field"
    )
    assert (not_object.code, not_object.reason) == ("K106", "malformed_json")
    assert "is a JSON array, not an object" in not_object.message


def test_jsonl_text_id_and_meta_fields(tmp_path: Path) -> None:
    p = jsonl(
        tmp_path / "nested.jsonl",
        [
            {"doc": {"key": 17}, "metadata": {"text": ARABIC, "url": "http://site.org/a", "lang": "ar"}},
            {"doc": {}, "metadata": {"text": ARABIC}},
        ],
    )
    records, (rej,) = read(
        [p], text_field="metadata.text", id_field="doc.key", meta_fields=["metadata.lang", "missing"]
    )
    (rec,) = records
    assert (rec.id, rec.raw, rec.meta) == ("17", ARABIC, {"metadata.lang": "ar"})
    assert rec.source.uri == "http://site.org/a" and rec.source.site == "site.org"
    assert rej.reason == "missing_field" and "'doc.key'" in rej.message


def test_record_with_empty_text_is_rejected(tmp_path: Path) -> None:
    p = jsonl(tmp_path / "e.jsonl", [{"id": "e1", "text": "  "}, {"id": "e2", "text": None}])
    _, rejects = read([p])
    assert [(r.id, r.reason) for r in rejects] == [("e1", "empty"), ("e2", "missing_field")]


def test_over_long_jsonl_line_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    p = jsonl(tmp_path / "long.jsonl", [{"text": "ا" * 5000}, {"text": "قصير"}])
    records, (rej,) = read([p], max_bytes=2000)
    assert [r.id for r in records] == ["long:2"]
    assert (rej.id, rej.reason) == ("long:1", "too_large")
    assert rej.message.startswith("line 1 of ") and "9.8 KB" in rej.message


def test_jsonl_encodings(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_bytes(b'{"text": "' + ARABIC.encode() + b'\xff"}\n')
    old = tmp_path / "old.jsonl"
    old.write_bytes((json.dumps({"text": ARABIC}, ensure_ascii=False) + "\n").encode("cp1256"))
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(
        codecs.BOM_UTF16_LE + (json.dumps({"text": ARABIC}, ensure_ascii=False) + "\n").encode("utf-16-le")
    )
    (d, o, w), rejects = read([damaged, old, wide])
    assert not rejects
    assert d.raw == ARABIC + "\ufffd" and d.warnings == [
        f"line 1 of {damaged}: 1 invalid UTF-8 byte replaced with U+FFFD"
    ]
    assert o.raw == ARABIC and "cp1256" in o.warnings[0]
    assert w.raw == ARABIC and w.warnings == []


def test_truncated_gzip(tmp_path: Path) -> None:
    lines = [{"id": f"r{i}", "text": f"{ARABIC} {i}"} for i in range(2000)]
    data = gzip.compress("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines).encode())
    p = tmp_path / "x.jsonl.gz"
    p.write_bytes(data[: len(data) // 2])
    records, rejects = read([p])
    assert 0 < len(records) < len(lines)
    assert [r.id for r in records] == [f"r{i}" for i in range(len(records))]  # complete records, in order
    assert all(r.raw == f"{ARABIC} {i}" for i, r in enumerate(records))
    (rej,) = rejects
    assert (rej.code, rej.reason, rej.input) == ("K105", "truncated", str(p))
    assert rej.message == (
        f"{p} ends early (truncated gzip stream) after {len(records)} records; the records before were read"
    )


def _cut_gzip(path: Path, payload: bytes, keep: float = 0.6) -> Path:
    """``payload`` gzipped and cut after ``keep`` of its compressed bytes."""
    data = gzip.compress(payload)
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def _gunzip_up_to_the_cut(path: Path) -> bytes:
    """What a cut gzip file gives before it breaks."""
    out = b""
    with gzip.open(path, "rb") as f:
        try:
            while chunk := f.read1(4096):
                out += chunk
        except EOFError:
            pass
    return out


def test_gzip_cut_within_the_head_keeps_the_records_before(tmp_path: Path) -> None:
    lines = [{"id": f"r{i}", "text": f"{ARABIC} {i}"} for i in range(40)]
    payload = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines).encode()
    assert len(payload) < 65536  # the whole stream is shorter than the sniffed head
    p = _cut_gzip(tmp_path / "short.jsonl.gz", payload)
    n = _gunzip_up_to_the_cut(p).count(b"\n")  # complete lines before the cut
    assert 0 < n < len(lines)
    records, (rej,) = read([p])
    assert [r.id for r in records] == [f"r{i}" for i in range(n)]
    assert all(r.raw == f"{ARABIC} {i}" for i, r in enumerate(records))
    assert (rej.code, rej.reason, rej.input) == ("K105", "truncated", str(p))
    after = f"after {n} records; the records before were read"
    assert rej.message == f"{p} ends early (truncated gzip stream) {after}"


def test_gzip_cut_within_the_head_of_a_json_array(tmp_path: Path) -> None:
    items = [{"id": f"a{i}", "text": f"{ARABIC} {i}"} for i in range(40)]
    p = _cut_gzip(tmp_path / "short.json.gz", json.dumps(items, ensure_ascii=False).encode())
    records, rejects = read([p])
    assert 0 < len(records) < len(items)
    assert [r.id for r in records] == [f"a{i}" for i in range(len(records))]
    (rej,) = rejects
    assert rej.reason == "truncated" and f"after {len(records)} records" in rej.message


@pytest.mark.parametrize("suffix", ["jsonl", "json"])
def test_long_gzip_cut_keeps_every_complete_record(tmp_path: Path, suffix: str) -> None:
    items = [{"id": f"r{i}", "text": f"{ARABIC} {i}"} for i in range(20000)]  # several MB
    if suffix == "jsonl":
        payload = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items).encode()
    else:
        payload = json.dumps(items, ensure_ascii=False).encode()
    p = _cut_gzip(tmp_path / f"long.{suffix}.gz", payload, keep=0.5)
    out = _gunzip_up_to_the_cut(p)
    if suffix == "jsonl":
        n = out.count(b"\n")  # complete lines
    else:  # items followed by their ","
        n = sum(1 for x in items if json.dumps(x, ensure_ascii=False).encode() + b"," in out)
    records, (rej,) = read([p])
    assert [r.id for r in records] == [f"r{i}" for i in range(len(records))]
    assert len(records) in (n, n + 1)  # the item at the cut is whole if only its separator is missing
    assert rej.reason == "truncated" and f"after {len(records)} records" in rej.message


def test_gzip_cut_before_any_text(tmp_path: Path) -> None:
    p = tmp_path / "blank.jsonl.gz"
    data = gzip.compress(b"\n" * 10 + json.dumps({"text": ARABIC}, ensure_ascii=False).encode() + b"\n")
    p.write_bytes(data[:12])  # the gzip header and hardly anything after it
    records, (rej,) = read([p])
    assert not records
    assert rej.reason == "truncated" and "before any record could be read" in rej.message


def test_gzip_text_document_cut_within_the_head(tmp_path: Path) -> None:
    p = _cut_gzip(tmp_path / "story.txt.gz", (ARABIC + "\n").encode() * 200)
    records, (rej,) = read([p])
    assert not records  # a cut text document is not kept half
    assert (rej.reason, rej.message) == ("truncated", f"{p} ends early (truncated gzip stream)")


@pytest.mark.parametrize("where", [0, 1])
def test_jsonl_line_that_is_an_array_is_one_reject(tmp_path: Path, where: int) -> None:
    lines: list[Any] = [{"id": "a", "text": ARABIC}, {"id": "b", "text": ARABIC}]
    lines.insert(where, ["an", "array"])
    p = jsonl(tmp_path / "rows.jsonl", lines)
    records, (rej,) = read([p])
    assert [r.id for r in records] == ["a", "b"]
    n = where + 1
    assert (rej.id, rej.input, rej.reason) == (f"rows:{n}", f"{p}:{n}", "malformed_json")
    assert rej.message == f"line {n} of {p} is a JSON array, not an object; each record must be a JSON object"


def test_gzip_detected_by_magic_bytes(tmp_path: Path) -> None:
    p = tmp_path / "dump.data"  # no telling suffix
    p.write_bytes(gzip.compress(json.dumps({"text": ARABIC}, ensure_ascii=False).encode() + b"\n"))
    (rec,), rejects = read([p])
    assert not rejects and rec.raw == ARABIC and rec.id == "dump:1"


# -- JSON arrays and ZIP archives ------------------------------------------------------------------------
SNN = [
    {
        "source": "sabq",
        "url": "http://sabq.org/a",
        "title": " عنوان ",
        "author": "",
        "content": " سطر ١\n\n سطر ٢ ",
    },
    {
        "source": "okaz",
        "url": "http://www.okaz.com.sa/b",
        "title": "",
        "author": "جدة: كاتب",
        "content": "نص",
    },
    "not an object",
    {"source": "was", "title": "", "author": "", "content": " "},
]


def test_json_array_file(tmp_path: Path) -> None:
    p = tmp_path / "2015-07-21.json"
    p.write_text(json.dumps(SNN, ensure_ascii=False, indent=4), encoding="utf-8")
    records, rejects = read([p])
    assert [r.raw for r in records] == ["عنوان\nسطر ١\nسطر ٢", "جدة: كاتب\nنص"]
    assert [r.id for r in records] == ["2015-07-21#0", "2015-07-21#1"]
    assert [r.source.site for r in records] == ["sabq", "okaz"]
    assert records[0].source.format == "json" and records[0].source.input == f"{p}#0"
    assert [(r.id, r.reason) for r in rejects] == [
        ("2015-07-21#2", "malformed_json"),
        ("2015-07-21#3", "empty"),
    ]


def test_json_array_in_windows_1256(tmp_path: Path) -> None:
    p = tmp_path / "old.json"
    p.write_bytes(json.dumps([{"text": ARABIC}, {"text": "خبر"}], ensure_ascii=False).encode("cp1256"))
    records, rejects = read([p])
    assert not rejects
    assert [r.raw for r in records] == [ARABIC, "خبر"]
    assert all("decoded as cp1256" in r.warnings[0] for r in records)


def test_json_single_pretty_object_and_empty_array(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": ARABIC, "id": "only"}, ensure_ascii=False, indent=2), encoding="utf-8")
    empty = tmp_path / "none.json"
    empty.write_text("[ ]", encoding="utf-8")
    records, (rej,) = read([one, empty])
    assert [r.id for r in records] == ["only"]
    assert rej.reason == "empty" and "empty JSON array" in rej.message


def test_json_array_cut_short(tmp_path: Path) -> None:
    p = tmp_path / "cut.json"
    text = json.dumps([{"text": ARABIC}] * 3, ensure_ascii=False)
    p.write_text(text[:-20], encoding="utf-8")
    records, (rej,) = read([p])
    assert len(records) == 2
    assert (rej.reason, rej.id) == ("truncated", "cut#2")
    assert "the items before were read" in rej.message


def test_zip_of_a_json_array(tmp_path: Path) -> None:
    p = tmp_path / "day.zip"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2015-07-21.json", json.dumps(SNN[:2], ensure_ascii=False))
        zf.writestr("notes/readme.txt", ARABIC)
        zf.writestr("__MACOSX/._2015-07-21.json", b"\x00\x05")
    records, rejects = read([p])
    assert not rejects
    assert [r.id for r in records] == ["2015-07-21#0", "2015-07-21#1", "readme"]
    assert records[0].source.input == f"{p}!2015-07-21.json#0"
    assert records[2].source.input == f"{p}!notes/readme.txt"
    assert records[2].raw == ARABIC


def test_corrupt_zip(tmp_path: Path) -> None:
    p = tmp_path / "bad.zip"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    _, (rej,) = read([p])
    assert rej.reason == "truncated" and "not a readable ZIP archive" in rej.message


# -- stdin and folders -----------------------------------------------------------------------------------
class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in ("أ", "ب")) + "{oops\n"
    monkeypatch.setattr(sys, "stdin", FakeStdin(data.encode()))
    records, (rej,) = read(["-"])
    assert [(r.id, r.raw, r.source.input) for r in records] == [
        ("stdin:1", "أ", "-:1"),
        ("stdin:2", "ب", "-:2"),
    ]
    assert (rej.id, rej.reason) == ("stdin:3", "malformed_json")


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(("{عنوان}\n" + ARABIC).encode()))
    (rec,), _ = read(["-"])
    assert (rec.id, rec.raw, rec.source.format, rec.source.input) == (
        "stdin",
        "{عنوان}\n" + ARABIC,
        "text",
        "-",
    )


def test_folder_with_glob(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "deep" / "2.txt").write_text("ب", encoding="utf-8")
    (tmp_path / "a.txt").write_text("أ", encoding="utf-8")
    (tmp_path / "b" / "1.txt").write_text("ج", encoding="utf-8")
    (tmp_path / "b" / "skip.md").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden" / "h.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".dot.txt").write_text("x", encoding="utf-8")
    records, rejects = read([tmp_path], glob="*.txt")
    assert not rejects
    assert [r.raw for r in records] == ["أ", "ج", "ب"]  # a.txt, b/1.txt, b/deep/2.txt
    records, _ = read([tmp_path])
    assert len(records) == 3  # the .md is documentation: skipped with the default glob
    records, _ = read([tmp_path], glob="*.md")
    assert [r.raw for r in records] == ["x"]  # an explicit glob reads it
    _, (rej,) = read([tmp_path], glob="*.xml")
    assert rej.reason == "empty" and "'*.xml'" in rej.message


def test_files_that_are_not_documents_are_skipped_and_counted(tmp_path: Path) -> None:
    # a data set's folder: SOURCE.md was ingested as an Arabic article and topped the archive (issue 17)
    (tmp_path / "articles.jsonl").write_text('{"id": "1", "text": "نص الخبر"}\n', encoding="utf-8")
    for name in ("SOURCE.md", "README", "LICENSE.txt", "poetry.lock", "SHA256SUMS", ".DS_Store"):
        (tmp_path / name).write_text("not an article", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    skipped: list[tuple[str, str]] = []
    items = list(read_inputs([str(tmp_path)], on_skip=lambda p, why: skipped.append((p, why))))
    assert [i.id for i in items] == ["1"] and all(isinstance(i, RawRecord) for i in items)
    why = {os.path.basename(p): r for p, r in skipped}
    assert why == {
        "SOURCE.md": "documentation",
        "README": "documentation",
        "LICENSE.txt": "licence",
        "poetry.lock": "lock file",
        "SHA256SUMS": "checksum",
        ".DS_Store": "hidden",
        ".git": "hidden",
    }
    assert readers_module.format_skipped(sorted(skipped)[:2]).startswith("skipped: 2 (.DS_Store: hidden")
    # named on the command line, the same file is read
    (rec,) = read_inputs([str(tmp_path / "SOURCE.md")])
    assert isinstance(rec, RawRecord) and rec.raw == "not an article"


def test_a_folder_of_documentation_only_says_so(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("x", encoding="utf-8")
    (rej,) = read_inputs([str(tmp_path)], on_skip=lambda p, why: None)
    assert isinstance(rej, Reject) and rej.reason == "empty"
    assert "skipped: 1 here" in rej.message and "--glob" in rej.message


def test_bad_arguments_raise_at_once() -> None:
    with pytest.raises(UsageError):
        read_inputs(["x"], fmt="xml")
    with pytest.raises(UsageError):
        read_inputs("x.jsonl")
    with pytest.raises(UsageError):
        read_inputs(["x"], max_bytes=0)


# -- the shared data -------------------------------------------------------------------------------------
needs_shared = pytest.mark.skipif(not DATA.is_dir(), reason="../shared is not present")


@needs_shared
def test_saudinewsnet_composition_matches_the_gold_dumps() -> None:
    gold = [json.loads(line) for line in (DATA / "gold" / "textdump_gold.jsonl").open(encoding="utf-8")]
    wanted = {
        g["id"]: "\n".join(line["text"] for line in g["lines"]) for g in gold if g["origin"] == "saudinewsnet"
    }
    assert len(wanted) == 140
    sample = DATA / "saudinewsnet_sample" / "saudinewsnet_sample_3k.jsonl"
    records, rejects = read([sample])
    assert len(records) + len(rejects) == 3096
    assert {r.reason for r in rejects} <= {"empty"}  # only records with no title, author or content
    composed = {r.id: r.raw for r in records}
    assert {i: composed.get(i) for i in wanted} == wanted


@needs_shared
def test_common_crawl_sample() -> None:
    (path,) = (DATA / "cc_arabic_crawl_sample").glob("*.json")
    records, rejects = read([path])
    assert not rejects
    assert len(records) == 126
    assert all(r.raw.strip() and r.source.uri and r.source.uri.startswith("http") for r in records)
    assert all(r.source.site and not r.source.site.startswith("www.") for r in records)
    assert len(Counter(r.id for r in records)) == 126
    assert records[0].meta["metadata.source"] == records[0].source.uri
