"""Discussion topics of a sentence (``events_topics_ar.tsv``): military, economy, energy, water, food,
IT, refugees, constitution, humanitarian aid, peace, health.

A topic is named when one of its stems starts a word of the sentence (after proclitics) in the
normalised view: ``الاقتصادية`` and ``والاقتصاد`` both say economy.
"""

from __future__ import annotations

from khabar.arabic.clitics import drop_conjunction
from khabar.events.lexicon import fold, load_topics

__all__ = ["find_topics"]


def _words(text: str) -> list[str]:
    out = []
    for w in fold(text).split():
        w = w.strip(".,،:;؛!?؟«»\"'()[]")
        w = drop_conjunction(w)
        if len(w) > 3 and w[0] in "بلك" and w[1:].startswith("ال"):
            w = w[1:]
        if w.startswith("لل"):
            w = "ال" + w[2:]
        out.append(w)
    return out


def find_topics(text: str) -> set[str]:
    """The topics ``text`` names.

    A stem's first word matches a word it starts with at most three letters more (الاقتصادية ←
    الاقتصاد): the words' prefixes of those lengths are indexed once per sentence, so each stem costs
    one look-up instead of a pass over the words."""
    ws = _words(text)
    starts: dict[str, list[int]] = {}
    for i, w in enumerate(ws):
        for k in range(max(0, len(w) - 3), len(w) + 1):
            starts.setdefault(w[:k], []).append(i)
    found: set[str] = set()
    for topic, stems in load_topics().items():
        for stem in stems:
            n = len(stem)
            if any(ws[i + 1 : i + n] == list(stem[1:]) for i in starts.get(stem[0], ())):
                found.add(topic)
                break
    return found
