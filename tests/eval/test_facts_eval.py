"""``khabar eval facts`` scores exactly as the gold set's own ``score.py`` (issue 13)."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

from khabar.eval.facts import is_dev, names_match, process_gold_docs, score_records

from conftest import SHARED, need

GOLD = SHARED / "data" / "facts_gold"


@cache
def _records() -> dict[str, dict[str, Any]]:
    need(GOLD / "gold.jsonl")
    recs, _ = process_gold_docs(GOLD)
    return recs


def test_same_figures_as_the_reference_scorer(tmp_path: Path) -> None:
    recs = _records()
    out = tmp_path / "records.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs.values()), encoding="utf-8")
    ref = subprocess.run(
        [sys.executable, str(GOLD / "score.py"), str(out), str(GOLD / "gold.jsonl"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = json.loads(ref.stdout)
    golds = [
        json.loads(line) for line in (GOLD / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    ours = score_records(recs, golds).to_dict()
    for key in ("people", "places", "orgs", "places_found", "traps", "people_identity_b3", "documents"):
        assert ours[key] == theirs[key], key


def test_halves_split_the_set() -> None:
    golds = [json.loads(line) for line in need(GOLD / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    dev = [g for g in golds if is_dev(g["id"])]
    assert 0.35 < len(dev) / len(golds) < 0.65


def test_names_match_folds_clitics_and_contains_longer_names() -> None:
    assert names_match(["وبوتين"], ["بوتين"])
    assert names_match(["سلمان بن عبدالعزيز"], ["الملك سلمان بن عبدالعزيز آل سعود"])
    assert not names_match(["سلمان"], ["محمد بن سلمان"])


def test_a_missing_record_is_counted() -> None:
    rep = score_records({}, [{"id": "x", "people": [{"mentions": ["زيد"]}]}])
    assert rep.missing == 1 and rep.people.n_gold == 0


def test_per_prediction_labels_add_up_to_the_scores() -> None:
    from khabar.eval.facts import label_predictions

    recs = _records()
    lines = (GOLD / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    golds = [json.loads(line) for line in lines if line]
    dev = [g for g in golds if is_dev(g["id"])]
    rep = score_records(recs, dev)
    labels = label_predictions(recs, dev)
    for typ in ("people", "places", "orgs"):
        mine = [p for p in labels if p.typ == typ]
        prf = getattr(rep, typ)
        assert len(mine) == prf.n_pred and sum(p.correct for p in mine) == prf.tp_pred, typ
    assert sum(p.trap for p in labels) == sum(rep.traps.values())
    assert all(p.ref is recs[p.doc_id]["refs"][p.ref_id] for p in labels)
