"""Leave-site-out cross-validation of the line model on the text-dump gold set (`eval textdump --cv`).

The shipped line model is trained on the same 201 gold dumps it is scored on (and on the extra dumps of
:mod:`khabar.eval.textdump_extra`, never scored), so ``khabar eval textdump`` is an in-sample figure.
This module gives the honest one: the gold's sites (SaudiNewsNet outlet, Common Crawl host, the seed)
are dealt into folds, and every document is labelled by a model trained without its site — the way
khabar meets a site it has never seen (with ``extra``, as the shipped model is trained: ``--cv
--extra``). The same code trains the shipped model (``scripts/train_lines.py``), so the
cross-validated and the shipped models cannot drift apart.

**Development and held-out sites.** A site is in the *development* half when the SHA-1 of its name
(``origin:source``, e.g. ``cc:example.com``) has an even first 32 bits (:func:`is_dev_site`); the other
half is *held out*: rules and features are written from development errors only (``--errors`` prints
only those), held-out documents are scored, never printed. Figures are given for all sites and for
the held-out half.

**Speed.** Block features are computed once per document and reused by every fold (they depend on
the document and its URL only), and the logistic regressions run with one BLAS thread: on this
problem (2,500 rows, 100 columns) multi-threaded BLAS spends its time synchronising, and on a shared
2-core machine a fit took 20x longer with threads than without.

Training needs scikit-learn and python-crfsuite (``pip install -e '.[train]'``); the package only reads
the model JSON.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from khabar.clean import lexicon
from khabar.clean.classify import (
    LineModel,
    article_features,
    classify_document,
    model_from_dict,
    stack_features,
)
from khabar.clean.features import FEATURES, LineInfo, block_features
from khabar.clean.segment import segment_raw
from khabar.errors import UsageError
from khabar.eval.gold import GoldDoc
from khabar.eval.textdump import Prediction, Report, Scores, errors, format_errors, score

#: the article model's inputs (a superset of the document features the line model sees)
ARTICLE_FEATURES = (
    "doc_blocks",
    "doc_long_frac",
    "doc_short_frac",
    "doc_punct_frac",
    "doc_max_words",
    "doc_lex_frac",
    "doc_words",
    "long_paras",
    "long_para_words",
    "url_listing",
    "url_article",
    "url_root",
    "few_lines",
)
#: inverse L2 strength: leave-site-out CV is flat from 0.5 to 2 (boilerplate F1 0.870 / 0.868 / 0.867)
DEFAULT_C = 2.0
#: train on every dump twice, with and without its URL (see :func:`all_examples`): off, as it cost
#: leave-site-out heading F1 0.723 -> 0.675 and did not raise the no-URL title (0.905 both ways)
AUGMENT_NO_URL = False
#: L2 strength of the chain decoder's CRF (:func:`_crf`); None trains no chain. Chosen on the development
#: sites' leave-site-out boilerplate F1, flat from 1 to 10 (0.3: 0.917, 1: 0.921, 3: 0.921, 10: 0.920)
CHAIN_C2: float | None = 3.0
#: outer folds of the cross-validation (whole sites per fold, dealt in sorted order)
DEFAULT_FOLDS = 10


def site_of(doc: GoldDoc) -> str:
    """The site a gold document comes from: ``origin:source`` (``saudinewsnet:sabq``, ``cc:host``)."""
    return f"{doc.origin}:{doc.source}"


def is_dev_site(site: str) -> bool:
    """Whether ``site`` is in the development half (even SHA-1 of its name): the half whose errors
    may be read. The seed page is always development (it is the project's own example)."""
    return site.startswith("seed:") or int(hashlib.sha1(site.encode()).hexdigest()[:8], 16) % 2 == 0


# ---------------------------------------------------------------------------------------------------
# training examples


def block_label(doc: GoldDoc, rs: int, re_: int) -> str:
    """The gold label covering most non-space characters of raw[rs:re_] (uncovered = boilerplate)."""
    cover: Counter[str] = Counter()
    for u in doc.units:
        lo, hi = max(rs, u.raw_start), min(re_, u.raw_end)
        if hi > lo:
            cover[u.label] += sum(not c.isspace() for c in doc.raw[lo:hi])
    label = cover.most_common(1)[0][0] if cover else "boilerplate"
    return "paragraph" if label == "caption" else label  # 6 captions: too few to learn; kept as text


@dataclass(frozen=True, slots=True)
class Examples:
    """One document's training examples, computed once and shared by every fold."""

    site: str
    #: block feature rows (the gold page type as the ``article`` input) and their labels
    X: np.ndarray
    y: list[str]
    #: the document's article-model features and label
    afeat: dict[str, float]
    is_article: int


def doc_examples(doc: GoldDoc, url: str | None = None) -> Examples:
    """The blocks of ``doc`` exactly as khabar segments them at run time, labelled with the gold unit
    that covers most of their characters, so training and inference see the same inputs."""
    lex = lexicon.load()
    blocks = [b for b in segment_raw(doc.raw) if b.reason is None]
    infos = [LineInfo(b.text, lex) for b in blocks]
    af = article_features(infos, url)
    # the gold page type at training time; the article model's probability at run time
    X = block_features(infos, [bool(b.glue) for b in blocks], url, float(doc.is_article))
    y = [block_label(doc, b.raw_start, b.raw_end) for b in blocks]
    return Examples(site_of(doc), X, y, af, int(doc.is_article))


def all_examples(docs: Sequence[GoldDoc], without_url: bool = AUGMENT_NO_URL) -> list[Examples]:
    """Examples of every document, with its URL (as the gold gives it) and, with ``without_url``,
    once more without it: a crawler's dump often has no URL, and a model that only saw URLs leans
    on them (the URL-overlap features) where they are missing."""
    out = [doc_examples(d, d.url) for d in docs]
    if without_url:
        out += [doc_examples(d, None) for d in docs]
    return out


# ---------------------------------------------------------------------------------------------------
# fitting


def _lr(c: float) -> Any:
    """Logistic regression solved tightly: a loose tolerance leaves the weights depending on the
    column order of the features, and the scores moving by a few thousandths between runs."""
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise UsageError(
            "training the line model needs scikit-learn: pip install -e '.[train]'", value="sklearn"
        ) from e
    return LogisticRegression(C=c, max_iter=20000, tol=1e-6)


def _stack(mats: Sequence[np.ndarray]) -> np.ndarray:
    return np.vstack([m for m in mats if len(m)])


def _flat(rows: Sequence[list[str]]) -> list[str]:
    return [r for doc in rows for r in doc]


def _crf(
    seqs: Sequence[np.ndarray], labels: Sequence[list[str]], classes: Sequence[str], c2: float
) -> tuple[np.ndarray, np.ndarray]:
    """A linear-chain CRF (CRFsuite, L-BFGS, L2 strength ``c2``) over the pages' dense feature rows:
    its state weights (K×F, columns as the rows') and transition scores (K×K, row: the label before).
    CRFsuite keeps an attribute only when its values sum above zero, which every column here does
    (the features are 0–1.5 and probabilities); the package reads the weights with numpy alone."""
    import os
    import tempfile

    try:
        import pycrfsuite
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise UsageError(
            "training the line model's chain decoder needs python-crfsuite: pip install -e '.[train]'",
            value="pycrfsuite",
        ) from e
    tr = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(seqs, labels, strict=True):
        tr.append([{str(j): float(v) for j, v in enumerate(row) if v} for row in x], y)
    tr.select("lbfgs")
    tr.set_params(
        {
            "c1": 0.0,
            "c2": c2,
            "max_iterations": 1000,
            "feature.possible_states": True,
            "feature.possible_transitions": True,
        }
    )
    fd, path = tempfile.mkstemp(suffix=".crfsuite")
    os.close(fd)
    try:
        tr.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        tagger.close()
    finally:
        os.unlink(path)
    ci = {k: i for i, k in enumerate(classes)}
    w = np.zeros((len(classes), seqs[0].shape[1]))
    for (attr, label), v in info.state_features.items():
        w[ci[label], int(attr)] = v
    t = np.zeros((len(classes), len(classes)))
    for (a, b), v in info.transitions.items():
        t[ci[a], ci[b]] = v
    return w, t


def fit(
    exs: Sequence[Examples], c: float = DEFAULT_C, inner_folds: int = 5, chain_c2: float | None = CHAIN_C2
) -> dict[str, Any]:
    """Article model, first-pass line model, the stacked second pass (trained on first-pass
    probabilities cross-fitted over site folds, so it learns from realistic, not memorised, inputs),
    and with ``chain_c2`` the chain decoder: a linear-chain CRF over the same second-pass inputs,
    whose transitions are learned from the gold label sequences of the pages.
    Returns the model in its JSON form (what ``data/line_model.json`` holds, without provenance)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        exs = [e for e in exs]
        lm = _lr(c).fit(_stack([e.X for e in exs]), _flat([e.y for e in exs]))
        sites = sorted({e.site for e in exs})
        fold_of = {s: i % inner_folds for i, s in enumerate(sites)}
        P1: list[np.ndarray] = [np.zeros((0, len(lm.classes_))) for _ in exs]
        for f in range(inner_folds):
            tr = [e for e in exs if fold_of[e.site] != f and len(e.X)]
            te = [i for i, e in enumerate(exs) if fold_of[e.site] == f and len(e.X)]
            if not te:
                continue
            m = _lr(c).fit(_stack([e.X for e in tr]), _flat([e.y for e in tr]))
            order = [list(m.classes_).index(k) if k in m.classes_ else None for k in lm.classes_]
            for i in te:
                p = m.predict_proba(exs[i].X)
                P1[i] = np.column_stack([p[:, j] if j is not None else np.zeros(len(p)) for j in order])
        keep = [i for i, e in enumerate(exs) if len(e.X)]
        S = [stack_features(exs[i].X, P1[i]) for i in keep]
        lm2 = _lr(c).fit(_stack(S), _flat([exs[i].y for i in keep]))
        assert list(lm2.classes_) == list(lm.classes_)
        am = _lr(1.0).fit([[e.afeat[f] for f in ARTICLE_FEATURES] for e in exs], [e.is_article for e in exs])
    out: dict[str, Any] = {
        "features": list(FEATURES),
        "classes": [str(k) for k in lm.classes_],
        "coef": [[round(float(w), 5) for w in row] for row in lm.coef_],
        "intercept": [round(float(b), 5) for b in lm.intercept_],
        "coef2": [[round(float(w), 5) for w in row] for row in lm2.coef_],
        "intercept2": [round(float(b), 5) for b in lm2.intercept_],
        "article": {
            "features": list(ARTICLE_FEATURES),
            "coef": [round(float(w), 5) for w in am.coef_[0]],
            "intercept": round(float(am.intercept_[0]), 5),
        },
    }
    if chain_c2 is not None:
        w, t = _crf(S, [exs[i].y for i in keep], out["classes"], chain_c2)
        out["chain"] = {
            "c2": chain_c2,
            "state": [[round(float(v), 5) for v in row] for row in w],
            "trans": [[round(float(v), 5) for v in row] for row in t],
        }
    return out


# ---------------------------------------------------------------------------------------------------
# predicting and cross-validating


def predict_doc(doc: GoldDoc, model: LineModel | None = None, url: str | None = None) -> Prediction:
    """khabar's prediction for one gold dump with ``model`` (default: the shipped one), through the
    same segmentation and classification as the ``segment`` and ``classify`` stages."""
    blocks = segment_raw(doc.raw)
    blocks, is_article = classify_document(blocks, url, model)
    title = next((b.text for b in blocks if b.kind == "title"), None)
    return Prediction([(b.raw_start, b.raw_end, b.kind) for b in blocks], title, is_article)


@dataclass(slots=True)
class CVResult:
    """Leave-site-out predictions (with and without URLs) and the in-sample ones, by document id."""

    loso: dict[str, Prediction]
    loso_no_url: dict[str, Prediction]
    in_sample: dict[str, Prediction]
    in_sample_no_url: dict[str, Prediction]


def fold_of_sites(sites: Sequence[str], folds: int) -> dict[str, int]:
    """Deterministic assignment of whole sites to folds (sorted names dealt round-robin)."""
    return {s: i % folds for i, s in enumerate(sorted(set(sites)))}


def cross_validate(
    docs: Sequence[GoldDoc],
    c: float = DEFAULT_C,
    folds: int = DEFAULT_FOLDS,
    sites: set[str] | None = None,
    extra: Sequence[GoldDoc] = (),
) -> CVResult:
    """Leave-site-out predictions for ``docs`` (only for the folds holding a site in ``sites``, when
    given: a quick check scores a subset), and the shipped model's in-sample ones.

    ``extra`` dumps (:mod:`khabar.eval.textdump_extra`) are training data only, never scored: each
    is in every fold's training set except the folds that test its own site (an extra SaudiNewsNet
    page of an outlet the fold holds out), so every score stays one on sites the model never saw."""
    exs = all_examples(docs)
    ex_extra = all_examples(extra)
    fold_of = fold_of_sites([e.site for e in exs], folds)
    loso: dict[str, Prediction] = {}
    loso_nu: dict[str, Prediction] = {}
    wanted = {fold_of[s] for s in sites} if sites is not None else set(range(folds))
    for f in sorted(wanted):
        train = [e for e in exs if fold_of[e.site] != f] + [e for e in ex_extra if fold_of.get(e.site) != f]
        model = model_from_dict(fit(train, c))
        for d in docs:
            if fold_of[site_of(d)] == f:
                loso[d.id] = predict_doc(d, model, d.url)
                loso_nu[d.id] = predict_doc(d, model, None)
    tested = [d for d in docs if d.id in loso]
    return CVResult(
        loso,
        loso_nu,
        {d.id: predict_doc(d, None, d.url) for d in tested},
        {d.id: predict_doc(d, None, None) for d in tested},
    )


# ---------------------------------------------------------------------------------------------------
# the report


def _sub(docs: Sequence[GoldDoc], preds: dict[str, Prediction], dev: bool | None) -> Report | None:
    part = [d for d in docs if d.id in preds and (dev is None or is_dev_site(site_of(d)) == dev)]
    return score(part, preds) if part else None


def _row(name: str, rep: Report | None) -> list[str]:
    if rep is None:
        return [name, "0", "-", "-", "-", "-", "-", "-", "-"]
    s: Scores = rep.overall

    def f(x: float | None) -> str:
        return "-" if x is None else f"{x:.3f}"

    return [
        name,
        str(s.n_docs),
        f(s.boilerplate.f1),
        f(s.title.value),
        f(s.labels["heading"].f1),
        f(s.labels["paragraph"].f1),
        f(s.labels["byline"].f1),
        f(s.macro_f1),
        f(s.is_article.value),
    ]


def cv_reports(docs: Sequence[GoldDoc], res: CVResult) -> dict[str, Report | None]:
    """The reports the headline table shows, by row name."""
    out: dict[str, Report | None] = {}
    for what, preds in (
        ("leave-site-out", res.loso),
        ("leave-site-out, no URL", res.loso_no_url),
        ("in-sample", res.in_sample),
        ("in-sample, no URL", res.in_sample_no_url),
    ):
        for part, dev in (("all sites", None), ("held-out sites", False), ("development sites", True)):
            out[f"{what}: {part}"] = _sub(docs, preds, dev)
    return out


@dataclass(frozen=True, slots=True)
class ErrorSpread:
    """Where one half's leave-site-out boilerplate errors lie, in counts only (no document named):
    real text removed (false positives) against chrome kept (false negatives), and how much of each
    the ``top`` worst documents hold. A held-out move carried by one or two documents is noise at
    this gold set's size, and the two kinds of error pull a model's threshold in opposite ways."""

    docs: int
    tp: float
    fp: float
    fn: float
    #: false positives / negatives of the ``top`` documents with the most of them
    top_fp: float
    top_fn: float
    top: int


def error_spread(
    docs: Sequence[GoldDoc], preds: dict[str, Prediction], dev: bool | None, top: int = 3
) -> ErrorSpread | None:
    """The :class:`ErrorSpread` of the documents of one half (``dev``; ``None``: all sites)."""
    part = [d for d in docs if d.id in preds and (dev is None or is_dev_site(site_of(d)) == dev)]
    if not part:
        return None
    per = [score([d], preds).overall.boilerplate for d in part]
    return ErrorSpread(
        len(part),
        sum(b.tp for b in per),
        sum(b.fp for b in per),
        sum(b.fn for b in per),
        sum(sorted((b.fp for b in per), reverse=True)[:top]),
        sum(sorted((b.fn for b in per), reverse=True)[:top]),
        top,
    )


def format_spread(name: str, sp: ErrorSpread) -> str:
    """One line: ``held-out sites (72 docs): … text removed 71 (49 in the 3 worst docs), chrome kept …``."""
    return (
        f"{name} ({sp.docs} docs): boilerplate units right {sp.tp:.0f}; text removed {sp.fp:.0f} "
        f"({sp.top_fp:.0f} in the {sp.top} worst docs), chrome kept {sp.fn:.0f} "
        f"({sp.top_fn:.0f} in the {sp.top} worst docs)"
    )


def format_cv(reports: dict[str, Report | None]) -> str:
    from khabar.eval.textdump import _table

    head = ["scores", "docs", "bp F1", "title", "head F1", "para F1", "bylin F1", "macroF1", "article"]
    return _table(head, [_row(name, rep) for name, rep in reports.items()])


def run_textdump_cv(
    docs: Sequence[GoldDoc],
    *,
    c: float = DEFAULT_C,
    folds: int = DEFAULT_FOLDS,
    errors_limit: int = 0,
    out: Any = None,
    extra: Sequence[GoldDoc] = (),
    compare_extra: bool = False,
) -> dict[str, Any]:
    """Cross-validate, print the headline table (leave-site-out first, in-sample beside it) and the
    leave-site-out tables; with ``errors_limit``, the worst leave-site-out units of development sites
    only. ``extra`` dumps are training data in every fold (see :func:`cross_validate`); with
    ``compare_extra`` the run is made a second time without them and the headline figures of both
    are printed side by side. Returns the reports as dicts."""
    import time

    out = out or sys.stdout
    t0 = time.perf_counter()
    res = cross_validate(docs, c, folds, extra=extra)
    secs = time.perf_counter() - t0
    reps = cv_reports(docs, res)
    n_sites = len({site_of(d) for d in docs})
    n_dev = len({site_of(d) for d in docs if is_dev_site(site_of(d))})
    print(
        f"leave-site-out cross-validation: {len(docs)} gold dumps from {n_sites} sites in {folds} folds "
        f"({secs:.0f} s); held-out half: {n_sites - n_dev} sites whose SHA-1 is odd "
        f"(development: {n_dev}); 'no URL' scores the same dumps with the URL removed; "
        f"{len(extra)} extra dumps in training only\n",
        file=out,
    )
    print(format_cv(reps), file=out)
    without: dict[str, Report | None] | None = None
    if compare_extra and extra:
        without = cv_reports(docs, cross_validate(docs, c, folds))
        print(f"\nleave-site-out with and without the {len(extra)} extra training dumps:", file=out)
        print(format_extra_comparison(reps, without), file=out)
    print("\nleave-site-out boilerplate errors by kind (counts only):", file=out)
    for part, dev in (("held-out sites", False), ("development sites", True)):
        sp = error_spread(docs, res.loso, dev)
        if sp is not None:
            print("  " + format_spread(part, sp), file=out)
    full = reps["leave-site-out: all sites"]
    if full is not None:
        print("\n== leave-site-out, all sites", file=out)
        print(full.format_table(), file=out)
    if errors_limit:
        dev_docs = [d for d in docs if is_dev_site(site_of(d))]
        print(f"\n== the {errors_limit} worst leave-site-out units of development sites", file=out)
        print(format_errors(errors(dev_docs, res.loso, errors_limit)), file=out)
    spread = {
        part: (None if (sp := error_spread(docs, res.loso, dev)) is None else asdict(sp))
        for part, dev in (("held-out sites", False), ("development sites", True))
    }
    return {name: (r.to_dict() if r is not None else None) for name, r in reps.items()} | {
        "seconds": secs,
        "error_spread": spread,
        "extra_dumps": len(extra),
        "without_extra": None
        if without is None
        else {name: (r.to_dict() if r is not None else None) for name, r in without.items()},
    }


def format_extra_comparison(with_: dict[str, Report | None], without: dict[str, Report | None]) -> str:
    """The headline figures with and without the extra training dumps, held-out sites first."""
    from khabar.eval.textdump import _table

    def f(rep: Report | None, metric: str) -> str:
        return "-" if rep is None else f"{_value(rep, metric):.3f}"

    head = ["sites", "extra", "bp F1", "title", "head F1", "para F1", "bylin F1", "no-URL title"]
    rows = []
    for part in ("held-out sites", "development sites", "all sites"):
        for name, reps in (("without", without), ("with", with_)):
            rep = reps[f"leave-site-out: {part}"]
            rows.append(
                [part, name]
                + [f(rep, m) for m in ("bp", "title", "heading", "paragraph", "byline")]
                + [f(reps[f"leave-site-out, no URL: {part}"], "title")]
            )
    return _table(head, rows)


def _value(rep: Report, metric: str) -> float:
    s = rep.overall
    v = {
        "bp": s.boilerplate.f1,
        "title": s.title.value,
        "heading": s.labels["heading"].f1,
        "paragraph": s.labels["paragraph"].f1,
        "byline": s.labels["byline"].f1,
    }[metric]
    return float("nan") if v is None else float(v)
