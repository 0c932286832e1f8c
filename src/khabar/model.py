"""The data model: a :class:`Document` owns its text; everything else points into it.

* ``Document.raw`` is the input as decoded (a text file's content, a JSON record's text field, or
  a dump composed from title/author/content fields).
* ``Document.text`` is fixed once cleaning is done: the kept (non-boilerplate) blocks, repaired, one
  per line. After that, every annotation is a :class:`Span` into it, and ``text[s.start:s.end] ==
  s.text`` always holds.
* Every :class:`Block` keeps ``raw_start``/``raw_end`` so that ``raw[raw_start:raw_end]`` is exactly
  the block's source, and kept blocks keep ``start``/``end`` into ``text``. Boilerplate blocks are not
  in ``text``: their ``start``/``end`` are ``None`` and their ``reason`` says why they were removed.
* Facts (entities, refs, events) carry a ``confidence`` (0..1; absent counts as 1.0). The main fields
  hold the facts at or above the default thresholds; the others are kept, not dropped, in
  :class:`LowConfidence` (``Document.low_confidence``, the record's ``low_confidence``), see
  :mod:`khabar.extract.confidence`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from khabar.offsets import OffsetMap

if TYPE_CHECKING:
    from khabar.arabic.normalize import NormalizedView

SCHEMA = "khabar.record/1"

BlockKind = Literal[
    "title",
    "section",
    "byline",
    "dateline",
    "date",
    "heading",
    "paragraph",
    "quote",
    "list_item",
    "caption",
    "boilerplate",
]
BLOCK_KINDS: tuple[str, ...] = BlockKind.__args__  # type: ignore[attr-defined]


@dataclass(slots=True)
class Span:
    """A labelled range ``[start, end)`` of ``Document.text``."""

    start: int
    end: int
    label: str
    text: str
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "text": self.text, "start": self.start, "end": self.end, **self.attrs}


@dataclass(slots=True)
class Block:
    """One structural unit of a page: a line of a dump, a part of a glued line, or an HTML element."""

    kind: str
    text: str
    raw_start: int
    raw_end: int
    start: int | None = None
    end: int | None = None
    reason: str | None = None
    #: the classifier's confidence in ``kind`` (0..1), for inspection and thresholds downstream
    score: float = 1.0
    #: maps offsets in ``text`` to offsets in the raw input (set by segmentation; not serialised)
    srcmap: OffsetMap | None = field(default=None, repr=False, compare=False)
    #: offsets in ``text`` where repair split glued words (breadcrumb levels; not serialised)
    glue: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @property
    def removed(self) -> bool:
        return self.kind == "boilerplate"

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "raw_start": self.raw_start,
            "raw_end": self.raw_end,
        }
        if self.reason is not None:
            d["reason"] = self.reason
        score = round(self.score, 3)
        if score != 1.0:
            d["score"] = score
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Block:
        return cls(
            kind=d["kind"],
            text=d["text"],
            raw_start=d["raw_start"],
            raw_end=d["raw_end"],
            start=d.get("start"),
            end=d.get("end"),
            reason=d.get("reason"),
            score=d.get("score", 1.0),
        )


def site_of(uri: str | None) -> str | None:
    """The site of a page URL: its host name without a leading ``www.`` (None if there is none)."""
    if not uri:
        return None
    try:
        host = urlsplit(uri).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


@dataclass(slots=True)
class Source:
    """Where a record came from."""

    uri: str | None = None
    site: str | None = None
    format: str = "text"
    input: str | None = None  # the file (and member/line) it was read from

    def to_dict(self) -> dict[str, Any]:
        return {"uri": self.uri, "site": self.site, "format": self.format, "input": self.input}


@dataclass(slots=True)
class LowConfidence:
    """The facts held back from a record's main fields because their confidence is below the
    thresholds (:mod:`khabar.extract.confidence`): kept, with their confidence, not dropped.

    ``entities`` are spans of ``Document.text`` as in ``Document.entities``; ``refs`` maps ref ids to
    refs as ``Document.refs`` (no id is in both); ``events`` are events as ``Document.events``. A held-back
    fact may point at a shown ref; a shown fact never points at a held-back one."""

    entities: list[Span] = field(default_factory=list)
    refs: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.entities or self.refs or self.events)

    def __len__(self) -> int:
        return len(self.entities) + len(self.refs) + len(self.events)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": [s.to_dict() for s in self.entities],
            "refs": self.refs,
            "events": self.events,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> LowConfidence:
        d = d or {}
        return cls(
            entities=_spans(d.get("entities") or [], "entities"),
            refs=dict(d.get("refs") or {}),
            events=list(d.get("events") or []),
        )


def _spans(items: list[dict[str, Any]], label: str) -> list[Span]:
    """Spans from their record form (``label`` when an item has none)."""
    out = []
    for d in items:
        d = dict(d)
        out.append(Span(d.pop("start"), d.pop("end"), d.pop("label", label), d.pop("text"), d))
    return out


class RefTable(dict[str, dict[str, Any]]):
    """``Document.refs``: ref id (``person:1``, ``geonames:524901``, ``np:2``) → the ref, a JSON
    object (name, kind, aliases, key, country, coordinates …).

    A dict, so records, the archive and every reader use it as one; the layers that create refs go
    through :meth:`add` (a new numbered id, or the one already made for the same key) and
    :meth:`prune`. The index :meth:`add` finds refs again by is kept on the table, never inside a ref:
    it is not part of the record (it used to be a ``_key`` field each ref carried until the events
    stage popped it)."""

    __slots__ = ("_keys",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._keys: dict[tuple[str, str], str] = {}

    def add(self, prefix: str, data: dict[str, Any], *, key: str) -> str:
        """The id of the ref ``prefix:n`` made for ``key``: the one made before for the same key, or
        a new one holding ``data`` (``n`` one more than the refs of ``prefix`` so far)."""
        rid = self._keys.get((prefix, key))
        if rid is not None and rid in self:
            return rid
        n = 1 + sum(1 for r in self if r.startswith(prefix + ":"))
        rid = f"{prefix}:{n}"
        self[rid] = data
        self._keys[(prefix, key)] = rid
        return rid

    def prune(self, prefix: str, keep: set[str] | frozenset[str]) -> list[str]:
        """Remove the refs of ``prefix`` whose id is not in ``keep``; the ids removed."""
        gone = [rid for rid in self if rid.startswith(prefix + ":") and rid not in keep]
        for rid in gone:
            del self[rid]
        return gone

    def __deepcopy__(self, memo: dict[int, Any]) -> RefTable:
        import copy

        new = RefTable(copy.deepcopy(dict(self), memo))
        new._keys = dict(self._keys)
        return new


@dataclass(slots=True)
class Document:
    """One input record, from raw input to a clean, structured, annotated record."""

    id: str
    raw: str
    source: Source = field(default_factory=Source)
    meta: dict[str, Any] = field(default_factory=dict)
    lang: str | None = None
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    #: maps offsets in ``text`` to offsets in ``raw``
    offsets: OffsetMap = field(default_factory=OffsetMap)
    is_article: bool | None = None
    title: str | None = None
    sections: list[str] = field(default_factory=list)
    published: str | None = None
    #: where ``published`` came from: ``"page"``, ``"url"``, ``"input:<field>"`` or ``"warc-date"``
    #: (:mod:`khabar.io.input_date`)
    published_source: str | None = None
    #: the page's last-update date ("آخر تحديث", ``dateModified``) when it gives one besides
    #: ``published``; never used as the publication date
    modified: str | None = None
    byline: str | None = None
    dateline: str | None = None
    entities: list[Span] = field(default_factory=list)
    refs: RefTable = field(default_factory=RefTable)
    dates: list[Span] = field(default_factory=list)
    quantities: list[Span] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    #: facts below the confidence thresholds, kept out of the main fields (empty: not in the record)
    low_confidence: LowConfidence = field(default_factory=LowConfidence)
    signals: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: names of the stages that have run, in order (what the pipeline checks requirements against)
    done: list[str] = field(default_factory=list)

    # -- views ------------------------------------------------------------------------------------
    def kept(self) -> list[Block]:
        return [b for b in self.blocks if not b.removed]

    def removed(self) -> list[Block]:
        return [b for b in self.blocks if b.removed]

    def normalized(self) -> NormalizedView:
        """The normalised view of ``text`` (for matching, search and dedup) with its offset map back
        to ``text``; ``text`` itself is never folded."""
        from khabar.arabic.normalize import normalize_view

        return normalize_view(self.text)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw ``(start, end)`` of the text span ``[start, end)``."""
        return self.offsets.span_to_src(start, end)

    # -- serialisation ----------------------------------------------------------------------------
    def to_record(self, *, include_raw: bool = False) -> dict[str, Any]:
        """The ``khabar.record/1`` JSON object for this document."""
        rec: dict[str, Any] = {
            "schema": SCHEMA,
            "id": self.id,
            "source": self.source.to_dict(),
            "lang": self.lang,
            "is_article": self.is_article,
            "title": self.title,
            "sections": self.sections,
            "published": self.published,
            "published_source": self.published_source,
            "modified": self.modified,
            "byline": self.byline,
            "dateline": self.dateline,
            "text": self.text,
            "blocks": [b.to_dict() for b in self.blocks],
            "entities": [s.to_dict() for s in self.entities],
            "refs": self.refs,
            "dates": [s.to_dict() for s in self.dates],
            "quantities": [s.to_dict() for s in self.quantities],
            "events": self.events,
            "signals": self.signals,
            "warnings": self.warnings,
        }
        if self.low_confidence:
            rec["low_confidence"] = self.low_confidence.to_dict()
        if self.meta:
            rec["meta"] = self.meta
        if include_raw:
            rec["raw"] = self.raw
        return rec

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Document:
        """Rebuild a document from its record (the offset map is not serialised; raw may be absent)."""

        def spans(key: str) -> list[Span]:
            return _spans(rec.get(key, []), key)

        src = rec.get("source") or {}
        return cls(
            id=rec["id"],
            raw=rec.get("raw", ""),
            source=Source(src.get("uri"), src.get("site"), src.get("format", "text"), src.get("input")),
            meta=rec.get("meta", {}),
            lang=rec.get("lang"),
            text=rec["text"],
            blocks=[Block.from_dict(b) for b in rec.get("blocks", [])],
            is_article=rec.get("is_article"),
            title=rec.get("title"),
            sections=list(rec.get("sections", [])),
            published=rec.get("published"),
            published_source=rec.get("published_source"),
            modified=rec.get("modified"),
            byline=rec.get("byline"),
            dateline=rec.get("dateline"),
            entities=spans("entities"),
            refs=RefTable(rec.get("refs") or {}),
            dates=spans("dates"),
            quantities=spans("quantities"),
            events=rec.get("events", []),
            low_confidence=LowConfidence.from_dict(rec.get("low_confidence")),
            signals=rec.get("signals", {}),
            warnings=rec.get("warnings", []),
        )
