"""Named entities (PERSON, ORG, LOC): a linear sequence tagger trained by khabar from ANERcorp.

The model (``khabar/data/ner_model.npz``, written by ``scripts/train_ner.py``) is a first-order
linear-chain model over BIO tags: per-token scores from the features of
:mod:`khabar.extract.features`, tag-transition scores, and Viterbi decoding with the BIO constraints
(``I-X`` only after ``B-X`` or ``I-X``). The same decoding serves a CRF trained with CRFsuite or an
averaged perceptron: both are linear in the features, and the file stores only the weights. Tagging
needs numpy only.

Since the score is linear, the tagger caches, per word form, the summed weights of the word's
features at each offset (-2..2): a sentence costs five array additions, the sentence features
(gazetteer spans, bigrams) and a Viterbi pass. The model is read once, on first use.

ANERcorp tags entities on whitespace tokens, so a clitic stays inside the entity token
(``وبوتين`` B-PERS). :func:`tag_entities` trims such clitics off the span when the reading is
certain (see ``khabar.extract.ner_model._trim``), so that ``span.text`` is the name as it would be
written alone.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from khabar import data as khabar_data
from khabar.arabic.tokenize import Token, sentence_bounds, tokenize
from khabar.errors import DataFileError
from khabar.extract.features import FeatureSet, NameLexicon, cue_checksum, load_cues
from khabar.extract.ner_model import (
    FORMAT,
    LABELS,
    MODEL_FILE,
    NAMES_FILE,
    NerModel,
    bio_allowed,
    entity_chunks,
    names_header,
    propagate_names,
    shipped_clean_names,
)
from khabar.model import Span

__all__ = [
    "FORMAT",
    "LABELS",
    "MODEL_FILE",
    "NAMES_FILE",
    "NerModel",
    "bio_allowed",
    "entity_chunks",
    "load_model",
    "model_from_arrays",
    "names_header",
    "normalize_checksum",
    "propagate_names",
    "read_model",
    "shipped_clean_names",
    "tag_entities",
    "tag_tokens",
]


def normalize_checksum() -> str:
    """SHA-256 of the normalised view's tables: the features see words through them, so the model
    records the checksum and a test flags a change (retrain when it does)."""

    return hashlib.sha256(khabar_data.read_bytes("normalize_ar.json")).hexdigest()


# -- loading ---------------------------------------------------------------------------------------
def _text(arr: np.ndarray) -> str:
    return bytes(arr.astype(np.uint8)).decode("utf-8")


def model_from_arrays(arrays: dict[str, np.ndarray], where: str) -> NerModel:
    """Build a :class:`NerModel` from the arrays of a model file (see ``scripts/train_ner.py``)."""
    try:
        meta = json.loads(_text(arrays["meta"]))
        if meta.get("format") != FORMAT:
            raise DataFileError(
                f"{where}: model format {meta.get('format')!r}, this khabar reads {FORMAT}; "
                "retrain with scripts/train_ner.py",
                value=meta.get("format"),
            )
        if meta.get("cues_sha256") != cue_checksum():
            raise DataFileError(
                f"{where}: trained with a different khabar/data/ner_cues.tsv; retrain with "
                "scripts/train_ner.py",
                value=meta.get("cues_sha256"),
            )
        labels = _text(arrays["labels"]).split("\n")
        names = _text(arrays["features"]).split("\n")
        weights = arrays["weights"].astype(np.float32) * np.float32(meta.get("scale", 1.0))
        gaz_lines = _text(arrays["gazetteer"]).split("\n")
        known = frozenset(_text(arrays["known"]).split("\n"))
        vocab_text = _text(arrays["vocab"])
        transitions = arrays["transitions"].astype(np.float32)
        start = arrays["start"].astype(np.float32)
        lexicon = _lexicon(arrays)
    except KeyError as exc:
        raise DataFileError(f"{where}: missing array {exc}", value=str(exc)) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{where}: invalid model: {exc}", value=where) from exc
    T = len(labels)
    if weights.shape != (len(names), T) or transitions.shape != (T, T) or start.shape != (T,):
        raise DataFileError(
            f"{where}: array shapes do not fit {len(names)} features and {T} labels", value=where
        )
    gazetteer = dict(line.split("\t", 1) for line in gaz_lines if "\t" in line)
    return NerModel(
        labels=labels,
        index={f: i for i, f in enumerate(names)},
        weights=weights,
        transitions=transitions,
        start=start,
        features=FeatureSet(
            load_cues(), gazetteer, frozenset(vocab_text.split("\n")) if vocab_text else None, lexicon
        ),
        known=known,
        ordinary=frozenset(_text(arrays["ordinary"]).split("\n")) if "ordinary" in arrays else frozenset(),
        meta=meta,
    )


def _lexicon(arrays: dict[str, np.ndarray]) -> NameLexicon | None:
    """The name lexicon a model file stores (arrays ``given`` and ``common``), or None (a model
    trained without the lexicon features)."""
    if "given" not in arrays:
        return None
    common: dict[str, int] = {}
    for line in _text(arrays["common"]).split("\n"):
        word, _, band = line.partition("\t")
        if word:
            common[word] = int(band)
    return NameLexicon(frozenset(_text(arrays["given"]).split("\n")), common)


def read_model(path: str | Path | None = None) -> NerModel:
    """Read a model file (the package's own when ``path`` is None)."""
    where = f"khabar/data/{MODEL_FILE}" if path is None else str(path)
    try:
        data = khabar_data.read_bytes(MODEL_FILE) if path is None else Path(path).read_bytes()
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except FileNotFoundError as exc:
        raise DataFileError(
            f"{where}: file not found; train it with scripts/train_ner.py", value=where
        ) from exc
    except (OSError, ValueError) as exc:
        raise DataFileError(f"{where}: cannot read the model: {exc}", value=where) from exc
    return model_from_arrays(arrays, where)


@functools.cache
def load_model() -> NerModel:
    """The package's model, read once on first use (not at import)."""
    return read_model()


# -- tagging ---------------------------------------------------------------------------------------
def tag_tokens(tokens: Sequence[str], model: NerModel | None = None) -> list[str]:
    """BIO tags (ANERcorp types: PERS, ORG, LOC, MISC) of one pre-tokenised sentence."""
    return (model or load_model()).tag(tokens)


def tag_entities(
    text: str, *, model: NerModel | None = None, rules: bool = True, tagger: str = "crf"
) -> list[Span]:
    """PERSON, ORG and LOC spans of ``text``, with offsets into it (``span.text == text[s:e]``).

    With ``rules`` (the default) the person rules of :mod:`khabar.extract.person_rules` add the names
    the model misses before the document's names are propagated; the PERSON spans they made or
    confirmed carry ``attrs["cue"]`` (the rule's name).

    ``tagger="accurate"`` tags with the fine-tuned encoder (:mod:`khabar.extract.accurate.tagger`, the
    ``accurate`` extra) instead of the CRF, without the person rules and the CRF's propagation (tuned
    for the CRF's misses; the encoder has a document consistency of its own); its spans carry
    ``attrs["tagger"] = "accurate"``, the CRF's none. The clitic trim is the same."""
    m = model or load_model()
    tokens: list[Token] = tokenize(text)
    spans: list[Span] = []
    bounds = sentence_bounds(text, tokens)
    sentences = [tokens[first:last] for first, last in bounds]
    words = [[t.text for t in sent] for sent in sentences]
    found: dict[tuple[int, int], str] = {}
    if tagger == "accurate":
        from khabar.extract.accurate.tagger import load_tagger

        all_tags = load_tagger().tag_document(words)
    elif tagger != "crf":
        raise ValueError(f"no NER tagger {tagger!r}: 'crf' or 'accurate'")
    elif rules:
        from khabar.extract.person_rules import apply_rules

        all_tags = m.tag_many(words)
        all_tags, found = apply_rules(m, words, all_tags)
        all_tags = propagate_names(m, words, all_tags)
    else:
        all_tags = m.tag_document(words)
    for k, (sent, tags) in enumerate(zip(sentences, all_tags, strict=True)):
        for a, b, kind in entity_chunks(tags):
            label = LABELS.get(kind)
            if label is None:
                continue
            start = sent[a].start + m.trim(sent[a].text)
            end = sent[b - 1].end
            if start >= end:
                start = sent[a].start
            span = Span(start, end, label, text[start:end])
            if label == "PERSON" and (k, a) in found:
                span.attrs["cue"] = found[(k, a)]
            if tagger != "crf":
                span.attrs["tagger"] = tagger
            spans.append(span)
    return spans
