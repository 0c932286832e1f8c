"""When a date word is no date, and what a text's weekdays say about its own date: "اليوم" in a name
(quoted, after an outlet noun, a byline) or meaning "that day" (``dates_context_ar.tsv``), a clause in the
future before a weekday, and :func:`implied_publication_date`."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import cache

from khabar.arabic.dates.absolute import _fold, _fold_static, iso_date
from khabar.arabic.dates.patterns import _REL_DAY_BEFORE_WD, _WD_FAST, _alt, _rel_offset
from khabar.arabic.dates.words import WEEKDAYS


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
    for w in _WD_FAST().finditer(text):
        s = w.start()
        if s and (text[s - 1].isalnum() or text[s - 1] == "_"):
            continue  # inside a word
        window = _fold(text[max(0, s - 31) : s])  # one character more: the word boundary before it
        m = _REL_DAY_BEFORE_WD().search(window, 1 if s > 30 else 0)
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


def _as_date(ref: str | _dt.date | None) -> _dt.date | None:
    if ref is None or isinstance(ref, _dt.date):
        return ref
    iso = iso_date(ref)
    return _dt.date.fromisoformat(iso) if iso else None
