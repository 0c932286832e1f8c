"""Token features of the named-entity model, shared by training (scripts/train_ner.py) and tagging.

Every feature is a string; the model is linear in them. Features come in two kinds:

* **word features** depend on one word only. The word at offset ``o`` from the token being tagged
  (``o`` in -2..2) contributes its templates prefixed with ``o``. Because the score is linear, the
  tagger caches, per word form, the summed weights of each offset's features: tagging a sentence is
  then a few array additions per token, not a feature extraction.
* **sentence features** depend on the token's neighbours together: multi-word gazetteer matches and
  word bigrams.

The templates (on the normalised view of the word, :func:`khabar.arabic.normalize.normalize`):

========== =====================================================================================
offset 0   bias; the word; prefixes and suffixes of 1–4 letters; shape and length; every clitic
           reading's prefix, stem and article-less stem (``وبوتين`` → و + بوتين), with the stem's
           last two letters; cue classes (role, rank, honorific, speech, org, loc: ``ner_cues.tsv``)
           of the word or its stems; single-word gazetteer membership
±1         the word; its clitic stems; its cue classes; its shape; its last two letters; gazetteer
±2         the word; its cue classes
0, ±1      name lexicon (when the model stores one, :class:`NameLexicon`): a given name (the word or a
           clitic stem); the article + a given name (a family name: ``المحمد``); how common the word
           is as an ordinary word (Zipf band, 0 = rare); a rare
           word with the article (a family name: ``العليوات``); a rare word without it, by its share
           of long-vowel letters (a transliterated foreign name: ``دونيس``, ``رافينها``); a word
           written with a final ى (``على`` the preposition, not ``علي`` the name)
sentence   multi-word gazetteer match, as B-/I- of the gazetteer class (longest match, clitics
           stripped from the first word); the bigrams (w-1, w0) and (w0, w+1)
========== =====================================================================================
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from khabar import data
from khabar.arabic import memo
from khabar.arabic.clitics import Reading, readings
from khabar.arabic.memo import make_room
from khabar.arabic.normalize import normalize
from khabar.errors import DataFileError

__all__ = [
    "BOS",
    "EOS",
    "OFFSETS",
    "FeatureSet",
    "NameLexicon",
    "cue_checksum",
    "load_cues",
    "noun_reading",
    "shape",
]

#: offsets of the word templates around the tagged token
OFFSETS: tuple[int, ...] = (-2, -1, 0, 1, 2)
#: pseudo-words before the first and after the last token of a sentence
BOS, EOS = "<s>", "</s>"
#: the longest gazetteer entry matched, in words
MAX_GAZ_WORDS = 5

_CUES_FILE = "ner_cues.tsv"


def _cues_text() -> str:
    return data.read_text(_CUES_FILE)


def cue_checksum() -> str:
    """SHA-256 of the cue file, recorded in the model so that a stale model is caught on load."""
    return hashlib.sha256(_cues_text().encode("utf-8")).hexdigest()


def load_cues() -> dict[str, frozenset[str]]:
    """The cue lexicon as ``normalised word → classes``."""
    out: dict[str, set[str]] = {}
    for n, line in enumerate(_cues_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise DataFileError(
                f"khabar/data/{_CUES_FILE}: line {n} is not 'class<TAB>word': {line!r}", value=line
            )
        out.setdefault(normalize(parts[1]), set()).add(parts[0])
    return {w: frozenset(c) for w, c in out.items()}


#: the Arabic blocks :func:`shape` calls ``A`` (for its letters)
_ARABIC_BLOCKS = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufeff]+")


def shape(word: str) -> str:
    """A coarse shape: ``A`` Arabic letters, ``L`` Latin, ``D`` digits, ``P`` punctuation, joined."""
    if word.isalpha() and _ARABIC_BLOCKS.fullmatch(word):
        return "A"  # letters all in the Arabic blocks (most words): one run of A, in C
    return shape_by_char(word)


def shape_by_char(word: str) -> str:
    """:func:`shape` character by character: its definition, which the fast path must agree with."""
    kinds: list[str] = []
    for ch in word:
        if ch.isdigit():
            k = "D"
        elif "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
            k = "A" if ch.isalpha() else ("M" if unicodedata.category(ch) == "Mn" else "P")
        elif ch.isalpha():
            k = "L"
        else:
            k = "P"
        if not kinds or kinds[-1] != k:
            kinds.append(k)
    return "".join(kinds[:4])


#: how many words' whole features :meth:`FeatureSet.word` keeps. A word's features are some 80
#: strings (about 5 KB); tagging needs them once, to score the word, and keeps the scores (and the
#: word's norm, identity and cues) in tables of their own. Kept for 200,000 words, they were most of
#: the memory a long run grew by (issue 15: VmRSS 365 → 651 MiB over 2,981 articles).
WORD_FEATURES_KEPT = 20_000


@dataclass
class _Word:
    """The features one word form contributes at each offset: ``own`` at offset 0, ``near`` at ±1 and
    ``far`` at ±2, the latter two without their offset's prefix (:attr:`by_offset` adds it: the
    tagger looks them up in per-offset tables instead of building the prefixed strings)."""

    norm: str
    #: the word as the word templates see it: ``norm``, or ``<unk>`` outside the vocabulary
    ident: str
    #: tuples, not lists: a word's features are kept for the run, and tuples of strings are objects
    #: the garbage collector stops walking
    own: tuple[str, ...]
    near: tuple[str, ...]
    far: tuple[str, ...]
    #: cue classes of the word or its clitic stems
    cues: tuple[str, ...] = ()

    @property
    def by_offset(self) -> dict[int, tuple[str, ...]]:
        """The feature strings at each offset, prefixed with it (``-1w=…``; offset 0 unprefixed)."""
        out = {0: self.own} if self.own else {}
        for o in OFFSETS:
            if o:
                out[o] = tuple([f"{o}{f}" for f in (self.near if o in (-1, 1) else self.far)])
        return out


#: Arabic combining marks (tashkeel, superscript alef) that may follow a word's last letter
_MARKS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
#: letters that write long vowels and glides; transliterated names are rich in them (دونيس، رافينها)
_VOWEL_LETTERS = frozenset("اويىءؤئ")


def noun_reading(r: Reading) -> bool:
    """Whether clitic reading ``r`` can be a proclitic on a noun: a preposition (ب ل ك) never stands
    before an imperfect verb, so ``كيري`` is no ك + يري ("he sees") and ``بيريرا`` no ب + يريرا."""
    if not r.cut:
        return False
    return not (r.prefix[-1:] in ("ب", "ل", "ك") and r.stem.startswith("ي"))


@dataclass(frozen=True)
class NameLexicon:
    """Given names and common words, stored inside the model file as the gazetteer is, so that the
    model keeps the lexicon it was trained with when the package's name lists grow.

    ``given``: normalised given names (``khabar.extract.names``); ``common``: normalised ordinary
    words → their Zipf band (3, 4, 5 …; ``names_common_ar.tsv.gz``, words of person names excluded)."""

    given: frozenset[str]
    common: dict[str, int]

    def features(self, n: str, stems: Sequence[str]) -> list[str]:
        """The lexicon features of normalised word ``n`` whose clitic readings leave ``stems``."""
        out: list[str] = []
        given = n in self.given or any(map(self.given.__contains__, stems))
        if given:
            out.append("gn")
        if n.startswith("ال") and n[2:] in self.given:
            # a family name made of the article and a given name (المحمد، الفهد، السعد): web text counts
            # many of them among its words, so they stand outside the Zipf bands
            out.append("alg")
            return out
        band = max([self.common.get(n, 0), *map(self.common.get, stems, itertools.repeat(0))])
        out.append(f"z={band}")
        if band or given or len(n) < 4:
            return out
        if n.startswith("ال"):
            if len(n) >= 5:
                out.append("fam")
        else:
            share = sum(map(_VOWEL_LETTERS.__contains__, n)) / len(n)
            out.append("fx=hi" if share >= 0.35 else "fx=lo")
        return out


@dataclass
class FeatureSet:
    """The feature templates, bound to the cue lexicon and the gazetteer the model was trained with.

    ``gazetteer`` maps a normalised entry (words joined by one space) to its classes (``LOC``,
    ``PERS|LOC`` …).
    ``vocab`` holds the normalised words seen at least twice in training: any other word (and stem)
    stands as ``<unk>`` in the word and bigram templates, so that training, where every word is
    known, still teaches the model what an unseen word looks like (most names in new text are).
    """

    cues: dict[str, frozenset[str]]
    gazetteer: dict[str, str]
    vocab: frozenset[str] | None = None
    names: NameLexicon | None = None
    _gaz_single: dict[str, str] = field(init=False, repr=False)
    _gaz_first: dict[str, int] = field(init=False, repr=False)
    _cache: dict[str, _Word] = field(init=False, repr=False, default_factory=dict)
    _light: dict[str, tuple[str, str, tuple[str, ...]]] = field(init=False, repr=False, default_factory=dict)
    #: the previous generation of ``_light`` (see light)
    _light_old: dict[str, tuple[str, str, tuple[str, ...]]] = field(
        init=False, repr=False, default_factory=dict
    )
    _heads: dict[str, tuple[tuple[str, int], ...]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._gaz_single = {e: c for e, c in self.gazetteer.items() if " " not in e}
        first: dict[str, int] = {}
        for e in self.gazetteer:
            words = e.split(" ")
            if 1 < len(words) <= MAX_GAZ_WORDS:
                first[words[0]] = max(first.get(words[0], 0), len(words))
        self._gaz_first = first

    def clear_cache(self) -> None:
        self._cache.clear()
        self._light.clear()
        self._light_old = {}
        self._heads.clear()

    # -- word features ----------------------------------------------------------------------------
    def word(self, token: str) -> _Word:
        """The (cached) word features of ``token``."""
        w = self._cache.get(token)
        if w is None:
            if len(self._cache) > WORD_FEATURES_KEPT:  # bound memory on a long corpus run
                self._cache.clear()
            w = self._cache[token] = self._word(token)
        return w

    def light(self, token: str) -> tuple[str, str, tuple[str, ...]]:
        """``(norm, ident, cues)`` of :meth:`word`, kept longer than the whole features (tagging
        asks these of every token; the features only of a word the scores have not seen)."""
        v = self._light.get(token)
        if v is None:
            if len(self._light) >= memo.WORDS_KEPT:
                # bound memory on a long corpus run, in two generations (the hot words come back from
                # the old one without their whole features made again)
                self._light_old, self._light = self._light, {}
            v = self._light_old.get(token)
            if v is None:
                w = self.word(token)
                v = (w.norm, w.ident, w.cues)
            self._light[token] = v
        return v

    def _word(self, token: str) -> _Word:
        if token in (BOS, EOS):
            return _Word(token, token, (), (f"w={token}",), (f"w={token}",))
        n = normalize(token)
        known = self._known
        ident = known(n)
        stems: list[str] = []
        sh = f"sh={shape(n)}"
        size = len(n)
        own = ["b", f"w={ident}", sh, f"len={min(size, 9)}"]
        if size > 4:  # most words: the eight affixes at once (the loop below, unrolled)
            own += (f"p1={n[:1]}", f"s1={n[-1:]}", f"p2={n[:2]}", f"s2={n[-2:]}")
            own += (f"p3={n[:3]}", f"s3={n[-3:]}", f"p4={n[:4]}", f"s4={n[-4:]}")
        else:
            for k in range(1, size):
                own.append(f"p{k}={n[:k]}")
                own.append(f"s{k}={n[-k:]}")
        cue_words = self.cues
        cues: set[str] = set(cue_words.get(n, ()))
        gaz: set[str] = set()
        self._gaz_add(gaz, n)
        reads = readings(n)
        if n not in self._heads:
            # the heads _gaz_match asks of this word, made from the readings at hand rather than read
            # again when the sentence is matched
            make_room(self._heads)
            self._heads[n] = self._heads_of(reads)
        for r in reads:
            stem = r.stem
            if r.cut:
                kstem = known(stem)
                stems.append(kstem)
                own.append(f"cl={r.prefix}")
                own.append(f"st={kstem}")
                hit = cue_words.get(stem)
                if hit:
                    cues.update(hit)
                self._gaz_add(gaz, stem)
            bare = r.bare
            if bare != stem:
                own.append(f"sb={known(bare)}")
                own.append(f"ss2={bare[-2:]}")
        cue_f = [f"cue={c}" for c in sorted(cues)] if cues else []
        gaz_f = [f"g={c}" for c in sorted(gaz)] if gaz else []
        own += cue_f
        own += gaz_f
        lex = self.names.features(n, [r.stem for r in reads if noun_reading(r)]) if self.names else []
        if self.names is not None and token.rstrip(_MARKS).endswith("ى"):
            # the view folds ى into ي: the preposition على and the name علي become one word, but
            # writers who use ى keep them apart (ANERcorp: على 1,725 times, never a name)
            lex.append("ry")
        own += lex
        w = own[1]  # f"w={ident}"
        near = [w, sh, f"s2={n[-2:]}"]
        if stems:
            near += [f"st={s}" for s in stems]
        near += cue_f
        near += gaz_f
        near += lex
        far = (w, *cue_f)
        return _Word(n, ident, tuple(own), tuple(near), far, tuple(sorted(cues)) if cues else ())

    def _gaz_add(self, classes: set[str], n: str) -> None:
        hit = self._gaz_single.get(n)
        if hit:
            classes.update(hit.split("|"))

    def _known(self, n: str) -> str:
        return n if self.vocab is None or n in self.vocab else "<unk>"

    # -- sentence features ------------------------------------------------------------------------
    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """The sentence features of each token (gazetteer spans, bigrams)."""
        words = [self.word(t) for t in tokens]
        norms = [w.norm for w in words]
        idents = [w.ident for w in words]
        out: list[list[str]] = [[] for _ in tokens]
        for i, n in enumerate(idents):
            prev = idents[i - 1] if i else BOS
            nxt = idents[i + 1] if i + 1 < len(idents) else EOS
            out[i].append(f"bg-={prev}|{n}")
            out[i].append(f"bg+={n}|{nxt}")
            if n == "<unk>":
                # an unseen word next to a cue (a role before it, a speech verb after it …)
                for o in (-2, -1, 1, 2):
                    if 0 <= i + o < len(words):
                        out[i].extend(f"u{o}{c}" for c in words[i + o].cues)
        i = 0
        while i < len(norms):
            hit = self._gaz_match(norms, i)
            if hit:
                k, classes = hit
                for cls in classes.split("|"):
                    out[i].append(f"G=B-{cls}")
                    for j in range(i + 1, i + k):
                        out[j].append(f"G=I-{cls}")
                i += k
            else:
                i += 1
        return out

    def _heads_of(self, reads: Sequence[Reading]) -> tuple[tuple[str, int], ...]:
        """The readings whose stem opens a multi-word gazetteer entry, with the entry's longest length
        (kept once per word form in ``_heads``)."""
        first = self._gaz_first
        return tuple((r.stem, first[r.stem]) for r in reads if r.stem in first)

    def _gaz_match(self, norms: Sequence[str], i: int) -> tuple[int, str] | None:
        """The longest multi-word gazetteer entry starting at ``norms[i]`` (clitics stripped)."""
        heads = self._heads.get(norms[i])
        if heads is None:
            make_room(self._heads)
            heads = self._heads[norms[i]] = self._heads_of(readings(norms[i]))
        for stem, longest in heads:
            for k in range(min(longest, len(norms) - i), 1, -1):
                cls = self.gazetteer.get(" ".join([stem, *norms[i + 1 : i + k]]))
                if cls:
                    return k, cls
        return None

    # -- all features (training) ------------------------------------------------------------------
    def features(self, tokens: Sequence[str]) -> list[list[str]]:
        """Every feature string of every token of a sentence (what training sees)."""
        padded = [BOS, BOS, *tokens, EOS, EOS]
        words = [self.word(t) for t in padded]
        sent = self.sentence(tokens)
        out: list[list[str]] = []
        for i in range(len(tokens)):
            feats: list[str] = []
            for o in OFFSETS:
                feats.extend(words[i + 2 + o].by_offset[o])
            feats.extend(sent[i])
            out.append(feats)
        return out


def gazetteer_from_names(entries: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Normalise ``(name, class)`` pairs into a gazetteer (one-letter names dropped)."""
    out: dict[str, set[str]] = {}
    for name, cls in entries:
        key = " ".join(normalize(name).split())
        if len(key.replace(" ", "")) >= 2:
            out.setdefault(key, set()).add(cls)
    return {k: "|".join(sorted(v)) for k, v in out.items()}
