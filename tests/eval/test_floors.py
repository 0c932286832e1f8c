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
    ("overall", "boilerplate_f1"): 0.955,  # 0.962 with the chain decoder (0.958 before)
    ("saudinewsnet", "boilerplate_f1"): 0.975,  # 0.982 with the chain decoder (0.974, 0.950 before)
    ("cc", "boilerplate_f1"): 0.955,  # 0.960 with the chain decoder (0.956, 0.954 before)
    ("seed", "boilerplate_f1"): 1.0,
    ("overall", "heading_f1"): 0.92,  # 0.928 with the body-agreement features (0.909, 0.895 before)
    ("overall", "title_accuracy"): 0.955,  # 0.960 since issue 14 (0.955 before)
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
