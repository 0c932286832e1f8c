"""Command-line pieces for the archive, for ``khabar.cli`` to wire in.

* :func:`add_search_parser` adds ``khabar search "QUERY" [--archive khabar.db] [--exact] [--site S]
  [--from D] [--to D] [--entity E] [--event-type T] [--all-facts] [--limit N] [--offset N]``;
* :func:`add_archive_option` adds ``--archive PATH`` to ``khabar process``/``run``;
* :func:`archive_sink` opens the archive as a sink that stores documents and records the run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # imported where used: building the command line must not load the archive
    from khabar.archive.search import Hit
    from khabar.model import Document

__all__ = [
    "DEFAULT_ARCHIVE",
    "ArchiveSink",
    "add_archive_option",
    "add_search_parser",
    "archive_sink",
    "cmd_search",
]

DEFAULT_ARCHIVE = "khabar.db"


def add_archive_option(parser: argparse.ArgumentParser, *, default: str | None = None) -> None:
    """``--archive PATH``: also store every processed document (and the run) in this archive."""
    parser.add_argument(
        "--archive",
        metavar="PATH",
        default=default,
        help="also store documents in this SQLite archive (created when missing; idempotent)"
        + (f"; default {default}" if default else ""),
    )


class ArchiveSink:
    """Stores documents into an archive and records the run when closed (a context manager)."""

    def __init__(self, path: str | Path, inputs: list[str] | None = None) -> None:
        from khabar.archive.store import Archive

        self.archive = Archive(path)
        self._bulk = self.archive.bulk_load()
        self._bulk.__enter__()
        self.inputs = list(inputs or [])
        self.started = time.time()
        self.records_in = self.processed = self.added = self.duplicates = 0
        self.rejects: list[Any] = []
        self._batch: list[Document] = []

    def add(self, doc: Document) -> None:
        self.records_in += 1
        self.processed += 1
        self._batch.append(doc)
        if len(self._batch) >= 200:
            self.flush()

    def reject(self, rej: Any) -> None:
        self.records_in += 1
        self.rejects.append(rej)

    def flush(self) -> None:
        if self._batch:
            a, d = self.archive.add_many(self._batch)
            self.added += a
            self.duplicates += d
            self._batch.clear()

    def close(self) -> int:
        """Store what is pending, learn people's identities across the archive (short forms of
        fuller names), record the run and close the archive; the run id."""
        self.flush()
        self.archive.resolve_identities()
        run = self.archive.record_run(
            started=self.started,
            inputs=self.inputs,
            records_in=self.records_in,
            processed=self.processed,
            added=self.added,
            duplicates=self.duplicates,
            rejects=self.rejects,
        )
        self._bulk.__exit__(None, None, None)
        self.archive.close()
        return run

    def summary(self) -> str:
        return f"khabar: archive {self.archive.path}: {self.added} added, {self.duplicates} already there"

    def __enter__(self) -> ArchiveSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def archive_sink(path: str | Path, inputs: list[str] | None = None) -> ArchiveSink:
    """A sink storing processed documents into the archive at ``path``: ``add(doc)``,
    ``reject(reject)``; closing it records the run with its counts and rejects."""
    return ArchiveSink(path, inputs)


def add_search_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``khabar search`` to a subparsers object; the parser (its func is :func:`cmd_search`)."""
    ps: argparse.ArgumentParser = sub.add_parser(
        "search",
        help="search an archive (Arabic-aware: normalised and light-stemmed)",
        description="Search the archive built by `khabar process --archive`. Words are ANDed; "
        '"quoted phrases" must occur together. Spelling variants, diacritics and the article ال '
        "do not matter unless --exact is given (then phrases and words match unstemmed forms).",
    )
    ps.add_argument("query", help='the query, e.g. "إدلب" or \'"زيارة الرئيس" موسكو\'')
    ps.add_argument("--archive", default=DEFAULT_ARCHIVE, metavar="PATH", help=f"default {DEFAULT_ARCHIVE}")
    ps.add_argument("--exact", action="store_true", help="match normalised words without stemming")
    ps.add_argument("--site", help="only documents from this site (host name without www.)")
    ps.add_argument("--from", dest="date_from", metavar="DATE", help="published on or after (ISO date)")
    ps.add_argument("--to", dest="date_to", metavar="DATE", help="published on or before (ISO date)")
    ps.add_argument("--entity", help="only documents mentioning this entity (name or ref id)")
    ps.add_argument(
        "--event-type",
        metavar="TYPE",
        help="only documents with an event of this PLOVER type (CONSULT, AID, …)",
    )
    ps.add_argument(
        "--all-facts",
        action="store_true",
        help="--entity and --event-type also match facts held back as low-confidence (below the "
        "thresholds); by default only the facts shown",
    )
    ps.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="text (default: numbered hits with highlighted snippets), json (as /api/search: total and "
        "results) or csv (one row per hit: id, title, site, published, score, snippet)",
    )
    ps.add_argument("--limit", type=int, default=10, help="results to show (default 10)")
    ps.add_argument("--offset", type=int, default=0, help="skip this many results")
    ps.set_defaults(func=cmd_search)
    return ps


def mark(hit: Hit, *, tty: bool) -> str:
    """The snippet on one line with its highlights in ANSI bold (a terminal) or «» brackets."""
    on, off = ("\x1b[1m", "\x1b[0m") if tty else ("«", "»")
    text = hit.snippet
    out = []
    pos = 0
    for s, e in hit.snippet_highlights:
        if s < pos:
            continue
        out += [text[pos:s], on, text[s:e], off]
        pos = e
    out.append(text[pos:])
    return " ".join("".join(out).split())


def cmd_search(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from khabar.archive.filters import SearchFilters
    from khabar.archive.search import count, search
    from khabar.archive.store import Archive

    out = out or sys.stdout
    if not Path(args.archive).exists():
        from khabar.archive.store import missing_archive

        raise missing_archive(args.archive)
    filters = SearchFilters(
        site=args.site,
        date_from=args.date_from,
        date_to=args.date_to,
        entity=args.entity,
        event_type=getattr(args, "event_type", None),
        all_facts=bool(getattr(args, "all_facts", False)),
    )
    with Archive(args.archive) as archive:
        hits = search(
            archive, args.query, exact=args.exact, filters=filters, limit=args.limit, offset=args.offset
        )
        total = count(archive, args.query, exact=args.exact, filters=filters)
    fmt = getattr(args, "format", "text")
    if fmt == "json":
        import json

        results = [
            {"id": h.id, "title": h.title, "site": h.site, "published": h.published,
             "snippet": h.snippet, "score": round(h.score, 4)}
            for h in hits
        ]  # fmt: skip
        print(json.dumps({"total": total, "results": results}, ensure_ascii=False), file=out)
        return 0
    if fmt == "csv":
        import csv

        w = csv.writer(out)
        w.writerow(["id", "title", "site", "published", "score", "snippet"])
        for h in hits:
            w.writerow([h.id, h.title or "", h.site or "", h.published or "", f"{h.score:.4g}", h.snippet])
        return 0
    tty = out.isatty()
    if not hits:
        print(f"no results for {args.query!r}", file=out)
        return 0
    print(f"{total} result(s) for {args.query!r}", file=out)
    for i, h in enumerate(hits, args.offset + 1):
        meta = " · ".join(x for x in (h.site, h.published) if x)
        print(
            f"{i}. {h.title or '(no title)'}  [{h.id[:12]}]"
            f"{'  ' + meta if meta else ''}  score {h.score:.3g}",
            file=out,
        )
        print(f"   …{mark(h, tty=tty)}…", file=out)
    return 0
