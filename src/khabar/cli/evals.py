"""``khabar eval``: the text-dump, HTML, dates, NER, events and facts evaluations, each printing its
table (or JSON) and the held-out figures first."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from khabar.errors import NotFoundError, UsageError


def cmd_eval_textdump(args: argparse.Namespace) -> int:
    if args.cv:
        from khabar.eval.gold import load_gold
        from khabar.eval.textdump_cv import run_textdump_cv
        from khabar.eval.textdump_extra import load_extra

        extra = [] if args.no_extra and not args.compare_extra else load_extra(args.extra or None)
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
