"""NER word features: the shape template's fast path for Arabic words."""

from __future__ import annotations

import unicodedata

from khabar.extract.features import shape


def _shape_by_char(word: str) -> str:
    """The shape, character by character (the definition the fast path must agree with)."""
    kinds: list[str] = []
    for ch in word:
        if ch.isdigit():
            k = "D"
        elif "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
            k = "A" if ch.isalpha() else ("M" if unicodedata.category(ch) == "Mn" else "P")
        elif ch.isalpha():
            k = "L"
        else:
            k = "P"
        if not kinds or kinds[-1] != k:
            kinds.append(k)
    return "".join(kinds[:4])


def test_shape_fast_path_agrees_with_the_character_definition() -> None:
    """Arabic words (with tatweel, presentation forms, marks, digits, Latin, punctuation) get the same
    shape from the one-test fast path as character by character (why: the model was trained on the
    definition's features)."""
    words = ["الرياض", "ســلمان", "ﻻ", "مُحمد", "٢٠١٥", "2015م", "abc", "G20", "«قال»", "", "ـ", "ۀ"]
    words += [chr(c) for c in range(0x0600, 0x0700)]
    for w in words:
        assert shape(w) == _shape_by_char(w), w
