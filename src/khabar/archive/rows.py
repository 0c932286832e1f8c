"""What the archive stores for one document, computed without the archive: :func:`document_rows`.

Storing a document is two kinds of work. Most of it depends on the document alone: its content id, the
record as JSON, the rows of its blocks, entities (with their normalised text and cross-document
keys), events and refs, and the analysed words the full-text index holds (:func:`index_terms`: each
word's light stem and normalised form). Only the document's number (``documents.n``, the rowid every
other table points at) and the time it was added need the archive. :func:`document_rows` does the
first part, so that ``khabar run --archive`` can do it in its worker processes, in parallel, and
leave the one process that writes the archive only the inserts (:meth:`Archive.add_rows
<khabar.archive.store.Archive.add_rows>`); :meth:`Archive.add_many <khabar.archive.store.Archive.add_many>`
calls it in the writer. Either way the rows are the same.

The record's ``signals`` are the one part of a record the corpus runner changes after the workers
(near-duplicate clusters, :mod:`khabar.corpus.dedup`): :func:`split_record` gives the record's JSON
around them, :func:`join_record` puts the final signals in, byte for byte what ``json.dumps`` of the
final record gives.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from khabar.arabic.normalize import normalize
from khabar.archive.analysis import index_terms
from khabar.extract.linking import alone_key
from khabar.extract.names import name_words, person_key
from khabar.model import Document

__all__ = [
    "EVENT_COLUMNS",
    "DocumentRows",
    "PreparedRecord",
    "content_id",
    "document_rows",
    "entity_key",
    "finish_rows",
    "join_record",
    "load_prepared",
    "prepare_record",
    "record_json",
    "save_prepared",
    "split_record",
]


class DocumentRows(NamedTuple):
    """The rows of one document, without its number (``n``) and the time it is added (plain tuples of
        strings and numbers, so that a ``khabar run`` worker can hand them over as JSON: tuples then come
    back as lists, which SQLite takes alike)."""

    #: the content id (:func:`content_id`)
    id: str
    #: ``documents`` columns source_id, uri, site, title, published, is_article, text
    document: Sequence[Any]
    #: ``documents.record``: the ``khabar.record/1`` JSON without ``raw``
    record: str
    #: ``blocks`` rows without ``doc``: i, kind, text, start, end, raw_start, raw_end, reason
    blocks: Sequence[Sequence[Any]]
    #: ``entities`` rows without ``doc``: kind, label, text, norm, start, end, ref, attrs, key,
    #: confidence, low, local_key, alone_key
    entities: Sequence[Sequence[Any]]
    #: ``events`` rows without ``doc``, the rest of :data:`EVENT_COLUMNS`
    events: Sequence[Sequence[Any]]
    #: ``refs`` rows without ``doc``: ref, data, confidence, low
    refs: Sequence[Sequence[Any]]
    #: the full-text index's two columns (:func:`khabar.archive.analysis.index_terms`)
    stems: str
    norms: str


def record_json(doc: Document) -> str:
    """``documents.record``: the document's record without ``raw``, as JSON."""
    return json.dumps(doc.to_record(), ensure_ascii=False)


def document_rows(doc: Document, *, record: str | None = None) -> DocumentRows:
    """Everything :class:`~khabar.archive.store.Archive` stores for ``doc`` but its number.
    ``record`` is the record's JSON when the caller has it (or will put it in later: see
    :func:`join_record`); by default :func:`record_json`."""
    blocks = [
        (i, b.kind, b.text, b.start, b.end, b.raw_start, b.raw_end, b.reason)
        for i, b in enumerate(doc.blocks)
    ]
    # the facts the record holds back (low_confidence) are stored too, marked low = 1
    low = doc.low_confidence
    all_refs = {**low.refs, **doc.refs}
    text = doc.text
    entities: list[Sequence[Any]] = []
    for kind, spans, is_low in (
        ("entity", doc.entities, 0),
        ("entity", low.entities, 1),
        ("date", doc.dates, 0),
        ("quantity", doc.quantities, 0),
    ):
        named = kind == "entity"
        for s in spans:
            ref = s.attrs.get("ref")
            ref = ref if isinstance(ref, str) else None
            norm = normalize(s.text)
            key = entity_key(s.label, norm, ref, all_refs.get(ref) if ref else None) if named else None
            alone = alone_key(text, s) if named and s.label == "PERSON" else None
            entities.append(
                (
                    kind,
                    s.label,
                    s.text,
                    norm,
                    s.start,
                    s.end,
                    ref,
                    json.dumps(s.attrs, ensure_ascii=False, default=str),
                    key,
                    _confidence(s.attrs),
                    is_low,
                    key,
                    "person:" + alone if alone else None,
                )
            )
    # held-back events are numbered after the shown ones: i stays unique per document
    events = [(ev, 0) for ev in doc.events] + [(ev, 1) for ev in low.events]
    stems, norms = index_terms(text)
    return DocumentRows(
        id=content_id(doc.raw or text, doc.source.uri),
        document=(
            doc.id,
            doc.source.uri,
            doc.source.site,
            doc.title,
            doc.published or _meta_date(doc.meta),
            None if doc.is_article is None else int(doc.is_article),
            text,
        ),
        record=record_json(doc) if record is None else record,
        blocks=blocks,
        entities=entities,
        events=[
            _event_row(i, ev, doc.published, is_low)
            for i, (ev, is_low) in enumerate(events)
            if isinstance(ev, dict) and isinstance(ev.get("type"), str)
        ],
        refs=[
            (ref, json.dumps(data, ensure_ascii=False, default=str), _confidence(data), is_low)
            for refs, is_low in ((doc.refs, 0), (low.refs, 1))
            for ref, data in refs.items()
        ],
        stems=stems,
        norms=norms,
    )


#: what stands for the signals while the rest of a record is encoded (a NUL never survives JSON
#: encoding unescaped, and a string of the record equal to this would only make :func:`split_record`
#: decline)
_SIGNALS_MARK = "\x00khabar:signals\x00"
_SIGNALS_TOKEN = json.dumps(_SIGNALS_MARK)


def split_record(rec: dict[str, Any]) -> tuple[str, str] | None:
    """The JSON of ``rec`` (without ``raw``) before and after its ``signals`` value, or None when it
    has none (or the split is not unique): :func:`join_record` completes it."""
    if "signals" not in rec:
        return None
    probe = {k: (_SIGNALS_MARK if k == "signals" else v) for k, v in rec.items() if k != "raw"}
    parts = json.dumps(probe, ensure_ascii=False).split(_SIGNALS_TOKEN)
    return (parts[0], parts[1]) if len(parts) == 2 else None


def join_record(parts: tuple[str, str], signals: Any) -> str:
    """The record's JSON from :func:`split_record`'s parts and the final ``signals``: the same text as
    ``json.dumps(record, ensure_ascii=False)`` of the record holding them."""
    return parts[0] + json.dumps(signals, ensure_ascii=False) + parts[1]


#: entity labels that name something (ROLE spans point at a person's ref but are titles, not names)
NAMED_LABELS = frozenset({"PERSON", "ORG", "LOC", "GPE", "NORP", "FAC"})


def entity_key(label: str, norm: str, ref: str | None, ref_data: dict[str, Any] | str | None) -> str | None:
    """The cross-document key of a named-entity mention, or None for spans that are not names.

    Ref ids are per document (``person:1`` is someone else in the next page), except gazetteer ids
    (``geonames:524901``), which are global and kept. A person is keyed by the ref's cross-document
    ``key`` (:func:`khabar.extract.names.person_key`: ``person:سلمان بن عبدالعزيز`` for every way of
    writing King Salman, never his son's ``person:محمد بن سلمان``), or, for refs made before keys
    existed, by the key of the ref's name; anything else by label and normalised text (``org:…``,
    ``loc:…`` for places the gazetteer did not link)."""
    if label not in NAMED_LABELS:
        return None
    if ref and not ref.startswith(("person:", "org:", "loc:", "ref:")) and ":" in ref:
        return ref  # a global id such as geonames:ID
    data = json.loads(ref_data) if isinstance(ref_data, str) else ref_data
    name = data.get("name") if isinstance(data, dict) else None
    if label == "PERSON":
        key = data.get("key") if isinstance(data, dict) else None
        if not key:
            key = person_key(name_words(str(name) if name else norm)) or norm
        return "person:" + str(key)
    if label == "ORG" and isinstance(data, dict) and data.get("key"):
        return "org:" + str(data["key"])  # khabar.extract.orgs.org_key: تنظيم داعش is داعش
    return f"{label.lower()}:{normalize(str(name)) if name else norm}"


def content_id(raw: str, uri: str | None) -> str:
    """The archive id of an input: sha256 of its raw text and source URI (hex)."""
    h = hashlib.sha256(raw.encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update((uri or "").encode("utf-8", "surrogatepass"))
    return h.hexdigest()


#: metadata fields of JSON inputs that date a record when the page itself gave no publication date, in
#: order of preference. ``date_extracted`` is SaudiNewsNet's: its crawler fetched each site daily, so
#: the crawl date is the publication date to within a day, which is what date filters need.
META_DATE_FIELDS = ("published", "date_published", "publish_date", "date", "date_extracted")


def _meta_date(meta: dict[str, Any]) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from the record's input metadata, or None."""
    for name in META_DATE_FIELDS:
        v = meta.get(name)
        if isinstance(v, str) and len(v) >= 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit():
            return v[:10]
    return None


# ASCII digits only: \d would also take Arabic-Indic digits ("١٤٣٦هـ", a Hijri year as written)
_ISO_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


def _iso_date(value: Any) -> str | None:
    """An event's date for the ``date`` column: only resolved ISO dates (the events stage gives the
    date's text, "يوم الجمعة", when it could not resolve it; that stays in the event's JSON)."""
    m = _ISO_DATE.match(value) if isinstance(value, str) else None
    return m.group() if m else None


def _confidence(fact: Any) -> float | None:
    """A fact's ``confidence`` for its column (NULL when it has none: it then counts as 1.0)."""
    c = fact.get("confidence") if isinstance(fact, dict) else None
    return float(c) if isinstance(c, (int, float)) and not isinstance(c, bool) else None


#: an event's date later than this many years after its document's publication is a target or a
#: vision ("رؤية 2030"), not when it happened (khabar.events.coder does not give such dates since issue 13;
#: this keeps older records' from heading the events page)
EVENT_FUTURE_YEARS = 1


def _event_date(value: Any, published: str | None) -> str | None:
    """The event's ISO date, unless it lies more than :data:`EVENT_FUTURE_YEARS` after ``published``."""
    iso = _iso_date(value)
    if (
        iso
        and published
        and published[:4].isdigit()
        and int(iso[:4]) > int(published[:4]) + EVENT_FUTURE_YEARS
    ):
        return None
    return iso


#: the columns of an ``events`` row, in the order :func:`_event_row` gives them (named, so a migration
#: that adds a column cannot shift the values)
EVENT_COLUMNS = (
    "doc", "i", "type", "mode", "trigger_start", "trigger_end", "trigger_text", "actors", "recipients",
    "place", "date", "duration_s", "negated", "future", "data", "confidence", "low",
)  # fmt: skip


def _event_row(i: int, ev: dict[str, Any], published: str | None = None, low: int = 0) -> tuple[Any, ...]:
    """One ``events`` row from an event object of the record (missing fields stored as NULL), without
    its first column (the document's number, which only the archive knows); the trigger columns hold
    a document-level event's first mention's; ``low`` 1 for an event the record holds back."""
    t = ev.get("trigger")
    trig: dict[str, Any] = t if isinstance(t, dict) else {}
    dur = ev.get("duration_s")
    return (
        i,
        ev["type"],
        ev.get("mode"),
        trig.get("start"),
        trig.get("end"),
        trig.get("text"),
        json.dumps(list(ev.get("actors") or []), ensure_ascii=False),
        json.dumps(list(ev.get("recipients") or []), ensure_ascii=False),
        ev.get("place") if isinstance(ev.get("place"), str) else None,
        _event_date(ev.get("date"), published),
        dur if isinstance(dur, (int, float)) else None,
        int(bool(ev.get("negated"))),
        int(bool(ev.get("future"))),
        json.dumps(ev, ensure_ascii=False, default=str),
        _confidence(ev),
        low,
    )


# -- rows prepared in the corpus runner's workers -----------------------------------------------------
class PreparedRecord(NamedTuple):
    """A record's rows as a ``khabar run`` worker prepares them: the record's JSON is left out of
    ``rows`` (its signals change after the workers) and kept as :func:`split_record`'s parts."""

    rows: DocumentRows
    parts: tuple[str, str] | None


def prepare_record(doc: Document, rec: dict[str, Any]) -> PreparedRecord:
    """The rows of ``doc``, whose record (as the worker writes it) is ``rec``."""
    return PreparedRecord(document_rows(doc, record=""), split_record(rec))


def finish_rows(prepared: PreparedRecord, rec: dict[str, Any]) -> DocumentRows:
    """The rows of the final record ``rec`` (its signals set): the prepared rows with the record's
    JSON joined. A record without prepared parts is encoded here."""
    if prepared.parts is None:
        return prepared.rows._replace(record=record_json(Document.from_record(rec)))
    return prepared.rows._replace(record=join_record(prepared.parts, rec.get("signals")))


def save_prepared(path: str, items: list[PreparedRecord]) -> None:
    """Write prepared records to ``path`` (JSON Lines, one list per record; atomically)."""
    from khabar.io.writers import dumps_line

    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        for it in items:
            f.write(dumps_line([list(it.rows), it.parts]) + b"\n")
    os.replace(tmp, path)


def load_prepared(path: str) -> list[PreparedRecord] | None:
    """The prepared records :func:`save_prepared` wrote, or None when the file is not there."""
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        return None
    out = []
    with f:
        for line in f:
            try:
                rows, parts = _loads(line)
            except ValueError:
                rows, parts = json.loads(line)  # what the fast parser refuses (lone surrogates)
            out.append(PreparedRecord(DocumentRows(*rows), None if parts is None else (parts[0], parts[1])))
    return out


_fast_loads: Callable[[bytes], Any] | None
try:  # orjson when installed (as for the shards): the same values, several times faster
    from orjson import loads as _orjson_loads

    _fast_loads = _orjson_loads
except ImportError:  # pragma: no cover - depends on the environment
    _fast_loads = None


def _loads(line: bytes) -> Any:
    return json.loads(line) if _fast_loads is None else _fast_loads(line)
