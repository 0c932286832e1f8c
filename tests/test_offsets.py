"""Offset maps: the batch conversion of spans agrees with the one-span conversion."""

from __future__ import annotations

from khabar.arabic.normalize import normalize_view
from khabar.offsets import OffsetMap


def test_spans_to_src_equals_span_to_src_on_identity_and_edited_maps() -> None:
    """Every span, inside the map, at its edges, past it and empty, maps as span_to_src maps it, on an
    identity map (the fast path) and on a view with deletions (why: the fact layers map every token
    through the batch form, and its fast path must not move a span)."""
    spans = [(0, 1), (2, 5), (0, 10), (9, 10), (3, 3), (8, 12), (11, 14), (-1, 2)]
    identity = OffsetMap.identity(10)
    vocalised = normalize_view("مُحَمَّدٌ قالَ ذلك").offsets
    shifted = OffsetMap.identity(10, src_offset=4)
    for m in (identity, vocalised, shifted):
        assert m.spans_to_src(spans) == [m.span_to_src(a, b) for a, b in spans]
