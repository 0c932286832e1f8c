"""What a reader yields: a :class:`RawRecord` (one input record, decoded) or a :class:`Reject` (an input
that could not be read, with a stable code, a reason and a sentence a user can act on).

A module of its own, below :mod:`khabar.io.readers` and :mod:`khabar.io.web`, so that both build records
without importing each other (readers dispatch WARC and HTML streams to web; web yields these).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from khabar.errors import KhabarError
from khabar.model import Source

__all__ = ["Item", "RawRecord", "Reject"]


@dataclass(slots=True)
class RawRecord:
    """One input record, decoded to ``str``: what a :class:`~khabar.model.Document` is built from.

    ``warnings`` lists what reading had to repair or guess (replaced bytes, a detected encoding);
    callers copy them into ``Document.warnings``.
    """

    id: str
    raw: str
    source: Source
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Reject:
    """An input (or part of one) that could not be read, with the error's code, reason and message."""

    id: str
    input: str
    code: str
    reason: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The reject as a rejects-file entry."""
        return {
            "id": self.id,
            "input": self.input,
            "code": self.code,
            "reason": self.reason,
            "message": self.message,
        }

    @classmethod
    def from_error(cls, id: str, input: str, err: KhabarError) -> Reject:
        """A reject for ``input`` (record ``id``) from the error that stopped it."""
        return cls(id=id, input=input, code=err.code, reason=err.reason, message=err.message)


Item = RawRecord | Reject
