"""Facts extracted from a document's fixed ``text``, each a :class:`~khabar.model.Span` into it.

* :mod:`khabar.extract.tokenize`: Arabic word tokens with character offsets.
* :mod:`khabar.extract.ner`: named entities (PERSON, ORG, LOC) from a sequence model khabar trains
  from ANERcorp (``scripts/train_ner.py``); :func:`tag_entities` is the entry point.
* :mod:`khabar.extract.stages`: the ``entities`` pipeline stage.

Nothing is loaded at import: the model is read on the first call that needs it.
"""

from khabar.extract.ner import tag_entities
from khabar.extract.tokenize import Token, tokenize

__all__ = ["Token", "tag_entities", "tokenize"]
