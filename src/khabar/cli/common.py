"""What several commands share: the reader options and reading the inputs with them, the progress
bar (or none), the rejects printed on stderr when no ``--rejects`` file is given, and the message for a
record not found."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khabar.cli_options import (  # re-exported: tests and older code import them from here
    DATE_FIELD_HELP,
)


class _NoProgress:
    """What :func:`_progress` gives when the bar is off: importing tqdm took a tenth of a one-line
    run's start-up, for a bar nobody sees."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int | None, enabled: bool, desc: str) -> Any:
    if not enabled:
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(total=total, disable=not enabled, desc=desc, unit="doc", file=sys.stderr, dynamic_ncols=True)


def _add_reader_args(p: argparse.ArgumentParser, *, optional: bool = False) -> None:
    p.add_argument(
        "paths",
        nargs="*" if optional else "+",
        metavar="PATH",
        help="files, folders (recursive) or - for stdin",
    )
    p.add_argument("--glob", default="*", help="file name pattern inside folders (default: all files)")
    p.add_argument(
        "--text-field",
        help="JSON field (dotted path) holding the text; default: 'text', "
        "or title+author+content for SaudiNewsNet-style records",
    )
    p.add_argument("--id-field", help="JSON field holding the record id (default: 'id', else file:line)")
    p.add_argument("--meta-fields", help="comma-separated JSON fields copied into the record's meta")
    p.add_argument("--date-field", metavar="NAME", help=DATE_FIELD_HELP)
    p.add_argument(
        "--max-bytes",
        type=int,
        default=32 * 2**20,
        help="largest record accepted, in bytes "
        "(default 32 MiB); larger ones are rejected with reason too_large",
    )


def _read(args: argparse.Namespace, skipped: list[tuple[str, str]] | None = None) -> Any:
    from khabar.io import read_inputs

    meta = [m.strip() for m in args.meta_fields.split(",")] if args.meta_fields else None
    on_skip = None if skipped is None else (lambda path, why: skipped.append((path, why)))
    return read_inputs(
        args.paths,
        glob=args.glob,
        text_field=args.text_field,
        id_field=args.id_field,
        meta_fields=meta,
        max_bytes=args.max_bytes,
        date_field=args.date_field,
        on_skip=on_skip,
    )


class _StderrRejects:
    """Rejects printed as sentences on stderr when no --rejects file is given."""

    def __enter__(self) -> _StderrRejects:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def write(self, rej: Any) -> None:
        print(f"khabar: rejected {rej.input}: [{rej.code} {rej.reason}] {rej.message}", file=sys.stderr)


def _not_found(args: argparse.Namespace) -> int:
    what = f"no record with id {args.id!r}" if args.id else "no readable record"
    print(f"khabar: {what} in {args.path}", file=sys.stderr)
    return 3
