"""Sentence spans of ``Document.text`` as the event coder (and the events gold set) cut them.

A sentence ends at a line break (khabar's text holds one block per line, and headlines carry no full
stop) and after ``. ! ? ؟`` (optionally followed by closing quotes or brackets) when white space or,
directly, an Arabic letter follows: crawled Arabic news often drops the space (``الكاميرون.وأصيب``).
Runs of dots (``..``) and one-letter abbreviations (``د.``) do not end a sentence. These are the
rules the PLOVER gold set's segmenter applies, so that events can be scored by sentence.
"""

from __future__ import annotations

import re
from itertools import pairwise

__all__ = ["dotted_piece", "sentence_spans"]

_END = re.compile(r"(?<![.])[.!?؟](?![.])[\"'»”’)\]}]*(?=\s|[\u0621-\u064a])")
_LETTER_BEFORE = re.compile(r"(?:^|[\s(«\"])\w$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank sentence of ``text``, stripped of surrounding white space."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        a = pos
        pos += len(line) + 1
        cuts = [0]
        for m in _END.finditer(line):
            if m.group()[0] == "." and _LETTER_BEFORE.search(line[: m.start()]):
                continue  # a one-letter abbreviation: د. محمد
            cuts.append(m.end())
        cuts.append(len(line))
        for s, e in pairwise(cuts):
            seg = line[s:e]
            if seg.strip():
                lead = len(seg) - len(seg.lstrip())
                trail = len(seg) - len(seg.rstrip())
                out.append((a + s + lead, a + e - trail))
    return out


def dotted_piece(text: str, spans: list[tuple[int, int]], a: int, b: int, k: int) -> tuple[int, int]:
    """The words ``[a', b')`` of sentence ``[a, b)`` (word indices; ``spans``: each word's text span)
    that word ``k`` shares with no run of dots or ellipsis between: headlines join two stories with
    one (المقاومة تستعيد قاعدة العند.. والقوات الخليجية تؤمن عدن), which the sentence keeps whole
    as the gold set's segmenter does, and a party of one is no party of the other. A piece that the
    word opens itself carries on the one before (السعودية تتصدى لقذائف حوثية.. وتدمير منصات إطلاقها:
    the same subject), so the two are read together."""
    gaps = ((j, text[spans[j - 1][1] : spans[j][0]]) for j in range(a + 1, b))
    cuts = [j for j, gap in gaps if ".." in gap or "…" in gap]
    if not cuts:
        return a, b
    lo = max((j for j in cuts if j <= k), default=a)
    hi = min((j for j in cuts if j > k), default=b)
    if lo == k and lo > a:
        lo = max((j for j in cuts if j < k), default=a)
    return lo, hi
