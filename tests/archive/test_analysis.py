"""The archive's Arabic analysis: normalisation, light stemming, display offsets."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from khabar.archive.analysis import (
    _normalize_words,
    analyze,
    analyze_query_word,
    analyze_rows,
    index_terms,
    light_stem,
    normalize_word,
    tokenize,
)


def test_definite_article_and_clitics() -> None:
    assert analyze_query_word("الرئيس") == analyze_query_word("رئيس")
    assert analyze_query_word("وإدلب") == analyze_query_word("ادلب") == analyze_query_word("إدلب")
    assert analyze_query_word("بالمدينة") == analyze_query_word("مدينة")
    assert analyze_query_word("للمدينة") == analyze_query_word("مدينة")


def test_suffixes() -> None:
    assert analyze_query_word("محطات") == analyze_query_word("محطة")
    assert analyze_query_word("الرئيسين") == analyze_query_word("رئيس")
    assert analyze_query_word("المعلمون") == analyze_query_word("معلم")


def test_short_words_keep_their_letters() -> None:
    # a stem keeps at least two letters: "اله" is not stripped to "ا"
    assert len(light_stem("اله")) >= 2
    assert light_stem("في") == "في"
    assert light_stem("من") == "من"
    assert light_stem("2024") == "2024"
    assert light_stem("hello") == "hello"


def test_exact_form_is_normalised_not_stemmed() -> None:
    assert analyze_query_word("المُستَحَق", exact=True) == "المستحق"
    assert analyze_query_word("الرئيس", exact=True) != analyze_query_word("رئيس", exact=True)
    assert normalize_word("مــدينة") == "مدينه"
    assert normalize_word("٢٠٢٤") == "2024"


def test_tokens_keep_diacritics_and_tatweel_with_display_offsets() -> None:
    text = "قال المُستَحَق في مــدينة إدلب."
    toks = analyze(text)
    assert [text[t.start : t.end] for t in toks] == ["قال", "المُستَحَق", "في", "مــدينة", "إدلب"]
    assert toks[1].norm == "المستحق" and toks[1].stem == "مستحق"
    assert toks[4].stem == "ادلب"


def test_underscore_and_punctuation_split_words() -> None:
    assert [w for w, _, _ in tokenize("a_b،ج؟د")] == ["a", "b", "ج", "د"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ابتةىأإآؤئءلوهين ُـَِّْ٢3x_.\n"), max_size=60))
@example("المُستَحَق")
@example("ـــ")
def test_offsets_in_bounds_and_tokens_indexable(text: str) -> None:
    prev = 0
    for t in analyze(text):
        assert prev <= t.start < t.end <= len(text)
        prev = t.end
        assert t.norm and t.stem
        # one FTS5 token each: letters and digits only, nothing the tokenizer would split on
        assert t.norm.isalnum() and t.stem.isalnum()
        assert normalize_word(text[t.start : t.end]) == t.norm


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ابتةىأإآؤئءلوهين ُـَِّْ٢3x_.\n"), max_size=60))
@example("والوزراءُ a-b ١٢")
def test_the_index_stores_what_analysis_gives(text: str) -> None:
    # indexing and highlighting take different fast paths (no spans / no Token objects): same forms
    tokens = analyze(text)
    assert index_terms(text) == (" ".join(t.stem for t in tokens), " ".join(t.norm for t in tokens))
    assert analyze_rows(text) == [(t.stem, t.norm, t.start, t.end) for t in tokens]


# -- the fast forms of the word pattern and the letter filter equal their definitions (issue 15) ------

_DEFINITION = r"[^\W_](?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])*"


def test_words_match_the_defining_pattern() -> None:
    # why: indexing finds words with one character class over a text whose "_" are spaces; the
    # words and their offsets must be those of the pattern that defines them (underscores, marks,
    # tatweel, digits, Latin with a combining accent)
    import random
    import re

    from khabar.archive.analysis import word_matches, words

    definition = re.compile(_DEFINITION)
    rng = random.Random(3)
    alphabet = "ab_ \u064e\u0640\u0651سلام1٣\u0670.-،x\u0301é\u06d6"
    for _ in range(5000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert [m.span() for m in word_matches(s)] == [m.span() for m in definition.finditer(s)], s
        assert words(s) == definition.findall(s), s


def test_isalnum_is_exactly_letters_and_digits() -> None:
    # why: a word that is all isalnum() skips the per-character category filter; this holds only if
    # isalnum() and "category L or N" agree on every code point of this Python's Unicode
    import sys
    import unicodedata

    assert all(
        chr(i).isalnum() == (unicodedata.category(chr(i))[0] in "LN") for i in range(sys.maxunicode + 1)
    )


def _fts_terms(tokenizer: str, rows: list[tuple[str, str]]) -> list[tuple[str, str, int, int]]:
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE fts USING fts5(stem, norm, content='', tokenize=\"{tokenizer}\")")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(fts, instance)")
    conn.executemany(
        "INSERT INTO fts (rowid, stem, norm) VALUES (?, ?, ?)", [(i + 1, *r) for i, r in enumerate(rows)]
    )
    return sorted(conn.execute("SELECT term, col, doc, offset FROM v"))


_TEXTS = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىة٠١٢3xYzéßİ_-.،؛ \n\u064b\u0640")),
    max_size=80,
)


@given(st.lists(_TEXTS, min_size=1, max_size=4))
@settings(max_examples=60, deadline=None)
@example(["الرئيس بشار الأسد، في 14 أيلول 2021 Straße İstanbul ـــ"])
def test_the_ascii_tokenizer_indexes_exactly_what_unicode61_did(texts: list[str]) -> None:
    # why: new archives index with FTS5's "ascii" tokenizer (30 % less time in the index than
    # "unicode61"); it may only split on spaces and fold ASCII case, so the terms index_terms writes
    # (letters and digits, space-separated, already case-folded) must come out as the same tokens at
    # the same positions. Archives made before keep "unicode61" and answer the same queries alike.
    rows = [index_terms(t) for t in texts]
    assert _fts_terms("ascii", rows) == _fts_terms("unicode61 remove_diacritics 0", rows)


# -- the cold path of indexing: new words analysed together (issue 15, archive ingest) ----------------


def _light_stem_reference(word: str) -> str:
    """light_stem as first written (each prefix and suffix tried in turn): the definition the faster
    form with its one-test-first checks must equal."""
    if not word or not ("\u0621" <= word[0] <= "\u064a"):
        return word
    for p in ("وال", "بال", "كال", "فال", "ال", "لل"):
        if word.startswith(p) and len(word) - len(p) >= 2:
            word = word[len(p) :]
            break
    else:
        if word.startswith("و") and len(word) > 3:
            word = word[1:]
    for s in ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"):
        if word.endswith(s) and len(word) - len(s) >= 2:
            word = word[: -len(s)]
    return word


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("والبكفلهانتيوهدسرx1"), max_size=9))
@example("والمعلمين")
@example("وهي")
@example("للهيئات")
def test_light_stem_equals_its_definition(word: str) -> None:
    assert light_stem(word) == _light_stem_reference(word)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from("ابةىأإآؤئءُـَِّْ٢٣3xXßİΣ"), min_size=1, max_size=8), max_size=12)
)
@example(["ـــ", "المُستَحَق", "Straße", "İstanbul", "ΣΟΦΙΑ", "١٢٣"])
def test_words_normalised_together_as_one_by_one(ws: list[str]) -> None:
    # the profile and case folding map one character at a time, so joining the new words with newlines
    # and splitting the result gives each word's own form
    assert _normalize_words(ws) == [normalize_word(w) for w in ws]


def test_index_terms_past_the_bound_of_its_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    # the per-word tables are emptied when a text's new words would take them past their bound; the
    # text's other words, known until then, are analysed again (they were looked up after the
    # emptying: a KeyError on a corpus with more distinct words than the bound)
    import khabar.archive.analysis as analysis

    texts = ["الملك سلمان في الرياض", "الملك يستقبل الوزراء في جدة", "وزراء الخارجية في الرياض وجدة"]
    expected = [index_terms(t) for t in texts]
    monkeypatch.setattr(analysis, "_STEMS", {})
    monkeypatch.setattr(analysis, "_NORMS", {})
    monkeypatch.setattr(analysis, "_TERMS_MAX", 6)
    assert [index_terms(t) for t in texts] == expected
    assert len(analysis._NORMS) <= 6
