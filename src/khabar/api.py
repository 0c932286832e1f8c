"""The high-level entry points: one call from raw text to a structured :class:`Document`."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from khabar.model import Document, Source
from khabar.pipeline import DEFAULT_STAGES, Pipeline


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
) -> Document:
    """Clean and structure one text dump (the page's text, one block per line).

    ``warnings`` are notes from reading the input (an encoding guessed, bytes replaced) that the
    record should carry."""
    doc = Document(id=id, raw=raw, source=source or Source(), meta=dict(meta or {}), warnings=list(warnings))
    return _pipeline(tuple(stages))(doc)
