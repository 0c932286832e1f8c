"""The patterns of date mentions: Hijri months, weekdays, relative days, decades, the Gregorian and Hijri
date patterns with their cheap gates (a scan runs only on a text that holds what
every match of it holds), and "الموافق" pairs."""

from __future__ import annotations

import re

from khabar.arabic.dates.absolute import _M, _RB
from khabar.arabic.dates.words import HIJRI_MONTHS, WEEKDAYS
from khabar.arabic.regex_start import lazy_pattern, lazy_scan

# -- date mentions: Hijri, "الموافق" pairs, weekdays, relative days, partial dates ----------------------
#
# :func:`find_dates` above reads only full Gregorian dates (its contract); :func:`find_date_mentions`
# finds every date *mention*: full, month+year and year-only dates in either calendar, Hijri dates
# converted to Gregorian, Hijri/Gregorian pairs, weekday names and relative days. The month and weekday
# tables they are built from are in :mod:`.words`.
#
# Each pattern is a function that compiles it on its first call (khabar.arabic.regex_start: lazy_scan,
# lazy_pattern): the scans run behind gates (a year, a Hijri month, a relative word), so a short text
# compiles few of the fifty, and the first document of a run does not wait for all of them. The scans
# (lazy_scan) open with a look-ahead for the characters their matches start with: the same matches,
# without trying the whole pattern at every character.


def _alt(names: list[str] | dict[str, int]) -> str:
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))


_HM = f"(?:{_alt(HIJRI_MONTHS)})"
_LBC = r"(?:(?<!\w)|(?<=\b[وفب]))"  # a word start, or after the clitic و ف ب
_WD = f"(?:{_alt(WEEKDAYS)})"
_O, _C = r"(?:\(\s*)?", r"(?:\s*\))?"  # optional brackets, balanced after matching (see _balance)
_YEAR = rf"{_O}(\d{{4}}){_C}"
_G_MARK = r"(?:\s*(?:م|ميلادي|ميلاديه|للميلاد)(?![\w]))?"
_H_MARK = r"\s*(?:هـ|ه|هجري|هجريه|للهجره)(?![\w])"
#: words that introduce a date and belong to its span ("بتاريخ", "عام", "سنة", "شهر" …)
_TRIG = r"(?:(?:بتاريخ|تاريخ|(?:ل|لل|ال)?عام|(?:ل|لل|ال)?سنه|(?:ال)?شهر)\s+(?:من\s+)?)?"
_WDP = rf"(?:(?:يوم\s+)?({_WD})\s*[,،]?\s*)?"  # a weekday before a date
_M2B = rf"(?:\s*(?:\(\s*{_M}\s*\)|[/-]\s*{_M}))?"
_GSEP = r"[\s,،.-]*"
_GREG_DMY = lazy_scan(
    rf"{_LBC}{_TRIG}{_WDP}(\d{{1,2}})(?:st|nd|rd|th|er)?{_GSEP}(?:من\s+)?(?:شهر\s+)?({_M}){_M2B}{_GSEP}"
    rf"(?:(?:من\s+)?(?:عام|سنه)\s+)?{_YEAR}{_G_MARK}{_RB}",
    re.IGNORECASE,
)
_GREG_MDY = lazy_scan(
    rf"{_LBC}{_TRIG}{_WDP}({_M}){_M2B}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*[,،]?\s*(\d{{4}}){_G_MARK}{_RB}",
    re.IGNORECASE,
)
# a month name before a numeric date, as archive captions write it: "نيسان ( 26 / 4 / 1947 )"
_GREG_NUM = lazy_scan(
    rf"(?<![\d/.-]){_TRIG}{_WDP}(?:({_M})\s*)?{_O}(\d{{1,2}})\s*([/.-])\s*(\d{{1,2}})\s*\4\s*{_YEAR}{_C}"
    rf"{_G_MARK}(?![\d/.-]|\.\d|\w)",
    re.IGNORECASE,
)
#: what every numeric date (_GREG_NUM, _HIJRI_NUM) holds: a cheap test before their costly scans
_NUM_GATE = lazy_pattern(r"\d\s*([/.-])\s*\d{1,2}\s*\1\s*\(?\s*\d{3,4}|\d{4}\s*([/.-])\s*\d{1,2}\s*\2\s*\d")
_GREG_YMD = lazy_scan(r"(?<![\d/.-])(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/-]|\.\d)")
_GREG_MY = lazy_scan(
    rf"{_LBC}{_TRIG}({_M}){_M2B}{_GSEP}(?:(?:من\s+)?(?:عام|سنه)\s+|من\s+)?{_YEAR}{_G_MARK}{_RB}",
    re.IGNORECASE,
)
_HIJRI_DMY = lazy_scan(
    rf"{_LBC}{_TRIG}{_WDP}(\d{{1,2}}){_GSEP}(?:من\s+)?(?:شهر\s+)?({_HM}){_GSEP}(?:(?:عام|سنه)\s+)?{_O}(\d{{3,4}}){_C}"
    rf"(?:{_H_MARK})?{_RB}"
)
# a numeric Hijri date needs its marker: "17 / 10 / 1436 هـ", "1436/10/17هـ" (Saudi notices write both)
_HIJRI_NUM = lazy_scan(
    rf"(?<![\d/.-]){_TRIG}{_WDP}{_O}(?:(\d{{1,2}})\s*([/.-])\s*(\d{{1,2}})\s*\3\s*(1[34]\d\d)"
    rf"|(1[34]\d\d)\s*([/.-])\s*(\d{{1,2}})\s*\7\s*(\d{{1,2}})){_C}{_H_MARK}{_RB}"
)
#: a Hijri month name anywhere: what _HIJRI_DMY and _HIJRI_MY need, a cheap test before their scans
_HM_GATE = lazy_pattern(_HM)
_HIJRI_MY = lazy_scan(
    rf"{_LBC}{_TRIG}({_HM}){_GSEP}(?:(?:عام|سنه)\s+)?{_O}(\d{{3,4}}){_C}(?:{_H_MARK})?{_RB}"
)
_YEAR_ONLY = lazy_scan(
    rf"{_LBC}{_TRIG}{_O}(\d{{4}})(?:\s*[/–-]\s*(\d{{4}}))?{_C}({_H_MARK}|{_G_MARK}){_RB}(?!\s*[%٪/.:-]\s*\d|\s*[%٪])"
)
#: words that make a bare four-digit number a count, not a year ("2000 شخص", "1500 دولار")
_COUNTED = lazy_pattern(
    r"\s*(?:شخص|اشخاص|دولار|ريال|جنيه|درهم|دينار|يورو|ليره|طن|كيلو\w*|متر|كم|قتيل|جريح|جندي|عنصر|مقاتل|"
    r"لاجئ|منزل|طالب|عامل|موظف|حاله|مليون|مليار|الف|نسمه|برميل|ميجاوات|ميغاواط|سهم|نقطه)(?!\w)"
)
_DECADES = {
    "العشرينات": 20,
    "الثلاثينات": 30,
    "الاربعينات": 40,
    "الخمسينات": 50,
    "الستينات": 60,
    "السبعينات": 70,
    "الثمانينات": 80,
    "التسعينات": 90,
}
_DECADE = lazy_scan(rf"{_LBC}(?:فتره\s+|حقبه\s+)?({_alt(list(_DECADES))}){_RB}")
# relative days: (pattern, offset in days); each may be followed by the weekday it names ("أمس الجمعة",
# "غداً (الأحد)"), which then decides the day (:func:`_on_weekday`)
_REL_DAYS: tuple[tuple[str, int], ...] = (
    (r"(?:يوم\s+)?اول\s+(?:من\s+)?امس", -2),
    (r"(?:يوم\s+)?امس\s+الاول", -2),  # "أمس الأول" is the day before yesterday, as "أول أمس"
    (r"البارحه\s+الاولي", -2),
    (r"(?:يوم\s+)?بعد\s+غد(?:اً|ًا|ا|ٍ)?", 2),
    (r"(?:يوم\s+)?امس", -1),
    (r"البارحه", -1),
    (r"(?:يوم\s+)?غد(?:اً|ًا|ا|ٍ)?", 1),  # (the tanween on either side of the alef: غداً، غدًا)
    (r"بكرا|بكره|بكرة", 1),
    # "اليوم" before a definite word is "the day …" (اليوم الوطني، اليوم التالي), not today; إلى / إلا folded
    # to الى / الا are not definite words
    (r"اليوم(?!\s+(?!{wd}|(?:الى|الي|الا)(?!\w))ال)", 0),
)
#: the weekday a relative day may name after it: "أمس الجمعة", "اليوم، الأحد", "أمس (الخميس)"
_WD_AFTER = r"(?:\s*[,،]?\s*\(?\s*({wd})(?:\s*\))?)?"
_REL_DAY = [
    (lazy_scan(rf"{_LBC}(?:{p.format(wd=_WD)}){_WD_AFTER.format(wd=_WD)}{_RB}"), off) for p, off in _REL_DAYS
]
#: a literal every match of the _REL_DAY pattern at the same place holds: a text without it is not scanned
_REL_DAY_NEEDS: tuple[str, ...] = ("امس", "امس", "البارحه", "غد", "امس", "البارحه", "غد", "بكر", "اليوم")
#: a digit: every day and month date (_GREG_DM) holds one, its day
_DIGIT = lazy_pattern(r"\d")
#: every four-digit year of the Gregorian and year-only patterns holds this (7 texts in 10 have none)
_YEAR4 = lazy_pattern(r"\d{4}")
#: what every decade name (_DECADES) ends with
_DECADE_NEEDS = "ينات"
_UNFOLD = {"ا": "[اأإآٱ]", "ي": "[يى]", "ه": "[هة]"}
#: a weekday name in any spelling, on the text as written (all begin with ال: a literal prefix the regex
#: engine scans for quickly, and no need to fold the whole text)
_WD_FAST = lazy_pattern(
    "ال(?:"
    + "|".join("".join(_UNFOLD.get(c, c) for c in n[2:]) for n in sorted(WEEKDAYS, key=len, reverse=True))
    + r")(?!\w)"
)
#: a relative day right before a weekday name ("أمس الجمعة", "اليوم، الأحد", "غداً (الاثنين)"), matched
#: backwards from the weekday: only the few weekday names of a text are looked at
_REL_DAY_BEFORE_WD = lazy_pattern(
    rf"{_LBC}(?:يوم\s+)?(اول\s+(?:من\s+)?امس|امس\s+الاول|البارحه\s+الاولي|بعد\s+غد(?:اً|ًا|ا|ٍ)?|امس|البارحه|"
    rf"غد(?:اً|ًا|ا|ٍ)?|اليوم)\s*[,،]?\s*\(?\s*$"
)


def _rel_offset(word: str) -> int:
    """The day offset of a relative day word as :data:`_REL_DAY_BEFORE_WD` captures it."""
    w = re.sub(r"\s+", " ", word)
    if w.startswith("اول") or w in ("امس الاول", "البارحه الاولي"):
        return -2
    if w.startswith("بعد"):
        return 2
    if w.startswith(("امس", "البارحه")):
        return -1
    return 1 if w.startswith("غد") else 0


#: (with the dual and plural of two days named together: "يومي الثلاثاء والأربعاء المقبلين")
_NEXT = r"(?:المقبلين|المقبلان|القادمين|القادمان|المقبل|القادم|التالي|المقبله|القادمه|التاليه)"
_LAST = r"(?:الماضيين|الماضيان|الماضي|الفائت|المنصرم|السابق|الماضيه|الفائته|المنصرمه|السابقه)"
_THIS = r"(?:الحالي|الجاري|الحاليه|الجاريه)"
#: the rest of a range whose second date carries the year the first one leaves out
_RANGE_YEAR = lazy_pattern(
    rf"\s*(?:و|-|–|الى|حتى|حتي)\s*\d{{1,2}}\s+(?:من\s+)?(?:شهر\s+)?{_M}{_M2B}[\s,،]*((?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# a day and month without the year ("في 14 أيلول الماضي", "الـ 5 من يناير المقبل"): the year is the
# published date's, moved by الماضي / المقبل when the day would otherwise fall on the wrong side of it
_GREG_DM = lazy_scan(
    rf"{_LBC}{_WDP}(?:الـ?\s*)?(\d{{1,2}})(?:\s+من)?\s+(?:شهر\s+)?({_M}){_M2B}"
    rf"(?:\s+({_LAST}|{_THIS}|{_NEXT}))?{_RB}(?!\s*[,،/-]?\s*(?:(?:عام|سنه)\s+)?\d)",
    re.IGNORECASE,
)
_UNIT = {"الاسبوع": "week", "الشهر": "month", "العام": "year", "السنه": "year"}
_REL_UNIT = lazy_scan(
    rf"{_LBC}(?:(هذا|هذه)\s+)?(الاسبوع|الشهر|العام|السنه)(?:\s+({_NEXT}|{_LAST}|{_THIS}))?{_RB}"
    rf"(?:\s*{_O}(\d{{4}}){_C})?"
)
_REL_WEEKDAY = lazy_scan(rf"{_LBC}(?:يوم\s+)?({_WD})(?:\s+({_NEXT}|{_LAST}))?{_RB}")
#: a second weekday joined to the first with و and a dual or plural direction after it (يومي الثلاثاء
#: [والأربعاء المقبلين]), matched right after the first: the direction counts for both
_PAIRED_WEEKDAY = lazy_pattern(
    rf"\s*و\s*(?:يوم\s+)?(?:{_WD})\s+(المقبلين|المقبلان|القادمين|القادمان|الماضيين|الماضيان){_RB}"
)
_PAIR_GLUE = lazy_pattern(
    r"\s*(?:[-–—،,/]\s*)?(?:\(\s*)?(?:الموافق(?:\s+ل)?|الموافقه|الموافق\s*:)?\s*(?:\(\s*)?$"
)

# the cores of the costliest scans: a part of each pattern that opens with a digit, the same pieces in
# the same order (from the day through the month or the year, from the day through the year …); every
# match of a pattern holds a match of its core, so a text without one is not scanned. The scans open
# with optional trigger words and weekdays, which can start at most letters of a text, while the
# regex engine skips quickly to the digits a core opens with (in 3,000 articles: 1 match of _GREG_MDY,
# whose scan cost as much as a sixth of all the date scans). A core that opens with a month name
# would cost more than the scan it gates: the names are tried one after the other at every letter.
_GREG_DMY_CORE = lazy_pattern(
    rf"\d(?:st|nd|rd|th|er)?{_GSEP}(?:من\s+)?(?:شهر\s+)?(?:{_M}){_M2B}{_GSEP}"
    rf"(?:(?:من\s+)?(?:عام|سنه)\s+)?{_O}\d{{4}}",
    re.IGNORECASE,
)
#: _GREG_MDY from its day through its year (the month before them)
_GREG_MDY_CORE = lazy_pattern(r"\d(?:st|nd|rd|th)?\s*[,،]?\s*\d{4}", re.IGNORECASE)
_GREG_DM_CORE = lazy_pattern(rf"\d(?:\s+من)?\s+(?:شهر\s+)?(?:{_M})", re.IGNORECASE)
_HIJRI_DMY_CORE = lazy_pattern(
    rf"\d{_GSEP}(?:من\s+)?(?:شهر\s+)?(?:{_HM}){_GSEP}(?:(?:عام|سنه)\s+)?{_O}\d{{3}}"
)
_HIJRI_NUM_CORE = lazy_pattern(
    rf"(?:\d\s*([/.-])\s*\d{{1,2}}\s*\1\s*1[34]\d\d|1[34]\d\d\s*([/.-])\s*\d{{1,2}}\s*\2\s*\d{{1,2}})"
    rf"{_C}{_H_MARK}"
)
