"""BIO tags of the encoder tagger, windows over long sentences, and Viterbi decoding with BIO constraints.

Shared by the training script (dev F1 per epoch) and the runtime tagger, so that what is measured while
training is what the package decodes. numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["MAX_PIECES", "TAGS", "viterbi_bio", "word_windows"]

#: the tagger's tags, in the order of the model's outputs
TAGS: tuple[str, ...] = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
#: pieces per window, <s> and </s> included: ANERcorp's median sentence is 41 pieces, its 97th percentile
#: 128; longer sentences are cut between words into windows of at most this many
MAX_PIECES = 128


def _allowed() -> tuple[np.ndarray, np.ndarray]:
    n = len(TAGS)
    trans = np.zeros((n, n), dtype=np.float32)
    start = np.zeros(n, dtype=np.float32)
    for j, t in enumerate(TAGS):
        if t.startswith("I-"):
            start[j] = -np.inf
            for i, p in enumerate(TAGS):
                if p[2:] != t[2:] or p == "O":
                    trans[i, j] = -np.inf
    return start, trans


_START, _TRANS = _allowed()


def viterbi_bio(logp: np.ndarray) -> list[int]:
    """The best tag sequence for per-word log-probabilities ``[n, tags]`` under BIO (``I-X`` only after
    ``B-X`` or ``I-X``): the argmax of each word alone can open an entity with ``I-``."""
    n = logp.shape[0]
    if n == 0:
        return []
    score = logp[0] + _START
    back = np.zeros((n, len(TAGS)), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + _TRANS
        back[i] = cand.argmax(0)
        score = cand.max(0) + logp[i]
    out = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        out.append(int(back[i, out[-1]]))
    return out[::-1]


def word_windows(pieces_per_word: Sequence[int], max_pieces: int = MAX_PIECES) -> list[tuple[int, int]]:
    """``[start, end)`` word ranges covering a sentence, each at most ``max_pieces - 2`` pieces (a word
    longer than that alone gets a window of its own, its pieces cut by the caller)."""
    out: list[tuple[int, int]] = []
    a, used = 0, 0
    for i, k in enumerate(pieces_per_word):
        if i > a and used + k > max_pieces - 2:
            out.append((a, i))
            a, used = i, 0
        used += k
    if a < len(pieces_per_word) or not out:
        out.append((a, len(pieces_per_word)))
    return out
