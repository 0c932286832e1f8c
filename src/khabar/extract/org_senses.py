"""A known organisation name that is also a common noun, read by the document's other forms of it.

``القاعدة`` is al-Qaeda and "the base" or "the rule". The sentence alone often cannot tell
(``السيطرة على القاعدة`` "taking the base", ``داخل القاعدة``), but the document can: a page about an
air base writes ``قاعدة العند``, ``بقاعدة``, ``أكبر قواعد البلاد``, and a page about the group does not
need the bare noun. So where the document writes one of the noun's other forms
(``orgs_senses_ar.tsv``), the name with the article is the thing again, unless a word around that
mention names the organisation: a member or branch noun before it (``عناصر القاعدة``، ``جناح
القاعدة``), quotation marks or brackets around it, or another armed group or party coordinated with it
(``داعش والقاعدة``، ``بوكو حرام والقاعدة وجبهة النصرة``). Kept apart from :mod:`khabar.extract.orgs`,
which calls it, so that the finder stays under 600 lines.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from khabar import data
from khabar.arabic.normalize import normalize
from khabar.extract.org_words import known_rows, word_stems

__all__ = ["names_org_here", "sense_names"]

_FILE = "orgs_senses_ar.tsv"
#: marks that open a name set apart («القاعدة»، "القاعدة"، (القاعدة))
_OPEN = frozenset("«\"“'(‹")
#: the kinds whose names, coordinated with the word, make it the organisation too
_GROUP_KINDS = frozenset({"armed_group", "party"})


@functools.cache
def _senses() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """name (normalised) → (its common noun's other forms, the words before it that name the body)."""
    out: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for _line, cols in data.rows(_FILE, columns=3):
        forms = frozenset(normalize(w) for w in cols[1].split())
        cues = frozenset(normalize(w) for w in cols[2].split())
        out[normalize(cols[0])] = (forms, cues)
    return out


@functools.cache
def _group_edges() -> tuple[frozenset[str], frozenset[str]]:
    """The first and the last words of the known armed groups' and parties' names."""
    rows = [words for words, kind, _flags in known_rows() if kind in _GROUP_KINDS]
    return frozenset(w[0] for w in rows), frozenset(w[-1] for w in rows)


def sense_names(words: Sequence[str]) -> frozenset[str]:
    """The names of ``orgs_senses_ar.tsv`` whose common noun the document (its normalised words)
    writes in another form."""
    senses = _senses()
    seen = {b for w in set(words) for b in word_stems(w)}
    return frozenset(name for name, (forms, _cues) in senses.items() if not forms.isdisjoint(seen))


def names_org_here(
    text: str, words: Sequence[str], spans: Sequence[tuple[int, int]], i: int, name: str
) -> bool:
    """Whether the mention of ``name`` at word ``i`` is the organisation by the words around it (see
    the module docstring); ``spans`` are the words' offsets in ``text``."""
    _forms, cues = _senses()[name]
    if i > 0 and any(b in cues for b in word_stems(words[i - 1])):
        return True
    start = spans[i][0]
    if start > 0 and text[start - 1] in _OPEN:
        return True  # «القاعدة», (القاعدة); a mark closing after it may close a whole quotation
    firsts, lasts = _group_edges()
    if words[i][:1] == "و" and i > 0 and words[i - 1] in lasts:
        return True  # داعش والقاعدة، بوكو حرام والقاعدة
    return i + 1 < len(words) and words[i + 1][:1] == "و" and words[i + 1][1:] in firsts
