"""The events rules' word lists, read from data/events_words_ar.tsv."""

from __future__ import annotations

import pytest

from khabar.errors import DataFileError
from khabar.events.lexicon import fold, words


def test_the_rules_word_lists_are_data_and_a_missing_one_is_named() -> None:
    # why: the events rules' ~60 word lists live in data/events_words_ar.tsv, not in the code; a
    # list the code asks for and the file lacks must say which
    assert fold("لم") in words("coder.negators")
    assert fold("المحكمة") in words("coder.court")
    with pytest.raises(DataFileError, match=r"no list 'coder\.no_such_list'"):
        words("coder.no_such_list")
