"""Offset maps: where each character of a derived string came from.

khabar never loses track of the source. Repair (entities, presentation forms, invisible marks, glued
words) turns raw input into display text, and normalisation turns display text into a matching view;
both record an :class:`OffsetMap` so that a span found in the derived string can be shown in the
string it came from.

A map is a list of *segments* ``(dst_start, src_start, dst_len, src_len)`` that tile the derived
string. An *identity* segment (``dst_len == src_len``) maps character by character; any other segment
is an atomic replacement (``&quot;`` → ``"``, ``ﻻ`` → ``لا``, an inserted space of length 0 in the
source) and maps only as a whole: a span that starts inside it starts at its source start, a span that
ends inside it ends at its source end. This keeps maps small (one segment per edit, not one entry per
character) and conversions O(log n) with :mod:`bisect`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(slots=True)
class OffsetMap:
    """Segments tiling a derived string of length ``dst_len`` over a source of length ``src_len``."""

    dst_starts: list[int] = field(default_factory=list)
    src_starts: list[int] = field(default_factory=list)
    dst_lens: list[int] = field(default_factory=list)
    src_lens: list[int] = field(default_factory=list)

    # -- building ---------------------------------------------------------------------------------
    @classmethod
    def identity(cls, length: int, src_offset: int = 0) -> OffsetMap:
        """The map of an unchanged string of ``length`` characters starting at ``src_offset``."""
        m = cls()
        if length:
            m.add(length, length, src_offset, 0)
        return m

    @property
    def dst_len(self) -> int:
        return self.dst_starts[-1] + self.dst_lens[-1] if self.dst_starts else 0

    @property
    def src_end(self) -> int:
        return self.src_starts[-1] + self.src_lens[-1] if self.src_starts else 0

    def add(self, dst_len: int, src_len: int, src_start: int, dst_start: int | None = None) -> None:
        """Append a segment; consecutive identity segments are merged."""
        if dst_len == 0 and src_len == 0:
            return
        if dst_start is None:
            dst_start = self.dst_len
        if (
            self.dst_starts
            and dst_len == src_len
            and self.dst_lens[-1] == self.src_lens[-1]
            and self.dst_starts[-1] + self.dst_lens[-1] == dst_start
            and self.src_starts[-1] + self.src_lens[-1] == src_start
        ):
            self.dst_lens[-1] += dst_len
            self.src_lens[-1] += src_len
            return
        self.dst_starts.append(dst_start)
        self.src_starts.append(src_start)
        self.dst_lens.append(dst_len)
        self.src_lens.append(src_len)

    def extend(self, other: OffsetMap, dst_shift: int) -> None:
        """Append ``other``'s segments, shifted by ``dst_shift`` in the derived string."""
        for d, s, dl, sl in zip(
            other.dst_starts, other.src_starts, other.dst_lens, other.src_lens, strict=True
        ):
            self.add(dl, sl, s, d + dst_shift)

    # -- querying ---------------------------------------------------------------------------------
    def to_src_start(self, pos: int) -> int:
        """Source offset where a span starting at derived offset ``pos`` starts."""
        i = bisect_right(self.dst_starts, pos) - 1
        if i < 0:
            return self.src_starts[0] if self.src_starts else 0
        # a deletion (dst_len 0) shares its dst_start with the segment after it; bisect_right
        # picks that later segment, so a span never starts on a deleted character
        d, s, dl, sl = self.dst_starts[i], self.src_starts[i], self.dst_lens[i], self.src_lens[i]
        if pos >= d + dl:  # past the end of the last segment
            return s + sl
        if dl == sl:
            return s + (pos - d)
        return s

    def to_src_end(self, pos: int) -> int:
        """Source offset where a span ending (exclusively) at derived offset ``pos`` ends."""
        if pos <= 0:
            return self.src_starts[0] if self.src_starts else 0
        i = bisect_right(self.dst_starts, pos - 1) - 1
        # zero-width derived segments (deletions) that end exactly at pos are not part of the span
        d, s, dl, sl = self.dst_starts[i], self.src_starts[i], self.dst_lens[i], self.src_lens[i]
        if dl == 0:
            return s
        if dl == sl:
            k = pos - d  # (min(k, dl) written out: this runs for every token of every view)
            return s + (k if k < dl else dl)
        return s + sl

    def span_to_src(self, start: int, end: int) -> tuple[int, int]:
        """Source ``(start, end)`` of the derived span ``[start, end)``."""
        if end <= start:
            p = self.to_src_start(start)
            return p, p
        return self.to_src_start(start), self.to_src_end(end)

    def spans_to_src(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`span_to_src` of each span. The fact layers map every token of a document: for
        spans in text order (starts and ends never decreasing, as tokens are) the segments are walked
        once, in one loop, instead of two bisections and three calls per span; any other span, or one
        outside the map, goes through :meth:`span_to_src` (a test checks both agree)."""
        ds, ss, dls, sls = self.dst_starts, self.src_starts, self.dst_lens, self.src_lens
        n = len(ds)
        out: list[tuple[int, int]] = []
        if not n:
            return [self.span_to_src(a, b) for a, b in spans]
        first = ds[0]
        i = j = 0  # the segments of the last start and of the last end
        last_a = last_b = first
        for a, b in spans:
            if b <= a or a < last_a or b - 1 < last_b or a < first:
                out.append(self.span_to_src(a, b))
                continue
            last_a, last_b = a, b - 1
            # to_src_start(a): the last segment starting at or before a
            while i + 1 < n and ds[i + 1] <= a:
                i += 1
            d, dl, sl = ds[i], dls[i], sls[i]
            if a >= d + dl:
                start = ss[i] + sl
            elif dl == sl:
                start = ss[i] + (a - d)
            else:
                start = ss[i]
            # to_src_end(b): the last segment starting at or before b - 1
            while j + 1 < n and ds[j + 1] <= b - 1:
                j += 1
            d, dl = ds[j], dls[j]
            if dl == 0:
                end = ss[j]
            elif dl == sls[j]:
                k = b - d
                end = ss[j] + (k if k < dl else dl)
            else:
                end = ss[j] + sls[j]
            out.append((start, end))
        return out

    def slice(self, start: int, end: int) -> OffsetMap:
        """The map of the derived substring ``[start, end)``, re-based to start at 0."""
        out = OffsetMap()
        i = max(0, bisect_right(self.dst_starts, start) - 1)
        n = len(self.dst_starts)
        while i < n:
            d, s, dl, sl = self.dst_starts[i], self.src_starts[i], self.dst_lens[i], self.src_lens[i]
            if d >= end:
                break
            lo, hi = max(d, start), min(d + dl, end)
            if dl == sl:
                if hi > lo:
                    out.add(hi - lo, hi - lo, s + (lo - d), lo - start)
            elif dl == 0:
                # a deletion strictly inside the slice belongs to it
                if start < d < end:
                    out.add(0, sl, s, d - start)
            elif hi > lo:
                out.add(hi - lo, sl, s, lo - start)
            i += 1
        return out
