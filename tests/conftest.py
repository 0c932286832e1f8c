"""Shared test helpers: where the third-party data in ../shared lives (used by path, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_788df9d9dddd1a7a.txt"
GOLD = SHARED / "data" / "gold" / "textdump_gold.jsonl"


def need(path: Path) -> Path:
    """Skip the test when a shared data file is not beside the repository."""
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared beside the repository)")
    return path
