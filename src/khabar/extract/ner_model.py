"""The NER model in memory (:class:`NerModel`: the CRF's weights over word features, tagging one
sentence or many), what makes a document's tags consistent (:func:`propagate_names`), the shipped
clean list of the model's own names (:data:`NAMES_FILE`) and how a tagged token's clitic is cut off
(``_trim``). :mod:`khabar.extract.ner` reads the model file and tags texts with it."""

from __future__ import annotations

import functools
import gzip
import hashlib
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from khabar import data as khabar_data
from khabar.arabic import memo
from khabar.arabic.clitics import clean_names, name_reading
from khabar.arabic.memo import make_room
from khabar.arabic.normalize import normalize
from khabar.errors import DataFileError
from khabar.extract.features import BOS, EOS, OFFSETS, FeatureSet
from khabar.extract.ner_sentence import near_and_gaz, sentence_pairs

MODEL_FILE = "ner_model.npz"
#: file format of ner_model.npz; bumped when the arrays or the feature templates change meaning
FORMAT = 1
#: ANERcorp's entity types → khabar's labels (MISC is tagged by the model but not reported)
LABELS: dict[str, str] = {"PERS": "PERSON", "ORG": "ORG", "LOC": "LOC"}
_NEG = -1e9  # a forbidden transition


def bio_allowed(prev: str | None, tag: str) -> bool:
    """Whether ``tag`` may follow ``prev`` (``None``: sentence start) in BIO."""
    if not tag.startswith("I-"):
        return True
    return prev is not None and prev != "O" and prev[2:] == tag[2:]


@dataclass
class NerModel:
    """Weights and the feature set they were trained with."""

    labels: list[str]
    index: dict[str, int]
    weights: np.ndarray  # (features, labels) float32
    transitions: np.ndarray  # (labels, labels): score of label j after label i
    start: np.ndarray  # (labels,): score of a label at sentence start
    features: FeatureSet
    #: normalised entity words seen in training, to decide clitic trimming
    known: frozenset[str]
    #: normalised words training nearly always tagged O (at least 5 times, 90 %), names among them
    #: (بين، بان، باسم): the person rules do not take them for name words
    ordinary: frozenset[str] = frozenset()
    meta: dict[str, Any] = field(default_factory=dict)
    #: word form → its row in ``_table``: the (offsets, labels) matrix of :meth:`_word_scores`
    _ids: dict[str, int] = field(init=False, repr=False, default_factory=dict)
    _table: np.ndarray = field(init=False, repr=False, default_factory=lambda: np.zeros((0, 0, 0)))
    #: the previous generation of ``_ids`` and ``_table`` (see _word_ids): a word seen again after the
    #: memory was emptied gets its row copied from there instead of scored again
    _old_ids: dict[str, int] = field(init=False, repr=False, default_factory=dict)
    _old_table: np.ndarray = field(init=False, repr=False, default_factory=lambda: np.zeros((0, 0, 0)))
    #: normalised word → characters of clitics to trim off a span starting at it (see _trim)
    _cuts: dict[str, int] = field(init=False, repr=False, default_factory=dict)
    _rule_words: Any = field(init=False, repr=False, default=None)
    _trims: dict[str, int] = field(init=False, repr=False, default_factory=dict)
    #: word → its normalised form, and as a name's first word (clitics cut): see _Keys
    _norm_keys: dict[str, str] = field(init=False, repr=False, default_factory=dict)
    _first_keys: dict[str, str] = field(init=False, repr=False, default_factory=dict)
    #: sentence feature → its weight row (-1: not a feature of the model), by the feature's parts
    _sent_ids: dict[tuple[str, str, str], int] = field(init=False, repr=False, default_factory=dict)
    #: the bigram features as (word before, word after) → row, see ner_sentence.bigram_tables
    _bigrams: tuple[dict[tuple[str, str], int], ...] | None = field(init=False, repr=False, default=None)
    #: the feature look-up at each offset, see _offset_gets
    _by_offset: tuple[Any, ...] | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        T = len(self.labels)
        # BIO constraints folded into the transition scores once
        self._trans = self.transitions.astype(np.float64).copy()
        self._start = self.start.astype(np.float64).copy()
        for j, tag in enumerate(self.labels):
            if not bio_allowed(None, tag):
                self._start[j] = _NEG
            for i, prev in enumerate(self.labels):
                if not bio_allowed(prev, tag):
                    self._trans[i, j] = _NEG
        # float32: each row is a sum of float32 weights computed in float32 (exact here; half the
        # memory of float64 for up to 200,000 words)
        self._table = np.zeros((1024, len(OFFSETS), T), dtype=np.float32)

    @functools.cached_property
    def names(self) -> frozenset[str]:
        """The words clitic trimming never shortens: the model's entity words and its gazetteer's
        one-word names and first words (``وزارة`` of وزارة الخارجية) without their clitic forms
        (ANERcorp tags ``ولندن`` whole, beside ``لندن``: :func:`khabar.arabic.clitics.clean_names`),
        the place gazetteer's names and first words (``وادي``, ``كابل``, ``بوستون``), and the given
        names of :func:`khabar.extract.names.whole_given_names` (``لجين`` is no ل + جين)."""
        from khabar.extract.names import whole_given_names
        from khabar.extract.places import load_gazetteer

        own = self.own_names()
        cleaned = shipped_clean_names(own)
        if cleaned is None:  # another model, or the shipped list is stale: compute it (~0.1-0.3 s)
            cleaned = clean_names(own)
        return cleaned | load_gazetteer().first_words | whole_given_names()

    def own_names(self) -> frozenset[str]:
        """The model's entity words and its gazetteer's names' first words (before cleaning)."""
        return self.known | frozenset(k.split(" ", 1)[0] for k in self.features.gazetteer)

    def clear_caches(self) -> None:
        """Forget the per-word scores and features (to measure a cold start, or free memory)."""
        self._ids.clear()
        self._old_ids = {}
        # the tables shrink back too: clearing is also how memory is freed
        self._table = np.zeros((1024, *self._table.shape[1:]), dtype=np.float32)
        self._old_table = np.zeros((0, *self._table.shape[1:]), dtype=np.float32)
        self._sent_ids.clear()
        self._cuts.clear()
        self.features.clear_cache()
        self._rule_words = None
        self._trims.clear()
        self._norm_keys.clear()
        self._first_keys.clear()

    def trim(self, token: str) -> int:
        """:func:`_trim` of ``token``, cached per word form (document propagation asks it of every
        token)."""
        t = self._trims.get(token)
        if t is None:
            make_room(self._trims)
            t = self._trims[token] = _trim(token, self)
        return t

    def rule_words(self) -> Any:
        """The per-word cache of the person rules (:mod:`khabar.extract.person_rules`) for this
        model, made on first use."""
        if self._rule_words is None:
            from khabar.extract.person_rules import rule_words

            self._rule_words = rule_words(self)
        return self._rule_words

    # -- scores -----------------------------------------------------------------------------------
    def _word_scores(self, token: str) -> np.ndarray:
        """(offsets, labels): what ``token`` adds to the scores of the tokens around it."""
        return self._words_scores([token])[0]

    def _words_scores(self, tokens: Sequence[str]) -> np.ndarray:
        """:meth:`_word_scores` of each of ``tokens`` (the new words of a document), in one array pass.

        Each (word, offset) sums its feature rows in order: the rows of all of them in one gather,
        then added one row position at a time, left to right, the sums with that many rows or more at
        each step (ordered longest first, those are a prefix): the same float32 sums as adding each
        one's rows in order (the first row is added to +0.0, which leaves it unchanged; the model has
        no −0.0 weight). Half the time of laying the rows out zero-padded as (word × offset, row,
        label) and adding whole planes, which allocated 34 MB for a test split's 9,000 new words."""
        idx: list[int] = []
        lens: list[int] = []
        g_2, g_1, g0, g1, g2 = self._offset_gets()
        word = self.features.word
        for t in tokens:
            w = word(t)
            # the word's features at ±1 and ±2 without their prefix, looked up in per-offset tables:
            # the same rows as the prefixed strings in the index, without building those strings.
            # The tables hold row + 1, so that filter(None) drops the features the model has not
            # (a C-level truth test, not a Python call per feature)
            for get, feats in ((g_2, w.far), (g_1, w.near), (g0, w.own), (g1, w.near), (g2, w.far)):
                n = len(idx)
                idx.extend(filter(None, map(get, feats)))  # the model's features, in order
                lens.append(len(idx) - n)
        at = np.asarray(lens, dtype=np.intp)
        rows = self.weights[np.asarray(idx, dtype=np.intp) - 1]
        order = np.argsort(-at, kind="stable")
        first = (np.cumsum(at) - at)[order]  # where each sum's rows start in ``rows``, longest first
        longest = at[order]
        acc = np.zeros((len(lens), self.weights.shape[1]), dtype=np.float32)
        for k in range(int(longest[0]) if len(longest) else 0):
            n = int(np.count_nonzero(longest > k))  # the sums with a k-th row: a prefix
            acc[:n] += rows[first[:n] + k]
        out = np.empty_like(acc)
        out[order] = acc
        return out.reshape(len(tokens), len(OFFSETS), -1)

    def _offset_gets(self) -> tuple[Any, ...]:
        """The look-up of a feature string at each offset of :data:`OFFSETS`, giving its row **+ 1**
        (None when the model lacks it): offset ``o``'s table maps ``f`` to the row of ``f"{o}{f}"``
        (the index's strings that start with ``str(o)``, that prefix cut: one to one, so the same
        rows), offset 0's every string of the index; made on first use."""
        if self._by_offset is None:
            # one pass over the index (start-up): a feature string opens with at most one offset's
            # prefix (-2, -1, 1, 2: the sign and one digit), so each goes to that offset's table
            tables: dict[str, dict[str, int]] = {str(o): {} for o in OFFSETS}
            assert all(len(h) == 1 + h.startswith("-") for h in tables)
            whole = tables["0"]
            for f, j in self.index.items():
                whole[f] = j + 1
                head = f[:2] if f.startswith("-") else f[:1]
                table = tables.get(head)
                if table is not None and head != "0":
                    table[f[len(head) :]] = j + 1
            self._by_offset = tuple(tables[str(o)].get for o in OFFSETS)
        return self._by_offset

    def _word_ids(self, tokens: Sequence[str]) -> list[int]:
        """The rows of ``tokens`` in the per-word table of :meth:`_word_scores`, filled on first sight."""
        ids = self._ids
        if len(ids) + len(tokens) > memo.WORDS_KEPT:
            # bound memory on a long corpus run, in two generations: the full table becomes the old
            # one and a new one starts, so neither outgrows WORDS_KEPT rows and the hot words of the
            # old one come back by a row copy, not a new scoring (emptying it cost 25 % of the NER)
            self._old_ids, self._old_table = ids, self._table
            ids = self._ids = {}
            self._table = np.zeros((1024, *self._old_table.shape[1:]), dtype=np.float32)
        # the known words in one C-level pass; then the new ones all at once, their rows in the order
        # of first sight
        found = list(map(ids.get, tokens))
        if None not in found:
            return found  # type: ignore[return-value]
        new = list(dict.fromkeys([t for t, i in zip(tokens, found, strict=True) if i is None]))
        first, end = len(ids), len(ids) + len(new)
        while end > len(self._table):
            grown = np.zeros((2 * len(self._table), *self._table.shape[1:]), dtype=np.float32)
            grown[: len(self._table)] = self._table
            self._table = grown
        old = self._old_ids
        kept: list[int | None] = list(map(old.get, new)) if old else []
        if kept and None not in kept:
            self._table[first:end] = self._old_table[np.asarray(kept, dtype=np.intp)]
        elif any(k is not None for k in kept):
            fresh = [k for k, r in enumerate(kept) if r is None]
            back = [k for k, r in enumerate(kept) if r is not None]
            block = np.empty((len(new), *self._table.shape[1:]), dtype=np.float32)
            block[fresh] = self._words_scores([new[k] for k in fresh])
            block[back] = self._old_table[np.asarray([kept[k] for k in back], dtype=np.intp)]
            self._table[first:end] = block
        else:
            self._table[first:end] = self._words_scores(new)
        ids.update(zip(new, range(first, end), strict=True))
        return list(map(ids.__getitem__, tokens))

    def emissions(self, tokens: Sequence[str]) -> np.ndarray:
        """(tokens, labels) emission scores of one sentence."""
        return self._emissions_many([tokens])

    def _emissions_many(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """The emission scores of several non-empty sentences, their rows one after the other.

        One array pass for all of them: each sentence padded with two BOS and two EOS as when tagged
        alone, each token's row the same sums in the same order (so the same floats) as
        :meth:`emissions` of its sentence alone."""
        padded: list[str] = []
        rows: list[int] = []  # where each token sits in ``padded``
        for tokens in sentences:
            base = len(padded) + 2
            padded += (BOS, BOS, *tokens, EOS, EOS)
            rows.extend(range(base, base + len(tokens)))
        ids = self._word_ids(padded)  # (first: it may grow the table)
        stack = self._table[ids]
        at = np.asarray(rows, dtype=np.intp)
        em = np.zeros((len(rows), len(self.labels)))
        for k, o in enumerate(OFFSETS):
            em += stack[at + o, k]
        frows, cols = sentence_pairs(self, sentences)
        if len(cols):
            np.add.at(em, frows, self.weights[cols])
        return em

    def sentence_cols(self, tokens: Sequence[str]) -> list[list[int]]:
        """The weight rows of each token's sentence features, in the order of
        :meth:`FeatureSet.sentence` (those the model has): the same features, looked up by their parts
        (the words of a bigram, a cue and its offset, a gazetteer class) instead of built as strings
        for every token (a bigram is mostly seen before: news repeats its phrases)."""
        fs = self.features
        # (norm, ident, cues) of each token: the memory read inline, light() only for a word not in it
        known = fs._light.get
        lights = [known(t) or fs.light(t) for t in tokens]
        idents = [w[1] for w in lights]
        ids = self._sent_ids
        make_room(ids)  # bound memory on a long corpus run
        index = self.index

        def col(kind: str, a: str, b: str) -> int:
            j = ids.get((kind, a, b))
            if j is None:
                f = f"{kind}={a}|{b}" if kind in ("bg-", "bg+") else f"{kind}{a}{b}"
                j = ids[(kind, a, b)] = index.get(f, -1)
            return j

        out: list[list[int]] = [[] for _ in tokens]
        last = len(idents) - 1
        get = ids.get
        for i, n in enumerate(idents):
            row = out[i]
            # the two bigrams (most tokens' whole work here): col's look-up inlined, the same keys
            a = idents[i - 1] if i else BOS
            j = get(("bg-", a, n))
            if j is None:
                j = col("bg-", a, n)
            if j >= 0:
                row.append(j)
            b = idents[i + 1] if i < last else EOS
            j = get(("bg+", n, b))
            if j is None:
                j = col("bg+", n, b)
            if j >= 0:
                row.append(j)
        for row, more in zip(out, near_and_gaz(self, lights), strict=True):
            row += more
        return out

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """The best BIO tag sequence of one sentence."""
        return self.tag_many([tokens])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The best BIO tag sequence of each sentence (each decoded on its own).

        The sentences of a document are decoded together: their emissions in one array pass, and one
        Viterbi step per token position for all the sentences that long, so the Python-level work
        grows with the longest sentence rather than the number of tokens. Every score is the same
        sum in the same order as when a sentence is tagged alone, so the tags are too."""
        out: list[list[str]] = [[] for _ in sentences]
        order = sorted((k for k, s in enumerate(sentences) if s), key=lambda k: -len(sentences[k]))
        if not order:
            return out
        lens = [len(sentences[k]) for k in order]
        em_all = self._emissions_many([sentences[k] for k in order])
        T = len(self.labels)
        S, L = len(order), lens[0]
        em = np.zeros((S, L, T))
        at = 0
        for s, n in enumerate(lens):
            em[s, :n] = em_all[at : at + n]
            at += n
        back = np.zeros((S, L, T), dtype=np.intp)
        score = self._start + em[:, 0]
        trans = self._trans
        active = S
        for t in range(1, L):
            while lens[active - 1] <= t:  # sorted longest first: the sentences still going are a prefix
                active -= 1
            cand = score[:active, :, None] + trans
            b = cand.argmax(axis=1)
            back[:active, t] = b
            # the best candidate's score is the column maximum itself: the same float as at ``b``
            score[:active] = cand.max(axis=1) + em[:active, t]
        last = score.argmax(axis=1).tolist()
        labels = self.labels
        for s, k in enumerate(order):
            bk = back[s].tolist()
            best = [last[s]]
            for t in range(lens[s] - 1, 0, -1):
                best.append(bk[t][best[-1]])
            best.reverse()
            out[k] = [labels[j] for j in best]
        return out

    def tag_document(self, sentences: Sequence[Sequence[str]], *, propagate: bool = True) -> list[list[str]]:
        """BIO tags of every sentence of one document, made consistent across it (see
        :func:`propagate_names`)."""
        tags = self.tag_many(sentences)
        return propagate_names(self, sentences, tags) if propagate else tags


# -- document consistency ----------------------------------------------------------------------
class _Keys:
    """Normalised forms of a document's words, plain and as a name's first word (clitics cut)."""

    def __init__(self, model: NerModel) -> None:
        self.model = model
        # the model's, kept across documents (pure functions of the word; news repeats its words)
        self._norm = model._norm_keys
        self._first = model._first_keys
        if max(len(self._first), len(self._norm)) >= memo.WORDS_KEPT:  # bound memory on a long run
            self._norm.clear()
            self._first.clear()

    def norm(self, word: str) -> str:
        n = self._norm.get(word)
        if n is None:
            n = self._norm[word] = normalize(word)
        return n

    def first(self, word: str) -> str:
        n = self._first.get(word)
        if n is None:
            n = self._first[word] = normalize(word[self.model.trim(word) :])
        return n

    def key(self, words: Sequence[str]) -> tuple[str, ...]:
        """The normalised words of a name, the first without its clitics (``وبوتين`` → بوتين)."""
        return (self.first(words[0]), *(self.norm(w) for w in words[1:]))


def propagate_names(
    model: NerModel, sentences: Sequence[Sequence[str]], tags: list[list[str]]
) -> list[list[str]]:
    """Tag the untagged repeats of a name the model tagged elsewhere in the same document.

    News names a person or place several times, in contexts of varying help ("وزير الدفاع دونالد
    رامسفيلد" first, then "وصف رامسفيلد"). A name found once is tagged, with its most frequent type,
    where its words recur untagged (clitics allowed on the first word), provided each of its words is
    a name to the model: unseen in training, or seen there inside an entity. Measured on the ANERcorp
    test split by scripts/train_ner.py: +0.018 F1 (recall up, precision about level).
    """
    vocab = model.features.vocab
    keys = _Keys(model)
    found: dict[tuple[str, ...], Counter[str]] = {}
    for sent, tg in zip(sentences, tags, strict=True):
        for a, b, kind in entity_chunks(tg):
            key = keys.key(sent[a:b])
            if sum(map(len, key)) < 3 or any(
                vocab is not None and w in vocab and w not in model.known for w in key
            ):
                continue
            found.setdefault(key, Counter())[kind] += 1
    if not found:
        return tags
    best = {k: c.most_common(1)[0][0] for k, c in found.items()}
    longest: dict[str, int] = {}
    for name in best:
        longest[name[0]] = max(longest.get(name[0], 0), len(name))
    out = [list(tg) for tg in tags]
    known = keys._first.get
    for sent, tg in zip(sentences, out, strict=True):
        # the longest name each token may open, the first-word keys read in C (computed when new)
        firsts: list[Any] = list(map(known, sent))
        if None in firsts:
            firsts = [f if f is not None else keys.first(w) for w, f in zip(sent, firsts, strict=True)]
        mosts = list(map(longest.get, firsts, itertools.repeat(0)))
        i = 0
        while i < len(sent):
            hit = 0
            most = mosts[i] if tg[i] == "O" else 0
            for k in range(min(most, len(sent) - i), 0, -1):
                if any(t != "O" for t in tg[i : i + k]) or (i + k < len(sent) and tg[i + k].startswith("I-")):
                    continue
                label = best.get(keys.key(sent[i : i + k]))
                if label:
                    tg[i : i + k] = [f"B-{label}", *[f"I-{label}"] * (k - 1)]
                    hit = k
                    break
            i += hit or 1
    return out


#: ``clean_names`` of the package model's own names (:meth:`NerModel.own_names`), computed by
#: ``scripts/build_ner_names.py``: cleaning them against the word frequencies took a quarter of a
#: second at every start of ``khabar process --facts``. The header holds the SHA-256 of the names it
#: was computed from and of the frequency table; a list whose sums differ is not used.
NAMES_FILE = "ner_names_ar.txt.gz"


def names_digest(own: Iterable[str]) -> str:
    """SHA-256 of a name list (sorted, one a line): what :data:`NAMES_FILE` was computed from."""
    return hashlib.sha256("\n".join(sorted(own)).encode("utf-8")).hexdigest()


def wordfreq_digest() -> str:
    """SHA-256 of the package's word-frequency file (``clean_names`` reads it)."""
    from khabar.arabic.clitics import WORDFREQ_FILE

    return hashlib.sha256(khabar_data.read_bytes(WORDFREQ_FILE)).hexdigest()


def names_header(own: Iterable[str]) -> str:
    """The first line of :data:`NAMES_FILE` for the names ``own``."""
    return f"# clean_names of the NER names: names {names_digest(own)} wordfreq {wordfreq_digest()}"


def shipped_clean_names(own: frozenset[str]) -> frozenset[str] | None:
    """The shipped ``clean_names(own)``, or None when the file is missing or was computed from other
    names or another frequency table."""
    try:
        raw = khabar_data.read_bytes(NAMES_FILE)
    except DataFileError:
        return None
    header, _, body = gzip.decompress(raw).decode("utf-8").partition("\n")
    if header != names_header(own):
        return None
    return frozenset(body.split("\n"))  # one a line, the last unterminated (an empty name is one)


def entity_chunks(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(first, last + 1, type)`` of every entity in a BIO sequence.

    An ``I-X`` that does not continue an ``X`` opens a new entity, as conlleval reads it.
    """
    out: list[tuple[int, int, str]] = []
    cur: list[Any] | None = None
    for i, tag in enumerate(tags):
        kind = tag[2:] if tag != "O" else None
        if cur is not None and (tag == "O" or tag.startswith("B-") or kind != cur[2]):
            out.append((cur[0], i, cur[2]))
            cur = None
        if kind is not None and cur is None:
            cur = [i, i + 1, kind]
    if cur is not None:
        out.append((cur[0], len(tags), cur[2]))
    return out


def _letters_cut(token: str, cut: int) -> int:
    """The offset in ``token`` after its first ``cut`` letters of the normalised view."""
    if cut <= 0:
        return 0
    seen = 0
    for k, ch in enumerate(token):
        if normalize(ch):
            seen += 1
            if seen == cut:
                k += 1
                while k < len(token) and not normalize(token[k]):  # marks on the clitic letter
                    k += 1
                return k
    return len(token)


def _trim(token: str, model: NerModel) -> int:
    """How many characters of an entity's first token are clitics to leave out of the span.

    :func:`khabar.arabic.clitics.name_reading` decides, with :attr:`NerModel.names`: clitics before
    the article are cut (``والمقداد``, ``بالقاهرة``; training tagged the whole token too); a bare
    ``و``/``ف``/``ب``/``ل``/``ك`` only when what remains is a known name or word and the whole word is
    no more frequent than a clitic form of it would be (``وبوتين`` → بوتين, ``وشويغو`` → شويغو); a
    name the model knows and a word in its own right keep every letter (``واشنطن``، ``وادي``،
    ``باور``، ``فورين``). ``ل`` + article (``للعراق``) cannot be cut: the article's alef is not in the
    text.
    """
    n = normalize(token)
    cut = model._cuts.get(n)
    if cut is None:
        make_room(model._cuts)
        cut = model._cuts[n] = name_reading(n, model.names).text_cut
    return _letters_cut(token, cut)
