"""Accuracy floors of the PLOVER event coder on the Arabic events gold set (issue 5).

The numbers are what ``khabar eval events`` measured when the floors were set, rounded down a little;
a change that drops below one fails here. The rules and lexicon were written looking at the
development half of the gold set only (``khabar.eval.events.is_dev``); the held-out half has its own,
lower floors. Raise a floor when the scores improve; never lower one without saying why.

The issue's acceptance levels (event F1 lenient >= 0.65 overall and >= 0.80 for CONSULT, actor and
recipient F1 >= 0.65, CONSULT mode accuracy >= 0.85, at most 5 events on the 15 no-event documents) are
checked by ``test_acceptance_levels``, marked as an expected failure while the coder does not reach
all of them: the report of ``khabar eval events`` says which.
"""

from __future__ import annotations

from functools import cache

import pytest

from khabar.eval.events import EventScores, evaluate

from conftest import SHARED, need

GOLD = SHARED / "data" / "events_gold"


@cache
def _scores() -> dict[str, dict[str, EventScores]]:
    need(GOLD / "events_gold.jsonl")
    return evaluate(GOLD)


def _metric(split: str, name: str) -> float:
    sc = _scores()[split]["lenient"]
    d = sc.to_dict()
    if name == "consult_f1":
        tp, fp, fn = sc.per_type.get("CONSULT", [0, 0, 0])
        return EventScores.prf(tp, fp, fn)[2]
    return float(d[name])


FLOORS = {
    # (split, metric): floor — measured when set (khabar eval events): all 0.688 / dev 0.740 / held-out
    # 0.621 event F1 (lenient), CONSULT F1 0.812, CONSULT mode 0.871, actor F1 0.565 (held-out 0.515),
    # recipient F1 0.427 (held-out 0.369), location 0.496. "dev" is in-sample for the trained models,
    # whose retraining moves the argument figures by about ±0.01: the floors leave that room. The whole
    # set without in-sample fit (actor 0.556, recipient 0.376) is printed by
    # scripts/train_events.py --report, which needs scikit-learn.
    # The "all" recipient floor went down from 0.43 to 0.40 when the training script began to prefer the
    # most regularised of equally good settings: the "all" figure fell (0.493 → 0.427) because the model
    # fits the development half less, while the figure without in-sample fit stayed at 0.376 and the
    # held-out one did not fall (0.370 → 0.369).
    ("all", "f1"): 0.68,
    ("dev", "f1"): 0.73,
    ("test", "f1"): 0.60,
    ("all", "consult_f1"): 0.79,
    ("all", "consult_mode_accuracy"): 0.86,
    ("all", "actor_f1"): 0.55,
    ("test", "actor_f1"): 0.50,
    ("all", "recipient_f1"): 0.40,
    ("test", "recipient_f1"): 0.35,
    ("all", "location_accuracy"): 0.48,
}


@pytest.mark.parametrize(("split", "metric"), sorted(FLOORS))
def test_floor(split: str, metric: str) -> None:
    value = _metric(split, metric)
    assert value >= FLOORS[(split, metric)], f"{split} {metric} = {value:.3f}"


def test_false_alarms_on_no_event_documents() -> None:
    sc = _scores()["all"]["lenient"]
    assert sc.no_event_docs == 15
    assert sc.false_alarms <= 5  # the acceptance level (5 when set)


@pytest.mark.xfail(
    reason="acceptance levels of issue 5 not all reached yet; see benchmarks/README.md", strict=False
)
def test_acceptance_levels() -> None:
    assert _metric("all", "f1") >= 0.65
    assert _metric("all", "consult_f1") >= 0.80
    assert _metric("all", "actor_f1") >= 0.65
    assert _metric("all", "recipient_f1") >= 0.65
    assert _metric("all", "consult_mode_accuracy") >= 0.85
    assert _scores()["all"]["lenient"].false_alarms <= 5
