"""The accurate tagger's word scores joined with the CRF's: a product of experts at decoding.

The encoder (:mod:`.tagger`) and the CRF (:mod:`khabar.extract.ner_model`) make different errors: the
encoder reads context and unseen names better (PERS, LOC), the CRF has what the encoder lacks, a
gazetteer, the given-name and common-word lists and the trigger words of ``ner_cues.tsv``, and wins on
ORG and MISC. Each word's encoder log-probabilities get ``weight`` × the CRF's log-marginals of the
same tags added (forward–backward over the CRF's emissions and transitions, the BIO constraints
folded in), renormalised per word, before the encoder's document consistency and BIO Viterbi. The CRF
costs little beside the encoder (it is some 20 times faster).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from khabar.extract.ner_model import NerModel

__all__ = ["CRF_WEIGHT", "crf_log_marginals", "log_softmax", "product_of_experts"]

#: the weight of the CRF's log-marginals beside the encoder's log-probabilities (chosen on the dev
#: slice of the ANERcorp train split for the shipped encoder, see benchmarks/README.md, "The encoder
#: retrained with WikiFANE sentences": flat from 0.2 to 0.5 over two seeds, 0.3 its middle)
CRF_WEIGHT = 0.3


def _logsumexp(a: np.ndarray, axis: int) -> np.ndarray:
    m = a.max(axis=axis, keepdims=True)
    return np.squeeze(m, axis) + np.log(np.exp(a - m).sum(axis=axis))


def log_softmax(a: np.ndarray) -> np.ndarray:
    """Per-row log-probabilities of scores ``[n, tags]``."""
    return a - _logsumexp(a, 1)[:, None]


def crf_log_marginals(
    model: NerModel, sentences: Sequence[Sequence[str]], tags: Sequence[str]
) -> list[np.ndarray]:
    """Each sentence's ``[words, len(tags)]`` log-marginals ``log p(tag of word i | sentence)`` under the CRF
    (its columns in the order of ``tags``; a tag the model lacks gets -inf).

    Forward–backward in log space over the model's emissions, transitions and start scores, with
    the BIO constraints it decodes with; the sentences of a document in one emission pass."""
    order = sorted((k for k, s in enumerate(sentences) if s), key=lambda k: -len(sentences[k]))
    out: list[np.ndarray] = [np.zeros((0, len(tags))) for _ in sentences]
    if not order:
        return out
    em_all = model._emissions_many([sentences[k] for k in order])
    trans, start = model._trans, model._start
    lens = [len(sentences[k]) for k in order]
    S, L, T = len(order), lens[0], len(model.labels)
    # left-aligned, longest first (so the sentences still going at a position are a prefix), each also
    # reversed for the backward pass, which is the forward recursion over the reversed words
    em = np.zeros((S, L, T))
    rev = np.zeros((S, L, T))
    at = 0
    for s, n in enumerate(lens):
        em[s, :n] = em_all[at : at + n]
        rev[s, :n] = em_all[at : at + n][::-1]
        at += n
    alpha = np.zeros((S, L, T))
    back = np.zeros((S, L, T))  # back[s, k]: the backward scores of the word k places before the end
    alpha[:, 0] = start + em[:, 0]
    active = S
    for i in range(1, L):
        while lens[active - 1] <= i:
            active -= 1
        alpha[:active, i] = _logsumexp(alpha[:active, i - 1, :, None] + trans, 1) + em[:active, i]
        back[:active, i] = _logsumexp(trans + (rev[:active, i - 1] + back[:active, i - 1])[:, None, :], 2)
    cols = [model.labels.index(t) if t in model.labels else -1 for t in tags]
    for s, k in enumerate(order):
        n = lens[s]
        post = alpha[s, :n] + back[s, :n][::-1]
        post -= _logsumexp(post, 1)[:, None]
        got = np.full((n, len(tags)), -np.inf)
        for j, c in enumerate(cols):
            if c >= 0:
                got[:, j] = post[:, c]
        out[k] = got
    return out


def product_of_experts(
    enc: Sequence[np.ndarray], crf: Sequence[np.ndarray], weight: float = CRF_WEIGHT
) -> list[np.ndarray]:
    """Per sentence, ``log_softmax(enc + weight × crf)``: both ``[words, tags]`` log-probabilities in
    the same tag order. The CRF's forbidden or absent tags (-inf) are floored at -30 so that a word the
    two disagree on keeps a finite score."""
    return [
        log_softmax(e + weight * np.maximum(c, -30.0)) if len(e) else e for e, c in zip(enc, crf, strict=True)
    ]
