#!/usr/bin/env python3
"""Fit the confidence models of person and org refs (``src/khabar/data/facts_confidence.json``).

Data: the development half of ``../shared/data/facts_gold`` (``khabar.eval.facts.is_dev``); the
held-out half is never read. Each person (org) ref khabar makes on a development article is an example,
labelled 1 when it matches a gold person (organisation) of the article as the scorer matches them.
``scripts/data/person_refs_tune_labels.tsv`` holds 250 person refs of the SaudiNewsNet tuning sample
(``../tune/snn_tune_1k.jsonl``, outside every gold set) judged by hand, each weighed by its sampling
stratum so that the sample stands for all the refs of that run: by default the person model is only
*scored* on them (an independent estimate of precision at each threshold); with ``--tune`` it is also
fitted on them (the dev half alone holds a dozen wrong person refs). A labelled ref that the current
code no longer makes (its name changed) is left out and counted.
Features: :mod:`khabar.extract.ref_confidence`. Model: scikit-learn logistic regression (L2, C below),
which is calibrated by construction on its training data; the report gives its *out-of-fold*
calibration (5 folds grouped by article) and the precision/recall of the refs kept at each threshold,
from which the default thresholds in ``fact_thresholds.json`` are chosen (precision first).

usage: scripts/train_facts_confidence.py [--c 1.0] [--write] [--tune]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

OUT = ROOT / "src" / "khabar" / "data" / "facts_confidence.json"
LABELS = ROOT / "scripts" / "data" / "person_refs_tune_labels.tsv"
TUNE = ROOT.parent / "tune" / "snn_tune_1k.jsonl"


def tune_examples() -> tuple[list[tuple[str, list[float], int, float]], int]:
    """(article id, person features, label, weight) of the hand-labelled tuning refs, and how many
    labels found no ref of that name."""
    import khabar.extract.refs_stage as rs
    from khabar.api import process_text
    from khabar.extract.ref_confidence import feature_vector
    from khabar.io import RawRecord, read_inputs
    from khabar.pipeline import FACT_STAGES

    rows = [
        line.split("\t")
        for line in LABELS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ][1:]
    counts: dict[str, int] = {}
    for r in rows:
        counts[r[3]] = counts.get(r[3], 0) + 1
    wanted: dict[str, list[tuple[str, int, float]]] = {}
    for doc_id, name, right, stratum in rows:
        size = int(stratum.split(":")[1])
        wanted.setdefault(doc_id, []).append((name, int(right), size / counts[stratum]))
    out: list[tuple[str, list[float], int, float]] = []
    found = 0
    for item in read_inputs([str(TUNE)]):
        if not isinstance(item, RawRecord) or item.id not in wanted:
            continue
        doc = process_text(
            item.raw, id=item.id, source=item.source, meta=item.meta, extra=FACT_STAGES, min_confidence="all"
        )
        feats = rs.fact_features(doc)
        by_name = {str(doc.refs[rid].get("name")): f for rid, (kind, f) in feats.items() if kind == "person"}
        for name, right, weight in wanted[item.id]:
            if name in by_name:
                out.append((f"tune:{item.id}", list(feature_vector("person", by_name[name])), right, weight))
                found += 1
    # the weights stand for the run's refs; scaled so that a tuning example weighs one on average
    total = sum(w for *_, w in out) or 1.0
    out = [(a, f, y, w * len(out) / total) for a, f, y, w in out]
    return out, len(rows) - found


def examples() -> dict[str, list[tuple[str, list[float], int]]]:
    """kind → [(article id, features, label)] over the development half."""
    import khabar.extract.refs_stage as rs
    from khabar.api import process_text
    from khabar.eval.facts import _gold_names, _ref_names, default_gold_dir, is_dev, load_gold, names_match
    from khabar.extract.ref_confidence import feature_vector
    from khabar.io import RawRecord, read_inputs
    from khabar.pipeline import FACT_STAGES

    gold = {str(g["id"]): g for g in load_gold(default_gold_dir()) if is_dev(str(g["id"]))}
    out: dict[str, list[tuple[str, list[float], int]]] = {"person": [], "org": []}
    for item in read_inputs([str(default_gold_dir() / "docs.jsonl")]):
        if not isinstance(item, RawRecord) or item.id not in gold:
            continue
        doc = process_text(
            item.raw, id=item.id, source=item.source, meta=item.meta, extra=FACT_STAGES, min_confidence="all"
        )
        g = gold[item.id]
        for rid, (kind, feats) in rs.fact_features(doc).items():
            ref = doc.refs[rid]
            gl = g.get("people" if kind == "person" else "orgs") or []
            ok = any(names_match(_ref_names(ref), _gold_names(ge)) for ge in gl)
            out[kind].append((item.id, list(feature_vector(kind, feats)), int(ok)))
    return out


def main() -> int:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from khabar.extract.ref_confidence import ORG_FEATURES, PERSON_FEATURES

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--write", action="store_true")
    ap.add_argument(
        "--tune",
        action="store_true",
        help="also fit the person model on the hand-labelled tuning refs (default: they are only scored)",
    )
    args = ap.parse_args()
    data = examples()
    labelled, missing = tune_examples()
    print(f"tuning labels: {len(labelled)} refs found, {missing} labels without a ref of that name")
    extra = labelled if args.tune else []
    model: dict[str, object] = {
        "provenance": "scripts/train_facts_confidence.py on the development half of shared/data/facts_gold "
        + (
            "and, for people, the hand-labelled tuning refs (scripts/data/person_refs_tune_labels.tsv) "
            if args.tune
            else ""
        )
        + f"(logistic regression, C={args.c}); weights only"
    }
    for kind, names in (("person", PERSON_FEATURES), ("org", ORG_FEATURES)):
        rows = [(a, f, y, 1.0) for a, f, y in data[kind]] + (extra if kind == "person" else [])
        X = np.array([r[1] for r in rows])
        y = np.array([r[2] for r in rows])
        w = np.array([r[3] for r in rows])
        groups = np.array([r[0] for r in rows])
        dev = np.array([not g.startswith("tune:") for g in groups])
        oof = np.zeros(len(y))
        for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
            clf = LogisticRegression(C=args.c, max_iter=1000).fit(X[tr], y[tr], sample_weight=w[tr])
            oof[te] = clf.predict_proba(X[te])[:, 1]
        print(f"{kind}: {len(y)} refs ({dev.sum()} dev), {y.sum()} right ({y.mean():.3f})")
        print("  out-of-fold calibration (bin: mean predicted / share right / n)")
        for lo in np.arange(0, 1, 0.1):
            m = (oof >= lo) & (oof < lo + 0.1 + (lo >= 0.9))
            if m.any():
                print(f"    {lo:.1f}-{lo + 0.1:.1f}: {oof[m].mean():.3f} / {y[m].mean():.3f} / {m.sum()}")
        print("  threshold: precision of kept / share of right refs kept (out of fold; dev half | tuning")
        print("  labels weighed by stratum)")
        for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9):
            cells = []
            for part in (dev, ~dev):
                k = (oof >= t) & part
                yy, ww = y[part], w[part]
                prec = float((y[k] * w[k]).sum() / w[k].sum()) if k.any() else 0.0
                kept = float((y[k] * w[k]).sum() / max(1e-9, (yy * ww).sum()))
                cells.append(f"{prec:.3f} / {kept:.3f} (kept {k.sum()})" if part.any() else "-")
            print(f"    {t:.2f}: " + " | ".join(cells))
        clf = LogisticRegression(C=args.c, max_iter=1000).fit(X, y, sample_weight=w)
        if kind == "person" and not args.tune and labelled:
            # an independent check: the model fitted on the dev half, scored on the tuning labels
            Xt = np.array([r[1] for r in labelled])
            yt = np.array([r[2] for r in labelled])
            wt = np.array([r[3] for r in labelled])
            pt = clf.predict_proba(Xt)[:, 1]
            print("  on the tuning labels (weighed by stratum): precision of kept / share of right kept")
            for t in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9):
                k = pt >= t
                prec = float((yt[k] * wt[k]).sum() / wt[k].sum()) if k.any() else 0.0
                print(f"    {t:.2f}: {prec:.3f} / {float((yt[k] * wt[k]).sum() / (yt * wt).sum()):.3f}")
        model[kind] = {
            "bias": round(float(clf.intercept_[0]), 4),
            "weights": {f: round(float(w), 4) for f, w in zip(names, clf.coef_[0], strict=True)},
            "examples": len(y),
            "tuning_examples": int((~dev).sum()),
        }
        print("  weights:", model[kind])
    if args.write:
        OUT.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"→ {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
