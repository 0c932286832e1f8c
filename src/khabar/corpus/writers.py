"""Shard files in corpus mode: ``khabar.record/1`` as JSON Lines or Parquet, written atomically.

Parquet schema (pyarrow, imported lazily: ``pip install khabar[parquet]``). Every top-level field of
``khabar.record/1`` is one column with a real type, so DuckDB, pandas or HF ``datasets`` filter on
quality, language or block kinds without parsing JSON per row::

    SELECT id, title FROM 'out/*.parquet' WHERE quality > 0.8 AND lang = 'ar' AND NOT is_duplicate
    SELECT b.kind, count(*) FROM (SELECT unnest(blocks) AS b FROM 'out/*.parquet') GROUP BY 1

* scalars are typed columns: ``schema``, ``id``, ``lang``, ``title``, ``published``,
  ``published_source``, ``modified``, ``byline``, ``dateline``, ``text``, ``raw`` (strings),
  ``is_article`` (bool); ``source`` is a struct of four strings; ``sections`` and ``warnings`` are
  lists of strings;
* ``blocks`` is a list of structs (``kind``, ``text``, ``start``, ``end``, ``raw_start``, ``raw_end``,
  ``reason``, ``score``); ``entities``, ``dates`` and ``quantities`` are lists of structs (``label``,
  ``text``, ``start``, ``end``, ``ref``, ``confidence``, ``value`` as text, and ``attrs``: the span's
  attributes as a JSON string, from which the record is rebuilt);
* ``signals`` is a struct of its usual measures (``arabic_ratio``, ``boilerplate_ratio``, ``quality``,
  ``words``, ``blocks``, ``removed_blocks``, ``lang_confidence``, ``latin_share``, ``dup_cluster``,
  ``cluster_size``, ``dup_representative``) plus ``extra``: the other keys as a JSON string (a stage's
  own signals, ``quality_components``);
* flat columns for filters, derived from the record and dropped when it is read back: ``url``,
  ``site``, ``quality``, ``arabic_ratio``, ``boilerplate_ratio``, ``n_words``, ``cluster_id``,
  ``cluster_size``, ``is_duplicate`` (in a cluster and not its representative);
* the parts whose shape differs between records — ``refs`` (keyed by ref id), ``events`` (nested
  mentions and arguments), ``low_confidence`` and ``meta`` (the input's own fields) — are JSON strings
  (query them with DuckDB's ``json_extract``); a struct schema for them would change whenever a stage
  adds a key, which breaks appending the shards of one run into one dataset.

The record read back from either format equals what was written (``read_shard(write_shard(r)) == r``
for records built by :meth:`~khabar.model.Document.to_record`; a ``meta``, ``raw`` or
``low_confidence`` absent from the record comes back absent).
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Iterable, Iterator
from typing import Any

from khabar.corpus.choices import FORMATS
from khabar.io import JsonlWriter, dumps_line, read_jsonl

__all__ = [
    "FLAT_COLUMNS",
    "FORMATS",
    "JSON_COLUMNS",
    "SPAN_COLUMNS",
    "read_shard",
    "require_pyarrow",
    "shard_suffix",
    "write_shard",
]

#: output formats of ``khabar run``

#: record fields stored as JSON strings in Parquet
JSON_COLUMNS = ("refs", "events", "low_confidence", "meta")
#: record fields stored as lists of span structs
SPAN_COLUMNS = ("entities", "dates", "quantities")
#: typed signals (the rest go to ``signals.extra`` as JSON): name → arrow type name
SIGNAL_FIELDS = {
    "arabic_ratio": "float64",
    "boilerplate_ratio": "float64",
    "quality": "float64",
    "words": "int64",
    "blocks": "int64",
    "removed_blocks": "int64",
    "lang_confidence": "float64",
    "latin_share": "float64",
    "dup_cluster": "string",
    "cluster_size": "int64",
    "dup_representative": "bool",
}
#: columns derived from the record for filters; not part of the record read back
FLAT_COLUMNS = (
    "url", "site", "quality", "arabic_ratio", "boilerplate_ratio", "n_words", "cluster_id",
    "cluster_size", "is_duplicate",
)  # fmt: skip
_STR_COLUMNS = (
    "schema",
    "id",
    "lang",
    "title",
    "published",
    "published_source",
    "modified",
    "byline",
    "dateline",
    "text",
)
_OPTIONAL = ("meta", "raw", "low_confidence")  # present in a record only when set
_BLOCK_OPTIONAL = ("reason", "score")  # present in a block only when set
_SPAN_CORE = ("label", "text", "start", "end")


def shard_suffix(fmt: str) -> str:
    """The file extension of a shard in ``fmt``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")
    return "." + fmt


def require_pyarrow() -> Any:
    """Import pyarrow (and pyarrow.parquet), or raise ImportError with the install command."""
    try:  # through importlib: pyarrow ships no type information, mypy treats it as Any
        pa = importlib.import_module("pyarrow")
        importlib.import_module("pyarrow.parquet")
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("Parquet output needs pyarrow: pip install 'khabar[parquet]'") from err
    return pa


def _schema(pa: Any) -> Any:
    fields = [pa.field(c, pa.string()) for c in _STR_COLUMNS]
    fields.insert(3, pa.field("is_article", pa.bool_()))
    src = pa.struct([pa.field(k, pa.string()) for k in ("uri", "site", "format", "input")])
    block = pa.struct(
        [pa.field("kind", pa.string()), pa.field("text", pa.string())]
        + [pa.field(k, pa.int64()) for k in ("start", "end", "raw_start", "raw_end")]
        + [pa.field("reason", pa.string()), pa.field("score", pa.float64())]
    )
    span = pa.struct(
        [
            pa.field("label", pa.string()),
            pa.field("text", pa.string()),
            pa.field("start", pa.int64()),
            pa.field("end", pa.int64()),
            pa.field("ref", pa.string()),
            pa.field("confidence", pa.float64()),
            pa.field("value", pa.string()),
            pa.field("attrs", pa.string()),
        ]
    )
    signals = pa.struct(
        [pa.field(k, getattr(pa, "bool_" if t == "bool" else t)()) for k, t in SIGNAL_FIELDS.items()]
        + [pa.field("extra", pa.string())]
    )
    fields += [
        pa.field("source", src),
        pa.field("sections", pa.list_(pa.string())),
        pa.field("warnings", pa.list_(pa.string())),
        pa.field("blocks", pa.list_(block)),
        *[pa.field(c, pa.list_(span)) for c in SPAN_COLUMNS],
        pa.field("signals", signals),
    ]
    fields += [pa.field(c, pa.string()) for c in JSON_COLUMNS]
    fields.append(pa.field("raw", pa.string()))
    fields += [
        pa.field("url", pa.string()),
        pa.field("site", pa.string()),
        pa.field("quality", pa.float64()),
        pa.field("arabic_ratio", pa.float64()),
        pa.field("boilerplate_ratio", pa.float64()),
        pa.field("n_words", pa.int64()),
        pa.field("cluster_id", pa.string()),
        pa.field("cluster_size", pa.int64()),
        pa.field("is_duplicate", pa.bool_()),
    ]
    return pa.schema(fields)


def _json(value: Any) -> str:
    return dumps_line(value).decode("utf-8")


def _typed(value: Any, kind: str) -> Any:
    """``value`` if it fits the arrow type ``kind`` (else None: it goes to ``extra``)."""
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if kind == "int64":
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if kind == "float64":
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
    return value if isinstance(value, str) else None


def _signals_row(sig: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for k, v in sig.items():
        kind = SIGNAL_FIELDS.get(k)
        typed = _typed(v, kind) if kind else None
        # a value that is not exactly what the typed field gives back (an int ratio, a None) stays exact
        if typed is None or typed != v or type(typed) is not type(v):
            extra[k] = v
        else:
            row[k] = typed
    row["extra"] = _json(extra) if extra else None
    return row


def _signals_from(row: dict[str, Any] | None) -> dict[str, Any]:
    if row is None:
        return {}
    sig = {k: row[k] for k in SIGNAL_FIELDS if row.get(k) is not None}
    if row.get("extra"):
        sig.update(json.loads(row["extra"]))
    return sig


def _span_row(sp: dict[str, Any]) -> dict[str, Any]:
    attrs = {k: v for k, v in sp.items() if k not in _SPAN_CORE}
    ref, conf, value = attrs.get("ref"), attrs.get("confidence"), attrs.get("value")
    return {
        **{k: sp.get(k) for k in _SPAN_CORE},
        "ref": ref if isinstance(ref, str) else None,
        "confidence": _typed(conf, "float64"),
        "value": None if value is None else str(value),
        "attrs": _json(attrs) if attrs else None,
    }


def _span_from(row: dict[str, Any]) -> dict[str, Any]:
    sp = {k: row[k] for k in _SPAN_CORE}
    if row.get("attrs"):
        sp.update(json.loads(row["attrs"]))
    return sp


def _block_from(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in _BLOCK_OPTIONAL or v is not None}


def _to_row(rec: dict[str, Any]) -> dict[str, Any]:
    row = {k: v for k, v in rec.items() if k not in JSON_COLUMNS}
    for c in JSON_COLUMNS:
        if c in rec:
            row[c] = _json(rec[c])
    row["blocks"] = rec.get("blocks") or []
    for c in SPAN_COLUMNS:
        row[c] = [_span_row(sp) for sp in rec.get(c) or []]
    sig = rec.get("signals") or {}
    row["signals"] = _signals_row(sig)
    src = rec.get("source") or {}
    cluster = sig.get("dup_cluster")
    row.update(
        url=src.get("uri"),
        site=src.get("site"),
        quality=_typed(sig.get("quality"), "float64"),
        arabic_ratio=_typed(sig.get("arabic_ratio"), "float64"),
        boilerplate_ratio=_typed(sig.get("boilerplate_ratio"), "float64"),
        n_words=_typed(sig.get("words"), "int64"),
        cluster_id=cluster if isinstance(cluster, str) else None,
        cluster_size=_typed(sig.get("cluster_size"), "int64"),
        # a later copy in a cluster (the dedup pass marks the representative); the id test for records
        # from before the flag
        is_duplicate=bool(cluster) and not sig.get("dup_representative", cluster == rec.get("id")),
    )
    return row


def _from_row(row: dict[str, Any]) -> dict[str, Any]:
    rec: dict[str, Any] = {}
    for k, v in row.items():
        if k in FLAT_COLUMNS or (k in _OPTIONAL and v is None):
            continue
        if k in JSON_COLUMNS:
            rec[k] = json.loads(v) if v is not None else v
        elif k == "blocks":
            rec[k] = [_block_from(b) for b in v or []]
        elif k in SPAN_COLUMNS:
            rec[k] = [_span_from(sp) for sp in v or []]
        elif k == "signals":
            rec[k] = _signals_from(v)
        else:
            rec[k] = v
    return rec


def write_shard(path: str, records: Iterable[dict[str, Any]], fmt: str) -> int:
    """Write ``records`` to ``path`` atomically (``path.tmp`` then rename); return how many."""
    if fmt == "jsonl":
        with JsonlWriter(path) as out:
            for rec in records:
                out.write(rec)
        return out.count
    pa = require_pyarrow()
    pq = pa.parquet

    schema = _schema(pa)
    rows = [_to_row(r) for r in records]
    table = pa.Table.from_pylist(rows, schema=schema)
    tmp = path + ".tmp"
    try:
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return len(rows)


def read_shard(path: str, fmt: str) -> Iterator[dict[str, Any]]:
    """The records of one shard file, in order, as ``khabar.record/1`` dicts."""
    if fmt == "jsonl":
        yield from read_jsonl(path)
        return
    pq = require_pyarrow().parquet

    for row in pq.read_table(path).to_pylist():
        yield _from_row(row)
