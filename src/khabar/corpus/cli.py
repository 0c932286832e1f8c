"""The ``khabar run`` and ``khabar profiles`` subcommands, for ``khabar.cli`` to wire in."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from khabar.corpus.choices import DEDUP_MODES, ENGINES, FORMATS

__all__ = ["add_profiles_parser", "add_run_parser", "cmd_profiles", "cmd_run"]

DEFAULT_ARCHIVE = "khabar.db"


def add_run_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``run`` to the subparsers ``sub``; the parser's ``func`` default is :func:`cmd_run`."""
    from khabar.cli_options import DATE_FIELD_HELP

    p: argparse.ArgumentParser = sub.add_parser(
        "run",
        help="process a corpus into resumable shards (JSON Lines, Parquet, the archive) with "
        "site profiles and duplicate clusters",
        description="Process files, folders and archives into shards in OUT_DIR and/or the SQLite "
        "archive. Rerun the same command to resume after a crash: finished shards are skipped. "
        f"Without -o the records go to the archive (default ./{DEFAULT_ARCHIVE}) and the shards to "
        "ARCHIVE.shards/.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (recursive) or archives")
    p.add_argument("-o", "--output", metavar="OUT_DIR", help="output folder")
    p.add_argument(
        "--archive",
        metavar="PATH",
        help=f"also store the records in this SQLite archive (default {DEFAULT_ARCHIVE} when -o is not "
        "given; idempotent: a rerun adds nothing twice)",
    )
    p.add_argument("--format", choices=FORMATS, default="jsonl", help="shard format (default: jsonl)")
    p.add_argument("--engine", choices=ENGINES, default="local", help="execution engine (default: local)")
    p.add_argument("--ray-address", metavar="ADDR", help="an existing Ray cluster (with --engine ray)")
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes / Ray CPUs (default: one per core, fewer for a small input)",
    )
    p.add_argument(
        "--shard-size",
        type=int,
        default=None,
        help="records per shard, the unit of resuming (default: 1000, fewer so that each worker gets "
        "about four shards)",
    )
    p.add_argument(
        "--dedup",
        choices=DEDUP_MODES,
        default="mark",
        help="mark duplicate clusters in signals (default), keep only the first of each, or skip",
    )
    p.add_argument(
        "--profiles",
        metavar="DIR",
        help="site-profiles folder: used when it holds profiles, else learned from the inputs first "
        "and saved there (default: OUT_DIR/profiles)",
    )
    p.add_argument("--no-profiles", action="store_true", help="no site profiles (one pass less)")
    p.add_argument("--site-field", help="JSON field holding a record's site (default: source or URL host)")
    p.add_argument("--facts", action="store_true", help="also find facts (on by default with --archive)")
    p.add_argument("--glob", default="*", help="file name pattern inside folders (default: all files)")
    p.add_argument("--text-field", help="JSON field (dotted path) holding the text")
    p.add_argument("--id-field", help="JSON field holding the record id")
    p.add_argument("--meta-fields", help="comma-separated JSON fields copied into the record's meta")
    p.add_argument("--date-field", metavar="NAME", help=DATE_FIELD_HELP)
    p.add_argument("--keep-raw", action="store_true", help="include the raw input in each record")
    from khabar.cli_options import add_min_confidence_option, add_ner_option

    add_ner_option(p)
    add_min_confidence_option(p)
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", action="store_true", default=None, help="always show the progress bar")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show it")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    p.set_defaults(func=cmd_run)
    return p


def cmd_run(args: argparse.Namespace) -> int:
    """Run :func:`khabar.corpus.run` from parsed arguments; print the summary; return the exit status."""
    from khabar.cli_options import fact_stages
    from khabar.corpus.runner import run
    from khabar.errors import UsageError

    if args.ray_address and args.engine != "ray":
        raise UsageError("--ray-address needs --engine ray", value=args.ray_address)
    archive = args.archive if args.archive or args.output else DEFAULT_ARCHIVE
    out = args.output or archive + ".shards"
    profiles = None if args.no_profiles else (args.profiles or os.path.join(out, "profiles"))
    if "-" in args.paths and not args.profiles and not args.no_profiles:
        # learning profiles reads the input twice; stdin can be read once
        print("khabar: no site profiles for stdin (it can be read only once): save the input to a file "
              "or pass --profiles DIR with saved profiles", file=sys.stderr)  # fmt: skip
        profiles = None
    for path in args.paths:
        if path != "-" and not os.path.exists(path):
            # said at once (and even with -q): the run accounts it as a not_found reject
            print(f"khabar: {path} does not exist; check the path", file=sys.stderr)
    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    meta = [f.strip() for f in args.meta_fields.split(",") if f.strip()] if args.meta_fields else None
    summary = run(
        args.paths,
        out,
        fmt=args.format,
        workers=args.workers,
        shard_size=args.shard_size,
        glob=args.glob,
        dedup=args.dedup,
        progress=bool(progress and not args.quiet),
        engine=args.engine,
        ray_address=args.ray_address,
        text_field=args.text_field,
        id_field=args.id_field,
        meta_fields=meta,
        date_field=args.date_field,
        site_field=args.site_field,
        profiles=profiles,
        archive=archive,
        # the archive shows people, places, dates and amounts: storing into it finds them (as process)
        extra=fact_stages(args, bool(args.facts or archive)),
        keep_raw=args.keep_raw,
        min_confidence=args.min_confidence,
    )
    if not args.quiet:
        print(summary.format(), file=sys.stderr)
    return 3 if summary.records_in and not summary.records_out else 0


def add_profiles_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``profiles`` to the subparsers ``sub``; its ``func`` is :func:`cmd_profiles`."""
    p: argparse.ArgumentParser = sub.add_parser(
        "profiles",
        help="print the site profiles a run learned (the lines each site repeats on its pages)",
        description="Without SITE: list the profiled sites with their document and template-line "
        "counts. With SITE: its template lines, the share of its documents holding each, most "
        "frequent first. These lines become boilerplate (reason site_profile:SITE) in `khabar run`.",
    )
    p.add_argument("site", nargs="?", metavar="SITE", help="a site, as listed without SITE")
    p.add_argument(
        "--profiles",
        metavar="DIR",
        default=os.path.join(DEFAULT_ARCHIVE + ".shards", "profiles"),
        help="the profiles folder (`khabar run` keeps it in OUT_DIR/profiles; default "
        f"{DEFAULT_ARCHIVE}.shards/profiles)",
    )
    p.add_argument("-n", "--limit", type=int, default=50, help="lines to print (default 50; 0: all)")
    p.set_defaults(func=cmd_profiles)
    return p


def cmd_profiles(args: argparse.Namespace) -> int:
    """Print one site's profile, or the list of profiled sites."""
    from khabar.corpus.profiles import load_profiles
    from khabar.errors import UsageError

    if not os.path.exists(args.profiles):
        from khabar.errors import NotFoundError

        raise NotFoundError(
            f"{args.profiles} does not exist; `khabar run PATH -o OUT` saves site profiles in OUT/profiles",
            value=args.profiles,
        )
    prof = load_profiles(args.profiles)
    if prof is None:
        raise UsageError(
            f"no site profiles in {args.profiles}; `khabar run PATH -o OUT` saves them in OUT/profiles "
            "(pass that folder with --profiles)",
            value=args.profiles,
        )
    if args.site is None:
        pm = prof.params
        print(
            f"{len(prof.sites)} profiled sites in {args.profiles} (a template line is on ≥ "
            f"{pm.get('min_share', 0):.0%} and ≥ {pm.get('min_docs', 0)} of a site's documents; sites "
            f"with fewer than {pm.get('min_site_docs', 0)} documents have no profile)"
        )
        for site, sp in sorted(prof.sites.items(), key=lambda kv: -kv[1].docs):
            print(f"  {site:30s} {sp.docs:8d} documents  {len(sp.lines):5d} template lines")
        return 0
    one = prof.get(args.site)
    if one is None:
        known = ", ".join(sorted(prof.sites)[:20]) or "none"
        raise UsageError(f"no profile for site {args.site!r} in {args.profiles}; profiled sites: {known}",
                         value=args.site)  # fmt: skip
    print(one.format(args.limit or None))
    return 0
