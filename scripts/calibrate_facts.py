#!/usr/bin/env python3
"""Calibrate khabar's fact confidences and choose the default thresholds (``fact_thresholds.json``).

    python scripts/calibrate_facts.py             # reliability tables and proposed thresholds
    python scripts/calibrate_facts.py --write     # also write them into src/khabar/data/fact_thresholds.json
    python scripts/calibrate_facts.py --entities  # also span labels (entity.LOC/PERSON/ORG), approximate

Data, development halves only (the held-out halves are never processed here):

* **places, people, organisations**: the facts_gold documents with ``khabar.eval.facts.is_dev``,
  processed with every fact kept (``min_confidence="all"``); each predicted ref is labelled right or
  wrong by ``khabar.eval.facts.label_predictions``, the matching of the gold set's ``score.py``, and
  paired with its ``confidence`` (a ref without one counts 1.0);
* **events**: the events_gold documents with ``khabar.eval.events.is_dev``; each system event is
  labelled by the reference matching (sentence and type, lenient), as ``khabar eval events`` scores;
* **entity spans** (``--entities``): LOC/PERSON/ORG spans of the facts_gold development records,
  labelled right when their text matches (``names_match``) a gold place/person/organisation of the
  document. Approximate (the gold lists names, not offsets), so only written when asked.

For each type it prints a reliability table (confidence bins: count, mean confidence, observed
precision; the expected calibration error, ECE) and the lowest threshold whose development precision
(of the facts at or above it) reaches the target: 0.95 for places, 0.90 for the others (issue 13). With
``--write`` that threshold goes into the file with how it was chosen; when no threshold reaches the
target (or every fact counts 1.0, so there is nothing to choose from), the threshold in the file is
kept and its note says why. An entry another script chose (its ``provenance`` names it: a layer that
fits its confidence model chooses its threshold out of fold) is left as it is unless ``--force``: on
the development half such confidences are in-sample, and the tables here are optimistic for them.
Last, the development figures of ``khabar eval facts`` at the current and the proposed thresholds, with
the gate's cascade (spans and refs held back together), for comparison.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from khabar.extract.confidence import (  # noqa: E402
    ABSENT_THRESHOLD,
    THRESHOLDS_FILE,
    Thresholds,
    confidence_of,
    load_thresholds,
    parse_thresholds,
    regate,
)

OUT = REPO / "src" / "khabar" / "data" / THRESHOLDS_FILE
#: the development precision each fact type's default threshold must reach (issue 13)
TARGETS = {"place": 0.95, "person": 0.90, "org": 0.90, "event": 0.90}
#: facts_gold's type names for the fact types of the threshold file
GOLD_TYPES = {"people": "person", "places": "place", "orgs": "org"}
LABEL_GOLD = {"LOC": "places", "GPE": "places", "PERSON": "people", "ORG": "orgs"}


@dataclass
class Choice:
    """What calibration found for one fact type."""

    key: str
    target: float
    n: int
    precision_all: float
    threshold: float | None  # None: no threshold reaches the target
    precision: float | None
    kept: int
    ece: float
    constant: bool  # every confidence is the same (nothing to choose from)


def reliability(
    pairs: Sequence[tuple[float, bool]], bins: int
) -> tuple[list[tuple[str, int, float, float]], float]:
    """Rows ``(bin, count, mean confidence, observed precision)`` and the expected calibration error."""
    rows: list[tuple[str, int, float, float]] = []
    ece = 0.0
    n = len(pairs)
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, y) for c, y in pairs if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if not inside:
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        prec = sum(y for _, y in inside) / len(inside)
        rows.append((f"[{lo:.1f}, {hi:.1f}{']' if b == bins - 1 else ')'}", len(inside), mean, prec))
        ece += len(inside) / n * abs(prec - mean)
    return rows, ece


def choose(key: str, pairs: Sequence[tuple[float, bool]], target: float, bins: int) -> Choice:
    """The lowest threshold whose kept facts (confidence at or above it) reach ``target`` precision."""
    n = len(pairs)
    _, ece = reliability(pairs, bins)
    p_all = sum(y for _, y in pairs) / n if n else 1.0
    constant = len({c for c, _ in pairs}) <= 1
    for t in sorted({0.0, *(c for c, _ in pairs)}):
        kept = [y for c, y in pairs if c >= t]
        if kept and sum(kept) / len(kept) >= target:
            return Choice(key, target, n, p_all, t, sum(kept) / len(kept), len(kept), ece, constant)
    return Choice(key, target, n, p_all, None, None, 0, ece, constant)


def print_table(key: str, pairs: Sequence[tuple[float, bool]], choice: Choice, bins: int) -> None:
    rows, ece = reliability(pairs, bins)
    print(f"\n== {key}: {len(pairs)} facts, development precision {choice.precision_all:.3f}, ECE {ece:.3f}")
    if not pairs:
        print("  no facts")
        return
    print(f"  {'bin':<12} {'count':>6} {'mean conf':>9} {'precision':>9}")
    for name, count, mean, prec in rows:
        print(f"  {name:<12} {count:>6} {mean:>9.3f} {prec:>9.3f}")
    if choice.constant:
        c = pairs[0][0]
        print(
            f"  every {key} fact has confidence {c:.3f}: nothing to calibrate yet (the layer gives no "
            f"confidence, so it counts 1.0); precision at any threshold {choice.precision_all:.3f}"
        )
    if choice.threshold is None:
        print(f"  no threshold reaches precision {choice.target:.2f} on the development data")
    else:
        print(
            f"  lowest threshold reaching precision {choice.target:.2f}: {choice.threshold:.3f} "
            f"(precision {choice.precision:.3f}, keeps {choice.kept} of {choice.n})"
        )


# -- data -------------------------------------------------------------------------------------------
def facts_records() -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """The development facts_gold documents processed with every fact kept, and their gold."""
    from khabar.api import process_item
    from khabar.eval.facts import default_gold_dir, is_dev, load_gold
    from khabar.io import RawRecord, read_inputs
    from khabar.pipeline import FACT_STAGES

    gold_dir = default_gold_dir()
    golds = [g for g in load_gold(gold_dir) if is_dev(str(g["id"]))]
    recs: dict[str, dict[str, Any]] = {}
    for item in read_inputs([str(gold_dir / "docs.jsonl")]):
        if not isinstance(item, RawRecord) or not is_dev(item.id):
            continue  # the held-out half is not processed here
        doc = process_item(
            item,
            extra=FACT_STAGES,
            min_confidence="all",
        )
        recs[doc.id] = doc.to_record()
    return recs, golds


def fact_pairs(
    recs: dict[str, dict[str, Any]], golds: list[dict[str, Any]]
) -> dict[str, list[tuple[float, bool]]]:
    from khabar.eval.facts import label_predictions

    out: dict[str, list[tuple[float, bool]]] = {k: [] for k in GOLD_TYPES.values()}
    for p in label_predictions(recs, golds):
        out[GOLD_TYPES[p.typ]].append((confidence_of(p.ref), p.correct))
    return out


def entity_pairs(
    recs: dict[str, dict[str, Any]], golds: list[dict[str, Any]]
) -> dict[str, list[tuple[float, bool]]]:
    from khabar.eval.facts import names_match

    out: dict[str, list[tuple[float, bool]]] = {}
    for g in golds:
        r = recs.get(str(g["id"]))
        if r is None:
            continue
        for e in r.get("entities") or []:
            typ = LABEL_GOLD.get(str(e.get("label")))
            if typ is None:
                continue
            names = [
                n for ge in g.get(typ) or [] for n in [*(ge.get("mentions") or []), ge.get("name_ar") or ""]
            ]
            out.setdefault(f"entity.{e['label']}", []).append(
                (confidence_of(e), names_match([e.get("text") or ""], names))
            )
    return out


def event_pairs() -> list[tuple[float, bool]]:
    from khabar.eval.events import default_gold_dir, is_dev, load_gold, run_system, score

    docs, gold = load_gold(default_gold_dir())
    dev_docs = {k: v for k, v in docs.items() if is_dev(k)}
    system = run_system(dev_docs)
    matched: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    score(dev_docs, [g for g in gold if is_dev(g["doc_id"])], system, lenient=True, matched=matched)
    return [(confidence_of({"confidence": s.get("_confidence")}), g is not None) for s, g in matched]


def gated_scores(recs: dict[str, dict[str, Any]], golds: list[dict[str, Any]], th: Thresholds) -> str:
    """``khabar eval facts``'s development line with these thresholds applied to the records."""
    from khabar.eval.facts import score_records
    from khabar.model import Document

    gated = {
        k: regate(Document.from_record(json.loads(json.dumps(r))), th).to_record() for k, r in recs.items()
    }
    rep = score_records(gated, golds)
    traps = f"{sum(rep.traps.values())}/{sum(rep.traps_listed.values())}"
    return (
        f"people P {rep.people.precision:.3f} R {rep.people.recall:.3f} · "
        f"places P {rep.places.precision:.3f} R {rep.places.recall:.3f} found {rep.places_found:.3f} · "
        f"orgs P {rep.orgs.precision:.3f} R {rep.orgs.recall:.3f} · traps {traps} "
        f"· B3 F1 {rep.b_cubed()['f1']:.3f}"
    )


# -- writing ----------------------------------------------------------------------------------------
def _git() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def entry(choice: Choice, data: str, old: dict[str, Any] | None) -> dict[str, Any]:
    """The file entry for a choice: the new threshold, or the old one kept with the reason."""
    prov = f"scripts/calibrate_facts.py on {data}, khabar {_git()}, {time.strftime('%Y-%m-%d')}"
    measured = {
        "facts": choice.n,
        "precision_all": round(choice.precision_all, 3),
        "ece": round(choice.ece, 3),
    }
    if choice.threshold is not None and not choice.constant:
        return {
            "threshold": round(choice.threshold, 3),
            "target_precision": choice.target,
            "how_chosen": (
                f"the lowest threshold whose development precision reaches {choice.target:.2f}: "
                f"{choice.precision:.3f} over the {choice.kept} of {choice.n} facts at or above it"
            ),
            "provenance": prov,
            "measured": {**measured, "precision": round(choice.precision or 0.0, 3), "kept": choice.kept},
        }
    kept = float((old or {}).get("threshold", ABSENT_THRESHOLD))
    why = (
        f"every fact counts 1.0 (the layer gives no confidence yet), so no threshold can be chosen "
        f"(development precision at every threshold {choice.precision_all:.3f})"
        if choice.constant
        else f"no threshold reaches development precision {choice.target:.2f}"
    )
    return {
        "threshold": kept,
        "target_precision": choice.target,
        "how_chosen": f"kept at {kept:g}: {why}; 0.5 holds back only facts more often wrong than right",
        "provenance": prov,
        "measured": measured,
    }


def updated(
    raw: dict[str, Any], choices: dict[str, Choice], data: dict[str, str], *, force: bool = False
) -> tuple[dict[str, Any], list[str]]:
    """The thresholds file's content with these choices written in, and the entries left as another
    script chose them (unless ``force``): an entry is this script's when its provenance says so."""
    new = json.loads(json.dumps(raw))
    kept: list[str] = []
    for key, ch in choices.items():
        if key.startswith("entity."):
            where, name = new.setdefault("entity", {}), key.split(".", 1)[1]
        else:
            where, name = new, key
        old = where.get(name)
        prov = str((old or {}).get("provenance") or "")
        if old and not prov.startswith("scripts/calibrate_facts.py") and not force:
            kept.append(f"{key} ({prov or 'no provenance'})")
            continue
        where[name] = entry(ch, data[key], old)
    return new, kept


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--bins", type=int, default=10, help="confidence bins of the reliability tables (default 10)"
    )
    ap.add_argument("--write", action="store_true", help=f"write the thresholds into {OUT.relative_to(REPO)}")
    ap.add_argument("--entities", action="store_true", help="also span labels (approximate labels)")
    ap.add_argument("--no-events", action="store_true", help="skip events (faster)")
    ap.add_argument(
        "--force",
        action="store_true",
        help="also replace entries another script chose (see their provenance)",
    )
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    recs, golds = facts_records()
    pairs = fact_pairs(recs, golds)
    data = {k: f"facts_gold development half ({len(golds)} documents)" for k in pairs}
    if args.entities:
        pairs.update(entity_pairs(recs, golds))
        data.update(
            {
                k: f"facts_gold development half ({len(golds)} documents), span text vs gold names"
                for k in pairs
                if k.startswith("entity.")
            }
        )
    if not args.no_events:
        pairs["event"] = event_pairs()
        data["event"] = "events_gold development half (lenient matching)"
    print(f"calibration on the development halves ({time.perf_counter() - t0:.1f} s)")

    choices: dict[str, Choice] = {}
    for key, ps in pairs.items():
        target = TARGETS.get(key, TARGETS.get(key.split(".")[-1].lower(), 0.90))
        if key in ("entity.LOC", "entity.GPE"):
            target = TARGETS["place"]
        choices[key] = choose(key, ps, target, args.bins)
        print_table(key, ps, choices[key], args.bins)

    current = load_thresholds(OUT)
    raw: dict[str, Any] = json.loads(OUT.read_text(encoding="utf-8"))
    new, kept = updated(raw, choices, data, force=args.force)
    if kept:
        print(
            "\nkept as another script chose them (their confidences are fitted on this development half, "
            "so the tables above are in-sample for them; --force replaces them): " + "; ".join(kept)
        )
    proposed = parse_thresholds(new, str(OUT))

    print("\n== khabar eval facts, development half, with the gate applied")
    print(f"  every fact        {gated_scores(recs, golds, Thresholds.uniform(0.0))}")
    print(f"  current defaults  {gated_scores(recs, golds, current)}")
    print(f"  proposed          {gated_scores(recs, golds, proposed)}")
    print("\nproposed thresholds: " + json.dumps(proposed.to_dict()))
    if args.write:
        OUT.write_text(json.dumps(new, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"written to {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
