"""khabar run: shards, accounting, resume after a lost or half-written shard, workers, Parquet."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from khabar.corpus import RunSummary, run
from khabar.corpus.cli import add_run_parser
from khabar.corpus.runner import done_name, part_name, rejects_name
from khabar.corpus.writers import read_shard

# by path, not through `from conftest import`: another tests/ folder has its own conftest module
SAMPLE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "data"
    / "saudinewsnet_sample"
    / "saudinewsnet_sample_3k.jsonl"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """240 SaudiNewsNet lines, one copied twice (an exact duplicate), plus 2 malformed lines."""
    lines = need(SAMPLE).read_text(encoding="utf-8").splitlines()[:240]
    d = tmp_path_factory.mktemp("in")
    (d / "a.jsonl").write_text("\n".join(lines[:120]) + "\n", encoding="utf-8")
    extra = [*lines[120:], '{"id": "bad", "content": ', lines[5].replace('"id": "', '"id": "copy-')]
    (d / "b.jsonl").write_text("\n".join(extra) + "\n", encoding="utf-8")
    return d


def _records(out: Path, fmt: str = "jsonl") -> list[tuple[str, str, int]]:
    recs = []
    for p in sorted(out.glob(f"part-*.{fmt}")):
        recs += [(r["id"], r["text"], r["signals"].get("cluster_size")) for r in read_shard(str(p), fmt)]
    return sorted(recs)


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and p.name != "summary.json"}


@pytest.fixture(scope="module")
def baseline(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunSummary]:
    out = tmp_path_factory.mktemp("base")
    return out, run([str(corpus)], str(out), shard_size=50, progress=False)


def test_counts_add_up(baseline: tuple[Path, RunSummary]) -> None:
    out, s = baseline
    assert s.records_in == 242
    assert s.records_in == s.records_out + sum(s.rejects.values())
    assert s.rejects.get("malformed_json") == 1
    assert s.shards == 5
    assert len(_records(out)) == s.records_out
    rejected = sum(1 for p in out.glob("rejects-*.jsonl") for _ in p.open(encoding="utf-8"))
    assert rejected == sum(s.rejects.values())
    by_id = {r[0]: r for r in _records(out)}
    copy_id = next(i for i in by_id if i.startswith("copy-"))
    assert by_id[copy_id][2] >= 2  # the planted exact duplicate is in a cluster
    assert not list(out.rglob("*.tmp"))


def test_rerun_redoes_only_missing_shard(
    baseline: tuple[Path, RunSummary], tmp_path: Path, corpus: Path
) -> None:
    base, _ = baseline
    out = tmp_path / "out"
    run([str(corpus)], str(out), shard_size=50, progress=False)
    os.remove(out / part_name(2, "jsonl"))  # a lost final shard
    os.remove(out / ".stage" / part_name(3, "jsonl"))  # a lost pass-1 shard
    s = run([str(corpus)], str(out), shard_size=50, progress=False)
    assert s.processed == 50  # only shard 3 went through the pipeline again
    assert s.shards_skipped == 4
    assert _files(out) == _files(base)


def test_killed_shard_is_redone(baseline: tuple[Path, RunSummary], tmp_path: Path, corpus: Path) -> None:
    base, _ = baseline
    out = tmp_path / "out"
    run([str(corpus)], str(out), shard_size=50, progress=False)
    # what SIGKILL leaves mid-shard: a half-written .tmp and no completion marker
    stage = out / ".stage"
    os.remove(stage / done_name(1))
    os.remove(stage / part_name(1, "jsonl"))
    (stage / (part_name(1, "jsonl") + ".tmp")).write_bytes(b'{"id": "half')
    os.remove(out / done_name(1))
    (out / (rejects_name(1) + ".tmp")).write_bytes(b"")
    s = run([str(corpus)], str(out), shard_size=50, progress=False)
    assert s.processed == 50
    assert _files(out) == _files(base)
    assert not list(out.rglob("*.tmp"))


def test_two_workers_equal_one(baseline: tuple[Path, RunSummary], tmp_path: Path, corpus: Path) -> None:
    base, s1 = baseline
    s2 = run([str(corpus)], str(tmp_path), shard_size=50, workers=2, progress=False)
    assert _files(tmp_path) == _files(base)
    assert s2.records_out == s1.records_out


def test_keep_first_moves_duplicates_to_rejects(corpus: Path, tmp_path: Path) -> None:
    s = run([str(corpus)], str(tmp_path), shard_size=100, dedup="keep-first", progress=False)
    assert s.rejects.get("duplicate", 0) >= 1
    assert s.records_in == s.records_out + sum(s.rejects.values())
    kept = [r for p in sorted(tmp_path.glob("part-*.jsonl")) for r in read_shard(str(p), "jsonl")]
    assert all(r["signals"]["dup_representative"] for r in kept)  # one survivor per cluster
    dups = [
        line
        for p in tmp_path.glob("rejects-*.jsonl")
        for line in p.open(encoding="utf-8")
        if "duplicate" in line
    ]
    assert len(dups) == s.rejects["duplicate"]


def test_parquet_round_trip(corpus: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    s = run([str(corpus)], str(tmp_path / "pq"), shard_size=100, fmt="parquet", progress=False)
    run([str(corpus)], str(tmp_path / "js"), shard_size=100, progress=False)
    table = pq.read_table(str(tmp_path / "pq" / part_name(0, "parquet")))
    assert {"id", "text", "title", "source", "blocks", "signals"} <= set(table.column_names)
    assert table.schema.field("is_article").type == "bool"
    total = sum(pq.read_table(str(p)).num_rows for p in (tmp_path / "pq").glob("part-*.parquet"))
    assert total == s.records_out
    for i in range(3):
        assert list(read_shard(str(tmp_path / "pq" / part_name(i, "parquet")), "parquet")) == list(
            read_shard(str(tmp_path / "js" / part_name(i, "jsonl")), "jsonl")
        )


def test_parquet_is_typed_for_duckdb_and_pyarrow(corpus: Path, tmp_path: Path) -> None:
    # corpus builders filter on quality, language, duplicates and block kinds without JSON functions
    duckdb = pytest.importorskip("duckdb")
    pq = pytest.importorskip("pyarrow.parquet")
    run([str(corpus)], str(tmp_path), shard_size=100, fmt="parquet", progress=False)
    files = str(tmp_path / "part-*.parquet")
    con = duckdb.connect()
    ((n, ar),) = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE quality > 0.8 AND lang = 'ar') FROM '{files}'"
    ).fetchall()
    assert n > 200 and 0 < ar <= n
    ((dup,),) = con.execute(f"SELECT count(*) FROM '{files}' WHERE is_duplicate").fetchall()
    assert dup >= 1  # the corpus holds an exact copy
    kinds = dict(
        duckdb.sql(
            f"SELECT b.kind, count(*) FROM (SELECT unnest(blocks) AS b FROM '{files}') GROUP BY 1"
        ).fetchall()
    )
    assert kinds["title"] > 0 and kinds["boilerplate"] > 0
    ((words,),) = con.execute(f"SELECT max(signals.words) FROM '{files}'").fetchall()
    assert words > 100
    table = pq.read_table(str(tmp_path / part_name(0, "parquet")))
    assert "struct<kind: string, text: string, start: int64" in str(table.schema.field("blocks").type)
    assert str(table.schema.field("quality").type) == "double"


def test_off_writes_straight_and_cli_parses(corpus: Path, tmp_path: Path) -> None:
    s = run([str(corpus)], str(tmp_path), shard_size=100, dedup="off", progress=False)
    assert not (tmp_path / ".stage").exists()
    assert s.records_in == s.records_out + sum(s.rejects.values())
    import argparse

    parser = argparse.ArgumentParser()
    add_run_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(
        ["run", "x", "-o", "y", "--format", "parquet", "--workers", "2", "--dedup", "off"]
    )
    assert (args.format, args.workers, args.dedup, args.shard_size) == ("parquet", 2, "off", None)


def need(path: Path) -> Path:
    """Skip the test when the shared SaudiNewsNet sample is not beside the repository."""
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared beside the repository)")
    return path


def test_shard_options_write_the_marker_keys_runs_wrote_before() -> None:
    # why: a rerun compares each finished shard's marker with the run's options; the typed options
    # must write exactly the dict the markers of earlier runs hold, or every shard would be redone
    from khabar.corpus.runner import ShardOptions

    assert ShardOptions(extra=("entities",), meta_fields=("url",), dedup_sig=True).marker() == {
        "extra": ["entities"],
        "keep_raw": False,
        "text_field": None,
        "id_field": None,
        "meta_fields": ["url"],
        "date_field": None,
        "site_field": None,
        "profiles": None,
        "dedup_sig": True,
    }
    assert ShardOptions(min_confidence=0.5).marker()["min_confidence"] == 0.5
