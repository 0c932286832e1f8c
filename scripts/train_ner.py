#!/usr/bin/env python3
"""Train khabar's named-entity model from ANERcorp and score it on the standard test split.

    python scripts/train_ner.py                      # train (CRF), write src/khabar/data/ner_model.npz,
                                                     # print test-split P/R/F1 per type, speed, size
    python scripts/train_ner.py --algo perceptron    # the averaged structured perceptron instead
    python scripts/train_ner.py --dev                # model selection: train on 90% of the train split,
                                                     # score on the held-out 10% (the test split unused)
    python scripts/train_ner.py --anergazet --no-write   # measure ANERGazet as extra gazetteer (not shipped)
    python scripts/train_ner.py --dev --silver ../distil_cache/silver.tsv --silver-tokens 60000
                                                     # + encoder-labelled text (scripts/distil_ner.py)

Data (relative to the repository, never copied into it):

* ``../shared/data/anercorp/ANERCorp.txt`` and ``splits.json``: ANERcorp (Benajiba et al. 2007), CC BY-SA
  4.0 as redistributed by CAMeL Lab; the standard CAMeL split, test = the last 25,008 tokens. Only the
  train split is trained on.
* ``../shared/data/geonames_ar/cities15000_arabic_names.tsv`` and ``countries_ar.tsv`` (GeoNames,
  CC BY 4.0): the Arabic place names of the LOC gazetteer feature, shipped inside the model file with
  their attribution (``src/khabar/data/SOURCES.md``).
* ``../shared/data/fane_gold/WikiFANE_Gold_2014_500K.txt`` (WikiFANE, Arabic Wikipedia, CC BY-SA 3.0):
  person-name words and whole place and organisation names for the gazetteer (``--no-wikifane``: not);
  with ``--wiki-train``, extra training sentences (fine types mapped to PERS/LOC/ORG, in a domain of
  their own: see :func:`fold_domains`). NewsFANE, the same corpus's news part, is ANERcorp re-annotated
  (test sentences included), so it is never used.
* ``--silver FILE``: a silver set written by ``scripts/distil_ner.py`` (Wojood sample and WikiFANE text,
  MIT and CC BY-SA 3.0, labelled by the accurate encoder tagger); its first ``--silver-tokens`` tokens
  are added to training, in a domain of their own with ``--silver-domain``.
* ``../shared/data/anergazet`` (ANERGazet) has no licence, so it is never shipped: ``--anergazet``
  only measures what it would add, and implies ``--no-write`` unless ``--out`` is given.

Features: :mod:`khabar.extract.features` (the same code the tagger runs). The CRF is trained with
CRFsuite (L-BFGS, elastic net; ``pip install -e '.[train]'``), then its state and transition weights
are exported: the package decodes with its own numpy Viterbi and needs no CRFsuite. The scores printed
are those of the model *as written* (pruned, float16), reloaded through the package's loader.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from khabar.arabic.normalize import normalize  # noqa: E402
from khabar.eval.ner import TYPES, Sentence, evaluate_model, format_scores, split_anercorp  # noqa: E402
from khabar.extract.features import (  # noqa: E402
    FeatureSet,
    NameLexicon,
    cue_checksum,
    gazetteer_from_names,
    load_cues,
)
from khabar.extract.ner import FORMAT, bio_allowed, model_from_arrays, normalize_checksum  # noqa: E402

DATA = REPO.parent / "shared" / "data"
CORPUS = DATA / "anercorp" / "ANERCorp.txt"
OUT = REPO / "src" / "khabar" / "data" / "ner_model.npz"
#: a word seen at least ORDINARY_MIN times in train and tagged O at least ORDINARY_SHARE of them is
#: stored as "ordinary" in the model file
ORDINARY_MIN = 5
ORDINARY_SHARE = 0.9


# -- gazetteer -------------------------------------------------------------------------------------
def shipped_gazetteer() -> list[tuple[str, str]]:
    """Arabic place names from GeoNames: cities of at least 15,000 people, and countries.

    (mledoze/countries has better country names, but is ODbL: a list drawn from it would have to ship
    under ODbL too; the model is CC BY-SA, so its place names come from GeoNames, CC BY, alone.)
    """
    out: list[tuple[str, str]] = []
    with open(DATA / "geonames_ar" / "cities15000_arabic_names.tsv", encoding="utf-8") as fh:
        head = fh.readline().rstrip("\n").split("\t")
        col = head.index("arabic_names")
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            out.extend((n, "LOC") for n in parts[col].split("|") if n)
    with open(DATA / "geonames_ar" / "countries_ar.tsv", encoding="utf-8") as fh:
        head = fh.readline().rstrip("\n").split("\t")
        col = head.index("name_ar")
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if parts[col]:
                out.append((parts[col], "LOC"))
    return out


def anergazet() -> list[tuple[str, str]]:
    """ANERGazet's person, place and organisation lists (research release: measured, not shipped)."""
    out: list[tuple[str, str]] = []
    for name, cls in (("Loc", "LOC"), ("Org", "ORG"), ("Pers", "PERS")):
        for line in (DATA / "anergazet" / f"ANERGazet_{name}.txt").read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith(("====", "****")):
                out.append((line, cls))
    return out


#: WikiFANE's fine types → ANERcorp's types (ACE-style: titles inside PER spans, groups are PER)
FANE_TYPES = {
    **dict.fromkeys(
        [
            "Politician",
            "Religious_PER",
            "Artist",
            "Other_PER",
            "Scientist",
            "Athlete",
            "Businessperson",
            "Engineer",
            "Police",
            "Lawyer",
        ],
        "PERS",
    ),
    **dict.fromkeys(
        [
            "Population-Center",
            "Nation",
            "State-or-Province",
            "Water-Body",
            "Continent",
            "County-or-District",
            "Land-Region-Natural",
            "GPE-Cluster",
        ],
        "LOC",
    ),
    **dict.fromkeys(
        [
            "Government",
            "Non-Governmental",
            "Commercial",
            "Educational",
            "Media",
            "Sports",
            "Religious_ORG",
            "Medical-Science",
            "Entertainment",
        ],
        "ORG",
    ),
}


def wikifane() -> list[tuple[str, str]]:
    """Names from WikiFANE (Arabic Wikipedia, CC BY-SA 3.0): person name words, whole place/org names.

    Person spans hold titles (الأمير, باشا) and particles (بن, عبد), so person names are taken word
    by word and kept only when WikiFANE itself uses the word inside a person name at least half the
    times it uses it; places and organisations are taken whole.
    """
    rows = []
    with open(DATA / "fane_gold" / "WikiFANE_Gold_2014_500K.txt", encoding="utf-8-sig") as fh:
        for line in fh:
            parts = line.replace("\u200e", "").rstrip("\r\n").split("\t")
            rows.append((parts[0].strip(), parts[1].strip()) if len(parts) == 2 else ("", ""))
    used: Counter[str] = Counter()
    as_pers: Counter[str] = Counter()
    out: list[tuple[str, str]] = []
    span: list[str] = []
    kind = None
    for tok, tag in [*rows, ("", "O")]:
        n = normalize(tok)
        used[n] += 1
        t = FANE_TYPES.get(tag[2:]) if tag[:2] in ("B-", "I-") else None
        if t == "PERS":
            as_pers[n] += 1
        if span and (tag[:2] != "I-" or t != kind):
            if kind in ("LOC", "ORG"):
                out.append((" ".join(span), kind))
            span = []
        if t and (tag[:2] == "B-" or span):
            span.append(tok)
            kind = t
    out.extend((w, "PERS") for w, c in as_pers.items() if len(w) >= 3 and c >= 0.5 * used[w])
    return out


_CLITIC_TOKENS = frozenset({"و", "ف", "ب", "ل", "ك", "ال"})


def wikifane_sentences(cues: dict[str, frozenset[str]], other: str = "") -> list[Sentence]:
    """WikiFANE as extra training sentences in ANERcorp's conventions.

    Fine types map to PERS/LOC/ORG (others O, or with ``other`` B-/I- + ``other``, for a trainer that
    leaves those words out of its loss rather than teach them as O); clitics WikiFANE writes apart
    (``و``, ``ب``, ``ال`` …) are glued back onto the next word, as ANERcorp and khabar's tokenizer keep
    them; titles and honorifics at the start of a person span (``الأمير``, ``الشيخ``: cue words) leave
    the span, as ANERcorp tags ``الملك O عبدالله B-PERS``.
    """
    sents: list[Sentence] = []
    cur: list[tuple[str, str]] = []
    with open(DATA / "fane_gold" / "WikiFANE_Gold_2014_500K.txt", encoding="utf-8-sig") as fh:
        for line in [*fh, "\n"]:
            parts = line.replace("\u200e", "").rstrip("\r\n").split("\t")
            if len(parts) != 2 or not parts[0].strip():
                if cur:
                    sents.append(_anercorp_style(cur, cues))
                cur = []
                continue
            tok, tag = parts[0].strip(), parts[1].strip()
            t = FANE_TYPES.get(tag[2:], other) if tag[:2] in ("B-", "I-") else None
            cur.append((tok, f"{tag[:2]}{t}" if t else "O"))
    return [s for s in sents if s]


#: Wojood's types (SinaLab/ArabicNER sample) in ANERcorp's: its places (GPE, LOC), people and
#: organisations keep their type; the types ANERcorp may call MISC (events, facilities, laws, products,
#: websites, languages) are ``other`` (left out of a trainer's loss); the rest (DATE, OCC, NORP, numbers
#: …) ANERcorp leaves O, as it leaves titles and nationality adjectives (الإسرائيلي: O 70 times in 70)
WOJOOD_TYPES = {"PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
_WOJOOD_OTHER = frozenset({"EVENT", "FAC", "LAW", "PRODUCT", "WEBSITE", "LANGUAGE"})


def wojood_sentences(
    cues: dict[str, frozenset[str]],
    other: str = "",
    parts: Sequence[str] = ("train", "val"),
    root: Path = DATA / "wojood_sample",
) -> list[Sentence]:
    """The Wojood sample (``wojood_sample/{train,val}.txt``, MIT) as training sentences in ANERcorp's
    conventions.

    Wojood is nested: each token lists its tags outermost first. The outermost tag of a type that
    ANERcorp has (or that ``other`` stands for) is the token's; an outer DATE, OCC or NORP is looked
    through (عضو [اللجنة القومية العربية]: the occupation is O in ANERcorp, the organisation inside it
    is not). The sample's ``$#$`` paragraph marks are dropped; titles leave person spans as in
    :func:`wikifane_sentences`.
    """
    sents: list[Sentence] = []
    for part in parts:
        cur: list[tuple[str, str]] = []
        lines = (root / f"{part}.txt").read_text(encoding="utf-8").splitlines()
        for line in [*lines, ""]:
            cols = line.split()
            if len(cols) < 2:
                if cur:
                    sents.append(_anercorp_style(cur, cues))
                cur = []
                continue
            if cols[0] == "$#$":
                continue
            tag = "O"
            for t in cols[1:]:
                kind = t[2:]
                mapped = WOJOOD_TYPES.get(kind) or (other if kind in _WOJOOD_OTHER else "")
                if t[:2] in ("B-", "I-") and mapped:
                    tag = f"{t[:2]}{mapped}"
                    break
            cur.append((cols[0], tag))
    return [_place_noun_out(s, cues) for s in sents if s]


def _place_noun_out(sent: Sentence, cues: dict[str, frozenset[str]]) -> Sentence:
    """Place nouns leave the start of a place span, as ANERcorp writes ``مدينة O جنين B-LOC`` (مدينة is
    O 114 times in 114 there) where Wojood tags ``مدينة جنين`` whole."""
    out = list(sent)
    for k, (tok, tag) in enumerate(out):
        if tag == "B-LOC" and "loc" in cues.get(normalize(tok), frozenset()):
            out[k] = (tok, "O")
            if k + 1 < len(out) and out[k + 1][1] == "I-LOC":
                out[k + 1] = (out[k + 1][0], "B-LOC")
    return out


def _anercorp_style(sent: list[tuple[str, str]], cues: dict[str, frozenset[str]]) -> Sentence:
    merged: Sentence = []
    i = 0
    while i < len(sent):
        tok, tag = sent[i]
        if tok in _CLITIC_TOKENS and i + 1 < len(sent) and sent[i + 1][0][:1].isalpha():
            nxt, ntag = sent[i + 1]
            merged.append((tok + nxt, ntag if tag == "O" else tag))
            i += 2
            continue
        merged.append((tok, tag))
        i += 1
    out: Sentence = []
    for k, (tok, tag) in enumerate(merged):
        n = normalize(tok)
        if tag == "B-PERS" and ({"role", "rank", "honorific"} & cues.get(n, frozenset()) or n == "باشا"):
            if k + 1 < len(merged) and merged[k + 1][1] == "I-PERS":
                merged[k + 1] = (merged[k + 1][0], "B-PERS")
            tag = "O"
        elif tag == "I-PERS" and n == "باشا":
            tag = "O"
        out.append((tok, tag))
    # an I- left after a cut title is the start of the name
    return [
        (t, "B" + g[1:] if g.startswith("I-") and (k == 0 or out[k - 1][1] == "O") else g)
        for k, (t, g) in enumerate(out)
    ]


def read_silver(path: Path, tokens: int, min_conf: float = 0.0) -> list[Sentence]:
    """The first sentences of a silver file (``scripts/distil_ner.py``) up to about ``tokens`` tokens.

    With ``min_conf``, only sentences in which the encoder gave every word's tag at least that
    probability (the third column) are kept: fewer silver errors, at the cost of the hard sentences.
    """
    sents: list[Sentence] = []
    cur: Sentence = []
    low = 1.0
    total = 0
    with open(path, encoding="utf-8") as fh:
        for line in [*fh, "\n"]:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) in (2, 3):
                cur.append((parts[0], parts[1]))
                low = min(low, float(parts[2])) if len(parts) == 3 else low
                continue
            if cur and low >= min_conf:
                sents.append(cur)
                total += len(cur)
                if total >= tokens:
                    break
            cur, low = [], 1.0
    return sents


def clean_gazetteer(gaz: dict[str, str], train: Sequence[Sentence]) -> dict[str, str]:
    """Drop one-word entries that the training text mostly uses as ordinary words.

    GeoNames holds towns named like common words; an entry whose word is tagged O in at least 3
    training occurrences and 80% of them is dropped (only the train split is looked at).
    """
    seen: Counter[str] = Counter()
    as_o: Counter[str] = Counter()
    for sent in train:
        for tok, tag in sent:
            n = normalize(tok)
            seen[n] += 1
            as_o[n] += tag == "O"
    return {e: c for e, c in gaz.items() if not (" " not in e and as_o[e] >= 3 and as_o[e] >= 0.8 * seen[e])}


def name_lexicon() -> NameLexicon:
    """The name-lexicon features' data, from the package's lists (stored in the model file):

    * given names: ``names_given_ar.tsv`` (built from the ANERcorp *train* split and WikiFANE by
      ``scripts/build_names.py``) and ``names_given_hand_ar.tsv``;
    * common words with their Zipf band: ``names_common_ar.tsv.gz`` (wordfreq less the words of
      person names in the ANERcorp train split and WikiFANE), words at or above ``COMMON_ZIPF``.

    Neither list looks at the test split.
    """
    from khabar.extract.names import load_given_names
    from khabar.extract.wordclass import COMMON_ZIPF, _common

    common = {w: int(z) for w, z in _common().items() if z >= COMMON_ZIPF}
    return NameLexicon(load_given_names(), common)


def dev_free_lexicon(train: Sequence[Sentence]) -> NameLexicon:
    """:func:`name_lexicon` with the given names counted again from ``train``'s person names and
    WikiFANE's (``build_names.py``'s rule) and the hand list, not the shipped list, which counted the
    whole train split: with ``--dev`` the dev slice then leaks into no feature but the common words."""
    sys.path.insert(0, str(REPO / "scripts"))
    from build_names import corpus_given_names

    from khabar.extract.names import _data_lines

    hand = ["".join(normalize(r[0]).split()) for r in _data_lines("names_given_hand_ar.tsv") if r and r[0]]
    return NameLexicon(frozenset([*corpus_given_names(train), *hand]), name_lexicon().common)


# -- training --------------------------------------------------------------------------------------
def labels_of(train: Sequence[Sentence]) -> list[str]:
    present = {tag for s in train for _, tag in s}
    return ["O", *[f"{p}-{t}" for t in TYPES for p in ("B", "I") if f"{p}-{t}" in present]]


def train_crf(
    X: list[list[list[str]]], Y: list[list[str]], labels: list[str], c1: float, c2: float, iters: int
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """A CRFsuite CRF; returns (feature → weight row, transitions, start)."""
    try:
        import pycrfsuite
    except ImportError:
        sys.exit("the CRF needs python-crfsuite: pip install -e '.[train]'")
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(X, Y, strict=True):
        trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iters, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "ner.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        tagger.close()
    col = {lab: j for j, lab in enumerate(labels)}
    rows: dict[str, np.ndarray] = {}
    for (attr, lab), w in info.state_features.items():
        if w != 0.0:
            rows.setdefault(attr, np.zeros(len(labels), dtype=np.float32))[col[lab]] = w
    trans = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (a, b), w in info.transitions.items():
        trans[col[a], col[b]] = w
    return rows, trans, np.zeros(len(labels), dtype=np.float32)


def _viterbi(em: np.ndarray, trans: np.ndarray, start: np.ndarray) -> np.ndarray:
    n, T = em.shape
    back = np.zeros((n, T), dtype=np.intp)
    score = start + em[0]
    for t in range(1, n):
        cand = score[:, None] + trans
        back[t] = cand.argmax(axis=0)
        score = cand[back[t], np.arange(T)] + em[t]
    best = np.zeros(n, dtype=np.intp)
    best[-1] = score.argmax()
    for t in range(n - 1, 0, -1):
        best[t - 1] = back[t, best[t]]
    return best


def train_perceptron(
    X: list[list[list[str]]], Y: list[list[str]], labels: list[str], epochs: int, seed: int = 1
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """An averaged structured perceptron (Collins 2002) with BIO-constrained Viterbi."""
    index: dict[str, int] = {}
    col = {lab: j for j, lab in enumerate(labels)}
    data = []
    for x, y in zip(X, Y, strict=True):
        feats, toks = [], []
        for t, fs in enumerate(x):
            for f in fs:
                feats.append(index.setdefault(f, len(index)))
                toks.append(t)
        data.append((np.array(feats), np.array(toks), np.array([col[v] for v in y])))
    F, T = len(index), len(labels)
    W, U = np.zeros((F, T)), np.zeros((F, T))
    tr, tr_u = np.zeros((T, T)), np.zeros((T, T))
    st, st_u = np.zeros(T), np.zeros(T)
    mask_tr = np.array([[0.0 if bio_allowed(p, q) else -1e9 for q in labels] for p in labels])
    mask_st = np.array([0.0 if bio_allowed(None, q) else -1e9 for q in labels])
    c = 1
    order = list(range(len(data)))
    rng = random.Random(seed)
    for ep in range(epochs):
        rng.shuffle(order)
        errors = 0
        for k in order:
            feats, toks, y = data[k]
            em = np.zeros((len(y), T))
            np.add.at(em, toks, W[feats])
            p = _viterbi(em, tr + mask_tr, st + mask_st)
            if not np.array_equal(p, y):
                errors += 1
                sel = (p != y)[toks]
                for lab, sign in ((y, 1.0), (p, -1.0)):
                    np.add.at(W, (feats[sel], lab[toks[sel]]), sign)
                    np.add.at(U, (feats[sel], lab[toks[sel]]), sign * c)
                    np.add.at(tr, (lab[:-1], lab[1:]), sign)
                    np.add.at(tr_u, (lab[:-1], lab[1:]), sign * c)
                    st[lab[0]] += sign
                    st_u[lab[0]] += sign * c
            c += 1
        print(f"  epoch {ep + 1}: {errors} of {len(data)} sentences wrong", file=sys.stderr)
    Wa, tra, sta = W - U / c, tr - tr_u / c, st - st_u / c
    names = [""] * F
    for f, i in index.items():
        names[i] = f
    rows = {names[i]: Wa[i].astype(np.float32) for i in np.flatnonzero(np.abs(Wa).max(axis=1) > 0)}
    return rows, tra.astype(np.float32), sta.astype(np.float32)


def fold_domains(rows: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Shared + news-domain weights of each feature; the wiki-domain copies are dropped."""
    out: dict[str, np.ndarray] = {}
    for f, w in rows.items():
        if f.startswith(("W:", "S:")):
            continue
        key = f[2:] if f.startswith("N:") else f
        out[key] = out.get(key, 0) + w
    return out


# -- the model file --------------------------------------------------------------------------------
def to_arrays(
    rows: dict[str, np.ndarray],
    trans: np.ndarray,
    start: np.ndarray,
    labels: list[str],
    gaz: dict[str, str],
    known: set[str],
    vocab: frozenset[str] | None,
    meta: dict,
    prune: float,
    names: NameLexicon | None = None,
) -> dict[str, np.ndarray]:
    """The arrays of ``ner_model.npz``: weights pruned (|w| < prune × the largest) and stored float16."""
    top = max(float(np.abs(r).max()) for r in rows.values())
    keep = sorted(f for f, r in rows.items() if float(np.abs(r).max()) >= prune * top)
    weights = np.stack([rows[f] for f in keep]) if keep else np.zeros((0, len(labels)), np.float32)
    scale = float(np.abs(weights).max()) / 60000.0 if keep else 1.0  # keep float16 far from overflow

    def enc(s: str) -> np.ndarray:
        return np.frombuffer(s.encode("utf-8"), dtype=np.uint8)

    meta = {**meta, "format": FORMAT, "scale": scale, "features": len(keep), "cues_sha256": cue_checksum()}
    lexicon = (
        {
            "given": enc("\n".join(sorted(names.given))),
            "common": enc("\n".join(f"{w}\t{b}" for w, b in sorted(names.common.items()))),
        }
        if names is not None
        else {}
    )
    return {
        **lexicon,
        "meta": enc(json.dumps(meta, ensure_ascii=False)),
        "labels": enc("\n".join(labels)),
        "features": enc("\n".join(keep)),
        "weights": (weights / scale).astype(np.float16),
        "transitions": trans.astype(np.float32),
        "start": start.astype(np.float32),
        "gazetteer": enc("\n".join(f"{e}\t{c}" for e, c in sorted(gaz.items()))),
        "known": enc("\n".join(sorted(known))),
        "vocab": enc("\n".join(sorted(vocab or ()))),
    }


def save(arrays: dict[str, np.ndarray], path: Path) -> int:
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)  # type: ignore[arg-type]
    path.write_bytes(buf.getvalue())
    return len(buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--algo", choices=("crf", "perceptron"), default="crf")
    ap.add_argument("--c1", type=float, default=0.1, help="CRF L1 penalty (tuned with --dev)")
    ap.add_argument("--c2", type=float, default=0.05, help="CRF L2 penalty (tuned with --dev)")
    ap.add_argument("--iters", type=int, default=200, help="CRF L-BFGS iterations")
    ap.add_argument("--epochs", type=int, default=12, help="perceptron epochs (tuned with --dev)")
    ap.add_argument(
        "--prune",
        type=float,
        default=0.0,
        help="drop features whose weights are all below this fraction of the largest",
    )
    ap.add_argument("--min-count", type=int, default=2, help="words seen fewer times in train are <unk>")
    ap.add_argument("--dev", action="store_true", help="score on the last 10%% of train, not on test")
    ap.add_argument("--anergazet", action="store_true", help="add ANERGazet to the gazetteer (not shippable)")
    ap.add_argument(
        "--no-wikifane",
        dest="wikifane",
        action="store_false",
        help="leave WikiFANE names out of the gazetteer",
    )
    ap.add_argument("--wiki-train", action="store_true", help="add WikiFANE sentences to training")
    ap.add_argument("--silver", type=Path, default=None, help="silver file of scripts/distil_ner.py")
    ap.add_argument("--silver-tokens", type=int, default=60_000, help="tokens of the silver file to train on")
    ap.add_argument(
        "--silver-min-conf", type=float, default=0.0, help="keep silver sentences the encoder is this sure of"
    )
    ap.add_argument("--silver-domain", action="store_true", help="silver sentences in a domain of their own")
    ap.add_argument(
        "--silver-vocab", action="store_true", help="silver words count toward the vocabulary (--min-count)"
    )
    ap.add_argument(
        "--no-names",
        dest="names",
        action="store_false",
        help="leave out the name-lexicon features (given names, common words, name shapes)",
    )
    ap.add_argument(
        "--dev-names",
        action="store_true",
        help="with --dev: given names counted from the 90%% trained on (and WikiFANE), not the shipped list",
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"model file (default {OUT.relative_to(REPO)}; with --dev: none)",
    )
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} not found: ../shared beside the repository is needed")
    write = (
        not args.no_write
        and not (args.anergazet and args.out is None)
        and (not args.dev or args.out is not None)
    )
    out = args.out or OUT

    train, test = split_anercorp(CORPUS)
    if args.dev:
        cut = int(len(train) * 0.9)
        train, test = train[:cut], train[cut:]
    labels = labels_of(train)
    entries = (
        shipped_gazetteer() + (anergazet() if args.anergazet else []) + (wikifane() if args.wikifane else [])
    )
    gaz = clean_gazetteer(gazetteer_from_names(entries), train)
    counts = Counter(normalize(t) for s in train for t, _ in s)
    silver = read_silver(args.silver, args.silver_tokens, args.silver_min_conf) if args.silver else []
    vcounts = counts + Counter(normalize(t) for s in silver for t, _ in s) if args.silver_vocab else counts
    vocab = frozenset(w for w, c in vcounts.items() if c >= args.min_count)
    lexicon = (dev_free_lexicon(train) if args.dev_names else name_lexicon()) if args.names else None
    fs = FeatureSet(load_cues(), gaz, vocab if args.min_count > 1 else None, lexicon)
    t0 = time.perf_counter()
    X = [fs.features([t for t, _ in s]) for s in train]
    Y = [[g for _, g in s] for s in train]
    if args.wiki_train:
        # extra sentences from another domain: features copied per domain (Daume 2007), the news
        # copies folded into the shared weights on export, as everything tagged later is "news"
        wiki = wikifane_sentences(fs.cues)
        X = [[[*f, *("N:" + x for x in f)] for f in x] for x in X]
        X += [[[*f, *("W:" + x for x in f)] for f in fs.features([t for t, _ in s])] for s in wiki]
        Y += [[g for _, g in s] for s in wiki]
        print(f"+ {len(wiki)} WikiFANE sentences", file=sys.stderr)
    if silver:
        # encoder-labelled text: in the shared weights, or (--silver-domain) with its own copies that
        # are dropped on export, like the WikiFANE ones
        if args.silver_domain and not args.wiki_train:
            X = [[[*f, *("N:" + x for x in f)] for f in x] for x in X]
        for s in silver:
            feats = fs.features([t for t, _ in s])
            X.append([[*f, *("S:" + x for x in f)] for f in feats] if args.silver_domain else feats)
        Y += [[g for _, g in s] for s in silver]
        print(f"+ {len(silver)} silver sentences ({sum(map(len, silver))} tokens)", file=sys.stderr)
    print(f"features of {sum(map(len, Y))} train tokens in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    t0 = time.perf_counter()
    if args.algo == "crf":
        rows, trans, start = train_crf(X, Y, labels, args.c1, args.c2, args.iters)
        params = {"c1": args.c1, "c2": args.c2, "iterations": args.iters}
    else:
        rows, trans, start = train_perceptron(X, Y, labels, args.epochs)
        params = {"epochs": args.epochs}
    print(f"trained in {time.perf_counter() - t0:.0f} s: {len(rows)} features", file=sys.stderr)
    if args.wiki_train or (silver and args.silver_domain):
        rows = fold_domains(rows)

    known = {normalize(t) for s in train for t, g in s if g != "O"}
    # words the training text nearly always uses as ordinary words, names among them (بين، بان، باسم،
    # يزيد): the person rules (khabar.extract.person_rules) do not read them as name words
    as_o = Counter(normalize(t) for s in train for t, g in s if g == "O")
    ordinary = {w for w, c in counts.items() if c >= ORDINARY_MIN and as_o[w] >= ORDINARY_SHARE * c}
    meta = {
        "trained_by": "scripts/train_ner.py",
        "algorithm": args.algo,
        "params": params,
        "data": "ANERcorp (Benajiba et al. 2007; CC BY-SA 4.0, CAMeL Lab redistribution), CAMeL train split "
        f"({sum(len(s) for s in train)} tokens, {len(train)} sentences)"
        + (
            f"; WikiFANE (CC BY-SA 3.0) {len(Y) - len(train)} sentences, own domain"
            if args.wiki_train
            else ""
        )
        + (
            f"; silver: {sum(map(len, silver))} tokens of {args.silver.name} (scripts/distil_ner.py: Wojood "
            "sample (MIT) and WikiFANE (CC BY-SA 3.0) text labelled by the accurate encoder tagger)"
            + (", own domain" if args.silver_domain else "")
            if silver and args.silver
            else ""
        )
        + "; gazetteer: GeoNames (CC BY 4.0) Arabic place names"
        + ("; WikiFANE (CC BY-SA 3.0) name words" if args.wikifane else "")
        + (
            "; name lexicon: names_given_ar.tsv (ANERcorp train + WikiFANE) + names_given_hand_ar.tsv, "
            "names_common_ar.tsv.gz (wordfreq)"
            if args.names
            else ""
        )
        + (" + ANERGazet (NOT SHIPPABLE)" if args.anergazet else ""),
        "corpus_sha256": hashlib.sha256(CORPUS.read_bytes()).hexdigest(),
        "normalize_sha256": normalize_checksum(),
    }
    arrays = to_arrays(rows, trans, start, labels, gaz, known, fs.vocab, meta, args.prune, lexicon)
    arrays["ordinary"] = np.frombuffer("\n".join(sorted(ordinary)).encode("utf-8"), dtype=np.uint8)
    with tempfile.TemporaryDirectory() as tmp:
        size = save(arrays, Path(tmp) / "m.npz")
    model = model_from_arrays(arrays, "new model")  # score exactly what is written
    report = evaluate_model(model, test)
    scores = report.scores
    where = "dev (last 10% of train)" if args.dev else "test (CAMeL split, last 25,008 tokens)"
    print(f"\n{args.algo} {params}: {len(model.index)} features, {size / 1e6:.2f} MB")
    print(f"entity-level scores on {where}, all four ANERcorp types:")
    print(format_scores(scores["all"]))
    print("PERS/LOC/ORG only (what tag_entities reports):")
    print(format_scores(scores["pers_loc_org"]))
    for k in ("all", "pers_loc_org"):
        print(f"without document consistency, {k}: F1 {scores[k + '_sentence']['overall'].f1:.4f}")
    print(
        f"speed: {report.cold_speed:,.0f} tokens/s cold caches, {report.warm_speed:,.0f} tokens/s warm "
        "(tagging pre-tokenised sentences, one core)"
    )
    if write:
        ov = scores["all"]["overall"]
        arrays["meta"] = np.frombuffer(
            json.dumps(
                {
                    **json.loads(bytes(arrays["meta"]).decode("utf-8")),
                    ("dev_scores" if args.dev else "test_scores"): {
                        t: {"p": round(s.precision, 4), "r": round(s.recall, 4), "f1": round(s.f1, 4)}
                        for t, s in scores["all"].items()
                    },
                    ("dev" if args.dev else "test") + "_f1_pers_loc_org": round(
                        scores["pers_loc_org"]["overall"].f1, 4
                    ),
                },
                ensure_ascii=False,
            ).encode("utf-8"),
            dtype=np.uint8,
        )
        size = save(arrays, out)
        print(f"wrote {out} ({size / 1e6:.2f} MB); overall test F1 {ov.f1:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
