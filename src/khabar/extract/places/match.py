"""Gazetteer matching over a text's normalised view, and the context readers the rules ask.

:class:`_Doc` is the view with its tokens; ``_matches`` finds the gazetteer names in it, longest first,
with the first word's proclitics read off, and the nationality adjectives beside them; the small readers
(the word before or after a token, its line, a dateline, quotes, the cue classes of a word) and the news
outlets a text names (``_find_outlets``) are what the evidence and the rules are written with.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
from dataclasses import dataclass, field
from typing import Any

from khabar.arabic.clitics import CACHE_WORDS, Reading, clitic_reading, in_vocab, readings
from khabar.arabic.dates import DATE_WORDS
from khabar.arabic.memo import WORDS_KEPT
from khabar.arabic.normalize import normalize_view
from khabar.arabic.tokenize import Token, tokens_of
from khabar.extract.places.gazetteer import (
    _MAX_WORDS,
    ARAB_LEAGUE,
    STOPLIST,
    Gazetteer,
    Outlet,
    Place,
    _fold,
    _strong,
    extra_fold,
    load_gazetteer,
    words,
)
from khabar.model import Span

#: a town this far from every other place a text names, in a country it never names, is a namesake
_FAR = 1000.0
#: a country named within this many characters of a name speaks for it more than one named further
_NEAR = 120
#: separators of a dateline's parts ("الرياض - واس", "جدة: إبراهيم القرشي", "سعاد الشمراني (الرياض)")
_DATELINE_SEPS = frozenset("-–—:/|()")
#: a dateline is a short line, or the first words of a paragraph
_DATELINE_WORDS = 8
#: quotation marks, with the braces some Arabic papers print as quotes (لـ {الشرق الأوسط})
_QUOTES = frozenset("«»\"“”'{}")
_QUOTE_CHARS = "".join(sorted(_QUOTES))
#: weekdays and month names (khabar.arabic.dates): never places (الخميس is Khemis Miliana in GeoNames)
_DATE_WORDS = DATE_WORDS
#: words after which a verb comes, not a name (closed-class particles)
_VERB_PARTICLES = words("verb_particles")
#: directions that, right after a town's name, make another town's name (ظهران الجنوب)
_COMPOUND_DIRS = words("compound_dirs")
#: direction adjectives, which agree with a head before a town (ريف حلب الشمالي)
_DIR_ADJECTIVES = words("dir_adjectives")
_LIST_SEPS = frozenset("،,-–")
_SENT_END = frozenset(".!?؟;؛\n")
#: words whose reading as ل + word is the preposition "to, for" written glued to a quote (لـ«الوطن»)
_LAM_FORMS = words("lam_forms")
#: words that join a person's name inside a site's name (طريق الأمير نايف بن عبدالعزيز، حي أبو مرخة)
_NAME_PARTICLES = words("name_particles")
#: titles that begin the name of a site named after a person (مطار الملك خالد، ملعب الأمير عبدالله)
_NAME_TITLES = words("name_titles")
#: institutions whose name is tagged as a site (مطار الملك خالد، جامعة الدمام)
_SITE_INST_HEADS = words("site_inst_heads")
#: head nouns of provinces and districts whose name is tagged with them (منطقة الباحة، حي النسيم)
_REGION_HEADS = words("region_heads")


# -- matching --------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Match:
    start: int  # in the normalised view
    end: int
    candidates: tuple[Place, ...]
    #: token indices (into the document's token list) of the first and last word
    first: int = 0
    last: int = 0
    key: str = ""
    #: the first word's proclitics as written (و، ب، وب …) and the stem as matched
    prefix: str = ""
    stem: str = ""
    #: the article was added to find it (GeoNames writes خرطوم, the text الخرطوم)
    via_bare: bool = False
    #: the matched name is a nationality adjective too (السعودية): its country
    adjective: str | None = None
    place: Place | None = None
    features: dict[str, float] = field(default_factory=dict)
    #: why it is not a place, when it is not
    veto: str | None = None
    #: what it is instead (nationality, outlet) when vetoed for that
    country_qualifier: str | None = None
    admin_qualifier: str | None = None


@dataclass(slots=True)
class PlaceFinding:
    """What the place layer found in a text: places (LOC spans with GeoNames refs), nationality
    references (NORP spans), news outlets (ORG spans), and named sites (FAC spans), districts, provinces
    and regions outside the gazetteer (LOC spans without coordinates)."""

    places: list[Span] = field(default_factory=list)
    nationalities: list[Span] = field(default_factory=list)
    outlets: list[Span] = field(default_factory=list)
    sites: list[Span] = field(default_factory=list)
    #: every gazetteer match that was not taken as a place, with the reason (for inspection and tests)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    #: the text offsets of every gazetteer match the layer vetoed, with the veto (``club``, ``person``,
    #: ``an adjective`` …): where the NER alone read a place there, the layer's reading wins
    declined: list[tuple[int, int, str]] = field(default_factory=list)
    #: with ``keep_candidates``: each place ref and each place that failed for want of evidence, with
    #: its features (what ``scripts/train_places.py`` fits the confidence model on)
    candidates: list[dict[str, Any]] = field(default_factory=list)


@functools.lru_cache(maxsize=WORDS_KEPT)
def _readings(word: str) -> tuple[Reading, ...]:
    """The clitic readings of a word, with the article-less stem of each (cached across documents:
    news repeats its words; a tuple: the memory's callers only read it)."""
    return tuple(readings(word))


class _Doc:
    """The normalised view of a text and its tokens, with what the rules ask of them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.nv = normalize_view(text)
        self.view = extra_fold(self.nv.text)
        self.toks: list[Token] = list(tokens_of(self.view))
        texts = [t.text for t in self.toks]
        is_word = list(map(str.isalpha, map(operator.itemgetter(0), texts)))
        self.words = list(itertools.compress(range(len(texts)), is_word))
        #: token index → position in ``words``
        self.word_pos = dict(zip(self.words, itertools.count()))
        #: the text of each word token (``words`` order): the per-form memories are mapped over it in C
        self.texts = list(itertools.compress(texts, is_word))

    #: the clitic readings of a word, cached per form: the cache itself rather than a method calling
    #: it (the rules ask it of every word several times)
    readings = staticmethod(_readings)

    @functools.cached_property
    def line_starts(self) -> list[int]:
        """The index of the first token of each line (a line break in the view between two tokens)."""
        toks, view = self.toks, self.view
        return [0] + [k for k in range(1, len(toks)) if "\n" in view[toks[k - 1].end : toks[k].start]]

    @functools.cached_property
    def flags(self) -> tuple[tuple[Any, ...], ...]:
        """What the passes ask of every word, per column (words in ``words`` order): whether it opens
        a place name, a nationality word, an outlet's name; its site head reading (-1: none); whether
        it opens a region; its sports word or None (:func:`_word_flags`, one memory read per word)."""
        return tuple(zip(*map(_word_flags, self.texts), strict=True)) or ((),) * 6

    def gap(self, a: int, b: int) -> str:
        """The view between the end of token ``a`` and the start of token ``b`` (``a < b``)."""
        return self.view[self.toks[a].end : self.toks[b].start]

    def to_text(self, start: int, end: int) -> tuple[int, int]:
        return self.nv.to_text_span(start, end)


#: the first word of a kunya (أبو عريش، أبي عريش، أبا عريش), in the normalised view: with the name after
#: it one name in all three cases, and never a name alone
_KUNYA = words("kunya")


@functools.lru_cache(maxsize=WORDS_KEPT)
def _name_readings(word: str) -> tuple[Reading, ...]:
    """The clitic readings of a word as the first word of a place name: a kunya's genitive and accusative
    (وأبي عريش، أبا عريش) read as its nominative too, the form the gazetteer holds (أبو عريش)."""
    out = _readings(word)
    extra = tuple(Reading(r.prefix, "ابو", r.cut) for r in out if r.stem in ("ابي", "ابا"))
    return out + extra if extra else out


@functools.lru_cache(maxsize=CACHE_WORDS)
def _word_flags(word: str) -> tuple[bool, bool, bool, int, bool, str | None]:
    """:func:`_opens`, :func:`_opens_outlet`, :func:`_site_head`, :func:`_opens_region` and
    :func:`_sport_form` of ``word``, remembered per word form in one memory (the place passes ask
    them of every word of a text: one look-up instead of five)."""
    return (*_opens(word), _opens_outlet(word), _site_head(word), _opens_region(word), _sport_form(word))


def _opens(word: str) -> tuple[bool, bool]:
    """Whether a reading of ``word`` opens a place name (one of the gazetteer's first words), and
    whether one is a nationality word (remembered per word form by :func:`_word_flags`)."""
    gaz = load_gazetteer()
    starts, nat = gaz.first_words, gaz.nat_words
    firsts = _name_readings(word)
    return (
        any(r.stem in starts or r.bare in starts for r in firsts),
        any(r.stem in nat for r in firsts),
    )


def _after_kunya(d: _Doc, w: int) -> bool:
    """Whether the word before word ``w`` (by position in ``d.words``), with only a space between, is a
    kunya's first word (أبو، وأبي، بأبا): the word is then part of a person's or a place's name."""
    prev, ti = d.words[w - 1], d.words[w]
    return _is_kunya(d.toks[prev].text) and not d.gap(prev, ti).strip(" ")


@functools.lru_cache(maxsize=WORDS_KEPT)
def _is_kunya(word: str) -> bool:
    return any(r.stem in _KUNYA for r in readings(word))


@functools.lru_cache(maxsize=WORDS_KEPT)
def _place_readings(word: str) -> tuple[Reading, ...]:
    """The readings a place name's first word is tried in: the word whole, and the clitic reading
    :func:`khabar.arabic.clitics.clitic_reading` takes (``بموسكو`` → موسكو; ``وجدة`` → و + جدة beside
    Oujda, the place prior choosing; not ``باندورا`` → ب + أندورا, a film whose name is a word)."""
    whole = readings(word)[0]
    r = clitic_reading(word, load_gazetteer().first_words)
    out = (whole,) if r is None else (whole, r)
    # a kunya's genitive and accusative (وأبي عريش، أبا عريش) as its nominative, the gazetteer's form
    kunya = tuple(Reading(k.prefix, "ابو", k.cut) for k in readings(word) if k.stem in ("ابي", "ابا"))
    return out + kunya


def _matches(d: _Doc, gaz: Gazetteer) -> tuple[list[_Match], list[tuple[int, int, str]]]:
    """Place-name matches (longest first, left to right) and nationality mentions (first token,
    last token, country or ``-`` for a people) in the view."""
    toks, words = d.toks, d.words
    out: list[_Match] = []
    adjs: list[tuple[int, int, str]] = []
    names, nats = d.flags[0], d.flags[1]
    nxt = 0  # the first word after the last match
    # only the words a name or a nationality begins with (most words: neither), found in C
    for w in itertools.compress(range(len(words)), map(operator.or_, names, nats)):
        if w < nxt:
            continue
        ti = words[w]
        starts_name = names[w]
        found: _Match | None = None
        if w and _after_kunya(d, w):
            continue  # وأبي عريش is one name (أبو عريش): عريش alone is not the Egyptian town
        if starts_name:
            # the run of following words separated from the previous one by spaces only
            j = w + 1
            while j < len(words) and j - w < _MAX_WORDS and d.gap(words[j - 1], words[j]).strip(" ") == "":
                j += 1
        else:
            j = w  # no name begins with this word
        for n in range(j - w, 0, -1):
            rest = "".join(" " + toks[words[k]].text for k in range(w + 1, w + n))
            hits: list[_Match] = []
            for r in _place_readings(toks[ti].text):
                key = r.stem + rest
                if key in _KUNYA:
                    continue  # أبا "father" (accusative), not Aba in Nigeria: a kunya's first word alone
                cands = gaz.names.get(key)
                if cands and r.cut and not r.stem.startswith("ال") and not _strong(cands):
                    continue  # a bare و/ف/ب/ل/ك before a small town's name: more likely a word
                bare = False
                if not cands and r.bare != r.stem and r.stem not in STOPLIST:
                    # GeoNames writes some Arab towns without the article Arabic writes them with
                    # (خرطوم for الخرطوم): only towns that matter, not any town named like a noun, and
                    # never a foreign town or a country (القطر is "the diameter", not Qatar)
                    key = r.bare + rest
                    cands = gaz.names.get(key)
                    if cands:
                        cands = tuple(p for p in cands if p.country in ARAB_LEAGUE and p.fclass != "A")
                        if cands and not _strong(cands):
                            cands = ()
                    bare = True
                if cands:
                    hits.append(
                        _Match(
                            toks[ti].start + r.text_cut,
                            toks[words[w + n - 1]].end,
                            cands,
                            ti,
                            words[w + n - 1],
                            key,
                            r.prefix,
                            r.stem + rest,
                            bare,
                        )
                    )
            if hits:
                # وجدة is و + جدة (Jeddah) before it is Oujda: the reading with the better-known place
                found = max(hits, key=lambda m: (_prior(max(m.candidates, key=_prior)), -len(m.prefix)))
                head, _, rest_key = found.key.partition(" ")
                if (
                    rest_key
                    and head in _REGION_HEADS
                    and rest_key in gaz.names
                    and not any(p.region for p in found.candidates)  # ريف دمشق is a province's own name
                ):
                    # "مدينة زنجبار" is GeoNames' name of Zanzibar, and also the Yemeni Zinjibar's
                    # with its head noun: both are candidates
                    seen = {p.geonameid for p in found.candidates}
                    found.candidates += tuple(p for p in gaz.names[rest_key] if p.geonameid not in seen)
                break
        # a nationality adjective (السورية) is not the country its article-less form names (سورية),
        # nor a town named like it (السويدية): it is a nationality unless the name is the country's own
        adj = None
        for r in _name_readings(toks[ti].text):
            adj = gaz.adjectives.get(r.stem) or ("-" if r.stem in gaz.peoples else None)
            if adj:
                break
        if found and adj and found.last == ti:
            if found.via_bare or not any(p.fclass == "A" and p.country == adj for p in found.candidates):
                found = None
            else:
                found.adjective = adj  # السعودية: the country or the adjective, by its context
        if found:
            out.append(found)
            nxt = d.word_pos[found.last] + 1
            continue
        if adj:
            adjs.append((ti, ti, adj))
    return out, adjs


def _prior(p: Place) -> float:
    """How likely a name means this place before any context: size and rank."""
    s = math.log10(p.population + 10)
    if p.fclass == "A":
        s += 1.0
    if p.fcode == "PPLC":
        s += 0.5
    elif p.fcode == "PPLA":
        s += 0.3
    elif p.fcode == "PPLA2":
        s += 0.15
    return s


# -- context ---------------------------------------------------------------------------------------
def _cue_classes(d: _Doc, gaz: Gazetteer, ti: int) -> frozenset[str]:
    """The cue classes of token ``ti`` (its own word or a clitic reading's stem)."""
    word = d.toks[ti].text
    cls = gaz.cues.get(word)
    if cls is not None:
        return cls
    for r in d.readings(word)[1:]:
        cls = gaz.cues.get(r.stem)
        if cls is not None:
            return cls
    return frozenset()


def _prev_word(d: _Doc, ti: int, *, through: str = "") -> int | None:
    """The word token before token ``ti`` when only spaces (and characters of ``through``) lie
    between them, else None."""
    wi = d.word_pos.get(ti)
    if not wi:
        return None
    p = d.words[wi - 1]
    if d.gap(p, ti).strip(" " + through) == "" and all(d.toks[k].text in through for k in range(p + 1, ti)):
        return p
    return None


def _next_word(d: _Doc, ti: int, *, through: str = "") -> int | None:
    wi = d.word_pos.get(ti)
    if wi is None or wi + 1 >= len(d.words):
        return None
    n = d.words[wi + 1]
    if d.gap(ti, n).strip(" " + through) == "" and all(d.toks[k].text in through for k in range(ti + 1, n)):
        return n
    return None


def _line_of(d: _Doc, ti: int) -> tuple[int, int]:
    """The first and last token index of the line token ``ti`` is on."""
    starts = d.line_starts
    k = bisect.bisect_right(starts, ti)
    return starts[k - 1], (starts[k] - 1 if k < len(starts) else len(d.toks) - 1)


def _dateline(d: _Doc, first: int, last: int) -> bool:
    """Whether tokens ``first..last`` stand as a part of a dateline: a short line, or the first words
    of a paragraph, cut into parts by dashes, colons or brackets (``الرياض - واس``, ``جدة: …``,
    ``سعاد الشمراني (الرياض)``, ``الرياض 25 شوال 1436 هـ``)."""
    a, b = _line_of(d, first)
    toks = d.toks
    before = toks[first - 1].text if first > a else None
    after = toks[last + 1].text if last < b else None
    open_before = before is None or before in _DATELINE_SEPS
    close_after = after is None or after in _DATELINE_SEPS or after.isdigit()
    if not (open_before and close_after):
        return False
    if before is None and after is None:
        return False  # a line that is only the name is a heading, not a dateline
    nwords = sum(1 for k in range(a, b + 1) if toks[k].text[0].isalpha())
    if nwords <= _DATELINE_WORDS:
        return True
    # the first words of a long paragraph: "الرياض - خالد غادن كشف …", "المكلا: محمد اليزيدي"
    words_before = sum(1 for k in range(a, first) if toks[k].text[0].isalpha())
    return words_before <= 3 and after is not None and after in _DATELINE_SEPS


def _in_quotes(d: _Doc, first: int, last: int) -> bool:
    return (
        first > 0
        and last + 1 < len(d.toks)
        and d.toks[first - 1].text in _QUOTES
        and d.toks[last + 1].text in _QUOTES
    )


def _opens_outlet(word: str) -> bool:
    """Whether a clitic reading of ``word`` is the first word of an outlet's name, per word form."""
    by_first = _outlet_index(load_gazetteer())
    return any(r.stem in by_first for r in _readings(word))


def _site_head(word: str) -> int:
    """The position in ``_readings(word)`` of the first reading whose stem is a site or region cue
    (``بحي`` → حي), or -1; per word form (:func:`khabar.extract.places.rules._site_spans` asks it of
    every word)."""
    cues = load_gazetteer().cues
    return next((k for k, r in enumerate(_readings(word)) if r.stem in cues), -1)


def _sport_form(word: str) -> str | None:
    """The word of the sports vocabulary ``word`` is (و ف ب ل allowed before it), or None; per form."""
    return in_vocab(word, load_gazetteer().sport_words, "وفبل")


def _opens_region(word: str) -> bool:
    """Whether a clitic reading of ``word`` is the first word of a named region or water, per form."""
    regions = load_gazetteer().regions
    return any(r.stem in regions for r in _readings(word))


@functools.cache
def _outlet_index(gaz: Gazetteer) -> dict[str, list[tuple[list[str], Outlet]]]:
    """Outlet names by their first normalised word, longest names first."""
    by_first: dict[str, list[tuple[list[str], Outlet]]] = {}
    for o in gaz.outlets:
        for n in o.names:
            parts = _fold(n).split()
            if parts:
                by_first.setdefault(parts[0], []).append((parts, o))
    for v in by_first.values():
        v.sort(key=lambda c: -len(c[0]))
    return by_first


def _find_outlets(d: _Doc, gaz: Gazetteer, own: Outlet | None) -> list[tuple[int, int, Outlet]]:
    """Outlet mentions as (first token, last token, outlet). A name that is also a word or a place
    (اليوم، الوطن، الرياض، الشرق الأوسط) is the outlet only after a media noun (صحيفة، قناة …), in quotes
    after the preposition ل (لـ«الشرق الأوسط»), in quotes in the outlet's own pages, or as a part of
    the record's own dateline (اليوم - الدمام)."""
    toks = d.toks
    by_first = _outlet_index(gaz)
    out: list[tuple[int, int, Outlet]] = []
    taken = -1
    # only the words a reading of which opens an outlet's name (most open none), found in C
    for wi in itertools.compress(range(len(d.words)), d.flags[2]):
        ti = d.words[wi]
        if ti <= taken:
            continue
        for r in d.readings(toks[ti].text):
            cands = by_first.get(r.stem)
            if not cands:
                continue
            best: tuple[int, Outlet] | None = None
            for parts, o in cands:
                if wi + len(parts) > len(d.words):
                    continue
                span = d.words[wi : wi + len(parts)]
                if [toks[k].text for k in span[1:]] != parts[1:]:
                    continue
                if any(d.gap(span[k], span[k + 1]).strip(" ") for k in range(len(span) - 1)):
                    continue
                last = span[-1]
                if not o.needs_cue or _outlet_context(d, gaz, ti, last, r, o, own):
                    best = (last, o)
                    break
            if best:
                out.append((ti, best[0], best[1]))
                taken = best[0]
                break
    return out


def _outlet_context(
    d: _Doc, gaz: Gazetteer, first: int, last: int, r: Reading, o: Outlet, own: Outlet | None
) -> bool:
    toks = d.toks
    prev = _prev_word(d, first, through='«"“')
    if prev is not None and "media" in _cue_classes(d, gaz, prev):
        return True
    if _in_quotes(d, first, last):
        name = _fold(o.names[0])
        if own is not None and own.slug == o.slug:
            return True
        if name not in gaz.names and name not in gaz.common:
            return True  # «عكاظ»: a name that is neither a place nor a common word, quoted
        q = first - 1
        if q > 0:
            before = toks[q - 1]
            if before.end == toks[q].start or d.view[before.end : toks[q].start].strip() == "":
                bt = before.text
                if bt in _LAM_FORMS or bt.endswith("لـ") or (bt == "ـ" and q > 1 and toks[q - 2].text == "ل"):
                    return True
                if bt[0].isalpha() and "media" in _cue_classes(d, gaz, q - 1):
                    return True
    if r.cut == 0 and own is not None and own.slug == o.slug and _fold(o.names[0]) not in gaz.names:
        return _dateline(d, first, last)
    return False
