"""NER word features: the shape template's fast path for Arabic words."""

from __future__ import annotations

from khabar.extract.features import shape, shape_by_char


def test_shape_fast_path_agrees_with_the_character_definition() -> None:
    """Arabic words (with tatweel, presentation forms, marks, digits, Latin, punctuation) get the same
    shape from the one-test fast path as character by character (why: the model was trained on the
    definition's features)."""
    words = ["الرياض", "ســلمان", "ﻻ", "مُحمد", "٢٠١٥", "2015م", "abc", "G20", "«قال»", "", "ـ", "ۀ"]
    words += [chr(c) for c in range(0x0600, 0x0700)]
    for w in words:
        assert shape(w) == shape_by_char(w), w
