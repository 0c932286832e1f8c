"""The ``events`` stage: PLOVER events of ``Document.text`` from the fact layers (issue 5).

Kept in its own module so that importing it registers the stage; the pipeline imports it with the
other built-in stage modules.
"""

from __future__ import annotations

from khabar.events.coder import code_events
from khabar.model import Document

__all__ = ["events"]


def events(doc: Document) -> None:
    """PLOVER events (type, mode, actors, recipients, place, date, duration, topics) of ``text``."""
    doc.events = code_events(doc)
    # helper keys of refs created for events are not part of the record
    for r in doc.refs.values():
        r.pop("_key", None)
