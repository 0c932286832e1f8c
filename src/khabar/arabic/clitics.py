"""Arabic proclitics: the one place khabar decides whether a word's first letters are clitics.

A word like ``وبوتين`` is و "and" + بوتين, but ``وزير`` "minister" is a word, ``باور`` (Power) is
not ب + أور and ``باندورا`` (a film) is not ب + أندورا. Cutting a letter off a name is worse than
leaving a clitic on: the name is lost, and a wrong one (Andorra) may be found in its place. This
module lists the readings a word could have and decides between them; every caller uses it.

Proclitics handled, in their order inside a word (all optional):

* conjunction ``و`` "and" / ``ف`` "so";
* preposition ``ب`` "with, in" / ``ل`` "for" / ``ك`` "like";
* article ``ال``, with ``ل`` + ``ال`` spelt ``لل`` (the article's alef drops: ``للعراق`` = ل + العراق).

Enclitic pronouns (``ـه``, ``ـها``, ``ـهم`` …) are left alone: names rarely carry them, and the NER
model's suffix features cover the rest. A stem is never shorter than :data:`MIN_STEM` letters, so
short words (``وزن``, ``بلد``) keep their first letter. Words are expected in the normalised view
(:func:`khabar.arabic.normalize.normalize`).

What to call:

* :func:`readings`: every reading a word could have (the NER features weigh them all);
* :func:`strip_proclitics`: the reading that needs no vocabulary (clitics before the article);
* :func:`name_reading`: the reading of a name or content word, decided by word frequency and the
  caller's names (NER span trimming); :func:`clitic_reading`, the same without protecting the
  caller's names, for a caller that weighs the whole word itself (place matching);
* :func:`in_vocab` / :func:`vocab_reading`: the member of the caller's closed word list a word is,
  clitics allowed (speech verbs, prepositions, trigger cue words);
* :func:`drop_conjunction` / :func:`drop_future`: ``و``/``ف`` (and the future ``س``) off a word
  before the caller compares it with its own words;
* :func:`zipf`: the frequency table behind the decisions.

Written by hand on purpose: CAMeL Tools' morphological analyser (the usual way to segment clitics)
needs a database download that fails offline, and names, which are what we match, are mostly out of
its vocabulary anyway.

How :func:`name_reading` decides (the frequencies are wordfreq's, in ``wordfreq_ar.tsv.gz``, on the
Zipf scale: log10 of occurrences per billion words; ``f(x)`` is 0 for a form not in the table):

1. **A word that is one of the caller's names is never shortened** (``وادي`` of وادي الزبداني, a
   gazetteer name's first word; ``بوستون``, ``كابل``). Name lists gathered from tagged text hold
   clitic forms too (ANERcorp tags ``ولندن`` whole): :func:`clean_names` takes those out first.
2. **Clitics before the article** (``والمقداد``, ``بالقاهرة``, ``وللعراق``) are cut: the reading is
   nearly certain, unless the whole word is a word in its own right, :data:`WORD_MARGIN` more
   frequent than the stem (``والده`` "his father" 4.9 vs ``الده`` 2.1, ``والتر`` Walter 4.3 vs
   ``التر`` 2.7, ``فالنسيا`` Valencia 4.0 vs ``النسيا`` absent).
3. **A bare clitic before one of the caller's names** (``بموسكو``, ``بمكة``, ``وبوتين``) is cut
   unless the whole word is more frequent than a clitic form of the name could be:
   ``f(whole) ≤ f(stem) + CLITIC_RATE[clitic] + NAME_TOLERANCE`` (for ب: the whole no more frequent
   than the name itself). ``باور`` Power 4.0 vs ``اور`` Ur 3.1, ``باندورا`` 3.0 vs ``اندورا``
   Andorra 1.7, ``وفدا`` "a delegation" 3.2 vs ``فدا`` 2.6 and ``كسبها`` "won it" 2.8 vs ``سبها``
   Sabha 3.0 stay whole. A name the caller looks for is evidence for the clitic reading.
4. **A bare clitic before any other word** (``وشويغو``, ``لمنظمة``) is cut only when what remains is
   in the table and either the whole word is not, or it is no more frequent than a clitic form of
   that stem usually is: ``f(whole) ≤ f(stem) + CLITIC_RATE[clitic] + TOLERANCE``.
5. **و before a word nobody knows** (neither the whole nor the rest in the table or the caller's
   names, the rest at least four letters: ``ومولتشانوفا``, ``وفيودوسيا``) is cut. Read on the tuning
   sample: of the 299 such و-words nearly all are و + a rare name or an inflected word; a name with
   its own و is common enough to be in the table (``ويلسون``, ``وارسو``). Not ف: of the 38 such
   ف-words half are foreign names with their own ف (``فلورنتيو``, ``فورمنتيرا``).

Why rule 4. wordfreq counts whole tokens, so a clitic form has a frequency of its own, and it is
well below its stem's: over the 31,907 frequent words ``X`` (Zipf ≥ 3) whose ``وX`` is in the table,
``f(وX) − f(X)`` has a median of −1.4 and a 90th percentile of −0.8; for ب −1.6 / −0.9, ل −1.7 /
−0.9, ف −2.2 / −1.4, ك −2.3 / −1.3 (:data:`CLITIC_RATE`; ``scripts/build_wordfreq.py`` prints them).
A word whose first letter only looks like a clitic has no such tie to its tail. So the whole word is
read as a clitic form when it is at most :data:`TOLERANCE` (0.8, about the spread from median to
90th percentile) above the clitic's median rate. The examples of issue 13, without any name list:
بوتين 4.19 vs وبوتين 2.63 and لندن 5.02 vs ولندن 3.29 are cut; وزير 5.38 vs زير 3.23, باور 4.04 vs
اور 3.13, وفدا 3.25 vs فدا 2.59, فورين 3.12 vs ورين 2.42, باندورا 2.95 vs اندورا 1.66 and فرنسيس
3.47 vs رنسيس (absent) stay whole, as do ``وادي`` (4.7 vs ادي 5.1, the merged أدى), ``كابل`` (3.9
vs ابل 4.4), ``كندي``, ``واحد`` and ``بريان``, whose tails are frequent words. The rate per clitic
matters: ف and ك are rare clitics, so a stem only a little more frequent than a ف/ك-word does not
explain it. Rule 3 is looser because names are where rule 4 errs: place names take ب "in" far more
often than words do (``بمكة`` 4.2 vs ``مكة`` 4.9 is above the 90th percentile), and a town left with
its ب is a place missed.

Closed word lists (:func:`in_vocab`) need no frequencies: the list decides. :func:`drop_conjunction`
is for callers that compare the result with their own words; it keeps a conjunction only on a word
in its own right, :data:`WORD_MARGIN` (1.0) more frequent than the rest — under 0.2 % of the clitic
forms above are (``وزير``، ``وصلت``، ``فريق`` are such words).
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Container, Iterable
from pathlib import Path
from typing import NamedTuple

from khabar import data
from khabar.arabic import memo
from khabar.errors import DataFileError

__all__ = [
    "CLITIC_RATE",
    "MIN_STEM",
    "NAME_TOLERANCE",
    "TOLERANCE",
    "WORD_MARGIN",
    "Reading",
    "clean_names",
    "clitic_reading",
    "drop_conjunction",
    "drop_future",
    "in_vocab",
    "load_wordfreq",
    "name_reading",
    "read_wordfreq",
    "readings",
    "strip_proclitics",
    "vocab_reading",
    "zipf",
]

#: the shortest stem a reading may leave (two-letter stems are mostly wrong readings: بلد → ب + لد)
MIN_STEM = 3
#: the median Zipf of a clitic form minus its stem's (``f(وX) − f(X)``), per clitic, over the frequent
#: words of the table (measured by scripts/build_wordfreq.py)
CLITIC_RATE: dict[str, float] = {
    "و": -1.4,
    "ف": -2.2,
    "ب": -1.6,
    "ل": -1.7,
    "ك": -2.3,
    "وب": -2.8,
    "ول": -2.8,
    "وك": -2.4,
    "فب": -2.9,
    "فل": -2.5,
    "فك": -2.4,
}
#: how far above its clitic's median rate a whole word may be and still be read as a clitic form
TOLERANCE = 0.8
#: the same when what remains is one of the caller's names (rule 3): for ب, a whole word as frequent
#: as the name itself
NAME_TOLERANCE = 1.2
#: how much more frequent (Zipf) a whole word must be than its stem to be a word in its own right
WORD_MARGIN = 1.0

_EPS = 1e-6
_CONJ = ("و", "ف")
_ALL = "وفبلك"
_PREP = ("ب", "ل", "ك")
_ART = "ال"
WORDFREQ_FILE = "wordfreq_ar.tsv.gz"
_HEADER = "zipf\tforms"


class Reading(NamedTuple):
    """One way to read a word: ``prefix`` (the clitic letters as written) + ``stem``.

    ``stem`` keeps the article when there is one (``الأسد``), as names are written with it;
    ``cut`` is how many characters of the word the clitics take (``word[cut:]`` is the stem as
    written, except after ``لل``, where the article's alef is restored in ``stem``).

    A named tuple, not a frozen dataclass: built in less than half the time (the dataclass set each
    field through ``object.__setattr__``; the layers build readings for every new word form), read a
    little slower (about 50 ns more per field read). Equality and hash are those of the same fields'
    tuple, as the dataclass's were, so sets and dicts of readings iterate in the same order.
    """

    prefix: str
    stem: str
    cut: int
    #: the article's alef, dropped after ``ل`` (``للعراق``), is restored in ``stem``
    restored: bool = False

    @property
    def bare(self) -> str:
        """The stem without the article (``الأسد`` → ``أسد``)."""
        if self.stem.startswith(_ART) and len(self.stem) - 2 >= MIN_STEM:
            return self.stem[2:]
        return self.stem

    @property
    def text_cut(self) -> int:
        """How many characters to leave out of a span that starts at the word: ``cut``, but one less
        after ``لل``, whose second ``ل`` is the article's (``للعراق`` stays whole: ``لعراق`` would be
        no word; ``وللعراق`` → ``للعراق``). ``word[text_cut:]`` is always a suffix of the word."""
        return self.cut - 1 if self.restored else self.cut


#: how many word forms each per-word memory of the fact layers keeps (least recently used first out):
#: news repeats its common words, and a bound keeps the resident memory flat over a long corpus run
#: (defined with the other bounds in :mod:`khabar.arabic.memo`; imported from here by the callers)
CACHE_WORDS = memo.CACHE_WORDS


def readings(word: str) -> list[Reading]:
    """Every clitic reading of ``word``, the word itself (no clitic) first, then longer prefixes.

    Not remembered here: the callers that ask it of every word keep what they need of it per word
    form (a cache of Reading lists would hold many objects for the garbage collector to walk)."""
    out = [Reading("", word, 0)]
    conj_options = [0]
    if len(word) > MIN_STEM and word[0] in _CONJ:
        conj_options.append(1)
    for c in conj_options:
        rest = word[c:]
        if c:
            out.append(Reading(word[:c], rest, c))
        if len(rest) <= MIN_STEM or rest[0] not in _PREP:
            continue
        if rest.startswith("لل") and len(rest) - 2 >= MIN_STEM - 1:
            # ل + ال with the alef dropped: restore the article in the stem
            out.append(Reading(word[: c + 1], "ا" + rest[1:], c + 1, restored=True))
        elif not rest.startswith("لل"):
            out.append(Reading(word[: c + 1], rest[1:], c + 1))
    return out


def strip_proclitics(word: str) -> Reading:
    """The longest reading whose clitics are unambiguous: conjunction/preposition before ``ال``.

    ``والمقداد`` → و + المقداد, ``بالقاهرة`` → ب + القاهرة, ``وللعراق`` → ول + العراق. A clitic
    before a word without the article (``وبلير``) is ambiguous (و + بلير, or و + ب + لير; and
    ``واشنطن`` is not و + اشنطن), so the word is returned whole; callers with a vocabulary use
    :func:`in_vocab`, callers reading names :func:`name_reading`.
    """
    best = Reading("", word, 0)
    for r in readings(word):
        if r.cut and _article(r) and r.cut >= best.cut:
            best = r
    return best


def _article(r: Reading) -> bool:
    return r.stem.startswith(_ART) and len(r.stem) - 2 >= MIN_STEM - 1


# -- word frequencies ------------------------------------------------------------------------------
def read_wordfreq(path: str | Path | None = None) -> dict[str, float]:
    """Read a word-frequency table (the package's ``wordfreq_ar.tsv.gz`` when ``path`` is None):
    normalised form → Zipf frequency. Built by ``scripts/build_wordfreq.py``."""
    where = f"khabar/data/{WORDFREQ_FILE}" if path is None else str(path)
    try:
        raw = data.read_bytes(WORDFREQ_FILE) if path is None else Path(path).read_bytes()
        text = gzip.decompress(raw).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise DataFileError(
            f"{where}: cannot read: {exc}; rebuild it with scripts/build_wordfreq.py", value=where
        ) from exc
    at = text.find(_HEADER + "\n")
    if at < 0:
        raise DataFileError(f"{where}: no '{_HEADER}' header line", value=where)
    table: dict[str, float] = {}
    for line in text[at + len(_HEADER) + 1 :].splitlines():
        value, tab, forms = line.partition("\t")
        try:
            z = float(value)
        except ValueError as exc:
            raise DataFileError(
                f"{where}: a line is not 'zipf<TAB>forms': {line[:40]!r}", value=line[:40]
            ) from exc
        if not tab:
            raise DataFileError(f"{where}: a line is not 'zipf<TAB>forms': {line[:40]!r}", value=line[:40])
        table.update(dict.fromkeys(forms.split(" "), z))
    return table


@functools.cache
def load_wordfreq() -> dict[str, float]:
    """The package's word-frequency table, read once on first use (about 0.3 s)."""
    return read_wordfreq()


def zipf(word: str) -> float:
    """The Zipf frequency of a normalised word form (0.0 when the table does not hold it)."""
    return load_wordfreq().get(word, 0.0)


# -- the decision ------------------------------------------------------------------------------------
def name_reading(word: str, names: Container[str] = frozenset(), *, clitics: str = _ALL) -> Reading:
    """The reading of a name or content word to act on: the word whole unless a clitic is sure.

    ``names`` are the caller's known names (the NER model's entity words, gazetteer names and their
    first words; pass lists gathered from tagged text through :func:`clean_names`): a word among
    them is never shortened, and a stem among them is a known word. See the module docstring for
    the rules and the measurements behind them. ``text_cut`` of the result says where a span of the
    name starts in the word. ``clitics``: the letters that may be read as clitics (``"وف"``: a
    conjunction only, for a phrase whose preposition belongs to it).
    """
    if word in names:
        return readings(word)[0]
    return clitic_reading(word, names, clitics=clitics) or readings(word)[0]


def clitic_reading(word: str, names: Container[str] = frozenset(), *, clitics: str = _ALL) -> Reading | None:
    """The clitic reading rules 2 to 5 take for ``word``, or None, whether or not the whole word is
    one of ``names`` (rule 1 left to the caller): for a caller that weighs the whole word against
    the reading itself, as place matching weighs وجدة (Oujda) against و + جدة (Jeddah)."""
    rs = [r for r in readings(word) if all(c in clitics for c in r.prefix)]
    return _clitic_reading(word, rs, names, clitics) if len(rs) > 1 else None


def _clitic_reading(
    word: str, rs: list[Reading], names: Container[str], clitics: str, trust_names: bool = True
) -> Reading | None:
    """Rules 2 to 4 of the module docstring for a word that is not one of ``names``: the clitic
    reading to cut, or None (``trust_names=False``: rule 4 for every stem, as :func:`clean_names`
    needs). Bare clitics are read one at a time, the conjunction first: ``وكيري`` is
    و + كيري (and كيري is not ك + يري), ``وبدمشق`` is و + بدمشق, then ب + دمشق."""
    fw = zipf(word)
    art = max((r for r in rs if r.cut and _article(r)), key=lambda r: r.cut, default=None)
    if art is not None:
        return None if fw >= zipf(art.stem) + WORD_MARGIN else art

    def clitic_form(r: Reading) -> bool:
        fs = zipf(r.stem)
        # (the table has one decimal: _EPS keeps a tie on the boundary from depending on rounding)
        excess = fw - fs - CLITIC_RATE[r.prefix]  # above a typical clitic form of the stem
        if trust_names and r.stem in names:
            return fw == 0.0 or excess <= NAME_TOLERANCE + _EPS  # rule 3
        if fs == 0.0:
            return False  # what would remain is no known word
        return fw == 0.0 or excess <= TOLERANCE + _EPS  # rule 4

    one = next((r for r in rs[1:] if r.cut == 1), None)
    if one is not None and clitic_form(one):
        if one.prefix in _CONJ and one.stem not in names and one.stem[0] in _PREP:
            prep = [r for r in readings(one.stem) if r.cut <= 1 and all(c in clitics for c in r.prefix)]
            inner = _clitic_reading(
                one.stem, [r for r in prep if not r.cut or r.prefix in _PREP], names, clitics, trust_names
            )
            if inner is not None:
                return Reading(one.prefix + inner.prefix, inner.stem, 1 + inner.cut, inner.restored)
        return one
    two = next((r for r in rs[1:] if r.cut == 2 and clitic_form(r)), None)
    if two is None and one is not None and one.prefix == "و" and _unknown_waw(word, one.stem, names):
        return one  # rule 5
    return two


def _unknown_waw(word: str, stem: str, names: Container[str]) -> bool:
    """Rule 5: ``و`` + a word that neither the table nor the caller knows, and neither is the whole."""
    return len(stem) > MIN_STEM and zipf(word) == 0.0 and zipf(stem) == 0.0 and stem not in names


def clean_names(words: Iterable[str]) -> frozenset[str]:
    """``words`` without those that are a clitic + another of them (a name list's clitic forms).

    Name lists gathered from tagged text hold clitic forms next to the names (ANERcorp tags whole
    tokens: ``ولندن`` beside ``لندن``, ``بالنمسا`` beside ``النمسا``). Passed as ``names`` to
    :func:`name_reading` they would never be cut; cleaned, they are decided like any other word. A
    word goes when it reads as a clitic + another of them by rule 2 or by the frequencies of rule 4
    (not by rule 3, which would take out names whose tail is a name too: ``كندي`` beside ``ندي``).
    """
    ref = frozenset(words)
    out = set(ref)
    for w in ref:
        r = _clitic_reading(w, readings(w), ref, _ALL, trust_names=False)
        if r is not None and (r.stem in ref or r.bare in ref):
            out.discard(w)
    return frozenset(out)


def vocab_reading(
    word: str, vocab: Container[str], clitics: str = "وف", *, min_stem: int = MIN_STEM
) -> Reading | None:
    """The reading of ``word`` that is a member of ``vocab``, or None.

    For callers with a closed word list of their own (speech verbs, prepositions, cue words): the
    list decides, so no frequency is consulted. The word itself comes first; then the clitics
    ``clitics`` allows, in their order in a word (a conjunction, then a preposition; ``لل`` read as
    ل + ال). ``min_stem``: the shortest member a clitic may stand before (2 for prepositions: وفي).
    """
    if word in vocab:
        return Reading("", word, 0)
    conj = [0]
    if word[:1] in _CONJ and word[:1] in clitics and len(word) - 1 >= min_stem:
        conj.append(1)
    found: Reading | None = None
    for c in conj:
        rest = word[c:]
        if c and rest in vocab:
            found = Reading(word[:c], rest, c)
        if rest[:1] in _PREP and rest[:1] in clitics and len(rest) - 1 >= min_stem:
            if rest.startswith("لل") and "ا" + rest[1:] in vocab:
                return Reading(word[: c + 1], "ا" + rest[1:], c + 1, restored=True)
            if rest[1:] in vocab:
                return Reading(word[: c + 1], rest[1:], c + 1)
    return found


def in_vocab(
    word: str, vocab: Container[str], clitics: str = "وف", *, min_stem: int = MIN_STEM
) -> str | None:
    """The member of ``vocab`` that ``word`` is, clitics allowed (``وقال`` → قال), or None.

    See :func:`vocab_reading`: ``in_vocab(w, SPEECH_VERBS)`` replaces ``w in SPEECH_VERBS or (w[0] in
    "وف" and w[1:] in SPEECH_VERBS)``.
    """
    r = vocab_reading(word, vocab, clitics, min_stem=min_stem)
    return None if r is None else r.stem


@functools.lru_cache(maxsize=CACHE_WORDS)
def drop_conjunction(word: str, letters: str = "وف", *, min_stem: int = MIN_STEM) -> str:
    """``word`` without a leading conjunction (``وقال`` → قال), unless the word is one in its own right.

    For a caller that compares the result with its own words (a closed list, a stem prefix): a
    conjunction is dropped when at least ``min_stem`` letters remain and the whole word is not
    :data:`WORD_MARGIN` more frequent than the rest (``وزير``، ``وصلت``، ``فريق``، ``وراء`` keep
    their first letter). Names and spans use :func:`name_reading`, which is stricter.
    """
    if len(word) > min_stem and word[0] in letters and word[0] in _CONJ:
        rest = word[1:]
        if zipf(word) < zipf(rest) + WORD_MARGIN:
            return rest
    return word


def drop_future(word: str) -> str:
    """``word`` without the future prefix ``س`` before an imperfect verb (``سيبحث`` → يبحث)."""
    if len(word) > MIN_STEM and word[0] == "س" and word[1] in "يتنا":
        return word[1:]
    return word
