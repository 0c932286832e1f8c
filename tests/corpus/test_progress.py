"""khabar run's progress per record, phase times, load average and default workers / shard size."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest

from khabar.corpus import run
from khabar.corpus.progress import Phases, Poller, set_counter, tick
from khabar.corpus.runner import (
    ShardOptions,
    ShardTask,
    auto_shard_size,
    default_workers,
    ids_hash,
    process_shard,
)
from khabar.io import RawRecord, Reject
from khabar.model import Source


def _item(i: int) -> RawRecord:
    return RawRecord(
        id=f"r{i}", raw=f"عنوان الخبر {i}\nنص الخبر رقم {i} عن الاجتماع في الرياض.", source=Source()
    )


def test_a_shard_counts_every_record_it_finishes(tmp_path: Path) -> None:
    # the bar moves per record: the shared counter gains one per input item, rejects included
    items: list[RawRecord | Reject] = [_item(i) for i in range(21)]
    items.append(Reject(id="bad", input="x", code="K100", reason="empty", message="empty record"))
    counter = multiprocessing.get_context("spawn").Value("q", 0)
    set_counter(counter)
    try:
        process_shard(ShardTask(0, items, ids_hash(items), str(tmp_path), "jsonl", ShardOptions()))
    finally:
        set_counter(None)
    assert counter.value == len(items)


def test_without_a_counter_ticking_is_a_no_op() -> None:
    set_counter(None)
    tick(5)  # no error, nothing to count into


def test_the_poller_moves_the_bar_by_what_the_counter_gained() -> None:
    counter = multiprocessing.get_context("spawn").Value("q", 0)
    moved: list[int] = []
    lock = threading.Lock()

    def update(n: int) -> None:
        with lock:
            moved.append(n)

    with Poller(counter, update, every=0.01):
        set_counter(counter)
        for _ in range(10):
            tick(3)
        set_counter(None)
    assert sum(moved) == 30


def test_phases_add_up_their_time() -> None:
    ph = Phases()
    with ph.phase("reading"):
        pass
    with ph.phase("reading"):
        pass
    assert list(ph.seconds) == ["reading"] and ph.seconds["reading"] >= 0
    assert ph.format().startswith("reading ")


@pytest.mark.parametrize(
    ("total", "workers", "size"),
    [(None, 2, 1000), (50_000, 2, 1000), (3096, 2, 387), (3096, 1, 1000), (200, 2, 100), (0, 4, 100)],
)
def test_shards_are_small_enough_to_keep_every_worker_busy(
    total: int | None, workers: int, size: int
) -> None:
    assert auto_shard_size(total, workers) == size


def test_one_worker_per_core_by_default() -> None:
    assert default_workers() >= 1


def test_the_summary_gives_phases_workers_and_load(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "SOURCE.md").write_text("# where these come from", encoding="utf-8")
    src = folder / "in.jsonl"
    src.write_text(
        "\n".join(f'{{"id": "d{i}", "text": "عنوان {i}\\nنص الخبر رقم {i} عن الاجتماع."}}' for i in range(30))
        + "\n",
        encoding="utf-8",
    )
    s = run([str(folder)], str(tmp_path / "out"), workers=None, shard_size=None, progress=False, dedup="off")
    assert s.records_in == 30 == s.records_out
    assert s.workers == 1  # 30 records are one shard: no second worker to spawn
    assert {"reading", "processing"} <= set(s.phases)
    text = s.format()
    assert "phases: reading" in text and "1 worker)" in text
    assert "skipped: 1 (SOURCE.md: documentation)" in text  # counted once, not read as an article
    assert [(Path(p).name, why) for p, why in s.skipped] == [("SOURCE.md", "documentation")]
    d = s.to_dict()
    assert d["workers"] == 1 and "processing" in d["phases"]
