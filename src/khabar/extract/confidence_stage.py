"""The ``confidence`` stage: the facts below the default thresholds held back (issue 13).

Kept in its own module so that importing it registers the stage (the pipeline imports it with the
other built-in stage modules), while :mod:`khabar.extract.confidence` stays importable without
registering anything.
"""

from __future__ import annotations

from khabar.extract.confidence import load_thresholds, split_by_confidence
from khabar.model import Document

__all__ = ["confidence"]


def confidence(doc: Document) -> None:
    """Facts below the default confidence thresholds moved from the main fields to low_confidence."""
    split_by_confidence(doc, load_thresholds())
