"""``khabar events``: the events of records, an output file or an archive as rows (CSV, JSON Lines)
for analysis."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from khabar.cli.common import _read
from khabar.cli_options import (  # re-exported: tests and older code import them from here
    FACT_STAGES,
)
from khabar.errors import UsageError


def cmd_events(args: argparse.Namespace) -> int:
    from khabar.api import process_item
    from khabar.events.export import event_rows, write_rows
    from khabar.io import RawRecord, Reject

    if not args.paths and not args.archive:
        raise UsageError("give inputs to process (PATH …) or an archive to read (--archive PATH)", value=None)
    if args.paths and args.archive:
        raise UsageError("give inputs (PATH …) or --archive, not both", value=args.archive)
    counts = Counter[str]()

    def wanted(row: dict[str, Any]) -> bool:
        if args.type and row["type"] not in args.type:
            return False
        date = str(row.get("date") or "")
        if args.date_from and (not date or date[: len(args.date_from)] < args.date_from):
            return False
        return not (args.date_to and (not date or date[: len(args.date_to)] > args.date_to))

    def rows() -> Any:
        if args.archive:
            yield from filter(wanted, _archive_event_rows(args, counts))
            return
        for item in _read(args):
            counts["in"] += 1
            if isinstance(item, Reject):
                counts["rejected"] += 1
                print(f"khabar: rejected {item.input}: [{item.code}] {item.message}", file=sys.stderr)
                continue
            assert isinstance(item, RawRecord)
            doc = process_item(
                item,
                extra=FACT_STAGES,
                min_confidence=args.min_confidence,
            )
            counts["documents"] += 1
            yield from filter(wanted, event_rows(doc))

    n = write_rows(rows(), args.output, fmt=args.format, bom=args.bom)
    print(f"khabar: {n} events from {counts['documents']} documents", file=sys.stderr)
    # nothing could be read (a path that does not exist, every record rejected): exit 3, as process
    return 3 if counts["in"] and not counts["documents"] else 0


def _archive_event_rows(args: argparse.Namespace, counts: Counter[str]) -> Any:
    """The event rows of the documents of ``--archive`` that hold an event of the asked types."""
    from khabar.archive import Archive
    from khabar.archive.store import missing_archive
    from khabar.events.export import event_rows
    from khabar.model import Document

    if not Path(args.archive).is_file():
        raise missing_archive(args.archive)
    sql = "SELECT DISTINCT doc FROM events WHERE low = 0"
    params: list[Any] = []
    if args.type:
        sql += f" AND type IN ({', '.join('?' * len(args.type))})"
        params += list(args.type)
    with Archive(args.archive) as archive:
        docs = [r[0] for r in archive.conn.execute(sql + " ORDER BY doc", params)]
        for n in docs:
            (record,) = archive.conn.execute("SELECT record FROM documents WHERE n = ?", (n,)).fetchone()
            doc = Document.from_record(json.loads(record))
            if args.min_confidence is not None:
                from khabar.extract.confidence import regate

                regate(doc, args.min_confidence)
            counts["documents"] += 1
            yield from event_rows(doc)
