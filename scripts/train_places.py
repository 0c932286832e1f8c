#!/usr/bin/env python3
"""Fit the place layer's confidence model (``src/khabar/data/places_model.json``) on facts_gold's
development half, and choose the default threshold (``fact_thresholds.json``, key ``"place"``).

Every place the layer links in a development document, and every place it found in the gazetteer but
left out for want of evidence, is a candidate with the features of :func:`khabar.extract.places.
ref_features` (its mentions' evidence, its kind and size). A candidate is right when facts_gold lists
the place (its name and coordinates, as ``khabar eval facts`` matches them). A logistic regression
(scikit-learn, L2) over those features gives each linked place a probability of being right.

* ``--report``: the out-of-fold figures only (five folds by document: no candidate is scored by a
  model that saw its document): calibration in bins, Brier score, and precision and recall of the
  linked places at thresholds.
* Otherwise the model is fitted on all development candidates and its weights written; the threshold
  is the lowest at which the out-of-fold precision of linked places reaches ``--precision``.

The held-out half of facts_gold is never read. Usage::

    .venv/bin/python scripts/train_places.py [--report] [--precision 0.95]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from khabar.eval.facts import (  # noqa: E402
    _gold_names,
    default_gold_dir,
    is_dev,
    load_gold,
    names_match,
    place_ok,
)

DATA = REPO / "src" / "khabar" / "data"
MODEL = DATA / "places_model.json"
THRESHOLDS = DATA / "fact_thresholds.json"
LABELS = REPO / "benchmarks" / "data" / "places_tune_labels.tsv"
TUNE = REPO.parent / "tune" / "snn_tune_1k.jsonl"  # scripts/tuning_sample.py writes it
#: the features the model weighs (ref_features' names); anything else a candidate carries is ignored
FEATURES = (
    "country",
    "capital",
    "tier2",
    "logpop",
    "arab",
    "outlet_country",
    "mentions",
    "homonyms",
    "homonym_margin",
    "only_wordlike",
    "word_zipf",
    "ner_loc",
    "cue_admin",
    "cue_dir",
    "cue_prep",
    "cue_clitic_b",
    "cue_motion",
    "cue_inst",
    "cue_people",
    "dateline",
    "list",
    "other_mention",
    "adj_after",
    "kingdom",
    "construct",
    "multiword",
    "clitic_word",
    "ner_org",
    "ctx_country",
    "cue_clitic_l",
)
#: L2 strength (scikit-learn's C): the data are a few hundred candidates, so the weights stay small
C = 0.5


def candidates() -> list[tuple[str, dict[str, Any], bool]]:
    """(document id, candidate, right?) for every candidate of the development half."""
    from khabar.api import process_text
    from khabar.extract.places import analyse_places
    from khabar.extract.places_stage import record_site
    from khabar.io import RawRecord, read_inputs

    gdir = default_gold_dir()
    golds = {str(g["id"]): g for g in load_gold(gdir) if is_dev(str(g["id"]))}
    out: list[tuple[str, dict[str, Any], bool]] = []
    for item in read_inputs([str(gdir / "docs.jsonl")]):
        if not isinstance(item, RawRecord) or item.id not in golds:
            continue
        doc = process_text(item.raw, id=item.id, source=item.source, meta=item.meta, extra=("entities",))
        ner = [(e.start, e.end, e.label) for e in doc.entities if e.label in ("LOC", "PERSON", "ORG")]
        found = analyse_places(doc.text, ner, site=record_site(doc), keep_candidates=True)
        gold = golds[item.id].get("places") or []
        for c in found.candidates:
            names = [c["name"], *c["aliases"]]
            ok = any(names_match(names, _gold_names(g)) and place_ok(c, g) for g in gold)
            out.append((item.id, c, ok))
    return out


def tune_candidates(labels: Path, corpus: Path) -> list[tuple[str, dict[str, Any], bool]]:
    """(document id, candidate, right?) for the labelled candidates of tuning-sample articles
    (``benchmarks/data/places_tune_labels.tsv``: a reader's labels by document and ref)."""
    from khabar.api import process_text
    from khabar.extract.places import analyse_places
    from khabar.extract.places_stage import record_site
    from khabar.io import RawRecord, read_inputs

    lab: dict[tuple[str, str], bool] = {}
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("doc\t"):
            continue
        doc_id, ref, _name, y, *_ = line.split("\t")
        lab[(doc_id, ref)] = y == "1"
    docs = {d for d, _ in lab}
    out: list[tuple[str, dict[str, Any], bool]] = []
    for item in read_inputs([str(corpus)]):
        if not isinstance(item, RawRecord) or item.id not in docs:
            continue
        doc = process_text(item.raw, id=item.id, source=item.source, meta=item.meta, extra=("entities",))
        ner = [(e.start, e.end, e.label) for e in doc.entities if e.label in ("LOC", "PERSON", "ORG")]
        found = analyse_places(doc.text, ner, site=record_site(doc), keep_candidates=True)
        for c in found.candidates:
            y = lab.get((item.id, c["ref"]))
            if y is not None:
                out.append(("tune:" + item.id, c, y))
    return out


def vector(c: dict[str, Any]) -> list[float]:
    f = c["features"]
    return [float(f.get(k, 0.0)) for k in FEATURES]


def fit(xs: list[list[float]], ys: list[bool]) -> tuple[list[float], float]:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=C, max_iter=2000)
    lr.fit(xs, ys)
    return [float(w) for w in lr.coef_[0]], float(lr.intercept_[0])


def prob(w: list[float], b: float, x: list[float]) -> float:
    z = b + sum(a * v for a, v in zip(w, x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def out_of_fold(data: list[tuple[str, dict[str, Any], bool]], folds: int = 5) -> list[float]:
    docs = sorted({d for d, _, _ in data})
    fold_of = {d: i % folds for i, d in enumerate(docs)}
    probs = [0.0] * len(data)
    for k in range(folds):
        train = [(vector(c), y) for d, c, y in data if fold_of[d] != k]
        w, b = fit([x for x, _ in train], [y for _, y in train])
        for i, (d, c, _) in enumerate(data):
            if fold_of[d] == k:
                probs[i] = prob(w, b, vector(c))
    return probs


def report(
    data: list[tuple[str, dict[str, Any], bool]], probs: list[float]
) -> list[tuple[float, float, int]]:
    """Print the out-of-fold figures; return (threshold, precision, kept) for the linked places."""
    emitted = [(p, y) for (_, c, y), p in zip(data, probs, strict=True) if c["emitted"]]
    print(f"candidates {len(data)} (linked {len(emitted)}, right {sum(y for _, y in emitted)})")
    print("calibration of linked places, out of fold:")
    for lo in (0.0, 0.5, 0.7, 0.8, 0.9, 0.95):
        hi = {0.0: 0.5, 0.5: 0.7, 0.7: 0.8, 0.8: 0.9, 0.9: 0.95, 0.95: 1.01}[lo]
        b = [y for p, y in emitted if lo <= p < hi]
        if b:
            print(f"  [{lo:.2f}, {min(hi, 1.0):.2f})  n={len(b):4d}  right={sum(b) / len(b):.3f}")
    brier = sum((p - y) ** 2 for p, y in emitted) / max(1, len(emitted))
    print(f"Brier score {brier:.4f}")
    rows = []
    total_right = sum(y for _, y in emitted)
    for t in (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95):
        kept = [y for p, y in emitted if p >= t]
        prec = sum(kept) / len(kept) if kept else 1.0
        rec = sum(kept) / total_right if total_right else 1.0
        rows.append((t, prec, len(kept)))
        print(f"  threshold {t:.2f}: precision {prec:.3f}, right kept {rec:.3f} ({len(kept)} linked)")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--report", action="store_true", help="out-of-fold figures only; write nothing")
    ap.add_argument("--precision", type=float, default=0.98, help="precision the threshold is chosen for")
    ap.add_argument("--labels", type=Path, default=LABELS, help="labelled tuning-sample candidates")
    ap.add_argument("--tune", type=Path, default=TUNE, help="the tuning sample (SaudiNewsNet JSONL)")
    args = ap.parse_args(argv)
    data = candidates()
    if args.labels.exists() and args.tune.exists():
        data += tune_candidates(args.labels, args.tune)
    probs = out_of_fold(data)
    dev = [i for i, (d, _, _) in enumerate(data) if not d.startswith("tune:")]
    tune = [i for i, (d, _, _) in enumerate(data) if d.startswith("tune:")]
    for name, idx in (("facts_gold development half", dev), ("tuning sample, labelled", tune)):
        if idx:
            print(f"-- {name}")
            report([data[i] for i in idx], [probs[i] for i in idx])
    print("-- both")
    rows = report(data, probs)
    if args.report:
        return 0
    threshold = next((t for t, p, _ in rows if t > 0 and p >= args.precision), 0.9)
    w, b = fit([vector(c) for _, c, _ in data], [y for _, _, y in data])
    model = {
        "format": 1,
        "features": list(FEATURES),
        "weights": {k: round(v, 4) for k, v in zip(FEATURES, w, strict=True) if abs(v) >= 1e-4},
        "bias": round(b, 4),
        "threshold": threshold,
        "provenance": {
            "script": "scripts/train_places.py",
            "data": "shared/data/facts_gold, development half (khabar.eval.facts.is_dev), and the labelled "
            "candidates of 160 tuning-sample articles (benchmarks/data/places_tune_labels.tsv)",
            "candidates": len(data),
            "C": C,
            "threshold_for_precision": args.precision,
        },
    }
    MODEL.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    thresholds = json.loads(THRESHOLDS.read_text(encoding="utf-8")) if THRESHOLDS.exists() else {}
    prec, kept = (
        next((p, n) for t, p, n in rows if t == threshold)
        if threshold in [r[0] for r in rows]
        else (None, None)
    )
    thresholds["place"] = {
        "threshold": threshold,
        "target_precision": args.precision,
        "how_chosen": "scripts/train_places.py: the lowest of "
        f"{', '.join(str(r[0]) for r in rows[1:])} at which "
        "the out-of-fold precision of the linked places (facts_gold development half and the labelled "
        f"tuning-sample candidates, 5 folds by article) reaches {args.precision}",
        "provenance": "scripts/train_places.py on facts_gold development half and "
        "benchmarks/data/places_tune_labels.tsv",
        "measured": {"linked": kept, "precision_shown": None if prec is None else round(prec, 3)},
    }
    THRESHOLDS.write_text(json.dumps(thresholds, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {MODEL} and the place threshold {threshold} in {THRESHOLDS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
