"""The Arabic word tokenizer: offsets always point at the token's text, and what a token is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.arabic.tokenize import _tokens, _tokens_by_search, sentence_bounds, tokenize

# Arabic letters and marks, Latin, digits, separators, punctuation, invisible marks and line breaks
_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةىؤئ")
    + list("\u064b\u064e\u0651\u0670\u0640")
    + list("abcXYZ0123456789٠١٢٫٬.,،؛؟!:()«»\"'-_/%")
    + [" ", "\n", "\t", "\u200f", "\u200c", "\ufeff"]
)


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=80) | st.text(max_size=40))
def test_offsets_in_bounds_and_matching(text: str) -> None:
    tokens = tokenize(text)
    prev_end = 0
    for tok in tokens:
        assert 0 <= tok.start < tok.end <= len(text)
        assert text[tok.start : tok.end] == tok.text
        assert tok.start >= prev_end  # in order, never overlapping
        assert not tok.text.isspace()
        prev_end = tok.end
    bounds = sentence_bounds(text, tokens)
    assert [i for a, b in bounds for i in range(a, b)] == list(range(len(tokens)))


def test_clitics_stay_attached_and_punctuation_splits() -> None:
    # ANERcorp's convention: clitics stay on the word (the NER features strip them)
    words = [t.text for t in tokenize("اجتماع مغلق بين الرئيس الأسد وبوتين، في موسكو.")]
    assert words == ["اجتماع", "مغلق", "بين", "الرئيس", "الأسد", "وبوتين", "،", "في", "موسكو", "."]


def test_numbers_keep_their_separators() -> None:
    words = [t.text for t in tokenize("1.9 مليار و١٢٫٥٪ و1,000 حتى 2021.")]
    assert words == ["1.9", "مليار", "و١٢٫٥", "٪", "و1,000", "حتى", "2021", "."]


def test_diacritics_and_tatweel_stay_in_the_word() -> None:
    assert [t.text for t in tokenize("مُغلَقة الـمباحثات")] == ["مُغلَقة", "الـمباحثات"]


def test_invisible_marks_separate_tokens() -> None:
    text = "الأمن\u200f1706 \u200f"
    assert [t.text for t in tokenize(text)] == ["الأمن", "1706"]


def test_a_line_break_ends_a_sentence() -> None:
    text = "شويغو والمقداد انضما لاحقاً\nانضمام وزير الدفاع. ثم"
    tokens = tokenize(text)
    assert [[t.text for t in tokens[a:b]] for a, b in sentence_bounds(text, tokens)] == [
        ["شويغو", "والمقداد", "انضما", "لاحقاً"],
        ["انضمام", "وزير", "الدفاع", "."],
        ["ثم"],
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=80) | st.text(max_size=40))
def test_gap_token_pairs_are_the_token_search(text: str) -> None:
    # why: _tokens sums offsets from (gap, token) pairs; the token search alone is the definition
    assert _tokens(text) == _tokens_by_search(text)
