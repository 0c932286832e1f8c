"""Accuracy floors on the line-labelled gold set (as trafilatura keeps an F1 floor in CI).

Each number is what khabar measured when the floor was set (see the closing notes of the core issue
and ``khabar eval textdump``), rounded down a little; a change that drops below it fails here. Raise a
floor when the scores improve; never lower one without saying why in the commit.
"""

from __future__ import annotations

from functools import cache

import pytest

from khabar.eval.textdump import Report

from conftest import GOLD, need


@cache
def _report() -> Report:
    from khabar.eval.run import khabar_report

    return khabar_report(need(GOLD))


FLOORS = {
    # (group, metric): floor
    # the acceptance: boilerplate F1 >= 0.95 overall and >= 0.90 per origin, heading F1 >= 0.85,
    # title accuracy >= 0.95, is_article accuracy >= 0.90 (measured 0.951 / 0.958 / 0.951 / 1.0 /
    # 0.899 / 0.955 / 0.935 when set; the model is trained on this set — scores/CV in scripts/train_lines.py)
    # In-sample floors went down when the shipped line model began to train on the 64 extra dumps
    # (2026-12-07): the model now fits 265 pages, not only these 201, so it fits them less closely
    # (overall bp F1 0.962 -> 0.946, cc 0.960 -> 0.943, heading 0.930 -> 0.911, title 0.960 -> 0.950),
    # while on sites it never saw it does better (leave-site-out held-out bp 0.904 -> 0.933, heading
    # 0.845 -> 0.865: test_textdump_cv.py). Overall bp now sits under the core issue's in-sample 0.95.
    ("overall", "boilerplate_f1"): 0.94,  # 0.946 with the extra dumps (0.962 gold only)
    ("saudinewsnet", "boilerplate_f1"): 0.975,  # 0.982 (0.982 gold only; 0.974, 0.950 before)
    ("cc", "boilerplate_f1"): 0.94,  # 0.943 with the extra dumps (0.960 gold only, 0.954 before)
    ("seed", "boilerplate_f1"): 1.0,
    ("overall", "heading_f1"): 0.905,  # 0.911 with the extra dumps (0.928 gold only, 0.895 before)
    # 0.955 with issue 14's sixth-round title classes (0.950 before them; 0.960 gold only)
    ("overall", "title_accuracy"): 0.95,
    ("overall", "is_article_accuracy"): 0.93,
}


def _metric(group: str, metric: str) -> float:
    s = _report().groups[group]
    if metric == "boilerplate_f1":
        v = s.boilerplate.f1
    elif metric == "heading_f1":
        v = s.labels["heading"].f1
    elif metric == "title_accuracy":
        v = s.title.value
    else:
        v = s.is_article.value
    assert v is not None
    return v


@pytest.mark.parametrize(("group", "metric"), sorted(FLOORS))
def test_floor(group: str, metric: str) -> None:
    assert _metric(group, metric) >= FLOORS[group, metric]


def test_boilerplate_f1_beats_the_datatrove_baselines() -> None:
    """khabar's boilerplate F1 is strictly above every datatrove baseline's, measured in this run."""
    pytest.importorskip("datatrove")
    pytest.importorskip("spacy")
    from khabar.eval.baseline import run_baselines
    from khabar.eval.gold import load_gold
    from khabar.eval.textdump import score

    golds = load_gold(need(GOLD))
    ours = _metric("overall", "boilerplate_f1")
    for name, (preds, _) in run_baselines(golds).items():
        theirs = score(golds, preds).overall.boilerplate.f1 or 0.0
        assert ours > theirs, f"datatrove {name}: {theirs:.3f} >= khabar {ours:.3f}"
