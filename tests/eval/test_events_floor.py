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
    # (split, metric): floor — measured when set (khabar eval events, issue 13): all 0.701 / dev 0.756 /
    # held-out 0.633 event F1 (lenient), CONSULT F1 0.814, CONSULT mode 0.871, actor F1 0.576 (held-out
    # 0.525), recipient F1 0.460 (held-out 0.381), location 0.463. "dev" is in-sample for the trained
    # models, whose retraining moves the argument figures by about ±0.01: the floors leave that room.
    # The whole set without in-sample fit is printed by scripts/train_events.py --report (scikit-learn).
    # The "all" recipient floor went down from 0.43 to 0.40 when the training script began to prefer the
    # most regularised of equally good settings (issue 5); it is 0.42 again.
    # The location floor went down from 0.48 to 0.44 (issue 13): an event's place is now only where its
    # sentence puts it (في/ب over a locative phrase, a capture's ground, the aid's destination), never a
    # place no preposition governs. That fallback had placed the seed's Moscow meeting "in Idlib" (a topic)
    # and matched gold places by containment ("جنوب شرق تركيا" for a town in Turkey); held-out location
    # accuracy rose (0.474 → 0.521) while the development half's fell (0.510 → 0.417). It went down again,
    # from 0.44 to 0.43, when the event filter stopped dropping candidates (issue 13, its probability
    # became the first stage of each mention's confidence, and no drop threshold beat the rules' event F1
    # in cross-validation): the matched set changed a little (all 0.439, development 0.392, held-out 0.510).
    # The "all" actor floor went from 0.56 to 0.55 when the person rules (issue 13, people recall on
    # facts_gold 0.74 → 0.84) added PERSON spans the argument model was not trained with: actor F1
    # 0.575 → 0.567 on their branch, 0.559 once merged with the retrained event filter; held-out actor F1
    # kept its floor.
    ("all", "f1"): 0.69,
    ("dev", "f1"): 0.74,
    ("test", "f1"): 0.61,
    ("all", "consult_f1"): 0.80,
    ("all", "consult_mode_accuracy"): 0.86,
    # issue 16, item 5 (argument rules read on development-half errors: appositions, unnamed phrases
    # that are acts or adjectives, clashes, oblique plurals, relative clauses with an object pronoun,
    # outlets, "الجانبان", verbs of expressing, agent phrases after verbs, glued names): all actor F1
    # 0.553 -> 0.580, held-out 0.482 -> 0.488; recipient 0.450 -> 0.473, held-out 0.376 -> 0.382
    # issue 16, seventh round (titles, sources, charges, demands, agreement, read on fresh samples): all
    # actor F1 0.590 -> 0.595, recipient 0.483 -> 0.484, held-out recipient 0.396 -> 0.400
    ("all", "actor_f1"): 0.58,
    # held-out actor F1 went from 0.51 to 0.47 with the actor scorer (issue 16: precision first, a wrong
    # actor is worse than none): held-out actor precision 0.581 -> 0.603, recall 0.467 -> 0.401; the
    # precision and recall floors below hold both
    ("test", "actor_f1"): 0.48,
    ("all", "recipient_f1"): 0.47,
    ("test", "recipient_f1"): 0.385,
    ("all", "location_accuracy"): 0.43,
}

#: precision at the default threshold (issue 13: the mentions whose confidence reaches the ``event``
#: threshold of fact_thresholds.json, lenient), measured when set: all 0.946 (the development half
#: in-sample: 0.979), held-out 0.885. Without in-sample fit (scripts/train_events.py --report) the whole
#: set was 0.925 (development out of fold 0.951). Each retraining moves the threshold and these figures
#: by a few points (the held-out half holds about 50 mentions above it): the floors leave that room.
#: Before the document model and the labelled tuning mentions (issue 13, second pass) they were all 0.85,
#: held-out 0.68.
SHOWN_FLOORS = {"all": 0.90, "test": 0.80}
#: recall at the default threshold, so that a retraining cannot buy precision by showing almost nothing:
#: measured when set all 0.156, held-out 0.115
SHOWN_RECALL_FLOORS = {"all": 0.12, "test": 0.08}


@pytest.mark.parametrize("split", sorted(SHOWN_FLOORS))
def test_precision_at_the_default_threshold(split: str) -> None:
    d = _scores()[split]["shown"].to_dict()
    assert d["precision"] >= SHOWN_FLOORS[split], f"{split} precision at the threshold = {d['precision']:.3f}"


@pytest.mark.parametrize("split", sorted(SHOWN_RECALL_FLOORS))
def test_recall_at_the_default_threshold(split: str) -> None:
    d = _scores()[split]["shown"].to_dict()
    assert d["recall"] >= SHOWN_RECALL_FLOORS[split], f"{split} recall at the threshold = {d['recall']:.3f}"


def test_no_false_alarm_shown_by_default() -> None:
    sc = _scores()["all"]["shown"]
    assert sc.no_event_docs == 15
    assert sc.false_alarms <= 1  # 0 when set


@pytest.mark.parametrize(("split", "metric"), sorted(FLOORS))
def test_floor(split: str, metric: str) -> None:
    value = _metric(split, metric)
    assert value >= FLOORS[(split, metric)], f"{split} {metric} = {value:.3f}"


def test_false_alarms_on_no_event_documents() -> None:
    sc = _scores()["all"]["lenient"]
    assert sc.no_event_docs == 15
    # issue 13's acceptance level was 2 when set (issue 5's was 5). It is 3 since the event filter stopped
    # dropping candidates (see the location floor): the third is on a held-out no-event document, among
    # all mentions; at the default threshold there is none (test_no_false_alarm_shown_by_default)
    assert sc.false_alarms <= 3


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


# -- issue 16: the actor scorer (precision first) -----------------------------------------------------
#: actor precision and recall (lenient), measured when set with the actor scorer of
#: scripts/train_event_args.py: all 0.700 / 0.457 (the development half is in-sample for it),
#: held-out 0.603 / 0.401; issue 13's ranker had 0.618 / 0.510 and held-out 0.581 / 0.466.
#: Out of fold on the development half (the script, end to end, strict): 0.691 / 0.457 against
#: today's ranker refitted out of fold 0.573 / 0.560. Recipients keep issue 13's ranker (the scorer did
#: not beat it out of fold): their F1 floors above hold them.
#: Raised by issue 16, item 5 (the argument rules; lenient, measured when set): actor all 0.728 / 0.482,
#: held-out 0.616 / 0.405; recipient all 0.505 / 0.445, held-out 0.422 / 0.349 (before: actor all 0.700 /
#: 0.457, held-out 0.603 / 0.401; recipient all 0.466 / 0.435, held-out 0.402 / 0.353).
ARG_FLOORS = {
    ("all", "actor", "precision"): 0.71,
    ("test", "actor", "precision"): 0.60,
    ("all", "actor", "recall"): 0.47,
    ("test", "actor", "recall"): 0.39,
    ("all", "recipient", "precision"): 0.49,
    ("test", "recipient", "precision"): 0.41,
    ("all", "recipient", "recall"): 0.43,
    ("test", "recipient", "recall"): 0.34,
}


@pytest.mark.parametrize(("split", "role", "what"), sorted(ARG_FLOORS))
def test_argument_precision_and_recall_floors(split: str, role: str, what: str) -> None:
    sc = _scores()[split]["lenient"]
    p, r, _ = sc.prf(*getattr(sc, role))
    got = p if what == "precision" else r
    assert got >= ARG_FLOORS[(split, role, what)], f"{split} {role} {what} {got:.3f}"
