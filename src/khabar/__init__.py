"""khabar (خبر): clean, structured, searchable records from crawled Arabic news pages.

>>> from khabar import process_text
>>> doc = process_text(open("page.txt", encoding="utf-8").read())   # doctest: +SKIP
>>> doc.title, doc.sections, [b.kind for b in doc.blocks]           # doctest: +SKIP
"""

from khabar.api import process_text
from khabar.errors import KhabarError
from khabar.model import SCHEMA, Block, Document, Source, Span
from khabar.pipeline import Pipeline, registered, stage

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Block",
    "Document",
    "KhabarError",
    "Pipeline",
    "Source",
    "Span",
    "__version__",
    "process_text",
    "registered",
    "stage",
]
