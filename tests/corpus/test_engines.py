"""The Ray engine writes the same shard files and markers as the local engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.corpus import run
from khabar.corpus.engines import LocalEngine, make_engine
from khabar.errors import UsageError

from conftest import SHARED, need

SAMPLE = SHARED / "data" / "saudinewsnet_sample" / "saudinewsnet_sample_3k.jsonl"


def _files(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "summary.json"
    }


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[object]:
    """One local 2-CPU Ray for the module (Ray takes seconds to start: start it once)."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield ray
    ray.shutdown()


def test_ray_engine_output_equals_local(ray_cluster: object, tmp_path: Path) -> None:
    lines = need(SAMPLE).read_text(encoding="utf-8").splitlines()[:300]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
    kw = {"shard_size": 60, "workers": 2, "progress": False}
    local = run([str(src)], str(tmp_path / "local"), profiles=str(tmp_path / "local" / "profiles"), **kw)
    ray = run(
        [str(src)], str(tmp_path / "ray"), engine="ray", profiles=str(tmp_path / "ray" / "profiles"), **kw
    )
    timing = {"seconds": 0, "docs_per_s": 0, "out_dir": "", "phases": {}, "load_start": 0, "load_end": 0}
    assert ray.to_dict() | timing == local.to_dict() | timing
    assert _files(tmp_path / "ray") == _files(tmp_path / "local")
    assert ray.records_in == 301 and ray.rejects.get("malformed_json") == 1


def test_engine_choices() -> None:
    with make_engine("local", 1) as eng:
        assert isinstance(eng, LocalEngine)
        assert [r for _, r in eng.imap(abs, [-1, -2])] == [1, 2]
    with pytest.raises(UsageError, match="--ray-address needs --engine ray"):
        make_engine("local", 1, "127.0.0.1:6379")
    with pytest.raises(UsageError, match="unknown engine"):
        make_engine("spark", 1)


def test_unreachable_ray_address_fails_fast() -> None:
    """ray.init retries a dead address for minutes; khabar says so at once, with what to do."""
    pytest.importorskip("ray")
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(UsageError, match="cannot reach a Ray cluster"):
        make_engine("ray", 2, f"127.0.0.1:{port}")
