"""Confidence of person and organisation refs: small logistic models over a few features of the name.

Each person ref and each org ref (and their PERSON/ORG spans) gets ``confidence`` in 0..1: the
probability, on facts_gold's development half, that a ref with these features is a real person
(organisation) of the text. The weights (``facts_confidence.json``) are fitted by
``scripts/train_facts_confidence.py`` with scikit-learn (the ``train`` extra); the package reads
them with plain Python. The features (all cheap: dict lookups on the name's words):

* person — one word / nasab chain / a given name first / the share and the highest Zipf of common
  words (``names_common_ar.tsv.gz``) / the share of words the NER saw inside names / mentions in the
  document / a role bound / a title before it / non-Arabic letters;
* organisation — how it was found (known name, head noun, NER) / words / a weak head / a purpose
  phrase / common words.

Default thresholds for showing a fact are in ``fact_thresholds.json`` (keys ``person`` and ``org``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from typing import Any

from khabar.arabic.normalize import normalize
from khabar.data import load_json
from khabar.errors import DataFileError
from khabar.extract.names import NASAB, is_given_name, name_words
from khabar.extract.wordclass import COMMON_ZIPF, common_zipf

__all__ = ["ORG_FEATURES", "PERSON_FEATURES", "org_features", "person_features", "score"]

PERSON_FEATURES: tuple[str, ...] = (
    "one_word",
    "nasab",
    "given_first",
    "common_share",
    "common_max",
    "known_share",
    "log_mentions",
    "role",
    "titled",
    "latin",
    "cued",
    "place_share",
)
ORG_FEATURES: tuple[str, ...] = (
    "known",
    "head",
    "ner",
    "one_word",
    "log_words",
    "purpose",
    "common_share",
    "log_mentions",
)
_MODEL_FILE = "facts_confidence.json"


@functools.cache
def _known_words() -> frozenset[str]:
    from khabar.extract.ner import load_model

    return load_model().known


@functools.cache
def _place_words() -> frozenset[str]:
    """Words that are place names to the NER model's gazetteer and never person-name words."""
    from khabar.extract.ner import load_model

    return frozenset(w for w, c in load_model().features.gazetteer.items() if "LOC" in c and "PERS" not in c)


def person_features(
    name: str, *, mentions: int, role: bool, titled: bool, cued: bool = False
) -> dict[str, float]:
    """The features of a person ref named ``name`` (its fullest form); ``cued``: a person rule
    (:mod:`khabar.extract.person_rules`) found or confirmed one of its mentions from its context."""
    words = name_words(name) or tuple(normalize(name).split())
    n = max(1, len(words))
    zipfs = [common_zipf(w) for w in words]
    known = _known_words()
    places = _place_words()
    return {
        "one_word": float(len(words) <= 1),
        "nasab": float(any(w in NASAB for w in words[1:])),
        "given_first": float(bool(words) and is_given_name(words[0])),
        "common_share": sum(z >= COMMON_ZIPF for z in zipfs) / n,
        "common_max": max(zipfs, default=0.0) / 7.0,
        "known_share": sum(w in known for w in words) / n,
        "log_mentions": math.log1p(mentions),
        "role": float(role),
        "titled": float(titled),
        "latin": float(any("a" <= c.lower() <= "z" for c in name)),
        "cued": float(cued),
        "place_share": sum(w in places for w in words) / n,
    }


def org_features(name: str, *, source: str, purpose: bool, mentions: int) -> dict[str, float]:
    """The features of an org ref named ``name``, found by ``source`` (known, head, ner)."""
    words = normalize(name).split()
    n = max(1, len(words))
    return {
        "known": float(source == "known"),
        "head": float(source == "head"),
        "ner": float(source == "ner"),
        "one_word": float(len(words) <= 1),
        "log_words": math.log(n),
        "purpose": float(purpose),
        "common_share": sum(common_zipf(w) >= COMMON_ZIPF for w in words) / n,
        "log_mentions": math.log1p(mentions),
    }


@functools.cache
def _model() -> dict[str, Any]:
    data = load_json(_MODEL_FILE)
    for kind, names in (("person", PERSON_FEATURES), ("org", ORG_FEATURES)):
        m = data.get(kind)
        if not isinstance(m, dict) or set(m.get("weights", {})) != set(names):
            raise DataFileError(
                f"khabar/data/{_MODEL_FILE}: the {kind} model does not match this khabar's features; "
                "retrain with scripts/train_facts_confidence.py",
                value=kind,
            )
    return data


def score(kind: str, features: Mapping[str, float]) -> float:
    """The calibrated probability (3 decimals) that a ``kind`` (person, org) ref with ``features`` is
    right."""
    m = _model()[kind]
    z = float(m["bias"]) + sum(float(w) * features[f] for f, w in m["weights"].items())
    return round(1.0 / (1.0 + math.exp(-z)), 3)


def feature_vector(kind: str, features: Mapping[str, float]) -> Sequence[float]:
    """The features in the model's order (for training)."""
    return [features[f] for f in (PERSON_FEATURES if kind == "person" else ORG_FEATURES)]
