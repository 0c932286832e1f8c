"""The ``khabar run`` subcommand: :func:`add_run_parser` adds it to khabar's argument parser."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khabar.corpus.runner import DEDUP_MODES
from khabar.corpus.writers import FORMATS

__all__ = ["add_run_parser", "cmd_run"]


def add_run_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``run`` to the subparsers ``sub``; the parser's ``func`` default is :func:`cmd_run`."""
    p: argparse.ArgumentParser = sub.add_parser(
        "run",
        help="process a corpus into resumable shards (JSON Lines or Parquet) with duplicate clusters",
        description="Process files, folders and archives into shards in OUT_DIR. Rerun the same command "
        "to resume after a crash: finished shards are skipped.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (recursive) or archives")
    p.add_argument("-o", "--output", required=True, metavar="OUT_DIR", help="output folder")
    p.add_argument("--format", choices=FORMATS, default="jsonl", help="shard format (default: jsonl)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    p.add_argument("--shard-size", type=int, default=1000, help="records per shard (default: 1000)")
    p.add_argument(
        "--dedup",
        choices=DEDUP_MODES,
        default="mark",
        help="mark duplicate clusters in signals (default), keep only the first of each, or skip",
    )
    p.add_argument("--glob", default="*", help="file name pattern inside folders (default: all files)")
    p.add_argument("--engine", choices=("local",), default="local", help="execution engine (default: local)")
    p.add_argument("--text-field", help="JSON field (dotted path) holding the text")
    p.add_argument("--id-field", help="JSON field holding the record id")
    p.add_argument("--meta-fields", help="comma-separated JSON fields copied into the record's meta")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", action="store_true", default=None, help="always show the progress bar")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show it")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    p.set_defaults(func=cmd_run)
    return p


def cmd_run(args: argparse.Namespace) -> int:
    """Run :func:`khabar.corpus.run` from parsed arguments; print the summary; return the exit status."""
    from khabar.corpus.runner import run

    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    meta = [f.strip() for f in args.meta_fields.split(",") if f.strip()] if args.meta_fields else None
    summary = run(
        args.paths,
        args.output,
        fmt=args.format,
        workers=args.workers,
        shard_size=args.shard_size,
        glob=args.glob,
        dedup=args.dedup,
        progress=bool(progress and not args.quiet),
        engine=args.engine,
        text_field=args.text_field,
        id_field=args.id_field,
        meta_fields=meta,
    )
    if not args.quiet:
        print(summary.format(), file=sys.stderr)
    return 3 if summary.records_in and not summary.records_out else 0
