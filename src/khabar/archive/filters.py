"""What a search or an events listing is narrowed by, as one value each, turned into SQL in one place.

The search page, the API, the export, ``khabar archive search`` and the benchmarks all narrow the
same way; before this module the five filters travelled as loose keyword arguments through
``search.py``, ``queries.py`` and ``web/app.py``, and the web layer kept its own dict of them. A
frozen :class:`SearchFilters` (documents) or :class:`EventFilters` (events) is built once from the
request and handed down; :meth:`~SearchFilters.where` is the only code that writes its SQL.

Dates are ISO prefixes compared with the same number of leading characters (``2021`` takes the whole
year, ``2021-09-14`` one day), so a partial date in a record compares by what it says. Facts are
the shown ones (at or above the confidence thresholds) unless ``all_facts``: a document is not
"about" a person the archive shows nowhere in it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any

from khabar.arabic.normalize import normalize

__all__ = ["NO_EVENT_FILTERS", "NO_FILTERS", "EventFilters", "SearchFilters", "shown"]


def shown(alias: str = "", all_facts: bool = False) -> str:
    """The SQL condition (`` AND …low = 0``, or nothing for all facts) keeping the shown facts of a
    table (``alias`` with its dot, e.g. ``"e."``). Written with a literal 0 so that SQLite can use the
    partial indexes built for it."""
    return "" if all_facts else f" AND {alias}low = 0"


def _date_range(column: str, date_from: str | None, date_to: str | None) -> tuple[str, list[Any]]:
    sql, params = "", list[Any]()
    if date_from:
        sql += f" AND substr({column}, 1, length(?)) >= ?"
        params += [date_from, date_from]
    if date_to:
        sql += f" AND substr({column}, 1, length(?)) <= ?"
        params += [date_to, date_to]
    return sql, params


@dataclass(frozen=True)
class SearchFilters:
    """The filters of a document search (all optional; empty strings count as not given, as a web
    form sends them).

    ``site`` a site name (``example.com``); ``date_from``/``date_to`` ISO date prefixes compared with
    ``published`` (documents without a date are left out when either is given); ``entity`` an
    entity's name (normalised before matching), ref id (``person:1``) or cross-document key
    (``person:الاسد``, ``geonames:524901``); ``event_type`` a PLOVER type (``CONSULT``): only
    documents with such an event; ``all_facts``: the entity and event-type filters also look at facts
    held back for low confidence."""

    site: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    entity: str | None = None
    event_type: str | None = None
    all_facts: bool = False

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name != "all_facts" and getattr(self, f.name) == "":
                object.__setattr__(self, f.name, None)

    @property
    def narrows(self) -> bool:
        """Whether any filter leaves documents out (``all_facts`` alone does not)."""
        return any(v is not None for _, v in self.items())

    def items(self) -> Iterator[tuple[str, str | None]]:
        """``(parameter, value)`` for the five narrowing filters, in the order of the search form (the
        names are the URL parameters; templates carry them over from page to page)."""
        for name in ("site", "date_from", "date_to", "entity", "event_type"):
            yield name, getattr(self, name)

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions on ``documents d`` (``1`` when there are none) and their values."""
        sql = "1"
        params: list[Any] = []
        if self.site is not None:
            sql += " AND d.site = ?"
            params.append(self.site)
        dates, date_params = _date_range("d.published", self.date_from, self.date_to)
        sql += dates
        params += date_params
        if self.entity is not None:
            # a name (normalised), a per-document ref id, or a cross-document key
            sql += (
                " AND EXISTS (SELECT 1 FROM entities e WHERE e.doc = d.n AND e.kind = 'entity'"
                f" AND (e.norm = ? OR e.ref = ? OR e.key = ?){shown('e.', self.all_facts)})"
            )
            params += [normalize(self.entity), self.entity, self.entity]
        if self.event_type is not None:
            sql += (
                " AND EXISTS (SELECT 1 FROM events ev WHERE ev.doc = d.n AND ev.type = ?"
                f"{shown('ev.', self.all_facts)})"
            )
            params.append(self.event_type)
        return sql, params


#: no filters: every document, the shown facts
NO_FILTERS = SearchFilters()


@dataclass(frozen=True)
class EventFilters:
    """The filters of an events listing, its timeline and its who-met-whom graph.

    ``type`` a PLOVER type; ``date_from``/``date_to`` ISO prefixes compared with the event's own date
    when it has one, else its article's publication date; ``site``; ``q`` a string found in the
    trigger or the article's title; ``parties`` entity keys each of which must be an actor or a
    recipient; ``document``/``index`` one article's events (one event); ``all_facts``: also the
    events held back for low confidence."""

    type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    site: str | None = None
    q: str | None = None
    all_facts: bool = False
    parties: Sequence[str] = ()
    document: str | None = None
    index: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions on ``events ev JOIN documents d`` and their values."""
        sql, params = "1" + shown("ev.", self.all_facts), list[Any]()
        if self.document is not None:
            sql += " AND d.id = ?"
            params.append(self.document)
        if self.index is not None:
            sql += " AND ev.i = ?"
            params.append(self.index)
        for key in self.parties:
            # each key names an actor or a recipient of the event (through its document's entities)
            sql += (
                " AND EXISTS (SELECT 1 FROM entities pe WHERE pe.doc = ev.doc AND pe.key = ? AND pe.ref IN "
                "(SELECT value FROM json_each(ev.actors) UNION SELECT value FROM json_each(ev.recipients)))"
            )
            params.append(key)
        if self.type:
            sql += " AND ev.type = ?"
            params.append(self.type)
        # an event's date when it has one, else its document's publication date
        dates, date_params = _date_range("coalesce(ev.date, d.published)", self.date_from, self.date_to)
        sql += dates
        params += date_params
        if self.site:
            sql += " AND d.site = ?"
            params.append(self.site)
        if self.q:
            sql += " AND (instr(ev.trigger_text, ?) > 0 OR instr(d.title, ?) > 0)"
            params += [self.q, self.q]
        return sql, params


#: no filters: every event shown
NO_EVENT_FILTERS = EventFilters()
