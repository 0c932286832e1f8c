"""Dates as Arabic news pages print them, to ISO ``YYYY-MM-DD``.

Arabic has three families of Gregorian month names, and a page may use any of them (or two at once,
"أيلول (سبتمبر)"):

* the Egyptian/Gulf transliterations: يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر
  نوفمبر ديسمبر;
* the Levantine/Iraqi (Syriac) names: كانون الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين الأول
  تشرين الثاني كانون الأول;
* the Maghrebi names: Moroccan يناير … ماي … يوليوز غشت شتنبر … نونبر دجنبر, Algerian/Tunisian جانفي
  فيفري … أفريل ماي جوان جويلية أوت.

Digits may be ASCII, Arabic-Indic (٠–٩) or Eastern Arabic-Indic (۰–۹); day and month names may carry
any alef/yeh/teh-marbuta spelling; weekday names are skipped. Numeric dates are read day first
(``14/09/2021``) as Arab sites write them, unless only the other order is a valid date; ``2021-09-14``
is read year first. English month names are accepted too. Hijri dates ("23 شوال 1436 هـ") are not
converted (a page that shows one almost always shows the Gregorian date beside it).

Relative dates (:func:`find_date_mentions`, against an anchor: the record's ``published``):

* اليوم = the anchor, أمس / البارحة = a day before, أول أمس / أمس الأول / البارحة الأولى = two days
  before, غداً / يوم غد = a day after, بعد غد = two days after; الأسبوع / الشهر / العام الماضي، الحالي،
  المقبل = the ISO week, month or year before, of, or after the anchor's; a day and month without the
  year ("14 أيلول الماضي") take the anchor's year, moved by الماضي / المقبل;
* a relative day that names its weekday ("أمس الجمعة", "اليوم (الأحد)") means that weekday: the day
  itself when anchor and weekday agree, else the nearest day with that weekday (on or before, when the
  anchor is a crawl date: an upper bound); :func:`implied_publication_date` reads the day a text was
  written from such mentions;
* a weekday alone ("الاثنين", "يوم الاثنين") is the most recent such day on or before the anchor (the
  anchor's own day included); with الماضي it is strictly before; with المقبل / القادم strictly after; and
  when the clause before it is in the future (سوف، من المقرر، a verb of schedules with the prefix س:
  سيخوض، ستبدأ) the first such day on or after the anchor (after the day before it, for a crawl date);
* "اليوم" is not a date where it is part of a name (quoted «اليوم»، «روسيا اليوم»; after an outlet noun:
  صحيفة اليوم، قناة روسيا اليوم; a known name in a byline: "عين اليوم – متابعات"; the word alone opening a
  byline "اليوم - الرياض") or where it means "that day" (ذلك اليوم، نفس اليوم، طوال اليوم). The word lists
  are in ``khabar/data/dates_context_ar.tsv``.

>>> parse_date("الثلاثاء 14 أيلول 2021")
'2021-09-14'
>>> parse_date("١٤ سبتمبر ٢٠٢١")
'2021-09-14'
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import cache

__all__ = ["MONTHS", "DateMatch", "find_dates", "iso_date", "parse_date"]

#: month names (in the folded spelling :func:`_fold` produces) → month number
MONTHS: dict[str, int] = {}


def _add(month: int, *names: str) -> None:
    for n in names:
        MONTHS[_fold_static(n)] = month


_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)


def _fold_static(s: str) -> str:
    return s.translate(_FOLD).lower()


# Egyptian / Gulf
_add(1, "يناير")
_add(2, "فبراير")
_add(3, "مارس")
_add(4, "أبريل", "ابريل", "إبريل")
_add(5, "مايو")
_add(6, "يونيو", "يونيه")
_add(7, "يوليو", "يوليه")
_add(8, "أغسطس", "اغسطس")
_add(9, "سبتمبر")
_add(10, "أكتوبر", "اكتوبر")
_add(11, "نوفمبر")
_add(12, "ديسمبر")
# Levantine / Iraqi
_add(1, "كانون الثاني", "كانون ثاني", "كانون الثانى")
_add(2, "شباط")
_add(3, "آذار", "اذار")
_add(4, "نيسان")
_add(5, "أيار", "ايار")
_add(6, "حزيران")
_add(7, "تموز")
_add(8, "آب")
_add(9, "أيلول", "ايلول")
_add(10, "تشرين الأول", "تشرين أول", "تشرين الاول")
_add(11, "تشرين الثاني", "تشرين ثاني", "تشرين الثانى")
_add(12, "كانون الأول", "كانون أول", "كانون الاول")
# Maghrebi (Morocco; Algeria and Tunisia)
_add(5, "ماي")
_add(7, "يوليوز", "جويلية", "جويليه")
_add(8, "غشت", "أوت", "اوت")
_add(9, "شتنبر")
_add(11, "نونبر")
_add(12, "دجنبر")
_add(1, "جانفي")
_add(2, "فيفري")
_add(4, "أفريل", "افريل")
_add(6, "جوان")
# English (and the French a Maghrebi page may mix in)
for _i, _names in enumerate(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    _add(_i, *_names)
_add(1, "janvier")
_add(2, "février", "fevrier")
_add(4, "avril")
_add(5, "mai")
_add(6, "juin")
_add(7, "juillet")
_add(8, "août", "aout")
_add(9, "septembre")
_add(10, "octobre")
_add(11, "novembre")
_add(12, "décembre", "decembre")


def _fold(s: str) -> str:
    """Same-length folding (so offsets stay valid): alef/yeh/teh-marbuta forms, digits, case."""
    return s.translate(_FOLD).lower()


def _month_alt() -> str:
    names = sorted(MONTHS, key=len, reverse=True)
    parts = []
    for n in names:
        p = re.escape(n).replace(r"\ ", r"\s+")
        parts.append(p)
    return "|".join(parts)


_M = f"(?:{_month_alt()})"
# a second month name in brackets or after a slash: "أيلول (سبتمبر)", "سبتمبر/أيلول"
_M2 = rf"(?:\s*(?:\(\s*{_M}\s*\)|[/-]\s*{_M}))?"
_SEP = r"[\s,،.-]*"
_LB = r"(?<![\w])"  # not inside a word or a longer number
_RB = r"(?![\w])"
_DMY = re.compile(
    rf"{_LB}(\d{{1,2}})(?:st|nd|rd|th|er)?{_SEP}(?:من\s+)?(?:شهر\s+)?({_M}){_M2}{_SEP}(?:عام\s+|سنة\s+)?(\d{{4}}){_RB}",
    re.IGNORECASE,
)
_MDY = re.compile(rf"{_LB}({_M}){_M2}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*[,،]?\s*(\d{{4}}){_RB}", re.IGNORECASE)
_NUM_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-]|\.\d)")
_NUM_YMD = re.compile(r"(?<![\d/.-])(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/-]|\.\d)")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]|$)")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T|$)")


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a text: ``text[start:end]`` and its ISO form."""

    start: int
    end: int
    iso: str


def _valid(y: int, m: int, d: int) -> str | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int | None:
    return MONTHS.get(re.sub(r"\s+", " ", name.lower()))


def find_dates(text: str) -> list[DateMatch]:
    """Every Gregorian date written in ``text``, in order, with offsets into ``text``."""
    f = _fold(text)
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, iso: str | None) -> None:
        if iso is None or any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        found.append(DateMatch(s, e, iso))

    for m in _DMY.finditer(f):
        mo = _month(m.group(2))
        if mo:
            add(m.start(), m.end(), _valid(int(m.group(3)), mo, int(m.group(1))))
    for m in _MDY.finditer(f):
        mo = _month(m.group(1))
        if mo:
            add(m.start(), m.end(), _valid(int(m.group(3)), mo, int(m.group(2))))
    for m in _NUM_YMD.finditer(f):
        add(m.start(), m.end(), _valid(int(m.group(1)), int(m.group(3)), int(m.group(4))))
    for m in _NUM_DMY.finditer(f):
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        add(m.start(), m.end(), _valid(y, b, a) or _valid(y, a, b))
    found.sort(key=lambda d: d.start)
    return found


def parse_date(text: str) -> str | None:
    """The first date written in ``text`` as ``YYYY-MM-DD``, or None."""
    ds = find_dates(text)
    return ds[0].iso if ds else None


def iso_date(value: str) -> str | None:
    """The date of a machine-readable timestamp (ISO 8601 ``2021-09-14T10:00:00+03:00``, ``20210914``,
    RFC 2822 ``Tue, 14 Sep 2021 …``) or, failing those, of a human-readable date; None if there is none.

    The date is taken as written, not converted to UTC: a page's local date is the one its readers see.
    """
    v = _fold(value.strip())
    m = _ISO.match(v) or _COMPACT.match(v)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return parse_date(value)


# -- date mentions: Hijri, "الموافق" pairs, weekdays, relative days, partial dates ----------------------
#
# :func:`find_dates` above reads only full Gregorian dates (its contract); :func:`find_date_mentions`
# finds every date *mention*: full, month+year and year-only dates in either calendar, Hijri dates
# converted to Gregorian, Hijri/Gregorian pairs, weekday names and relative days.

#: Hijri month names (folded spelling) → month number
HIJRI_MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        ("محرم", "المحرم"),
        ("صفر",),
        ("ربيع الأول", "ربيع الاول", "ربيع أول"),
        ("ربيع الآخر", "ربيع الاخر", "ربيع الثاني", "ربيع ثاني"),
        ("جمادى الأولى", "جمادى الاولى", "جمادى الأول", "جمادى الاول"),
        ("جمادى الآخرة", "جمادى الاخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الاخر"),
        ("رجب",),
        ("شعبان",),
        ("رمضان",),
        ("شوال",),
        ("ذو القعدة", "ذي القعدة", "ذو القعده", "ذي القعده"),
        ("ذو الحجة", "ذي الحجة", "ذو الحجه", "ذي الحجه"),
    ),
    start=1,
):
    for _n in _names:
        HIJRI_MONTHS[_fold_static(_n)] = _i

#: weekday names (folded) → ``datetime.date.weekday()`` (Monday 0)
WEEKDAYS: dict[str, int] = {
    _fold_static(n): i
    for n, i in (
        ("الاثنين", 0),
        ("الإثنين", 0),
        ("الأثنين", 0),
        ("الثلاثاء", 1),
        ("الأربعاء", 2),
        ("الاربعاء", 2),
        ("الخميس", 3),
        ("الجمعة", 4),
        ("السبت", 5),
        ("الأحد", 6),
        ("الاحد", 6),
    )
}


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
_GREG_DMY = re.compile(
    rf"{_LBC}{_TRIG}{_WDP}(\d{{1,2}})(?:st|nd|rd|th|er)?{_GSEP}(?:من\s+)?(?:شهر\s+)?({_M}){_M2B}{_GSEP}"
    rf"(?:(?:من\s+)?(?:عام|سنه)\s+)?{_YEAR}{_G_MARK}{_RB}",
    re.IGNORECASE,
)
_GREG_MDY = re.compile(
    rf"{_LBC}{_TRIG}{_WDP}({_M}){_M2B}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*[,،]?\s*(\d{{4}}){_G_MARK}{_RB}",
    re.IGNORECASE,
)
# a month name before a numeric date, as archive captions write it: "نيسان ( 26 / 4 / 1947 )"
_GREG_NUM = re.compile(
    rf"(?<![\d/.-]){_TRIG}{_WDP}(?:({_M})\s*)?{_O}(\d{{1,2}})\s*([/.-])\s*(\d{{1,2}})\s*\4\s*{_YEAR}{_C}"
    rf"{_G_MARK}(?![\d/.-]|\.\d|\w)",
    re.IGNORECASE,
)
#: what every numeric date (_GREG_NUM, _HIJRI_NUM) holds: a cheap test before their costly scans
_NUM_GATE = re.compile(r"\d\s*([/.-])\s*\d{1,2}\s*\1\s*\(?\s*\d{3,4}|\d{4}\s*([/.-])\s*\d{1,2}\s*\2\s*\d")
_GREG_YMD = re.compile(r"(?<![\d/.-])(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/-]|\.\d)")
_GREG_MY = re.compile(
    rf"{_LBC}{_TRIG}({_M}){_M2B}{_GSEP}(?:(?:من\s+)?(?:عام|سنه)\s+|من\s+)?{_YEAR}{_G_MARK}{_RB}",
    re.IGNORECASE,
)
_HIJRI_DMY = re.compile(
    rf"{_LBC}{_TRIG}{_WDP}(\d{{1,2}}){_GSEP}(?:من\s+)?(?:شهر\s+)?({_HM}){_GSEP}(?:(?:عام|سنه)\s+)?{_O}(\d{{3,4}}){_C}"
    rf"(?:{_H_MARK})?{_RB}"
)
# a numeric Hijri date needs its marker: "17 / 10 / 1436 هـ", "1436/10/17هـ" (Saudi notices write both)
_HIJRI_NUM = re.compile(
    rf"(?<![\d/.-]){_TRIG}{_WDP}{_O}(?:(\d{{1,2}})\s*([/.-])\s*(\d{{1,2}})\s*\3\s*(1[34]\d\d)"
    rf"|(1[34]\d\d)\s*([/.-])\s*(\d{{1,2}})\s*\7\s*(\d{{1,2}})){_C}{_H_MARK}{_RB}"
)
#: a Hijri month name anywhere: what _HIJRI_DMY and _HIJRI_MY need, a cheap test before their scans
_HM_GATE = re.compile(_HM)
_HIJRI_MY = re.compile(
    rf"{_LBC}{_TRIG}({_HM}){_GSEP}(?:(?:عام|سنه)\s+)?{_O}(\d{{3,4}}){_C}(?:{_H_MARK})?{_RB}"
)
_YEAR_ONLY = re.compile(
    rf"{_LBC}{_TRIG}{_O}(\d{{4}})(?:\s*[/–-]\s*(\d{{4}}))?{_C}({_H_MARK}|{_G_MARK}){_RB}(?!\s*[%٪/.:-]\s*\d|\s*[%٪])"
)
#: words that make a bare four-digit number a count, not a year ("2000 شخص", "1500 دولار")
_COUNTED = re.compile(
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
_DECADE = re.compile(rf"{_LBC}(?:فتره\s+|حقبه\s+)?({_alt(list(_DECADES))}){_RB}")
# relative days: (pattern, offset in days); each may be followed by the weekday it names ("أمس الجمعة",
# "غداً (الأحد)"), which then decides the day (:func:`_on_weekday`)
_REL_DAYS: tuple[tuple[str, int], ...] = (
    (r"(?:يوم\s+)?اول\s+(?:من\s+)?امس", -2),
    (r"(?:يوم\s+)?امس\s+الاول", -2),  # "أمس الأول" is the day before yesterday, as "أول أمس"
    (r"البارحه\s+الاولي", -2),
    (r"(?:يوم\s+)?بعد\s+غد(?:اً|ا|ٍ)?", 2),
    (r"(?:يوم\s+)?امس", -1),
    (r"البارحه", -1),
    (r"(?:يوم\s+)?غد(?:اً|ا|ٍ)?", 1),
    (r"بكرا|بكره|بكرة", 1),
    # "اليوم" before a definite word is "the day …" (اليوم الوطني، اليوم التالي), not today; إلى / إلا folded
    # to الى / الا are not definite words
    (r"اليوم(?!\s+(?!{wd}|(?:الى|الي|الا)(?!\w))ال)", 0),
)
#: the weekday a relative day may name after it: "أمس الجمعة", "اليوم، الأحد", "أمس (الخميس)"
_WD_AFTER = r"(?:\s*[,،]?\s*\(?\s*({wd})(?:\s*\))?)?"
_REL_DAY = [
    (re.compile(rf"{_LBC}(?:{p.format(wd=_WD)}){_WD_AFTER.format(wd=_WD)}{_RB}"), off) for p, off in _REL_DAYS
]
#: a literal every match of the _REL_DAY pattern at the same place holds: a text without it is not scanned
_REL_DAY_NEEDS: tuple[str, ...] = ("امس", "امس", "البارحه", "غد", "امس", "البارحه", "غد", "بكر", "اليوم")
#: every four-digit year of the Gregorian and year-only patterns holds this (7 texts in 10 have none)
_YEAR4 = re.compile(r"\d{4}")
#: what every decade name (_DECADES) ends with
_DECADE_NEEDS = "ينات"
_UNFOLD = {"ا": "[اأإآٱ]", "ي": "[يى]", "ه": "[هة]"}
#: a weekday name in any spelling, on the text as written (all begin with ال: a literal prefix the regex
#: engine scans for quickly, and no need to fold the whole text)
_WD_FAST = re.compile(
    "ال(?:"
    + "|".join("".join(_UNFOLD.get(c, c) for c in n[2:]) for n in sorted(WEEKDAYS, key=len, reverse=True))
    + r")(?!\w)"
)
#: a relative day right before a weekday name ("أمس الجمعة", "اليوم، الأحد", "غداً (الاثنين)"), matched
#: backwards from the weekday: only the few weekday names of a text are looked at
_REL_DAY_BEFORE_WD = re.compile(
    rf"{_LBC}(?:يوم\s+)?(اول\s+(?:من\s+)?امس|امس\s+الاول|البارحه\s+الاولي|بعد\s+غد(?:اً|ا|ٍ)?|امس|البارحه|"
    rf"غد(?:اً|ا|ٍ)?|اليوم)\s*[,،]?\s*\(?\s*$"
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


_NEXT = r"(?:المقبل|القادم|التالي|المقبله|القادمه|التاليه)"
_LAST = r"(?:الماضي|الفائت|المنصرم|السابق|الماضيه|الفائته|المنصرمه|السابقه)"
_THIS = r"(?:الحالي|الجاري|الحاليه|الجاريه)"
#: the rest of a range whose second date carries the year the first one leaves out
_RANGE_YEAR = re.compile(
    rf"\s*(?:و|-|–|الى|حتى|حتي)\s*\d{{1,2}}\s+(?:من\s+)?(?:شهر\s+)?{_M}{_M2B}[\s,،]*((?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# a day and month without the year ("في 14 أيلول الماضي", "الـ 5 من يناير المقبل"): the year is the
# published date's, moved by الماضي / المقبل when the day would otherwise fall on the wrong side of it
_GREG_DM = re.compile(
    rf"{_LBC}{_WDP}(?:الـ?\s*)?(\d{{1,2}})(?:\s+من)?\s+(?:شهر\s+)?({_M}){_M2B}"
    rf"(?:\s+({_LAST}|{_THIS}|{_NEXT}))?{_RB}(?!\s*[,،/-]?\s*(?:(?:عام|سنه)\s+)?\d)",
    re.IGNORECASE,
)
_UNIT = {"الاسبوع": "week", "الشهر": "month", "العام": "year", "السنه": "year"}
_REL_UNIT = re.compile(
    rf"{_LBC}(?:(هذا|هذه)\s+)?(الاسبوع|الشهر|العام|السنه)(?:\s+({_NEXT}|{_LAST}|{_THIS}))?{_RB}"
    rf"(?:\s*{_O}(\d{{4}}){_C})?"
)
_REL_WEEKDAY = re.compile(rf"{_LBC}(?:يوم\s+)?({_WD})(?:\s+({_NEXT}|{_LAST}))?{_RB}")
_PAIR_GLUE = re.compile(
    r"\s*(?:[-–—،,/]\s*)?(?:\(\s*)?(?:الموافق(?:\s+ل)?|الموافقه|الموافق\s*:)?\s*(?:\(\s*)?$"
)


# -- context: "اليوم" in a name, a weekday in the future ------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Context:
    """The compiled context rules of ``data/dates_context_ar.tsv`` (see its header)."""

    head_before: re.Pattern[str]  # an outlet head noun (and a known name) right before "اليوم"
    name_before: re.Pattern[str]  # a known name right before "اليوم", at a line start or after a dash
    not_today: frozenset[str]
    future_cues: frozenset[str]
    future_verb: re.Pattern[str]


@cache
def _context() -> _Context:
    from khabar import data

    rows: dict[str, list[str]] = {}
    for _, cols in data.rows("dates_context_ar.tsv", columns=(2, 3)):
        kind, form = cols[:2]
        rows.setdefault(kind, []).append(_fold_static(form.strip()))
    heads, names = _alt(rows["outlet_head"]), _alt(rows["outlet_name"])
    return _Context(
        # "صحيفة اليوم", "لصحيفة «اليوم»", "قناة روسيا اليوم" (a clitic on the head: و ف ب ل لل)
        head_before=re.compile(rf"(?:^|[\s«\"“(])[وفبل]?(?:{heads})\s*[«\"“]?\s*(?:(?:{names})\s+)?$"),
        # "عين اليوم – متابعات", "داليا أبوالعيش – عين اليوم", "الرياض - ثقافة اليوم"
        name_before=re.compile(rf"(?:^|\n|[-–—:(]\s*)(?:{names})\s+$"),
        not_today=frozenset(rows["not_today"]),
        future_cues=frozenset(rows["future_cue"]),
        future_verb=re.compile(rf"س[يتن](?:{_alt(rows['future_stem'])})(?:ون|ان|ين)?"),
    )


_QUOTED_BEFORE = re.compile(r"([«“„\"])\s*(?:[^\s«»“”„\"]+\s+){0,2}$")
_QUOTED_AFTER = re.compile(r"(?:\s+[^\s«»“”„\"]+)?\s*[»”\"]")
_LINE_END_AFTER = re.compile(r"\s*(?:[-–—:]|\n|$)")
# the outlet's own name opening a byline: "اليوم - الرياض", "اليوم- الدمام" (a short line)
_BYLINE_AFTER = re.compile(r"\s*[-–—]\s*[^\n]{0,30}(?:\n|$)")
_SENTENCE_END = re.compile(r"[.!?؟؛;\n]")


def _not_today(f: str, s: int, e: int) -> bool:
    """Whether the bare "اليوم" at ``f[s:e]`` (folded text) is not "today": part of a name (an outlet, a
    programme, a newspaper section) or "that / the same / all day".

    A name-like place: in a short quotation (an opening quote at most two words before, a closing one at
    most one word after: لـ«اليوم»، «روسيا اليوم»), right after an outlet head noun (صحيفة اليوم، قناة روسيا
    اليوم), a known name at a line start or after a dash and before a dash or the line end (a byline:
    "عين اليوم – متابعات"), or the word alone opening a short byline line ("اليوم - الرياض")."""
    ctx = _context()
    before = f[max(0, s - 80) : s]
    line_before = before[before.rfind("\n") + 1 :]
    q = _QUOTED_BEFORE.search(line_before)
    # an ASCII quote opens a quotation only when an odd number of them come before it on the line
    opens = q is not None and (q.group(1) != '"' or line_before[: q.start(1) + 1].count('"') % 2 == 1)
    if opens and _QUOTED_AFTER.match(f, e):
        return True
    if ctx.head_before.search(before):
        return True
    if ctx.name_before.search(before) and _LINE_END_AFTER.match(f, e):
        return True
    if not line_before.strip() and _BYLINE_AFTER.match(f, e):
        return True
    words = line_before.split()
    return bool(words) and words[-1] in ctx.not_today


def _future_before(f: str, s: int, reach: int = 6) -> bool:
    """Whether the clause before a weekday at ``f[s]`` puts it in the future: a cue (سوف، من المقرر) or a
    verb of schedules with the future prefix (سيخوض، ستبدأ) among the ``reach`` words before it, in the
    same sentence."""
    ctx = _context()
    before = f[max(0, s - 120) : s]
    cut = max((m.end() for m in _SENTENCE_END.finditer(before)), default=0)
    for w in before[cut:].split()[-reach:]:
        w = w.strip('«»"“”()،,')
        if len(w) > 3 and w[0] in "وف":
            w2 = w[1:]
            if w2 in ctx.future_cues or ctx.future_verb.fullmatch(w2):
                return True
        if w in ctx.future_cues or ctx.future_verb.fullmatch(w):
            return True
    return False


def _on_weekday(target: _dt.date, weekday: int, upper_bound: bool) -> _dt.date:
    """The date with ``weekday`` that a relative day naming it means: ``target`` itself when the names
    agree, else the nearest such day (on or before ``target`` when the anchor is an upper bound)."""
    back = (target.weekday() - weekday) % 7
    fwd = (weekday - target.weekday()) % 7
    if upper_bound or back <= fwd:
        return target - _dt.timedelta(days=back)
    return target + _dt.timedelta(days=fwd)


def implied_publication_date(text: str, upper: str | _dt.date, max_lag: int = 6) -> str | None:
    """The day a text says it was written, from the relative days that name their weekday ("اليوم
    الأحد", "أمس السبت", "غداً الاثنين"), given ``upper``, a date it was written on or before (a crawl
    date): the day with the implied weekday at most ``max_lag`` days before ``upper``. When the text's
    mentions disagree, the most frequent day wins (ties: the latest). None without such a mention."""
    up = _as_date(upper)
    if up is None:
        return None
    votes: dict[int, int] = {}
    for w in _WD_FAST.finditer(text):
        s = w.start()
        if s and (text[s - 1].isalnum() or text[s - 1] == "_"):
            continue  # inside a word
        window = _fold(text[max(0, s - 31) : s])  # one character more: the word boundary before it
        m = _REL_DAY_BEFORE_WD.search(window, 1 if s > 30 else 0)
        if m is None:
            continue
        off = _rel_offset(m.group(1))
        day = WEEKDAYS[_fold(w.group())]
        lag = (up.weekday() - (day - off)) % 7
        if lag <= max_lag:
            votes[lag] = votes.get(lag, 0) + 1
    if not votes:
        return None
    lag = min(votes, key=lambda k: (-votes[k], k))
    return (up - _dt.timedelta(days=lag)).isoformat()


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date mentioned in a text: ``text[start:end]`` with what it means.

    ``value`` is ISO 8601 at the mention's ``precision``: ``YYYY-MM-DD`` (day), ``YYYY-MM`` (month),
    ``YYYY-Www`` (week), ``YYYY`` (year), ``YYY`` (decade); None when it cannot be known (a relative date
    without a reference date, a Hijri month or year, a decade without its century).
    ``calendar`` is the calendar the text wrote it in (``gregorian`` or ``hijri``); ``relative`` is the
    offset from the reference date for relative mentions (``-1d``, ``0d``, ``+1w``, ``-1m``, ``0y``,
    ``wd-`` for the last such weekday, ``wd+`` for the next) or None; ``attrs`` holds the rest
    (``hijri`` as written in ISO form, ``hijri_method``, ``weekday``).
    """

    start: int
    end: int
    text: str
    value: str | None
    calendar: str = "gregorian"
    precision: str = "day"
    relative: str | None = None
    attrs: dict[str, object] | None = None

    def to_attrs(self) -> dict[str, object]:
        d: dict[str, object] = {
            "value": self.value,
            "calendar": self.calendar,
            "relative": self.relative,
            "precision": self.precision,
        }
        d.update(self.attrs or {})
        return d


def _tabular_hijri_to_jd(y: int, m: int, d: int) -> int:
    # the arithmetic (tabular) Islamic calendar, civil epoch: off by a day or two from Umm al-Qura
    return d + -(-29.5 * (m - 1) // 1).__int__() + (y - 1) * 354 + (3 + 11 * y) // 30 + 1948440 - 1


def hijri_to_gregorian(year: int, month: int, day: int) -> tuple[_dt.date, str] | None:
    """The Gregorian date of a Hijri one and the method used: ``umm_al_qura`` (via ``hijridate``, for
    1343–1500 AH) else ``tabular`` (the arithmetic calendar, ±1–2 days); None if it is not a date."""
    if not (1 <= month <= 12 and 1 <= day <= 30 and 1 <= year <= 1600):
        return None
    if 1343 <= year <= 1500:
        try:
            from hijridate import Hijri

            g = Hijri(year, month, day).to_gregorian()
            return _dt.date(g.year, g.month, g.day), "umm_al_qura"
        except ImportError:  # pragma: no cover - hijridate is a dependency
            pass
        except (ValueError, OverflowError):
            return None
    if day == 30 and month % 2 == 0 and month != 12:
        return None
    jd = _tabular_hijri_to_jd(year, month, day)
    return _dt.date.fromordinal(jd - 1721425), "tabular"


def _as_date(ref: str | _dt.date | None) -> _dt.date | None:
    if ref is None or isinstance(ref, _dt.date):
        return ref
    iso = iso_date(ref)
    return _dt.date.fromisoformat(iso) if iso else None


def _add_months(d: _dt.date, n: int) -> str:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return f"{y:04d}-{m + 1:02d}"


def _week(d: _dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _balance(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim ``[s, e)`` so its brackets are balanced (an opening one without its closing one goes)."""
    while s < e:
        seg = text[s:e]
        if seg.count("(") == seg.count(")"):
            break
        if seg.count("(") > seg.count(")"):
            i = s + seg.index("(")
            if i == s:
                s += 1
            else:
                e = s + seg.rindex("(")
        else:
            if text[e - 1] == ")":
                e -= 1
            else:
                s = s + seg.index(")") + 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
    return s, e


def _wrapped(inner: str) -> bool:
    """Whether ``(inner)`` is one bracket pair around a balanced ``inner``."""
    depth = 0
    for ch in inner:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


def find_date_mentions(
    text: str, ref: str | _dt.date | None = None, *, upper_bound: bool = False
) -> list[DateMention]:
    """Every date mentioned in ``text``, in order, with offsets into ``text``.

    Relative mentions (أمس، اليوم، غداً، الأسبوع المقبل، الشهر الماضي، يوم الثلاثاء …) are resolved against
    ``ref`` (a date or an ISO/human-readable date string) when given, else their ``value`` is None; the
    rules are in "Relative dates" below. ``upper_bound`` says ``ref`` is a date the text was written on
    or before (a crawl date), not its publication date. A Hijri date followed by its Gregorian equivalent
    ("… هـ الموافق … م") is one mention whose value is the Gregorian date (the Hijri one is kept in
    ``attrs['hijri']``).
    """
    f = _fold(text)
    rd = _as_date(ref)
    cands: list[tuple[int, int, dict[str, object]]] = []

    def cand(s: int, e: int, **kw: object) -> None:
        had_digit = any(ch.isdigit() for ch in f[s:e])
        s, e = _balance(f, s, e)
        if f[s : s + 1] == "(" and f[e - 1 : e] == ")" and _wrapped(f[s + 1 : e - 1]):
            s, e = _balance(f, s + 1, e - 1)  # a bracketed date without a trigger word: the date alone
        if s < e and (not had_digit or any(ch.isdigit() for ch in f[s:e])):
            cands.append((s, e, kw))

    def wd(name: str | None) -> dict[str, object]:
        return {"weekday": WEEKDAYS[re.sub(r"\s+", " ", name)]} if name else {}

    # each scan below runs only on texts holding what every one of its matches must hold (a four-digit
    # year, a relative-day word, a unit, a weekday name): C-level substring tests that skip most scans
    # of most texts, with the same matches (see _REL_DAY_NEEDS and the tests)
    year4 = _YEAR4.search(f) is not None
    for m in _GREG_DMY.finditer(f) if year4 else ():
        mo = _month(m.group(3))
        iso = _valid(int(m.group(4)), mo, int(m.group(2))) if mo else None
        if iso:
            cand(m.start(), m.end(), value=iso, attrs=wd(m.group(1)))
    for m in _GREG_MDY.finditer(f) if year4 else ():
        mo = _month(m.group(2))
        iso = _valid(int(m.group(4)), mo, int(m.group(3))) if mo else None
        if iso:
            cand(m.start(), m.end(), value=iso, attrs=wd(m.group(1)))
    numeric = _NUM_GATE.search(f) is not None  # most texts hold no numeric date: skip the slow scans
    # a Hijri month name is in every match of _HIJRI_DMY and _HIJRI_MY, and in one text in ten
    hijri = _HM_GATE.search(f) is not None
    for m in _GREG_NUM.finditer(f) if numeric else ():
        a, b, y = int(m.group(3)), int(m.group(5)), int(m.group(6))
        named = _month(m.group(2)) if m.group(2) else None
        iso = _valid(y, b, a) or _valid(y, a, b)
        if iso and (named is None or int(iso[5:7]) == named):
            cand(m.start(), m.end(), value=iso, attrs=wd(m.group(1)))
    for m in _GREG_YMD.finditer(f) if year4 else ():
        iso = _valid(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if iso:
            cand(m.start(), m.end(), value=iso)
    for m in _GREG_DM.finditer(f):
        mo, day = _month(m.group(3)), int(m.group(2))
        if not mo or not _valid(2000, mo, day):
            continue
        which = m.group(4) or ""
        dm_value: str | None = None
        shared = _RANGE_YEAR.match(f, m.end())
        if shared:  # "بين 1 يناير و1 مايو 2019": the range's year
            dm_value = _valid(int(shared.group(1)), mo, day)
        elif rd:
            y = rd.year
            if re.fullmatch(_LAST, which) and (mo, day) > (rd.month, rd.day):
                y -= 1
            elif re.fullmatch(_NEXT, which) and (mo, day) < (rd.month, rd.day):
                y += 1
            dm_value = _valid(y, mo, day)
        attrs = {"month": mo, "day": day, **wd(m.group(1)), "year_from": "range" if shared else "published"}
        cand(m.start(), m.end(), value=dm_value, attrs=attrs)
    for m in _GREG_MY.finditer(f) if year4 else ():
        mo, y = _month(m.group(1)), int(m.group(2))
        if mo and _valid(y, mo, 1):
            cand(m.start(), m.end(), value=f"{y:04d}-{mo:02d}", precision="month")
    for m in _HIJRI_DMY.finditer(f) if hijri else ():
        hm = HIJRI_MONTHS[re.sub(r"\s+", " ", m.group(3))]
        hy, hd = int(m.group(4)), int(m.group(2))
        conv = hijri_to_gregorian(hy, hm, hd)
        if conv:
            attrs = {"hijri": f"{hy:04d}-{hm:02d}-{hd:02d}", "hijri_method": conv[1], **wd(m.group(1))}
            cand(m.start(), m.end(), value=conv[0].isoformat(), calendar="hijri", attrs=attrs)
    for m in _HIJRI_NUM.finditer(f) if numeric else ():
        if m.group(5):  # day / month / year
            hy, hm, hd = int(m.group(5)), int(m.group(4)), int(m.group(2))
        else:  # year / month / day
            hy, hm, hd = int(m.group(6)), int(m.group(8)), int(m.group(9))
        conv = hijri_to_gregorian(hy, hm, hd) if 1 <= hm <= 12 else None
        if conv:
            attrs = {"hijri": f"{hy:04d}-{hm:02d}-{hd:02d}", "hijri_method": conv[1], **wd(m.group(1))}
            cand(m.start(), m.end(), value=conv[0].isoformat(), calendar="hijri", attrs=attrs)
    for m in _HIJRI_MY.finditer(f) if hijri else ():
        hm = HIJRI_MONTHS[re.sub(r"\s+", " ", m.group(1))]
        hy = int(m.group(2))
        # "صفر" is also "zero": a bare Hijri month and number needs the هـ marker or a plausible year
        if 1 <= hy <= 1600 and (hm != 2 or "ه" in f[m.end(2) : m.end()]):
            cand(
                m.start(),
                m.end(),
                value=None,
                calendar="hijri",
                precision="month",
                attrs={"hijri": f"{hy:04d}-{hm:02d}"},
            )
    for m in _YEAR_ONLY.finditer(f) if year4 else ():
        y, mark = int(m.group(1)), m.group(3) or ""
        if "ه" in mark:
            cand(
                m.start(),
                m.end(),
                value=None,
                calendar="hijri",
                precision="year",
                attrs={"hijri": f"{y:04d}"},
            )
        elif _COUNTED.match(f, m.end()) and not f[m.start()].isalpha():
            continue  # a bare number before a counted noun is a count
        elif 1800 <= y <= 2100 and (m.group(2) is None or 0 < int(m.group(2)) - y < 100):
            until = {"until": m.group(2)} if m.group(2) else {}
            cand(m.start(), m.end(), value=f"{y:04d}", precision="year", attrs=until)
    for m in _DECADE.finditer(f) if _DECADE_NEEDS in f else ():
        cand(m.start(), m.end(), value=None, precision="decade")
    for (rx, off), need in zip(_REL_DAY, _REL_DAY_NEEDS, strict=True):
        for m in rx.finditer(f) if need in f else ():
            wd_name = m.group(1)
            if off == 0 and wd_name is None and _not_today(f, m.start(), m.end()):
                continue  # "عين اليوم", «اليوم السابع», "ذلك اليوم": not today
            dvalue = None
            if rd:
                target = rd + _dt.timedelta(days=off)
                if wd_name:  # "أمس الجمعة": the weekday decides which day
                    target = _on_weekday(target, WEEKDAYS[re.sub(r"\s+", " ", wd_name)], upper_bound)
                dvalue = target.isoformat()
            cand(m.start(), m.end(), value=dvalue, relative=f"{off:+d}d" if off else "0d", attrs=wd(wd_name))
    for m in _REL_UNIT.finditer(f) if any(u in f for u in _UNIT) else ():
        this, unit, which, year = m.group(1), _UNIT[m.group(2)], m.group(3), m.group(4)
        if not (this or which):
            continue  # "العام" alone is not a date ("الرأي العام")
        n = 0 if (this or re.fullmatch(_THIS, which or "")) else (1 if re.fullmatch(_NEXT, which) else -1)
        code = {"week": "w", "month": "m", "year": "y"}[unit]
        value: str | None = None
        if year and unit == "year":
            value = year
        elif rd:
            if unit == "week":
                value = _week(rd + _dt.timedelta(weeks=n))
            elif unit == "month":
                value = _add_months(rd, n)
            else:
                value = f"{rd.year + n:04d}"
        e = m.end() if (year and unit == "year") else m.end(3) if which else m.end(2)
        cand(m.start(), e, value=value, precision=unit, relative=f"{n:+d}{code}" if n else f"0{code}")
    for m in _REL_WEEKDAY.finditer(f) if any(w in f for w in WEEKDAYS) else ():
        if m.group(0).startswith("الجمعه") and f[max(0, m.start() - 5) : m.start()].strip() in (
            "صلاه",
            "خطبه",
        ):
            continue  # Friday prayer, not a date
        day = WEEKDAYS[m.group(1)]
        which = m.group(2)
        # "الاثنين المقبل", or a future verb before it ("سيخوض الفريق مباراته الخميس"): the next such day
        tense = which is None and _future_before(f, m.start())
        sign = "+" if tense or (which and re.fullmatch(_NEXT, which)) else "-"
        wvalue = None
        if rd:
            if tense:
                # on or after the anchor; a crawl date may be a day after the text was written, so from
                # the day before it
                base = rd - _dt.timedelta(days=1) if upper_bound else rd
                delta = (base - rd).days + (day - base.weekday()) % 7
            elif sign == "+":
                delta = (day - rd.weekday()) % 7 or 7
            else:
                delta = -((rd.weekday() - day) % 7)
                if which and delta == 0:
                    delta = -7
            wvalue = (rd + _dt.timedelta(days=delta)).isoformat()
        cand(m.start(), m.end(), value=wvalue, relative=f"wd{sign}", attrs={"weekday": day})

    # the longest candidates win; ties go to the earliest
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    chosen: list[tuple[int, int, dict[str, object]]] = []
    for c in cands:
        if all(c[1] <= o[0] or o[1] <= c[0] for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c[0])

    # "الموافق" pairs: a Hijri day date then the Gregorian one (or the other way round) are one date
    merged: list[tuple[int, int, dict[str, object]]] = []
    for c in chosen:
        if merged:
            p = merged[-1]
            kinds = {p[2].get("calendar", "gregorian"), c[2].get("calendar", "gregorian")}
            day_both = p[2].get("precision", "day") == "day" == c[2].get("precision", "day")
            absolute = not p[2].get("relative") and not c[2].get("relative")
            if kinds == {"hijri", "gregorian"} and day_both and absolute and _PAIR_GLUE.match(f[p[1] : c[0]]):
                h, g = (p, c) if p[2].get("calendar") == "hijri" else (c, p)
                attrs = {**dict(h[2].get("attrs") or {}), **dict(g[2].get("attrs") or {})}  # type: ignore[call-overload]
                attrs["hijri_value"] = h[2]["value"]
                s, e = _balance(f, p[0], c[1])
                merged[-1] = (s, e, {"value": g[2]["value"], "calendar": "gregorian", "attrs": attrs})
                continue
        merged.append(c)

    out = []
    for s, e, kw in merged:
        out.append(
            DateMention(
                s,
                e,
                text[s:e],
                kw.get("value"),  # type: ignore[arg-type]
                str(kw.get("calendar", "gregorian")),
                str(kw.get("precision", "day")),
                kw.get("relative"),  # type: ignore[arg-type]
                dict(kw.get("attrs") or {}),  # type: ignore[call-overload]
            )
        )
    return out


__all__ += [
    "HIJRI_MONTHS",
    "WEEKDAYS",
    "DateMention",
    "find_date_mentions",
    "hijri_to_gregorian",
    "implied_publication_date",
]
