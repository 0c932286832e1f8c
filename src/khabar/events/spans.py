"""What the events layer reads a text as: its words (:class:`Words`, the normalised view's tokens with
their spans in the text) and a participant mention (:class:`Mention`), with the refs a mention points
to (:func:`new_ref`, :func:`country_ref`). Moved below :mod:`khabar.events.mentions` (issue 19) so
that the name helpers (:mod:`khabar.events.names`) and the mention finder both build on it;
``khabar.events.mentions`` re-exports these names.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from khabar.arabic.clitics import strip_proclitics
from khabar.arabic.normalize import NormalizedView, strip_deletions
from khabar.arabic.tokenize import Token, view_words
from khabar.extract.places import load_gazetteer
from khabar.extract.places_stage import place_ref
from khabar.model import Document


@dataclass(slots=True)
class Words:
    """The word tokens of the normalised view, with the view to map offsets back to ``text``."""

    view: NormalizedView
    toks: list[Token]
    #: text offset → index of the word starting there
    starts: dict[int, int]
    ends: dict[int, int]
    text_spans: list[tuple[int, int]]
    #: each word as the text writes it, hamzas kept (None when it does not align with the view)
    keys: list[str | None] = field(default_factory=list)

    def index_at(self, text_offset: int) -> int:
        """The index of the first word starting at or after ``text_offset``."""
        lo, hi = 0, len(self.text_spans)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.text_spans[mid][0] < text_offset:
                lo = mid + 1
            else:
                hi = mid
        return lo


def words_of(text: str) -> Words:
    view, words, spans_seen = view_words(text)
    toks, spans = list(words), list(spans_seen)
    # the text without the view's deletions is aligned with the view character by character
    raw = strip_deletions(text)
    keys: list[str | None] = (
        [raw[t.start : t.end] for t in toks] if len(raw) == len(view.text) else [None] * len(toks)
    )
    return Words(
        view,
        toks,
        {s: i for i, (s, _) in enumerate(spans)},
        {e: i for i, (_, e) in enumerate(spans)},
        spans,
        keys,
    )


@dataclass(slots=True)
class Mention:
    """A participant mention: ``text[start:end]``, its ref and how it is governed."""

    start: int
    end: int
    text: str
    ref: str
    kind: str  # person, role, place, country, org, armed, people, side, facility
    country: str | None = None
    #: word indices [first, last] in the document's word list
    first: int = 0
    last: int = 0
    prep: str | None = None
    #: coordinated with the mention before it ("و", "،")
    coord: bool = False
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def is_place(self) -> bool:
        return self.kind in ("place", "country")


def new_ref(doc: Document, prefix: str, data: dict[str, Any], key: str) -> str:
    """A ref for a participant the earlier stages gave none; the same text reuses the same ref."""
    return doc.refs.add(prefix, data, key=key)


def country_ref(doc: Document, cc: str) -> str | None:
    """The ref of country ``cc`` (a GeoNames country, as the places stage writes them), added if new."""
    place = load_gazetteer().countries.get(cc)
    if place is None:
        return None
    rid = place.ref
    if rid not in doc.refs:
        doc.refs[rid] = place_ref(place.name_en, cc, place.lat, place.lon, place.geonameid, [place.name_ar])
    return rid


def _is_country_ref(rid: str) -> str | None:
    """The country code of a country's ref, or None (a town's ref, or not a place)."""
    return _country_of_ref().get(rid)


@functools.cache
def _country_of_ref() -> dict[str, str]:
    return {p.ref: cc for cc, p in load_gazetteer().countries.items()}


def party_name(text: str) -> str:
    """The name an unnamed party is listed under: its span's text without a governing proclitic.

    The span keeps the characters it covers (للتنظيم: ل + التنظيم, the article's alef dropped in
    writing, so no substring of the text is التنظيم), but the archive and the UI list the party by its
    ref's name, and "للتنظيم" there reads as "for the organisation" (sample K: للتنظيم، للشرطة،
    للمواطنين، بمدينة). ل before the article becomes the article again; ب / ل / ك before a written
    article drops (:func:`khabar.arabic.clitics.strip_proclitics` reads the first word; a conjunction
    it would also take off stays, as it is no preposition)."""
    first, sep, rest = text.partition(" ")
    r = strip_proclitics(first)
    return r.stem + sep + rest if r.prefix in ("ب", "ل", "ك") else text
