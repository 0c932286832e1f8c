"""Helpers for the archive tests: the seed processed once with its fact layers, small documents.

(Not a conftest.py: the top-level tests import ``conftest`` by name, and a second one would shadow it.)
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from khabar.api import process_text
from khabar.model import Document, Source, site_of

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_788df9d9dddd1a7a.txt"
FACTS = ("entities", "places", "refs", "dates", "quantities")


@functools.cache
def _seed() -> Document:
    return process_text(SEED.read_text(encoding="utf-8"), id=SEED.stem, extra=FACTS)


def seed_document() -> Document:
    """The seed page processed with the fact layers (skips the test when ../shared is absent)."""
    if not SEED.exists():
        pytest.skip(f"{SEED} is not available (../shared beside the repository)")
    return _seed()


def make_doc(text: str, *, uri: str | None = None, published: str | None = None, id: str = "d") -> Document:
    """A small processed document with a site and a publication date."""
    doc = process_text(text, id=id, source=Source(uri=uri, site=site_of(uri)), extra=FACTS)
    if published:
        doc.published = published
    return doc
