"""Facts extracted from a document's fixed ``text``, each a :class:`~khabar.model.Span` into it.

* :mod:`khabar.arabic.tokenize`: Arabic word tokens with character offsets.
* :mod:`khabar.extract.ner`: named entities (PERSON, ORG, LOC) from a sequence model khabar trains
  from ANERcorp (``scripts/train_ner.py``); :func:`tag_entities` is the entry point.
* :mod:`khabar.extract.stages`: the ``entities`` pipeline stage.

Nothing is loaded at import: the model is read on the first call that needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from khabar.arabic.tokenize import Token, tokenize

if TYPE_CHECKING:
    from khabar.extract.ner import tag_entities

__all__ = ["Token", "tag_entities", "tokenize"]


def __getattr__(name: str) -> Any:
    # the tagger's code (and numpy) loads on first use: the command line imports modules of this
    # package (the confidence options) without tagging anything
    if name == "tag_entities":
        from khabar.extract.ner import tag_entities

        return tag_entities
    raise AttributeError(f"module 'khabar.extract' has no attribute {name!r}")
