"""One row per event for analysts (``khabar events``), in the spirit of the POLECAT / ICEWS exports:
date, type, mode, actor, recipient, place with coordinates, duration, topics, the source sentence and
the document id. CSV is UTF-8 (``bom=True`` adds the byte-order mark spreadsheet programs look for to
read Arabic correctly), quoted where needed; several actors are joined with " | ".

Confidence: the rows are the document's events, i.e. those at or above the thresholds it was processed
with (``khabar events --min-confidence``); ``include_low=True`` adds the events it holds back as
low-confidence, with ``low_confidence`` true. Every row carries the event's ``confidence`` (1.0 when
the event gave none). A party whose link was held back (a low-confidence ref) appears in the
``*_text`` columns as written, not in ``actor``/``recipient``.

A row is a document-level event (issue 13): a happening named in several sentences is one row, with
how many sentences name it (``mentions``), its confidence, and its first mention's trigger and
sentence; the triggers of all its mentions are joined in ``triggers``.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from typing import IO, Any

from khabar.model import Document

__all__ = ["COLUMNS", "event_rows", "write_csv", "write_jsonl", "write_rows"]

COLUMNS = (
    "doc_id",
    "event_id",
    "date",
    "type",
    "mode",
    "actor",
    "actor_text",
    "recipient",
    "recipient_text",
    "place",
    "place_country",
    "lat",
    "lon",
    "duration_s",
    "topics",
    "negated",
    "future",
    "confidence",
    "mentions",
    "trigger",
    "triggers",
    "sentence",
    "source",
    "low_confidence",
)
_JOIN = " | "


def _name(refs: dict[str, Any], rid: str) -> str:
    r = refs.get(rid) or {}
    return str(r.get("name") or rid)


def event_rows(doc: Document, *, include_low: bool = False) -> list[dict[str, Any]]:
    """The events of ``doc`` (its ``events`` stage has run) as flat rows; with ``include_low`` also
    the events it holds back as low-confidence (``low_confidence`` true)."""
    from khabar.extract.confidence import confidence_of

    rows: list[dict[str, Any]] = []
    low = doc.low_confidence
    # a held-back event may point at a held-back ref; a shown one never does
    refs = {**low.refs, **doc.refs} if include_low else doc.refs
    events = [(ev, False) for ev in doc.events]
    if include_low:
        events += [(ev, True) for ev in low.events]
    for ev, is_low in events:
        place = refs.get(ev["place"]) if ev.get("place") else None
        s = ev["sentence"]
        args = ev.get("arguments", [])
        mentions: list[Any] = ev["mentions"] if isinstance(ev.get("mentions"), list) else [ev]
        rows.append(
            {
                "doc_id": doc.id,
                "event_id": ev.get("id", ""),
                "date": ev.get("date") or doc.published or "",
                "type": ev["type"],
                "mode": ev.get("mode") or "",
                "actor": _JOIN.join(_name(refs, r) for r in ev["actors"]),
                "actor_text": _JOIN.join(a["text"] for a in args if a["role"] == "actor"),
                "recipient": _JOIN.join(_name(refs, r) for r in ev["recipients"]),
                "recipient_text": _JOIN.join(a["text"] for a in args if a["role"] == "recipient"),
                "place": (place or {}).get("name", ""),
                "place_country": (place or {}).get("country", "") or "",
                "lat": (place or {}).get("lat", ""),
                "lon": (place or {}).get("lon", ""),
                "duration_s": ev.get("duration_s") if ev.get("duration_s") is not None else "",
                "topics": _JOIN.join(ev.get("topics", [])),
                "negated": ev.get("negated", False),
                "future": ev.get("future", False),
                "confidence": confidence_of(ev),
                "mentions": len(mentions),
                "trigger": ev["trigger"]["text"],
                "triggers": _JOIN.join(m["trigger"]["text"] for m in mentions),
                "sentence": doc.text[s["start"] : s["end"]],
                "source": doc.source.uri or doc.source.input or "",
                "low_confidence": is_low,
            }
        )
    return rows


def write_csv(rows: Iterable[dict[str, Any]], fh: IO[str], *, bom: bool = False) -> int:
    """Write ``rows`` as CSV with a header; returns the number of rows."""
    if bom:
        fh.write("\ufeff")
    w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writeheader()
    n = 0
    for r in rows:
        w.writerow({k: r.get(k, "") for k in COLUMNS})
        n += 1
    return n


def write_jsonl(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for r in rows:
        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_rows(rows: Iterable[dict[str, Any]], path: str, *, fmt: str = "csv", bom: bool = False) -> int:
    """Write ``rows`` to ``path`` (``-`` for stdout) as CSV or JSON Lines; returns the row count."""
    if path == "-":
        return write_csv(rows, sys.stdout, bom=bom) if fmt == "csv" else write_jsonl(rows, sys.stdout)
    # newline="" as the csv module wants; UTF-8 always (Arabic), the BOM only when asked
    with open(path, "w", encoding="utf-8", newline="") as fh:
        return write_csv(rows, fh, bom=bom) if fmt == "csv" else write_jsonl(rows, fh)
