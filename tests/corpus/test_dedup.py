"""Near-duplicates: a lightly edited copy is found, unrelated articles are not."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

pytest.importorskip("datasketch")

from khabar.corpus.dedup import Deduper

# by path, not through `from conftest import`: another tests/ folder has its own conftest module
SAMPLE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "data"
    / "saudinewsnet_sample"
    / "saudinewsnet_sample_3k.jsonl"
)


def _articles(n: int) -> list[str]:
    out = []
    with need(SAMPLE).open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = f"{r.get('title') or ''}\n{r.get('content') or ''}"
            if len(text.split()) > 150:
                out.append(text)
            if len(out) == n:
                break
    return out


def _edit(text: str, n: int, seed: int) -> str:
    rng = random.Random(seed)
    words = text.split()
    for _ in range(n):
        words[rng.randrange(len(words))] = "تعديل"
    return " ".join(words)


def test_edited_copy_found_unrelated_not() -> None:
    arts = _articles(150)
    d = Deduper()
    for a in arts:
        d.add(a)
    baseline = d.clusters()
    planted = [(i, d.add(_edit(arts[i], 4, i))) for i in range(0, 150, 15)]
    clusters = d.clusters()
    member_of = {m: r for r, ms in clusters.items() for m in ms}
    for orig, copy in planted:
        assert member_of.get(copy) == member_of.get(orig) is not None
    # the planted copies join existing clusters or form new pairs; unrelated articles stay apart
    new_pairs = {r for r in clusters if r not in baseline}
    assert len(new_pairs) <= len(planted)
    assert sum(len(m) for m in baseline.values()) <= 0.05 * len(arts)


def test_exact_duplicate_after_normalisation() -> None:
    d = Deduper()
    a = d.add("أعلنت الوزارة اليوم عن افتتاح مستشفى جديد في المدينة بسعة مئة سرير")
    b = d.add("اعلنت الوزاره اليوم عن افتتاح مستشفي جديد في المدينة بسعة مئة سرير")
    c = d.add("فاز الفريق الأول بالبطولة بعد مباراة صعبة أمام منافسه التقليدي")
    assert d.clusters() == {a: [a, b]}
    assert c not in d.clusters()


def need(path: Path) -> Path:
    """Skip the test when the shared SaudiNewsNet sample is not beside the repository."""
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared beside the repository)")
    return path


def test_batched_banding_finds_the_clusters_of_the_incremental_index() -> None:
    """add_rows (numpy banding, the run's serial pass) and add_row (datasketch's index, one by one)
    must give the same clusters: same bands, same candidate rule, same Jaccard check."""
    import random

    import numpy as np

    rng = random.Random(5)
    words = [f"كلمة{i}" for i in range(400)]
    base = [" ".join(rng.choice(words) for _ in range(60)) for _ in range(60)]
    texts = []
    for t in base:
        texts.append(t)
        w = t.split()
        for _ in range(rng.randrange(3)):  # edited copies, some near the threshold
            for _ in range(rng.randrange(1, 25)):
                w[rng.randrange(len(w))] = rng.choice(words)
            texts.append(" ".join(w))
    texts += [texts[3], "", texts[10]]  # exact repeats and an empty record
    rng.shuffle(texts)
    one = Deduper()
    for t in texts:
        one.add(t)
    batch = Deduper()
    batch.add_rows(np.stack([batch.row(t) for t in texts]))
    assert batch.clusters() == one.clusters()
    assert len(one.clusters()) >= 10
