"""The web-chrome lexicon (``data/chrome_ar.tsv``): which lines, or line tails, are page chrome.

Entries are matched on the normalised view (:func:`khabar.arabic.normalize.normalize`, lower-cased),
so spelling variants of the same phrase need one entry. Four kinds of entry (see the data file):

* ``line``: the whole line, once edge punctuation, symbols and digits are stripped, is the phrase;
* ``prefix``: the line starts with the phrase (a label followed by its link target);
* ``contains``: an unambiguous phrase anywhere (copyright, cookies, Adblock);
* ``suffix``: the phrase and everything after it, at the end of a content line, is cut off;
* ``lead``: the phrase at the start of a content line is cut off, the rest kept (a share bar glued in
  front of the first sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from khabar.arabic.normalize import normalize
from khabar.data import bad_row, rows

_WHERE = {"line", "prefix", "contains", "suffix", "lead"}
# what may surround a "line" phrase: punctuation, symbols, digits, spaces (e.g. "اكمل القراءة »",
# "التعليقات (3)", "- الرئيسية -")
_SPACES = re.compile(r"\s+")


def key(text: str) -> str:
    """The matching key of a line: normalised, lower-cased, single-spaced."""
    k = normalize(text).lower()
    if "  " in k or "\t" in k or "\n" in k:
        k = _SPACES.sub(" ", k)
    return k.strip()


def strip_edges(k: str) -> str:
    """``k`` without leading and trailing non-letters (punctuation, symbols, digits, spaces)."""
    i, j = 0, len(k)
    while i < j and not k[i].isalpha():
        i += 1
    while j > i and not k[j - 1].isalpha():
        j -= 1
    return k[i:j]


def line_key(text: str) -> str:
    """:func:`key` with edge punctuation, symbols and digits stripped, for ``line`` entries."""
    return strip_edges(key(text))


@dataclass(frozen=True)
class Lexicon:
    line: dict[str, str]
    prefix: tuple[tuple[str, str], ...]
    contains: dict[str, str]
    suffix: tuple[tuple[str, str], ...]
    lead: tuple[tuple[str, str], ...]
    contains_re: re.Pattern[str]
    #: prefix entries grouped by first character, so a line is tested against a handful, not all
    prefix_by_char: dict[str, tuple[tuple[str, str], ...]]

    def match_line(self, text: str, k: str | None = None) -> str | None:
        """The category if the whole line is chrome, else None. ``k`` is ``key(text)`` if known."""
        if k is None:
            k = key(text)
        cat = self.line.get(strip_edges(k))
        if cat:
            return cat
        for p, c in self.prefix_by_char.get(k[:1], ()):
            if k.startswith(p):
                return c
        m = self.contains_re.search(k)
        if m:
            return self.contains[m.group(0)]
        return None


@cache
def load() -> Lexicon:
    """Load and validate the packaged lexicon (once per process)."""
    line: dict[str, str] = {}
    prefix: list[tuple[str, str]] = []
    contains: list[tuple[str, str]] = []
    suffix: list[tuple[str, str]] = []
    lead: list[tuple[str, str]] = []
    for row in rows("chrome_ar.tsv", columns=3):
        parts = row.cols
        if parts[1] not in _WHERE or not parts[0].isascii() or not parts[2].strip():
            raise bad_row(
                "chrome_ar.tsv",
                row.line,
                "not 'category<TAB>line|prefix|contains|suffix|lead<TAB>phrase'",
                parts,
            )
        cat, where, phrase = parts
        k = key(phrase)
        if where == "line":
            line[strip_edges(k)] = cat
        elif where == "prefix":
            prefix.append((k, cat))
        elif where == "contains":
            contains.append((k, cat))
        elif where == "lead":
            lead.append((k, cat))
        else:
            suffix.append((k, cat))
    contains_re = re.compile("|".join(re.escape(k) for k, _ in sorted(contains, key=lambda x: -len(x[0]))))
    by_char: dict[str, list[tuple[str, str]]] = {}
    for p, c in prefix:
        by_char.setdefault(p[:1], []).append((p, c))
    return Lexicon(
        line,
        tuple(prefix),
        dict(contains),
        tuple(suffix),
        tuple(lead),
        contains_re,
        {ch: tuple(v) for ch, v in by_char.items()},
    )
