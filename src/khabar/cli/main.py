"""The ``khabar`` command line's parser (every command's options and help) and :func:`main`, which
runs the chosen command and turns a :class:`~khabar.errors.KhabarError` into its exit status."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from khabar import __version__
from khabar.cli.common import _add_reader_args
from khabar.cli.documents import cmd_process, cmd_show, cmd_stages, cmd_summary
from khabar.cli.evals import (
    cmd_eval_dates,
    cmd_eval_events,
    cmd_eval_facts,
    cmd_eval_html,
    cmd_eval_ner,
    cmd_eval_textdump,
)
from khabar.cli.events import cmd_events
from khabar.cli_options import DATE_FIELD_HELP, add_min_confidence_option, add_ner_option
from khabar.errors import KhabarError
from khabar.pipeline import NER_TAGGERS, enable_settling

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
        default="",
        metavar="PATH",
        help="with --cv: the extra line-labelled dumps every fold also trains on, never scored, as the "
        "shipped model is trained (default scripts/data/textdump_extra_labels.jsonl)",
    )
    pet.add_argument(
        "--no-extra",
        action="store_true",
        help="with --cv: train the folds on the gold dumps alone (the shipped model until 2026-12-07)",
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


#: the BLAS thread pools numpy may start (OpenBLAS in numpy's wheels, MKL in some builds)
_BLAS_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _one_blas_thread() -> None:
    """One BLAS thread for this process unless the caller's environment says otherwise (set before
    numpy is imported, which reads it once).

    khabar's matrices (the line classifier's, the CRF's emissions) are far too small to gain from BLAS
    threads, and OpenBLAS starts one per core at import and lets them spin: 0.03 s of CPU on every
    command (benchmarks/README.md, "startup.py"). The corpus workers set the same
    (:mod:`khabar.corpus.engines`)."""
    for var in _BLAS_THREAD_VARS:
        os.environ.setdefault(var, "1")


def main(argv: Sequence[str] | None = None) -> int:
    _one_blas_thread()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        # a command without its required subcommand: show that command's usage, not the top level's
        sub = parser._subparsers._group_actions[0].choices.get(args.command) if args.command else None  # type: ignore[union-attr]
        (sub or parser).print_help(sys.stderr if sub else sys.stdout)
        return 2
    enable_settling()  # a command's process is khabar's own: keep the collector off the models
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
