"""``scripts/calibrate_facts.py``: reliability tables and the choice of a threshold for precision."""

from __future__ import annotations

from types import ModuleType

import pytest

from conftest import load_script


@pytest.fixture(scope="module")
def cal() -> ModuleType:
    return load_script("calibrate_facts")


def test_reliability_table_and_ece(cal: ModuleType) -> None:
    # 10 facts at 0.95 of which 9 right, 10 at 0.45 of which 5 right: well calibrated but for 0.05
    pairs = [(0.95, i < 9) for i in range(10)] + [(0.45, i < 5) for i in range(10)]
    rows, ece = cal.reliability(pairs, 10)
    assert [(name, n) for name, n, _, _ in rows] == [("[0.4, 0.5)", 10), ("[0.9, 1.0]", 10)]
    assert rows[1][2] == pytest.approx(0.95) and rows[1][3] == pytest.approx(0.9)
    assert ece == pytest.approx(0.05)


def test_the_lowest_threshold_reaching_the_target(cal: ModuleType) -> None:
    pairs = [(0.95, i < 19) for i in range(20)] + [(0.6, i < 1) for i in range(5)]
    ch = cal.choose("place", pairs, 0.9, 10)
    assert ch.threshold == 0.95 and ch.kept == 20 and ch.precision == pytest.approx(0.95)
    assert cal.choose("place", pairs, 0.7, 10).threshold == 0.0  # everything reaches 0.7 (0.8)
    assert cal.choose("place", pairs, 0.99, 10).threshold is None


def test_every_fact_at_one_keeps_the_threshold_and_says_why(cal: ModuleType) -> None:
    pairs = [(1.0, i % 4 != 0) for i in range(40)]
    ch = cal.choose("org", pairs, 0.9, 10)
    assert ch.constant and ch.threshold is None
    e = cal.entry(ch, "test data", {"threshold": 0.5})
    assert e["threshold"] == 0.5 and "every fact counts 1.0" in e["how_chosen"]
    assert "test data" in e["provenance"]
    e = cal.entry(cal.choose("place", [(0.95, True)] * 9 + [(0.3, False)], 0.95, 10), "test", None)
    assert e["threshold"] == 0.95 and e["measured"]["kept"] == 9


def test_write_leaves_entries_another_script_chose(cal: ModuleType) -> None:
    raw = {
        "person": {"threshold": 0.8, "how_chosen": "out of fold", "provenance": "scripts/train_x.py on dev"},
        "place": {"threshold": 0.5, "how_chosen": "x", "provenance": "scripts/calibrate_facts.py on dev"},
    }
    pairs = [(0.95, True)] * 19 + [(0.3, False)] * 3
    choices = {k: cal.choose(k, pairs, 0.9, 10) for k in ("person", "place", "event")}
    data = dict.fromkeys(choices, "test")
    new, kept = cal.updated(raw, choices, data)
    assert new["person"] == raw["person"] and kept and "train_x" in kept[0]
    assert new["place"]["threshold"] == 0.95 and new["event"]["threshold"] == 0.95
    forced, kept = cal.updated(raw, choices, data, force=True)
    assert forced["person"]["threshold"] == 0.95 and not kept
