"""Offset maps: the batch conversion of spans agrees with the one-span conversion."""

from __future__ import annotations

import random

from khabar.arabic.normalize import normalize_view
from khabar.arabic.tokenize import tokenize
from khabar.offsets import OffsetMap


def test_spans_to_src_equals_span_to_src() -> None:
    """Every span — inside the map, at its edges, past it, empty, out of order — maps as span_to_src
    maps it, on identity maps and on views with deletions (why: the fact layers map every token
    through the batch form, and its walk over the segments must not move a span)."""
    text = "قالَ مُحَمَّدٌ إنّ الـــوزير وصل، ثم غادرَ.\\nوقال آخر: «لا»"
    vocalised = normalize_view(text).offsets
    maps = [OffsetMap.identity(10), OffsetMap.identity(10, src_offset=4), vocalised]
    rng = random.Random(7)
    for m in maps:
        n = m.dst_len
        spans = [(0, 1), (2, 5), (0, n), (n - 1, n), (3, 3), (n - 2, n + 3), (n + 1, n + 4), (-1, 2)]
        spans += [(a, a + rng.randint(0, 4)) for a in sorted(rng.randint(-2, n + 2) for _ in range(40))]
        assert m.spans_to_src(spans) == [m.span_to_src(a, b) for a, b in spans]
    # the tokens of a view, in text order: the use the walk is for
    view = normalize_view(text)
    toks = [(t.start, t.end) for t in tokenize(view.text)]
    assert view.offsets.spans_to_src(toks) == [view.to_text_span(a, b) for a, b in toks]
