"""Full Gregorian dates as Arabic pages print them (the three families of month names, any digits, day
first unless only the other order is a date), to ISO ``YYYY-MM-DD``: :func:`find_dates`,
:func:`parse_date`, :func:`iso_date`; and the month-name table and spelling fold the mention patterns
are built from."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from khabar.arabic.regex_start import lazy_pattern

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
    """Same-length folding (so offsets stay valid): alef/yeh/teh-marbuta forms, digits, case.

    ``s.translate(_FOLD).lower()`` as one ``str.replace`` per character present (no replacement is
    itself replaced, so in turn equals at once): a translation through a dict looks every character
    up from Python's side, ten times slower on a whole text (issue 15)."""
    for ch, repl in _FOLD_PAIRS:
        if ch in s:
            s = s.replace(ch, repl)
    return s.lower()


#: :data:`_FOLD` as (character, replacement) pairs
_FOLD_PAIRS = tuple((chr(k), str(v)) for k, v in _FOLD.items())


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
_RB = r"(?=م?(?![\w]))"  # ... and the year may carry a glued era letter ("5 ديسمبر 2024م")
# compiled on first use (khabar.arabic.regex_start.lazy_pattern): the cleaning stages ask find_dates of
# many lines, few of which hold a year, and a run whose pages hold none never compiles them
_DMY = lazy_pattern(
    rf"{_LB}(\d{{1,2}})(?:st|nd|rd|th|er)?{_SEP}(?:من\s+)?(?:شهر\s+)?({_M}){_M2}{_SEP}(?:عام\s+|سنة\s+)?(\d{{4}}){_RB}",
    re.IGNORECASE,
)
_MDY = lazy_pattern(
    rf"{_LB}({_M}){_M2}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*[,،]?\s*(\d{{4}}){_RB}", re.IGNORECASE
)
_NUM_DMY = lazy_pattern(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-]|\.\d)")
_NUM_YMD = lazy_pattern(r"(?<![\d/.-])(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/-]|\.\d)")
#: four digits in a row: every match of the four patterns above holds one (its year)
_YEAR_DIGITS = re.compile(r"\d{4}")
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
    if _YEAR_DIGITS.search(f) is None:
        return []  # no year, no date (most lines): the four scans are not run
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, iso: str | None) -> None:
        if iso is None or any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        found.append(DateMatch(s, e, iso))

    for m in _DMY().finditer(f):
        mo = _month(m.group(2))
        if mo:
            add(m.start(), m.end(), _valid(int(m.group(3)), mo, int(m.group(1))))
    for m in _MDY().finditer(f):
        mo = _month(m.group(1))
        if mo:
            add(m.start(), m.end(), _valid(int(m.group(3)), mo, int(m.group(2))))
    for m in _NUM_YMD().finditer(f):
        add(m.start(), m.end(), _valid(int(m.group(1)), int(m.group(3)), int(m.group(4))))
    for m in _NUM_DMY().finditer(f):
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
