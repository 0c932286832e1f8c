"""Repair of raw crawled text, with an offset map back to the raw input.

Crawled Arabic news text carries the scars of its path to us: mojibake, HTML entities the crawler
did not decode, presentation-form glyphs copied out of PDFs, bidi control marks, odd spaces, the
occasional non-NFC sequence and words glued together when markup was stripped. :func:`repair` fixes
one line of such text and records every edit in an :class:`~khabar.offsets.OffsetMap`, so that any
span of the repaired text can be shown in the raw input.

Most lines need nothing, so the fast path is one regex search plus an NFC quick check; only lines
that fail it go through the repair passes. The passes run in rounds until a round changes nothing
(one round almost always suffices; the second only confirms), which makes :func:`repair` idempotent
even when one repair exposes another (``&amp;quot;``, an entity that decodes to a bidi mark, ...).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from khabar.clean.repair_passes import _MAYBE_DIRTY_RE, _PASSES, _apply_text, _Edit, _maybe_dirty, maybe_dirty
from khabar.offsets import OffsetMap

__all__ = ["FIXES", "Repaired", "identity_repair", "maybe_dirty", "repair"]

#: names of the repairs, as reported in :attr:`Repaired.fixes`
FIXES: tuple[str, ...] = (
    "mojibake",
    "html_entity",
    "presentation_forms",
    "invisible",
    "whitespace",
    "nfc",
    "glued",
)


@dataclass(slots=True)
class Repaired:
    """Repaired ``text`` of a raw slice.

    ``offsets`` maps positions in ``text`` to absolute positions in the raw string; ``glue_points``
    are the positions in ``text`` of spaces inserted between glued words; ``fixes`` names the
    repairs that changed something.
    """

    text: str
    offsets: OffsetMap
    glue_points: list[int] = field(default_factory=list)
    fixes: set[str] = field(default_factory=set)


# (start, end, replacement) in the current text; start == end is an insertion
# rounds of passes before giving up on a fixpoint; every pass that can re-trigger another shrinks
# the text, so real input settles in one or two
_MAX_ROUNDS = 8
#: repairs whose output needs no further round: a glue space sits between an Arabic letter (or its
#: marks) and an Arabic letter, where it can complete no entity, telltale, joiner context or cluster.
#: (Collapsed whitespace can: ftfy reads ``Ã`` + space as a mangled ``à``.)
_SETTLED = frozenset({"glued"})


def _cut(omap: OffsetMap, p: int) -> tuple[int, int] | None:
    """The replacement segment of ``omap`` that boundary ``p`` would cut through, if any."""
    i = bisect_right(omap.dst_starts, p) - 1
    if i >= 0:
        d, dl = omap.dst_starts[i], omap.dst_lens[i]
        if dl != omap.src_lens[i] and d < p < d + dl:
            return d, d + dl
    return None


def _widen(omap: OffsetMap, s: int, e: int) -> tuple[int, int]:
    """Widen the edit ``[s, e)`` so that it takes whole any replacement segment it touches.

    A replacement maps only as a whole, so an edit of part of it (or an insertion inside it) must
    replace all of it.
    """
    cs, ce = _cut(omap, s), _cut(omap, e)
    return (cs[0] if cs else s), (ce[1] if ce else e)


def _apply(text: str, omap: OffsetMap, edits: list[_Edit]) -> tuple[str, OffsetMap]:
    """Apply ``edits`` to ``text`` and compose the result's map with ``omap`` (text → raw)."""
    # widen to whole replacement segments and merge the edits that then overlap
    groups: list[tuple[int, int, list[_Edit]]] = []
    for s, e, r in edits:
        ws, we = _widen(omap, s, e)
        if groups and ws < groups[-1][1]:
            gs, ge, members = groups[-1]
            members.append((s, e, r))
            groups[-1] = (gs, max(ge, we), members)
        else:
            groups.append((ws, we, [(s, e, r)]))

    out = OffsetMap()
    parts: list[str] = []
    ds, ss, dls, sls = omap.dst_starts, omap.src_starts, omap.dst_lens, omap.src_lens
    n = len(ds)
    k = 0  # next segment of omap not yet (fully) emitted
    pos = 0  # text[:pos] has been emitted

    def emit_until(hi: int) -> None:
        # copy omap's segments over text[pos:hi], plus deletions sitting at hi
        nonlocal k, pos
        while k < n:
            d, s, dl, sl = ds[k], ss[k], dls[k], sls[k]
            if dl == 0:
                if d > hi:
                    break
                out.add(0, sl, s)
                k += 1
                continue
            if d >= hi:
                break
            a, b = max(d, pos), min(d + dl, hi)
            if dl == sl:
                out.add(b - a, b - a, s + (a - d))
            else:  # groups are widened, so a replacement is always copied whole
                out.add(dl, sl, s)
            if d + dl <= hi:
                k += 1
            else:
                break
        parts.append(text[pos:hi])
        pos = hi

    for gs, ge, members in groups:
        emit_until(gs)
        repl = _apply_text(text[gs:ge], [(s - gs, e - gs, r) for s, e, r in members])
        if gs < ge:
            a, b = omap.span_to_src(gs, ge)
        else:
            a = b = omap.to_src_start(gs)
        out.add(len(repl), b - a, a)
        parts.append(repl)
        # skip omap's segments inside the group; deletions at ge belong to what follows
        while k < n and ds[k] + dls[k] <= ge and (dls[k] > 0 or ds[k] < ge):
            k += 1
        pos = ge
    emit_until(len(text))
    return "".join(parts), out


# -- entry point -----------------------------------------------------------------------------------
_SPACE_RUNS = re.compile(" {2,}")


def _collapse_spaces(text: str, a: int) -> Repaired:
    """Repair of a line whose only fault is runs of plain spaces: each run becomes one space, a
    replacement segment in the map."""
    omap = OffsetMap()
    parts: list[str] = []
    pos = 0
    for m in _SPACE_RUNS.finditer(text):
        s, e = m.span()
        if s > pos:
            omap.add(s - pos, s - pos, a + pos)
            parts.append(text[pos:s])
        omap.add(1, e - s, a + s)
        parts.append(" ")
        pos = e
    if pos < len(text):
        omap.add(len(text) - pos, len(text) - pos, a + pos)
        parts.append(text[pos:])
    return Repaired("".join(parts), omap, [], {"whitespace"})


def identity_repair(raw: str, start: int, end: int) -> Repaired:
    """:func:`repair` of a slice already known clean (``not maybe_dirty``): just the stripped text."""
    seg = raw[start:end]
    text = seg.strip()
    if not text:
        return Repaired("", OffsetMap())
    a = start + seg.find(text[0])
    n = len(text)
    return Repaired(text, OffsetMap([0], [a], [n], [n]))


def repair(raw: str, start: int = 0, end: int | None = None) -> Repaired:
    """Repair ``raw[start:end]`` (one line of a dump), with offsets into ``raw``.

    Leading and trailing whitespace of the slice is left out: ``text`` is stripped and its map
    tiles exactly the stripped slice. Never raises on any ``str``.
    """
    n = len(raw)
    end = n if end is None else max(0, min(end, n))
    start = max(0, min(start, end))
    segment = raw[start:end]
    stripped = segment.lstrip()
    a = start + (len(segment) - len(stripped))
    stripped = stripped.rstrip()
    text = stripped

    suspect = _MAYBE_DIRTY_RE.search(text) is not None or not unicodedata.is_normalized("NFC", text)
    if not suspect:
        n_text = len(text)
        if "  " not in text:
            # the common case: one identity segment (built directly: this runs once per input line)
            return Repaired(text, OffsetMap([0], [a], [n_text], [n_text]) if n_text else OffsetMap())
        # the next most common: only runs of plain spaces to collapse (many CMSs double them)
        return _collapse_spaces(text, a)

    omap = OffsetMap.identity(len(text), a)
    fixes: set[str] = set()
    for _ in range(_MAX_ROUNDS):
        fired: set[str] = set()
        for name, edits_of in _PASSES:
            edits = edits_of(text)
            if edits:
                text, omap = _apply(text, omap, edits)
                fired.add(name)
        fixes |= fired
        # another round only if this one changed something that may expose more to repair
        if fired <= _SETTLED or not _maybe_dirty(text):
            break
    # glue spaces are the only insertions (source length 0) any pass makes
    glue_points = [
        d
        for d, dl, sl in zip(omap.dst_starts, omap.dst_lens, omap.src_lens, strict=True)
        if sl == 0 and dl == 1 and text[d] == " "
    ]
    return Repaired(text, omap, glue_points, fixes)
