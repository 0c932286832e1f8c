"""The high-level entry points: one call from raw text to a structured :class:`Document`."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from khabar.model import Document, Source
from khabar.pipeline import DEFAULT_STAGES, Pipeline

#: ``Source.format`` values whose ``raw`` is HTML
HTML_FORMATS = frozenset({"html", "warc"})


@cache
def _pipeline(names: tuple[str, ...]) -> Pipeline:
    return Pipeline(names)


def process_text(
    raw: str,
    *,
    id: str = "doc",
    source: Source | None = None,
    meta: dict[str, Any] | None = None,
    warnings: Sequence[str] = (),
    stages: Sequence[str] = DEFAULT_STAGES,
    extra: Sequence[str] = (),
) -> Document:
    """Clean and structure one text dump (the page's text, one block per line), or one HTML page.

    When ``source.format`` is ``"html"`` or ``"warc"`` (as the readers set it for HTML files and WARC
    records) and ``stages`` is the default, the HTML stages run instead
    (:data:`khabar.html.stages.HTML_STAGES`: ``segment_html`` in place of ``segment``).

    ``warnings`` are notes from reading the input (an encoding guessed, bytes replaced) that the
    record should carry. ``extra`` names stages to run after the cleaning ones, on either path (the
    fact layers: ``entities``, ``quantities`` …)."""
    doc = Document(id=id, raw=raw, source=source or Source(), meta=dict(meta or {}), warnings=list(warnings))
    if doc.source.format in HTML_FORMATS and tuple(stages) == DEFAULT_STAGES:
        # HTML and WARC records take the HTML path: a DOM pass instead of line segmentation, then the
        # same classifier; the text path is unchanged
        from khabar.html.stages import HTML_STAGES

        stages = HTML_STAGES
    return _pipeline((*stages, *extra))(doc)
