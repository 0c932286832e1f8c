"""The ``dates`` stage: every date mentioned in ``Document.text``, as ``DATE`` spans.

Each span's attrs: ``value`` (ISO 8601 at the mention's precision, or None), ``calendar`` (the calendar
the text wrote it in), ``relative`` (the offset of a relative mention, or None), ``precision`` (day, week,
month, year, decade) and, where known, ``hijri``, ``hijri_method`` and ``weekday``.

Relative mentions (أمس، اليوم، الأسبوع المقبل، الاثنين …; the rules are in :mod:`khabar.arabic.dates`) are
resolved against the record's anchor, ``Document.published``, wherever it came from (the page, the input's
date field, a WARC-Date: :mod:`khabar.io.input_date`). A resolved relative span says so: ``anchor`` is
the ``published_source`` it was counted from and ``anchor_kind`` ``publication`` or ``crawl`` (a crawl date
is only an upper bound of the day the text was written: such spans are resolved on or before it).

A bare "اليوم" inside a byline or dateline block is not a date: bylines name writers, outlets and places
("عين اليوم – متابعات", "اليوم - الرياض"), and a byline that dates itself writes the date out.
"""

from __future__ import annotations

from bisect import bisect_right

from khabar.arabic.dates import find_date_mentions
from khabar.io.input_date import anchor_kind
from khabar.model import Document, Span

#: block kinds whose bare "اليوم" is a name, not today
_NAME_BLOCKS = frozenset({"byline", "dateline"})


def date_spans(
    text: str, ref: str | None = None, *, anchor: str | None = None, kind: str = "publication"
) -> list[Span]:
    """The ``DATE`` spans of ``text``, relative ones resolved against ``ref`` (an ISO date) if given.

    ``anchor`` (where ``ref`` came from, e.g. ``input:date_extracted``) and ``kind`` (``publication`` or
    ``crawl``) are recorded on each resolved relative span; a ``crawl`` ref is an upper bound."""
    out = []
    for m in find_date_mentions(text, ref=ref, upper_bound=kind == "crawl"):
        attrs = m.to_attrs()
        if anchor and m.value is not None and (m.relative or attrs.get("year_from") == "published"):
            attrs["anchor"] = anchor
            attrs["anchor_kind"] = kind
        out.append(Span(m.start, m.end, "DATE", m.text, attrs))
    return out


def _in_name_block(doc: Document, spans: list[Span]) -> list[Span]:
    """``spans`` without a bare "اليوم" (no weekday after it) that lies in a byline or dateline block."""
    blocks = [(b.start, b.end) for b in doc.blocks if b.kind in _NAME_BLOCKS and b.start is not None]
    if not blocks:
        return spans
    blocks.sort()
    starts = [s for s, _ in blocks]
    out = []
    for sp in spans:
        if sp.attrs.get("relative") == "0d" and "weekday" not in sp.attrs:
            i = bisect_right(starts, sp.start) - 1
            if i >= 0 and blocks[i][0] <= sp.start and sp.end <= (blocks[i][1] or 0):
                continue
        out.append(sp)
    return out


def dates(doc: Document) -> None:
    """Dates of ``text`` (Gregorian, Hijri, relative) as DATE spans with ISO values."""
    spans = date_spans(doc.text, doc.published, anchor=doc.published_source, kind=anchor_kind(doc))
    doc.dates = _in_name_block(doc, spans)
