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
    stages: Sequence[str] = DEFAULT_STAGES,
) -> Document:
    """Clean and structure one text dump (the page's text, one block per line)."""
    doc = Document(id=id, raw=raw, source=source or Source(), meta=dict(meta or {}))
    return _pipeline(tuple(stages))(doc)
