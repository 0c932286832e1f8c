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


def test_a_word_list_has_no_header_and_keeps_every_word(monkeypatch: pytest.MonkeyPatch) -> None:
    # a list file (places_common_ar.txt.gz) is one item a line with comments: its first word is no header
    monkeypatch.setattr(data, "read_text", lambda name: "# where from\nأول\n\n  \nثان\n")
    assert data.lines("x.txt") == ["أول", "ثان"]


def test_bytes_are_read_as_stored_and_a_path_is_lent_for_a_file() -> None:
    raw = data.read_bytes("wordfreq_ar.tsv.gz")
    assert raw[:2] == b"\x1f\x8b"  # still gzipped: the NER model records the checksum of these bytes
    with data.as_file("labels_ar.tsv") as path:
        assert path.read_bytes() == data.read_bytes("labels_ar.tsv")
    with pytest.raises(DataFileError, match=r"no_such\.onnx"), data.as_file("no_such.onnx"):
        pass
    with pytest.raises(DataFileError, match=r"cannot read package data file no_such\.npz"):
        data.read_bytes("no_such.npz")


def test_the_place_and_org_loaders_name_the_line_of_a_bad_row(monkeypatch: pytest.MonkeyPatch) -> None:
    from khabar.extract import orgs, person_rules

    text = "# comment\nhead\tkind\tflags\nهيئة\tnot_a_kind\n"
    monkeypatch.setattr(data, "read_text", lambda name: text)
    orgs.load_org_heads.cache_clear()
    person_rules.load_cues.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"org_heads_ar\.tsv line 3: expected head<TAB>kind"):
            orgs.load_org_heads()
        with pytest.raises(DataFileError, match=r"person_cues_ar\.tsv line 3: not 'class<TAB>word'"):
            person_rules.load_cues()
    finally:
        monkeypatch.undo()
        orgs.load_org_heads.cache_clear()
        person_rules.load_cues.cache_clear()
