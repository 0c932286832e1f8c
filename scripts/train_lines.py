#!/usr/bin/env python3
"""Train khabar's line model and article model from the line-labelled gold set.

    python scripts/train_lines.py                 # train on the 201 gold and 64 extra dumps, write the
                                                  # package model (the shipped one)
    python scripts/train_lines.py --no-extra      # the gold dumps only (the model shipped until 2026-12-07)
    python scripts/train_lines.py --cv            # leave-site-out cross-validation report only
                                                  # (the same as `khabar eval textdump --cv --extra`)

Data: ../shared/data/gold/textdump_gold.jsonl (201 Arabic text dumps: 140 SaudiNewsNet, 60 Common
Crawl, 1 seed page; every line labelled; see GUIDELINES.md there), and with the extra
training-only dumps of scripts/data/textdump_extra_labels.jsonl (khabar.eval.textdump_extra: pages
outside the gold set, labelled by the same guidelines). The shipped model is trained with them (since
2026-12-07, once class rules held the three behaviours they had changed; benchmarks/README.md, fourth
round); ``--no-extra`` trains on the gold set alone. Each training example is a block
exactly as khabar's segmentation produces it at run time, labelled with the gold unit that covers
most of its characters, so training and inference see the same inputs. Features: khabar.clean.features;
the fitting and the cross-validation live in khabar.eval.textdump_cv.

The cross-validation groups documents by site (SaudiNewsNet outlet, Common Crawl host), so every
score is taken on sites the fold's model never saw — the honest estimate of how the model does on
new sites. The model also holds the chain decoder (a linear-chain CRF over the page's blocks, trained
with CRFsuite). Needs scikit-learn and python-crfsuite (``pip install -e '.[train]'``); the package itself
only reads the JSON, with numpy.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from khabar.clean.classify import LABELS  # noqa: E402
from khabar.eval.gold import load_gold  # noqa: E402
from khabar.eval.textdump_cv import CHAIN_C2, DEFAULT_C, all_examples, fit, run_textdump_cv  # noqa: E402
from khabar.eval.textdump_extra import default_extra_path, load_extra  # noqa: E402

OUT = REPO / "src" / "khabar" / "data" / "line_model.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(REPO.parent / "shared" / "data" / "gold" / "textdump_gold.jsonl"))
    ap.add_argument("--cv", action="store_true", help="cross-validate by site instead of writing the model")
    ap.add_argument("-C", type=float, default=DEFAULT_C, help="inverse L2 strength (default 2)")
    ap.add_argument(
        "--extra",
        nargs="?",
        const=str(default_extra_path()),
        default=str(default_extra_path()),
        help="the extra line-labelled dumps trained on beside the gold set (default: the file of "
        "khabar.eval.textdump_extra; used unless --no-extra)",
    )
    ap.add_argument("--no-extra", action="store_true", help="train on the gold set alone")
    ap.add_argument("-o", "--out", default=str(OUT))
    args = ap.parse_args()
    docs = load_gold(args.gold)
    extra = [] if args.no_extra else load_extra(args.extra)
    if args.cv:
        run_textdump_cv(docs, c=args.C, extra=extra)
        return
    exs = all_examples([*docs, *extra])
    m = fit(exs, args.C)
    y = [label for e in exs for label in e.y]
    m["provenance"] = {
        "trained_by": "scripts/train_lines.py",
        "data": "shared/data/gold/textdump_gold.jsonl (201 docs; SaudiNewsNet CC BY-NC-SA 4.0 research use, "
        "Common Crawl sample, seed page)"
        + (
            f" and {len(extra)} extra dumps of scripts/data/textdump_extra_labels.jsonl (SaudiNewsNet and "
            "Common Crawl sample pages outside the gold set)"
            if extra
            else ""
        )
        + "; the model holds only feature weights, no text",
        "examples": len(y),
        "label_counts": dict(Counter(y)),
        "C": args.C,
        "chain_c2": CHAIN_C2,
        "labels": list(LABELS),
    }
    Path(args.out).write_text(json.dumps(m, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(y)} blocks, classes {m['classes']}")


if __name__ == "__main__":
    main()
