"""Quantities in Arabic text: durations, money, counts, percentages, power, distance and weight.

:func:`find_quantities` returns :class:`~khabar.model.Span` objects labelled ``quantity`` whose
``attrs`` hold:

* ``kind``: ``duration``, ``money``, ``percent``, ``power``, ``distance``, ``weight`` or ``count``
* ``value``: the normalised value: seconds for durations (a month is counted as 30 days and a year as
  365 days), the amount for money, the percentage for percentages (``50%`` → 50), watts for power,
  metres for distance, kilograms for weight, the number for counts
* ``unit``: ``s``; an ISO 4217 code for money (``دولار`` → USD, ``ريال`` → SAR unless a country
  says otherwise, ``يورو`` → EUR, ``جنيه`` → EGP, ``درهم`` → AED, ``دينار``/``ليرة`` → ``dinar``/
  ``lira`` unless a country adjective follows); ``%``; ``W``; ``m``; ``kg``; for counts the counted
  noun as written
* ``number``: the number as written (90 for ``90 دقيقة``)
* ``assumes``: for months and years, the fixed length used (``month = 30 days``, ``year = 365 days``)
* ``extra``: True for a duration said to be additional (``45 دقيقة إضافية``)
* ``approx``: True after a hedge (حوالي، نحو، قرابة، زهاء، ما يقارب، ما يناهز، أكثر من، أقل من …) or
  before ``تقريباً`` (which the span then includes); ``bound`` is ``min`` after "more than" words
  and ``max`` after "less than"
* ranges (``بين 3 و5 ساعات``, ``من 3 إلى 5 ساعات``, ``3-5 ساعات``): ``value`` is the mean, with
  ``low`` and ``high``

The span covers the number and its unit (and a range's ``بين``/``من``), not the hedge word, so
``span.text == text[span.start:span.end]`` always. Durations also come without a number: duals
(``يومين``, ``الساعتين``), a unit with a fraction (``ساعة ونصف الساعة``, ``نصف ساعة``), and a
fraction or a smaller unit added with ``و`` (``الساعتين وربع الساعة`` → 8100 s,
``ساعة و15 دقيقة`` → 4500 s).
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from khabar import data
from khabar.arabic.clitics import CACHE_WORDS, zipf
from khabar.arabic.dates import HIJRI_MONTHS, MONTHS
from khabar.arabic.normalize import normalize
from khabar.arabic.numbers import Value, number_start, parse_number, word_value
from khabar.arabic.tokenize import Token, tokenize
from khabar.model import Span

__all__ = ["find_quantities", "is_unit_word"]

_DAY = 86400
#: calendar units counted at a fixed length, said in the span's ``assumes`` attr
_ASSUMED: dict[Value, str] = {30 * _DAY: "month = 30 days", 365 * _DAY: "year = 365 days"}


@dataclass(frozen=True, slots=True)
class _Unit:
    kind: str
    factor: Value
    unit: str


def _table(entries: dict[tuple[str, ...], _Unit]) -> dict[str, _Unit]:
    return {normalize(w): u for words, u in entries.items() for w in words}


_UNITS_FILE = "quantities_units_ar.tsv"
_WORDS_FILE = "quantities_words_ar.tsv"


def _factor(text: str, line: int) -> Value:
    """A unit's factor as the data file writes it: an integer stays an int (1000), a decimal a float."""
    try:
        return int(text) if text.isdigit() else float(text)
    except ValueError:
        raise data.bad_row(_UNITS_FILE, line, "a factor that is no number", text) from None


def _unit_table(which: str) -> dict[str, _Unit]:
    """The units of ``quantities_units_ar.tsv`` whose table is ``which`` (unit, dual), by normalised form."""
    entries: dict[tuple[str, ...], _Unit] = {}
    for line, (table, forms, kind, factor, unit) in data.rows(_UNITS_FILE, columns=5):
        if table not in ("unit", "dual"):
            raise data.bad_row(_UNITS_FILE, line, "a table that is neither unit nor dual", table)
        if table == which:
            entries[tuple(forms.split())] = _Unit(kind, _factor(factor, line), unit)
    return _table(entries)


@functools.cache
def _words_file() -> list[data.Row]:
    return data.rows(_WORDS_FILE, columns=3)


def _word_rows(name: str) -> list[tuple[str, str]]:
    """The (words, value) rows of the list ``name`` of ``quantities_words_ar.tsv``, in file order."""
    return [(words, value) for _, (n, words, value) in _words_file() if n == name]


def _listed(name: str) -> frozenset[str]:
    return frozenset(normalize(w) for w, _ in _word_rows(name))


_UNITS = _unit_table("unit")


def is_unit_word(norm: str) -> bool:
    """Whether the normalised word is a unit a number counts (درهم، دولار، كيلومتر، ساعة)."""
    return norm in _UNITS


_DUALS = _unit_table("dual")


def _currency_countries() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for _, (name, adjective, code) in _words_file():
        if name.startswith("currency."):
            out.setdefault(name.removeprefix("currency."), {})[normalize(adjective)] = code
    return out


#: a currency's country adjective → ISO 4217 code, by currency
_CURRENCY_COUNTRY = _currency_countries()

#: the words before a number that make it approximate, with the bound they set (None: about)
_HEDGES: dict[tuple[str, ...], str | None] = {
    tuple(normalize(w) for w in words.split()): bound or None for words, bound in _word_rows("hedge")
}
_APPROX_AFTER = _listed("approx_after")
_PERCENT_SIGNS = frozenset("%٪")
_PERCENT_WORDS = _listed("percent_word")
_PERCENT_GLUED = _listed("percent_glued")
_RANGE_TO = _listed("range_to")
_EXTRA_WORDS = _listed("extra")
#: words that never are the noun a number counts; and the month names: a day number before a month name
#: is a date ("25 شوال" with no year), not a count of Shawwals
#: a number of one to three digits, a dot and three more: in a count, a thousands separator
_THOUSANDS_DOT = re.compile(r"\d{1,3}\.\d{3}")
#: negations before a verb, and ordinals before the tens word: what follows is no counted number
_NEGATIONS = _listed("negation")
_ORDINALS = _listed("ordinal")
_NOT_COUNTED = _listed("not_counted") | {normalize(m.split()[0]) for m in (*MONTHS, *HIJRI_MONTHS)}


def _scale_of(word: str) -> Value:
    """The scale a word names (ألف 1000, ملايين 10^6), 0 for any other word."""
    wv = word_value(word)
    if wv is None or wv.cls not in ("scale", "scale_plural"):
        return 0
    return wv.value


def _norm(tok: Token) -> str:
    return normalize(tok.text)


def _unit_at(toks: Sequence[Token], k: int, table: dict[str, _Unit]) -> _Unit | None:
    """The unit word at token ``k`` in ``table`` (also with the accusative alef, ``عاماً``)."""
    if k >= len(toks):
        return None
    w = _norm(toks[k])
    u = table.get(w)
    if u is None and w.endswith("ا") and (len(w) > 3 or "\u064b" in toks[k].text):
        # the accusative alef; on a two-letter unit only when its tanween is written (طناً), since
        # كما "as" would read as كم "km"
        u = table.get(w[:-1])
    return u


def _dual_at(toks: Sequence[Token], k: int) -> _Unit | None:
    """A dual duration (``يومين``), with or without the article (``الساعتين``)."""
    if k >= len(toks):
        return None
    w = _norm(toks[k])
    return _DUALS.get(w) or (_DUALS.get(w[2:]) if w.startswith("ال") else None)


def _fraction_at(toks: Sequence[Token], k: int, joined: bool) -> tuple[Value, int] | None:
    """A fraction word at ``k`` (after ``و`` when ``joined``): (value, next index)."""
    if k >= len(toks):
        return None
    t = toks[k].text
    if joined:
        if t == "و":
            k += 1
            if k >= len(toks):
                return None
            t = toks[k].text
        elif t.startswith("و"):
            t = t[1:]
        else:
            return None
    wv = word_value(t)
    if wv is None or wv.cls != "fraction":
        return None
    return wv.value, k + 1


def _same_unit_after(toks: Sequence[Token], k: int, unit: _Unit) -> int:
    """Skip ``الساعة`` after ``ونصف``/``وربع`` when it repeats the unit: the next index."""
    if k < len(toks):
        w = _norm(toks[k])
        if w.startswith("ال") and _UNITS.get(w[2:]) == unit:
            return k + 1
    return k


#: words after which a lone singular unit is one of it: "لمدة ساعة" is an hour, "بعد ساعة" is not sure to be
_SPAN_CUES: tuple[tuple[str, ...], ...] = tuple(
    tuple(normalize(w) for w in cue.split()) for cue, _ in _word_rows("span_cue")
)


def _phrase_before(
    toks: Sequence[Token], i: int, phrases: Iterable[tuple[str, ...]], *, clitic: bool = True
) -> tuple[str, ...] | None:
    """The first of ``phrases`` (normalised words) that ends right before token ``i``; with ``clitic``
    a ب ل و ف on its first word is fine."""
    if i < 1:
        return None
    last = _norm(toks[i - 1])
    # only the phrases that end in this word are tried (the phrases of one list, by their last word,
    # in their order); a one-word phrase may carry the clitic on that word
    by_last = _by_last_word(tuple(phrases))
    cands = by_last.get(last, ())
    if clitic and len(last) > 2 and last[0] in "بلوف":
        # in the list's own order: the first phrase that matches wins, as it always has
        cands = tuple(sorted((*cands, *(p for p in by_last.get(last[1:], ()) if len(p[1]) == 1))))
    for _, words in cands:
        n = len(words)
        if i - n < 0:
            continue
        got = [_norm(t) for t in toks[i - n : i]]
        first = got[0]
        if got[1:] == list(words[1:]) and (
            first == words[0] or (clitic and len(first) > 2 and first[0] in "بلوف" and first[1:] == words[0])
        ):
            return words
    return None


@functools.cache
def _by_last_word(
    phrases: tuple[tuple[str, ...], ...],
) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """The phrases of one list by their last word, each with its place in the list."""
    out: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for k, words in enumerate(phrases):
        out.setdefault(words[-1], []).append((k, words))
    return {w: tuple(v) for w, v in out.items()}


def _hedge_before(toks: Sequence[Token], i: int) -> tuple[bool, str | None]:
    """Whether a hedge ends right before token ``i`` (a clitic ب ل و ف on its first word is fine)."""
    words = _phrase_before(toks, i, _HEDGES)
    return (True, _HEDGES[words]) if words is not None else (False, None)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = tokenize(text)

    def span(self, start: int, end: int, attrs: dict[str, Any]) -> Span:
        return Span(start, end, "quantity", self.text[start:end], attrs)

    # -- durations without a number ---------------------------------------------------------------
    def _compound(self, k: int, value: Value, unit: _Unit) -> tuple[Value, int]:
        """Add ``وربع الساعة`` / ``و15 دقيقة`` after a duration ending before token ``k``."""
        toks = self.toks
        while k < len(toks):
            fr = _fraction_at(toks, k, joined=True)
            if fr is not None and unit.kind == "duration":
                value += fr[0] * unit.factor
                k = _same_unit_after(toks, fr[1], unit)
                break
            t = toks[k].text
            nk = k + 1 if t == "و" else k
            if not (t == "و" or t.startswith("و")) or unit.kind != "duration":
                break
            num = parse_number(self.text, toks, nk)
            if num is None or (num[0].start == toks[nk].start and t != "و"):
                break
            u2 = _unit_at(toks, num[1], _UNITS)
            if u2 is None or u2.kind != "duration" or u2.factor >= unit.factor:
                break
            value += num[0].value * u2.factor
            unit, k = u2, num[1] + 1
        return value, k

    def bare_duration(self, i: int) -> tuple[int, Value, Value, int, str | None] | None:
        """(start, value, number, next index, assumption) of a duration with no number at ``i``."""
        toks = self.toks
        if not _bare_head(toks[i].text):
            return None
        dual = _dual_at(toks, i)
        if dual is not None:
            unit = _UNITS[normalize(_base_of(dual))]
            value, k = self._compound(i + 1, dual.factor, unit)
            return toks[i].start, value, 2, k, _ASSUMED.get(unit.factor)
        single = _unit_at(toks, i, _UNITS)
        if single is not None and single.kind == "duration":
            # ساعة ونصف الساعة، ساعة و15 دقيقة: a bare unit counts with something added, or alone
            # after a word that asks "for how long" (لمدة ساعة، على مدار أسبوع، طيلة يوم)
            value, k = self._compound(i + 1, single.factor, single)
            if k == i + 1 and _phrase_before(toks, i, _SPAN_CUES, clitic=False) is None:
                return None
            return toks[i].start, value, _tidy(value / single.factor), k, _ASSUMED.get(single.factor)
        fr = _fraction_at(toks, i, joined=False)
        if fr is not None and fr[1] < len(toks):  # نصف ساعة / ربع الساعة
            w = _norm(toks[fr[1]])
            u = _UNITS.get(w) or (_UNITS.get(w[2:]) if w.startswith("ال") else None)
            if u is not None and u.kind == "duration":
                return toks[i].start, fr[0] * u.factor, fr[0], fr[1] + 1, _ASSUMED.get(u.factor)
        return None

    # -- everything -------------------------------------------------------------------------------
    def with_unit(self, k: int, value: Value) -> tuple[dict[str, Any], int] | None:
        """The unit after a number that ends before token ``k``: (attrs, next index)."""
        toks = self.toks
        if k >= len(toks):
            return None
        t = toks[k].text
        w = _norm(toks[k])
        if t in _PERCENT_SIGNS:
            return {"kind": "percent", "value": value, "unit": "%"}, k + 1
        if w in _PERCENT_GLUED:
            return {"kind": "percent", "value": value, "unit": "%"}, k + 1
        if w == "في" and k + 1 < len(toks) and _norm(toks[k + 1]) in _PERCENT_WORDS:
            return {"kind": "percent", "value": value, "unit": "%"}, k + 2
        u = _unit_at(toks, k, _UNITS)
        if u is None:
            return None
        k += 1
        attrs: dict[str, Any] = {"kind": u.kind, "unit": u.unit}
        if u.kind == "money":
            countries = _CURRENCY_COUNTRY.get(u.unit, {})
            if k < len(toks):
                cw = _norm(toks[k])
                code = countries.get(cw) or (countries.get(cw[:-1]) if cw.endswith("ه") else None)
                if code is not None:
                    attrs["unit"] = code
                    k += 1
            attrs["value"] = value
        elif u.kind == "duration":
            total, k = self._compound(k, value * u.factor, u)
            attrs["value"] = _tidy(total)
            if u.factor in _ASSUMED:
                attrs["assumes"] = _ASSUMED[u.factor]
        else:
            attrs["value"] = _tidy(value * u.factor)
        return attrs, k

    def count_noun(self, k: int, first_tok: Token, spelled: bool, value: Value) -> bool:
        """Whether token ``k`` is a noun counted by the number before it."""
        toks = self.toks
        if k >= len(toks):
            return False
        t = toks[k].text
        w = _norm(toks[k])
        if not t[0].isalpha() or not any("\u0621" <= c <= "\u064a" for c in t) or any(map(str.isdigit, t)):
            return False  # (و60 of "بين 50 و60": a number, not a noun)
        if w in _NOT_COUNTED or w.startswith("ال") or len(w) < 2:
            return False
        if len(w) > 3 and w[0] == "و" and zipf(w[1:]) > zipf(w) + 0.5:
            return False  # 25-16 وعاد "and returned": a conjunction starts a clause (وزراء stays a noun)
        if word_value(t) is not None:
            return False
        lead = word_value(first_tok.text)
        if lead is not None and lead.value == 1 and lead.cls == "unit":
            return False  # "أحد أهم …" is "one of", and "واحد" follows its noun
        if isinstance(value, float) and value < 1:
            return False
        return spelled or not (isinstance(value, int) and 1800 <= value <= 2100)

    def scan(self) -> list[Span]:
        toks = self.toks
        out: list[Span] = []
        nxt = 0  # the first token after the last quantity found
        # most tokens are quiet (one look-up per word form, mapped in C): at() only at the others
        loud = map(operator.not_, map(_quiet, [t.text for t in toks]))
        for i in itertools.compress(range(len(toks)), loud):
            if i < nxt:
                continue
            got = self.at(i)
            if got is not None:
                sp, nxt = got
                out.append(sp)
        return out

    def at(self, i: int) -> tuple[Span, int] | None:
        toks = self.toks
        if _quiet(toks[i].text):
            return None
        opener = _norm(toks[i])
        start_i = i + 1 if opener in ("بين", "من") else i
        num = parse_number(self.text, toks, start_i)
        if num is None:
            bare = self.bare_duration(i)
            if bare is None:
                return None
            approx, bound = _hedge_before(toks, i)
            start, value, number, k, assumes = bare
            attrs: dict[str, Any] = {
                "kind": "duration",
                "value": _tidy(value),
                "unit": "s",
                "number": _tidy(number),
            }
            if assumes:
                attrs["assumes"] = assumes
            return self._finish(start, k, attrs, approx, bound)
        n, k = num
        # (the hedge before the quantity is looked for only once a number or a duration starts here)
        approx, bound = _hedge_before(toks, i)
        # a range: بين 3 و5 ساعات، من 3 إلى 5 ساعات، 3-5 ساعات
        high = None
        if k < len(toks):
            sep = _norm(toks[k])
            if opener == "بين" and (sep == "و" or sep.startswith("و")):
                nk = k + 1 if sep == "و" else k
                high = parse_number(self.text, toks, nk)
            elif sep in _RANGE_TO and (opener == "من" or sep in ("-", "–")):
                high = parse_number(self.text, toks, k + 1)
        if high is not None:
            h, hk = high
            lo = n.value
            h_scale = _scale_of(toks[hk - 1].text)
            if h_scale and lo < h_scale and not _scale_of(toks[k - 1].text):
                lo = _tidy(lo * h_scale)  # بين 50 و60 ألف: the scale said once counts both ends
            got = self.with_unit(hk, (lo + h.value) / 2)
            if got is not None:
                attrs, end_k = got
                mean = (lo + h.value) / 2
                factor = attrs["value"] / mean if mean else 1
                low, high_v = _tidy(lo * factor), _tidy(h.value * factor)
                attrs.update(low=low, high=high_v, number=[n.value, h.value])
                attrs["value"] = _tidy((low + high_v) / 2)
                return self._finish(toks[i].start, end_k, attrs, approx, bound)
            # a range of a counted noun (بين 20 و30 شخصا); not a dash's (25-16: a score, a date)
            if sep not in ("-", "–") and self.count_noun(hk, toks[start_i], n.spelled, h.value):
                attrs = {"kind": "count", "value": _tidy((lo + h.value) / 2), "unit": toks[hk].text}
                attrs.update(low=lo, high=h.value, number=[n.value, h.value])
                return self._finish(toks[i].start, hk + 1, attrs, approx, bound)
        if start_i != i:
            return None  # "من 3 …" that is no range: let the number be found at its own token
        got = self.with_unit(k, n.value)
        if got is not None:
            attrs, end_k = got
            attrs["number"] = n.value
            return self._finish(n.start, end_k, attrs, approx, bound)
        if self.count_noun(k, toks[i], n.spelled, n.value) and not self._not_a_count(i, n.spelled):
            value = n.value
            if _THOUSANDS_DOT.fullmatch(self.text, n.start, n.end) is not None:
                # 7.493 مستفيدا: people and things are counted whole, so the dot groups thousands
                value = int(self.text[n.start : n.end].replace(".", ""))
            attrs = {"kind": "count", "value": value, "unit": toks[k].text, "number": value}
            return self._finish(n.start, k + 1, attrs, approx, bound)
        return None

    def _not_a_count(self, i: int, spelled: bool) -> bool:
        """Whether the number word at token ``i`` is no number here: a verb after a negation (لم تسعَ
        لحرب "it did not seek a war": تسع "nine"), or the tens of an ordinal (الحادي عشر "the
        eleventh")."""
        if not spelled or i == 0:
            return False
        prev = _norm(self.toks[i - 1])
        return prev in _NEGATIONS or prev in _ORDINALS

    def _finish(
        self, start: int, k: int, attrs: dict[str, Any], approx: bool, bound: str | None
    ) -> tuple[Span, int]:
        toks = self.toks
        if attrs["kind"] == "duration" and k < len(toks) and _norm(toks[k]) in _EXTRA_WORDS:
            attrs["extra"] = True
        if k < len(toks) and _norm(toks[k]) in _APPROX_AFTER:
            approx = True
            k += 1
        end = toks[k - 1].end
        attrs["approx"] = approx
        if bound is not None:
            attrs["bound"] = bound
        return self.span(start, end, attrs), k


@functools.lru_cache(maxsize=CACHE_WORDS)
def _quiet(word: str) -> bool:
    """Whether no quantity can start at a token written ``word``: no number starts at it, no duration
    without a number, and it is no opener of a range (بين، من) whose number follows it; remembered per
    word form, so that most tokens are passed over with one look-up."""
    return number_start(word) is None and not _bare_head(word) and normalize(word) not in ("بين", "من")


@functools.lru_cache(maxsize=CACHE_WORDS)
def _bare_head(word: str) -> bool:
    """Whether a duration with no number may start at a token written ``word``: a dual (يومين), a
    duration unit (ساعة) or a fraction word (نصف): what :meth:`_Scanner.bare_duration` looks at first,
    asked once per word form so that the other tokens are passed over at once."""
    tok = [Token(word, 0, len(word))]
    single = _unit_at(tok, 0, _UNITS)
    return (
        _dual_at(tok, 0) is not None
        or (single is not None and single.kind == "duration")
        or _fraction_at(tok, 0, joined=False) is not None
    )


def _base_of(dual: _Unit) -> str:
    return {
        2: "ثانية",
        120: "دقيقة",
        7200: "ساعة",
        2 * _DAY: "يوم",
        14 * _DAY: "أسبوع",
        60 * _DAY: "شهر",
        730 * _DAY: "سنة",
    }[int(dual.factor)]


def _tidy(v: Value) -> Value:
    if isinstance(v, float):
        r = round(v, 6)
        return int(r) if r.is_integer() else r
    return v


def find_quantities(text: str) -> list[Span]:
    """Every quantity in ``text``, in text order (see the module docstring for the attrs)."""
    return _Scanner(text).scan()
