"""The input's own date (khabar.io.input_date): which field fills ``published``, and how it anchors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from khabar.api import process_text
from khabar.errors import UsageError
from khabar.io import RawRecord, read_inputs
from khabar.io.input_date import (
    DateField,
    anchor_kind,
    date_fields_arg,
    default_date_fields,
    value_date,
)

# no relative day naming its weekday: the crawl date stays the anchor
BODY = "قال وزير الخارجية إن المحادثات ستستأنف في جنيف بمشاركة وفود من عدة دول عربية وأجنبية."


def records(tmp_path: Path, objs: list[dict[str, Any]], **kw: Any) -> list[RawRecord]:
    p = tmp_path / "in.jsonl"
    p.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), encoding="utf-8")
    out = [r for r in read_inputs([str(p)], **kw) if isinstance(r, RawRecord)]
    assert len(out) == len(objs)
    return out


def processed(rec: RawRecord) -> Any:
    return process_text(rec.raw, id=rec.id, source=rec.source, meta=rec.meta, warnings=rec.warnings)


# -- which field ---------------------------------------------------------------------------------------
def test_saudinewsnet_date_extracted_is_a_crawl_date(tmp_path: Path) -> None:
    # SaudiNewsNet's layout: title/author/content and the crawl time in date_extracted
    obj = {
        "id": "x#1",
        "source": "sabq",
        "date_extracted": "2015-07-21 02:51:41",
        "title": "خبر",
        "content": BODY,
    }
    (rec,) = records(tmp_path, [obj])
    assert rec.meta["input_date"] == {"date": "2015-07-21", "source": "input:date_extracted", "kind": "crawl"}
    doc = processed(rec)
    assert (doc.published, doc.published_source) == ("2015-07-21", "input:date_extracted")
    assert anchor_kind(doc) == "crawl"
    assert doc.to_record()["published_source"] == "input:date_extracted"


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        # mC4 / CulturaX: the Common Crawl fetch time in "timestamp"
        ({"text": BODY, "timestamp": "2019-04-22T10:01:02Z"}, ("2019-04-22", "input:timestamp", "crawl")),
        # CulturaX/OSCAR-style nested metadata
        ({"text": BODY, "metadata": {"date": "2023-01-05"}}, ("2023-01-05", "input:metadata.date", "crawl")),
        # OSCAR 22+: the WARC headers kept in the record
        (
            {"content": BODY, "text": BODY, "warc_headers": {"warc-date": "2022-11-30T01:02:03Z"}},
            ("2022-11-30", "input:warc_headers.warc-date", "crawl"),
        ),
        # a generic news JSON Lines field, with a time zone (kept as written, not moved to UTC)
        (
            {"text": BODY, "published": "2021-09-14T23:30:00+03:00"},
            ("2021-09-14", "input:published", "publication"),
        ),
        (
            {"text": BODY, "published_at": "Tue, 14 Sep 2021 10:00:00 GMT"},
            ("2021-09-14", "input:published_at", "publication"),
        ),
        ({"text": BODY, "pubdate": "14 أيلول 2021"}, ("2021-09-14", "input:pubdate", "publication")),
        ({"text": BODY, "date": "20210914"}, ("2021-09-14", "input:date", "publication")),
        # epoch seconds and milliseconds
        ({"text": BODY, "timestamp": 1631613600}, ("2021-09-14", "input:timestamp", "crawl")),
        ({"text": BODY, "timestamp": 1631613600000}, ("2021-09-14", "input:timestamp", "crawl")),
    ],
)
def test_field_mapping(tmp_path: Path, obj: dict[str, Any], expected: tuple[str, str, str]) -> None:
    (rec,) = records(tmp_path, [obj])
    when = rec.meta["input_date"]
    assert (when["date"], when["source"], when["kind"]) == expected
    assert not rec.warnings


def test_a_publication_field_comes_before_a_crawl_field(tmp_path: Path) -> None:
    # the table's order: a publication date is the better anchor than the crawl's
    (rec,) = records(
        tmp_path, [{"text": BODY, "date_extracted": "2015-07-22 01:00:00", "published": "2015-07-20"}]
    )
    assert rec.meta["input_date"]["source"] == "input:published"


def test_the_field_table_is_well_formed() -> None:
    fields = default_date_fields()
    assert len({f.name for f in fields}) == len(fields)
    assert {f.kind for f in fields} == {"publication", "crawl"}
    assert DateField("date_extracted", "crawl") in fields


# -- --date-field --------------------------------------------------------------------------------------
def test_date_field_names_the_field(tmp_path: Path) -> None:
    obj = {"text": BODY, "published": "2015-07-20", "seen": "2015-07-25"}
    (rec,) = records(tmp_path, [obj], date_field="seen")
    assert rec.meta["input_date"] == {"date": "2015-07-25", "source": "input:seen", "kind": "publication"}
    (rec,) = records(tmp_path, [obj], date_field="seen:crawl")
    assert rec.meta["input_date"]["kind"] == "crawl"
    (rec,) = records(tmp_path, [obj], date_field="none")
    assert "input_date" not in rec.meta
    assert processed(rec).published is None


def test_date_field_arg() -> None:
    assert date_fields_arg(None) is None
    assert date_fields_arg("none") == ()
    assert date_fields_arg("date_extracted") == (DateField("date_extracted", "crawl"),)  # its listed kind
    assert date_fields_arg("date:crawl") == (DateField("date", "crawl"),)
    assert date_fields_arg("meta.when") == (DateField("meta.when", "publication"),)
    with pytest.raises(UsageError):
        date_fields_arg(":crawl")


def test_a_named_field_that_is_missing_is_a_warning(tmp_path: Path) -> None:
    (rec,) = records(tmp_path, [{"text": BODY, "published": "2015-07-20"}], date_field="seen")
    assert "input_date" not in rec.meta
    assert any("'seen'" in w and "--date-field" in w for w in rec.warnings)


# -- bad values ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["unknown", "0000-00-00 00:00:00", "2015-13-45", "", "   ", 12, True, [], {}])
def test_a_bad_date_is_a_warning_never_a_crash(tmp_path: Path, bad: Any) -> None:
    # a crawler that wrote a placeholder: the record is read, published is left to the page
    obj = {"id": "a", "date_extracted": bad, "title": "خبر", "content": BODY}
    (rec,) = records(tmp_path, [obj])
    assert "input_date" not in rec.meta
    doc = processed(rec)
    assert doc.published is None and doc.published_source is None
    if bad not in ("", "   "):  # an empty field is no date, not a bad one
        assert any("date_extracted" in w and "not a date" in w for w in doc.warnings)


def test_a_bad_field_falls_through_to_the_next(tmp_path: Path) -> None:
    (rec,) = records(tmp_path, [{"text": BODY, "published": "soon", "date_extracted": "2015-07-21 02:00:00"}])
    assert rec.meta["input_date"]["source"] == "input:date_extracted"
    assert any("published" in w for w in rec.warnings)


def test_cli_survives_bad_dates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from khabar.cli import main

    p = tmp_path / "in.jsonl"
    rows = [{"id": "ok", "date_extracted": "2015-07-21 02:51:41", "content": BODY},
            {"id": "bad", "date_extracted": "n/a", "content": BODY}]  # fmt: skip
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["process", str(p), "-o", str(out), "-q"]) == 0
    recs = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert recs["ok"]["published"] == "2015-07-21" and recs["bad"]["published"] is None
    assert any("not a date" in w for w in recs["bad"]["warnings"])


def test_value_date() -> None:
    assert value_date("2015-07-21 02:51:41") == "2015-07-21"
    assert value_date(None) is None and value_date(3.5) is None and value_date("x" * 10_000) is None


# -- the page first ------------------------------------------------------------------------------------
def test_a_date_the_page_gives_is_kept(tmp_path: Path) -> None:
    # an agency dateline in the text is the page's own date: the crawl date does not replace it
    content = "جنيف 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n" + BODY
    (rec,) = records(
        tmp_path, [{"id": "a", "date_extracted": "2015-08-11 03:00:00", "title": "خبر", "content": content}]
    )
    doc = processed(rec)
    assert (doc.published, doc.published_source) == ("2015-08-10", "page")
    assert anchor_kind(doc) == "publication"


def test_a_page_date_after_the_crawl_date_is_flagged(tmp_path: Path) -> None:
    # a page cannot be published after it was fetched: the page's date is kept, with a warning
    content = "الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n" + BODY
    (rec,) = records(
        tmp_path, [{"id": "a", "date_extracted": "2015-08-01 03:00:00", "title": "خبر", "content": content}]
    )
    doc = processed(rec)
    assert doc.published == "2015-08-10"
    assert any("after the crawl date" in w for w in doc.warnings)


def test_html_meta_date_wins_over_the_input_date() -> None:
    html = (
        "<html><head><meta property='article:published_time' content='2021-09-13T08:00:00+03:00'>"
        "<title>خبر</title></head><body><article><h1>خبر</h1><p>" + BODY + "</p></article></body></html>"
    )
    from khabar.model import Source

    meta = {"input_date": {"date": "2021-09-14", "source": "warc-date", "kind": "crawl"}}
    doc = process_text(html, source=Source(format="warc"), meta=meta)
    assert (doc.published, doc.published_source) == ("2021-09-13", "page")
    doc = process_text(html.replace("article:published_time", "x"), source=Source(format="warc"), meta=meta)
    assert (doc.published, doc.published_source) == ("2021-09-14", "warc-date")


# -- the text names its day ----------------------------------------------------------------------------
def test_a_relative_day_with_its_weekday_moves_a_crawl_date_back(tmp_path: Path) -> None:
    # crawled on Tuesday 21 July 2015, the text says "أمس الخميس": written on Friday 17 July
    content = "أعلنت وزارة الصحة أمس الخميس تسجيل حالتين جديدتين. " + BODY
    (rec,) = records(tmp_path, [{"id": "a", "date_extracted": "2015-07-21 02:00:00", "content": content}])
    doc = process_text(rec.raw, id=rec.id, source=rec.source, meta=rec.meta, extra=("dates",))
    assert (doc.published, doc.published_source) == ("2015-07-17", "text:weekday")
    assert anchor_kind(doc) == "publication"
    (d,) = doc.dates
    assert (d.text, d.attrs["value"], d.attrs["anchor"]) == ("أمس الخميس", "2015-07-16", "text:weekday")


def test_a_publication_date_is_never_moved_by_the_text(tmp_path: Path) -> None:
    content = "أعلنت وزارة الصحة أمس الخميس تسجيل حالتين جديدتين. " + BODY
    (rec,) = records(tmp_path, [{"id": "a", "published": "2015-07-21", "content": content}])
    doc = processed(rec)
    assert (doc.published, doc.published_source) == ("2015-07-21", "input:published")


# -- --date-field on every command that reads inputs ---------------------------------------------------
def _cli_input(tmp_path: Path) -> Path:
    p = tmp_path / "in.jsonl"
    row = {"id": "a", "date_extracted": "2015-07-21 02:00:00", "seen": "2015-07-19", "title": "خبر",
           "content": "اجتمع الوزراء الاثنين في الرياض. " + BODY}  # fmt: skip
    p.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    return p


def test_date_field_on_process_show_and_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from khabar.cli import main

    src = _cli_input(tmp_path)
    out = tmp_path / "out.jsonl"
    assert main(["process", str(src), "--date-field", "seen", "--facts", "-o", str(out), "-q"]) == 0
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert (rec["published"], rec["published_source"]) == ("2015-07-19", "input:seen")
    # "الاثنين" is the Monday on or before Sunday 19 July
    assert [(d["text"], d["value"]) for d in rec["dates"]] == [("الاثنين", "2015-07-13")]
    capsys.readouterr()
    assert main(["show", str(src), "--plain", "--date-field", "seen"]) == 0
    assert "published: 2015-07-19 (input:seen)" in capsys.readouterr().out
    ev = tmp_path / "ev.jsonl"
    assert main(["events", str(src), "--date-field", "none", "--format", "jsonl", "-o", str(ev)]) == 0
    capsys.readouterr()


def test_date_field_on_run(tmp_path: Path) -> None:
    from khabar.corpus.runner import run
    from khabar.corpus.writers import read_shard

    src = _cli_input(tmp_path)
    out = tmp_path / "out"
    run([str(src)], str(out), progress=False, dedup="off", date_field="seen")
    (rec,) = [r for p in sorted(out.glob("part-*.jsonl")) for r in read_shard(str(p), "jsonl")]
    assert (rec["published"], rec["published_source"]) == ("2015-07-19", "input:seen")
    # the parser has the flag, and passes it on
    import argparse

    from khabar.corpus.cli import add_run_parser

    sub = argparse.ArgumentParser().add_subparsers()
    args = add_run_parser(sub).parse_args([str(src), "-o", str(out), "--date-field", "seen:crawl"])
    assert args.date_field == "seen:crawl"
