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
    """The topics ``text`` names."""
    ws = _words(text)
    found: set[str] = set()
    for topic, stems in load_topics().items():
        for stem in stems:
            n = len(stem)
            for i in range(len(ws) - n + 1):
                # a stem starts the word, with at most a short ending (الاقتصادية ← الاقتصاد)
                if (
                    ws[i].startswith(stem[0])
                    and ws[i + 1 : i + n] == list(stem[1:])
                    and len(ws[i]) - len(stem[0]) <= 3
                ):
                    found.add(topic)
                    break
            if topic in found:
                break
    return found
