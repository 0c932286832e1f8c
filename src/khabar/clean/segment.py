"""From a raw text dump to candidate blocks: lines, repaired, with glued chrome cut off.

Each non-blank line of the raw input becomes one block, repaired (:mod:`khabar.clean.repair`) and
mapped back to its raw characters. Chrome glued to a content line is cut into a block of its own
with a reason: a trailing tag list ("… لجهة الاختصاص. سمات التحرش الطائف"), a "link to this story"
tail ("رابط الخبر بصحيفة …"), "…المزيد", SEO anchors glued after the last full stop, and slider or
link residue glued in front ("Next Previous", "Read More").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from khabar.arabic.script import variant_pattern
from khabar.clean import lexicon
from khabar.clean.repair import identity_repair, maybe_dirty, repair
from khabar.model import Block

_SENT_END = '.!?؟»"”)…'

# a tag list after the last sentence: "… الاختصاص. سمات التحرش بفتاة الطائف"
_TAGS_TAIL = re.compile(
    rf"(?<=[{_SENT_END}])\s+((?:سمات|الوسوم|وسوم|الكلمات الدلالية|كلمات مفتاحية|Tags|Mots-clés)"
    r"\s*:?\s+[^.!?؟\n]{1,300})$"
)
# "|  |  ...المزيد" and "… اقرأ المزيد" read-more residue at the end of a teaser or paragraph
_MORE_TAIL = re.compile(
    r"\s*(?:\|\s*)*(?:\.{2,}|…)\s*(?:(?:ا|إ|أ)قر(?:ا|أ) |اكمل |أكمل )?"
    r"(?:المزيد|القراءة|Read more|Lire la suite)\s*[»›>]*\s*$",
    re.IGNORECASE,
)
# an SEO anchor glued after the final full stop with no space: "… من المياه.مقالات اخرى"
_GLUED_LINK_TAIL = re.compile(rf"([^\s\d{_SENT_END}:،,][^{_SENT_END}:،,]{{2,60}})$")
_LETTERS = re.compile(r"[^\W\d_]")
_LEAD_FIRST = frozenset("NnPpRrLl")  # the first letters of the _LEAD phrases, to skip the regex
# residue glued in front of the first real words (slider buttons, link labels)
_LEAD = re.compile(
    r"^(?:Next\s+Previous|Previous\s+Next|Read More|Lire la suite)\s*[.:»›>-]?\s*", re.IGNORECASE
)


@cache
def _suffix_re() -> re.Pattern[str]:
    """The lexicon's ``suffix`` entries as one display-text pattern (longest first)."""
    lex = lexicon.load()
    alts = sorted({p for p, _ in lex.suffix}, key=len, reverse=True)
    return re.compile(
        r"(?:^|(?<=[\s" + re.escape(_SENT_END) + r"]))(" + "|".join(variant_pattern(a) for a in alts) + ")",
        re.IGNORECASE,
    )


@cache
def _lead_re() -> re.Pattern[str] | None:
    """The lexicon's ``lead`` entries as one display-text pattern anchored at the line's start."""
    alts = sorted({p for p, _ in lexicon.load().lead}, key=len, reverse=True)
    if not alts:
        return None
    return re.compile(
        r"\s*(" + "|".join(variant_pattern(a) for a in alts) + r")\s*[:.،,-]?\s+", re.IGNORECASE
    )


@cache
def _lead_cat() -> dict[str, str]:
    return dict(lexicon.load().lead)


@cache
def _suffix_cat() -> dict[str, str]:
    return dict(lexicon.load().suffix)


def _words(s: str) -> int:
    # repaired text has single spaces and no other whitespace, so counting spaces counts words
    s = s.strip()
    return s.count(" ") + 1 if s else 0


# cheap substring tests that gate the regexes (most lines have no trailing chrome at all)
_TAG_WORDS = ("سمات", "الوسوم", "وسوم", "الكلمات الدلالية", "كلمات مفتاحية", "Tags", "Mots-clés")
_MORE_WORDS = ("المزيد", "القراءة", "ore", "suite")
_VARIANT_LETTERS = set("اأإآٱيىئهةوؤ")


@cache
def _suffix_anchors() -> tuple[tuple[str, ...], ...]:
    """For each suffix phrase, its stretches free of letters that have spelling variants (at least
    two characters long): every spelling of the phrase contains all of them, so plain substring
    tests for them gate the (slower) variant-tolerant regex."""
    anchors = []
    for p, _ in lexicon.load().suffix:
        runs, cur = [], ""
        for ch in p:
            if ch in _VARIANT_LETTERS:
                runs.append(cur.strip())
                cur = ""
            else:
                cur += ch
        runs.append(cur.strip())
        anchors.append(tuple(r for r in runs if len(r) >= 2))
    return tuple(sorted(set(anchors)))


def _has_anchor(low: str) -> bool:
    return any(all(r in low for r in runs) for runs in _suffix_anchors())


@cache
def _gate_words() -> tuple[str, ...]:
    """Substrings (lower-case) one of which any tail rule needs; plain ``in`` tests are C-fast,
    where a regex alternation of literals would try every alternative at every position."""
    return tuple(sorted({w.lower() for w in (*_TAG_WORDS, *_MORE_WORDS)}))


#: trailing chrome is short: only the end of a line is searched (tag lists, link titles ≤ ~300 chars)
_TAIL_WINDOW = 400


def find_tail(text: str) -> tuple[int, str] | None:
    """Where trailing chrome starts in a content line, and why; None if there is none."""
    n = len(text)
    # a line that ends with a full stop ends with its own sentence: every tail rule (tag lists, link
    # labels and titles, "المزيد", glued anchors) leaves the line without one
    if n < 20 or text[-1] == ".":
        return None
    if n > _TAIL_WINDOW:
        # search the window, but keep the sentence-boundary context of its first character
        off = text.rfind(" ", 0, n - _TAIL_WINDOW) + 1
        found = _find_tail_in(text[off:], text.count(" ", 0, off))
        return (found[0] + off, found[1]) if found else None
    return _find_tail_in(text, 0)


def _find_tail_in(text: str, words_before: int) -> tuple[int, str] | None:
    low = text.lower()
    if not any(w in low for w in _gate_words()) and not _has_anchor(low):
        return _glued_link_tail(text, words_before)
    if any(w in text for w in _TAG_WORDS):
        m = _TAGS_TAIL.search(text)
        if m and words_before + _words(text[: m.start(1)]) >= 5:
            return m.start(1), "pattern:tag_list_suffix"
    if any(w in text for w in _MORE_WORDS):
        m = _MORE_TAIL.search(text)
        if m and (m.start() > 0 or words_before) and words_before + _words(text[: m.start()]) >= 3:
            return m.start(), "pattern:read_more_suffix"
    if _has_anchor(low):
        for m in _suffix_re().finditer(text):
            head = text[: m.start(1)]
            if words_before + _words(head) >= 5 and _words(text[m.start(1) :]) <= 25:
                cat = _suffix_cat().get(lexicon.key(m.group(1)), "related")
                return m.start(1), f"lexicon:{cat}_suffix"
    return _glued_link_tail(text, words_before)


def _glued_link_tail(text: str, words_before: int) -> tuple[int, str] | None:
    if words_before + _words(text) >= 15:
        # an anchor glued to the last sentence: text after the final . ! ? with no space after it
        i = max(text.rfind("."), text.rfind("!"), text.rfind("؟"), text.rfind("?"))
        if 0 < i < len(text) - 3 and not text[i + 1].isspace():
            m = _GLUED_LINK_TAIL.match(text, i + 1)
            if (
                m
                and _words(m.group(1)) <= 5
                and len(_LETTERS.findall(m.group(1))) >= 4
                and "[" not in m.group(1)
            ):
                return m.start(1), "pattern:glued_link_suffix"
    return None


def split_line(text: str) -> list[tuple[int, int, str | None]]:
    """Cut one repaired line into ``(start, end, reason)`` pieces; ``reason`` marks chrome pieces."""
    pieces: list[tuple[int, int, str | None]] = []
    start, end = 0, len(text)
    m = _LEAD.match(text) if text[:1] in _LEAD_FIRST else None
    if m and m.end() < end and m.group(0)[:1] in "RrLl":
        # a line that opens with a "read more" label is a teaser link, label and title together
        return [(0, end, "pattern:read_more_teaser")]
    if m and m.end() < end:
        lead_end = m.end()
        while lead_end > 0 and text[lead_end - 1].isspace():
            lead_end -= 1
        pieces.append((0, lead_end, "pattern:leading_chrome"))
        start = m.end()
    lead = _lead_re()
    lm = lead.match(text, start) if lead is not None and start < end else None
    if lm is not None and lm.end() < end:
        # a share bar glued in front of the first sentence (شارك من خلال تويتر فيسبوك … اكتب رأيك)
        cat = _lead_cat().get(lexicon.key(lm.group(1)), "share")
        pieces.append((lm.start(1), lm.end(1), f"lexicon:{cat}_lead"))
        start = lm.end()
    tail = find_tail(text[start:])
    if tail is not None:
        cut, reason = tail
        cut += start
        main_end = cut
        while main_end > start and text[main_end - 1].isspace():
            main_end -= 1
        pieces.append((start, main_end, None))
        pieces.append((cut, end, reason))
    else:
        pieces.append((start, end, None))
    return pieces


def iter_lines(raw: str) -> Iterator[tuple[int, int]]:
    """Raw ``(start, end)`` of every line that is not blank (line breaks: \\n, \\r\\n, \\r)."""
    if "\r" in raw:
        pos = 0
        n = len(raw)
        for m in re.finditer(r"\r\n|\n|\r", raw):
            if m.start() > pos and not raw[pos : m.start()].isspace():
                yield pos, m.start()
            pos = m.end()
        if pos < n and not raw[pos:].isspace():
            yield pos, n
        return
    # the usual \n-only text: str.split is a C loop
    pos = 0
    for line in raw.split("\n"):
        end = pos + len(line)
        if line and not line.isspace():
            yield pos, end
        pos = end + 1


def segment_raw(raw: str) -> list[Block]:
    """Candidate blocks of a raw dump (kinds are assigned later by the classifier)."""
    blocks: list[Block] = []
    # one document-wide check spares most pages the per-line repair tests
    clean = not maybe_dirty(raw)
    for ls, le in iter_lines(raw):
        rep = identity_repair(raw, ls, le) if clean else repair(raw, ls, le)
        if not rep.text:
            # a line that was only invisible marks or entities for spaces: keep it, as removed
            blocks.append(Block("boilerplate", raw[ls:le], ls, le, reason="pattern:empty_after_repair"))
            continue
        pieces = split_line(rep.text)
        if len(pieces) == 1 and pieces[0] == (0, len(rep.text), None):
            # the common case: the whole repaired line is one candidate block
            b = Block("paragraph", rep.text, *rep.offsets.span_to_src(0, len(rep.text)))
            b.srcmap = rep.offsets
            b.glue = tuple(rep.glue_points)
            blocks.append(b)
            continue
        for s, e, reason in pieces:
            if e <= s:
                continue
            sub = rep.offsets.slice(s, e)
            rs, re_ = rep.offsets.span_to_src(s, e)
            b = Block("paragraph" if reason is None else "boilerplate", rep.text[s:e], rs, re_, reason=reason)
            b.srcmap = sub
            b.glue = tuple(g - s for g in rep.glue_points if s < g < e)
            blocks.append(b)
    return blocks
