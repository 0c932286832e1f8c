"""The ``places`` stage: gazetteer places (LOC spans with GeoNames refs) of ``Document.text``.

Kept in its own module so that importing it registers the stage; the pipeline imports it with the
other built-in stage modules.
"""

from __future__ import annotations

from typing import Any

from khabar.extract.places import find_places
from khabar.model import Document, Span
from khabar.pipeline import stage

__all__ = ["add_places", "places"]


def add_places(doc: Document, spans: list[Span]) -> None:
    """Merge place spans into ``doc.entities`` and their refs into ``doc.refs``.

    A LOC entity already at the same offsets (from the NER stage) gets the place's attributes instead
    of a second span; other entities are left as they are.
    """
    existing = {(e.start, e.end): e for e in doc.entities if e.label == "LOC"}
    by_end = {e.end: e for e in doc.entities if e.label == "LOC"}
    for sp in spans:
        old = existing.get((sp.start, sp.end))
        if old is None:
            # the NER span may hold a proclitic the gazetteer read off (ببلطيم vs بلطيم): one LOC, the
            # gazetteer's, whose bounds are the name's
            clitic = by_end.get(sp.end)
            if clitic is not None and 0 < sp.start - clitic.start <= 3:
                doc.entities.remove(clitic)
        if old is not None:
            old.attrs.update(sp.attrs)
        else:
            doc.entities.append(sp)
        ref_id = sp.attrs["ref"]
        ref: dict[str, Any] = doc.refs.setdefault(
            ref_id,
            {
                "name": sp.attrs["name"],
                "kind": "place",
                "country": sp.attrs["country"],
                "lat": sp.attrs["lat"],
                "lon": sp.attrs["lon"],
                "source_id": ref_id.split(":", 1)[1],
                "aliases": [],
            },
        )
        aliases = ref.setdefault("aliases", [])
        if sp.text not in aliases:
            aliases.append(sp.text)
    doc.entities.sort(key=lambda e: (e.start, -e.end))


@stage("places", requires=("text",), provides=("places",))
def places(doc: Document) -> None:
    """Places of ``text`` matched in the GeoNames gazetteer, with coordinates, as LOC entities."""
    ner = [(e.start, e.end) for e in doc.entities if e.label == "LOC"]
    add_places(doc, find_places(doc.text, ner))
