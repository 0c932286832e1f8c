"""The extraction stages, registered by name (run after cleaning has fixed ``Document.text``)."""

from __future__ import annotations

from khabar.extract.ner import tag_entities
from khabar.model import Document


def entities(doc: Document) -> None:
    """Named entities (PERSON, ORG, LOC) of ``text``, tagged by the ANERcorp-trained model."""
    doc.entities = tag_entities(doc.text)
