"""The ``khabar`` command.

Exit status: 0 success; 2 bad arguments; 3 no input record could be processed (all rejected);
4 a pipeline could not be built; 5 a package data file is broken; 1 anything unexpected (a bug:
please report it with the input that caused it); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from khabar import __version__
from khabar.cli_options import (  # re-exported: tests and older code import them from here
    DATE_FIELD_HELP,
    FACT_STAGES,
    add_min_confidence_option,
    add_ner_option,
    fact_stages,
)
from khabar.errors import KhabarError, NotFoundError, StageFailedError, UsageError
from khabar.pipeline import NER_TAGGERS

EPILOG = """examples:
  khabar process page.txt                      one text dump → one record on stdout
  khabar process crawl.jsonl.gz -o out.jsonl --rejects rejects.jsonl
  khabar process ../shared/data/saudinewsnet_full/ --glob '*.zip' -o snn.jsonl
  cat page.txt | khabar process -              stdin
  khabar show page.txt                         the page's structure, removed lines struck through
  khabar eval textdump --gold ../shared/data/gold/textdump_gold.jsonl
  khabar process page.html crawl.warc.gz -o out.jsonl      HTML pages and WARC archives
  khabar eval html --bench ../shared/data/html_bench       main content vs trafilatura, jusText …
"""


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


class _StderrRejects:
    """Rejects printed as sentences on stderr when no --rejects file is given."""

    def __enter__(self) -> _StderrRejects:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def write(self, rej: Any) -> None:
        print(f"khabar: rejected {rej.input}: [{rej.code} {rej.reason}] {rej.message}", file=sys.stderr)


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


def _not_found(args: argparse.Namespace) -> int:
    what = f"no record with id {args.id!r}" if args.id else "no readable record"
    print(f"khabar: {what} in {args.path}", file=sys.stderr)
    return 3


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


def cmd_eval_textdump(args: argparse.Namespace) -> int:
    if args.cv:
        from khabar.eval.gold import load_gold
        from khabar.eval.textdump_cv import run_textdump_cv
        from khabar.eval.textdump_extra import load_extra

        extra = load_extra(args.extra or None) if args.extra is not None or args.compare_extra else []
        cv = run_textdump_cv(
            load_gold(args.gold),
            folds=args.folds,
            errors_limit=args.errors,
            extra=extra,
            compare_extra=args.compare_extra,
        )
        if args.json:
            print(json.dumps(cv, ensure_ascii=False, indent=1))
        return 0
    from khabar.eval.run import run_textdump_eval

    report = run_textdump_eval(
        args.gold, baselines=not args.no_baseline, errors_limit=args.errors, no_url=args.no_url
    )
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


def cmd_eval_html(args: argparse.Namespace) -> int:
    from khabar.eval.html import format_cv, report, run_html_cv, run_html_eval

    if args.cv:
        cv = run_html_cv(args.bench, limit=args.limit)
        print(format_cv(cv))
        if args.json:
            print(json.dumps(cv.to_dict(), ensure_ascii=False, indent=1))
        return 0
    notes: list[str] = []
    peers: list[str] | None = [] if args.no_peers else None
    rows = run_html_eval(
        args.bench, peers=peers, errors=args.errors, limit=args.limit, repeat=args.repeat, notes=notes
    )
    report(rows, notes)
    if args.json:
        print(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1))
    return 0


def cmd_eval_dates(args: argparse.Namespace) -> int:
    from khabar.eval.dates import run_dates_eval

    if args.records:
        from khabar.eval.dates import anchor_coverage, read_records

        cov = anchor_coverage(read_records(args.records))
        print(f"dates anchored to the record in {args.records}")
        print(cov.format())
        if args.json:
            print(json.dumps({"records": cov.records, "with_published": cov.with_published,
                              "relative": cov.relative, "relative_resolved": cov.relative_resolved,
                              "published_source": dict(cov.published_source)}, indent=1))  # fmt: skip
        return 0
    scores = run_dates_eval(args.data, split=args.split)
    if args.json:
        out = {k: {"precision": v.precision, "recall": v.recall, "f1": v.f1} for k, v in scores.items()}
        print(json.dumps(out, indent=1))
    return 0


def cmd_eval_ner(args: argparse.Namespace) -> int:
    from pathlib import Path

    from khabar.eval import shared_data
    from khabar.eval.ner import evaluate_model, format_scores, place_layer_precision, split_anercorp
    from khabar.extract.ner import load_model
    from khabar.extract.places import default_threshold

    corpus = Path(args.data) if args.data else shared_data("anercorp")
    corpus = corpus / "ANERCorp.txt" if corpus.is_dir() else corpus
    if not corpus.exists():
        raise UsageError(
            f"ANERcorp not found at {corpus}; pass --data PATH to ANERCorp.txt", value=str(corpus)
        )
    _, test = split_anercorp(corpus)
    if args.tagger == "accurate":
        from khabar.extract.accurate.tagger import load_tagger

        report = evaluate_model(load_tagger(), test)
        print(
            f"khabar NER, accurate tagger (fine-tuned e5-small, int8), on the ANERcorp CAMeL test split "
            f"({report.tokens:,} tokens), entity-level"
        )
    else:
        report = evaluate_model(load_model(), test)
        print(
            f"khabar NER on the ANERcorp CAMeL test split ({report.tokens:,} tokens), entity-level, with "
            "document consistency"
        )
    print(format_scores(report.scores["all"]))
    print("\nPERSON / LOC / ORG only")
    print(format_scores(report.scores["pers_loc_org"]))
    print(
        f"\nspeed: {report.cold_speed:,.0f} tokens/s (caches empty), {report.warm_speed:,.0f} warm; one core"
    )
    places = place_layer_precision(test, threshold=default_threshold())
    print(
        f"\nplace layer: {places.correct}/{places.linked} linked places overlap a gold LOC span, "
        f"precision {places.precision:.3f}"
    )
    if places.threshold is not None:
        print(
            f"  at the default place threshold {places.threshold}: {places.correct_at_threshold}/"
            f"{places.linked_at_threshold}, precision {places.precision_at_threshold:.3f}"
        )
    if args.json:
        out: dict[str, Any] = {
            k: {t: {"precision": v.precision, "recall": v.recall, "f1": v.f1} for t, v in sc.items()}
            for k, sc in report.scores.items()
        }
        out["place_layer"] = {
            "linked": places.linked,
            "correct": places.correct,
            "precision": places.precision,
            "threshold": places.threshold,
            "precision_at_threshold": places.precision_at_threshold,
        }
        print(json.dumps(out, indent=1))
    return 0


def cmd_eval_events(args: argparse.Namespace) -> int:
    from khabar.eval.events import default_gold_dir, evaluate, format_report

    gold = Path(args.gold) if args.gold else default_gold_dir()
    if not (gold / "events_gold.jsonl").exists():
        raise NotFoundError(f"no events gold set at {gold}; pass --gold DIR", value=str(gold))
    res = evaluate(gold, system_out=args.system_out)
    print(format_report(res))
    if args.json:
        print(json.dumps({k: {v: s.to_dict() for v, s in d.items()} for k, d in res.items()}, indent=1))
    return 0


def cmd_eval_facts(args: argparse.Namespace) -> int:
    from khabar.eval.facts import default_gold_dir, format_report, run_facts_eval

    gold = Path(args.gold) if args.gold else default_gold_dir()
    if not (gold / "gold.jsonl").exists():
        raise NotFoundError(f"no facts gold set at {gold}; pass --gold DIR", value=str(gold))
    reports, secs = run_facts_eval(gold, records=args.records)
    if secs:
        n = reports["all"].documents
        print(f"khabar on {n} facts_gold articles ({secs:.1f} s, {n / secs:,.0f} docs/s)\n")
    print(format_report(reports))
    if args.errors:
        dev = reports["dev"]
        print(f"\n== the first {args.errors} errors of the development half")
        print("\n".join("  " + e for e in dev.errors[: args.errors]))
    if args.json:
        print(json.dumps({k: r.to_dict() for k, r in reports.items()}, indent=1, ensure_ascii=False))
    return 0


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


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="khabar",
        description="khabar (خبر): clean, structured, searchable records from crawled Arabic news pages.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"khabar {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    pp = sub.add_parser(
        "process",
        help="clean and structure inputs into khabar.record/1 JSON Lines",
        description="Read text dumps (files, folders, JSON Lines, JSON arrays, ZIP, gzip, stdin), "
        "clean and structure each record, and write one khabar.record/1 JSON object per line. "
        "Every input record is either written or listed in the rejects with a reason code.",
    )
    _add_reader_args(pp)
    pp.add_argument(
        "-o", "--output", default="-", help="output JSON Lines file (.gz to compress); default stdout"
    )
    pp.add_argument(
        "--rejects", help="write rejected records (with code, reason, message) to this JSON Lines file"
    )
    pp.add_argument("--keep-raw", action="store_true", help="include the raw input in each record")
    from khabar.archive.cli import add_archive_option, add_search_parser

    add_archive_option(pp)
    pp.add_argument(
        "--facts",
        action="store_true",
        help="also find facts: named entities, places with "
        "coordinates and quantities (durations, money, counts, percentages)",
    )
    add_ner_option(pp)
    add_min_confidence_option(pp)
    pp.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    pp.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    pp.set_defaults(func=cmd_process)

    ps = sub.add_parser(
        "show",
        help="print one document for a person: structure, removed lines and reasons",
        description="Process an input (or read a khabar output file) and print each document "
        "with its block kinds in the margin and removed lines struck through with their reason.",
    )
    ps.add_argument(
        "path",
        metavar="FILE|ID",
        help="a text dump, a JSON/JSONL input, or a khabar .jsonl output; with --archive, the id of a "
        "stored document (the short id `khabar search` prints, or the record's own id)",
    )
    ps.add_argument(
        "--archive",
        metavar="PATH",
        help="show a document stored in this archive (FILE|ID is then its id)",
    )
    ps.add_argument("--id", help="show only the record with this id")
    ps.add_argument("-n", "--limit", type=int, default=1, help="how many records to show (default 1)")
    ps.add_argument("--text-field", help="JSON field holding the text (as for process)")
    ps.add_argument("--date-field", metavar="NAME", help=DATE_FIELD_HELP)
    ps.add_argument(
        "--facts",
        action="store_true",
        help="also find and list people and roles, places, dates and quantities",
    )
    add_ner_option(ps)
    add_min_confidence_option(ps)
    ps.add_argument(
        "--plain", action="store_true", help="no colours and no bidi isolates (for files and pipes)"
    )
    ps.add_argument(
        "--color", action=argparse.BooleanOptionalAction, default=None, help="force colours on/off"
    )
    ps.set_defaults(func=cmd_show)

    pm = sub.add_parser(
        "summary",
        help="counts of a khabar output file: articles, block kinds, removal reasons",
        description="Read a khabar.record/1 JSON Lines file (as written by `khabar process`) "
        "and print how many records and articles it holds, blocks by kind and removed "
        "blocks by reason.",
    )
    pm.add_argument("path", metavar="FILE")
    pm.add_argument("--titles", action="store_true", help="also list each record's title and sections")
    pm.set_defaults(func=cmd_summary)

    pe = sub.add_parser(
        "eval",
        help="score khabar against a gold set (and a measured baseline)",
        description="Score khabar against a labelled gold set from ../shared/data and, in the "
        "same run, the peer tools it is compared with.",
    )
    esub = pe.add_subparsers(dest="what", metavar="WHAT")
    pet = esub.add_parser(
        "textdump",
        help="line roles and boilerplate on the line-labelled text-dump gold set",
        description="Per origin and overall: precision/recall/F1 per label and for boilerplate "
        "(scored by raw offsets; glued and trailing parts are their own units), title accuracy, "
        "is_article accuracy, and the same boilerplate scores and speed for datatrove's C4 and "
        "FineWeb filters run on the same lines.",
    )
    pet.add_argument(
        "--gold", default=None, help="gold JSON Lines (default ../shared/data/gold/textdump_gold.jsonl)"
    )
    pet.add_argument("--no-baseline", action="store_true", help="skip the datatrove baselines")
    pet.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="also list the N worst units (with --cv: the N worst of development sites only)",
    )
    pet.add_argument(
        "--cv",
        action="store_true",
        help="leave-site-out cross-validation (retrains the line model per fold; needs the [train] "
        "extra): all, held-out and development sites, with and without URLs, in-sample beside",
    )
    pet.add_argument("--folds", type=int, default=10, metavar="K", help="folds of --cv (default 10)")
    pet.add_argument(
        "--extra",
        nargs="?",
        const="",
        default=None,
        metavar="PATH",
        help="with --cv: also train every fold on extra line-labelled dumps, never scored (default "
        "scripts/data/textdump_extra_labels.jsonl; the shipped model trains on them: its honest figure)",
    )
    pet.add_argument(
        "--compare-extra",
        action="store_true",
        help="with --cv: run with the extra dumps and again without, and print both runs' headline figures",
    )
    pet.add_argument(
        "--no-url",
        action="store_true",
        help="give khabar the dumps without their URL, as a crawler's dump often comes (--cv always "
        "scores both ways)",
    )
    pet.add_argument("--json", action="store_true", help="print the full report as JSON after the tables")
    pet.set_defaults(func=cmd_eval_textdump)
    peh = esub.add_parser(
        "html",
        help="main-content extraction on the Arabic HTML benchmark, against peer extractors",
        description="On the html_bench pages: token-level precision/recall/F1 against the gold "
        "headings and paragraphs (as the benchmark's score.py), chrome-leak rate, title and date "
        "accuracy and pages/s for khabar and, in the same run, trafilatura (default, favor_precision, "
        "favor_precision without comments), jusText (Arabic stoplist), resiliparse main_content and "
        "readability-lxml (peers that are not installed are skipped with a note).",
    )
    peh.add_argument(
        "--bench", default=None, help="the html_bench folder (default ../shared/data/html_bench)"
    )
    peh.add_argument("--no-peers", action="store_true", help="score khabar alone")
    peh.add_argument(
        "--cv",
        action="store_true",
        help="leave-template-out: each template scored by what khabar fits on the others (held out "
        "first, in-sample beside it; khabar alone)",
    )
    peh.add_argument(
        "--errors", type=int, default=0, metavar="N", help="also list the N worst pages per tool"
    )
    peh.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N pages")
    peh.add_argument(
        "--repeat", type=int, default=1, metavar="K", help="time each tool K times, keep the best"
    )
    peh.add_argument("--json", action="store_true", help="print the full report as JSON after the tables")
    peh.set_defaults(func=cmd_eval_html)
    ped = esub.add_parser(
        "dates",
        help="DATE span F1 (exact and overlap) on the Wojood sample",
        description="Find the dates in each sentence of the Wojood NER sample (SinaLab/ArabicNER) and "
        "score them against its DATE spans (any nesting level): exact token span and overlap.",
    )
    ped.add_argument(
        "--data", default=None, help="the wojood_sample folder (default ../shared/data/wojood_sample)"
    )
    ped.add_argument("--split", default="test", choices=("test", "val", "train"), help="default: test")
    ped.add_argument(
        "--records",
        metavar="FILE",
        help="instead: how a khabar output (JSON Lines) or archive (.db) anchors its dates: records with "
        "`published` (and where it came from), relative dates resolved, events with an ISO date",
    )
    ped.add_argument("--json", action="store_true", help="print the scores as JSON after the table")
    ped.set_defaults(func=cmd_eval_dates)

    pen = esub.add_parser(
        "ner",
        help="entity-level P/R/F1 of the NER model on the ANERcorp test split, and its speed",
        description="Tag the CAMeL Lab test split of ANERcorp (its last 25,008 tokens) with khabar's "
        "named-entity model and score entity by entity (exact span and type), per type and overall.",
    )
    pen.add_argument(
        "--data", default=None, help="ANERCorp.txt or its folder (default ../shared/data/anercorp)"
    )
    pen.add_argument(
        "--tagger",
        choices=NER_TAGGERS,
        default="crf",
        help="the CRF (default) or the accurate encoder tagger (needs pip install 'khabar[accurate]')",
    )
    pen.add_argument("--json", action="store_true", help="print the scores as JSON after the tables")
    pen.set_defaults(func=cmd_eval_ner)
    pev = esub.add_parser(
        "events",
        help="PLOVER event P/R/F1, modes, actors, recipients and places on the Arabic events gold set",
        description="Code the events of the 121 gold documents and score them as the gold set's "
        "score.py matches them (sentence and type): event P/R/F1 strict and lenient (alt_type), mode "
        "accuracy, actor and recipient F1 (Arabic strings), location accuracy, false alarms on the "
        "no-event documents, per type; for all documents and the development and held-out halves.",
    )
    pev.add_argument(
        "--gold", default=None, help="the events_gold folder (default ../shared/data/events_gold)"
    )
    pev.add_argument(
        "--system-out", default=None, metavar="FILE", help="also write khabar's events for score.py"
    )
    pev.add_argument("--json", action="store_true", help="print the scores as JSON after the tables")
    pev.set_defaults(func=cmd_eval_events)

    pef = esub.add_parser(
        "facts",
        help="people, organisations and places (with coordinates) on the facts gold set",
        description="Process the 90 facts_gold articles with the fact layers and score, as the gold "
        "set's score.py does: people, places and organisations precision/recall, the recall of all "
        "gold places (any LOC reading), traps hit (words that look like places or people and are "
        "not), and B-cubed identity of people across documents; for all documents and the "
        "development and held-out halves (SHA-1 parity of the id). Rules are tuned on the "
        "development half only: the held-out figures are the honest ones.",
    )
    pef.add_argument("--gold", default=None, help="the facts_gold folder (default ../shared/data/facts_gold)")
    pef.add_argument(
        "--records", default=None, metavar="FILE", help="score this khabar output instead of processing"
    )
    pef.add_argument(
        "--errors", type=int, default=0, metavar="N", help="list the first N errors (development half only)"
    )
    pef.add_argument("--json", action="store_true", help="print the scores as JSON after the table")
    pef.set_defaults(func=cmd_eval_facts)

    pevx = sub.add_parser(
        "events",
        help="export PLOVER events, one row per event (CSV or JSON Lines)",
        description="Process inputs with the fact layers and write one row per event: document id, "
        "date, type, mode, actor, recipient, place with coordinates, duration, topics and the source "
        "sentence. CSV is UTF-8; --bom adds the byte-order mark spreadsheets use to detect it.",
    )
    _add_reader_args(pevx, optional=True)
    pevx.add_argument(
        "--archive",
        metavar="PATH",
        help="export the events stored in this archive instead of processing inputs",
    )
    pevx.add_argument(
        "--type",
        action="append",
        type=str.upper,
        metavar="TYPE",
        help="only events of this PLOVER type (CONSULT, AID, …; repeat for several)",
    )
    pevx.add_argument("--from", dest="date_from", metavar="DATE", help="only events dated on or after (ISO)")
    pevx.add_argument("--to", dest="date_to", metavar="DATE", help="only events dated on or before (ISO)")
    pevx.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="default csv")
    pevx.add_argument("--bom", action="store_true", help="start the CSV with a UTF-8 byte-order mark")
    pevx.add_argument("-o", "--output", default="-", help="output file (default stdout)")
    add_min_confidence_option(pevx)
    pevx.set_defaults(func=cmd_events)

    add_search_parser(sub)
    from khabar.web.cli import add_serve_parser

    add_serve_parser(sub)
    from khabar.corpus.cli import add_profiles_parser, add_run_parser

    add_run_parser(sub)
    add_profiles_parser(sub)

    pst = sub.add_parser(
        "stages",
        help="list the registered pipeline stages",
        description="List every registered stage with what it requires and provides; "
        "`khabar process` runs the default ones in order.",
    )
    pst.set_defaults(func=cmd_stages)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        # a command without its required subcommand: show that command's usage, not the top level's
        sub = parser._subparsers._group_actions[0].choices.get(args.command) if args.command else None  # type: ignore[union-attr]
        (sub or parser).print_help(sys.stderr if sub else sys.stdout)
        return 2
    try:
        return int(args.func(args))
    except KhabarError as e:
        print(f"khabar: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("khabar: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
