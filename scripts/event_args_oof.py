#!/usr/bin/env python3
"""The shipped argument pipeline out of fold on the development half of the events gold set.

    python scripts/event_args_oof.py            # development half only; prints nothing of the other

``khabar eval events`` scores the development half with the argument models that were trained on it
(in-sample). This script gives the honest development figure of the pipeline as shipped: for each of
the 5 folds by document of ``scripts/train_event_args.py``, issue 13's ranker (``parties``: today's
features, its C chosen out of fold as that script chooses it) and the actor scorer (``arguments``, the
shipped C, policy and threshold) are refitted on the other folds' candidates, read from the current
rules, and the fold's documents are coded with them; the event filter and the document model stay the
shipped ones. The held-out half is neither read nor scored. Issue 16, item 5 measured the argument
rules with it (benchmarks/README.md). Needs scikit-learn (as the training scripts).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import khabar.events.coder as coder  # noqa: E402
from khabar.eval.events import (  # noqa: E402
    EventScores,
    default_gold_dir,
    event_threshold,
    event_thresholds_by_type,
    is_dev,
    load_gold,
    run_system,
    score,
)
from khabar.events.filter import Models, _model, load_models  # noqa: E402

#: the C of the shipped actor scorer (scripts/train_event_args.py chose it out of fold)
SCORER_C = 0.1


def _train_event_args() -> Any:
    spec = importlib.util.spec_from_file_location(
        "train_event_args", REPO / "scripts" / "train_event_args.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _line(label: str, sc: EventScores) -> str:
    a, r = sc.prf(*sc.actor), sc.prf(*sc.recipient)
    return (
        f"{label:<8} events F1 {sc.f1:.3f}; actor P {a[0]:.3f} R {a[1]:.3f} F1 {a[2]:.3f}; "
        f"recipient P {r[0]:.3f} R {r[1]:.3f} F1 {r[2]:.3f}"
    )


def main() -> int:
    tea = _train_event_args()
    docs, gold = load_gold(default_gold_dir())
    dev_docs = {d: v for d, v in docs.items() if is_dev(d)}
    gold_dev = [g for g in gold if is_dev(g["doc_id"])]
    dev, _ = tea.examples(dev_docs, gold_dev, tea.rules_system(dev_docs))
    shipped = load_models()
    assert shipped is not None and shipped.parties is not None and shipped.arguments is not None
    st_parties = {
        r: {"policy": m.policy, "threshold": m.threshold, "extra": m.extra}
        for r, m in shipped.parties.items()
    }
    st_scorer = {
        r: {"policy": m.policy, "threshold": m.threshold, "extra": m.extra}
        for r, m in shipped.arguments.items()
    }
    tea.today_oof(dev)  # sets tea.TODAY_C: the parties' C chosen out of fold
    system: list[dict[str, Any]] = []
    for fold in tea._folds(list(dev_docs)):
        train = [r for r in dev if r["doc"] not in fold]
        tea.DROP[:] = [tea.NEW_FEATURES]
        parties = {
            r: _model(tea.to_json(tea.fit(train, r, tea.TODAY_C[r]), st)) for r, st in st_parties.items()
        }
        tea.DROP[:] = []
        scorer = {r: _model(tea.to_json(tea.fit(train, r, SCORER_C), st)) for r, st in st_scorer.items()}
        models = Models(
            shipped.events,
            {r: m for r, m in scorer.items() if m},
            shipped.document,
            {r: m for r, m in parties.items() if m},
        )
        orig = coder.load_models
        coder.load_models = lambda models=models: models  # type: ignore[assignment,misc]
        try:
            system += run_system({d: docs[d] for d in fold})
        finally:
            coder.load_models = orig
    t, by = event_threshold(), event_thresholds_by_type()
    shown = [s for s in system if s.get("confidence", 1.0) >= by.get(s["type"], t)]
    print("development half, the argument models refitted out of fold (5 folds by document):")
    print(_line("strict", score(dev_docs, gold_dev, system, lenient=False)))
    print(_line("lenient", score(dev_docs, gold_dev, system, lenient=True)))
    print(_line("shown", score(dev_docs, gold_dev, shown, lenient=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
