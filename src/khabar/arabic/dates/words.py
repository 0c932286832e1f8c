"""The date words of one table each: Hijri month names, weekday names, and the one-word names of both
and of the Gregorian months (:data:`DATE_WORDS`). Apart from the mention patterns (:mod:`.patterns`,
built from them) because the cleaning stages read these tables and not the patterns: importing them
compiles no regular expression."""

from __future__ import annotations

from khabar.arabic.dates.absolute import MONTHS, _fold_static

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
#: the weekday and month names of one word (normalised, as the three tables hold them): after a name
#: they say when, and never name a place (الخميس is Khemis Miliana in GeoNames)
DATE_WORDS = frozenset(w for w in (*WEEKDAYS, *MONTHS, *HIJRI_MONTHS) if " " not in w)
