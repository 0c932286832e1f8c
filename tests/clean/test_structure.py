"""Finer kinds named after the line model (khabar.clean.structure.refine_kinds)."""

from __future__ import annotations

from khabar.clean.structure import refine_kinds
from khabar.model import Block


def _block(text: str, kind: str) -> Block:
    return Block(text=text, kind=kind, raw_start=0, raw_end=len(text))


def test_a_source_credit_in_parentheses_is_a_byline_not_a_heading() -> None:
    """ "(وكالة الأنباء الوطنية)" under a news item credits its source, as a byline does; a heading
    with a parenthesis inside it, or a long parenthesised line, stays a heading (a press review's
    credits motivated the rule; these examples are written for the test)."""
    got = refine_kinds(
        [
            _block("(وكالة الأنباء الوطنية)", "heading"),
            _block("(صحيفة “الغد”)", "heading"),
            _block("نتائج الانتخابات (محدث)", "heading"),
            _block("(ملاحظة: هذا النص مترجم من اللغة الفرنسية إلى العربية)", "heading"),
        ]
    )
    assert [b.kind for b in got] == ["byline", "byline", "heading", "heading"]
