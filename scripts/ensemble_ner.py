#!/usr/bin/env python3
"""Measure the accurate tagger joined with the CRF (issue 16): dev grid, bootstrap, and one test run.

    python scripts/ensemble_ner.py --crf ../ensemble_out/crf_dev.npz            # dev slice: the grid
    python scripts/ensemble_ner.py --test --weight 0.5                           # test split, once

The dev slice is the last 10 % of the ANERcorp train split (as ``scripts/train_encoder_ner.py`` cuts it:
the encoder never trained on it). The CRF scored there must not have trained on it either: train one with
``scripts/train_ner.py --dev --dev-names --out FILE`` (90 % of the train split; given names counted
from that 90 % and WikiFANE) and pass it as ``--crf``. On ``--test`` the shipped CRF (trained on the
whole train split) and the shipped encoder are used, as the package runs them.

Each variant is decoded as :meth:`EncoderTagger.tag_document` decodes: a run of 20 consecutive sentences
is one document (``khabar.eval.ner.DOC_SENTENCES``), its word log-probabilities (the encoder's, or the
product of experts of :mod:`khabar.extract.accurate.ensemble`) go through document consistency and BIO
Viterbi. ``--stack``: also a multinomial logistic regression per word on both taggers' log-probabilities
and the CRF's lexicon flags, out of fold over the dev documents (5 folds). The paired bootstrap resamples
documents (1,000 draws) and gives the 90 % interval of the F1 difference against the encoder alone.
The encoder's log-probabilities are cached in ``--cache`` (they take a minute or two to compute).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from khabar.eval.ner import DOC_SENTENCES, TYPES, Sentence, split_anercorp  # noqa: E402
from khabar.extract.accurate.decode import TAGS, document_consistency, viterbi_bio  # noqa: E402
from khabar.extract.accurate.ensemble import crf_log_marginals, log_softmax, product_of_experts  # noqa: E402
from khabar.extract.ner import entity_chunks, read_model  # noqa: E402
from khabar.extract.ner_model import NerModel  # noqa: E402

CORPUS = REPO.parent / "shared" / "data" / "anercorp" / "ANERCorp.txt"
Docs = list[list[np.ndarray]]


def dev_slice(train: list[Sentence]) -> list[Sentence]:
    """The last 10 % of the train split, cut as ``scripts/train_encoder_ner.py`` cuts it."""
    return train[len(train) - int(len(train) * 0.10) :]


def chunks(sents: Sequence[Sentence]) -> list[list[list[str]]]:
    toks = [[t for t, _ in s] for s in sents]
    return [toks[k : k + DOC_SENTENCES] for k in range(0, len(toks), DOC_SENTENCES)]


def encoder_logps(docs: list[list[list[str]]], cache: Path, model: Path | None = None) -> Docs:
    """The encoder's word log-probabilities of every sentence, per document (cached): the shipped one, or
    ``model`` (an exported ``.onnx`` beside its ``_vocab.json.gz``)."""
    if cache.exists():
        with np.load(cache) as z:
            flat = [z[f"a{k}"] for k in range(len(z.files))]
    else:
        from khabar.extract.accurate.tagger import EncoderTagger, load_tagger

        tagger = (
            EncoderTagger.from_files(model, model.with_name(model.stem + "_vocab.json.gz"))
            if model
            else load_tagger()
        )
        flat = [lp for doc in docs for lp in tagger.word_logp(doc)]
        np.savez_compressed(cache, **{f"a{k}": a for k, a in enumerate(flat)})
    out: Docs = []
    k = 0
    for doc in docs:
        out.append(flat[k : k + len(doc)])
        k += len(doc)
    return out


def decode(
    docs: list[list[list[str]]],
    logps: Docs,
    consistency: bool = True,
    trans: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[list[list[str]]]:
    """Tags of every document: document consistency (or not), then BIO Viterbi (``trans``: transition
    and start scores added)."""
    out = []
    tr, st = trans if trans is not None else (None, None)
    for doc, lps in zip(docs, logps, strict=True):
        if consistency:
            lps = document_consistency(doc, lps)
        out.append([[TAGS[t] for t in viterbi_bio(lp, tr, st)] if len(lp) else [] for lp in lps])
    return out


def crf_transitions(model: NerModel, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """The CRF's transition and start scores × ``scale``, in the order of TAGS."""
    cols = [model.labels.index(t) for t in TAGS]
    return scale * model.transitions[np.ix_(cols, cols)].astype(np.float64), scale * model.start[cols].astype(
        np.float64
    )


def counts(gold: list[list[list[str]]], pred: list[list[list[str]]]) -> np.ndarray:
    """Per document and type (TYPES, then overall): gold, predicted, correct entity counts."""
    out = np.zeros((len(gold), len(TYPES) + 1, 3), dtype=np.int64)
    for d, (gd, pd) in enumerate(zip(gold, pred, strict=True)):
        for g_tags, p_tags in zip(gd, pd, strict=True):
            g, p = set(entity_chunks(g_tags)), set(entity_chunks(p_tags))
            for j, t in enumerate(TYPES):
                out[d, j] += [
                    sum(c[2] == t for c in g),
                    sum(c[2] == t for c in p),
                    sum(c[2] == t for c in g & p),
                ]
    out[:, -1] = out[:, :-1].sum(1)
    return out


def f1(c: np.ndarray) -> np.ndarray:
    """F1 of summed counts ``[..., 3]``."""
    g, p, k = c[..., 0], c[..., 1], c[..., 2]
    return np.where(g + p > 0, 2 * k / np.maximum(g + p, 1), 0.0)


def bootstrap(a: np.ndarray, b: np.ndarray, draws: int = 1000, seed: int = 16) -> tuple[float, float]:
    """90 % interval of overall F1(a) − F1(b), documents resampled (paired)."""
    rng = np.random.default_rng(seed)
    n = len(a)
    diffs = []
    for _ in range(draws):
        idx = rng.integers(0, n, n)
        diffs.append(f1(a[idx, -1].sum(0)) - f1(b[idx, -1].sum(0)))
    lo, hi = np.percentile(diffs, [5, 95])
    return float(lo), float(hi)


def row(name: str, c: np.ndarray, base: np.ndarray | None) -> str:
    per = " ".join(f"{t} {f1(c[:, j].sum(0)):.3f}" for j, t in enumerate(TYPES))
    s = f"{name:<34} F1 {f1(c[:, -1].sum(0)):.4f}  ({per})"
    if base is not None:
        lo, hi = bootstrap(c, base)
        s += f"  Δ 90% [{lo:+.3f}, {hi:+.3f}]"
    return s


def lexicon_flags(model: NerModel, doc: list[list[str]]) -> list[np.ndarray]:
    """Per word: in the CRF's gazetteer as a name's word (LOC / ORG / PERS classes), a given name, a
    common word, a word the CRF's training saw inside an entity."""
    from khabar.arabic.normalize import normalize

    fs = model.features
    gaz_first: dict[str, set[str]] = {}
    for name, cls in fs.gazetteer.items():
        for w in name.split(" "):
            gaz_first.setdefault(w, set()).add(cls)
    given = fs.names.given if fs.names else frozenset()
    common = fs.names.common if fs.names else {}
    out = []
    for sent in doc:
        rows = []
        for w in sent:
            n = normalize(w)
            stem = n[1:] if n[:1] in "وفبلك" and len(n) > 3 else n
            cls = " ".join(gaz_first.get(n, set()) | gaz_first.get(stem, set()))
            rows.append(
                [
                    "LOC" in cls,
                    "ORG" in cls,
                    "PERS" in cls,
                    n in given or stem in given,
                    n in common,
                    n in model.known,
                ]
            )
        out.append(np.asarray(rows, dtype=np.float64).reshape(len(sent), 6))
    return out


def stacked(
    docs: list[list[list[str]]],
    gold: list[list[list[str]]],
    enc: Docs,
    crf: Docs,
    flags: Docs,
    folds: int = 5,
) -> Docs:
    """Out-of-fold log-probabilities of a per-word multinomial logistic regression (sklearn)."""
    from sklearn.linear_model import LogisticRegression

    def feats(d: int) -> list[np.ndarray]:
        return [
            np.hstack([e, np.maximum(c, -30.0), f])
            for e, c, f in zip(enc[d], crf[d], flags[d], strict=True)
            if len(e)
        ]

    tag_id = {t: i for i, t in enumerate(TAGS)}
    X = [
        np.vstack(feats(d)) if any(map(len, enc[d])) else np.zeros((0, 2 * len(TAGS) + 6))
        for d in range(len(docs))
    ]
    Y = [np.asarray([tag_id[t] for s in gold[d] for t in s], dtype=np.int64) for d in range(len(docs))]
    out: Docs = [[] for _ in docs]
    for f in range(folds):
        tr = [d for d in range(len(docs)) if d % folds != f]
        clf = LogisticRegression(C=1.0, max_iter=2000)
        clf.fit(np.vstack([X[d] for d in tr]), np.concatenate([Y[d] for d in tr]))
        for d in range(len(docs)):
            if d % folds != f:
                continue
            lp = np.full((len(X[d]), len(TAGS)), -30.0)
            if len(X[d]):
                lp[:, clf.classes_] = clf.predict_log_proba(X[d])
            k = 0
            for s in docs[d]:
                out[d].append(log_softmax(lp[k : k + len(s)]) if s else np.zeros((0, len(TAGS))))
                k += len(s)
    return out


def speed(sents: Sequence[Sentence], rounds: int) -> int:
    """Tokens/s of the shipped accurate tagger's ``tag_many`` (as ``benchmarks/ner.py`` times it, a
    document's sentences at a time) with and without the CRF joined, alternated in one process on one
    core (wall and process CPU time: the machine is shared); the tags are not scored."""
    import time

    from khabar.extract.accurate.tagger import load_tagger
    from khabar.extract.ner import load_model

    tagger = load_tagger()
    load_model().tag_many([["تحمية"]])
    docs = chunks(sents)
    n = sum(map(len, sents))
    got: dict[float, list[tuple[float, float]]] = {0.0: [], tagger.crf_weight: []}
    for _ in range(rounds):
        for w in got:
            tagger.crf_weight = w
            t0, c0 = time.perf_counter(), time.process_time()
            for doc in docs:
                tagger.tag_many(doc)
            got[w].append((n / (time.perf_counter() - t0), n / (time.process_time() - c0)))
    for w, v in got.items():
        wall = ", ".join(f"{x:,.0f}" for x, _ in v)
        cpu = ", ".join(f"{x:,.0f}" for _, x in v)
        med = float(np.median([c for _, c in v]))
        print(f"CRF weight {w}: wall {wall} tokens/s; CPU {cpu} tokens/s; CPU median {med:,.0f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--crf", type=Path, default=None, help="CRF model file (dev: one trained without the dev slice)"
    )
    ap.add_argument("--test", action="store_true", help="score the test split (the shipped CRF unless --crf)")
    ap.add_argument("--weight", type=float, action="append", help="CRF weights to score (repeatable)")
    ap.add_argument(
        "--trans", type=float, action="append", help="also Viterbi with the CRF's transitions × this"
    )
    ap.add_argument("--stack", action="store_true", help="also the stacked logistic regression (dev only)")
    ap.add_argument("--cache", type=Path, default=REPO.parent / "ensemble_out", help="encoder cache folder")
    ap.add_argument(
        "--model", type=Path, default=None, help="an exported encoder (.onnx) instead of the shipped one"
    )
    ap.add_argument(
        "--speed",
        type=int,
        default=0,
        help="only time tag_many with and without the CRF, N rounds",
    )
    args = ap.parse_args(argv)
    train, test = split_anercorp(CORPUS)
    if args.speed:
        return speed(test, args.speed)
    sents = test if args.test else dev_slice(train)
    if not args.test and args.crf is None:
        sys.exit(
            "the dev slice needs --crf: a CRF trained without it (scripts/train_ner.py --dev --out FILE)"
        )
    model = read_model(args.crf) if args.crf else read_model()
    docs = chunks(sents)
    gold = [
        [[g for _, g in s] for s in sents[k : k + DOC_SENTENCES]] for k in range(0, len(sents), DOC_SENTENCES)
    ]
    args.cache.mkdir(parents=True, exist_ok=True)
    # another model's log-probabilities are cached under its own name (its bytes' digest), never read
    # back as the shipped model's
    tag = f"_{hashlib.sha256(args.model.read_bytes()).hexdigest()[:12]}" if args.model else ""
    split = "test" if args.test else "dev"
    enc = encoder_logps(docs, args.cache / f"enc_{split}{tag}.npz", args.model)
    crf = [crf_log_marginals(model, doc, TAGS) for doc in docs]
    where = "test split" if args.test else f"dev slice ({len(sents)} sentences)"
    print(f"{where}, {sum(map(len, sents)):,} tokens, {len(docs)} documents of {DOC_SENTENCES} sentences")
    base = counts(gold, decode(docs, enc))
    print(row("encoder + consistency (shipped)", base, None))
    print(row("encoder alone", counts(gold, decode(docs, enc, consistency=False)), base))
    print(row("CRF tag_document (propagation)", counts(gold, [model.tag_document(d) for d in docs]), base))
    weights = args.weight or ([0.5] if args.test else [0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5])
    variants: dict[str, Callable[[], Docs]] = {}
    for w in weights:
        variants[f"PoE λ={w}"] = lambda w=w: [
            product_of_experts(e, c, w) for e, c in zip(enc, crf, strict=True)
        ]
    for name, make in variants.items():
        lps = make()
        print(row(name + " + consistency", counts(gold, decode(docs, lps)), base))
        print(row(name + " alone", counts(gold, decode(docs, lps, consistency=False)), base))
    for w in weights:
        lps = variants[f"PoE λ={w}"]()
        for mu in args.trans or []:
            tr = crf_transitions(model, mu)
            print(
                row(f"PoE λ={w} + CRF trans ×{mu} + cons.", counts(gold, decode(docs, lps, trans=tr)), base)
            )
    if args.stack and not args.test:
        flags = [lexicon_flags(model, doc) for doc in docs]
        lps = stacked(docs, gold, enc, crf, flags)
        print(row("stacked LR (out of fold) + consistency", counts(gold, decode(docs, lps)), base))
        print(row("stacked LR (out of fold) alone", counts(gold, decode(docs, lps, consistency=False)), base))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
