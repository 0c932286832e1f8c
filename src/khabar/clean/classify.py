"""Block classification: lexicon rules for the easy cases, a small trained model for the rest.

1. *Rules* decide what a phrase list explains with certainty — a whole line that is web chrome
   (``lexicon:<category>``), a bare time stamp, a share or menu bar or a reading-time badge
   (:mod:`khabar.clean.furniture`), a line left empty by repair — and keep their reason.
2. A two-pass multinomial logistic-regression *line model* (``data/line_model.json``, trained by
   ``scripts/train_lines.py`` on the line-labelled gold set and the extra dumps of
   :mod:`khabar.eval.textdump_extra`; features in :mod:`khabar.clean.features`)
   labels the other blocks: title, section, byline, date, heading, paragraph or boilerplate. The
   second pass sees the first pass's label probabilities of the block, its neighbours and the page.
   A block the model removes gets the reason ``feature:<group>`` of the feature that pushed it most
   towards boilerplate (:data:`REASON_OF_FEATURE`), so every removal can be explained.
   On text dumps a *chain decoder* (:meth:`LineModel.decode`: a linear-chain CRF over the page's
   blocks, Viterbi) then decides which blocks are removed, within limits that keep the line model's
   short lines, structural kinds and body.
3. An *article model* in the same file decides ``is_article`` from document-shape and URL features,
   and its probability is an input of the line model (on listing pages even prose lines are chrome).
4. Structure constraints (:func:`_structure`): at most one title — the input record's own when it
   gives one, else the likeliest line that can be a title (:mod:`khabar.clean.titles` rules out
   section names, breadcrumbs, labels and source tags), failing any the likeliest line above the first
   paragraph, then the fallbacks of :mod:`khabar.clean.title_fallbacks` (a headline under a section
   word the model took for the title, a line above the body its words or the URL's slug confirm, a
   poem's title over its verse); sections only above the title, and section names above it are
   sections, the path being the lines right above it and not the site's menu or masthead
   (:mod:`khabar.clean.page_parts`, which also says when a page holds an article's body whatever
   its shape, and keeps an author line under the title);
   a page keeps the lines removed only for their place at its end when nothing else is kept
   (:func:`_keep_a_body`).

Inference is a few small matrix products and a Viterbi pass per document (numpy), so a page costs
tens of microseconds.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any
from urllib.parse import unquote, urlsplit

import numpy as np

from khabar.clean import lexicon
from khabar.clean.features import (
    FEATURES,
    INDEX,
    LineInfo,
    block_features,
    doc_features,
    url_content_words,
)
from khabar.clean.first_lines import first_line_title as _first_line_title
from khabar.clean.first_lines import headline_under_page_title as _under_page_title
from khabar.clean.page_parts import (
    article_body_start,
    credits_under_title,
    date_after_body,
    has_article_body,
    is_digest,
    menus_are_no_path,
)
from khabar.clean.title_fallbacks import confirmed_below as _confirmed_below
from khabar.clean.title_fallbacks import first_kept_headline as _first_kept_headline
from khabar.clean.title_fallbacks import headline_below as _headline_below
from khabar.clean.title_fallbacks import headline_over_byline as _headline_over_byline
from khabar.clean.title_fallbacks import headline_over_standfirst as _over_standfirst
from khabar.clean.title_fallbacks import headline_read_as_byline as _headline_read_as_byline
from khabar.clean.title_fallbacks import product_name_title as _product_name_title
from khabar.clean.title_fallbacks import removable as _removable
from khabar.clean.title_fallbacks import tag_name_title as _tag_name_title
from khabar.clean.title_fallbacks import title_by_agreement as _title_by_agreement
from khabar.clean.title_fallbacks import verse_title as _verse_title
from khabar.clean.titles import (
    is_breadcrumb,
    is_section_name,
    masthead,
    masthead_names,
    matches_record_title,
    names_site,
    off_tag,
    tag_words,
    title_reject,
)
from khabar.data import load_json
from khabar.errors import DataFileError
from khabar.model import Block

LABELS = ("title", "section", "byline", "date", "heading", "paragraph", "caption", "boilerplate")


#: removal reasons in words: features grouped by what they say about a line
REASON_OF_FEATURE = {
    **dict.fromkeys(
        (
            "short_run",
            "short_run_ge3",
            "run_function_rate",
            "prev_short",
            "next_short",
            "short_x_listing",
            "nonarticle_x_short",
            "article_x_short",
            "no_end_punct",
            "w_1",
            "w_2",
            "w_3",
            "w_4_6",
        ),
        "headline_list",
    ),
    **dict.fromkeys(
        ("pos_rel", "pos_last", "pos_last3", "after_last_long", "next_none"), "after_article_end"
    ),
    **dict.fromkeys(
        ("pos_first", "pos_second", "pos_third", "before_long", "prev_none"), "before_article_start"
    ),
    **dict.fromkeys(("dup_in_doc", "teaser"), "repeated_line"),
    **dict.fromkeys(("nonarticle_x_long", "long_neighbours"), "not_an_article_page"),
    **dict.fromkeys(("has_url", "digit_ratio", "symbol_ratio", "latin_ratio"), "links_numbers_symbols"),
    **dict.fromkeys(("prev_lex", "next_lex"), "next_to_chrome"),
}


def stack_features(x: np.ndarray, p1: np.ndarray) -> np.ndarray:
    """Second-pass inputs: a block's features plus the first pass's label probabilities for it, its
    neighbours and the whole document (a listing page is one whose lines mostly look like chrome)."""
    n, f = x.shape
    k = p1.shape[1]
    out = np.zeros((n, f + 4 * k))
    if not n:
        return out
    out[:, :f] = x
    out[:, f : f + k] = p1
    out[1:, f + k : f + 2 * k] = p1[:-1]
    out[:-1, f + 2 * k : f + 3 * k] = p1[1:]
    out[:, f + 3 * k :] = p1.mean(axis=0)
    return out


def viterbi(emit: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """The best label path of a linear chain: ``emit`` (n×K) scores each block's labels, ``trans``
    (K×K) each pair of consecutive labels (row: the label before). A page has a few tens of blocks:
    the forward pass loops over them (two numpy operations a step), the back pointers are found for
    all steps at once, and the path is read back in plain Python."""
    n = len(emit)
    if n == 1:
        return emit.argmax(axis=1)
    fwd = np.empty_like(emit)
    cur = fwd[0] = emit[0]
    for i in range(1, n):
        cur = fwd[i] = (cur[:, None] + trans).max(axis=0) + emit[i]
    back = (fwd[:-1, :, None] + trans).argmax(axis=1).tolist()
    p = int(cur.argmax())
    path = [p]
    for i in range(n - 2, -1, -1):
        p = back[i][p]
        path.append(p)
    path.reverse()
    return np.array(path, dtype=np.intp)


def _softmax(scores: np.ndarray) -> np.ndarray:
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class LineModel:
    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray
    coef2: np.ndarray
    intercept2: np.ndarray
    article_features: tuple[str, ...]
    article_coef: tuple[float, ...]
    article_intercept: float
    provenance: dict[str, Any]
    #: the chain decoder (:meth:`decode`): a linear-chain CRF's state weights over the second pass's
    #: inputs (K×F) and its label-to-label transition scores (K×K, row: the label before); absent in
    #: a model trained without it
    chain_state: np.ndarray | None = None
    chain_trans: np.ndarray | None = None
    #: per-label weight margins for removal reasons, filled on first use
    margins: dict[str, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    def probs(self, x: np.ndarray) -> np.ndarray:
        """Label probabilities, one row per block (columns in ``classes`` order), after both passes."""
        return self.decode(x)[1]

    def decode(self, x: np.ndarray, chain: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """Every block's label (indices into ``classes``) and the label probabilities of the second pass.

        Boilerplate comes in runs (menus, link lists, footers) and a body is contiguous, which a
        per-block model sees only through its neighbours' features. The chain decoder (Viterbi over
        the CRF's scores) decides which blocks are removed, as a whole page; the kinds of the kept
        blocks stay the line model's, and it does not remove a block the line model kept as a short
        line or as a title, section, byline, date or heading, nor every paragraph it kept: on sites
        the models never saw, runs of short lines are as often a body's (verse, lists, questions) as
        a menu's, and a decoder that joins them to their neighbours removes whole bodies
        (leave-site-out: held-out boilerplate F1 0.890 -> 0.879 with the raw Viterbi path, 0.906
        with these limits). ``chain=False`` skips the decoder: it learned text dumps' block
        sequences, and on HTML, where the DOM rules decide the chrome first, it cost html_bench body
        F1 0.9979 -> 0.9976."""
        p1 = _softmax(x @ self.coef.T + self.intercept)
        s = stack_features(x, p1)
        p2 = _softmax(s @ self.coef2.T + self.intercept2)
        lr = p2.argmax(axis=1)
        if not chain or self.chain_state is None or self.chain_trans is None or len(x) < 2:
            return lr, p2
        bp, para = self.classes.index("boilerplate"), self.classes.index("paragraph")
        path = viterbi(s @ self.chain_state.T, self.chain_trans)
        removed = path == bp
        kept_short_or_kind = (lr != bp) & ((x[:, INDEX["short_run"]] > 0) | (lr != para))
        best = np.where(removed & ~kept_short_or_kind, bp, lr)
        if not (best == para).any() and (lr == para).any():
            # nor does it empty a page: a run of chrome is removed around a body, never the body
            return lr, p2
        # a block the line model removed and the chain keeps takes the chain's kind
        restored = ~removed & (lr == bp)
        best[restored] = path[restored]
        return best, p2

    def _margin(self, label: str) -> np.ndarray:
        """Per-feature weight of ``label`` over the strongest other class (cached per label)."""
        cache = self.margins
        if label not in cache:
            ci = self.classes.index(label)
            margin = self.coef[ci] - np.delete(self.coef, ci, axis=0).max(axis=0)
            # document-wide features (shared by every block) and the bias explain nothing about
            # one line in particular: reasons name the line's own or its neighbourhood's features
            for f in FEATURES:
                if f == "bias" or f.startswith("doc_") or f == "article":
                    margin[INDEX[f]] = 0.0
            cache[label] = margin
        return cache[label]

    def article_prob(self, feats: dict[str, float]) -> float:
        s = self.article_intercept + sum(
            w * feats.get(f, 0.0) for f, w in zip(self.article_features, self.article_coef, strict=True)
        )
        return 1 / (1 + math.exp(-s))

    def top_reason(self, x: np.ndarray, label: str = "boilerplate") -> str:
        """The named feature that pushed this block most towards ``label`` over the other classes
        (first-pass weights, which are over named features and so explain a removal in words)."""
        contrib = self._margin(label) * x
        i = int(np.argmax(contrib))
        if contrib[i] <= 0:
            return "model:line_classifier"
        return f"feature:{REASON_OF_FEATURE.get(FEATURES[i], FEATURES[i])}"


@cache
def load_model() -> LineModel:
    """Load and check the shipped model (once per process)."""
    return model_from_dict(load_json("line_model.json"))


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
        coef=np.array(d["coef"], dtype=float),
        intercept=np.array(d["intercept"], dtype=float),
        coef2=np.array(d["coef2"], dtype=float),
        intercept2=np.array(d["intercept2"], dtype=float),
        article_features=tuple(d["article"]["features"]),
        article_coef=tuple(d["article"]["coef"]),
        article_intercept=float(d["article"]["intercept"]),
        provenance=d.get("provenance", {}),
        chain_state=np.array(d["chain"]["state"], dtype=float) if "chain" in d else None,
        chain_trans=np.array(d["chain"]["trans"], dtype=float) if "chain" in d else None,
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


@lru_cache(maxsize=16)
def _url_shape(uri: str | None) -> tuple[float, float, float]:
    """(listing-like path, article-like path, site root) for a page URL."""
    path = _url_path(uri)
    return (
        float(bool(path) and bool(_LISTING_URL.search(path))),
        float(bool(path) and bool(_ARTICLE_URL.search(path))),
        float(bool(uri) and path.strip("/") == ""),
    )


def _url_path(uri: str | None) -> str:
    if not uri:
        return ""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return ""
    return unquote(parts.path) + ("?" + parts.query if parts.query else "")


def article_features(infos: list[LineInfo], uri: str | None = None) -> dict[str, float]:
    """Document features for the is_article model (a superset of :func:`doc_features`)."""
    f = doc_features(infos)
    paras = [i.words for i in infos if i.words >= 25 and i.end_punct]
    f["long_paras"] = min(math.log1p(len(paras)) / 3, 1.5)
    f["long_para_words"] = min(math.log1p(sum(paras)) / 8, 1.5)
    f["url_listing"], f["url_article"], f["url_root"] = _url_shape(uri)
    f["few_lines"] = float(len(infos) <= 3)
    return f


def classify_blocks(
    blocks: list[Block],
    uri: str | None = None,
    model: LineModel | None = None,
    record_title: str | None = None,
    chain: bool = True,
) -> bool:
    """Assign ``kind``, ``reason`` and ``score`` to every block; return ``is_article``. ``record_title``
    is the title the input record gives (a JSON ``title`` field): its line is the title. ``chain``:
    whether the chain decoder runs (:meth:`LineModel.decode`; text dumps yes, HTML no)."""
    lex = lexicon.load()
    model = model or load_model()
    live = [b for b in blocks if b.reason is None]  # segmentation already removed some with reasons
    infos = [LineInfo(b.text, lex) for b in live]
    afeat = article_features(infos, uri)
    p_article = model.article_prob(afeat)
    if p_article < 0.5 and has_article_body(infos):
        p_article = 0.5
    is_article = p_article >= 0.5
    if not live:
        return is_article
    feats = block_features(infos, [bool(b.glue) for b in live], uri, p_article, afeat)
    best, probs = model.decode(feats, chain)
    for k, (b, info) in enumerate(zip(live, infos, strict=True)):
        if info.shape is not None:
            b.kind, b.reason, b.score = "boilerplate", info.shape, 1.0
            continue
        if info.lex is not None:
            b.kind, b.reason, b.score = "boilerplate", f"lexicon:{info.lex}", 1.0
            continue
        if feats[k, INDEX["time_only"]]:
            b.kind, b.reason, b.score = "boilerplate", "pattern:time_stamp", 1.0
            continue
        b.kind, b.score = model.classes[best[k]], float(probs[k, best[k]])
        if b.kind == "boilerplate":
            b.reason = model.top_reason(feats[k])
    _structure(
        live,
        probs,
        {c: i for i, c in enumerate(model.classes)},
        model,
        record_title,
        is_article,
        feats,
        infos=infos,
        uri=uri,
    )
    return is_article


def classify_document(
    blocks: list[Block],
    uri: str | None = None,
    model: LineModel | None = None,
    record_title: str | None = None,
    chain: bool = True,
) -> tuple[list[Block], bool]:
    """What the ``classify`` stage does to a text dump's blocks: label them (:func:`classify_blocks`),
    split glued parts, relabel :mod:`khabar.clean.headings`' classes and name the finer kinds. Returns
    the blocks and ``is_article``; the cross-validation calls it with each fold's model."""
    from khabar.clean.headings import heading_classes
    from khabar.clean.structure import refine_kinds, split_glued

    is_article = classify_blocks(blocks, uri, model, record_title, chain)
    return refine_kinds(heading_classes(split_glued(blocks))), is_article


def _second_best(p: np.ndarray, classes: tuple[str, ...], exclude: set[str]) -> tuple[str, float]:
    for k in np.argsort(-p):
        if classes[k] not in exclude:
            return classes[k], float(p[k])
    return "paragraph", 0.0


#: how far down a dump the title is looked for when the model names none: the lines above the first
#: paragraph, at most this many (a title below six lines of furniture is rare in the gold set)
_TITLE_WINDOW = 6
#: the least title probability a fallback candidate needs (the first-pass threshold was 0.25 among
#: kept lines; a line the model removed as furniture competes only after the class rules cleared it)
_TITLE_FALLBACK_P = 0.25
#: the page's first lines read for a masthead (:func:`~khabar.clean.titles.masthead`: its lines and
#: the two menu lines under them)
_MASTHEAD_SCAN = 8


def _structure(
    live: list[Block],
    probs: np.ndarray,
    ci: dict[str, int],
    model: LineModel,
    record_title: str | None = None,
    is_article: bool = True,
    feats: np.ndarray | None = None,
    *,
    infos: list[LineInfo] | None = None,
    uri: str | None = None,
) -> None:
    """One title at most (the record's own if the input gave one, else the likeliest line that can be
    a title), sections only above it, and section names above it as sections. ``feats``: the blocks'
    line features (for the cues of :func:`_headline_below`)."""
    t = ci["title"]
    tag_ws = tag_words(uri)
    forced = -1
    demoted: list[int] = []  # model titles that are section names or breadcrumbs
    if record_title and record_title.strip():
        for i, b in enumerate(live[:_TITLE_WINDOW]):
            if _removable(b) and matches_record_title(b.text, record_title):
                forced = i
                live[i].kind, live[i].score, live[i].reason = "title", 1.0, None
                break
    # the masthead (the site's name over its menu) and credit lines naming the site are no title
    mast = masthead(
        [b.text for b in live[:_MASTHEAD_SCAN]], [b.reason == "lexicon:nav" for b in live[:_MASTHEAD_SCAN]]
    )
    sites = masthead_names([b.text for b in live[:mast]])
    site_lines = {i for i, b in enumerate(live) if i < mast or (sites and names_site(b.text, sites))}
    # lines that can never be the title (section names, breadcrumbs, labels, source tags) lose it
    for i, b in enumerate(live):
        if b.kind == "title" and i != forced:
            why = title_reject(b.text) or off_tag(b.text, tag_ws)
            if why is None and i in site_lines:
                why = "masthead" if i < mast else "source_tag"
            if why is None:
                continue
            if why in ("section_name", "breadcrumb"):
                b.kind = "section"
                demoted.append(i)
            elif why == "source_tag":
                b.kind = "byline"
            else:
                b.kind, b.score = _second_best(probs[i], model.classes, {"title"})
                if why in ("open_sentence", "salutation"):
                    # an open sentence ("السيد النائب،" over a letter) or a greeting is the text's
                    # start, not chrome
                    b.kind = "paragraph"
                elif b.kind == "boilerplate":
                    b.reason = f"feature:not_a_title:{why}"
    titles = [i for i, b in enumerate(live) if b.kind == "title"]
    if forced < 0 and titles and not any(b.kind not in ("title", "section", "boilerplate") for b in live):
        # a title stands over its text: deep in a page whose every other line was removed (a blog's
        # index of headline and teaser pairs), a "title" is one more listed headline
        for i in [i for i in titles if i >= _TITLE_WINDOW]:
            live[i].kind, live[i].score = _second_best(probs[i], model.classes, {"title"})
            if live[i].kind == "boilerplate":
                live[i].reason = "feature:not_a_title:listed_headline"
        titles = [i for i in titles if i < _TITLE_WINDOW]
    if forced >= 0:
        keep = forced
    elif titles:
        keep = max(titles, key=lambda i: probs[i][t])
        if infos is not None and feats is not None:
            below = _confirmed_below(live, infos, feats, keep, site_lines)
            if below != keep:
                live[below].kind, live[below].score, live[below].reason = (
                    "title",
                    float(probs[below][t]),
                    None,
                )
                titles.append(below)
                keep = below
    else:
        # no block was most likely a title: take the likeliest line above the first paragraph that can
        # be one, even one the model removed as furniture (the rules above cleared the usual suspects)
        # the first long paragraph (20 words: LineInfo.long) starts the article's body
        first_para = next((i for i, b in enumerate(live) if b.text.count(" ") >= 19), len(live))
        if first_para == len(live) and infos is not None and (start := article_body_start(infos)) >= 0:
            first_para = start  # a short news item's body: sentences under twenty words
        has_body = any(b.kind == "paragraph" for b in live)

        def repeated(i: int) -> bool:
            return live[i].reason == "feature:repeated_line"

        # the model-decided lines nearest above the body (furniture the rules removed does not count)
        above = [i for i in range(min(first_para, len(live))) if _removable(live[i])]
        # nearest the body when there is one (furniture stands between a title and the top), else the
        # page's first lines (verse and short items have no long paragraph)
        above = above[-_TITLE_WINDOW:] if first_para < len(live) else above[:_TITLE_WINDOW]
        cands = [
            i
            for i in above
            # on a listing page, or above no kept text, the lines the model removed are other pages'
            # headlines; a line repeated with variants (a list of look-alike items) is none either
            if (live[i].reason is None or (is_article and has_body and not repeated(i)))
            and probs[i][t] >= _TITLE_FALLBACK_P
            and title_reject(live[i].text) is None
            and off_tag(live[i].text, tag_ws) is None
            and i not in site_lines
        ]
        keep = max(cands, key=lambda i: probs[i][t]) if cands else -1
        if keep < 0 and feats is not None:
            keep = _headline_below(live, demoted, first_para, feats, site_lines)
        if keep < 0 and feats is not None and infos is not None and has_body:
            # a listing URL's slug names the category or tag, which the page's menu repeats
            url_ws = url_content_words(uri) if not _url_shape(uri)[0] else set()
            keep = _title_by_agreement(live, infos, url_ws, feats, first_para, site_lines)
        if keep < 0 and feats is not None and has_body:
            keep = _headline_over_byline(live, feats, first_para, site_lines)
        if keep < 0 and feats is not None and infos is not None and not has_body:
            keep = _tag_name_title(live, infos, feats, site_lines)
        if keep < 0 and infos is not None:
            keep = _product_name_title(live, infos, site_lines)
        if keep < 0 and feats is not None and infos is not None:
            keep = _first_kept_headline(live, infos, feats, first_para, site_lines - set(range(mast)))
        if keep < 0 and feats is not None and infos is not None and first_para == len(live):
            keep = _verse_title(live, infos, feats, site_lines)
        if keep < 0:
            keep = _headline_read_as_byline(live, feats, site_lines)
        if keep < 0 and infos is not None:
            keep = _first_line_title(live, infos, feats, probs[:, t], is_article, site_lines, tag_ws)
        if keep >= 0:
            live[keep].kind, live[keep].score, live[keep].reason = "title", float(probs[keep][t]), None
    if forced < 0 and keep >= 0 and (below := _under_page_title(live, keep)) >= 0:
        # the page's <title> ("headline - site") over the headline printed alone: the latter
        live[keep].kind, live[keep].reason = "boilerplate", "feature:not_a_title:page_title"
        live[below].kind, live[below].score, live[below].reason = "title", float(probs[below][t]), None
        titles, keep = [i for i in titles if i != keep] + [below], below
    if forced < 0 and keep == 1 and is_digest(live, site_lines):
        # a column's name over its items: the name is the title, the first item's headline a heading
        live[0].kind, live[0].reason, live[1].kind = "title", None, "heading"
        titles, keep = [0], 0
    elif keep >= 1 and forced < 0 and infos and _over_standfirst(live, infos, feats, site_lines, keep):
        # the headline over its standfirst: the standfirst is the text's, a heading (never a byline)
        live[keep - 1].kind, live[keep - 1].reason, live[keep].kind = "title", None, "heading"
        titles, keep = [keep - 1], keep - 1
    # with no title, the section path stands above the body's first long paragraph
    top = next((i for i, b in enumerate(live) if b.text.count(" ") >= 19), 0) if is_article else 0
    for i in titles:
        if i != keep:
            live[i].kind, live[i].score = _second_best(probs[i], model.classes, {"title"})
            if live[i].kind == "boilerplate":
                live[i].reason = "feature:second_title"
    for i, b in enumerate(live):
        if b.kind == "section" and keep >= 0 and i > keep:
            b.kind, b.score = _second_best(probs[i], model.classes, {"section", "title"})
            if b.kind == "boilerplate":
                b.reason = "feature:section_below_title"
        elif (
            i < (keep if keep >= 0 else top)
            and b.kind != "section"
            and _removable(b)
            and (is_section_name(b.text) or is_breadcrumb(b.text))
        ):
            # "سياسة", "أخبار محلية" or "الرئيسية » لبنان » سياسة" above the title names the page's
            # section, whatever the model said
            b.kind, b.reason = "section", None
    menus_are_no_path(live, keep, site_lines, mast)
    if feats is not None and keep >= 0:
        credits_under_title(live, feats, keep, site_lines)
    if is_article:
        date_after_body(live)
    _keep_a_body(live, probs, model)


def _keep_a_body(live: list[Block], probs: np.ndarray, model: LineModel) -> None:
    """A page with a title or a section path keeps some text beside it: when every other block is
    removed, each for its place at the page's end alone (``feature:after_article_end``), those blocks
    are kept, as their next likeliest kind.

    The end of a page is where its chrome gathers, so a block near it leans to boilerplate; on a short
    page ("خبر جديد" / "الشعير مرة أخرى", or a section word over one paragraph) that is the body's
    only text, and removing it leaves a heading over nothing (the decoder already never removes every
    paragraph the line model kept; this is the same guarantee for the line model's own removals). When
    any block was removed for what it says (a menu word, a share bar, a run of headlines), the page is
    chrome and stays removed: restoring the end lines of every such page cost leave-site-out
    held-out boilerplate F1 0.904 -> 0.811."""
    head = [b for b in live if b.kind in ("title", "section")]
    rest = [i for i, b in enumerate(live) if b.kind not in ("title", "section")]
    if not head or not rest or any(live[i].reason != "feature:after_article_end" for i in rest):
        return
    for i in rest:
        b = live[i]
        b.kind, b.score = _second_best(probs[i], model.classes, {"boilerplate", "title", "section"})
        b.reason = None
