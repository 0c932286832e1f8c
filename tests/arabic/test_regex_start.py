"""khabar.arabic.regex_start: a look-ahead for a match's first characters changes no match."""

from __future__ import annotations

import re

import pytest

from khabar.arabic.dates import patterns
from khabar.arabic.regex_start import start_class, with_start_class

# made-up sentences, not from any evaluation set: dates with and without trigger words, weekdays,
# brackets, Latin month names in both cases, numbers that are no dates
TEXTS = [
    "وصل الوفد يوم الأحد 12 مارس 2023 إلى العاصمة، وغادر بتاريخ (14/3/2023) بعد لقاءين.",
    "قال المتحدث في 5 من JANUARY 2020 إن العام الماضي شهد 1500 حالة، وفي عام 1990 بدأ المشروع.",
    "أعلنت الوزارة أمس الخميس أن الأسبوع المقبل سيشهد افتتاح 3 مدارس في 7 رمضان 1444 هـ.",
    "بين 1 يناير و1 مايو 2019 ارتفعت الأسعار؛ وفي التسعينات كانت أقل، و2000 شخص حضروا.",
    "",
]


def test_a_pattern_opening_with_optional_words_gets_a_class_of_their_first_letters() -> None:
    rx = re.compile(r"(?<!\w)(?:يوم\s+)?(\d{1,2})\s+مارس")
    cls = start_class(rx)
    assert cls is not None and re.fullmatch(cls, "ي") and re.fullmatch(cls, "٣")
    assert not re.fullmatch(cls, "م")
    text = "يوم 3 مارس، و12 مارس، وفي 40 مارس"
    assert [m.span() for m in with_start_class(rx).finditer(text)] == [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize(
    "pattern",
    [r".+x", r"[^a]b", r"a?", r"(?:x|)", r"(a)?\1b", r"(?i:a)b"],
)
def test_what_cannot_be_bounded_is_left_alone(pattern: str) -> None:
    # any character, a negated class, a match that may be empty, a back-reference, local flags
    rx = re.compile(pattern)
    assert start_class(rx) is None and with_start_class(rx) is rx


def test_alternatives_and_flags_keep_their_meaning() -> None:
    # a top-level alternation stays whole behind the look-ahead; IGNORECASE covers the class too
    rx = with_start_class(re.compile(r"ab|cd"))
    assert [m.group() for m in rx.finditer("xxab cd")] == ["ab", "cd"]
    rx = with_start_class(re.compile(r"(?<!\w)january", re.IGNORECASE))
    assert [m.group() for m in rx.finditer("JANUARY and January")] == ["JANUARY", "January"]
    assert rx.groups == 0


def test_every_date_scan_finds_what_its_plain_pattern_finds() -> None:
    from khabar.arabic.dates.absolute import _fold

    scans = [
        getattr(patterns, n)()
        for n in (
            "_GREG_DMY", "_GREG_MDY", "_GREG_NUM", "_GREG_YMD", "_GREG_DM", "_GREG_MY", "_HIJRI_DMY",
            "_HIJRI_NUM", "_HIJRI_MY", "_YEAR_ONLY", "_DECADE", "_REL_UNIT", "_REL_WEEKDAY",
        )
    ] + [rx() for rx, _ in patterns._REL_DAY]  # fmt: skip
    found = 0
    for rx in scans:
        assert rx.pattern.startswith("(?=[")
        plain = re.compile(rx.pattern[rx.pattern.index("])(?:") + 5 : -1], rx.flags)
        for text in map(_fold, TEXTS):
            got = [(m.span(), m.groups()) for m in rx.finditer(text)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(text)]
            found += len(got)
    assert found > 10


def test_a_lazy_scan_is_the_scan_of_its_compiled_pattern_made_once() -> None:
    # why: the date patterns compile on first use (start-up); the pattern made from the string alone
    # must be the one with_start_class makes from the compiled pattern, and the same object each call
    from khabar.arabic.regex_start import lazy_pattern, lazy_scan

    for source, flags in (
        (r"(?<!\w)(?:يوم\s+)?(\d{1,2})\s+مارس", 0),
        (r"(?<!\w)january", re.IGNORECASE),
        (r".+x", 0),
    ):
        scan = lazy_scan(source, flags)
        want = with_start_class(re.compile(source, flags))
        assert (scan().pattern, scan().flags) == (want.pattern, want.flags)
        assert scan() is scan()
    plain = lazy_pattern(r"\d{4}")
    assert plain() is plain() and plain().pattern == r"\d{4}"
