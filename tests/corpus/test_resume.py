"""A run killed with SIGKILL and started again ends with the output of an uninterrupted run; corrupt
inputs are accounted in the rejects and the run completes."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from khabar.corpus import run
from khabar.io import read_jsonl

from conftest import SHARED, need

SAMPLE = SHARED / "data" / "saudinewsnet_sample" / "saudinewsnet_sample_3k.jsonl"


def _cmd(src: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "khabar.cli", "run", str(src), "-o", str(out), "--shard-size", "50",
            "--no-progress", "-q"]  # fmt: skip


def _sorted_lines(out: Path, pattern: str) -> list[bytes]:
    return sorted(line for p in out.glob(pattern) for line in p.read_bytes().splitlines())


def test_sigkill_and_resume_equals_uninterrupted(tmp_path: Path) -> None:
    lines = need(SAMPLE).read_text(encoding="utf-8").splitlines()[:1500]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    killed = tmp_path / "killed"
    stage = killed / ".stage"
    proc = subprocess.Popen(_cmd(src, killed), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if stage.is_dir() and len(list(stage.glob("*.done"))) >= 3:
            os.kill(proc.pid, signal.SIGKILL)  # mid-run: some shards done, one being written
            break
        time.sleep(0.01)
    assert proc.wait(timeout=60) == -signal.SIGKILL, "the run ended before it could be killed"
    assert 3 <= len(list(stage.glob("*.done"))) < 30
    assert subprocess.run(_cmd(src, killed), capture_output=True, timeout=300).returncode == 0

    clean = tmp_path / "clean"
    assert subprocess.run(_cmd(src, clean), capture_output=True, timeout=300).returncode == 0
    assert _sorted_lines(killed, "part-*.jsonl") == _sorted_lines(clean, "part-*.jsonl")
    assert _sorted_lines(killed, "rejects-*.jsonl") == _sorted_lines(clean, "rejects-*.jsonl")
    assert len(_sorted_lines(clean, "part-*.jsonl")) == 1500 - 1  # one SaudiNewsNet record is empty
    # and file by file: the same shards, the same bytes
    names = sorted(p.name for p in clean.iterdir() if p.is_file() and p.name != "summary.json")
    assert names == sorted(p.name for p in killed.iterdir() if p.is_file() and p.name != "summary.json")
    assert all((killed / n).read_bytes() == (clean / n).read_bytes() for n in names)
    assert not list(killed.rglob("*.tmp"))


def test_corrupt_inputs_are_rejects_and_run_completes(tmp_path: Path) -> None:
    lines = need(SAMPLE).read_text(encoding="utf-8").splitlines()[:60]
    d = tmp_path / "in"
    d.mkdir()
    whole = gzip.compress(("\n".join(lines[:40]) + "\n").encode("utf-8"))
    (d / "a.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])  # a truncated gzip stream
    bad = [
        lines[40],
        "{broken",
        '{"id": "x", "content": ',
        "[1, 2]",
        lines[41],
        '"just a string"',
        *lines[42:60],
    ]
    (d / "b.jsonl").write_text("\n".join(bad) + "\n", encoding="utf-8")
    (d / "c.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))  # not text at all
    out = tmp_path / "out"
    s = run([str(d)], str(out), shard_size=10, progress=False)
    assert s.records_in == s.records_out + sum(s.rejects.values())
    assert s.rejects.get("truncated") == 1
    assert s.rejects.get("malformed_json", 0) >= 2
    assert s.records_out >= 20 + 18  # what could be read was processed
    rej = [r for p in sorted(out.glob("rejects-*.jsonl")) for r in read_jsonl(p)]
    assert len(rej) == sum(s.rejects.values())
    assert all(r["message"] and r["code"].startswith("K") for r in rej)
    truncated = next(r for r in rej if r["reason"] == "truncated")
    assert "a.jsonl.gz" in truncated["message"]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["records_in"] == s.records_in
