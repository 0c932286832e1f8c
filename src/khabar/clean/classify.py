"""Block classification: lexicon rules for the easy cases, a small trained model for the rest.

1. *Rules* decide what a phrase list explains with certainty — a whole line that is web chrome
   (``lexicon:<category>``), a bare time stamp, a line left empty by repair — and keep their reason.
2. A multinomial logistic-regression *line model* (``data/line_model.json``, trained by
   ``scripts/train_lines.py`` on the line-labelled gold set; features in :mod:`khabar.clean.features`)
   labels the other blocks: title, section, byline, date, heading, paragraph, caption or boilerplate.
   A block the model removes gets the reason ``feature:<name>`` of the feature that pushed it most
   towards boilerplate, so every removal can be explained.
3. An *article model* in the same file decides ``is_article`` from document-shape features.
4. Structure constraints: at most one title; sections only above the title; a document's first
   block(s) before the title that the model calls title or heading are reconsidered.

The model is pure-Python inference (a dot product per class), so the core needs no numpy.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import unquote, urlsplit

from khabar.clean import lexicon
from khabar.clean.features import FEATURES, INDEX, LineInfo, block_features, doc_features
from khabar.errors import DataFileError
from khabar.model import Block

LABELS = ("title", "section", "byline", "date", "heading", "paragraph", "caption", "boilerplate")


def stack_features(x: list[list[float]], p1: list[list[float]]) -> list[list[float]]:
    """Second-pass inputs: a block's features plus the first pass's label probabilities for it, its
    neighbours and the whole document (a listing page is one whose lines mostly look like chrome)."""
    n = len(p1)
    k = len(p1[0]) if p1 else 0
    mean = [sum(p[j] for p in p1) / n for j in range(k)] if n else []
    none = [0.0] * k
    out = []
    for i in range(n):
        prev = p1[i - 1] if i else none
        nxt = p1[i + 1] if i + 1 < n else none
        out.append([*x[i], *p1[i], *prev, *nxt, *mean])
    return out


@dataclass(frozen=True)
class LineModel:
    classes: tuple[str, ...]
    coef: tuple[tuple[float, ...], ...]
    intercept: tuple[float, ...]
    coef2: tuple[tuple[float, ...], ...]
    intercept2: tuple[float, ...]
    article_features: tuple[str, ...]
    article_coef: tuple[float, ...]
    article_intercept: float
    provenance: dict[str, Any]

    def probs(self, x: list[float], second: bool = False) -> list[float]:
        coef, intercept = (self.coef2, self.intercept2) if second else (self.coef, self.intercept)
        scores = [
            b + sum(w * xi for w, xi in zip(row, x, strict=True) if xi)
            for row, b in zip(coef, intercept, strict=True)
        ]
        m = max(scores)
        ex = [math.exp(s - m) for s in scores]
        z = sum(ex)
        return [e / z for e in ex]

    def article_prob(self, feats: dict[str, float]) -> float:
        s = self.article_intercept + sum(
            w * feats.get(f, 0.0) for f, w in zip(self.article_features, self.article_coef, strict=True)
        )
        return 1 / (1 + math.exp(-s))

    def top_reason(self, x: list[float], label: str = "boilerplate") -> str:
        """The feature that contributed most towards ``label`` against the runner-up class."""
        ci = self.classes.index(label)
        best, best_name = 0.0, "model"
        for i, xi in enumerate(x):
            if not xi or FEATURES[i] == "bias":
                continue
            others = max(self.coef[j][i] for j in range(len(self.classes)) if j != ci)
            contrib = (self.coef[ci][i] - others) * xi
            if contrib > best:
                best, best_name = contrib, FEATURES[i]
        return f"feature:{best_name}"


@cache
def load_model() -> LineModel:
    """Load and check the shipped model (once per process)."""
    path = resources.files("khabar") / "data" / "line_model.json"
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise DataFileError(
            f"the line model {path} cannot be read ({e}); reinstall khabar or run scripts/train_lines.py"
        ) from e
    return model_from_dict(d)


def model_from_dict(d: dict[str, Any]) -> LineModel:
    """Build a :class:`LineModel` from its JSON form, checking it matches this code's features."""
    if tuple(d.get("features", ())) != FEATURES:
        raise DataFileError(
            "the shipped line model was trained with other features than this code computes; "
            "retrain it with `python scripts/train_lines.py`",
            value=d.get("features"),
        )
    return LineModel(
        classes=tuple(d["classes"]),
        coef=tuple(tuple(r) for r in d["coef"]),
        intercept=tuple(d["intercept"]),
        coef2=tuple(tuple(r) for r in d["coef2"]),
        intercept2=tuple(d["intercept2"]),
        article_features=tuple(d["article"]["features"]),
        article_coef=tuple(d["article"]["coef"]),
        article_intercept=float(d["article"]["intercept"]),
        provenance=d.get("provenance", {}),
    )


# URL paths that name listing, tag, author, product and search pages in the common CMSs (WordPress,
# Drupal, Blogger, Shopify, Magento …): a generic web convention, not a list of sites
_LISTING_URL = re.compile(
    r"/(?:tags?|category|categories|author|authors|product-tag|product-category|products?|shop|search|"
    r"archives?/?$|page/\d+|feed|label|topics?|section|album|gallery|videos?/?$|mp3|download)(?:/|$|\?)",
    re.IGNORECASE,
)
_ARTICLE_URL = re.compile(
    r"(?:/\d{4}/\d{2}/|/\d{5,}|article|story|news|details?|node/\d+|\.html?$|/[^/]{25,}/?$)", re.IGNORECASE
)


def article_features(infos: list[LineInfo], uri: str | None = None) -> dict[str, float]:
    """Document features for the is_article model."""
    f = doc_features(infos)
    paras = [i.words for i in infos if i.words >= 25 and i.end_punct]
    f["long_paras"] = min(math.log1p(len(paras)) / 3, 1.5)
    f["long_para_words"] = min(math.log1p(sum(paras)) / 8, 1.5)
    path = ""
    if uri:
        try:
            path = unquote(urlsplit(uri).path) + ("?" + urlsplit(uri).query if urlsplit(uri).query else "")
        except ValueError:
            path = ""
    f["url_listing"] = float(bool(path) and bool(_LISTING_URL.search(path)))
    f["url_article"] = float(bool(path) and bool(_ARTICLE_URL.search(path)))
    f["url_root"] = float(bool(uri) and path.strip("/") == "")
    # keyword-stuffed doorway pages repeat one term on most lines
    counts: Counter[str] = Counter()
    for i in infos:
        counts.update({w for w in i.key.split() if len(w) >= 4})
    top = counts.most_common(1)[0][1] if counts else 0
    f["top_word_lines"] = top / len(infos) if len(infos) >= 4 else 0.0
    f["few_lines"] = float(len(infos) <= 3)
    return f


def classify_blocks(blocks: list[Block], uri: str | None = None, model: LineModel | None = None) -> bool:
    """Assign ``kind``, ``reason`` and ``score`` to every block; return ``is_article``."""
    lex = lexicon.load()
    model = model or load_model()
    live = [b for b in blocks if b.reason is None]  # segmentation already removed some with reasons
    infos = [LineInfo(b.text, lex) for b in live]
    p_article = model.article_prob(article_features(infos, uri))
    is_article = p_article >= 0.5
    if not live:
        return is_article
    feats = block_features(infos, [bool(b.glue) for b in live], uri, p_article)
    p1 = [model.probs(x) for x in feats]
    probs = [model.probs(x2, second=True) for x2 in stack_features(feats, p1)]
    ci = {c: i for i, c in enumerate(model.classes)}
    for b, info, x, p in zip(live, infos, feats, probs, strict=True):
        if info.lex is not None:
            b.kind, b.reason, b.score = "boilerplate", f"lexicon:{info.lex}", 1.0
            continue
        if x[INDEX["time_only"]]:
            b.kind, b.reason, b.score = "boilerplate", "pattern:time_stamp", 1.0
            continue
        k = max(range(len(p)), key=p.__getitem__)
        b.kind, b.score = model.classes[k], p[k]
        if b.kind == "boilerplate":
            b.reason = model.top_reason(x)
    _structure(live, probs, ci, model)
    return is_article


def _second_best(p: list[float], classes: tuple[str, ...], exclude: set[str]) -> tuple[str, float]:
    order = sorted(range(len(p)), key=p.__getitem__, reverse=True)
    for k in order:
        if classes[k] not in exclude:
            return classes[k], p[k]
    return "paragraph", 0.0


def _structure(live: list[Block], probs: list[list[float]], ci: dict[str, int], model: LineModel) -> None:
    """Enforce one title at most and sections only above it."""
    t = ci["title"]
    titles = [i for i, b in enumerate(live) if b.kind == "title"]
    if titles:
        keep = max(titles, key=lambda i: probs[i][t])
        for i in titles:
            if i != keep:
                live[i].kind, live[i].score = _second_best(probs[i], model.classes, {"title"})
                if live[i].kind == "boilerplate":
                    live[i].reason = "feature:second_title"
    else:
        # no block was most likely a title: take the likeliest of the first few if it is plausible
        cands = [i for i in range(min(4, len(live))) if live[i].reason is None and probs[i][t] >= 0.25]
        if cands:
            keep = max(cands, key=lambda i: probs[i][t])
            live[keep].kind, live[keep].score, live[keep].reason = "title", probs[keep][t], None
        else:
            keep = -1
    for i, b in enumerate(live):
        if b.kind == "section" and keep >= 0 and i > keep:
            b.kind, b.score = _second_best(probs[i], model.classes, {"section", "title"})
            if b.kind == "boilerplate":
                b.reason = "feature:section_below_title"
