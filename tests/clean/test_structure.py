"""khabar.clean.structure: the finer kinds named by their visible marks, breadcrumbs cut into levels,
and glued title and byline lines split. Examples written for these tests (no gold or tuning page)."""

from __future__ import annotations

from khabar.clean.structure import refine_kinds, section_path, split_glued
from khabar.model import Block


def _blocks(kind: str, *texts: str) -> list[Block]:
    return [Block(kind, t, 0, len(t)) for t in texts]


def test_breadcrumb_levels_by_their_separators() -> None:
    (b,) = _blocks("section", "الرئيسية » لبنان » سياسة")
    assert section_path(b) == ["الرئيسية", "لبنان", "سياسة"]
    (b,) = _blocks("section", "أخبار > اقتصاد")
    assert section_path(b) == ["أخبار", "اقتصاد"]


def test_list_items_quotes_and_captions_by_their_marks() -> None:
    out = refine_kinds(
        _blocks(
            "paragraph",
            "- البند الأول ينص على وقف إطلاق النار",
            "2) تشكيل لجنة لمتابعة التنفيذ",
            "«لن نتراجع عن مطالبنا مهما كانت الضغوط علينا»",
            "صورة: أرشيفية من الاجتماع",
            "قال المتحدث إن الاجتماع سيعقد غداً.",
        )
    )
    assert [b.kind for b in out] == ["list_item", "list_item", "quote", "caption", "paragraph"]


def test_an_agency_line_is_cut_into_dateline_date_and_byline() -> None:
    """Reason: agency copy opens "place date agency" on one line; each part is a field of its own."""
    out = refine_kinds(_blocks("byline", "بيروت 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس"))
    assert [(b.kind, b.text) for b in out] == [
        ("dateline", "بيروت"),
        ("date", "25 شوال 1436 هـ الموافق 10 أغسطس 2015 م"),
        ("byline", "واس"),
    ]


def test_reading_times_clock_times_and_weekdays_are_no_bylines() -> None:
    out = refine_kinds(_blocks("byline", "3 دقائق", "07:00 ص", "الإثنين،"))
    assert [(b.kind, b.reason) for b in out] == [
        ("boilerplate", "pattern:reading_time"),
        ("date", None),
        ("date", None),
    ]


def test_a_wire_marker_after_the_headline_is_cut_off() -> None:
    (t,) = _blocks("title", "الأمم المتحدة تدعو إلى هدنة إنسانية في غزة / إضافة أولى واخيرة")
    out = split_glued([t])
    assert [(b.kind, b.text, b.reason) for b in out] == [
        ("title", "الأمم المتحدة تدعو إلى هدنة إنسانية في غزة", None),
        ("boilerplate", "/ إضافة أولى واخيرة", "pattern:wire_suffix"),
    ]


def test_a_source_credit_in_parentheses_is_a_byline_not_a_heading() -> None:
    """ "(وكالة الأنباء الوطنية)" under a news item credits its source, as a byline does; a heading
    with a parenthesis inside it, or a long parenthesised line, stays a heading (a press review's
    credits motivated the rule; these examples are written for the test)."""
    got = refine_kinds(
        _blocks(
            "heading",
            "(وكالة الأنباء الوطنية)",
            "(صحيفة “الغد”)",
            "نتائج الانتخابات (محدث)",
            "(ملاحظة: هذا النص مترجم من اللغة الفرنسية إلى العربية)",
        )
    )
    assert [b.kind for b in got] == ["byline", "byline", "heading", "heading"]


def test_a_date_that_opens_with_its_month_or_runs_past_its_year_is_cut_whole() -> None:
    """Reason: "مارس 14, 2023" opens with the month, which is no place before the date; and an ISO
    date "2023-03-14 09:05" after an outlet's tag ends after its day, not after the year."""
    out = refine_kinds(_blocks("date", "مارس 14, 2023"))
    assert [(b.kind, b.text) for b in out] == [("date", "مارس 14, 2023")]
    out = refine_kinds(_blocks("byline", "جدة 2023-03-14 09:05"))
    assert [(b.kind, b.text) for b in out] == [("dateline", "جدة"), ("date", "2023-03-14 09:05")]
