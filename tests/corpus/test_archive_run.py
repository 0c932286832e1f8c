"""khabar run --archive: records land in the archive (written by the parent), reruns add nothing,
duplicate clusters are readable from the archive ("published by N outlets")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.archive import Archive
from khabar.archive.clusters import cluster_members, outlets
from khabar.cli import main
from khabar.corpus import run

from conftest import SHARED, need

SAMPLE = SHARED / "data" / "saudinewsnet_sample" / "saudinewsnet_sample_3k.jsonl"


def _input(tmp_path: Path, n: int) -> Path:
    lines = need(SAMPLE).read_text(encoding="utf-8").splitlines()[:n]
    # one story republished by another outlet, with a new id: a cluster of two sites
    rec = json.loads(lines[3])
    rec.update(id="copy-1", source="othersite", url=None)
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([*lines, json.dumps(rec, ensure_ascii=False), "{bad"]) + "\n", encoding="utf-8")
    return src


def test_run_into_archive_idempotent(tmp_path: Path) -> None:
    src = _input(tmp_path, 80)
    db = tmp_path / "k.db"
    s = run([str(src)], None, archive=str(db), shard_size=30, progress=False)
    assert s.out_dir == str(db) + ".shards"
    with Archive(db) as a:
        assert len(a) == s.records_out == s.archive_added
        runs = a.conn.execute("SELECT records_in, added, rejected, reasons FROM runs").fetchall()
        assert runs == [(s.records_in, s.records_out, sum(s.rejects.values()), json.dumps(s.rejects))]
        (copy_id,) = a.conn.execute("SELECT id FROM documents WHERE source_id = 'copy-1'").fetchone()
        rec = a.get(copy_id)
        assert rec is not None and rec["signals"]["cluster_size"] >= 2
        assert "raw" not in rec
        others = cluster_members(a, copy_id)
        assert others and others[0].representative and others[0].site != "othersite"
        assert outlets(a, copy_id) >= 2
        single = a.conn.execute(
            "SELECT id FROM documents WHERE json_extract(record, '$.signals.cluster_size') = 1"
        ).fetchone()[0]
        assert cluster_members(a, single) == [] and outlets(a, single) == 1
    # final shards carry no raw text unless asked
    first = (Path(s.out_dir) / "part-00000.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert '"raw"' not in first
    # a rerun (and a rerun after a lost shard) stores nothing twice
    (Path(s.out_dir) / "part-00001.done").unlink()
    again = run([str(src)], None, archive=str(db), shard_size=30, progress=False)
    assert again.archive_added == 0 and again.archive_present == 30
    with Archive(db) as a:
        assert len(a) == s.records_out
        assert a.conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 2


def test_cli_default_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _input(tmp_path, 12)
    monkeypatch.chdir(tmp_path)
    assert main(["run", str(src), "--no-progress", "-q", "--no-profiles"]) == 0
    assert (tmp_path / "khabar.db").exists() and (tmp_path / "khabar.db.shards" / "part-00000.done").exists()
    with Archive(tmp_path / "khabar.db") as a:
        assert len(a) == 13
        # the archive mode finds facts, as `khabar process --archive` does
        assert a.conn.execute("SELECT count(*) FROM entities").fetchone()[0] > 0
    assert main(["run", str(src), "--engine", "local", "--ray-address", "x:1", "-o", "o"]) == 2


def test_rows_prepared_by_the_workers_store_what_the_writer_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the workers prepare each record's archive rows (khabar.archive.rows) and the writer only inserts
    # them; without them (a stage from before, or the file lost) the writer analyses the records
    # itself. Both archives hold the same rows, rowids and full-text terms included.
    import khabar.archive.rows as rows_module
    from khabar.archive.contents import contents
    from khabar.cli import FACT_STAGES

    src = _input(tmp_path, 40)
    kw = {"shard_size": 15, "progress": False, "extra": FACT_STAGES}
    s = run([str(src)], str(tmp_path / "a"), archive=str(tmp_path / "a.db"), **kw)
    assert s.archive_added == s.records_out > 30
    assert not list((tmp_path / "a" / ".stage").glob("*.rows.jsonl"))  # used, then removed
    monkeypatch.setattr(rows_module, "load_prepared", lambda path: None)
    s2 = run([str(src)], str(tmp_path / "b"), archive=str(tmp_path / "b.db"), **kw)
    assert s2.archive_added == s.archive_added
    a, b = contents(tmp_path / "a.db"), contents(tmp_path / "b.db")
    assert a["entities"] and a["fts terms"]
    assert a == b


def test_a_resumed_archive_run_reuses_stage_shards_finished_without_prepared_rows(tmp_path: Path) -> None:
    # stage shards finished by an --archive run from before the workers prepared the archive rows
    # (their markers lack the option) hold the same records: a rerun keeps them and stores them
    src = _input(tmp_path, 40)
    db = tmp_path / "k.db"
    first = run([str(src)], None, archive=str(db), shard_size=20, progress=False, dedup="off")
    shards = Path(first.out_dir)
    stage = shards / ".stage"
    for marker in sorted(stage.glob("part-*.done")):
        m = json.loads(marker.read_text(encoding="utf-8"))
        del m["options"]["archive_rows"]
        marker.write_text(json.dumps(m), encoding="utf-8")
    for final in shards.glob("part-*.done"):
        final.unlink()  # the final pass is redone: no prepared rows on disk any more
    db.unlink()
    again = run([str(src)], None, archive=str(db), shard_size=20, progress=False, dedup="off")
    assert again.processed == 0 and again.shards_skipped >= first.shards
    assert again.archive_added == first.archive_added > 0
    with Archive(db) as a:
        assert len(a) == first.records_out
