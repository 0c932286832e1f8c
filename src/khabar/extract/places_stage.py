"""The ``places`` stage: gazetteer places (LOC spans with GeoNames refs) of ``Document.text``, with
the nationality references (NORP), news outlets (ORG of kind media) and named sites the place layer
tells apart from them.

Kept in its own module so that importing it registers the stage; the pipeline imports it with the
other built-in stage modules.
"""

from __future__ import annotations

from typing import Any

from khabar.extract.places import PlaceFinding, analyse_places, load_gazetteer
from khabar.model import Document, Span

__all__ = ["add_places", "places", "record_site"]


def record_site(doc: Document) -> str | None:
    """The outlet a record comes from: its source site, or a ``source`` field of its metadata."""
    site = doc.source.site
    if not site:
        src = doc.meta.get("source")
        site = src if isinstance(src, str) else None
    return site


def add_places(doc: Document, spans: list[Span] | PlaceFinding) -> None:
    """Merge the place layer's spans into ``doc.entities`` and their refs into ``doc.refs``.

    A LOC entity already at the same offsets (from the NER stage) gets the place's attributes instead
    of a second span; a NER span over an outlet's name or a nationality adjective gives way to the
    ORG or NORP span; other entities are left as they are.
    """
    found = spans if isinstance(spans, PlaceFinding) else PlaceFinding(places=list(spans))
    # outlets and nationalities replace NER spans over the same words
    for sp in [*found.outlets, *found.nationalities]:
        doc.entities = [
            e
            for e in doc.entities
            if not (e.label in ("LOC", "ORG", "GPE", "NORP") and e.start < sp.end and sp.start < e.end)
        ]
        doc.entities.append(sp)
        _add_ref(doc, sp)
    _drop_vetoed(doc, found.declined)
    existing = {(e.start, e.end): e for e in doc.entities if e.label == "LOC"}
    by_end = {e.end: e for e in doc.entities if e.label == "LOC"}
    for sp in found.places:
        old = existing.get((sp.start, sp.end))
        if old is not None:
            old.attrs.update(sp.attrs)
        else:
            # the NER span may hold a proclitic the gazetteer read off (ببلطيم vs بلطيم, بمكة in
            # بمكة المكرمة): one LOC, the gazetteer's, whose bounds are the name's
            clitic = by_end.get(sp.end)
            if clitic is not None and 0 < sp.start - clitic.start <= 3 and clitic in doc.entities:
                doc.entities.remove(clitic)
            # a NER span inside a place written with its head noun (نجران in منطقة نجران) is that
            # place, and so is one that starts with a proclitic before it and ends inside it
            doc.entities = [
                e
                for e in doc.entities
                if not (
                    e.label == "LOC"
                    and "ref" not in e.attrs
                    and e.end <= sp.end
                    and (
                        (sp.start <= e.start and (e.start, e.end) != (sp.start, sp.end))
                        or ("kind" not in e.attrs and 0 < sp.start - e.start <= 3 and sp.start < e.end)
                    )
                )
            ]
            doc.entities.append(sp)
        ref_id = sp.attrs["ref"]
        ref = doc.refs.get(ref_id)
        if ref is None:
            a = sp.attrs
            ref = doc.refs[ref_id] = place_ref(
                a["name"], a["country"], a["lat"], a["lon"], ref_id.split(":", 1)[1]
            )
        if "confidence" in sp.attrs:
            ref["confidence"] = max(float(ref.get("confidence", 0.0)), float(sp.attrs["confidence"]))
        aliases = ref.setdefault("aliases", [])
        if sp.text not in aliases:
            aliases.append(sp.text)
    # named sites (FAC) and regions (LOC without coordinates), where the NER has no span at their bounds
    spans_at = {
        (e.start, e.end): e for e in doc.entities if e.label in ("LOC", "ORG", "PERSON", "NORP", "GPE", "FAC")
    }
    for sp in found.sites:
        same = spans_at.get((sp.start, sp.end))
        if same is None:
            doc.entities.append(sp)
        elif same.label == sp.label and "ref" not in same.attrs:
            # the NER read the same words as a place: the lexicon says which kind (الأحساء a region),
            # so the span is no longer one the NER alone read
            for k, v in sp.attrs.items():
                same.attrs.setdefault(k, v)
    doc.entities.sort(key=lambda e: (e.start, -e.end))


#: vetoes of the place layer that say what the words are instead of a place (a club, a national team,
#: an organisation's, an event's or a disease's name, a fixed phrase such as الرباط الداخلي "the inner
#: ligament", a verb, an adjective, a person, a weekday or month). The others are left out on purpose:
#: "elsewhere", "part of a city", "a state", "a sea or a gulf" and "head of a longer name" say the
#: words are a place (not the gazetteer's entry); "institution" too (مرفأ لوريان: the port of the
#: town); "no evidence", "a noun before its genitive" and "a word spelt with hamza" were about half
#: real places where the NER read one (مأرب, بنين, صبيا on a 1k sample)
NOT_A_PLACE = frozenset(
    {
        "club",
        "team",
        "organisation",
        "event",
        "disease",
        "outlet",
        "nationality",
        "phrase",
        "verb",
        "an adjective",
        "a noun with its adjective",
        "a counted noun",
        "a day or a month",
        "person",
    }
)


def _drop_vetoed(doc: Document, declined: list[tuple[int, int, str]]) -> None:
    """Drop the LOC spans the NER alone read over a gazetteer name that the place layer, which saw the
    NER's reading among its evidence, read as something else (:data:`NOT_A_PLACE`): روما in a list of
    clubs, البحرين in منتخبا البحرين وقطر. The span may hold a proclitic the layer read off (وروما)."""
    vetoed = [(s, t) for s, t, why in declined if why in NOT_A_PLACE]
    if not vetoed:
        return
    kept = []
    dropped = 0
    for e in doc.entities:
        if (
            e.label == "LOC"
            and "ref" not in e.attrs
            and "kind" not in e.attrs
            and any(e.end == t and s - 3 <= e.start <= s for s, t in vetoed)
        ):
            dropped += 1
        else:
            kept.append(e)
    if dropped:
        doc.entities = kept
        counts = doc.signals.setdefault("entities_dropped", {})
        counts["place_vetoed"] = counts.get("place_vetoed", 0) + dropped


def place_ref(
    name: str,
    country: str | None,
    lat: float,
    lon: float,
    source_id: str | int,
    aliases: list[str] | None = None,
) -> dict[str, Any]:
    """The ref of a gazetteer place as the record holds it (the places stage, and the events layer
    for a country named only by its nationality or its capital, build it here alone)."""
    return {
        "name": name,
        "kind": "place",
        "country": country,
        "lat": lat,
        "lon": lon,
        "source_id": str(source_id),
        "aliases": list(aliases or []),
    }


def _add_ref(doc: Document, sp: Span) -> None:
    ref_id = sp.attrs.get("ref")
    if not ref_id:
        return
    ref = doc.refs.get(ref_id)
    if ref is None:
        if sp.label == "ORG":
            ref = {
                "name": sp.attrs.get("name") or sp.text,
                "kind": "org",
                "org_kind": "media",
                "country": sp.attrs.get("country"),
                "source_id": ref_id.split(":", 1)[1],
                "aliases": [],
                "confidence": sp.attrs.get("confidence", 1.0),
            }
        else:
            cc = sp.attrs.get("country")
            place = load_gazetteer().countries.get(cc) if cc else None
            ref = {
                "name": place.name_en if place is not None else sp.text,
                "kind": "nationality",
                "country": cc,
                "aliases": [],
                "confidence": sp.attrs.get("confidence", 1.0),
            }
        doc.refs[ref_id] = ref
    aliases = ref.setdefault("aliases", [])
    if sp.text not in aliases:
        aliases.append(sp.text)


def places(doc: Document) -> None:
    """Places of ``text`` matched in the GeoNames gazetteer on evidence, with coordinates, as LOC
    entities; nationality adjectives as NORP and news outlets as ORG (kind media)."""
    ner = [(e.start, e.end, e.label) for e in doc.entities if e.label in ("LOC", "PERSON", "ORG")]
    add_places(doc, analyse_places(doc.text, ner, site=record_site(doc)))
