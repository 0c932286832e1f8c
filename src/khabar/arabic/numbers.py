"""Arabic numbers, spelled out or in digits, to values, with character offsets.

Pure functions over :mod:`khabar.arabic.tokenize` tokens. Words are looked up in their normalised
form (:func:`khabar.arabic.normalize.normalize`: hamza, alef, teh marbuta and alef maksura folded,
diacritics deleted), so ``مئة``/``مائة``, ``ألفاً``/``الفا`` and ``إحدى``/``احدى`` all match. Covered:

* units 1–10 in both genders (``ثلاث``/``ثلاثة``, ``إحدى``/``أحد``), teens (``خمسة عشر``), tens in
  both cases (``عشرين``/``عشرون``), hundreds (``مئة``, ``مئتين``, ``ثلاثمئة``, ``ثلاث مئة``)
* scales with multiplication and addition: ``ألف``/``آلاف``/``ألفين``, ``مليون``/``ملايين``/
  ``مليونين``, ``مليار``/``مليارات``/``مليارين``, ``تريليون`` (``ثلاثة مليارات``, ``خمسة وعشرين ألفاً``,
  ``مليون ونصف``); units before tens joined by ``و`` as Arabic writes them
* fractions ``نصف``, ``ربع``, ``ثلث`` (alone, or added with ``و``: ``ثلاثة ونصف``)
* digits, ASCII and Arabic-Indic, with ``,`` ``.`` ``٫`` ``٬`` separators, and digits with a scale
  word (``1.9 مليار``)

Numbers in digits are never joined with ``و`` to the next number (``3 و5`` is a pair or a range,
not 8), and neither are two units (``ثلاثة وخمسة``): only the joins Arabic uses to compose one number.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from khabar.arabic.clitics import CACHE_WORDS, vocab_reading
from khabar.arabic.normalize import normalize
from khabar.arabic.tokenize import Token, tokenize

__all__ = [
    "Number",
    "WordValue",
    "find_numbers",
    "norm_word",
    "parse_digits",
    "parse_number",
    "word_value",
]

Value = int | float


@dataclass(frozen=True, slots=True)
class WordValue:
    """What a number word is worth and how it combines: ``cls`` is one of ``unit`` (1–10),
    ``tens`` (20–90), ``hundred`` (100, multiplies a preceding unit), ``hundreds`` (200–900),
    ``scale`` (1000, 10⁶, 10⁹), ``scale_dual`` (twice a scale), ``scale_plural`` (needs a count),
    ``fraction``."""

    value: Value
    cls: str


@dataclass(frozen=True, slots=True)
class Number:
    """A number in the text: ``text == source[start:end]``; ``spelled`` if written in words."""

    start: int
    end: int
    value: Value
    text: str
    spelled: bool


def _entries() -> dict[str, WordValue]:
    raw: dict[str, tuple[Value, str]] = {}
    units = {
        1: ("واحد", "واحدة", "أحد", "إحدى"),
        2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي"),
        3: ("ثلاث", "ثلاثة"),
        4: ("أربع", "أربعة"),
        5: ("خمس", "خمسة"),
        6: ("ست", "ستة"),
        7: ("سبع", "سبعة"),
        8: ("ثمان", "ثماني", "ثمانية"),
        9: ("تسع", "تسعة"),
        10: ("عشر", "عشرة"),
    }
    for v, words in units.items():
        for w in words:
            raw[w] = (v, "unit")
    tens = {
        20: "عشر",
        30: "ثلاث",
        40: "أربع",
        50: "خمس",
        60: "ست",
        70: "سبع",
        80: "ثمان",
        90: "تسع",
    }
    for v, stem in tens.items():
        raw[stem + "ون"] = (v, "tens")
        raw[stem + "ين"] = (v, "tens")
    for w in ("مئة", "مائة", "مية"):
        raw[w] = (100, "hundred")
    for w in ("مئتان", "مئتين", "مئتا", "مائتان", "مائتين", "مائتا"):
        raw[w] = (200, "hundreds")
    for v, stems in {
        3: ("ثلاث",),
        4: ("أربع",),
        5: ("خمس",),
        6: ("ست",),
        7: ("سبع",),
        8: ("ثمان", "ثماني"),
        9: ("تسع",),
    }.items():
        for stem in stems:
            for h in ("مئة", "مائة"):
                raw[stem + h] = (v * 100, "hundreds")
    scales = {
        1000: (("ألف",), ("ألفان", "ألفين", "ألفا"), ("آلاف", "ألوف")),
        10**6: (("مليون",), ("مليونان", "مليونين", "مليونا"), ("ملايين",)),
        10**9: (("مليار", "بليون"), ("ملياران", "مليارين", "مليارا", "بليونين"), ("مليارات", "بلايين")),
        10**12: (("تريليون", "ترليون"), ("تريليونان", "تريليونين", "تريليونا"), ("تريليونات",)),
    }
    for v, (sing, dual, plural) in scales.items():
        for w in sing:
            raw[w] = (v, "scale")
        for w in dual:
            raw[w] = (2 * v, "scale_dual")
        for w in plural:
            raw[w] = (v, "scale_plural")
    for w, fv in (("نصف", 0.5), ("ربع", 0.25), ("ثلث", 1 / 3)):
        raw[w] = (fv, "fraction")
    out: dict[str, WordValue] = {}
    for w, (val, cls) in raw.items():
        out.setdefault(normalize(w), WordValue(val, cls))
    # "ألفا" is the dual construct ("ألفا دولار") but far more often the accusative "ألفاً": read it
    # as the accusative singular (see word_value), like "مليونا"/"مليارا"
    for w in ("ألفا", "مليونا", "مليارا", "تريليونا"):
        out.pop(normalize(w), None)
    return out


_WORDS = _entries()
_DIGITS_RE = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*")
_PREFIX_RE = re.compile(r"^([وفبل]?)(\d+(?:[.,\u066b\u066c]\d+)*)$")
_TEEN = frozenset({normalize("عشر"), normalize("عشرة")})


def norm_word(word: str) -> str:
    """The normalised form used for lexicon look-ups (see the module docstring)."""
    return normalize(word)


def word_value(word: str) -> WordValue | None:
    """The value of one number word (any spelling), or None; ``ألفاً``-style accusatives included."""
    w = norm_word(word)
    hit = _WORDS.get(w)
    if hit is None and len(w) > 3 and w.endswith("ا"):
        hit = _WORDS.get(w[:-1])
    return hit


def parse_digits(s: str) -> Value | None:
    """The value of a digit string (ASCII or Arabic-Indic) with separators, or None.

    ``٫`` is a decimal point and ``٬`` a thousands separator. ``.`` and ``,``: when both occur the
    last one is the decimal point; one kind repeated (``1,000,000``, ``1.000.000``) groups thousands;
    a single ``,`` followed by exactly three digits groups thousands (``1,000``), otherwise it is a
    decimal comma (``1,5``); a single ``.`` is a decimal point (``1.9``).
    """
    if not s or _DIGITS_RE.fullmatch(s) is None:
        return None
    ascii_ = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in s)
    ascii_ = ascii_.replace("\u066c", "").replace("\u066b", ".")
    commas, dots = ascii_.count(","), ascii_.count(".")
    if commas and dots:
        if ascii_.rfind(",") > ascii_.rfind("."):
            ascii_ = ascii_.replace(".", "").replace(",", ".")
        else:
            ascii_ = ascii_.replace(",", "")
    elif commas:
        groups = ascii_.split(",")
        if commas > 1 or len(groups[1]) == 3:
            if any(len(g) != 3 for g in groups[1:]):
                return None
            ascii_ = ascii_.replace(",", "")
        else:
            ascii_ = ascii_.replace(",", ".")
    elif dots > 1:
        groups = ascii_.split(".")
        if any(len(g) != 3 for g in groups[1:]):
            return None
        ascii_ = ascii_.replace(".", "")
    if ascii_.count(".") > 1:
        return None
    if "." in ascii_:
        f = float(ascii_)
        return int(f) if f.is_integer() else f
    return int(ascii_)


def _tidy(v: Value) -> Value:
    if isinstance(v, float):
        r = round(v, 6)
        return int(r) if r.is_integer() else r
    return v


def _start_of(tok: Token) -> tuple[int, Value, WordValue | None] | None:
    """How a number may start at ``tok``: (offset of the number in the token, digit value or 0,
    word) — a clitic و ف ب ل before a digit string or a number word of three letters or more is
    skipped."""
    return number_start(tok.text)


@functools.lru_cache(maxsize=CACHE_WORDS)
def number_start(word: str) -> tuple[int, Value, WordValue | None] | None:
    """:func:`_start_of` of a token's text, remembered per word form (every token of a text is asked
    whether a number starts at it)."""
    m = _PREFIX_RE.match(word)
    if m:
        v = parse_digits(m.group(2))
        if v is None:
            return None
        return len(m.group(1)), v, None
    wv = word_value(word)
    if wv is not None:
        return 0, 0, wv
    r = vocab_reading(word, _NUMBER_WORDS, "وفبل") if word[:1] in "وفبل" else None
    if r is not None and (wv := word_value(r.stem)) is not None:
        return r.text_cut, 0, wv
    return None


class _NumberWords:
    """The number words, as a container :func:`khabar.arabic.clitics.vocab_reading` can look in."""

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word_value(word) is not None


_NUMBER_WORDS = _NumberWords()


def _joined(toks: Sequence[Token], k: int) -> tuple[int, WordValue] | None:
    """A number word joined with ``و`` at token ``k`` (``وعشرين`` or ``و عشرين``): (next index, word)."""
    if k >= len(toks):
        return None
    t = toks[k].text
    if t == "و" and k + 1 < len(toks):
        wv = word_value(toks[k + 1].text)
        return (k + 2, wv) if wv is not None else None
    if len(t) > 1 and t[0] == "و":
        wv = word_value(t[1:])
        return (k + 1, wv) if wv is not None else None
    return None


#: one to three digits: what follows a scale and و as the amount's last part (11 ألفا و532)
_THREE_DIGITS = re.compile(r"[0-9\u0660-\u0669]{1,3}")


def _digits_under_scale(toks: Sequence[Token], k: int, scale: Value) -> tuple[int, Value] | None:
    """Digits joined with ``و`` at token ``k`` (``و100`` or ``و 100``) and a scale word below ``scale``
    after them (``مليون`` after ``مليارات``): (the index after the scale word, digits × that scale);
    or one to three digits with no scale after them, below ``scale`` (``11 ألفا و532``): (the index
    after them, the digits)."""
    t = toks[k].text
    if t == "و" and k + 1 < len(toks):
        digits, at = toks[k + 1].text, k + 2
    elif len(t) > 1 and t[0] == "و":
        digits, at = t[1:], k + 1
    else:
        return None
    value = parse_digits(digits)
    if value is None or not 0 < value < scale:
        return None
    wv = word_value(toks[at].text) if at < len(toks) else None
    if wv is None or wv.cls not in ("scale", "scale_plural"):
        # 11 ألفا و532 سيارة: digits below the scale, the amount's last part
        return (at, value) if isinstance(value, int) and _THREE_DIGITS.fullmatch(digits) else None
    if not 0 < wv.value < scale:
        return None
    return at + 1, _tidy(value * wv.value)


def parse_number(text: str, toks: Sequence[Token], i: int) -> tuple[Number, int] | None:
    """The number starting at token ``i`` of ``toks`` (the tokens of ``text``) and the index of the
    token after it, or None."""
    if i >= len(toks):
        return None
    first = _start_of(toks[i])
    if first is None:
        return None
    skip, dval, wv = first
    start = toks[i].start + skip
    total: Value = 0
    cur: Value
    last_scale: Value = 0
    if wv is None:
        cur, last = dval, "digits"
    elif wv.cls == "scale_plural":
        return None  # "آلاف" alone is "thousands of", not a value
    elif wv.cls in ("scale", "scale_dual"):
        total, cur, last = wv.value, 0, "scale"
        last_scale = wv.value if wv.cls == "scale" else wv.value // 2
    else:
        cur, last = wv.value, wv.cls
    k = i + 1
    end = toks[i].end
    while k < len(toks) and last != "fraction":
        nxt = word_value(toks[k].text)
        if last == "unit" and cur < 10 and norm_word(toks[k].text) in _TEEN:
            cur, last = cur + 10, "teen"
        elif last == "unit" and cur < 10 and nxt is not None and nxt.cls == "hundred":
            cur, last = cur * 100, "hundreds"
        elif (
            nxt is not None
            and nxt.cls in ("scale", "scale_plural", "scale_dual")
            and last != "scale"
            and (nxt.cls != "scale_dual" or cur == 0)
            and (nxt.cls == "scale_dual" or cur)
        ):
            if nxt.cls == "scale_dual":
                total += nxt.value
                last_scale = nxt.value // 2
            else:
                total += cur * nxt.value
                last_scale = nxt.value
            cur, last = 0, "scale"
        elif last == "scale" and (sub := _digits_under_scale(toks, k, last_scale)) is not None:
            # ثلاثة مليارات و100 مليون، 11 ألفا و532: digits (with a smaller scale, or of three digits
            # at most) added to a scale, one amount (news writes the second part in digits)
            k2, add_value = sub
            total += add_value
            cur, last = 0, "scale"
            end = toks[k2 - 1].end
            k = k2
            continue
        else:
            j = _joined(toks, k)
            if j is None:
                break
            k2, add = j
            if add.cls == "fraction":
                if last == "scale":
                    total += add.value * last_scale
                elif cur:
                    cur += add.value
                else:
                    break
                last = "fraction"
            elif last == "digits":
                break
            elif (
                (last == "unit" and cur < 10 and add.cls == "tens")
                or (last == "scale" and add.cls in ("unit", "tens", "hundred", "hundreds"))
                or (last in ("hundred", "hundreds") and add.cls in ("unit", "tens") and add.value < 100)
            ):
                cur = cur + add.value if last != "scale" else add.value
                last = add.cls
            else:
                break
            end = toks[k2 - 1].end
            k = k2
            continue
        end = toks[k].end
        k += 1
    value = _tidy(total + cur)
    spelled = wv is not None or k > i + 1
    return Number(start, end, value, text[start:end], spelled), k


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text``, in order, with its value and offsets."""
    toks = tokenize(text)
    out: list[Number] = []
    i = 0
    while i < len(toks):
        r = parse_number(text, toks, i)
        if r is None:
            i += 1
            continue
        n, i = r
        out.append(n)
    return out
