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

The package divides as the work does: ``absolute`` (month names, full Gregorian dates: :func:`find_dates`,
:func:`parse_date`, :func:`iso_date`), ``words`` (the Hijri month and weekday tables), ``patterns`` (the
relative words and the mention patterns), ``context`` (when "اليوم" is no date, a clause in the future,
:func:`implied_publication_date`) and ``mentions`` (:func:`find_date_mentions`). The last two (and
``patterns``, which they compile) are imported on first use of their names.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from khabar.arabic.dates.absolute import MONTHS, DateMatch, find_dates, iso_date, parse_date
from khabar.arabic.dates.words import DATE_WORDS, HIJRI_MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from khabar.arabic.dates.context import implied_publication_date
    from khabar.arabic.dates.mentions import DateMention, find_date_mentions, hijri_to_gregorian

#: names whose module compiles the mention patterns (about fifty regular expressions, 0.06 s): imported on
#: first use, so that the cleaning stages, which read only full dates and the word tables, never pay it
_LAZY = {
    "implied_publication_date": "context",
    "DateMention": "mentions",
    "find_date_mentions": "mentions",
    "hijri_to_gregorian": "mentions",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once: later look-ups find it in the module's namespace
    return value


__all__ = [
    "DATE_WORDS",
    "HIJRI_MONTHS",
    "MONTHS",
    "WEEKDAYS",
    "DateMatch",
    "DateMention",
    "find_date_mentions",
    "find_dates",
    "hijri_to_gregorian",
    "implied_publication_date",
    "iso_date",
    "parse_date",
]
