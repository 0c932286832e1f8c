"""The CLI knows its archive (issue 17, item 6): show/events/search on an archive, exit codes for
paths that are not there, and an archive given where a text input is expected."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from khabar.cli import main

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "000_788df9d9dddd1a7a.txt"
MISSING = "/nonexistent/khabar-test/x"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not SEED.is_file():
        pytest.skip("../shared is not present")
    db = str(tmp_path_factory.mktemp("arch") / "a.db")
    assert main(["process", str(SEED), "--archive", db, "-o", str(Path(db).with_suffix(".jsonl")), "-q"]) == 0
    return db


def _short_id(archive: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["search", "موسكو", "--archive", archive, "--format", "json"]) == 0
    return str(json.loads(capsys.readouterr().out)["results"][0]["id"])[:12]


def test_show_opens_the_short_id_search_prints(archive: str, capsys: pytest.CaptureFixture[str]) -> None:
    short = _short_id(archive, capsys)
    assert main(["show", short, "--archive", archive, "--plain"]) == 0
    out = capsys.readouterr().out
    assert "ماذا في زيارة الرئيس الأسد إلى موسكو؟" in out
    # the record's own id works too
    assert main(["show", "000_788df9d9dddd1a7a", "--archive", archive, "--plain"]) == 0
    assert main(["show", "ffffffffffff", "--archive", archive]) == 3


def test_search_formats(archive: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "موسكو", "--archive", archive, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and rows[0]["title"].startswith("ماذا في زيارة")
    assert main(["search", '"زيارة الرئيس"', "--exact", "--archive", archive]) == 0
    assert "1 result(s)" in capsys.readouterr().out


def test_events_from_the_archive_by_type(archive: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--archive", archive, "--type", "consult", "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]
    assert rows and {r["type"] for r in rows} == {"CONSULT"}
    assert (
        main(["events", "--archive", archive, "--type", "consult", "--from", "2100", "--format", "jsonl"])
        == 0
    )
    assert not capsys.readouterr().out.strip()  # nothing dated after 2100


@pytest.mark.parametrize(
    "argv",
    [
        ["process", MISSING],
        ["show", MISSING],
        ["summary", MISSING],
        ["events", MISSING],
        ["search", "x", "--archive", MISSING],
        ["show", "abc", "--archive", MISSING],
        ["events", "--archive", MISSING],
        ["serve", "--archive", MISSING],
        ["run", MISSING, "-o", "{tmp}/out", "--no-progress", "-q"],
        ["profiles", "--profiles", MISSING],
        ["eval", "facts", "--gold", MISSING],
        ["eval", "events", "--gold", MISSING],
        ["eval", "textdump", "--gold", MISSING],
        ["eval", "html", "--bench", MISSING],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_a_path_that_is_not_there_exits_3(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(argv) == 3
    assert "khabar" in capsys.readouterr().err


def test_an_archive_given_as_input_names_archive(archive: str, capsys: pytest.CaptureFixture[str]) -> None:
    # it used to say "above the 32 MB limit" (events) or "binary" (show)
    assert main(["events", archive]) == 3
    err = capsys.readouterr().err
    assert "SQLite database" in err and "--archive" in err
