"""What the fact stages leave when two of them read the same words: one span per reading, the one a
stage with more evidence gives (the gazetteer over the NER, an organisation over the NER's place)."""

from __future__ import annotations

from khabar.api import process_text
from khabar.pipeline import FACT_STAGES


def _entities(text: str) -> list[tuple[str, str]]:
    doc = process_text(text, extra=FACT_STAGES)
    return [(e.label, e.text) for e in doc.entities if e.label in ("LOC", "ORG")]


def test_a_preposition_glued_to_a_linked_place_leaves_no_second_place() -> None:
    # why: the NER reads "بالمدينة" with its preposition while the gazetteer reads the longer name
    # after it; the record held both, and the archive listed "بالمدينة المنورة"'s first word as a place
    got = _entities("ونظمت مدرسة الأندلس الأهلية بمكة المكرمة حفلا لتكريم الطلاب.")
    assert ("LOC", "مكة المكرمة") in got
    assert ("LOC", "بمكة") not in got


def test_a_place_word_inside_an_organisations_name_is_not_a_place_of_its_own() -> None:
    # why: a word the NER alone reads as a place (no gazetteer place, no region) inside the name the
    # organisation finder gives is part of that name (a club, a society, a company)
    got = _entities("وقال المتحدث الرسمي لهيئة الهلال الأحمر السعودي بمنطقة حائل إن الفرق باشرت الحالات.")
    assert ("LOC", "الأحمر") not in got
    assert any(label == "ORG" and "الهلال الأحمر" in t for label, t in got)
    got = _entities("وسجل تشيلسي هدفين في الشوط الأول أمام ليفربول.")
    assert ("ORG", "تشيلسي") in got and ("LOC", "تشيلسي") not in got
