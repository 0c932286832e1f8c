"""The layout of a ``khabar run`` output folder: shard file names, completion markers, atomic writes.

Below :mod:`khabar.corpus.runner`, :mod:`khabar.corpus.dedup` and :mod:`khabar.corpus.profiles`, which
all write into the same folder (the runner's docstring describes the layout and how it survives a crash).
"""

from __future__ import annotations

import json
import os
from typing import Any

from khabar.corpus.writers import shard_suffix

__all__ = ["STAGE_DIR", "done_name", "part_name", "read_marker", "rejects_name", "write_json_atomic"]

#: pass-2 shards (dedup or archive on) are written here first, the final shards from them
STAGE_DIR = ".stage"


def part_name(idx: int, fmt: str) -> str:
    return f"part-{idx:05d}{shard_suffix(fmt)}"


def rejects_name(idx: int) -> str:
    return f"rejects-{idx:05d}.jsonl"


def done_name(idx: int) -> str:
    return f"part-{idx:05d}.done"


def write_json_atomic(path: str, obj: Any) -> None:
    """Write ``obj`` as JSON to ``path`` through ``path.tmp`` and a rename."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_marker(path: str) -> dict[str, Any] | None:
    """A completion marker, or None when it is missing or unreadable."""
    try:
        with open(path, encoding="utf-8") as f:
            m = json.load(f)
    except (OSError, ValueError):
        return None
    return m if isinstance(m, dict) else None
