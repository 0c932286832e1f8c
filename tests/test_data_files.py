"""khabar.data: the one way data files are read — comments and the header row left out, each row's
width checked, errors that name the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar import data
from khabar.errors import DataFileError

DATA = Path(data.__file__).parent


def test_rows_leave_out_comments_blank_lines_and_the_header() -> None:
    lines = (DATA / "labels_ar.tsv").read_text(encoding="utf-8").splitlines()
    body = [ln for ln in lines if ln.strip() and not ln.startswith("#")][1:]
    got = data.rows("labels_ar.tsv", columns=3)
    assert [tuple(r.cols) for r in got] == [tuple(ln.split("\t")) for ln in body]
    assert lines[got[0].line - 1] == body[0]  # line numbers are the file's, 1-based


def test_a_row_of_the_wrong_width_names_the_file_and_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "read_text", lambda name: "# comment\nform\tkind\nأ\tb\nب\n")
    with pytest.raises(DataFileError, match=r"x\.tsv line 4: expected 2 tab-separated columns, found 1"):
        data.rows("x.tsv", columns=2)
    assert data.rows("x.tsv", columns=(1, 2))[1] == data.Row(4, ["ب"])


def test_missing_and_broken_files_are_data_file_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DataFileError, match=r"cannot read package data file no_such\.tsv"):
        data.rows("no_such.tsv")
    assert data.read_text("wordfreq_ar.tsv.gz").startswith("#") or "\t" in data.read_text(
        "wordfreq_ar.tsv.gz"
    )
    monkeypatch.setattr(data, "read_text", lambda name: "{not json")
    with pytest.raises(DataFileError, match="is not valid JSON"):
        data.load_json("broken.json")


def test_the_loaders_built_on_it_read_what_they_did() -> None:
    from khabar.extract.roles import load_roles
    from khabar.io.input_date import default_date_fields
    from khabar.web.i18n import label

    assert label("type", "CONSULT") == "لقاء وتشاور" and label("role", "president") == "الرئيس"
    assert default_date_fields()[0].name == "published"
    assert load_roles()[("الرييس",)].role == "president"
