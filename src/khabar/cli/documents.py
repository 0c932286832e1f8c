"""The commands about documents: ``khabar process`` (inputs in, records and rejects out), ``khabar
show`` (one document for a person), ``khabar summary`` (an output file's counts) and ``khabar stages``
(the pipeline's stages and what each writes)."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from khabar.cli.common import _not_found, _progress, _read, _StderrRejects
from khabar.cli_options import (  # re-exported: tests and older code import them from here
    fact_stages,
)
from khabar.errors import NotFoundError, StageFailedError


def cmd_process(args: argparse.Namespace) -> int:
    from khabar.api import process_item
    from khabar.io import JsonlWriter, RawRecord, Reject, RejectsWriter

    n_in = n_out = 0
    reasons: Counter[str] = Counter()
    skipped: list[tuple[str, str]] = []
    show_progress = args.progress or (args.progress is None and sys.stderr.isatty())
    t0 = time.perf_counter()
    rej_path = args.rejects
    sink = None
    if args.archive:
        from khabar.archive.cli import archive_sink

        sink = archive_sink(args.archive, list(args.paths))
    # the archive shows people, places, dates and amounts: storing into it finds them
    extra = fact_stages(args, args.facts or sink is not None)
    try:
        with (
            JsonlWriter(args.output) as out,
            RejectsWriter(rej_path) if rej_path else _StderrRejects() as rej,
        ):
            bar = _progress(None, show_progress, "khabar")
            for item in _read(args, skipped):
                n_in += 1
                if isinstance(item, Reject):
                    reasons[item.reason] += 1
                    rej.write(item)
                    if sink is not None:
                        sink.reject(item)
                else:
                    assert isinstance(item, RawRecord)
                    try:
                        doc = process_item(
                            item,
                            extra=extra,
                            min_confidence=args.min_confidence,
                        )
                    except StageFailedError as err:  # a bug on one record: a reject naming the stage
                        failed = Reject.from_error(item.id, item.source.input or item.id, err)
                        reasons[failed.reason] += 1
                        rej.write(failed)
                        if sink is not None:
                            sink.reject(failed)
                        bar.update(1)
                        continue
                    out.write(doc.to_record(include_raw=args.keep_raw))
                    if sink is not None:
                        sink.add(doc)
                    n_out += 1
                bar.update(1)
            bar.close()
    finally:
        if sink is not None:
            sink.close()
            if not args.quiet:
                print(sink.summary(), file=sys.stderr)
    dt = time.perf_counter() - t0
    n_rej = sum(reasons.values())
    summary = f"khabar: {n_in} records in: {n_out} processed, {n_rej} rejected"
    if reasons:
        summary += " (" + ", ".join(f"{r}: {c}" for r, c in reasons.most_common()) + ")"
    if skipped:
        from khabar.io import format_skipped

        summary += "; " + format_skipped(skipped)
    if not args.quiet:
        print(f"{summary} in {dt:.1f} s", file=sys.stderr)
        if n_rej and not rej_path:
            print(
                "khabar: rejects were listed above; use --rejects FILE to keep them as JSON Lines",
                file=sys.stderr,
            )
    return 3 if n_in and not n_out else 0


def cmd_show(args: argparse.Namespace) -> int:
    from khabar.api import process_item
    from khabar.io import RawRecord, Reject, read_inputs
    from khabar.model import Document
    from khabar.render import render

    color = not args.plain and sys.stdout.isatty() if args.color is None else args.color
    if args.archive:
        return _show_stored(args, color)
    shown = 0
    path = args.path
    # a khabar output file: show its records as they are
    if path != "-" and Path(path).is_file() and path.endswith((".jsonl", ".jsonl.gz")):
        from khabar.io import read_jsonl

        first = next(iter(read_jsonl(path)), None)
        if isinstance(first, dict) and str(first.get("schema", "")).startswith("khabar.record/"):
            from khabar.extract.confidence import regate

            for rec in read_jsonl(path):
                if args.id and rec.get("id") != args.id:
                    continue
                doc = Document.from_record(rec)
                if args.min_confidence is not None:  # as stored, unless thresholds are asked for
                    regate(doc, args.min_confidence)
                print(render(doc, color=color, bidi=not args.plain))
                print()
                shown += 1
                if shown >= args.limit:
                    break
            return 0 if shown else _not_found(args)
    for item in read_inputs([path], text_field=args.text_field, date_field=args.date_field):
        if isinstance(item, Reject):
            print(
                f"khabar: cannot show {item.input}: [{item.code} {item.reason}] {item.message}",
                file=sys.stderr,
            )
            continue
        assert isinstance(item, RawRecord)
        if args.id and item.id != args.id:
            continue
        doc = process_item(
            item,
            extra=fact_stages(args, args.facts),
            min_confidence=args.min_confidence,
        )
        print(render(doc, color=color, bidi=not args.plain))
        print()
        shown += 1
        if shown >= args.limit:
            break
    return 0 if shown else _not_found(args)


def _show_stored(args: argparse.Namespace, color: bool) -> int:
    """``khabar show ID --archive A``: a stored document, by archive id, short id or record id."""
    from khabar.archive import Archive
    from khabar.archive.store import missing_archive
    from khabar.model import Document
    from khabar.render import render

    if not Path(args.archive).is_file():
        raise missing_archive(args.archive)
    key = args.id or args.path
    with Archive(args.archive) as archive:
        ids = archive.find(key)
        if not ids:
            print(f"khabar: no document {key!r} in {args.archive} (give the id `khabar search` prints, "
                  "or the record's own id)", file=sys.stderr)  # fmt: skip
            return 3
        if len(ids) > 1:
            some = ", ".join(i[:16] for i in ids[:5])
            print(f"khabar: {key!r} names {len(ids)} documents in {args.archive} ({some}…); "
                  "give more of the id", file=sys.stderr)  # fmt: skip
            return 2
        rec = archive.get(ids[0])
    assert rec is not None
    doc = Document.from_record(rec)
    if args.min_confidence is not None:
        from khabar.extract.confidence import regate

        regate(doc, args.min_confidence)
    print(render(doc, color=color, bidi=not args.plain))
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from khabar.errors import InputError
    from khabar.io import read_jsonl

    if not Path(args.path).is_file():
        raise NotFoundError(f"{args.path} does not exist; check the path", value=args.path)

    n = art = 0
    kinds: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    try:
        records = list(read_jsonl(args.path))
    except (ValueError, UnicodeDecodeError, OSError, EOFError) as err:
        raise InputError(
            f"{args.path} is not a khabar output file (JSON Lines of khabar.record/1: {err}); "
            "write one with `khabar process INPUT -o out.jsonl`",
            value=args.path,
        ) from err
    for rec in records:
        if not isinstance(rec, dict) or not str(rec.get("schema", "")).startswith("khabar.record/"):
            raise InputError(
                f"{args.path} is not a khabar output file (a line is not a khabar.record/1 object); "
                "write one with `khabar process INPUT -o out.jsonl`",
                value=args.path,
            )
        n += 1
        art += bool(rec.get("is_article"))
        for b in rec.get("blocks", []):
            kinds[b["kind"]] += 1
            if b["kind"] == "boilerplate":
                reasons[
                    (b.get("reason") or "?").split(":")[0] + ":" + (b.get("reason") or "?").split(":")[-1]
                ] += 1
        if args.titles:
            print(f"  {rec.get('id')}: {rec.get('title') or '—'}  [{' › '.join(rec.get('sections') or [])}]")
    print(f"{n} records, {art} articles")
    print("blocks by kind: " + ", ".join(f"{k} {c}" for k, c in kinds.most_common()))
    print("removed by reason: " + ", ".join(f"{k} {c}" for k, c in reasons.most_common(12)))
    return 0


def cmd_stages(args: argparse.Namespace) -> int:
    from khabar.pipeline import DEFAULT_STAGES, registered

    for name, st in registered().items():
        default = " (default)" if name in DEFAULT_STAGES else ""
        print(
            f"{name}{default}: {st.doc}\n    requires: {', '.join(st.requires) or '—'}"
            f"   provides: {', '.join(st.provides) or '—'}"
            + (f"   writes: {', '.join(st.assigns)}" if st.assigns else "")
        )
    return 0
