"""The bounds of the per-word memories of the fact layers, in one place.

Every fact layer remembers what it computed for a word form (its normal form, clitic readings, NER
scores and features, name keys …): news repeats its words, so a word costs one dict look-up after its
first time. The memories only cache pure functions of the word, so their bounds change no output, only
memory and speed. Why bound them all here: on a corpus run the resident memory must stay flat after a
warm-up (issue 15). Bounds of 200,000 words each were reached only after some 10,000 SaudiNewsNet
articles (they meet about 86,000 distinct token forms in their first 1,500, 149,000 in 6,000), so
the process kept growing for most of a 31k-article run; :data:`WORDS_KEPT` is reached within the first
~1,000, after which a full memory is emptied and refilled in the same space. The two memories whose
words are dear to compute again (the NER's per-word score table and its light features) keep two
generations instead: the full one becomes the old one, and a word found there is copied back (see
``NerModel._word_ids``); emptying them whole cost a quarter of the NER's time. What the bound costs in
speed and saves in memory is measured in ``benchmarks/README.md`` ("Memory flat from 10 % to 100 %").
"""

from __future__ import annotations

from typing import Any

#: how many entries each ``functools.lru_cache`` memory of word forms keeps (least recently used out)
CACHE_WORDS = 1 << 14

#: how many entries each dict memory of word forms holds before it is emptied (:func:`make_room`)
WORDS_KEPT = 1 << 16


def make_room(memo: dict[Any, Any], room: int = 1) -> None:
    """Empty ``memo`` if adding ``room`` entries would take it past :data:`WORDS_KEPT`.

    Called before a miss is stored (not on a hit: a look-up stays one ``dict.get``). Emptying whole
    rather than evicting one by one keeps the hit path free of bookkeeping; the space of the emptied
    entries is reused by the next ones, so the process does not grow past the first fill."""
    if len(memo) + room > WORDS_KEPT:
        memo.clear()
