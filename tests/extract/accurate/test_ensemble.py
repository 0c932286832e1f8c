"""The accurate tagger joined with the CRF (issue 16): the CRF's marginals are those of its sequence
distribution, and the product of experts is a distribution per word."""

from __future__ import annotations

import itertools

import numpy as np

from khabar.extract.accurate.decode import TAGS
from khabar.extract.accurate.ensemble import crf_log_marginals, product_of_experts
from khabar.extract.ner import load_model


def test_crf_marginals_match_enumerating_every_tag_sequence() -> None:
    # forward–backward must give what summing over all 9^4 tag sequences of a short sentence gives
    # (the BIO constraints included, as the CRF decodes with them)
    model = load_model()
    words = ["قال", "وزير", "الخارجية", "لافروف"]
    (got,) = crf_log_marginals(model, [words], TAGS)
    em = model.emissions(words)
    T = len(model.labels)
    seqs = np.array(list(itertools.product(range(T), repeat=len(words))))
    score = model._start[seqs[:, 0]] + em[0, seqs[:, 0]]
    for i in range(1, len(words)):
        score = score + model._trans[seqs[:, i - 1], seqs[:, i]] + em[i, seqs[:, i]]
    p = np.exp(score - score.max())
    p /= p.sum()
    want = np.zeros((len(words), T))
    for i in range(len(words)):
        np.add.at(want[i], seqs[:, i], p)
    cols = [model.labels.index(t) for t in TAGS]
    assert np.allclose(np.exp(got), want[:, cols], atol=1e-6)


def test_the_crf_marginals_favour_its_viterbi_tags_on_a_plain_name() -> None:
    model = load_model()
    words = ["زار", "الرئيس", "بوتين", "موسكو", "."]
    (lp,) = crf_log_marginals(model, [words, []], TAGS)[:1]
    best = [TAGS[int(k)] for k in lp.argmax(1)]
    assert best == model.tag(words)


def test_product_of_experts_is_a_distribution_per_word() -> None:
    rng = np.random.default_rng(0)
    enc = [np.log(rng.dirichlet(np.ones(len(TAGS)), size=3)), np.zeros((0, len(TAGS)))]
    crf = [np.log(rng.dirichlet(np.ones(len(TAGS)), size=3)), np.zeros((0, len(TAGS)))]
    crf[0][0, 2] = -np.inf  # a tag the CRF forbids keeps a finite score
    out = product_of_experts(enc, crf, 0.5)
    assert np.allclose(np.exp(out[0]).sum(1), 1.0) and np.isfinite(out[0]).all()
    assert out[1].shape == (0, len(TAGS))
    # weight 0: the encoder alone
    assert np.allclose(product_of_experts(enc, crf, 0.0)[0], enc[0] - np.log(np.exp(enc[0]).sum(1))[:, None])
