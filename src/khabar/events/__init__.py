"""PLOVER event coding, natively in Arabic (issue 5).

:func:`code_events` finds event triggers (``khabar/data/events_triggers_ar.tsv``) in each sentence of
``Document.text``, reads their actors, recipients, place, date, duration and topics from the fact
layers (entities, places, refs, dates, quantities) with Arabic argument rules, and applies PLOVER's
coding rules (the visitor is the actor, an announced meeting is AGREE, one multilateral meeting is
one event). The ``events`` stage (:mod:`khabar.events.stage`) writes them into ``Document.events``.
"""

from __future__ import annotations

from khabar.events.coder import code_events

__all__ = ["code_events"]
