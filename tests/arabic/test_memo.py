"""The per-word memories stay within their bound and change no result when they are emptied."""

from __future__ import annotations

import numpy as np
import pytest

from khabar.arabic import memo
from khabar.arabic.memo import WORDS_KEPT, make_room
from khabar.arabic.normalize import _tables, normalize
from khabar.extract.ner import load_model


def test_make_room_empties_a_full_memory_only() -> None:
    # why: the bound is what keeps a corpus run's memory flat; below it nothing is forgotten
    d = {i: i for i in range(WORDS_KEPT - 1)}
    make_room(d)
    assert len(d) == WORDS_KEPT - 1
    d[-1] = -1
    make_room(d)
    assert d == {}
    d.update({i: i for i in range(10)})
    make_room(d, room=WORDS_KEPT - 5)  # a batch that would not fit empties it first
    assert d == {}


def test_normalize_memory_stays_at_its_bound() -> None:
    # why: normalize is asked of every word by every fact layer; its memory must not grow with a corpus
    words = _tables().words
    before = normalize("إلى الأمام")
    for i in range(WORDS_KEPT + 500):
        normalize(f"كلمة{i}")
    assert 0 < len(words) <= WORDS_KEPT
    assert normalize("إلى الأمام") == before


def test_ner_word_table_stays_at_its_bound_and_scores_are_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    # why: the NER's per-word rows are handed out again from 0 once the memory is emptied; a word
    # scored again after that must get the same floats, and the table must not outgrow the bound
    model = load_model()
    sentence = ["قال", "الرئيس", "الفرنسي", "ايمانويل", "ماكرون", "في", "باريس"]
    before = model.emissions(sentence)
    monkeypatch.setattr(memo, "WORDS_KEPT", 300)
    model.clear_caches()  # (whatever earlier tests left in the memories was kept under the real bound)
    for batch in range(12):  # 1,200 new forms through a memory of 300 words (two generations)
        model.emissions([f"اسم{batch}_{i}" for i in range(100)])
        assert len(model._ids) <= 300 and len(model._old_ids) <= 300
        assert len(model._table) <= 1024 and len(model._old_table) <= max(1024, len(model._old_ids))
        model.features.light(f"كلمة{batch}")
    for _ in range(4):
        for batch in range(3):  # the sentence's rows come back from the old generation, then anew
            model.emissions([f"اسم{batch}_{i}" for i in range(100)])
        assert np.array_equal(model.emissions(sentence), before)
    assert len(model.features._light) <= 300
