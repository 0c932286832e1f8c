"""The ``dates`` stage (khabar.extract.date_stage), the SaudiNewsNet bylines and the Wojood floor."""

from __future__ import annotations

import importlib
import json
import re

from khabar.arabic.dates import MONTHS
from khabar.model import Document
from khabar.pipeline import registered

from conftest import GOLD, SHARED, need

BYLINE = re.compile(r"(\d{1,2}) (\S+) (\d{4}) هـ الموافق (\d{1,2}) (\S+) (\d{4}) م")


def _stage():  # type: ignore[no-untyped-def]
    registered()  # load the built-in stages first (the module may be one of them)
    return importlib.import_module("khabar.extract.date_stage")


def _run(text: str, published: str | None = None) -> Document:
    mod = _stage()
    doc = Document(id="t", raw=text, text=text, published=published)
    mod.dates(doc)
    for sp in doc.dates:
        assert 0 <= sp.start < sp.end <= len(doc.text) and doc.text[sp.start : sp.end] == sp.text
        assert sp.label == "DATE"
        assert {"value", "calendar", "relative", "precision"} <= sp.attrs.keys()
    return doc


def test_stage_is_registered() -> None:
    # the stage registers itself with what it needs and gives
    _stage()
    st = registered()["dates"]
    assert st.requires == ("text",) and st.provides == ("dates",)


def test_relative_resolved_against_published() -> None:
    # relative days use the document's published date when it is known
    doc = _run("قال الوزير أمس إن الاجتماع سيعقد الأسبوع المقبل", published="2015-08-10T09:00:00+03:00")
    assert [(s.attrs["value"], s.attrs["relative"]) for s in doc.dates] == [
        ("2015-08-09", "-1d"),
        ("2015-W34", "+1w"),
    ]


def test_relative_without_published() -> None:
    # without a published date relative days keep their offset and no value
    doc = _run("قال الوزير أمس")
    assert doc.dates[0].attrs["value"] is None and doc.dates[0].attrs["relative"] == "-1d"


def test_saudinewsnet_bylines_resolve_to_the_gregorian_day() -> None:
    # every "… شوال 1436 هـ الموافق 10 اغسطس 2015 م واس" line in the gold set gives that Gregorian day
    n = 0
    for line in need(GOLD).read_text(encoding="utf-8").splitlines():
        for ln in json.loads(line)["lines"]:
            m = BYLINE.search(ln["text"])
            if not m:
                continue
            n += 1
            want = f"{int(m.group(6)):04d}-{MONTHS[m.group(5).replace('أ', 'ا')]:02d}-{int(m.group(4)):02d}"
            doc = _run(ln["text"])
            hit = [s for s in doc.dates if s.start <= m.start() and m.end() <= s.end]
            assert len(hit) == 1, (ln["text"], doc.dates)
            assert hit[0].attrs["value"] == want and "hijri" in hit[0].attrs, ln["text"]
    assert n >= 5


def test_wojood_date_f1_floor() -> None:
    # measured on the test split: exact F1 0.914, overlap F1 0.967 (a range's yearless first day,
    # "بين 1 يناير و1 مايو 2019", is a date of its own here and not in the gold)
    from khabar.eval.dates import read_wojood, score_dates

    path = need(SHARED / "data" / "wojood_sample" / "test.txt")
    scores = score_dates(read_wojood(path))
    assert scores["exact"].f1 >= 0.88
    assert scores["overlap"].f1 >= 0.94


def test_cli_eval_dates(capsys) -> None:  # type: ignore[no-untyped-def]
    # `khabar eval dates` prints one line per metric
    from khabar.cli import main

    need(SHARED / "data" / "wojood_sample" / "test.txt")
    assert main(["eval", "dates"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^exact\s", out, re.M) and re.search(r"^overlap\s", out, re.M)


def test_resolved_relative_spans_carry_their_anchor() -> None:
    # a span counted from a crawl date says so; an absolute date carries no anchor
    mod = _stage()
    doc = Document(
        id="t", raw="", text="أعلن الوزير أمس أن 14 أغسطس 2015 موعد الافتتاح", published="2015-08-03"
    )
    doc.published_source = "input:date_extracted"
    doc.meta["input_date"] = {"date": "2015-08-03", "source": "input:date_extracted", "kind": "crawl"}
    mod.dates(doc)
    rel, absolute = doc.dates
    assert (rel.attrs["value"], rel.attrs["anchor"], rel.attrs["anchor_kind"]) == (
        "2015-08-02",
        "input:date_extracted",
        "crawl",
    )
    assert "anchor" not in absolute.attrs
    doc.published_source = "page"
    mod.dates(doc)
    assert doc.dates[0].attrs["anchor_kind"] == "publication"


def test_today_in_a_byline_block_is_not_a_date() -> None:
    # a byline names a writer, an outlet, a place: its bare "اليوم" is the outlet (the same word in the
    # paragraph is today; "اليوم الأحد" names a day even in a byline)
    from khabar.model import Block

    lines = [("byline", "سعد الحربي – الدمام – اليوم"), ("paragraph", "افتتح الأمير المعرض اليوم في الدمام"),
             ("dateline", "الرياض اليوم الأحد")]  # fmt: skip
    blocks, pos = [], 0
    for kind, t in lines:
        blocks.append(Block(kind, t, 0, 0, start=pos, end=pos + len(t)))
        pos += len(t) + 1
    doc = Document(id="t", raw="", text="\n".join(t for _, t in lines), blocks=blocks, published="2015-08-02")
    _stage().dates(doc)
    assert [(s.text, s.start > len(lines[0][1])) for s in doc.dates] == [
        ("اليوم", True),
        ("اليوم الأحد", True),
    ]
