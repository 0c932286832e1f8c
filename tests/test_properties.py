"""Property tests: process_text and the normalised view hold their promises on arbitrary text.

Every test is capped at 150 examples (most at fewer) so that the whole file runs in well under 30 s.
The text strategy mixes what crawled Arabic pages actually contain: base Arabic letters and marks
(U+0600–U+06FF), presentation forms (U+FB50–U+FEFF, which repair unfolds), bidi controls and
invisible marks, HTML entities, line breaks of every kind, Latin words and arbitrary code points.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.api import process_text
from khabar.arabic.normalize import normalize, normalize_view
from khabar.model import Document

_SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}

arabic = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
presentation = st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF)
# bidi embeddings, overrides and isolates, zero-width marks, soft hyphen, BOM, no-break space
bidi_and_invisible = st.sampled_from(
    list(
        "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u00ad\ufeff\u00a0"
    )
)
_ENTITIES = (
    "&quot; &amp; &nbsp; &lt; &gt; &#1575; &#x627; &raquo; &hellip; &zwnj; &amp;quot; & &#; &#99999999;"
)
entities = st.sampled_from(_ENTITIES.split(" "))
breaks = st.sampled_from(["\n", "\r\n", "\r", "\n\n", " \n", "\t", " ", "\u2028", "\x85", "\x0b", "\x0c"])
words = st.sampled_from(
    [
        "قال",
        "الرئيس",
        "الأسد",
        "موسكو",
        "زر الذهاب إلى الأعلى",
        "أنت تستخدم إضافة Adblock",
        "سورية",
        "العناوين الرئيسية",
        "اقرأ المزيد",
        "...المزيد",
        "سمات",
        "الوسوم:",
        "Next Previous",
        "Read More",
        "٢٠٢٤",
        "12:30",
        "»",
        "|",
        " / ",
        "مُحَمَّدٌ",
        "ـــ",
        "ﻻ",
        "ﷺ",
        ".",
        "،",
        "؟",
        "Tuesday, 11 August 2015",
        "رابط الخبر",
        "الرياض -",
        "http://example.com/a?b=1&c=2",
    ]
)
piece = st.one_of(
    st.text(arabic, max_size=12),
    st.text(presentation, max_size=6),
    bidi_and_invisible,
    entities,
    breaks,
    words,
    st.text(max_size=6),  # any code point, surrogates excluded by default
)
page = st.lists(piece, max_size=40).map("".join)
any_text = st.one_of(
    page, st.text(max_size=200), st.text(st.sampled_from("ا ب\n&;#\u200f\ufeffﻻ."), max_size=80)
)


# -- (a) never raises ------------------------------------------------------------------------------------
@settings(max_examples=150, **_SETTINGS)
@given(any_text)
def test_process_text_never_raises(raw: str) -> None:
    doc = process_text(raw)
    assert isinstance(doc.text, str)
    assert doc.done == ["segment", "classify", "assemble", "signals"]


# -- (b) block offsets -----------------------------------------------------------------------------------
@settings(max_examples=150, **_SETTINGS)
@given(page)
def test_block_offsets_in_bounds_and_consistent(raw: str) -> None:
    doc = process_text(raw)
    pos = 0
    for b in doc.blocks:
        assert 0 <= b.raw_start < b.raw_end <= len(raw), b
        assert raw[b.raw_start : b.raw_end], b
        if b.removed:
            assert b.start is None and b.end is None, b
            assert b.reason, b
        else:
            assert b.start is not None and b.end is not None, b
            assert 0 <= b.start <= b.end <= len(doc.text), b
            assert doc.text[b.start : b.end] == b.text, b
            assert b.start >= pos, "kept blocks must appear in text in order"
            pos = b.end
    # text is exactly the kept blocks, one per line
    assert doc.text == "\n".join(b.text for b in doc.kept())


@settings(max_examples=100, **_SETTINGS)
@given(page)
def test_blocks_follow_the_raw_order(raw: str) -> None:
    doc = process_text(raw)
    starts = [b.raw_start for b in doc.blocks]
    assert starts == sorted(starts)


# -- (c) text spans map back into the block's raw span ---------------------------------------------------
@settings(max_examples=150, **_SETTINGS)
@given(page)
def test_raw_span_of_kept_block_within_its_raw_span(raw: str) -> None:
    doc = process_text(raw)
    for b in doc.kept():
        assert b.start is not None and b.end is not None
        rs, re_ = doc.raw_span(b.start, b.end)
        assert b.raw_start <= rs <= re_ <= b.raw_end, (b, (rs, re_))


@settings(max_examples=100, **_SETTINGS)
@given(page, st.data())
def test_raw_span_of_any_text_span_is_ordered_and_in_bounds(raw: str, data: st.DataObject) -> None:
    doc = process_text(raw)
    n = len(doc.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    rs, re_ = doc.raw_span(start, end)
    assert 0 <= rs <= re_ <= len(raw)


def test_raw_span_equals_block_span_when_repair_changes_nothing() -> None:
    raw = "عنوان الخبر هنا\nقال الوزير إن المحادثات ستستأنف الأسبوع المقبل في جنيف.\n"
    doc = process_text(raw)
    for b in doc.kept():
        assert b.start is not None and b.end is not None
        assert doc.raw_span(b.start, b.end) == (b.raw_start, b.raw_end)
        assert raw[b.raw_start : b.raw_end] == b.text


# -- (d) JSON round trip ---------------------------------------------------------------------------------
@settings(max_examples=100, **_SETTINGS)
@given(page)
def test_record_json_round_trip(raw: str) -> None:
    doc = process_text(raw)
    rec = doc.to_record()
    back = Document.from_record(json.loads(json.dumps(rec, ensure_ascii=False)))
    assert back.text == doc.text
    assert [b.to_dict() for b in back.blocks] == [b.to_dict() for b in doc.blocks]
    assert back.to_record() == json.loads(json.dumps(rec))


# -- (e) normalisation -----------------------------------------------------------------------------------
norm_text = st.one_of(st.lists(piece, max_size=30).map("".join), st.text(max_size=100))


@settings(max_examples=150, **_SETTINGS)
@given(norm_text)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert len(once) <= len(text)


@settings(max_examples=150, **_SETTINGS)
@given(norm_text)
def test_normalize_view_is_idempotent_and_maps_in_bounds(text: str) -> None:
    view = normalize_view(text)
    assert view.text == normalize(text)
    again = normalize_view(view.text)
    assert again.text == view.text
    omap = view.offsets
    assert omap.dst_len == len(view.text)
    if text:
        assert omap.src_end == len(text)
    for i in range(len(view.text) + 1):
        s, e = view.to_text_span(i, len(view.text))
        assert 0 <= s <= e <= len(text)
    for i in range(len(view.text)):
        s, e = view.to_text_span(i, i + 1)
        assert 0 <= s < e <= len(text)
        # one view character comes from one text character, folded or not
        assert normalize(text[s:e]) == view.text[i]


# -- (f) determinism -------------------------------------------------------------------------------------
@settings(max_examples=60, **_SETTINGS)
@given(page)
def test_same_text_twice_gives_identical_records(raw: str) -> None:
    a = process_text(raw, id="x").to_record(include_raw=True)
    b = process_text(raw, id="x").to_record(include_raw=True)
    assert json.dumps(a, ensure_ascii=False, sort_keys=True) == json.dumps(
        b, ensure_ascii=False, sort_keys=True
    )
