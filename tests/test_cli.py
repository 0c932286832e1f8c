"""The ``khabar`` command end to end, through ``khabar.cli.main([...])`` (and once as a console script)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from khabar.cli import main
from khabar.model import SCHEMA

from conftest import SEED, need

SEED_TITLE = "ماذا في زيارة الرئيس الأسد إلى موسكو؟"
ARTICLE = (
    "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في جنيف بمشاركة وفود من عدة دول عربية.\n"
    "وأضاف الوزير في مؤتمر صحفي عقده في العاصمة أن الجولة المقبلة ستتناول ملفات الأمن والاقتصاد.\n"
)
SUMMARY_RE = re.compile(r"khabar: (\d+) records in: (\d+) processed, (\d+) rejected")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``main(argv)`` → (exit code, stdout, stderr); a ``SystemExit`` (argparse) gives its code."""
    try:
        rc = main(list(argv))
    except SystemExit as e:
        rc = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return rc, out, err


def jsonl_lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def description(help_text: str) -> str:
    """The paragraph a --help prints between its usage and its argument lists ('' if there is none)."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", help_text.strip())]
    if len(paras) < 2 or not paras[0].startswith("usage:"):
        return ""
    second = paras[1]
    if second.startswith(("positional arguments", "options", "optional arguments")):
        return ""
    return second


# -- help and usage --------------------------------------------------------------------------------------
def test_top_level_help(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, "--help")
    assert rc == 0
    assert out.startswith("usage: khabar")
    assert "Arabic news" in description(out)
    for cmd in ("process", "show", "summary", "eval", "stages"):
        assert re.search(rf"^\s+{cmd}\s+\S", out, re.M), cmd  # listed with a one-line explanation
    assert "examples:" in out and "khabar process page.txt" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from khabar import __version__

    rc, out, _ = run(capsys, "--version")
    assert rc == 0
    assert out.strip() == f"khabar {__version__}"


@pytest.mark.parametrize(
    ("argv", "usage", "words"),
    [
        (["process", "--help"], "usage: khabar process", ["--rejects", "--max-bytes", "too_large", "-o"]),
        (["show", "--help"], "usage: khabar show", ["--plain", "--id", "removed"]),
        (["summary", "--help"], "usage: khabar summary", ["--titles", "FILE"]),
        (["eval", "--help"], "usage: khabar eval", ["textdump"]),
        (
            ["eval", "textdump", "--help"],
            "usage: khabar eval textdump",
            ["--gold", "--no-baseline", "--cv", "--no-url"],
        ),
        (["stages", "--help"], "usage: khabar stages", []),
    ],
)
def test_subcommand_help(
    capsys: pytest.CaptureFixture[str], argv: list[str], usage: str, words: list[str]
) -> None:
    rc, out, _ = run(capsys, *argv)
    assert rc == 0
    assert out.startswith(usage)
    for w in words:
        assert w in out


@pytest.mark.parametrize(
    "argv",
    [
        ["process", "--help"],
        ["show", "--help"],
        ["eval", "textdump", "--help"],
        ["summary", "--help"],
        ["stages", "--help"],
        ["eval", "--help"],
    ],
)
def test_subcommand_help_explains_what_it_does(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    rc, out, _ = run(capsys, *argv)
    assert rc == 0
    assert len(description(out).split()) >= 5, out


def test_console_script_help() -> None:
    exe = Path(sys.executable).parent / "khabar"
    if not exe.exists():
        pytest.skip(f"{exe} is not installed (pip install -e .)")
    res = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("usage: khabar")
    assert "process" in res.stdout and "Traceback" not in res.stderr


def test_no_subcommand_prints_usage_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys)
    assert rc == 2
    assert "usage: khabar" in out + err
    assert "process" in out + err


def test_unknown_subcommand_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, err = run(capsys, "frobnicate")
    assert rc == 2
    assert "invalid choice" in err


def test_process_without_path_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, err = run(capsys, "process")
    assert rc == 2
    assert "usage: khabar process" in err and "PATH" in err


def test_eval_without_what_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "eval")
    assert rc == 2
    assert "usage:" in out + err


def test_eval_without_what_prints_eval_usage(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, err = run(capsys, "eval")
    assert "usage: khabar eval" in out + err


def test_bad_max_bytes_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    rc, out, err = run(capsys, "process", str(p), "--max-bytes", "0")
    assert rc == 2
    assert "[K400]" in err and "max_bytes" in err
    assert out == ""


# -- process ---------------------------------------------------------------------------------------------
def test_process_seed_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    seed = need(SEED)
    rc, out, err = run(capsys, "process", str(seed))
    assert rc == 0
    lines = out.splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    assert rec["schema"] == SCHEMA == "khabar.record/1"
    assert rec["id"] == seed.stem
    assert rec["title"] == SEED_TITLE
    assert rec["sections"] == ["العناوين الرئيسية", "سورية"]
    assert rec["source"]["input"] == str(seed) and rec["source"]["format"] == "text"
    assert "raw" not in rec
    m = SUMMARY_RE.search(err)
    assert m and m.groups() == ("1", "1", "0")


def test_process_seed_to_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    seed = need(SEED)
    out_path = tmp_path / "sub" / "out.jsonl"  # the parent folder is created
    rej_path = tmp_path / "rejects.jsonl"
    rc, out, _ = run(
        capsys, "process", str(seed), "-o", str(out_path), "--rejects", str(rej_path), "--keep-raw"
    )
    assert rc == 0
    assert out == ""  # the record went to the file, not stdout
    (rec,) = jsonl_lines(out_path)
    assert rec["schema"] == SCHEMA
    assert rec["raw"] == seed.read_text(encoding="utf-8")
    assert rej_path.read_text() == ""  # the rejects file exists and is empty
    assert not Path(str(out_path) + ".tmp").exists()


def test_process_gzip_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import gzip

    seed = need(SEED)
    out_path = tmp_path / "out.jsonl.gz"
    rc, _, _ = run(capsys, "process", str(seed), "-o", str(out_path), "-q")
    assert rc == 0
    (line,) = gzip.decompress(out_path.read_bytes()).decode("utf-8").splitlines()
    assert json.loads(line)["title"] == SEED_TITLE


def test_process_quiet_has_no_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    seed = need(SEED)
    rc, _, err = run(capsys, "process", str(seed), "-o", str(tmp_path / "o.jsonl"), "-q")
    assert rc == 0
    assert err == ""


def test_process_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    rc, out, _ = run(capsys, "process", "-", "-q")
    assert rc == 0
    (rec,) = [json.loads(x) for x in out.splitlines()]
    assert rec["id"] == "stdin" and rec["source"]["input"] == "-"
    assert "المحادثات ستستأنف" in rec["text"]


def test_process_jsonl_with_rejects_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "good", "text": ARTICLE, "url": "https://www.example.com/a"}, ensure_ascii=False)
        + "\n{not json\n"
        + json.dumps({"id": "no-text", "body": "x"})
        + "\n",
        encoding="utf-8",
    )
    out_path, rej_path = tmp_path / "out.jsonl", tmp_path / "rej.jsonl"
    rc, _, err = run(capsys, "process", str(src), "-o", str(out_path), "--rejects", str(rej_path))
    assert rc == 0  # some records were processed
    (rec,) = jsonl_lines(out_path)
    assert rec["id"] == "good"
    assert rec["source"]["uri"] == "https://www.example.com/a" and rec["source"]["site"] == "example.com"
    assert rec["meta"] == {"url": "https://www.example.com/a"}
    rejects = jsonl_lines(rej_path)
    assert [(r["id"], r["code"], r["reason"]) for r in rejects] == [
        ("in:2", "K106", "malformed_json"),
        ("no-text", "K107", "missing_field"),
    ]
    assert all(r["message"] and set(r) == {"id", "input", "code", "reason", "message"} for r in rejects)
    assert SUMMARY_RE.search(err).groups() == ("3", "1", "2")  # type: ignore[union-attr]
    assert "malformed_json: 1" in err and "missing_field: 1" in err


def test_process_rejects_on_stderr_without_rejects_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    rc, out, err = run(capsys, "process", str(p))
    assert rc == 3
    assert out == ""
    assert f"khabar: rejected {p}: [K101 empty]" in err
    assert "--rejects FILE" in err


def test_exit_3_when_every_record_is_rejected(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    out_path, rej_path = tmp_path / "out.jsonl", tmp_path / "rej.jsonl"
    rc, _, err = run(capsys, "process", str(p), "-o", str(out_path), "--rejects", str(rej_path))
    assert rc == 3
    assert out_path.read_text() == ""
    (rej,) = jsonl_lines(rej_path)
    assert (rej["code"], rej["reason"]) == ("K101", "empty")
    assert SUMMARY_RE.search(err).groups() == ("1", "0", "1")  # type: ignore[union-attr]


def test_missing_path_is_rejected_not_raised(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rej_path = tmp_path / "rej.jsonl"
    rc, _, _ = run(
        capsys,
        "process",
        str(tmp_path / "nope.txt"),
        "-o",
        str(tmp_path / "o.jsonl"),
        "--rejects",
        str(rej_path),
    )
    assert rc == 3
    (rej,) = jsonl_lines(rej_path)
    assert (rej["code"], rej["reason"]) == ("K108", "not_found")


# -- show ------------------------------------------------------------------------------------------------
def test_show_seed_plain(capsys: pytest.CaptureFixture[str]) -> None:
    seed = need(SEED)
    rc, out, _ = run(capsys, "show", "--plain", str(seed))
    assert rc == 0
    assert f"title: {SEED_TITLE}" in out
    assert "sections: العناوين الرئيسية › سورية" in out
    assert "\x1b[" not in out and "\u2067" not in out  # --plain: no colours, no bidi isolates
    rows = out.splitlines()
    removed = [i for i, r in enumerate(rows) if r.startswith("removed ")]
    assert len(removed) == 3
    assert "زر الذهاب إلى الأعلى" in rows[removed[0]]
    assert rows[removed[0] + 1].strip() == "↳ lexicon:back_to_top"
    assert rows[removed[1] + 1].strip() == rows[removed[2] + 1].strip() == "↳ lexicon:adblock"
    assert any(r.startswith("heading ") for r in rows) and any(r.startswith("title ") for r in rows)


def test_show_with_colour_and_bidi(capsys: pytest.CaptureFixture[str]) -> None:
    seed = need(SEED)
    rc, out, _ = run(capsys, "show", "--color", str(seed))
    assert rc == 0
    assert "\x1b[2;9m" in out  # removed rows struck through
    assert "\u2067" in out and "\u2069" in out


def test_show_on_khabar_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    seed = need(SEED)
    out_path = tmp_path / "out.jsonl"
    assert run(capsys, "process", str(seed), "-o", str(out_path), "-q")[0] == 0
    rc, out, _ = run(capsys, "show", "--plain", str(out_path))
    assert rc == 0
    assert f"id: {seed.stem}" in out
    assert f"title: {SEED_TITLE}" in out
    assert out.count("↳ lexicon:adblock") == 2
    # --id selects a record; an unknown id says so and exits 3
    assert run(capsys, "show", "--plain", "--id", seed.stem, str(out_path))[0] == 0
    rc, out, err = run(capsys, "show", "--plain", "--id", "nope", str(out_path))
    assert rc == 3
    assert "no record with id 'nope'" in err


def test_show_on_unreadable_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    rc, out, err = run(capsys, "show", "--plain", str(p))
    assert rc == 3
    assert "cannot show" in err and "[K101 empty]" in err
    assert out == ""


# -- summary ---------------------------------------------------------------------------------------------
def test_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    seed = need(SEED)
    out_path = tmp_path / "out.jsonl.gz"
    assert run(capsys, "process", str(seed), str(seed), "-o", str(out_path), "-q")[0] == 0
    rc, out, _ = run(capsys, "summary", "--titles", str(out_path))
    assert rc == 0
    assert "2 records, 2 articles" in out
    assert "heading 10" in out and "boilerplate 6" in out
    assert "removed by reason: lexicon:adblock 4, lexicon:back_to_top 2" in out
    assert f"{seed.stem}: {SEED_TITLE}  [العناوين الرئيسية › سورية]" in out


def test_summary_of_a_broken_file_is_an_error_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text('{"schema": "khabar.record/1"}\nnot json\n', encoding="utf-8")
    rc, _, err = run(capsys, "summary", str(p))
    assert rc == 3
    assert "[K106]" in err and "line 2" in err


# -- stages ----------------------------------------------------------------------------------------------
def test_stages(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, "stages")
    assert rc == 0
    names = re.findall(r"^(\w+)(?: \(default\))?:", out, re.M)
    assert names[:4] == ["segment", "classify", "assemble", "signals"]
    for name in ("segment", "classify", "assemble", "signals"):
        assert f"{name} (default): " in out
    assert "requires: blocks   provides: kinds, is_article" in out


def test_a_stage_failing_on_one_record_makes_it_a_reject(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # why: nothing lost — a stage's bug on one record is a reject naming the stage (K203), the
    # other records are written and the counts add up
    from khabar.model import Document
    from khabar.pipeline import _REGISTRY, Stage, get_stage

    real = get_stage("signals")

    def flaky(doc: Document) -> None:
        if doc.id == "bad":
            raise KeyError("oops")
        real.func(doc)

    monkeypatch.setitem(_REGISTRY, "signals", Stage("signals", flaky, real.requires, real.provides, real.doc))
    from khabar.api import _pipeline

    _pipeline.cache_clear()  # pipelines built before hold the real stage (and, after, the flaky one)
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": i, "text": ARTICLE}, ensure_ascii=False) for i in ("ok", "bad", "ok2")]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out_path, rej_path = tmp_path / "out.jsonl", tmp_path / "rej.jsonl"
    try:
        rc, _, err = run(capsys, "process", str(src), "-o", str(out_path), "--rejects", str(rej_path))
    finally:
        _pipeline.cache_clear()
    assert rc == 0
    assert [r["id"] for r in jsonl_lines(out_path)] == ["ok", "ok2"]
    (rej,) = jsonl_lines(rej_path)
    assert (rej["id"], rej["code"], rej["reason"]) == ("bad", "K203", "stage_failed")
    assert "'signals'" in rej["message"] and "KeyError" in rej["message"]
    assert SUMMARY_RE.search(err).groups() == ("3", "2", "1")  # type: ignore[union-attr]
