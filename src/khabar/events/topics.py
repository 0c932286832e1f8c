"""Discussion topics of a sentence (``events_topics_ar.tsv``): military, economy, energy, water, food,
IT, refugees, constitution, humanitarian aid, peace, health.

A topic is named when one of its stems starts a word of the sentence (after proclitics) in the
normalised view: ``الاقتصادية`` and ``والاقتصاد`` both say economy.
"""

from __future__ import annotations

import functools
import itertools

from khabar.arabic.clitics import CACHE_WORDS, drop_conjunction
from khabar.events.lexicon import fold, load_topics

__all__ = ["find_topics"]


def _words(text: str) -> list[str]:
    return list(map(_word, fold(text).split()))


@functools.lru_cache(maxsize=CACHE_WORDS)
def _word(w: str) -> str:
    """A word of a sentence as the topics' stems are matched against it (punctuation, a conjunction
    and a preposition before the article cut off), remembered per word form."""
    w = w.strip(".,،:;؛!?؟«»\"'()[]")
    w = drop_conjunction(w)
    if len(w) > 3 and w[0] in "بلك" and w[1:].startswith("ال"):
        w = w[1:]
    if w.startswith("لل"):
        w = "ال" + w[2:]
    return w


@functools.lru_cache(maxsize=CACHE_WORDS)
def _heads(w: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(topic, the stem's other words) of every stem whose first word ``w`` starts with at most three
    letters more, in the order :func:`_topics` tries them; remembered per word (most have none)."""
    by_first = _stems_by_first_word()
    return tuple(h for k in range(max(0, len(w) - 3), len(w) + 1) for h in by_first.get(w[:k], ()))


def find_topics(text: str) -> set[str]:
    """The topics ``text`` names (remembered for the last sentences: the coder asks each sentence's
    topics as the sentence of its events and as the one after the previous sentence's)."""
    return set(_topics(text))


@functools.lru_cache(maxsize=64)
def _topics(text: str) -> frozenset[str]:
    """The topics ``text`` names.

    A stem's first word matches a word it starts with at most three letters more (الاقتصادية ←
    الاقتصاد): each word's prefixes of those lengths are looked up among the stems' first words, so a
    sentence costs a few look-ups per word, not a pass over its words per stem."""
    ws = _words(text)
    heads = list(map(_heads, ws))
    found: set[str] = set()
    for i in itertools.compress(range(len(ws)), heads):  # only the words a stem's first word opens
        for topic, rest in heads[i]:
            if topic not in found and ws[i + 1 : i + 1 + len(rest)] == list(rest):
                found.add(topic)
    return frozenset(found)


@functools.cache
def _stems_by_first_word() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """A stem's first word → (topic, the stem's other words) of every stem that starts with it."""
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for topic, stems in load_topics().items():
        for stem in stems:
            out.setdefault(stem[0], []).append((topic, stem[1:]))
    return {w: tuple(v) for w, v in out.items()}
