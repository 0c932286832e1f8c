"""The gold loader: scoring units cut from glued and trailing-boilerplate lines, and validation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from khabar.errors import InputError, MalformedRecordError
from khabar.eval.gold import (
    GoldDoc,
    GoldFormatError,
    default_gold_path,
    gold_title,
    load_gold,
    parse_gold_record,
)

# Real gold lines (SPA document 2015-08-10#1587): a section glued to the title, a dateline with a
# glued date, body text and the wire chrome.
WAS_LINES: list[dict[str, Any]] = [
    {
        "text": "سياسي / رئيس الوزراء اللبناني يلتقي رئيس مجلس نواب الباراغواي",
        "label": "title",
        "glued": ["سياسي", "رئيس الوزراء اللبناني يلتقي رئيس مجلس نواب الباراغواي"],
        "glued_labels": ["section", "title"],
    },
    {
        "text": "بيروت 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس",
        "label": "byline",
        "glued": ["بيروت", "25 شوال 1436 هـ الموافق 10 أغسطس 2015 م", "واس"],
        "glued_labels": ["byline", "date", "byline"],
    },
    {
        "text": "التقى رئيس مجلس الوزراء اللبناني تمام سلام في بيروت اليوم رئيس مجلس نواب الباراغواي أوبو "
        "ديلاسكس الذي يزور لبنان حاليًا.",
        "label": "paragraph",
    },
    {"text": "// انتهى //", "label": "boilerplate"},
    {"text": "12:29 ت م", "label": "boilerplate"},
]

# Real gold lines with trailing boilerplate: a 3alyoum tag list (2015-07-24#180 line 4, with the
# verse's tripled space kept) and an SEO link in cc#64 (line 122).
ALYOUM_TRAILING = {
    "text": "وداع يا صوت يهز المنابر   … نجم السياسة والمحافل والأخبار"
    " سمات الأمير خالد الفيصل الأمير سعود الفيصل",
    "label": "paragraph",
    "trailing_boilerplate": "سمات الأمير خالد الفيصل الأمير سعود الفيصل",
}
CC64_TRAILING = {
    "text": "كما يجب عليك النظافة الدورية للمسبح للحفاظ على صحتك . مقال ذات صله:- شركة ترميم مسابح",
    "label": "paragraph",
    "trailing_boilerplate": "مقال ذات صله:- شركة ترميم مسابح",
}


def record(lines: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
    rec = {"id": "t#1", "origin": "saudinewsnet", "source": "was", "url": "http://x", "is_article": True}
    rec.update(kw)
    rec["lines"] = lines
    return rec


def texts(doc: GoldDoc) -> list[tuple[str, str, int]]:
    return [(doc.unit_text(u), u.label, u.line_index) for u in doc.units]


def test_glued_lines_give_one_unit_per_part() -> None:
    doc = parse_gold_record(record(WAS_LINES))
    assert doc.raw == "\n".join(x["text"] for x in WAS_LINES)
    assert texts(doc) == [
        ("سياسي", "section", 0),
        ("رئيس الوزراء اللبناني يلتقي رئيس مجلس نواب الباراغواي", "title", 0),
        ("بيروت", "byline", 1),
        ("25 شوال 1436 هـ الموافق 10 أغسطس 2015 م", "date", 1),
        ("واس", "byline", 1),
        (WAS_LINES[2]["text"], "paragraph", 2),
        ("// انتهى //", "boilerplate", 3),
        ("12:29 ت م", "boilerplate", 4),
    ]
    assert all(u.origin == "saudinewsnet" for u in doc.units)
    for line in doc.lines:
        assert doc.raw[line.raw_start : line.raw_end] == line.text
    assert gold_title(doc) == "رئيس الوزراء اللبناني يلتقي رئيس مجلس نواب الباراغواي"


def test_trailing_boilerplate_splits_the_line() -> None:
    doc = parse_gold_record(record([{"text": "عنوان", "label": "title"}, ALYOUM_TRAILING, CC64_TRAILING]))
    assert texts(doc) == [
        ("عنوان", "title", 0),
        ("وداع يا صوت يهز المنابر   … نجم السياسة والمحافل والأخبار", "paragraph", 1),
        ("سمات الأمير خالد الفيصل الأمير سعود الفيصل", "boilerplate", 1),
        # the content part is right-stripped; the space before the suffix belongs to neither
        ("كما يجب عليك النظافة الدورية للمسبح للحفاظ على صحتك .", "paragraph", 2),
        ("مقال ذات صله:- شركة ترميم مسابح", "boilerplate", 2),
    ]
    assert doc.lines[1].trailing_boilerplate == ALYOUM_TRAILING["trailing_boilerplate"]
    assert doc.units[2].raw_end == doc.lines[1].raw_end


def test_glued_and_trailing_together() -> None:
    line = {
        "text": "الرياض - واس كلام الخبر هنا. اقرا المزيد",
        "label": "paragraph",
        "glued": ["الرياض - واس", "كلام الخبر هنا."],
        "glued_labels": ["byline", "paragraph"],
        "trailing_boilerplate": "اقرا المزيد",
    }
    doc = parse_gold_record(record([line]))
    assert texts(doc) == [
        ("الرياض - واس", "byline", 0),
        ("كلام الخبر هنا.", "paragraph", 0),
        ("اقرا المزيد", "boilerplate", 0),
    ]
    assert gold_title(doc) is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({**WAS_LINES[0], "glued": ["سياسي", "غير موجود"]}, "not found in order"),
        ({**WAS_LINES[1], "glued": ["واس", "بيروت", "25 شوال 1436 هـ الموافق 10 أغسطس 2015 م"]}, "not found"),
        ({**WAS_LINES[1], "glued": ["بيروت", "واس"], "glued_labels": ["byline", "byline"]}, "uncovered"),
        ({**WAS_LINES[0], "glued_labels": ["section"]}, "one label per glued part"),
        ({**WAS_LINES[0], "glued_labels": ["section", "headline"]}, "unknown glued label"),
        ({"text": "نص", "label": "headline"}, "unknown label"),
        ({"text": "نص ما", "label": "paragraph", "trailing_boilerplate": "غيره"}, "suffix"),
        ({"text": "نص ما", "label": "paragraph", "trailing_boilerplate": "نص ما"}, "no content"),
        ({"text": "نص", "label": "paragraph", "glued": ["نص"], "glued_labels": ["paragraph"]}, ">= 2"),
    ],
)
def test_bad_records_raise_a_clear_error(line: dict[str, Any], message: str) -> None:
    with pytest.raises(GoldFormatError, match=message) as info:
        parse_gold_record(record([line]))
    assert "(t#1) line 0:" in str(info.value)
    assert isinstance(info.value, InputError)


def test_load_gold_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    recs = [record(WAS_LINES), record([ALYOUM_TRAILING], id="t#2", origin="cc")]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    docs = load_gold(path)
    assert [d.id for d in docs] == ["t#1", "t#2"]
    assert [d.origin for d in docs] == ["saudinewsnet", "cc"]
    assert len(docs[0].units) == 8 and len(docs[1].units) == 2


def test_load_gold_rejects_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1\n', encoding="utf-8")
    with pytest.raises(MalformedRecordError, match=r"bad\.jsonl:1"):
        load_gold(bad)
    dup = tmp_path / "dup.jsonl"
    dup.write_text((json.dumps(record(WAS_LINES)) + "\n") * 2, encoding="utf-8")
    with pytest.raises(GoldFormatError, match="duplicate"):
        load_gold(dup)
    with pytest.raises(InputError, match="cannot read"):
        load_gold(tmp_path / "missing.jsonl")


def test_the_real_gold_file() -> None:
    path = default_gold_path()
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared beside the repository)")
    docs = load_gold(path)
    assert len(docs) == 201
    assert sum(len(d.lines) for d in docs) == 2560
    # 2560 lines - 94 glued lines + 219 glued parts + 20 trailing suffixes (GUIDELINES.md section 5)
    assert sum(len(d.units) for d in docs) == 2705
    assert {d.origin for d in docs} == {"saudinewsnet", "cc", "seed"}
    assert sum(gold_title(d) is not None for d in docs) == 168
    for d in docs:
        assert d.raw == "\n".join(line.text for line in d.lines)
        assert all(d.unit_text(u).strip() == d.unit_text(u) != "" for u in d.units)
