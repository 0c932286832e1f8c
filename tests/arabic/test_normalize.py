"""The normalised view: foldings, the one-pass profile, the offset map back and the data file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.arabic import normalize as normalize_module
from khabar.arabic.normalize import (
    MAPPING_NAMES,
    fold_alef,
    fold_digits,
    fold_hamza_carriers,
    fold_teh_marbuta,
    fold_yeh,
    load_mappings,
    normalize,
    normalize_view,
    strip_diacritics,
    strip_tatweel,
)
from khabar.errors import DataFileError

# -- single foldings ------------------------------------------------------------------------------


def test_fold_alef() -> None:
    assert fold_alef("أحمد إبراهيم آمال ٱلله") == "احمد ابراهيم امال الله"


def test_fold_yeh() -> None:
    assert fold_yeh("مستشفى على") == "مستشفي علي"


def test_fold_teh_marbuta() -> None:
    assert fold_teh_marbuta("مدرسة الجامعة") == "مدرسه الجامعه"


def test_fold_hamza_carriers() -> None:
    assert fold_hamza_carriers("مسؤول رئيس") == "مسوول رييس"
    assert fold_hamza_carriers("سماء") == "سماء"  # a lone hamza stays


def test_strip_diacritics() -> None:
    assert strip_diacritics("مُحَمَّدٌ") == "محمد"
    assert strip_diacritics("هٰذا") == "هذا"  # superscript alef U+0670
    assert strip_diacritics("الرَّحِيمِ ۝") == "الرحيم "  # U+06DD end of ayah
    assert strip_diacritics("عَلَيْهِۖ") == "عليه"  # Quranic pause mark U+06D6


def test_strip_tatweel() -> None:
    assert strip_tatweel("الســـلام") == "السلام"


def test_fold_digits() -> None:
    assert fold_digits("٢٠٢٤ و۱۹۹۸") == "2024 و1998"


def test_foldings_leave_other_text_alone() -> None:
    text = "Hello, world! 123 — «نص»"
    for f in (fold_alef, fold_yeh, fold_teh_marbuta, fold_hamza_carriers, strip_diacritics, strip_tatweel):
        assert f(text) == text


# -- the profile -----------------------------------------------------------------------------------


def test_normalize_all_at_once() -> None:
    assert normalize("أَعْلَنَتْ وِزارةُ الصّحّة ـ ٢٠٢٤ ـ عن مُستشفى جديد للمسؤولين") == (
        "اعلنت وزاره الصحه  2024  عن مستشفي جديد للمسوولين"
    )


def test_normalize_composes_the_single_foldings() -> None:
    text = "إِنَّ الـمُسْتَشْفَى ٣ مسؤولة"
    chained = text
    for f in (
        fold_alef,
        fold_yeh,
        fold_teh_marbuta,
        fold_hamza_carriers,
        strip_diacritics,
        strip_tatweel,
        fold_digits,
    ):
        chained = f(chained)
    assert normalize(text) == chained


_ARABIC_ALPHABET = (
    [chr(c) for c in range(0x0621, 0x065F)]
    + ["\u0670", "\u0671", "\u06d6", "\u06ed", "\u06cc"]
    + [chr(c) for c in range(0x06F0, 0x06FA)]
    + list(" abc1.،")
)
_texts = st.text(alphabet=st.sampled_from(_ARABIC_ALPHABET) | st.characters(), max_size=60)


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


# -- the view ----------------------------------------------------------------------------------------


def test_view_fast_path_is_one_identity_segment() -> None:
    v = normalize_view("أحمد في المدرسة ٣")
    assert v.text == "احمد في المدرسه 3"
    assert v.offsets.dst_lens == v.offsets.src_lens == [len(v.text)]
    assert v.offsets.src_starts == [0]


def test_view_records_deletions() -> None:
    text = "مُحَمَّد الســلام"
    v = normalize_view(text)
    assert v.text == "محمد السلام"
    # every kept character maps back to itself (foldings aside, there are none here)
    for i, ch in enumerate(v.text):
        assert text[v.offsets.to_src_start(i)] == ch
    start = v.text.index("السلام")
    s, e = v.to_text_span(start, start + len("السلام"))
    assert text[s:e] == "الســلام"
    s, e = v.to_text_span(0, 4)
    assert text[s:e] == "مُحَمَّد"
    s, e = v.to_text_span(0, 3)
    assert text[s:e] == "مُحَمَّ"[:-2]  # a span ends at its last kept character, not after its marks


def test_view_of_empty_and_all_deleted_text() -> None:
    assert normalize_view("").text == ""
    v = normalize_view("ًٌٍـ")
    assert v.text == ""
    assert v.to_text_span(0, 0)[0] <= 4


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_view_offsets_in_bounds_and_monotone(text: str) -> None:
    v = normalize_view(text)
    assert v.text == normalize(text)
    assert v.offsets.dst_len == len(v.text)
    prev = -1
    for i, ch in enumerate(v.text):
        p = v.offsets.to_src_start(i)
        assert 0 <= p < len(text)
        assert p > prev
        prev = p
        assert normalize(text[p]) == ch  # one-to-one foldings: char i comes from text[p]
    for i in range(len(v.text) + 1):
        for j in range(i, len(v.text) + 1):
            s, e = v.to_text_span(i, j)
            assert 0 <= s <= e <= len(text)
            assert normalize(text[s:e]) == v.text[i:j]


# -- the data file ----------------------------------------------------------------------------------


def test_package_tables_load_and_are_complete() -> None:
    mappings = load_mappings()
    assert set(MAPPING_NAMES) <= set(mappings)
    for mapping in mappings.values():
        for key, repl in mapping.items():
            assert len(key) == 1
            assert len(repl) <= 1


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "normalize_ar.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _valid() -> dict[str, dict[str, str]]:
    return {name: {} for name in MAPPING_NAMES}


def test_bad_key_names_the_entry(tmp_path: Path) -> None:
    data = _valid()
    data["alef"] = {"أ": "ا", "أإ": "ا"}
    with pytest.raises(DataFileError, match="'أإ'") as info:
        load_mappings(_write(tmp_path, data))
    assert info.value.value == "أإ"
    assert info.value.code == "K300"


def test_bad_replacement_names_the_entry(tmp_path: Path) -> None:
    data = _valid()
    data["digits"] = {"٣": "33"}
    with pytest.raises(DataFileError, match="'٣'"):
        load_mappings(_write(tmp_path, data))


def test_a_replacement_that_is_itself_replaced_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _valid()
    data["alef"] = {"أ": "ا"}
    data["yeh"] = {"ا": "ي"}  # would make normalize() order-dependent and not idempotent
    monkeypatch.setattr(normalize_module, "load_mappings", lambda path=None: data)
    normalize_module._tables.cache_clear()
    try:
        with pytest.raises(DataFileError, match="itself replaced"):
            normalize("أ")
    finally:
        monkeypatch.undo()
        normalize_module._tables.cache_clear()
    assert normalize("أ") == "ا"


def test_missing_mapping_and_bad_json(tmp_path: Path) -> None:
    data = _valid()
    del data["yeh"]
    with pytest.raises(DataFileError, match="yeh"):
        load_mappings(_write(tmp_path, data))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError, match="cannot read JSON"):
        load_mappings(bad)
    with pytest.raises(DataFileError, match="not found"):
        load_mappings(tmp_path / "missing.json")
    with pytest.raises(DataFileError, match="not an object"):
        load_mappings(_write(tmp_path, {**_valid(), "alef": ["ا"]}))
