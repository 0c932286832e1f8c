"""Bad input, each a test: the CLI never crashes, rejects each bad record with a reason, keeps the rest.

Every case runs ``khabar process PATH -o OUT --rejects REJ`` through :func:`khabar.cli.main` and
checks: no traceback; the exit status that ``khabar/cli/__init__.py`` documents (0 if any record was
processed, 3 if every record was rejected); each bad record listed in the rejects with a code, a
reason and a message a person can read; the good records processed; and records in = records out +
rejects, counted as lines of the two files against the summary line on stderr.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from khabar.cli import main

PARAGRAPH = (
    "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في جنيف بمشاركة وفود من عدة دول عربية.\n"
    "وأضاف الوزير في مؤتمر صحفي عقده في العاصمة أن الجولة المقبلة ستتناول ملفات الأمن والاقتصاد.\n"
)
SUMMARY_RE = re.compile(
    r"^khabar: (\d+) records in: (\d+) processed, (\d+) rejected(?: \(([^)]*)\))? in [\d.]+ s$", re.M
)
_WORDS = PARAGRAPH.split()


@dataclass
class Run:
    rc: int
    out: list[dict]
    rejects: list[dict]
    stderr: str
    n_in: int
    n_out: int
    n_rej: int
    reasons: dict[str, int]


def process(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> Run:
    """``khabar process PATH -o OUT --rejects REJ``, with the invariants every run must keep."""
    tmp = path.parent
    out_path, rej_path = tmp / f"_out_{path.name}.jsonl", tmp / f"_rej_{path.name}.jsonl"
    rc = main(["process", str(path), "-o", str(out_path), "--rejects", str(rej_path), *extra])
    stdout, stderr = capsys.readouterr()
    assert "Traceback" not in stdout + stderr
    assert stdout == ""
    out_lines = out_path.read_text(encoding="utf-8").splitlines()
    rej_lines = rej_path.read_text(encoding="utf-8").splitlines()
    out = [json.loads(x) for x in out_lines]
    rejects = [json.loads(x) for x in rej_lines]
    m = SUMMARY_RE.search(stderr)
    assert m, stderr
    n_in, n_out, n_rej = map(int, m.group(1, 2, 3))
    reasons = {k: int(v) for k, v in (p.split(": ") for p in m.group(4).split(", "))} if m.group(4) else {}
    # records in = records out + rejects, and the files hold exactly what the summary says
    assert n_in == n_out + n_rej
    assert (len(out_lines), len(rej_lines)) == (n_out, n_rej)
    assert reasons == dict(Counter(r["reason"] for r in rejects))
    # the documented exit status
    assert rc == (3 if n_in and not n_out else 0)
    for rec in out:
        assert rec["schema"] == "khabar.record/1"
    for rej in rejects:
        assert set(rej) == {"id", "input", "code", "reason", "message"}
        assert re.fullmatch(r"K1\d\d", rej["code"]), rej
        assert re.fullmatch(r"[a-z_]+", rej["reason"]), rej
        assert len(rej["message"].split()) >= 4, rej  # a sentence, not a bare code
    return Run(rc, out, rejects, stderr, n_in, n_out, n_rej, reasons)


# -- the bad files ---------------------------------------------------------------------------------------
def make_empty(d: Path) -> Path:
    p = d / "empty.txt"
    p.write_bytes(b"")
    return p


def make_png(d: Path) -> Path:
    p = d / "photo.png"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return p


def bad_utf8_bytes() -> bytes:
    data = PARAGRAPH.encode("utf-8")
    # three bad bytes, each between two whole characters (no character is cut)
    cut1 = len("قال وزير الخارجي".encode())
    cut2 = len("قال وزير الخارجية إن المحادثات ستستأنف الأس".encode())
    return data[:cut1] + b"\xff" + data[cut1:cut2] + b"\xfe\xfa" + data[cut2:]


def make_bad_utf8(d: Path) -> Path:
    p = d / "bad_utf8.txt"
    p.write_bytes(bad_utf8_bytes())
    return p


def make_cp1256(d: Path) -> Path:
    p = d / "windows1256.txt"
    p.write_bytes(PARAGRAPH.encode("cp1256"))
    return p


HUGE = 50 * 2**20


def make_huge(d: Path) -> Path:
    p = d / "huge.txt"
    line = ("خبر " * 1024).encode("utf-8")  # 7 KiB
    with p.open("wb") as f:
        f.write(line * (HUGE // len(line) + 1))  # one line, just over 50 MB, no newline
    return p


def make_mixed_jsonl(d: Path) -> Path:
    p = d / "mixed.jsonl"
    lines = [
        json.dumps({"id": "ok-1", "text": PARAGRAPH}, ensure_ascii=False),
        '{"id": "cut", "text": "قال الوزير',  # malformed: the line ends inside a string
        json.dumps(
            {"id": "no-text", "title": "عنوان بلا نص", "url": "https://example.com/x"}, ensure_ascii=False
        ),
        json.dumps({"id": "ok-2", "text": PARAGRAPH.replace("جنيف", "فيينا")}, ensure_ascii=False),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def gz_records(n: int = 20) -> list[dict]:
    rng = random.Random(1256)  # varied texts: identical ones would compress to almost nothing
    return [
        {
            "id": f"r{i}",
            "text": " ".join(rng.choice(_WORDS) for _ in range(40))
            + ".\n"
            + " ".join(rng.choice(_WORDS) for _ in range(30))
            + ".",
        }
        for i in range(n)
    ]


def make_truncated_gz(d: Path) -> Path:
    p = d / "cut.jsonl.gz"
    data = gzip.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gz_records()).encode())
    p.write_bytes(data[: len(data) // 2])
    return p


def complete_lines_before_cut(path: Path) -> int:
    """How many whole JSON lines the readable part of a cut gzip holds."""
    text = zlib.decompressobj(wbits=31).decompress(path.read_bytes())
    return text.count(b"\n")


# -- each a test -----------------------------------------------------------------------------------------
def test_empty_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = make_empty(tmp_path)
    r = process(capsys, p)
    assert r.rc == 3 and (r.n_in, r.n_out, r.n_rej) == (1, 0, 1)
    (rej,) = r.rejects
    assert (rej["code"], rej["reason"], rej["input"]) == ("K101", "empty", str(p))
    assert "empty (0 bytes)" in rej["message"]


def test_whitespace_only_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "blank.txt"
    p.write_text(" \n\t\r\n\u00a0\n", encoding="utf-8")
    r = process(capsys, p)
    assert r.rc == 3
    (rej,) = r.rejects
    assert rej["reason"] == "empty" and "whitespace" in rej["message"]


def test_binary_file_png(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = make_png(tmp_path)
    r = process(capsys, p)
    assert r.rc == 3 and (r.n_in, r.n_out, r.n_rej) == (1, 0, 1)
    (rej,) = r.rejects
    assert (rej["code"], rej["reason"], rej["input"]) == ("K102", "binary", str(p))
    assert "PNG image" in rej["message"] and "not text" in rej["message"]


def test_binary_file_with_nul_bytes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "blob.txt"
    p.write_bytes(b"abc\x00\x01\x02" * 100)
    r = process(capsys, p)
    (rej,) = r.rejects
    assert rej["reason"] == "binary" and "NUL bytes" in rej["message"]


def test_invalid_utf8_is_repaired_and_processed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = make_bad_utf8(tmp_path)
    r = process(capsys, p, "--keep-raw")
    assert r.rc == 0 and (r.n_in, r.n_out, r.n_rej) == (1, 1, 0)
    (rec,) = r.out
    assert rec["raw"].count("\ufffd") == 3  # one U+FFFD per bad byte, nothing else lost
    assert rec["raw"].replace("\ufffd", "") == PARAGRAPH
    assert "المحادثات ستستأنف" in rec["text"]


def test_invalid_utf8_record_says_bytes_were_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    r = process(capsys, make_bad_utf8(tmp_path))
    (rec,) = r.out
    assert any("3 invalid UTF-8 bytes replaced" in w for w in rec["warnings"]), rec["warnings"]


def test_windows_1256_file_is_decoded(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = make_cp1256(tmp_path)
    r = process(capsys, p, "--keep-raw")
    assert r.rc == 0 and (r.n_in, r.n_out, r.n_rej) == (1, 1, 0)
    (rec,) = r.out
    assert rec["raw"] == PARAGRAPH  # decoded exactly, not mojibake
    assert "\ufffd" not in rec["text"]
    assert "قال وزير الخارجية" in rec["text"]


def test_windows_1256_record_says_how_it_was_decoded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    r = process(capsys, make_cp1256(tmp_path))
    (rec,) = r.out
    assert any("cp1256" in w for w in rec["warnings"]), rec["warnings"]


def test_50_mb_single_line_is_rejected_fast_by_size(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    p = make_huge(tmp_path)
    assert p.stat().st_size > HUGE
    t0 = time.perf_counter()
    r = process(capsys, p)
    elapsed = time.perf_counter() - t0
    assert elapsed < 2.0, f"a too-large file must be refused by its size, not read ({elapsed:.1f} s)"
    assert r.rc == 3 and (r.n_in, r.n_out, r.n_rej) == (1, 0, 1)
    (rej,) = r.rejects
    assert (rej["code"], rej["reason"], rej["input"]) == ("K104", "too_large", str(p))
    assert rej["message"] == f"{p} is 50 MB, above the 32 MB limit per record; raise it with --max-bytes"


def test_small_max_bytes_names_the_limit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = make_cp1256(tmp_path)
    r = process(capsys, p, "--max-bytes", "100")
    (rej,) = r.rejects
    assert rej["reason"] == "too_large"
    assert "above the 100 bytes limit" in rej["message"] and "--max-bytes" in rej["message"]


def test_50_mb_line_inside_jsonl_is_one_reject(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "big.jsonl"
    good = json.dumps({"id": "small", "text": PARAGRAPH}, ensure_ascii=False).encode() + b"\n"
    with p.open("wb") as f:
        f.write(good)
        f.write(b'{"id": "big", "text": "' + b"a" * HUGE + b'"}\n')
        f.write(good.replace(b'"small"', b'"after"'))
    t0 = time.perf_counter()
    r = process(capsys, p)
    assert time.perf_counter() - t0 < 5.0
    assert r.rc == 0 and (r.n_in, r.n_out, r.n_rej) == (3, 2, 1)
    assert [rec["id"] for rec in r.out] == ["small", "after"]
    (rej,) = r.rejects
    assert (rej["reason"], rej["input"]) == ("too_large", f"{p}:2")
    assert "line 2" in rej["message"] and "--max-bytes" in rej["message"]


def test_jsonl_with_malformed_line_and_missing_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    p = make_mixed_jsonl(tmp_path)
    r = process(capsys, p)
    assert r.rc == 0 and (r.n_in, r.n_out, r.n_rej) == (4, 2, 2)  # 4 lines in = 2 out + 2 rejects
    assert [rec["id"] for rec in r.out] == ["ok-1", "ok-2"]
    assert "فيينا" in r.out[1]["text"]
    malformed, missing = r.rejects
    assert (malformed["code"], malformed["reason"], malformed["input"]) == (
        "K106",
        "malformed_json",
        f"{p}:2",
    )
    assert "line 2" in malformed["message"] and "not valid JSON" in malformed["message"]
    assert (missing["id"], missing["code"], missing["reason"]) == ("no-text", "K107", "missing_field")
    assert missing["input"] == f"{p}:3"
    assert "no text field" in missing["message"] and "--text-field" in missing["message"]
    assert r.reasons == {"malformed_json": 1, "missing_field": 1}


def test_jsonl_other_bad_records(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "odd.jsonl"
    rows = [
        '{"id": "null-text", "text": null}',
        '["an", "array"]',
        '{"id": "num-text", "text": 5}',
        '{"id": "empty-text", "text": "  "}',
        json.dumps({"id": "fine", "text": PARAGRAPH}, ensure_ascii=False),
    ]
    p.write_text("\n\n".join(rows) + "\n", encoding="utf-8")  # blank lines are not records
    r = process(capsys, p)
    assert r.rc == 0 and (r.n_in, r.n_out, r.n_rej) == (5, 1, 4)
    assert [(x["id"], x["input"], x["reason"]) for x in r.rejects] == [
        ("null-text", f"{p}:1", "missing_field"),
        ("odd:3", f"{p}:3", "malformed_json"),
        ("num-text", f"{p}:5", "malformed_json"),
        ("empty-text", f"{p}:7", "empty"),
    ]


def test_jsonl_whose_first_line_is_an_array(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "first.jsonl"
    rows = [
        '["an", "array"]',
        json.dumps({"id": "a", "text": PARAGRAPH}, ensure_ascii=False),
        json.dumps({"id": "b", "text": PARAGRAPH}, ensure_ascii=False),
    ]
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    r = process(capsys, p)
    assert (r.n_in, r.n_out, r.n_rej) == (3, 2, 1)  # 3 lines in = 2 records out + 1 reject
    assert [rec["id"] for rec in r.out] == ["a", "b"]
    (rej,) = r.rejects
    assert (rej["input"], rej["reason"]) == (f"{p}:1", "malformed_json")


def test_truncated_gzip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = make_truncated_gz(tmp_path)
    r = process(capsys, p)
    truncated = [x for x in r.rejects if x["reason"] == "truncated"]
    assert len(truncated) == 1 == r.n_rej
    (rej,) = truncated
    assert (rej["code"], rej["input"]) == ("K105", str(p))
    assert "ends early (truncated gzip stream)" in rej["message"]
    # whatever was read is in order and complete
    assert [rec["id"] for rec in r.out] == [f"r{i}" for i in range(r.n_out)]


def test_truncated_gzip_keeps_the_records_before_the_cut(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    p = make_truncated_gz(tmp_path)
    readable = complete_lines_before_cut(p)
    assert 0 < readable < 20  # the test input really has whole records before the cut
    r = process(capsys, p)
    assert r.rc == 0
    assert [rec["id"] for rec in r.out] == [f"r{i}" for i in range(readable)]
    want = {x["id"]: x["text"] for x in gz_records()}
    assert all(want[rec["id"]].split("\n")[0].rstrip(".") in rec["text"] for rec in r.out)
    (rej,) = r.rejects
    assert f"after {readable} records; the records before were read" in rej["message"]


def test_not_a_gzip_inside_a_gz_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "half.jsonl.gz"
    p.write_bytes(b"\x1f\x8b\x08\x00garbage")  # a gzip header and nothing valid after it
    r = process(capsys, p)
    assert r.rc == 3
    (rej,) = r.rejects
    assert rej["reason"] == "truncated"


# -- all of them at once ---------------------------------------------------------------------------------
def test_folder_of_bad_inputs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    d = tmp_path / "inputs"
    d.mkdir()
    files = {
        "empty": make_empty(d),
        "png": make_png(d),
        "bad_utf8": make_bad_utf8(d),
        "cp1256": make_cp1256(d),
        "huge": make_huge(d),
        "mixed": make_mixed_jsonl(d),
        "gz": make_truncated_gz(d),
    }
    out_path, rej_path = tmp_path / "out.jsonl", tmp_path / "rej.jsonl"
    t0 = time.perf_counter()
    rc = main(["process", str(d), "-o", str(out_path), "--rejects", str(rej_path)])
    assert time.perf_counter() - t0 < 10
    stdout, stderr = capsys.readouterr()
    assert "Traceback" not in stdout + stderr
    assert rc == 0  # some records were processed
    out = [json.loads(x) for x in out_path.read_text(encoding="utf-8").splitlines()]
    rejects = [json.loads(x) for x in rej_path.read_text(encoding="utf-8").splitlines()]

    # the run went on past every bad file: each one has its reject, every good record is there
    by_input = {x["input"]: x for x in rejects}
    assert by_input[str(files["empty"])]["reason"] == "empty"
    assert by_input[str(files["png"])]["reason"] == "binary"
    assert by_input[str(files["huge"])]["reason"] == "too_large"
    assert by_input[f"{files['mixed']}:2"]["reason"] == "malformed_json"
    assert by_input[f"{files['mixed']}:3"]["reason"] == "missing_field"
    assert by_input[str(files["gz"])]["reason"] == "truncated"
    ids = [rec["id"] for rec in out]
    for good in ("bad_utf8", "windows1256", "ok-1", "ok-2"):
        assert good in ids
    assert sorted(rec["source"]["input"] for rec in out if not rec["id"].startswith("r")) == sorted(
        [str(files["bad_utf8"]), str(files["cp1256"]), f"{files['mixed']}:1", f"{files['mixed']}:4"]
    )
    for rej in rejects:
        assert re.fullmatch(r"K1\d\d", rej["code"]) and rej["reason"] and len(rej["message"].split()) >= 4

    # the summary line: how many were processed and rejected, by reason; the counts add up
    m = SUMMARY_RE.search(stderr)
    assert m, stderr
    n_in, n_out, n_rej = map(int, m.group(1, 2, 3))
    assert (n_out, n_rej) == (len(out), len(rejects))
    assert n_in == n_out + n_rej
    reasons = dict(p.split(": ") for p in m.group(4).split(", "))
    assert {k: int(v) for k, v in reasons.items()} == dict(Counter(x["reason"] for x in rejects))
    assert set(reasons) == {"empty", "binary", "too_large", "malformed_json", "missing_field", "truncated"}
    assert n_rej == 6
