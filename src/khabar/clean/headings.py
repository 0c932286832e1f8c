"""Heading classes of text dumps that the line model misses on sites it never saw.

The line model reads a line and its neighbours' features; four shapes that hold on any site are
easier to say as rules over the labelled blocks (run after classification, before the finer kinds of
:func:`khabar.clean.structure.refine_kinds`):

* an **item's name** written as a list entry ending in a colon ("– لوحة مفاتيح لاسلكية …:",
  "* تراجع مدرسة أميركان إنديان المستقلة:") over its description (prose, not more list entries) is a
  subheading, not a list item: a list item ends in a full stop or nothing, and a colon after a bullet
  announces what follows (guidelines, "Lists"); unless it opens with a verb of speech ("- قال الشاعر
  …:"), which announces a quotation;
* an **interview turn**: a question ("…؟") whose next line opens with the answer's dash ("ـ …") is a
  turn of a dialogue, a paragraph, not a heading (guidelines, "Questions": an FAQ question over its
  answer, with no dash, stays a heading);
* a **headline after a source credit**: in a digest of news items each closed by its source in
  parentheses ("(وكالة “تسنيم”)"), the short line that follows the credit, over a long paragraph,
  is the next item's headline (the credit ends an item; a paragraph does not open with a bare phrase);
* a **verse**: a short line the model called a heading between short paragraphs (a poem's lines) is
  one more verse, a paragraph (guidelines, "Poems"); a part marker without letters ("1 -") stays.
"""

from __future__ import annotations

import re

from khabar.clean import lexicon
from khabar.clean.features import _PAREN_SOURCE
from khabar.clean.structure import _LIST_MARK as _LIST_ENTRY
from khabar.data import rows
from khabar.model import Block

#: a list entry's mark (a bullet, a dash, or several), then text ending in a colon
_ITEM_NAME = re.compile(r"^[-–—•*·▪●◦►]+\s*(?P<name>\S.*?)\s*:$")
#: the most words an item's name has (a longer line ending in a colon is a sentence leading into a list)
_ITEM_WORDS = 12
#: a sentence's end inside the line: a line that holds one is prose, not a name
_INNER_STOP = re.compile(r"[.!؟?][\s\"”»]+\S")
#: the answer's dash that opens an interview turn ("ـ السبب الأساسي …", "- نعم …")
_ANSWER = re.compile(r"^\s*[ـ\-–—]\s*\S")
_QUESTION_END = re.compile(r"[؟?][\"”»)]*$")
#: a headline after a credit: its most words, and the fewest words of the paragraph under it
_HEADLINE_WORDS = 12
_BODY_WORDS = 15
_SENTENCE_END = ".!؛;،,"
#: the most words of a verse line (and of the short lines around it)
_VERSE_WORDS = 8
_LETTER = re.compile(r"[^\W\d_]")

_SPEECH = frozenset(r.cols[1] for r in rows("headings_ar.tsv", columns=2) if r.cols[0] == "speech")


def _opens_with_speech(text: str) -> bool:
    words = lexicon.key(text).split()
    if not words:
        return False
    w = words[0]
    return w in _SPEECH or (len(w) > 3 and w[0] in "وف" and w[1:] in _SPEECH)


def is_item_name(text: str, below: str) -> bool:
    """Whether ``text`` is an item's name written as a list entry over its description ``below``: a
    bullet or a dash, at most twelve words, a final colon, no sentence end inside, no verb of speech
    first; and the line below is prose, not one more list entry (a list's lead-in over its entries,
    "* المقادير:" over "- 1 موزة", is a list's line, a paragraph: guidelines, "Lists")."""
    m = _ITEM_NAME.match(text.strip())
    if m is None or _LIST_ENTRY.match(below.strip()):
        return False
    name = m.group("name")
    return len(name.split()) <= _ITEM_WORDS and not _INNER_STOP.search(name) and not _opens_with_speech(name)


def is_interview_turn(question: str, answer: str) -> bool:
    """Whether ``question`` is an interviewer's question: it ends in a question mark and the next
    line opens with the answer's dash."""
    return bool(_QUESTION_END.search(question.strip())) and bool(_ANSWER.match(answer))


def _headline_after_credit(prev: Block, b: Block, nxt: Block) -> bool:
    t = b.text.strip()
    return (
        prev.kind in ("byline", "heading")  # refine_kinds names a heading in parentheses a byline later
        and bool(_PAREN_SOURCE.match(prev.text.strip()))
        and 2 <= len(t.split()) <= _HEADLINE_WORDS
        and t[-1] not in _SENTENCE_END
        and not _ANSWER.match(t)
        and nxt.kind == "paragraph"
        and len(nxt.text.split()) >= _BODY_WORDS
    )


def heading_classes(blocks: list[Block]) -> list[Block]:
    """Relabel the paragraphs and headings of the three classes above (in place; returns ``blocks``).
    Only kept blocks are read and changed: a removed block's neighbours are the kept ones around it."""
    kept = [b for b in blocks if b.kind != "boilerplate"]
    for k, b in enumerate(kept):
        nxt = kept[k + 1] if k + 1 < len(kept) else None
        if nxt is None:
            continue
        if b.kind == "paragraph" and nxt.kind == "paragraph" and is_item_name(b.text, nxt.text):
            b.kind = "heading"
        elif b.kind == "heading" and is_interview_turn(b.text, nxt.text):
            b.kind = "paragraph"
        elif b.kind == "paragraph" and k > 0 and _headline_after_credit(kept[k - 1], b, nxt):
            b.kind = "heading"
    _verse_lines(kept)
    return blocks


def _short_text(b: Block) -> bool:
    return b.kind == "paragraph" and len(b.text.split()) <= _VERSE_WORDS and not _ANSWER.match(b.text)


def _verse_lines(kept: list[Block]) -> None:
    """A short line the model called a heading between short paragraphs (a poem's verses) is a verse
    too: a subheading announces a text, and a verse of three words announces nothing. The short lines
    must make a stanza (three of them around the run), and the one below must not lead into a list
    (a colon). Consecutive
    such headings are read as one run; a part marker with no letters ("1 -", "**") stays a heading."""
    k = 0
    while k < len(kept):
        if kept[k].kind != "heading":
            k += 1
            continue
        e = k
        while e < len(kept) and kept[e].kind == "heading":
            e += 1
        run = kept[k:e]
        if (
            k > 0
            and e < len(kept)
            and _short_text(kept[k - 1])
            and _short_text(kept[e])
            and not kept[e].text.rstrip().endswith(":")  # a lead-in under a subheading, not a verse
            # a stanza: a third short line beside the two around the run (a caption or a lead-in
            # under a product's or a method's name comes alone)
            and ((k > 1 and _short_text(kept[k - 2])) or (e + 1 < len(kept) and _short_text(kept[e + 1])))
            and all(len(b.text.split()) <= _VERSE_WORDS and _LETTER.search(b.text) for b in run)
        ):
            for b in run:
                b.kind = "paragraph"
        k = e
