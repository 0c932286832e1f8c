"""Repair of raw crawled lines: each repair, the offset map back to the raw text, and properties."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.clean import repair_passes as passes
from khabar.clean.repair import Repaired, repair
from khabar.offsets import OffsetMap


def _segments(m: OffsetMap) -> list[tuple[int, int, int, int]]:
    return list(zip(m.dst_starts, m.src_starts, m.dst_lens, m.src_lens, strict=True))


def _plain(ch: str) -> bool:
    """A character no repair changes, whatever its neighbours. A precomposed letter is not: NFC
    decomposes and recomposes it when a mark that sorts before its own follows (آ + ٕ → إ + ٓ)."""
    decomposes = unicodedata.decomposition(ch)[:1] not in ("", "<")
    return not (_is_mark(ch) or decomposes or passes._maybe_dirty(ch) or ch in passes._composes_backward())


def _is_mark(ch: str) -> bool:
    """A combining mark, or a presentation form of one (ﹰ)."""
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFKC", ch))


def check(raw: str, start: int = 0, end: int | None = None) -> Repaired:
    """Repair ``raw[start:end]`` and check every invariant of the result."""
    r = repair(raw, start, end)
    text, m = r.text, r.offsets
    stop = len(raw) if end is None else end
    piece = raw[start:stop]
    a = start + len(piece) - len(piece.lstrip())
    b = a + len(piece.strip())

    assert text == text.strip()
    assert m.dst_len == len(text)
    if a == b:
        assert text == ""
        assert not m.dst_starts
    else:
        # the segments tile the text and, in order, exactly the stripped slice of the raw string
        assert m.src_starts[0] == a
        assert m.src_end == b
        dst = src = None
        for d, s, dl, sl in _segments(m):
            assert dl >= 0 and sl >= 0 and (dl or sl)
            if dst is not None:
                assert d == dst and s == src
            dst, src = d + dl, s + sl
    if text:
        s, e = m.span_to_src(0, len(text))
        assert a <= s <= e <= b
        if not (r.fixes & {"invisible", "html_entity", "presentation_forms", "mojibake", "whitespace"}):
            assert (s, e) == (a, b)

    # segments with equal lengths map char by char
    prev = a
    for i in range(len(text)):
        p = m.to_src_start(i)
        assert a <= p <= b
        assert p >= prev
        prev = p
    for d, s, dl, sl in _segments(m):
        if dl != sl or "mojibake" in r.fixes:
            continue
        for k in range(dl):
            t, src_ch = text[d + k], raw[s + k]
            assert m.to_src_start(d + k) == s + k
            # A plain source character is copied as it is. (Others may differ: a 1:1 repair such as
            # NBSP → space, or a replacement whose lengths happen to be equal, which an OffsetMap
            # cannot tell from an identity segment, so it maps it position by position.)
            if _plain(src_ch):
                assert t == src_ch, (t, src_ch)

    for g in r.glue_points:
        assert text[g] == " "
        assert "glued" in r.fixes
    return r


# -- the fast path ---------------------------------------------------------------------------------

CLEAN = "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في القاهرة، وفق ما نقلته وكالة الأنباء."


def test_clean_line_is_one_identity_segment() -> None:
    r = check(CLEAN)
    assert r.text == CLEAN
    assert _segments(r.offsets) == [(0, 0, len(CLEAN), len(CLEAN))]
    assert r.fixes == set()
    assert r.glue_points == []


def test_slice_and_surrounding_whitespace_are_excluded() -> None:
    raw = "سطر أول\n   " + CLEAN + " \t\nسطر آخر"
    start = raw.index("\n") + 1
    end = raw.rindex("\n")
    r = check(raw, start, end)
    assert r.text == CLEAN
    assert r.offsets.span_to_src(0, len(r.text)) == (raw.index(CLEAN), raw.index(CLEAN) + len(CLEAN))
    assert r.fixes == set()


def test_everyday_punctuation_stays_on_the_fast_path() -> None:
    # « » ، ؟ are cp1256 "continuation" characters: after ع or ط they must not look like mojibake
    text = "قال «الربيع» إن ضبط، الخط؟ لم يتم، وفق «المراقب» ° × 5"
    r = check(text)
    assert r.fixes == set()
    assert len(r.offsets.dst_starts) == 1


def test_odd_space_class_is_every_space_but_the_ascii_one() -> None:
    odd = {chr(c) for c in range(0x110000) if passes._ODD_SPACE_RE.match(chr(c))}
    assert odd == {chr(c) for c in range(0x110000) if chr(c).isspace()} - {" "}


def test_blank_and_out_of_range_slices() -> None:
    assert check("   \t ").text == ""
    assert check("").text == ""
    assert check("abc", 5, 10).text == ""
    assert check("abc", 1).text == "bc"


# -- mojibake --------------------------------------------------------------------------------------


def test_mojibake_utf8_read_as_cp1252() -> None:
    bad = "العربية".encode().decode("cp1252", errors="replace")
    assert bad == "Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©"
    r = check(bad)
    assert r.text == "العربية"
    assert "mojibake" in r.fixes
    # ftfy gives no alignment: the line is one replacement
    assert _segments(r.offsets) == [(0, 0, len("العربية"), len(bad))]


def test_mojibake_utf8_read_as_latin1() -> None:
    text = "وزارة الصحة: 12 حالة جديدة"
    r = check("  " + text.encode().decode("latin-1") + " ")
    assert r.text == text
    assert r.offsets.src_starts[0] == 2


def test_lossy_mojibake_is_repaired_as_far_as_it_goes() -> None:
    # cp1252 has no character for byte 0x81 (the second byte of ف): errors="replace" lost it
    bad = "في العربية".encode().decode("cp1252", errors="replace")
    r = check(bad)
    assert r.text == "\ufffdي العربية"
    assert r.fixes == {"mojibake"}


def test_mojibake_utf8_read_as_cp1256() -> None:
    text = "العربية في مصر"
    bad = text.encode().decode("cp1256")
    assert bad.startswith("ط§ظ„")
    r = check(bad)
    assert r.text == text
    assert r.fixes == {"mojibake"}


def test_mojibake_cp1256_bytes_read_as_latin() -> None:
    text = "العربية في مصر"
    bad = text.encode("cp1256").decode("cp1252")
    assert bad == "ÇáÚÑÈíÉ Ýí ãÕÑ"
    assert check(bad).text == text


def test_latin_and_arabic_text_is_not_mojibake() -> None:
    for text in (
        "L'élève a déjà vu «Les Misérables» à l'Opéra — Ça coûte 5 €.",
        "ÉTÉ À PARIS",
        "ضبط، خط؟ قال: حفظ، ثم خرج",  # ط/ظ before Arabic punctuation look like cp1256 telltales
    ):
        r = check(text)
        assert r.text == text
        assert "mojibake" not in r.fixes


# -- HTML entities ---------------------------------------------------------------------------------


def test_entities() -> None:
    raw = "قال &quot;نعم&quot; ثم &#8221;لا&#x201D; &amp; مضى&#39;"
    r = check(raw)
    assert r.text == 'قال "نعم" ثم ”لا” & مضى\''
    assert r.fixes == {"html_entity"}
    q = r.text.index('"')
    assert r.offsets.span_to_src(q, q + 1) == (raw.index("&quot;"), raw.index("&quot;") + 6)
    word = r.text.index("نعم")
    assert r.offsets.span_to_src(word, word + 3) == (raw.index("نعم"), raw.index("نعم") + 3)


def test_nbsp_entity_becomes_a_space() -> None:
    r = check("الرئيس&nbsp;&nbsp;المصري &nbsp;")
    assert r.text == "الرئيس المصري"
    assert r.fixes == {"html_entity", "whitespace"}


def test_unknown_entities_stay_and_double_escaping_is_undone() -> None:
    assert check("a &foo; b &notit; c").text == "a &foo; b &notit; c"
    assert check("&amp;quot;نص&amp;quot;").text == '"نص"'
    assert check("AT&T; R&D").text == "AT&T; R&D"


# -- presentation forms ----------------------------------------------------------------------------


def test_presentation_forms() -> None:
    raw = "ﺍﻻﺳﺘﺮﺍﺗﻴﺠﻲ"
    r = check(raw)
    assert r.text == "الاستراتيجي"
    assert r.fixes == {"presentation_forms"}
    assert check("ﻻ").text == "لا"
    # the lam-alef ligature is one atomic replacement: both letters map to the one glyph
    i = r.text.index("لا")
    assert r.offsets.span_to_src(i, i + 1) == (1, 2)
    assert r.offsets.span_to_src(i + 1, i + 2) == (1, 2)


def test_presentation_form_words_and_glue_across_glyphs() -> None:
    assert check("ﷲ").text == "الله"
    assert check("ﺍﻟﻤﺪﺭﺳﺔﺍﻟﻜﺒﻴﺮﺓ").text == "المدرسة الكبيرة"


# -- invisible marks -------------------------------------------------------------------------------


def test_rlm_inside_a_byline() -> None:
    raw = "كتب: \u200fمحمد علي\u200f - القاهرة"
    r = check(raw)
    assert r.text == "كتب: محمد علي - القاهرة"
    assert r.fixes == {"invisible"}
    name = r.text.index("محمد علي")
    s, e = r.offsets.span_to_src(name, name + len("محمد علي"))
    assert raw[s:e] == "محمد علي"


def test_invisible_marks_deleted() -> None:
    marks = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad\u200b"
    r = check(f"\ufeffال{marks}خبر\u00ad")
    assert r.text == "الخبر"
    assert r.offsets.src_starts[0] == 0  # the map tiles the deleted BOM too
    assert r.offsets.span_to_src(0, len(r.text)) == (1, 3 + len(marks) + 3)


def test_joiners() -> None:
    # next to an Arabic letter or a space: noise
    assert check("الـ\u200cخبر \u200dاليوم").text == "الـخبر اليوم"
    assert check("ب\u200dت").text == "بت"
    # between non-Arabic letters (Persian ی U+06CC, Devanagari): meaningful, kept
    assert check("ی\u200cگ").text == "ی\u200cگ"
    assert check("क्\u200dष").text == "क्\u200dष"


def test_line_of_only_invisible_marks() -> None:
    r = check(" \u200f\u200e ")
    assert r.text == ""
    assert r.offsets.src_starts[0] == 1


# -- whitespace ------------------------------------------------------------------------------------


def test_whitespace() -> None:
    raw = "نص\u00a0هنا\tو  هناك\u2003\u2002آخر\u3000x"
    r = check(raw)
    assert r.text == "نص هنا و هناك آخر x"
    assert r.fixes == {"whitespace"}


# -- NFC -------------------------------------------------------------------------------------------


def test_nfc_per_cluster() -> None:
    # shadda (ccc 33) before fatha (ccc 30) is not in canonical order
    raw = "مُحَمّ\u0651\u064eد و e\u0301té ا\u0653"
    r = check(raw)
    assert r.text == unicodedata.normalize("NFC", raw)
    assert r.fixes == {"nfc"}
    # only the changed clusters are replacements: the first word before them maps as identity
    assert r.offsets.to_src_start(2) == 2


def test_nfc_of_starters_that_compose() -> None:
    raw = "نص \u1100\u1161\u11a8 \u0b47\u0b3e"  # Hangul jamo and an Oriya two-part vowel sign
    r = check(raw)
    assert r.text == "نص \uac01 \u0b4b"
    assert r.offsets.span_to_src(3, 4) == (3, 6)
    assert r.offsets.span_to_src(5, 6) == (7, 9)


# -- glued words -----------------------------------------------------------------------------------


def test_glued_words() -> None:
    r = check("العناوين الرئيسيةسورية")
    assert r.text == "العناوين الرئيسية سورية"
    assert r.glue_points == [17]
    assert r.fixes == {"glued"}
    # the inserted space has no source: it sits between the two words
    assert r.offsets.span_to_src(17, 18) == (17, 17)
    assert r.offsets.span_to_src(18, len(r.text)) == (17, 22)


def test_glue_after_alef_maksura_and_diacritics() -> None:
    r = check("مستشفىالقاهرة والمدرسةُالكبرى")
    assert r.text == "مستشفى القاهرة والمدرسةُ الكبرى"
    assert r.glue_points == [6, 24]


def test_no_glue_where_the_join_is_not_certain() -> None:
    for text in (
        "مدرسة سورية",
        "ة",
        "الرئيسية،سورية",
        "بشكل مفاجىء السبت",  # ىء spells ئ: a word never starts with a bare hamza
        "المدرسةـ",
        "الخصخصىة",
        "بىر ئۇيغۇر",  # Uyghur writes ى inside words
    ):
        r = check(text)
        assert r.glue_points == []


def test_everything_at_once() -> None:
    raw = "  \ufeffﺍﻟﻘﺎﻫﺮﺓ&nbsp;\u200f&quot;ﺍﻟﺮﺋﻴﺴﻴﺔ&quot;ﺳﻮﺭﻳﺔ\tالجديدةمصر  "
    r = check(raw)
    assert r.text == 'القاهرة "الرئيسية"سورية الجديدة مصر'
    assert r.fixes == {"presentation_forms", "html_entity", "invisible", "whitespace", "glued"}
    assert repair(r.text).text == r.text


# -- properties ------------------------------------------------------------------------------------

_PIECES = [
    "ال",
    "ة",
    "ى",
    "سورية",
    " ",
    "  ",
    "\t",
    "\u00a0",
    "\u3000",
    "\n",
    "&quot;",
    "&amp;",
    "&nbsp;",
    "&#8221;",
    "&#x201D;",
    "&#8207;",
    "&#1577;",
    "&#0;",
    "&#xFEFB;",
    "&foo;",
    "&",
    "ﻻ",
    "ﺍ",
    "ﺔ",
    "ﷲ",
    "ﹰ",
    "\ufeff",
    "\u200f",
    "\u200e",
    "\u200c",
    "\u200d",
    "\u202b",
    "\u00ad",
    "\u0651\u064e",
    "\u064b",
    "e\u0301",
    "\u1100\u1161",
    "Ø§Ù„",
    "Ã",
    "Â\u00a0",
    "â€™",
    "\x1f",
    "Ù",
    "ط§ظ„ط¹",
    "ÇáÚÑ",
    "ی",
    "ۇ",
    "\ud800",
    "a",
    "1",
]
_raw = st.lists(
    st.sampled_from(_PIECES)
    | st.text(max_size=3)
    | st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    max_size=25,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_raw, st.integers(0, 8), st.integers(0, 8))
def test_repair_invariants(raw: str, cut_start: int, cut_end: int) -> None:
    start = min(cut_start, len(raw))
    end = max(start, len(raw) - cut_end)
    check(raw, start, end)
    check(raw)


@settings(max_examples=200, deadline=None)
@given(_raw)
def test_repair_is_idempotent(raw: str) -> None:
    once = repair(raw).text
    assert repair(once).text == once


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_repair_never_raises_on_any_text(raw: str) -> None:
    r = check(raw)
    assert repair(r.text).text == r.text


def test_zwnj_is_spelling_in_persian_and_urdu() -> None:
    # ZWNJ shapes Persian words (می‌خواهم، کتاب‌ها): 105 on a Persian page became 0 (issue 17)
    from khabar.clean.repair import repair

    persian = "من می\u200cخواهم این کتاب\u200cها را بخوانم"
    assert repair(persian).text.count("\u200c") == 2
    # at a space it is noise, in Persian as in Arabic
    assert repair("می\u200c خواهم کتاب").text.count("\u200c") == 0
    # in an Arabic line, between Arabic letters, it comes from copy-paste and goes
    assert repair("هذا نص\u200cعربي للاختبار").text.count("\u200c") == 0
