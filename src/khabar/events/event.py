"""One coded event as the coder builds it, before it becomes the record's dict.

A module of its own, below :mod:`khabar.events.coder` and :mod:`khabar.events.filter` (the filter
scores events, the coder makes them; neither imports the other for the type).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from khabar.events.arguments import Args
from khabar.events.mentions import Mention
from khabar.events.triggers import TriggerMatch

__all__ = ["Event"]


@dataclass(slots=True)
class Event:
    """One coded event (before it becomes the record's dict)."""

    type: str
    mode: str | None
    match: TriggerMatch
    start: int
    end: int
    sentence: tuple[int, int]
    args: Args
    negated: bool = False
    future: bool = False
    place: Mention | None = None
    date: dict[str, Any] | None = None
    duration: dict[str, Any] | None = None
    topics: set[str] = field(default_factory=set)
    frame: str = "sv"
    #: the sentence itself named a participant (before pro-drop and document-level rules)
    own_args: bool = False
    #: the participant mentions of the event's sentence (the argument model's candidates)
    cands: list[Mention] = field(default_factory=list)
    #: the last word of any trigger merged into this one (``match.last`` is the first trigger's)
    last_word: int = -1
