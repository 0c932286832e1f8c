"""The lines around a news article's title: who wrote it, from where, when, and what is not a byline.

These rules hold for both input paths (text dumps and HTML) and read one short line at a time. The
cue words are data (``khabar/data/byline_cues_ar.tsv``):

* :func:`writer_name` — the writer named in a byline, the name kept whole: "كتبت آية دعبس" → "آية دعبس",
  "ـ بقلم: سمير عطا الله" → "سمير عطا الله" (the verb is matched as a whole word, the longest form first,
  so كتبت is never read as كتب + "ت");
* :func:`is_reading_time`, :func:`is_counter`, :func:`is_clock`, :func:`is_weekday_only` — labels that
  sit where bylines sit and are not one: "2 min", "3 دقائق للقراءة", "الزيارات: 1532", "07:00 ص",
  "الإثنين،";
* :func:`split_stamp` — a time stamp's publication and last-update parts: "نشر في 3 مايو 2024 | آخر
  تحديث 5 مايو 2024" gives both; "الأربعاء، 28 آب 2013، آخر تحديث 14:00" is one moment, the last update
  (its date is the update's day, only the clock time follows the cue);
* :func:`agency_dateline` — an agency dateline opening a paragraph or standing alone: "الرياض (واس) -",
  "بيروت - أ ف ب:", "واس - الرياض:" give the place and the agency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from khabar.arabic.dates import WEEKDAYS, find_dates
from khabar.data import bad_row, rows

_CATEGORIES = ("writer", "updated", "published", "reading_time", "agency", "counter")
_LETTER_CLASS = {
    "ا": "[اأإآٱ]",
    "أ": "[اأإآٱ]",
    "إ": "[اأإآٱ]",
    "آ": "[اأإآٱ]",
    "ي": "[يى]",
    "ى": "[يى]",
    "ة": "[ةه]",
    "ه": "[ةه]",
}


def _pattern(phrase: str) -> str:
    """A phrase as a regex that accepts any alef/yeh/teh-marbuta spelling and any run of spaces or
    dots between its parts ("أ ف ب", "أ.ف.ب")."""
    out = []
    for ch in phrase:
        if ch == " ":
            out.append(r"[\s.]+")
        elif ch == ".":
            out.append(r"\.?\s*")
        else:
            out.append(_LETTER_CLASS.get(ch, re.escape(ch)))
    return "".join(out)


@cache
def cues() -> dict[str, tuple[str, ...]]:
    """The cue phrases by category, longest first (a broken data file raises ``DataFileError``)."""
    got: dict[str, list[str]] = {c: [] for c in _CATEGORIES}
    for row in rows("byline_cues_ar.tsv", columns=2):
        category, phrase = row.cols
        if category not in got or not phrase.strip():
            raise bad_row("byline_cues_ar.tsv", row.line, "not 'category<TAB>phrase'", row.cols)
        got[category].append(phrase.strip())
    return {c: tuple(sorted(v, key=len, reverse=True)) for c, v in got.items()}


# a word edge: not inside a run of letters (Arabic or Latin)
_L = r"(?<![^\W\d_])"
_R = r"(?![^\W\d_])"


@cache
def _cue_re(category: str) -> re.Pattern[str]:
    return re.compile(_L + "(?:" + "|".join(_pattern(p) for p in cues()[category]) + ")" + _R, re.I)


_LEAD = re.compile(r"^[\s\-–—ـ•·*|:]+")
_TIME = re.compile(
    r"(?<!\d)\d{1,2}[:.]\d{2}(?::\d{2})?(?!\d)(?:\s*(?:ص|م|مساء|مساءً|صباحا|صباحاً|am|pm|AM|PM)(?!\w))?"
    r"(?:\s*\((?:GMT|UTC|بتوقيت)[^)]{0,20}\))?"
)
_ANY_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
_HIJRI = re.compile(r"\d{1,2}\s+\S+\s+1[34]\d\d\s*هـ?")
_NAME_EDGE = " \t-–—ـ|·،,:;()[]"


def _strip_dates(text: str) -> str:
    for d in reversed(find_dates(text)):
        text = text[: d.start] + " " + text[d.end :]
    return _TIME.sub(" ", _HIJRI.sub(" ", text))


def _strip_edges(t: str) -> str:
    """``t`` without dashes and punctuation at its ends; a bracket stays when its pair is kept
    ("سعاد الشمراني (الرياض)")."""
    edge = _NAME_EDGE.replace("(", "").replace(")", "")
    while True:
        u = t.strip(edge)
        if u.endswith(")") and "(" not in u:
            u = u[:-1]
        if u.startswith("(") and ")" not in u:
            u = u[1:]
        if u == t:
            return t
        t = u


@lru_cache(maxsize=8192)  # bylines repeat across a site's pages ("واس", the same reporters)
def writer_name(text: str) -> str | None:
    """The writer a byline names, or None when the line names nobody.

    A leading dash or bullet and a cue word ("كتب", "كتبت", "كتبوا", "بقلم", "إعداد", "تحرير", "By" …)
    are cut off as whole words; dates, clock times, reading times and stamp words ("آخر تحديث",
    "نشر في") are not names."""
    t = _LEAD.sub("", text)
    m = _cue_re("writer").match(t)
    if m:
        t = t[m.end() :]
    t = _LEAD.sub("", t)
    if is_reading_time(t) or is_clock(t) or is_weekday_only(t):
        return None
    if _ANY_DIGIT.search(t):  # dates, clock times and the stamps that carry them hold a digit
        t = _cue_re("published").sub(" ", _cue_re("updated").sub(" ", _strip_dates(t)))
    words = [w for w in t.split() if not _is_weekday(w)]
    t = _strip_edges(" ".join(words))
    if not re.search(r"[^\W\d_]{2}", t) or len(t.split()) > 12:
        return None
    return t


def has_writer_cue(text: str) -> bool:
    """Whether a line opens with a writer cue ("كتب", "بقلم", "By" …) after any leading dash."""
    return _cue_re("writer").match(_LEAD.sub("", text)) is not None


def is_reading_time(text: str) -> bool:
    """A reading-time label: "2 min", "5 min read", "3 دقائق للقراءة", "وقت القراءة: دقيقتان"."""
    if len(text) > 60 or not re.search(r"[\d٠-٩]|دقيق", text):
        return False  # a label of a few words with a number (or "دقيقة", "دقيقتان")
    t = " ".join(text.split())
    if not t or len(t.split()) > 6:
        return False
    rest = _cue_re("reading_time").sub(" ", t)
    rest = re.sub(r"[\d٠-٩:\-–.،,()]+|وقت|مدة|time|temps|de", " ", rest, flags=re.I)
    has_unit = _cue_re("reading_time").search(t) is not None
    return has_unit and not rest.strip() and bool(re.search(r"[\d٠-٩]|دقيقت", t))


def is_counter(text: str) -> bool:
    """A page counter: "الزيارات: 1532", "320 مشاهدة", "Hits: 87", "التعليقات (4)" — a label of at
    most four words from ``counter`` in ``data/byline_cues_ar.tsv`` and a number, nothing else. A
    template prints it under the title where the byline stands, and the line model (which reads a
    short line with a colon there as a byline) took it for one."""
    t = " ".join(text.split())
    if not t or len(t.split()) > 4 or not _ANY_DIGIT.search(t) or _cue_re("counter").search(t) is None:
        return False
    rest = _cue_re("counter").sub(" ", t)
    return not re.sub(r"[\d٠-٩:\-–.،,()|]+", " ", rest).strip()


def is_clock(text: str) -> bool:
    """A line that is only a clock time ("07:00 ص", "14:00 (GMT+0400)", "| 10:25")."""
    t = _TIME.sub("", text, count=1) if _TIME.search(text) else text
    return t != text and not t.strip(_NAME_EDGE + " ")


def _weekday_key(word: str) -> str:
    from khabar.arabic.dates.absolute import _fold_static

    return _fold_static(word)


def _is_weekday(word: str) -> bool:
    w = word.strip(_NAME_EDGE)
    return w[:2] in ("ال", "آل", "أل", "إل") and _weekday_key(w) in WEEKDAYS  # all weekday names open with ال


def is_weekday_only(text: str) -> bool:
    """A line that is only a weekday name, perhaps with يوم and punctuation ("الإثنين،")."""
    words = text.replace("،", " ").replace(",", " ").strip(_NAME_EDGE).split()
    if words and words[0] == "يوم":
        words = words[1:]
    return len(words) == 1 and _weekday_key(words[0]) in WEEKDAYS


def is_stamp_words(text: str) -> bool:
    """Whether a line's head before its date holds only weekday names and stamp cues ("نشر في",
    "آخر تحديث:", "الإثنين،"): the words of a time stamp, where a dateline would name a place."""
    t = _cue_re("published").sub(" ", _cue_re("updated").sub(" ", text))
    words = [w.strip(_NAME_EDGE) for w in t.split()]
    words = [w for w in words if w and w != "يوم" and _weekday_key(w) not in WEEKDAYS]
    return not words


@dataclass(frozen=True, slots=True)
class Stamp:
    """The dates of a time stamp line: ``published`` and ``modified`` (ISO), either may be None."""

    published: str | None
    modified: str | None


def split_stamp(text: str) -> Stamp:
    """Read a date line as publication and last update.

    Without an update cue the first date is the publication. With one ("آخر تحديث", "Updated"), the
    dates after the cue are the update; the dates before it are the publication, unless only a clock
    time follows the cue: then the line names one moment, the last update, and its date is that day
    ("الأربعاء، 28 آب 2013، آخر تحديث 14:00"). A publication cue after the update cue names the
    dates after it ("آخر تحديث: 6 مايو | نشر: 5 مايو"). Month names between slashes and numbered Levantine
    months are read (:func:`stamp_text`)."""
    dates = find_dates(stamp_text(text))
    m = _cue_re("updated").search(text)
    if not m:
        return Stamp(dates[0].iso if dates else None, None)
    p = next((c for c in _cue_re("published").finditer(text) if c.start() >= m.end()), None)
    if p is not None:
        # the update printed first ("آخر تحديث: 2024/12/06 | نشر: 2024/12/05"): each cue names the
        # dates after it
        upd = [d for d in dates if m.end() <= d.start < p.start()]
        pub = [d for d in dates if d.start >= p.end()]
        return Stamp(pub[0].iso if pub else None, upd[0].iso if upd else None)
    before = [d for d in dates if d.end <= m.start()]
    after = [d for d in dates if d.start >= m.end()]
    if after:
        return Stamp(before[0].iso if before else None, after[0].iso)
    return Stamp(None, before[-1].iso if before else None)


def is_stamp_line(text: str) -> bool:
    """A line that is a time stamp and nothing more: a date, with at most a weekday, a clock time and
    stamp cues beside it ("تاريخ النشر: 02 ديسمبر 2024 - 23:10", "02-12-2024 13:45", "نشر في: … |
    آخر تحديث: …"). What a template prints under or over the headline, whatever the line model
    made of it."""
    if len(text) > 120 or not find_dates(stamp_text(text)):
        return False
    rest = _strip_dates(stamp_text(text))
    return is_stamp_words(" ".join(w for w in rest.split() if w.strip(_NAME_EDGE + "/")))


#: a month name between slashes ("03/ديسمبر/2024") and a Levantine month numbered beside the
#: Gregorian one, as some CMS locales print them ("12 تشرين1/أكتوبر 2024", "كانون2/يناير")
_SLASHED_MONTH = re.compile(r"(?<=\d)\s*/\s*([^\W\d_]{3,})\s*/\s*(?=\d)")
_NUMBERED_MONTH = re.compile(r"[^\W\d_]{3,}[12]\s*/\s*(?=[^\W\d_])")


def stamp_text(text: str) -> str:
    """``text`` with the date shapes :func:`~khabar.arabic.dates.find_dates` does not read put as it
    reads them, at the same offsets: "03/ديسمبر/2024" → "03 ديسمبر 2024", "12 تشرين1/أكتوبر 2024"
    → "12 أكتوبر 2024" (padded with spaces)."""
    text = _SLASHED_MONTH.sub(
        lambda m: " " * (m.start(1) - m.start()) + m.group(1) + " " * (m.end() - m.end(1)), text
    )
    return _NUMBERED_MONTH.sub(lambda m: " " * len(m.group()), text)


def is_update_stamp(text: str) -> bool:
    """Whether a line carries a last-update cue ("آخر تحديث", "Updated", "mis à jour")."""
    return _cue_re("updated").search(text) is not None


@dataclass(frozen=True, slots=True)
class Dateline:
    """An agency dateline: the place, the agency, and where the dateline ends in the text."""

    place: str
    agency: str
    end: int


_PLACE = r"([^\W\d_][^\n\d:()«»\"\-–—.]{1,40}?)"
_SEP = r"\s*[-–—:]+\s*"


@cache
def _dateline_res() -> tuple[re.Pattern[str], ...]:
    ag = "(" + "|".join(_pattern(p) for p in cues()["agency"]) + ")"
    return (
        # الرياض (واس) - ، دمشق، سوريا (CNN) --
        re.compile(rf"^\s*{_PLACE}\s*\(\s*{ag}\s*\){_R}(?:{_SEP}|\s*$)", re.I),
        # بيروت - أ ف ب: ، القاهرة - رويترز -
        re.compile(rf"^\s*{_PLACE}{_SEP}\(?{ag}\)?{_R}(?:{_SEP}|\s*$)", re.I),
        # واس - الرياض:
        re.compile(rf"^\s*\(?{ag}\)?{_R}{_SEP}{_PLACE}\s*(?::\s*|$)", re.I),
    )


@cache
def _outlet_names() -> dict[str, tuple[str, ...]]:
    """Outlet names by SaudiNewsNet slug and by host (``outlets_ar.tsv``, read without the gazetteer)."""
    out: dict[str, tuple[str, ...]] = {}
    for row in rows("outlets_ar.tsv", columns=(3, 6)):
        slug, hosts, names_ar = row.cols[:3]
        names = tuple(n.strip() for n in names_ar.split("|") if n.strip())
        for key in (slug, *hosts.split(",")):
            if key.strip():
                out[key.strip().lower()] = names
    return out


def own_outlet_names(site: str | None) -> tuple[str, ...]:
    """The names of a record's own outlet (its source site: ``aljazirah`` or ``al-jazirah.com``): in
    "الجزيرة - واس" on Al Jazirah's pages the first part is the paper, not the region."""
    if not site:
        return ()
    s = site.lower().removeprefix("www.")
    names = _outlet_names()
    return names.get(s) or next((v for k, v in names.items() if "." in k and s.endswith("." + k)), ())


_DATELINE_SEP = re.compile(r"[-–—:(]")


@cache
def _agency_near_start() -> re.Pattern[str]:
    return re.compile("|".join(_pattern(p) for p in cues()["agency"]), re.I)


def agency_dateline(text: str) -> Dateline | None:
    """The place and agency of a dateline that opens ``text`` (or is all of it), else None.

    The place is one to four words ("الرياض", "دمشق، سوريا"); the agency is a name from the cue list."""
    head = text[:90]
    if not _DATELINE_SEP.search(head) or not _agency_near_start().search(head):
        return None  # no agency name where a dateline would be: the common case, cheaply
    for i, rx in enumerate(_dateline_res()):
        m = rx.match(text)
        if not m:
            continue
        place, agency = (m.group(2), m.group(1)) if i == 2 else (m.group(1), m.group(2))
        place = place.strip(_NAME_EDGE)
        if not place or len(place.replace("،", " ").split()) > 4 or _cue_re("writer").match(place):
            continue
        return Dateline(place, " ".join(agency.split()), m.end())
    return None
