"""The place layer's pass over a text: outlets, gazetteer matches, their evidence and resolution, the
vetoes, then the spans (places, nationalities, outlets, sites) and each place ref's confidence.

:func:`analyse_places` is the layer's entry point; the package's docstring (``khabar.extract.places``) says
what counts as evidence. The steps live in :mod:`~khabar.extract.places.gazetteer` (the tables),
:mod:`~khabar.extract.places.match` (matching and the context readers),
:mod:`~khabar.extract.places.evidence` (features, qualifiers, homonyms) and
:mod:`~khabar.extract.places.rules` (the decision and the vetoes, sites and regions).
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import Any

from khabar.extract.places.evidence import _head_start, _match_features, _qualifier, _resolve
from khabar.extract.places.gazetteer import (
    ARAB_LEAGUE,
    OUTLET_CONFIDENCE,
    Outlet,
    _fold,
    _tier,
    load_gazetteer,
    outlet_of,
    place_confidence,
)
from khabar.extract.places.match import PlaceFinding, _Doc, _find_outlets, _Match, _matches
from khabar.extract.places.rules import _decide, _kingdom, _kingdom_veto, _region_spans, _site_spans
from khabar.model import Span


def analyse_places(
    text: str,
    ner: Collection[tuple[int, int, str]] = (),
    *,
    site: str | None = None,
    keep_candidates: bool = False,
) -> PlaceFinding:
    """Places, nationality references, news outlets and named sites of ``text``.

    ``ner``: ``(start, end, label)`` of the spans the NER model tagged (LOC, PERSON, ORG), the
    model's reading is evidence; ``site``: the record's source site (``aawsat``, ``alyaum.com``), whose
    outlet's country is the prior for names several countries share.
    """
    found = PlaceFinding()
    if not text:
        return found
    gaz = load_gazetteer()
    d = _Doc(text)
    outlet = outlet_of(site)
    ner_l = list(ner)
    # outlets first: a paper's name is not a place (لـ«الشرق الأوسط»، صحيفة الوطن)
    outlet_toks: set[int] = set()
    for a, b, o in _find_outlets(d, gaz, outlet):
        outlet_toks.update(range(a, b + 1))
        s, e = d.to_text(d.toks[a].start, d.toks[b].end)
        # the proclitic of the first word is not part of the name (لـ«الوطن» has none; والوطن one)
        first = d.toks[a].text
        cut = next(
            (r.cut for r in d.readings(first) if _fold(o.names[0]).startswith(r.stem.split(" ")[0])), 0
        )
        s2, _ = d.to_text(d.toks[a].start + cut, d.toks[b].end)
        found.outlets.append(
            Span(
                s2,
                e,
                "ORG",
                text[s2:e],
                {
                    "ref": o.ref,
                    "org_kind": "media",
                    "name": o.name_en,
                    "country": o.country,
                    "confidence": OUTLET_CONFIDENCE,
                },
            )
        )
    matches, adjs = _matches(d, gaz)
    for m in matches:
        if any(k in outlet_toks for k in range(m.first, m.last + 1)):
            m.veto = "outlet"
    by_first = {m.first: m for m in matches}
    for m in matches:
        if m.veto:
            continue
        m.features = _match_features(d, gaz, m, ner_l)
        _qualifier(d, gaz, m, by_first)
    _resolve(d, matches, adjs, outlet)
    _decide(d, gaz, matches, adjs, outlet)
    for k in _kingdom(d, gaz, matches, adjs, outlet):
        k.veto = _kingdom_veto(d, gaz, k, ner_l)
        matches.append(k)
    matches.sort(key=lambda m: m.start)
    # nationality references: adjectives, and country names read as adjectives (الكرة السعودية)
    nat = [(d.toks[a].start, d.toks[b].end, cc) for a, b, cc in adjs]
    nat += [(m.start, m.end, m.adjective) for m in matches if m.veto == "nationality" and m.adjective]
    for a, b, cc in nat:
        # the span is the adjective without its proclitics (والروسية → الروسية)
        word = d.view[a:b]
        cut = next((r.cut for r in d.readings(word) if r.stem in gaz.adjectives or r.stem in gaz.peoples), 0)
        s, e = d.to_text(a + cut, b)
        attrs: dict[str, Any] = {
            "ref": f"nationality:{cc}" if cc != "-" else f"nationality:{_fold(text[s:e])}"
        }
        if cc != "-":
            attrs["country"] = cc
        found.nationalities.append(Span(s, e, "NORP", text[s:e], attrs))
    # confidence per ref: the model over the features of the ref's best-supported mention
    by_ref: dict[int, list[_Match]] = {}
    for m in matches:
        if m.veto is None and m.place is not None:
            by_ref.setdefault(m.place.geonameid, []).append(m)
        elif m.place is not None or m.candidates:
            found.rejected.append((d.view[m.start : m.end], m.veto or "unresolved"))
            if m.veto:
                found.declined.append((*d.to_text(m.start, m.end), m.veto))
    conf: dict[int, float] = {}
    for gid, ms in by_ref.items():
        feats = ref_features(ms, outlet)
        conf[gid] = round(place_confidence(feats), 3)
        if keep_candidates:
            found.candidates.append(_candidate(d, ms, feats, emitted=True))
    if keep_candidates:
        # the matches that failed the evidence test, by place: what the confidence model learns from
        weak: dict[int, list[_Match]] = {}
        for m in matches:
            if m.veto == "no evidence" and m.place is not None and m.place.geonameid not in by_ref:
                weak.setdefault(m.place.geonameid, []).append(m)
        for ms in weak.values():
            found.candidates.append(_candidate(d, ms, ref_features(ms, outlet), emitted=False))
    for m in matches:
        if m.veto is not None or m.place is None:
            continue
        p = m.place
        start, end = _span(d, m)
        attrs = {
            "ref": p.ref,
            "name": p.name_en,
            "country": p.country,
            "lat": p.lat,
            "lon": p.lon,
            "population": p.population,
            "confidence": conf[p.geonameid],
        }
        if p.region:  # a province: at its seat's coordinates; its population is not known here
            del attrs["population"]
            attrs["kind"] = "region"
            attrs["admin1"] = p.admin1
        found.places.append(Span(start, end, "LOC", text[start:end], attrs))
    # named sites, districts and regions outside the gazetteer: LOC spans without coordinates
    taken = outlet_toks | {k for m in matches if m.veto is None for k in range(m.first, m.last + 1)}
    for a, b, kind in [*_site_spans(d, gaz, matches), *_region_spans(d, gaz, taken)]:
        if any(k for k in outlet_toks if d.toks[k].start < b and a < d.toks[k].end):
            continue
        s, e = d.to_text(a, b)
        # a building, a street or a stadium is a facility (FAC); a district, a province, a region or a
        # sea is a place without coordinates (LOC)
        found.sites.append(Span(s, e, "FAC" if kind == "site" else "LOC", text[s:e], {"kind": kind}))
    return found


def _span(d: _Doc, m: _Match) -> tuple[int, int]:
    """A place mention's text offsets: a province's name with its head noun (منطقة الجوف، محافظة شبوة)."""
    start, end = d.to_text(m.start, m.end)
    if m.place is not None and m.place.region and (head := _head_start(d, m, m.place)) is not None:
        start, _ = d.to_text(head, m.end)
    return start, end


def _candidate(d: _Doc, ms: list[_Match], feats: dict[str, float], *, emitted: bool) -> dict[str, Any]:
    """A place ref candidate as the confidence model's training script reads it."""
    p = ms[0].place
    assert p is not None
    aliases = sorted({d.text[slice(*_span(d, m))] for m in ms})
    return {
        "ref": p.ref,
        "name": p.name_en,
        "aliases": aliases,
        "country": p.country,
        "lat": p.lat,
        "lon": p.lon,
        "features": feats,
        "emitted": emitted,
    }


def ref_features(ms: list[_Match], outlet: Outlet | None) -> dict[str, float]:
    """The features of a place ref: its mentions' evidence (the most of each), its own kind and size,
    and how often the document names it."""
    f: dict[str, float] = {}
    for m in ms:
        for k, v in m.features.items():
            if v > f.get(k, 0.0):
                f[k] = v
    p = ms[0].place
    assert p is not None
    f["country"] = 1.0 if p.fclass == "A" else 0.0
    f["capital"] = 1.0 if p.fcode == "PPLC" else 0.0
    f["tier2"] = 1.0 if _tier(p) >= 2 else 0.0
    f["logpop"] = max(0.0, math.log10(p.population + 10) - 4.0)
    f["arab"] = 1.0 if p.country in ARAB_LEAGUE else 0.0
    f["outlet_country"] = 1.0 if outlet is not None and outlet.country == p.country else 0.0
    f["mentions"] = math.log2(len(ms))
    f["homonyms"] = 1.0 if len(ms[0].candidates) > 1 else 0.0
    if "homonym_margin" not in f:
        f["homonym_margin"] = 3.0
    f["only_wordlike"] = 1.0 if all(m.features.get("wordlike") for m in ms) else 0.0
    f.pop("wordlike", None)
    return f


def find_places(
    text: str, ner_places: Collection[tuple[int, int]] = (), *, site: str | None = None
) -> list[Span]:
    """LOC spans of the places named in ``text``, each with its GeoNames ref and coordinates.

    ``ner_places``: ``(start, end)`` of the spans a NER model read as places (evidence, see
    :func:`analyse_places`). ``attrs``: ``ref`` (``geonames:<id>``), ``name`` (English), ``country``
    (ISO2), ``lat``, ``lon``, ``population``, ``confidence``. ``span.text == text[span.start:span.end]``.
    """
    return analyse_places(text, [(a, b, "LOC") for a, b in ner_places], site=site).places
