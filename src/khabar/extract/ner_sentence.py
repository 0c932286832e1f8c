"""The sentence features of the named-entity tagger looked up by their parts, a document at a time.

:meth:`khabar.extract.ner_model.NerModel.sentence_cols` is the definition: the weight rows of each
token's sentence features (the bigrams before and after it, the cues beside an unknown word, the
gazetteer classes), in the order of :meth:`khabar.extract.features.FeatureSet.sentence`.
:func:`sentence_pairs` gives the same rows for all the sentences of a document as two arrays, so that
``np.add.at`` adds them in the same order (issue 15: the bigrams were a tenth of the entity stage).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from khabar.arabic.memo import make_room
from khabar.extract.features import BOS, EOS

if TYPE_CHECKING:
    from khabar.extract.ner_model import NerModel

__all__ = ["bigram_tables", "near_and_gaz", "sentence_pairs"]

#: a token's ``(norm, ident, cues)`` (:meth:`khabar.extract.features.FeatureSet.light`)
Light = tuple[str, str, tuple[str, ...]]


def bigram_tables(index: dict[str, int]) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], int]]:
    """The model's bigram features before and after a token as ``(a, b) → row`` of ``bg-={a}|{b}``
    and ``bg+={a}|{b}``: every way of cutting the string at a ``|`` is a key (a word may be ``|``),
    so ``(a, b)`` is a key exactly when ``f"bg-={a}|{b}"`` is in ``index``, with its row. A few
    thousand pairs: a document's bigrams are looked up in C with no string built (most are not
    features of the model)."""
    before: dict[tuple[str, str], int] = {}
    after: dict[tuple[str, str], int] = {}
    for f, j in index.items():
        if not f.startswith(("bg-=", "bg+=")):  # (one test for most features: start-up)
            continue
        table = before if f[2] == "-" else after
        rest = f[4:]
        k = rest.find("|")
        while k >= 0:
            table[(rest[:k], rest[k + 1 :])] = j
            k = rest.find("|", k + 1)
    return before, after


def sentence_pairs(model: NerModel, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    """(row, weight row) of every sentence feature of the tokens of ``sentences`` (rows numbered one
    sentence after the other): each row's features in the order of ``sentence_cols``, so that
    ``np.add.at``, which adds in array order, makes the same sums. The two bigrams of every token
    (most of the work) are looked up in C, all the tokens at once: the bigram before of every token,
    then the bigram after, then the cues beside unknown words and the gazetteer classes (each token's
    own order kept: bg-, bg+, u, G)."""
    fs = model.features
    tokens = [t for sent in sentences for t in sent]
    lights: list[Any] = list(map(fs._light.get, tokens))
    if None in lights:
        lights = [w or fs.light(t) for t, w in zip(tokens, lights, strict=True)]
    idents = [w[1] for w in lights]
    before: list[str] = []
    after: list[str] = []
    base = 0
    for sent in sentences:
        n = len(sent)
        if n:
            before += (BOS, *idents[base : base + n - 1])
            after += (*idents[base + 1 : base + n], EOS)
        base += n
    if model._bigrams is None:
        model._bigrams = bigram_tables(model.index)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for table, a_s, b_s in zip(model._bigrams, (before, idents), (idents, after), strict=True):
        js = np.fromiter(
            map(table.get, zip(a_s, b_s, strict=True), itertools.repeat(-1)), dtype=np.intp, count=len(a_s)
        )
        rows.append(np.flatnonzero(js >= 0))
        cols.append(js[rows[-1]])
    # the cues beside unknown words, then the gazetteer spans: few tokens, by the per-sentence code
    extra_rows: list[int] = []
    extra_cols: list[int] = []
    base = 0
    for sent in sentences:
        for i, more in enumerate(near_and_gaz(model, lights[base : base + len(sent)]), base):
            if more:
                extra_rows += [i] * len(more)
                extra_cols += more
        base += len(sent)
    rows.append(np.asarray(extra_rows, dtype=np.intp))
    cols.append(np.asarray(extra_cols, dtype=np.intp))
    return np.concatenate(rows), np.concatenate(cols)


def near_and_gaz(model: NerModel, lights: Sequence[Light]) -> list[list[int]]:
    """The weight rows of each token's sentence features other than its bigrams (the cues beside an
    unknown word, then the gazetteer classes), in the order of ``FeatureSet.sentence``; ``lights``:
    the tokens' ``(norm, ident, cues)``."""
    fs = model.features
    ids = model._sent_ids
    make_room(ids)  # bound memory on a long corpus run
    index = model.index

    def col(kind: str, a: str, b: str) -> int:
        j = ids.get((kind, a, b))
        if j is None:
            j = ids[(kind, a, b)] = index.get(f"{kind}{a}{b}", -1)
        return j

    out: list[list[int]] = [[] for _ in lights]
    last = len(lights) - 1
    for i, w in enumerate(lights):
        if w[1] == "<unk>":
            row = out[i]
            for o in (-2, -1, 1, 2):
                if 0 <= i + o <= last:
                    for c in lights[i + o][2]:
                        j = col("u", str(o), c)
                        if j >= 0:
                            row.append(j)
    norms = [w[0] for w in lights]
    i = 0
    heads = fs._heads.get
    while i < len(norms):
        # most words open no multi-word entry (their remembered heads are empty): no call then
        h = heads(norms[i])
        hit = None if h is not None and not h else fs._gaz_match(norms, i)
        if hit:
            k, classes = hit
            for cls in classes.split("|"):
                j = col("G=B-", cls, "")
                if j >= 0:
                    out[i].append(j)
                j = col("G=I-", cls, "")
                if j >= 0:
                    for m in range(i + 1, i + k):
                        out[m].append(j)
            i += k
        else:
            i += 1
    return out
