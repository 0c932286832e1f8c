"""Language identification (khabar.clean.lang): Arabic, Persian, Urdu and others, with a confidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.api import process_text
from khabar.clean.lang import MIN_LETTERS, identify

PEER = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "peer_pages"

ARABIC = (
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة، وقال الوزير إن المشروع يخدم أكثر من "
    "مئة ألف مواطن في المنطقة الشرقية ويضم أقساما للطوارئ والأطفال."
)
PERSIAN = (
    "وزارت بهداشت امروز اعلام کرد که یک بیمارستان تازه در شهر گشایش یافت و وزیر گفت این طرح به بیش "
    "از صد هزار نفر از مردم استان خدمت می‌کند و بخش‌های اورژانس و کودکان دارد."
)
URDU = (
    "وزارت صحت نے آج اعلان کیا کہ شہر میں ایک نیا ہسپتال کھولا گیا ہے اور وزیر نے کہا کہ یہ منصوبہ "
    "صوبے کے ایک لاکھ سے زیادہ لوگوں کی خدمت کرے گا اور اس میں بچوں کا شعبہ بھی ہے۔"
)
ENGLISH = (
    "The health ministry announced today that a new hospital has opened in the city, and the minister "
    "said the project will serve more than one hundred thousand people in the province."
)


@pytest.mark.parametrize(("text", "lang"), [(ARABIC, "ar"), (PERSIAN, "fa"), (URDU, "ur"), (ENGLISH, "en")])
def test_the_three_languages_of_the_script_and_english(text: str, lang: str) -> None:
    found = identify(text)
    assert found.lang == lang and found.confidence >= 0.9


def test_a_few_words_are_read_by_their_script_with_low_confidence() -> None:
    # CLD2 read two Arabic names as Persian "95 %"; below MIN_LETTERS the letters decide
    for name, lang in (("محمد مهاوش", "ar"), ("لويس انريكي", "ar"), ("پیمان گل", "fa"), ("ہے اور", "ur")):
        assert len(name) < MIN_LETTERS
        found = identify(name)
        assert (found.lang, found.confidence) == (lang, 0.5)


def test_no_letters_no_language() -> None:
    assert identify("12 / 34 — 56").lang is None
    assert identify("").confidence == 0.0


def test_a_latin_page_is_flagged() -> None:
    assert identify(ENGLISH).mostly_latin and not identify(ARABIC).mostly_latin


def test_every_record_has_a_language_and_its_confidence() -> None:
    doc = process_text("عنوان الخبر\n" + ARABIC)
    rec = doc.to_record()
    assert rec["lang"] == "ar" and rec["signals"]["lang_confidence"] >= 0.9
    assert rec["signals"]["latin_share"] == 0.0


@pytest.mark.skipif(not PEER.is_dir(), reason="../shared is not present")
@pytest.mark.parametrize(
    ("page", "lang"),
    [
        ("goose3__test_cnn_arabic", "ar"),
        ("newspaper4k__arabic_article", "ar"),
        ("magic-html__youm7_4571254b", "ar"),
        ("rtl_other__magic-html__urdupoint_cf92f427", "ur"),
        ("rtl_other__magic-html__urdupoint_eee73319", "ur"),
        ("rtl_other__magic-html__varzesh3_153c5ed5", "fa"),
        ("rtl_other__magic-html__varzesh3_804c6ccd", "fa"),
    ],
)
def test_the_peer_pages(page: str, lang: str) -> None:
    from khabar.io import RawRecord, read_inputs

    (item,) = [i for i in read_inputs([str(PEER / page / "page.html")]) if isinstance(i, RawRecord)]
    doc = process_text(item.raw, id=item.id, source=item.source)
    assert doc.lang == lang
