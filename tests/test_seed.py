"""The canonical seed page: the acceptance of the core issue, checked on every run."""

from __future__ import annotations

from khabar import process_text
from khabar.model import Source

from conftest import SEED, need


def _seed():
    raw = need(SEED).read_text(encoding="utf-8")
    return raw, process_text(raw, id="seed", source=Source(input=str(SEED)))


def test_seed_sections_and_title():
    _, doc = _seed()
    assert doc.sections == ["العناوين الرئيسية", "سورية"]
    assert doc.title == "ماذا في زيارة الرئيس الأسد إلى موسكو؟"
    assert doc.is_article is True


def test_seed_headings_each_followed_by_paragraphs():
    _, doc = _seed()
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [
        "section",
        "title",
        "heading",
        "paragraph",
        "heading",
        "paragraph",
        "heading",
        "paragraph",
        "paragraph",
        "heading",
        "paragraph",
        "heading",
        "paragraph",
        "paragraph",
        "paragraph",
        "boilerplate",
        "boilerplate",
        "boilerplate",
    ]
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings == [
        "اجتماع مغلق بين الرئيس الأسد وبوتين",
        "المباحثات ميدانية وإدلب حاضرة",
        "شويغو والمقداد انضما لاحقاً للاجتماع",
        "الدعم الاقتصادي كان أحد أهم العناوين",
        "إصلاح محطات الكهرباء جزء أساسي من الدعم",
    ]


def test_seed_chrome_removed_with_reasons():
    _, doc = _seed()
    removed = doc.blocks[-3:]
    assert [b.text for b in removed] == [
        "زر الذهاب إلى الأعلى",
        "أنت تستخدم إضافة Adblock",
        "برجاء دعمنا عن طريق تعطيل إضافة Adblock",
    ]
    assert removed[0].reason == "lexicon:back_to_top"
    assert removed[1].reason == removed[2].reason == "lexicon:adblock"
    for b in removed:
        assert b.start is None and b.end is None
        assert b.text not in doc.text
    assert "Adblock" not in doc.text and "زر الذهاب" not in doc.text


def test_seed_offsets_reproduce_the_source():
    raw, doc = _seed()
    for b in doc.blocks:
        if b.kind == "section":
            # the glued breadcrumb: repair inserted one space where the two levels were glued
            assert raw[b.raw_start : b.raw_end] == "العناوين الرئيسيةسورية"
            assert b.text == "العناوين الرئيسية سورية"
        else:
            assert raw[b.raw_start : b.raw_end] == b.text
        if not b.removed:
            assert doc.text[b.start : b.end] == b.text
            assert doc.raw_span(b.start, b.end) == (b.raw_start, b.raw_end)


def test_seed_record_round_trip():
    from khabar.model import Document

    _, doc = _seed()
    rec = doc.to_record()
    assert rec["schema"] == "khabar.record/1"
    back = Document.from_record(rec)
    assert back.text == doc.text
    assert [b.to_dict() for b in back.blocks] == [b.to_dict() for b in doc.blocks]


def test_seed_normalised_view_maps_back_to_text():
    _, doc = _seed()
    view = doc.normalized()
    i = view.text.index("ادلب")  # إدلب folded to ادلب in the view
    s, e = view.to_text_span(i, i + 4)
    assert doc.text[s:e] == "إدلب"
    assert doc.normalized().text == view.text  # deterministic; normalising again changes nothing
