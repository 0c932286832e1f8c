"""Page furniture by shape: lines that are chrome because of what they are made of, on any site.

The chrome lexicon (``data/chrome_ar.tsv``) knows single phrases ("فيسبوك", "الرئيسية"); a template
strings them together in ways no phrase list can hold. These rules read a line as a sequence of
lexicon phrases and separators, or as one of a few fixed shapes:

* ``share_bar``: only share and network words ("Facebook Twitter WhatsApp", "شارك: فيسبوك تويتر");
* ``nav_bar``: only navigation and section words between separators ("Accueil | الرئيسية",
  "الرئيسية / اتصل بنا / من نحن");
* ``reading_time``: a reading-time badge ("2 min", "5 دقائق قراءة", "قراءة 3 دقائق", "Lecture : 4 min").

Each returns a reason (``pattern:<name>``) for :func:`khabar.clean.classify.classify_blocks`.
"""

from __future__ import annotations

import re
from functools import cache

from khabar.clean import lexicon
from khabar.clean.titles import load as title_cues

_SEPS = re.compile(r"\s*[|·•/\\»›>،,:\-–—]\s*|\s+")
_READING = re.compile(
    r"^(?:(?:وقت\s+ال)?قراءة|مدة\s+القراءة|lecture|temps\s+de\s+lecture|reading\s+time|read)?\s*:?\s*"
    r"[0-9\u0660-\u0669]{1,2}\s*(?:min(?:ute)?s?|mn|دقائق|دقيقة|دقيقتان|د)\.?"
    r"\s*(?:read|de\s+lecture|(?:لل|ل)?قراءة|قراءه)?$",
    re.IGNORECASE,
)


@cache
def _vocab(categories: frozenset[str]) -> frozenset[str]:
    """The lexicon's whole-line phrases of ``categories`` (normalised), one to two words long."""
    lex = lexicon.load()
    return frozenset(p for p, c in lex.line.items() if c in categories and p.count(" ") <= 1)


def _cover(words: list[str], vocab: frozenset[str]) -> bool:
    """Whether ``words`` split into phrases of ``vocab`` of one or two words, left to right."""
    i = 0
    while i < len(words):
        if i + 1 < len(words) and f"{words[i]} {words[i + 1]}" in vocab:
            i += 2
        elif words[i] in vocab:
            i += 1
        else:
            return False
    return True


def furniture_reason(text: str, key: str | None = None) -> str | None:
    """``pattern:<name>`` when the whole line is page furniture by its shape, else None."""
    if len(text) > 120:
        return None
    k = key if key is not None else lexicon.key(text)
    if _READING.match(k) or _READING.match(text.strip().lower()):
        return "pattern:reading_time"
    words = [w for w in _SEPS.split(lexicon.strip_edges(k)) if w]
    if len(words) < 2:
        return None
    share = _vocab(frozenset({"share", "contact"}))
    if _cover(words, share | {"على", "عبر", "via", "sur", "on"}):
        return "pattern:share_bar"
    # a menu's items stand between | · • (breadcrumb arrows mark a section path, which is kept)
    if any(c in k for c in "|·•") and _cover(
        words, _vocab(frozenset({"nav", "contact"})) | title_cues().section
    ):
        return "pattern:nav_bar"
    return None
