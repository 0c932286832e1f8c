"""The high-level entry points: one call from raw text to a structured :class:`Document`."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from khabar.model import Document, Source
from khabar.pipeline import DEFAULT_STAGES, Pipeline
from khabar.pipeline.recipes import HTML_FORMATS, stages_for

if TYPE_CHECKING:
    from khabar.extract.confidence import Thresholds
    from khabar.io.records import RawRecord

__all__ = [
    "HTML_FORMATS",
    "process_item",
    "process_text",
]  # HTML_FORMATS: re-exported, its home before recipes


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
    min_confidence: str | float | Thresholds | None = None,
    ner: str = "crf",
) -> Document:
    """Clean and structure one text dump (the page's text, one block per line), or one HTML page.

    When ``source.format`` is ``"html"`` or ``"warc"`` (as the readers set it for HTML files and WARC
    records) and ``stages`` is the default, the HTML stages run instead
    (:data:`khabar.pipeline.recipes.HTML_STAGES`: ``segment_html`` in place of ``segment``).

    ``warnings`` are notes from reading the input (an encoding guessed, bytes replaced) that the
    record should carry. ``extra`` names stages to run after the cleaning ones, on either path (the
    fact layers: ``entities``, ``quantities`` …).

    ``min_confidence`` sets the thresholds of the ``confidence`` stage (the last of
    :data:`khabar.pipeline.FACT_STAGES`), which keeps the facts below them out of the main fields, under
    ``low_confidence``: None or ``"default"`` the defaults of ``khabar/data/fact_thresholds.json``,
    ``"all"`` no threshold (every fact in the main fields), a number from 0 to 1 one threshold for
    every fact (:func:`khabar.extract.confidence.resolve_min_confidence`).

    ``ner`` picks the entity tagger when ``entities`` runs: ``"crf"`` (default, fast) or
    ``"accurate"`` (the fine-tuned encoder; needs ``pip install 'khabar[accurate]'``); each entity
    records its tagger (``attrs["tagger"]``)."""
    doc = Document(id=id, raw=raw, source=source or Source(), meta=dict(meta or {}), warnings=list(warnings))
    # HTML and WARC records take the HTML path (a DOM pass instead of line segmentation, then the same
    # classifier) unless other stages are asked for; the text path is unchanged
    names = stages_for(doc.source.format, stages=stages, extra=extra, ner=ner)
    if min_confidence is None or min_confidence == "default":
        return _pipeline(names)(doc)
    from khabar.extract.confidence import resolve_min_confidence, split_by_confidence

    thresholds = resolve_min_confidence(min_confidence)  # a bad value is an error even without facts
    if "confidence" not in names:
        return _pipeline(names)(doc)
    # other thresholds: the pipeline without its gate, then the gate with them (a no-op for "all")
    i = names.index("confidence")
    _pipeline((*names[:i], *names[i + 1 :]))(doc)
    split_by_confidence(doc, thresholds)
    doc.done.append("confidence")
    return doc


def process_item(item: RawRecord, **kwargs: Any) -> Document:
    """:func:`process_text` on a record the readers gave (:func:`khabar.io.read_inputs`): its raw text,
    id, source, meta and reading warnings; ``kwargs`` as for :func:`process_text` (``extra``,
    ``min_confidence``, ``ner`` …)."""
    return process_text(
        item.raw, id=item.id, source=item.source, meta=item.meta, warnings=item.warnings, **kwargs
    )
