"""The ``events`` stage: PLOVER events of ``Document.text`` from the fact layers (issue 5).

Kept in its own module so that importing it registers the stage; the pipeline imports it with the
other built-in stage modules.
"""

from __future__ import annotations

from khabar.events.coder import code_events, unnamed_kept
from khabar.model import Document

__all__ = ["events"]


def events(doc: Document) -> None:
    """PLOVER events (type, mode, actors, recipients, place, date, duration, topics) of ``text``."""
    doc.events = code_events(doc)
    # the unnamed-phrase refs ("الجانبان") the coder made for candidates that no event kept as an
    # argument are not facts of the document
    doc.refs.prune("np", unnamed_kept(doc.events))
