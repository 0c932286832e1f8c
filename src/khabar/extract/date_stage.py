"""The ``dates`` stage: every date mentioned in ``Document.text``, as ``DATE`` spans.

Each span's attrs: ``value`` (ISO 8601 at the mention's precision, or None), ``calendar`` (the calendar
the text wrote it in), ``relative`` (the offset of a relative mention, or None), ``precision`` (day, week,
month, year, decade) and, where known, ``hijri``, ``hijri_method`` and ``weekday``. Relative mentions
(أمس، اليوم، الأسبوع المقبل …) are resolved against ``Document.published`` when it is known.
"""

from __future__ import annotations

from khabar.arabic.dates import find_date_mentions
from khabar.model import Document, Span
from khabar.pipeline import stage


def date_spans(text: str, ref: str | None = None) -> list[Span]:
    """The ``DATE`` spans of ``text``, relative ones resolved against ``ref`` (an ISO date) if given."""
    return [Span(m.start, m.end, "DATE", m.text, m.to_attrs()) for m in find_date_mentions(text, ref=ref)]


@stage("dates", requires=("text",), provides=("dates",))
def dates(doc: Document) -> None:
    """Dates of ``text`` (Gregorian, Hijri, relative) as DATE spans with ISO values."""
    doc.dates = date_spans(doc.text, doc.published)
