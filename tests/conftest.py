"""Shared test helpers: where the third-party data in ../shared lives (used by path, never copied)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

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


def load_script(name: str) -> ModuleType:
    """Import ``scripts/<name>.py`` as a module (scripts are not part of the package)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod
