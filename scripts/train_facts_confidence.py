#!/usr/bin/env python3
"""Fit the confidence models of person and org refs (``src/khabar/data/facts_confidence.json``).

Data: the development half of ``../shared/data/facts_gold`` (``khabar.eval.facts.is_dev``); the
held-out half is never read. Each person (org) ref khabar makes on a development article is an example,
labelled 1 when it matches a gold person (organisation) of the article as the scorer matches them.
Features: :mod:`khabar.extract.ref_confidence`. Model: scikit-learn logistic regression (L2, C below),
which is calibrated by construction on its training data; the report gives its *out-of-fold*
calibration (5 folds grouped by article) and the precision/recall of the refs kept at each threshold,
from which the default thresholds in ``fact_thresholds.json`` are chosen (precision first).

usage: scripts/train_facts_confidence.py [--c 1.0] [--write]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

OUT = ROOT / "src" / "khabar" / "data" / "facts_confidence.json"


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
        doc = process_text(item.raw, id=item.id, source=item.source, meta=item.meta, extra=FACT_STAGES)
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
    args = ap.parse_args()
    data = examples()
    model: dict[str, object] = {
        "provenance": "scripts/train_facts_confidence.py on the development half of shared/data/facts_gold "
        f"(logistic regression, C={args.c}); weights only"
    }
    for kind, names in (("person", PERSON_FEATURES), ("org", ORG_FEATURES)):
        rows = data[kind]
        X = np.array([r[1] for r in rows])
        y = np.array([r[2] for r in rows])
        groups = np.array([r[0] for r in rows])
        oof = np.zeros(len(y))
        for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
            clf = LogisticRegression(C=args.c, max_iter=1000).fit(X[tr], y[tr])
            oof[te] = clf.predict_proba(X[te])[:, 1]
        print(f"{kind}: {len(y)} refs, {y.sum()} right ({y.mean():.3f})")
        print("  out-of-fold calibration (bin: mean predicted / share right / n)")
        for lo in np.arange(0, 1, 0.1):
            m = (oof >= lo) & (oof < lo + 0.1 + (lo >= 0.9))
            if m.any():
                print(f"    {lo:.1f}-{lo + 0.1:.1f}: {oof[m].mean():.3f} / {y[m].mean():.3f} / {m.sum()}")
        print("  threshold: precision of kept / share of right refs kept (out of fold)")
        for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9):
            k = oof >= t
            prec = y[k].mean() if k.any() else 0.0
            print(f"    {t:.2f}: {prec:.3f} / {y[k].sum() / max(1, y.sum()):.3f} (kept {k.sum()})")
        clf = LogisticRegression(C=args.c, max_iter=1000).fit(X, y)
        model[kind] = {
            "bias": round(float(clf.intercept_[0]), 4),
            "weights": {f: round(float(w), 4) for f, w in zip(names, clf.coef_[0], strict=True)},
            "examples": len(y),
        }
        print("  weights:", model[kind])
    if args.write:
        OUT.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"→ {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
