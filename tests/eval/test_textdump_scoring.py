"""Scoring predicted blocks against gold units: known P/R/F1 on a tiny hand-made gold set."""

from __future__ import annotations

import json
from typing import Any

import pytest

from khabar.errors import UsageError
from khabar.eval.gold import GOLD_LABELS, GoldDoc, default_gold_path, load_gold, parse_gold_record
from khabar.eval.textdump import (
    KIND_TO_LABEL,
    Prediction,
    decide_units,
    errors,
    format_errors,
    gold_prediction,
    score,
)
from khabar.model import BLOCK_KINDS

# non-whitespace characters: T 2, P1 3, P2 6, B1 2, B2 4
LINES = [("tt", "title"), ("p p p", "paragraph"), ("qqqqqq", "paragraph"), ("bb", "boilerplate"),
         ("cccc", "boilerplate")]  # fmt: skip


def make_doc(lines: list[tuple[str, str]], doc_id: str = "a", origin: str = "cc", **extra: Any) -> GoldDoc:
    rec = {"id": doc_id, "origin": origin, "source": "s", "url": "u", "is_article": True, **extra}
    rec["lines"] = [{"text": t, "label": lab} for t, lab in lines]
    return parse_gold_record(rec)


def span(doc: GoldDoc, i: int, kind: str) -> tuple[int, int, str]:
    line = doc.lines[i]
    return (line.raw_start, line.raw_end, kind)


@pytest.fixture
def doc() -> GoldDoc:
    return make_doc(LINES)


def test_known_precision_recall_f1(doc: GoldDoc) -> None:
    # title right, P1 right, P2 dropped (no block: removed), B1 right, B2 kept as paragraph
    pred = Prediction([span(doc, 0, "title"), span(doc, 1, "paragraph"), span(doc, 3, "boilerplate"),
                       span(doc, 4, "paragraph")], title="tt", is_article=True)  # fmt: skip
    r = score([doc], {"a": pred})
    assert list(r.groups) == ["cc", "overall"]
    s = r.overall
    assert (s.n_docs, s.n_units) == (1, 5)
    b = s.boilerplate
    assert (b.tp, b.fp, b.fn) == (1, 1, 1)
    assert b.precision == b.recall == b.f1 == pytest.approx(0.5)
    # by characters: tp = B1 (2), fp = P2 (6), fn = B2 (4)
    c = s.boilerplate_chars
    assert (c.tp, c.fp, c.fn) == (2, 6, 4)
    assert c.precision == pytest.approx(2 / 8)
    assert c.recall == pytest.approx(2 / 6)
    assert c.f1 == pytest.approx(4 / 14)
    para = s.labels["paragraph"]
    assert (para.tp, para.fp, para.fn) == (1, 1, 1)
    assert s.labels["title"].f1 == 1.0
    # labels that occur neither in the gold nor in the predictions are undefined, not 0 or 1
    assert s.labels["caption"].precision is None and s.labels["caption"].f1 is None
    assert s.confusion["paragraph"] == {**dict.fromkeys(GOLD_LABELS, 0), "paragraph": 1, "boilerplate": 1}
    assert s.confusion["boilerplate"]["paragraph"] == 1
    assert s.title.value == 1.0 and s.is_article.value == 1.0
    assert s.boilerplate_lines.f1 == pytest.approx(0.5)
    json.dumps(r.to_dict())  # JSON-ready
    table = r.format_table()
    assert "overall" in table and "confusion" in table and "0.500" in table


def test_majority_rules(doc: GoldDoc) -> None:
    q = doc.lines[2]  # "qqqqqq": 6 non-whitespace characters
    half = Prediction([(q.raw_start, q.raw_start + 3, "paragraph")])  # other half uncovered: a tie
    [_, _, d, _, _] = decide_units(doc, half)
    assert d.votes == {"paragraph": 3, "boilerplate": 3}
    assert d.predicted == "paragraph" and not d.predicted_boilerplate
    most = Prediction(
        [(q.raw_start, q.raw_start + 2, "heading"), (q.raw_start + 2, q.raw_end, "boilerplate")]
    )
    d = decide_units(doc, most)[2]
    assert d.predicted == "boilerplate" and d.predicted_boilerplate
    split = Prediction(
        [(q.raw_start, q.raw_start + 2, "heading"), (q.raw_start + 2, q.raw_start + 4, "title")]
    )
    d = decide_units(doc, split)[2]
    # heading 2, title 2, nothing 2: a content label wins the tie, then the earlier gold label;
    # the boilerplate share (2 of 6) is no majority
    assert d.predicted == "title" and not d.predicted_boilerplate


def test_whitespace_does_not_vote() -> None:
    doc = make_doc([("a          b", "paragraph")])
    # the block covers only the spaces and "b": 1 of 2 non-whitespace characters
    d = decide_units(doc, Prediction([(1, 12, "paragraph")]))[0]
    assert d.chars == 2 and d.votes == {"paragraph": 1, "boilerplate": 1}


def test_kinds_map_to_gold_labels() -> None:
    assert set(KIND_TO_LABEL) == set(BLOCK_KINDS)
    assert set(KIND_TO_LABEL.values()) == set(GOLD_LABELS)
    doc = make_doc([("Riyadh - SPA", "byline"), ("a quote", "paragraph"), ("- an item", "paragraph")])
    pred = Prediction([span(doc, 0, "dateline"), span(doc, 1, "quote"), span(doc, 2, "list_item")])
    assert [d.predicted for d in decide_units(doc, pred)] == ["byline", "paragraph", "paragraph"]


def test_title_and_is_article_accuracy() -> None:
    with_title = make_doc([("عنوان  الخبر", "title"), ("نص.", "paragraph")], doc_id="t")
    without = make_doc([("نص.", "paragraph")], doc_id="n", is_article=False)
    preds = {
        "t": Prediction([], title="  عنوان الخبر\n", is_article=True),  # whitespace is collapsed
        "n": Prediction([], title=None, is_article=None),  # no title either way: right; None: wrong
    }
    s = score([with_title, without], preds).overall
    assert (s.title.correct, s.title.total) == (2, 2)
    assert (s.is_article.correct, s.is_article.total) == (1, 2)
    preds["n"] = Prediction([], title="عنوان", is_article=False)
    s = score([with_title, without], preds).overall
    assert (s.title.correct, s.is_article.correct) == (1, 2)


def test_groups_by_origin() -> None:
    docs = [make_doc(LINES, "a", "cc"), make_doc(LINES, "b", "saudinewsnet"), make_doc(LINES, "c", "other")]
    r = score(docs, {d.id: gold_prediction(d) for d in docs})
    assert list(r.groups) == ["saudinewsnet", "cc", "other", "overall"]
    assert r.groups["cc"].n_units == 5 and r.overall.n_units == 15


def test_bad_predictions_raise(doc: GoldDoc) -> None:
    with pytest.raises(UsageError, match="no prediction"):
        score([doc], {})
    with pytest.raises(UsageError, match="unknown block kind"):
        score([doc], {"a": Prediction([(0, 2, "headline")])})
    with pytest.raises(UsageError, match="outside the dump"):
        score([doc], {"a": Prediction([(0, len(doc.raw) + 1, "paragraph")])})


def test_errors_lists_the_worst_units_first(doc: GoldDoc) -> None:
    pred = Prediction([span(doc, 0, "title"), span(doc, 1, "paragraph"), span(doc, 3, "boilerplate"),
                       span(doc, 4, "paragraph")])  # fmt: skip
    errs = errors([doc], {"a": pred}, limit=None)
    assert [(e.line_index, e.gold, e.predicted, e.wrong_chars) for e in errs] == [
        (2, "paragraph", "boilerplate", 6),
        (4, "boilerplate", "paragraph", 4),
    ]
    assert errs[0].text == "qqqqqq" and errs[0].doc_id == "a"
    assert len(errors([doc], {"a": pred}, limit=1)) == 1
    table = format_errors(errs)
    assert "qqqqqq" in table and "cccc" in table


def test_perfect_predictor_scores_one_everywhere(doc: GoldDoc) -> None:
    golds = [doc]
    path = default_gold_path()
    if path.exists():
        golds = load_gold(path)
    r = score(golds, {d.id: gold_prediction(d) for d in golds})
    assert errors(golds, {d.id: gold_prediction(d) for d in golds}) == []
    for s in r.groups.values():
        for prf in [s.boilerplate, s.boilerplate_chars, s.boilerplate_lines, *s.labels.values()]:
            for v in (prf.precision, prf.recall, prf.f1):
                assert v is None or v == 1.0
        assert s.title.value == 1.0 and s.is_article.value == 1.0
        assert sum(s.confusion[g][p] for g in GOLD_LABELS for p in GOLD_LABELS if g != p) == 0
    assert r.overall.boilerplate.f1 == 1.0
    if path.exists():  # every label occurs in the full gold set
        assert all(p.f1 == 1.0 for p in r.overall.labels.values())


def test_all_paragraph_predictor_finds_no_boilerplate(doc: GoldDoc) -> None:
    r = score([doc], {"a": Prediction([(0, len(doc.raw), "paragraph")], is_article=True)})
    b = r.overall.boilerplate
    assert b.recall == 0.0 and b.precision is None and b.f1 == 0.0
    assert r.overall.labels["paragraph"].recall == 1.0
    assert r.overall.labels["paragraph"].precision == pytest.approx(2 / 5)
