"""The ``entities_accurate`` stage: the entity layer with the encoder tagger (``ner="accurate"``).

Registered with the built-in stages, but importing this module loads nothing heavy: the model and
onnxruntime are read on the first document.
"""

from __future__ import annotations

from khabar.model import Document


def entities_accurate(doc: Document) -> None:
    """Named entities (PERSON, ORG, LOC) of ``text``, tagged by the fine-tuned encoder."""
    from khabar.extract.ner import tag_entities

    doc.entities = tag_entities(doc.text, tagger="accurate")
