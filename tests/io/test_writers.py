"""JsonlWriter / RejectsWriter / read_jsonl: compact UTF-8 lines, atomic files, gzip, stdout."""

from __future__ import annotations

import gzip
import io
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from khabar.errors import MalformedRecordError, MissingFieldError, TruncatedInputError
from khabar.io import JsonlWriter, Reject, RejectsWriter, dumps_line, read_jsonl
from khabar.io import writers as writers_module

RECORDS: list[dict[str, Any]] = [
    {"id": "a", "text": "قال الوزير\nسطر ثان", "n": 1, "nested": {"x": [1.5, None, True]}},
    {"id": "b", "text": "line with \u2028 separator", "meta": {}},
]


def test_roundtrip_keeps_arabic_unescaped_and_compact(tmp_path: Path) -> None:
    p = tmp_path / "out.jsonl"
    with JsonlWriter(str(p)) as w:
        for r in RECORDS:
            w.write(r)
    assert w.count == 2
    data = p.read_bytes()
    assert "قال الوزير".encode() in data and b"\\u" not in data
    assert data.count(b"\n") == 2 and b", " not in data and b'": ' not in data
    assert list(read_jsonl(str(p))) == RECORDS
    assert not (tmp_path / "out.jsonl.tmp").exists()


def test_gzip_output(tmp_path: Path) -> None:
    p = tmp_path / "out.jsonl.gz"
    with JsonlWriter(str(p)) as w:
        for r in RECORDS:
            w.write(r)
    assert p.read_bytes()[:2] == b"\x1f\x8b"
    assert gzip.decompress(p.read_bytes()).count(b"\n") == 2
    assert list(read_jsonl(str(p))) == RECORDS


def test_atomic_file_is_untouched_when_the_block_fails(tmp_path: Path) -> None:
    p = tmp_path / "out.jsonl"
    p.write_text('{"old":1}\n', encoding="utf-8")
    with pytest.raises(RuntimeError), JsonlWriter(str(p)) as w:
        w.write(RECORDS[0])
        raise RuntimeError("crash mid-run")
    assert p.read_text(encoding="utf-8") == '{"old":1}\n'
    assert not (tmp_path / "out.jsonl.tmp").exists()


def test_output_is_invisible_until_closed(tmp_path: Path) -> None:
    p = tmp_path / "sub" / "out.jsonl"  # the folder is created
    w = JsonlWriter(str(p))
    w.write(RECORDS[0])
    assert not p.exists() and (tmp_path / "sub" / "out.jsonl.tmp").exists()
    w.close()
    assert p.exists() and len(list(read_jsonl(str(p)))) == 1


def test_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdout:
        buffer = io.BytesIO()

    monkeypatch.setattr(sys, "stdout", FakeStdout())
    with JsonlWriter("-") as w:
        w.write(RECORDS[0])
    assert FakeStdout.buffer.getvalue() == dumps_line(RECORDS[0]) + b"\n"


def test_rejects_writer_counts_by_reason(tmp_path: Path) -> None:
    p = tmp_path / "rejects.jsonl"
    err = MissingFieldError("line 4 of x.jsonl has no text")
    with RejectsWriter(str(p)) as w:
        w.write(Reject.from_error("x:4", "x.jsonl:4", err))
        w.write(Reject("y", "y.txt", "K101", "empty", "y.txt is empty (0 bytes)"))
        w.write({"id": "z", "input": "z.txt", "code": "K101", "reason": "empty", "message": "z.txt is empty"})
    assert w.by_reason == {"missing_field": 1, "empty": 2}
    first = next(read_jsonl(str(p)))
    assert first == {
        "id": "x:4",
        "input": "x.jsonl:4",
        "code": "K107",
        "reason": "missing_field",
        "message": "line 4 of x.jsonl has no text",
    }


def test_json_fallback_writes_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [dumps_line(r) for r in RECORDS]
    monkeypatch.setattr(writers_module, "_fast_dumps", None)
    assert [dumps_line(r) for r in RECORDS] == fast


def test_lone_surrogate_still_gives_valid_json() -> None:
    line = dumps_line({"t": "a\ud800b"})
    line.decode("utf-8")  # valid UTF-8
    assert line == b'{"t":"a\\ud800b"}'


def test_read_jsonl_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"a":1}\n{oops\n', encoding="utf-8")
    with pytest.raises(MalformedRecordError, match="line 2 of"):
        list(read_jsonl(str(bad)))
    cut = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(b"".join(dumps_line({"i": i, "pad": "x" * 50}) + b"\n" for i in range(500)))
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(TruncatedInputError):
        list(read_jsonl(str(cut)))


def test_a_device_is_written_straight_through() -> None:
    """`-o /dev/null` (timing a run without keeping its output): no .tmp beside a device."""
    with JsonlWriter(os.devnull) as w:
        w.write({"id": "a"})
    assert w.count == 1
