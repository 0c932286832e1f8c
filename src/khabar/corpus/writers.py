"""Shard files in corpus mode: ``khabar.record/1`` as JSON Lines or Parquet, written atomically.

Parquet schema (pyarrow, imported lazily: ``pip install khabar[corpus]``). Every top-level field of
``khabar.record/1`` is one column, so ``SELECT id, title, text FROM 'out/*.parquet'`` works in duckdb
and ``pandas.read_parquet`` gives one row per record:

* scalars are typed columns: ``schema``, ``id``, ``lang``, ``title``, ``published``,
  ``published_source``, ``modified``, ``byline``, ``dateline``, ``text``, ``raw`` (strings),
  ``is_article`` (bool);
* ``source`` is a struct of four strings (``uri``, ``site``, ``format``, ``input``); ``sections`` and
  ``warnings`` are lists of strings;
* the variable-shape parts — ``blocks``, ``entities``, ``refs``, ``dates``, ``quantities``, ``events``,
  ``signals``, ``meta`` — are **JSON strings** (the same JSON a ``.jsonl`` line holds). Choice: their
  keys differ between records (a block's optional ``reason``/``score``, a stage's own signals, the
  input's meta fields), and a struct column would need a schema that changes whenever a stage adds a
  key, which breaks appending shards of one run into one dataset. Query them with duckdb's
  ``json_extract(signals, '$.quality')`` or ``json.loads`` in pandas; :func:`read_shard` decodes them.

The record read back from either format equals what was written (``read_shard(write_shard(r)) == r``
for records built by :meth:`~khabar.model.Document.to_record`; a ``meta`` or ``raw`` absent from the
record comes back absent).
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Iterable, Iterator
from typing import Any

from khabar.io import JsonlWriter, dumps_line, read_jsonl

__all__ = ["FORMATS", "JSON_COLUMNS", "read_shard", "require_pyarrow", "shard_suffix", "write_shard"]

#: output formats of ``khabar run``
FORMATS = ("jsonl", "parquet")

#: record fields stored as JSON strings in Parquet
JSON_COLUMNS = ("blocks", "entities", "refs", "dates", "quantities", "events", "signals", "meta")
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
_OPTIONAL = ("meta", "raw")  # present in a record only when set


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
        raise ImportError("Parquet output needs pyarrow: pip install 'khabar[corpus]'") from err
    return pa


def _schema(pa: Any) -> Any:
    fields = [pa.field(c, pa.string()) for c in _STR_COLUMNS]
    fields.insert(3, pa.field("is_article", pa.bool_()))
    src = pa.struct([pa.field(k, pa.string()) for k in ("uri", "site", "format", "input")])
    fields += [
        pa.field("source", src),
        pa.field("sections", pa.list_(pa.string())),
        pa.field("warnings", pa.list_(pa.string())),
    ]
    fields += [pa.field(c, pa.string()) for c in JSON_COLUMNS]
    fields.append(pa.field("raw", pa.string()))
    return pa.schema(fields)


def _to_row(rec: dict[str, Any]) -> dict[str, Any]:
    row = {k: v for k, v in rec.items() if k not in JSON_COLUMNS}
    for c in JSON_COLUMNS:
        if c in rec:
            row[c] = dumps_line(rec[c]).decode("utf-8")
    return row


def _from_row(row: dict[str, Any]) -> dict[str, Any]:
    rec: dict[str, Any] = {}
    for k, v in row.items():
        if k in _OPTIONAL and v is None:
            continue
        rec[k] = json.loads(v) if k in JSON_COLUMNS and v is not None else v
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
