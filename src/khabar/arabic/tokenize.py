"""An Arabic word tokenizer that keeps character offsets into the text it was given.

A token is a run of letters, digits and combining marks (so ``وبوتين``, ``الأسد``, ``مُغلقة`` and
``2021`` are one token each: clitics stay attached, as in ANERcorp, and the NER features strip them),
a number with its decimal or thousands separators (``1.9``, ``١٢٫٥``, ``1,000``, also when a
clitic is glued to it: ``و١٢٫٥``), or a single
character of anything else that is not white space (punctuation, symbols). Invisible format marks
(ZWNJ, ZWJ, LRM, RLM, …) separate tokens and are never part of one, so ``text[t.start:t.end] ==
t.text`` holds for every token and tokens never overlap.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from khabar.arabic.normalize import NormalizedView, normalize_view

__all__ = ["Token", "iter_tokens", "sentence_bounds", "tokenize", "tokens_of", "view_words"]

# Word characters: \w (letters and digits of every script, including Arabic letters and tatweel)
# plus the Arabic combining marks that \w leaves out (tashkeel U+064B–U+065F, superscript alef
# U+0670, the honorific and Quranic marks U+0610–U+061A and U+06D6–U+06ED).
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
_WORD = rf"[^\W_][\w{_MARKS}]*(?:(?<=\d)[.,\u066b\u066c]\d+)*"
# A number keeps its separators only between digits: "1.9", "1,000", "١٢٫٥" ("٫" U+066B, "٬" U+066C).
_NUMBER = r"\d+(?:[.,\u066b\u066c]\d+)+"
_SKIP = r"\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_TOKEN_RE = re.compile(rf"{_NUMBER}|{_WORD}|[^{_SKIP}]")
#: what separates tokens (white space, invisible format marks), then a token: every other character
#: starts a token, so consecutive matches tile the text and a token's offsets are the lengths so far
_GAP_TOKEN_RE = re.compile(rf"([{_SKIP}]*)({_TOKEN_RE.pattern})")

#: tokens that end a sentence for the tagger (a line break ends one too: see sentence_bounds)
SENTENCE_END = frozenset(".!?؟;؛…")


@dataclass(frozen=True, slots=True)
class Token:
    """A token: ``text == source[start:end]``."""

    text: str
    start: int
    end: int


# a frozen dataclass's __init__ sets each field through object.__setattr__; the slots' own setters on
# a bare instance make the same object in half the time (a document has a few thousand tokens). A
# named tuple is quicker still to build but slower to read (``tok.text`` on every token, many times)
_new = object.__new__
_set_text = Token.text.__set__  # type: ignore[attr-defined,misc]
_set_start = Token.start.__set__  # type: ignore[attr-defined,misc]
_set_end = Token.end.__set__  # type: ignore[attr-defined,misc]


def _tokens(text: str) -> list[Token]:
    """The tokens of ``text``: one ``findall`` of (gap, token) pairs, the offsets summed from their
    lengths (no match object and three method calls per token, as ``finditer`` needs)."""
    out: list[Token] = []
    append = out.append
    pos = 0
    for gap, tok in _GAP_TOKEN_RE.findall(text):
        t = _new(Token)
        pos += len(gap)
        _set_text(t, tok)
        _set_start(t, pos)
        pos += len(tok)
        _set_end(t, pos)
        append(t)
    return out


def _tokens_by_search(text: str) -> list[Token]:
    """:func:`_tokens` by ``finditer`` over the token pattern alone: the definition (a test checks
    them equal)."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def iter_tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text`` in order, each with its offsets."""
    return iter(_tokens(text))


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text`` (see the module docstring for what a token is)."""
    return list(tokens_of(text))


@functools.lru_cache(maxsize=2)
def tokens_of(text: str) -> tuple[Token, ...]:
    """The tokens of ``text``, remembered for the last few texts: the fact layers of one document
    tokenise the same text (and the same normalised view) one after the other, so each is tokenised
    once per document."""
    return tuple(_tokens(text))


@functools.lru_cache(maxsize=1)
def view_words(text: str) -> tuple[NormalizedView, tuple[Token, ...], tuple[tuple[int, int], ...]]:
    """The normalised view of ``text``, its word tokens (those opening with a letter or a digit) and
    each one's ``(start, end)`` in ``text``, remembered for the last text: the organisation finder
    and the event coder read the same words of a document's text, and mapping every token back
    through the view's offsets was a few per cent of the fact layers' time each."""
    view = normalize_view(text)
    toks = tuple(t for t in tokens_of(view.text) if t.text[0].isalnum())
    return view, toks, tuple(view.offsets.spans_to_src([(t.start, t.end) for t in toks]))


def sentence_bounds(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Split ``tokens`` into sentences, as ``(first, last + 1)`` token index pairs.

    A sentence ends after a sentence-final punctuation token, and at every line break: khabar's
    ``text`` holds one block per line, and a headline or a heading has no full stop.
    """
    out: list[tuple[int, int]] = []
    first = 0
    for i, tok in enumerate(tokens):
        end_here = tok.text in SENTENCE_END
        if not end_here and i + 1 < len(tokens):
            end_here = "\n" in text[tok.end : tokens[i + 1].start]
        if end_here:
            out.append((first, i + 1))
            first = i + 1
    if first < len(tokens):
        out.append((first, len(tokens)))
    return out
