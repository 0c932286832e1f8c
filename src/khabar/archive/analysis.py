"""Arabic analysis for the archive: the same steps index the documents and analyse the queries.

A word of the display text goes through three steps:

1. :func:`tokenize` finds it in the display text, with its ``(start, end)`` there. A word is a run
   of letters and digits; diacritics and tatweel *inside* a word belong to it (SQLite's
   ``unicode61`` tokenizer would split ``المُستَحَق`` at its marks), and the offsets are those of the
   display characters, so highlights land where the reader sees the word.
2. khabar's normalisation profile (:func:`khabar.arabic.normalize.normalize`: alef/yeh/teh marbuta/
   hamza foldings, diacritics and tatweel deleted, digits to ASCII), then case folding. This is the
   *exact* form: ``إدلب`` and ``ادلب`` are one word, ``الرئيس`` and ``رئيس`` are not.
3. :func:`light_stem`, a light stemmer in the spirit of Lucene's ``ArabicStemmer`` (Larkey, Ballesteros
   and Connell's "light10"): one definite-article/conjunction prefix and then common suffixes are
   removed while the stem stays long enough. This is the *search* form: ``الرئيس``/``رئيس``,
   ``محطات``/``محطة`` match.

Why a hand-written stemmer: no maintained Arabic light stemmer on PyPI fits an offline install
(``arabicstemmer`` is a 2016 Snowball build, ``cooc-ar-stemmer`` a new one-off; Snowball's Arabic
stemmer is heavier than light stemming and folds differently from khabar's profile), and the rule set
is small: it runs on text already folded by khabar's profile, so it only needs the folded spellings.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from khabar.arabic.normalize import normalize

__all__ = [
    "Token",
    "analyze",
    "analyze_query_word",
    "light_stem",
    "normalize_word",
    "tokenize",
    "word_forms",
    "word_matches",
    "words",
]

# letters and digits (not "_"), with combining marks (tashkeel U+064B-U+065F, superscript alef U+0670,
# Quranic marks U+06D6-U+06ED, any other Mn) and tatweel U+0640 allowed after the first character
#
# Matched as one character class (\w, then \w or a mark, repeated: the regex engine's fastest loop; the
# alternation it replaces made finding the words 0.17 ms of a 3 KB article, most of indexing's share):
# "_" is a \w character but never part of a word, so the text is matched with each "_" made a space
# (same length, so the offsets hold). :func:`words` and :func:`word_matches` do that.
_WORD_RE = re.compile(r"\w[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]*")

# The prefixes and suffixes of Lucene's ArabicStemmer, in khabar's folded spelling (ة is folded to ه,
# so "ية" is "يه" and "ة" is "ه"). Longer prefixes first: one prefix is removed.
_PREFIXES: tuple[str, ...] = ("وال", "بال", "كال", "فال", "ال", "لل")
_SUFFIXES: tuple[str, ...] = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
#: what any removal of a prefix starts with (the prefixes, and the conjunction و)
_ANY_PREFIX: tuple[str, ...] = (*_PREFIXES, "و")
#: a stem keeps at least this many letters after a prefix is removed (Lucene: prefix + 2)
_MIN_AFTER_PREFIX = 2
#: a stem keeps at least this many letters after a suffix is removed (Lucene: suffix + 2)
_MIN_AFTER_SUFFIX = 2


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the display text: its stem (search form), normalised form (exact) and span."""

    stem: str
    norm: str
    start: int
    end: int


def words(text: str) -> list[str]:
    """The words of ``text``, in order (what :data:`_WORD_RE` defines)."""
    return _WORD_RE.findall(text.replace("_", " ") if "_" in text else text)


def word_matches(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` as matches: ``m.group()`` is the word, ``m.span()`` its place in ``text``."""
    return _WORD_RE.finditer(text.replace("_", " ") if "_" in text else text)


def _clean(word: str) -> str:
    """Keep letters and digits only: FTS5's tokenizer must see each term as exactly one token.
    (``str.isalnum`` holds exactly for the characters of categories L and N, checked over all of
    Unicode by a test: most words pass whole without a look at each character.)"""
    if word.isalnum():
        return word
    return "".join(c for c in word if unicodedata.category(c)[0] in "LN")


def normalize_word(word: str) -> str:
    """The exact (unstemmed) form of one word: khabar's profile, case folding, letters/digits only."""
    return _clean(normalize(word).casefold())


def light_stem(word: str) -> str:
    """Light stemming of one *normalised* word: strip a prefix (ال وال بال كال فال لل, or a
    conjunction و before a word of 4+ letters), then the common suffixes ها ان ات ون ين يه ية ه ة ي
    while the stem keeps at least two letters. Non-Arabic words are returned unchanged."""
    if not word or not ("\u0621" <= word[0] <= "\u064a"):
        return word
    # one test for "any prefix" and one for "any suffix" first (each a C loop over the tuple): most
    # words have one or the other, few have both, and the loops below change nothing without them
    if word.startswith(_ANY_PREFIX):
        for p in _PREFIXES:
            if word.startswith(p) and len(word) - len(p) >= _MIN_AFTER_PREFIX:
                word = word[len(p) :]
                break
        else:
            if word.startswith("و") and len(word) > 3:
                word = word[1:]
    if word.endswith(_SUFFIXES):
        # Lucene removes every matching suffix in one pass over the list
        for s in _SUFFIXES:
            if word.endswith(s) and len(word) - len(s) >= _MIN_AFTER_SUFFIX:
                word = word[: -len(s)]
    return word


def tokenize(text: str) -> Iterator[tuple[str, int, int]]:
    """The words of ``text`` as ``(word, start, end)``, offsets into ``text`` itself."""
    for m in word_matches(text):
        yield m.group(), m.start(), m.end()


@functools.lru_cache(maxsize=1 << 18)
def word_forms(word: str) -> tuple[str, str]:
    """``(stem, norm)`` of one word as written, remembered: a corpus repeats a few hundred thousand
    distinct words in millions of tokens, and indexing spent most of its time analysing them again."""
    norm = normalize_word(word)
    return (light_stem(norm) if norm else ""), norm


def analyze(text: str) -> list[Token]:
    """Every word of the display ``text`` with its stem, normalised form and display span."""
    out = []
    forms = word_forms
    for m in word_matches(text):
        stem, norm = forms(m.group())
        if norm:
            out.append(Token(stem, norm, m.start(), m.end()))
    return out


def analyze_rows(text: str) -> list[tuple[str, str, int, int]]:
    """:func:`analyze` as plain ``(stem, norm, start, end)`` tuples: what indexing stores, without a
    :class:`Token` object per word (a million of them per 3,000 articles)."""
    forms = word_forms
    out = []
    for m in word_matches(text):
        stem, norm = forms(m.group())
        if norm:
            out.append((stem, norm, m.start(), m.end()))
    return out


#: each word's stem and normalised form as :func:`index_terms` looks them up: two plain dicts read
#: through ``map`` and ``filter`` run in C, where a call of :func:`word_forms` per word (1.1 million
#: words per 3,000 articles) was 40 % of storing and indexing; emptied past :data:`_TERMS_MAX` words
_STEMS: dict[str, str] = {}
_NORMS: dict[str, str] = {}
#: 65,536 words (was 524,288): over all 31,030 SaudiNewsNet texts the tables held 315,932 words and
#: indexing's memory grew by 34 / 70 / 91 MiB at 10 / 50 / 100 %; at 65,536, 15–17 / 17–18 / 21 MiB,
#: and the same time a text within the noise (0.27–0.42 against 0.34–0.37 ms, alternated runs): the
#: frequent words come back within a few hundred texts of each emptying
_TERMS_MAX = 1 << 16


def _normalize_words(ws: list[str]) -> list[str]:
    """:func:`normalize_word` of each of ``ws``, the profile and the case folding applied once to all
    of them joined by newlines: both map one character at a time (a folding or a deletion, never a
    newline), so the joined result splits back into the words' own (a call per word saved; and the
    words do not fill :func:`~khabar.arabic.normalize.normalize`'s memory of short strings, which
    the fact layers use: a long string is not remembered)."""
    folded = normalize("\n".join(ws)).casefold().split("\n")
    if len(folded) != len(ws):  # pragma: no cover - a word with a newline: not one of :func:`words`
        return [normalize_word(w) for w in ws]
    return [_clean(w) for w in folded]


def index_terms(text: str) -> tuple[str, str]:
    """The space-joined stems and normalised forms of ``text``'s words, as the full-text index stores
    them (what :func:`analyze` gives, without the spans indexing does not need). A word whose
    normalised form is empty is left out of both (its stem is empty too)."""
    ws = words(text)
    stems, norms = _STEMS, _NORMS
    new = set(ws).difference(norms)
    if new:
        if len(norms) + len(new) > _TERMS_MAX:
            stems.clear()
            norms.clear()
            new = set(ws)  # the words this text shares with the tables just emptied too
        fresh = list(new)
        stem = light_stem
        for w, norm in zip(fresh, _normalize_words(fresh), strict=True):
            norms[w] = norm
            stems[w] = stem(norm) if norm else ""
    return " ".join(filter(None, map(stems.__getitem__, ws))), " ".join(
        filter(None, map(norms.__getitem__, ws))
    )


def analyze_query_word(word: str, *, exact: bool = False) -> str:
    """The indexed form a query word must match: the normalised form, stemmed unless ``exact``."""
    norm = normalize_word(word)
    return norm if exact else light_stem(norm)
