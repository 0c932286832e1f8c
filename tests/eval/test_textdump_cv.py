"""Leave-site-out floors of the text-dump line model (``khabar eval textdump --cv``).

The in-sample floors are in ``test_floors.py``; these hold the honest figures. The full 10-fold run
takes ~30 s (more on a busy machine), so the default suite checks two of the ten folds (a fixed
quarter of the sites, retrained for real) against floors set from what they measured, and the full
run's stored figures are checked by a slow test (``KHABAR_SLOW=1``). Raise a floor when the scores
improve; never lower one without saying why in the commit.
"""

from __future__ import annotations

import os
from functools import cache

import pytest

from khabar.eval.gold import GoldDoc, load_gold
from khabar.eval.textdump_cv import (
    CVResult,
    cross_validate,
    cv_reports,
    fold_of_sites,
    is_dev_site,
    site_of,
)
from khabar.eval.textdump_extra import load_extra

from conftest import GOLD, need

#: the two folds the fast check retrains (of 10; sites dealt round-robin in sorted order)
FAST_FOLDS = (0, 1)


@cache
def _fast() -> tuple[list, CVResult]:
    pytest.importorskip("sklearn")
    pytest.importorskip("pycrfsuite")  # the chain decoder is trained with CRFsuite
    docs = load_gold(need(GOLD))
    fold_of = fold_of_sites([site_of(d) for d in docs], 10)
    sites = {s for s, f in fold_of.items() if f in FAST_FOLDS}
    # the shipped model trains on the extra dumps too, so every fold does (never scoring them)
    return docs, cross_validate(docs, sites=sites, extra=load_extra())


def test_sites_split_in_two_stable_halves() -> None:
    """The development/held-out split is a property of the site name alone (SHA-1 parity)."""
    assert is_dev_site("seed:seed")  # the project's own example page is development data
    halves = {is_dev_site(f"cc:site{i}.example") for i in range(20)}
    assert halves == {True, False}
    assert is_dev_site("cc:site1.example") == is_dev_site("cc:site1.example")


# measured on folds 0 and 1 (52 documents), with the extra training dumps since the shipped model
# trains on them (2026-12-07): bp F1 0.878, title 0.981, heading F1 0.784, byline F1 0.877, no-URL
# title 0.981 (without them 0.841 / 0.981 / 0.693 / 0.883 / 0.962; before the chain decoder 0.838 /
# 0.981 / 0.676 / 0.883 / 0.962); floors a little below. Byline stays at 0.87: these folds' byline
# F1 is 0.883 -> 0.877 with the extra dumps (the full run's all-sites byline rises 0.926 -> 0.937).
# Heading F1 0.784 -> 0.916 with khabar.clean.headings (item names, interview turns, headlines after a
# credit, verses): floor raised to 0.90
FAST_FLOORS = {
    ("leave-site-out: all sites", "bp"): 0.87,
    ("leave-site-out: all sites", "title"): 0.97,
    ("leave-site-out: all sites", "heading"): 0.90,
    ("leave-site-out: all sites", "byline"): 0.87,
    ("leave-site-out, no URL: all sites", "title"): 0.97,
}


def _value(rep, metric: str) -> float:  # type: ignore[no-untyped-def]
    s = rep.overall
    v = {
        "bp": s.boilerplate.f1,
        "title": s.title.value,
        "heading": s.labels["heading"].f1,
        "byline": s.labels["byline"].f1,
    }[metric]
    assert v is not None
    return float(v)


@pytest.mark.parametrize(("row", "metric"), sorted(FAST_FLOORS))
def test_leave_site_out_floor_on_two_folds(row: str, metric: str) -> None:
    docs, res = _fast()
    rep = cv_reports(docs, res)[row]
    assert rep is not None
    assert _value(rep, metric) >= FAST_FLOORS[row, metric]


def test_in_sample_predictions_match_the_pipeline() -> None:
    """The CV's in-sample predictions go through the same segmentation and classification as
    ``process_text`` (the same titles and block kinds on the folds' documents)."""
    from khabar.api import process_text
    from khabar.model import Source

    docs, res = _fast()
    for d in docs:
        if d.id not in res.in_sample:
            continue
        doc = process_text(d.raw, id=d.id, source=Source(uri=d.url))
        assert doc.title == res.in_sample[d.id].title
        assert [(b.raw_start, b.raw_end, b.kind) for b in doc.blocks] == res.in_sample[d.id].blocks


# issue 14's heading classes (khabar.clean.headings: an item's name over its description, an interview
# turn over its dashed answer, a headline after a source credit, a verse among short lines): heading
# F1 all sites 0.812 -> 0.881 (the target, 0.85: floor raised), held-out 0.865 -> 0.891, no URL
# 0.812 -> 0.869 all / 0.866 -> 0.874 held-out; boilerplate, title and byline unchanged.
# issue 14's eighth round (a listing page's first line, headline under the page's <title>, outlet
# mastheads …): held-out title 0.917 -> 0.931 (the target, 0.93: floor raised), all sites 0.955 ->
# 0.960, held-out bp F1 0.937, byline F1 0.911; no URL title 0.945 -> 0.950 all (the target, 0.95:
# floor raised) and 0.889 -> 0.903 held-out.
# the full 10-fold run with the extra training dumps (2026-12-07, shipped since), after issue 14's sixth
# round (article bodies whatever the page's shape, mastheads, menus, credit lines, headlines over their
# byline, tag and product pages): all sites bp F1 0.931, title 0.955, heading F1 0.812, byline F1
# 0.937; held-out sites 0.934 / 0.917 / 0.865; no URL title 0.945 (all) / 0.889 (held-out). After the
# fifth round (form fields, salutations, section words with a country, glued breadcrumbs, listed
# headlines on tag pages, title by agreement): title 0.945 / 0.903, no URL 0.930 / 0.889. Before them:
# title 0.935 / 0.889, no URL 0.915 / 0.875, heading 0.814. Before the extra dumps: 0.916 / 0.935 /
# 0.795 / 0.926; held-out 0.904 / 0.889 / 0.845; no URL 0.925 / 0.889. Earlier: before the chain
# decoder 0.900 / 0.935 / 0.788 / 0.920, held-out 0.890 / 0.889 / 0.840
FULL_FLOORS = {
    ("leave-site-out: all sites", "bp"): 0.925,
    ("leave-site-out: all sites", "title"): 0.95,
    ("leave-site-out: all sites", "heading"): 0.85,
    ("leave-site-out: all sites", "byline"): 0.93,
    ("leave-site-out: held-out sites", "bp"): 0.93,
    ("leave-site-out: held-out sites", "title"): 0.93,
    ("leave-site-out: held-out sites", "heading"): 0.88,
    ("leave-site-out, no URL: all sites", "title"): 0.95,
    ("leave-site-out, no URL: held-out sites", "title"): 0.90,
}


@pytest.mark.skipif(not os.environ.get("KHABAR_SLOW"), reason="the full 10-fold run: set KHABAR_SLOW=1")
def test_full_leave_site_out_floors() -> None:
    pytest.importorskip("sklearn")
    pytest.importorskip("pycrfsuite")  # the chain decoder is trained with CRFsuite
    docs = load_gold(need(GOLD))
    reps = cv_reports(docs, cross_validate(docs, extra=load_extra()))
    for (row, metric), floor in FULL_FLOORS.items():
        rep = reps[row]
        assert rep is not None
        assert _value(rep, metric) >= floor, (row, metric)


def test_error_spread_counts_removed_text_and_kept_chrome_per_document() -> None:
    """The CV's error line separates text removed from chrome kept and says how much the worst
    documents hold (three hand-made dumps: one loses two paragraphs, one keeps a menu line)."""
    from khabar.eval.gold import parse_gold_record
    from khabar.eval.textdump import Prediction
    from khabar.eval.textdump_cv import error_spread, format_spread

    def doc(i: str) -> GoldDoc:
        lines = [("الرئيسية", "boilerplate"), ("نص أول", "paragraph"), ("نص ثان", "paragraph")]
        rec = {"id": i, "origin": "cc", "source": f"s{i}", "url": None, "is_article": True}
        return parse_gold_record(rec | {"lines": [{"text": t, "label": lab} for t, lab in lines]})

    docs = [doc("a"), doc("b"), doc("c")]

    def pred(d: GoldDoc, kinds: list[str]) -> Prediction:
        spans = [(ln.raw_start, ln.raw_end, k) for ln, k in zip(d.lines, kinds, strict=True)]
        return Prediction(spans, None, True)

    preds = {
        "a": pred(docs[0], ["boilerplate", "boilerplate", "boilerplate"]),  # two paragraphs removed
        "b": pred(docs[1], ["paragraph", "paragraph", "paragraph"]),  # the menu line kept
        "c": pred(docs[2], ["boilerplate", "paragraph", "paragraph"]),  # right
    }
    sp = error_spread(docs, preds, None, top=1)
    assert sp is not None
    assert (sp.docs, sp.tp, sp.fp, sp.fn, sp.top_fp, sp.top_fn) == (3, 2, 2, 1, 2, 1)
    assert "text removed 2 (2 in the 1 worst docs), chrome kept 1" in format_spread("all", sp)


def test_the_chain_learns_that_chrome_comes_in_runs() -> None:
    """why: the chain decoder's transitions are learned from label sequences; on pages where chrome
    follows chrome and content follows content, staying must score above switching."""
    pytest.importorskip("pycrfsuite")
    import numpy as np

    from khabar.eval.textdump_cv import _crf

    rng = np.random.default_rng(3)
    seqs, labels = [], []
    for _ in range(40):
        y = ["boilerplate"] * 3 + ["paragraph"] * 4 + ["boilerplate"] * 3
        # one weak, noisy feature: the transitions must carry the runs
        x = np.column_stack([np.ones(len(y)), [0.6 if lab == "paragraph" else 0.4 for lab in y]])
        seqs.append(x + rng.uniform(0, 0.3, size=x.shape))
        labels.append(y)
    w, t = _crf(seqs, labels, ["boilerplate", "paragraph"], 1.0)
    assert w.shape == (2, 2) and t.shape == (2, 2)
    assert t[0, 0] > t[0, 1] and t[1, 1] > t[1, 0]
