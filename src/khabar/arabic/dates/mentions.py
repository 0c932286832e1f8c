"""Date mentions against an anchor (:func:`find_date_mentions`): full, month+year and year-only dates
in either calendar, Hijri dates converted to Gregorian, Hijri/Gregorian pairs, weekday names and relative
days, each resolved against the record's ``published`` date (the package docstring,
:mod:`khabar.arabic.dates`, says how)."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from khabar.arabic.dates.absolute import (
    _fold,
    _month,
    _valid,
)
from khabar.arabic.dates.context import (
    _as_date,
    _future_before,
    _not_today,
    _on_weekday,
)
from khabar.arabic.dates.patterns import (
    _COUNTED,
    _DECADE,
    _DECADE_NEEDS,
    _GREG_DM,
    _GREG_DM_CORE,
    _GREG_DMY,
    _GREG_DMY_CORE,
    _GREG_MDY,
    _GREG_MDY_CORE,
    _GREG_MY,
    _GREG_NUM,
    _GREG_YMD,
    _HIJRI_DMY,
    _HIJRI_DMY_CORE,
    _HIJRI_MY,
    _HIJRI_NUM,
    _HIJRI_NUM_CORE,
    _HM_GATE,
    _LAST,
    _NEXT,
    _NUM_GATE,
    _PAIR_GLUE,
    _PAIRED_WEEKDAY,
    _RANGE_YEAR,
    _REL_DAY,
    _REL_DAY_NEEDS,
    _REL_UNIT,
    _REL_WEEKDAY,
    _THIS,
    _UNIT,
    _YEAR4,
    _YEAR_ONLY,
)
from khabar.arabic.dates.words import HIJRI_MONTHS, WEEKDAYS


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
    year4 = _YEAR4().search(f) is not None
    for m in _GREG_DMY().finditer(f) if year4 and _GREG_DMY_CORE().search(f) else ():
        mo = _month(m.group(3))
        iso = _valid(int(m.group(4)), mo, int(m.group(2))) if mo else None
        if iso:
            cand(m.start(), m.end(), value=iso, attrs=wd(m.group(1)))
    for m in _GREG_MDY().finditer(f) if year4 and _GREG_MDY_CORE().search(f) else ():
        mo = _month(m.group(2))
        iso = _valid(int(m.group(4)), mo, int(m.group(3))) if mo else None
        if iso:
            cand(m.start(), m.end(), value=iso, attrs=wd(m.group(1)))
    numeric = _NUM_GATE().search(f) is not None  # most texts hold no numeric date: skip the slow scans
    # a Hijri month name is in every match of _HIJRI_DMY and _HIJRI_MY, and in one text in ten
    hijri = _HM_GATE().search(f) is not None
    for m in _GREG_NUM().finditer(f) if numeric else ():
        a, b, y = int(m.group(3)), int(m.group(5)), int(m.group(6))
        named = _month(m.group(2)) if m.group(2) else None
        iso = _valid(y, b, a) or _valid(y, a, b)
        if iso and (named is None or int(iso[5:7]) == named):
            cand(m.start(), m.end(), value=iso, attrs=wd(m.group(1)))
    for m in _GREG_YMD().finditer(f) if numeric else ():  # (_NUM_GATE's second alternative)
        iso = _valid(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if iso:
            cand(m.start(), m.end(), value=iso)
    for m in _GREG_DM().finditer(f) if _GREG_DM_CORE().search(f) else ():
        mo, day = _month(m.group(3)), int(m.group(2))
        if not mo or not _valid(2000, mo, day):
            continue
        which = m.group(4) or ""
        dm_value: str | None = None
        shared = _RANGE_YEAR().match(f, m.end())
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
    for m in _GREG_MY().finditer(f) if year4 else ():
        mo, y = _month(m.group(1)), int(m.group(2))
        if mo and _valid(y, mo, 1):
            cand(m.start(), m.end(), value=f"{y:04d}-{mo:02d}", precision="month")
    for m in _HIJRI_DMY().finditer(f) if hijri and _HIJRI_DMY_CORE().search(f) else ():
        hm = HIJRI_MONTHS[re.sub(r"\s+", " ", m.group(3))]
        hy, hd = int(m.group(4)), int(m.group(2))
        conv = hijri_to_gregorian(hy, hm, hd)
        if conv:
            attrs = {"hijri": f"{hy:04d}-{hm:02d}-{hd:02d}", "hijri_method": conv[1], **wd(m.group(1))}
            cand(m.start(), m.end(), value=conv[0].isoformat(), calendar="hijri", attrs=attrs)
    for m in _HIJRI_NUM().finditer(f) if numeric and _HIJRI_NUM_CORE().search(f) else ():
        if m.group(5):  # day / month / year
            hy, hm, hd = int(m.group(5)), int(m.group(4)), int(m.group(2))
        else:  # year / month / day
            hy, hm, hd = int(m.group(6)), int(m.group(8)), int(m.group(9))
        conv = hijri_to_gregorian(hy, hm, hd) if 1 <= hm <= 12 else None
        if conv:
            attrs = {"hijri": f"{hy:04d}-{hm:02d}-{hd:02d}", "hijri_method": conv[1], **wd(m.group(1))}
            cand(m.start(), m.end(), value=conv[0].isoformat(), calendar="hijri", attrs=attrs)
    for m in _HIJRI_MY().finditer(f) if hijri else ():
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
    for m in _YEAR_ONLY().finditer(f) if year4 else ():
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
        elif _COUNTED().match(f, m.end()) and not f[m.start()].isalpha():
            continue  # a bare number before a counted noun is a count
        elif 1800 <= y <= 2100 and (m.group(2) is None or 0 < int(m.group(2)) - y < 100):
            until = {"until": m.group(2)} if m.group(2) else {}
            cand(m.start(), m.end(), value=f"{y:04d}", precision="year", attrs=until)
    for m in _DECADE().finditer(f) if _DECADE_NEEDS in f else ():
        cand(m.start(), m.end(), value=None, precision="decade")
    for (rx, off), need in zip(_REL_DAY, _REL_DAY_NEEDS, strict=True):
        for m in rx().finditer(f) if need in f else ():
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
    for m in _REL_UNIT().finditer(f) if any(u in f for u in _UNIT) else ():
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
    for m in _REL_WEEKDAY().finditer(f) if any(w in f for w in WEEKDAYS) else ():
        if m.group(0).startswith("الجمعه") and f[max(0, m.start() - 5) : m.start()].strip() in (
            "صلاه",
            "خطبه",
        ):
            continue  # Friday prayer, not a date
        day = WEEKDAYS[m.group(1)]
        which = m.group(2)
        if which is None and (pair := _PAIRED_WEEKDAY().match(f, m.end())) is not None:
            which = pair.group(1)  # يومي الثلاثاء والأربعاء المقبلين: the dual's direction is both days'
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
            if (
                kinds == {"hijri", "gregorian"}
                and day_both
                and absolute
                and _PAIR_GLUE().match(f[p[1] : c[0]])
            ):
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
