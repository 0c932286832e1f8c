"""Shared test helpers: where the third-party data in ../shared lives (used by path, never copied)."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

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


#: the fact layers the event tests run (process_text's extra stages, events last)
EVENT_FACTS = ("entities", "places", "refs", "dates", "quantities", "events")


@functools.cache
def facts_doc(text: str) -> Any:
    """``text`` processed with the fact layers and events, once per text."""
    from khabar.api import process_text

    return process_text(text, extra=EVENT_FACTS)


def event_mentions(text: str, type_: str | None = None) -> list[dict[str, Any]]:
    """The event mentions of ``text`` (of PLOVER type ``type_`` when given)."""
    return [m for e in facts_doc(text).events for m in e["mentions"] if type_ is None or m["type"] == type_]


def event_args(text: str, type_: str | None = None, role: str | None = None) -> list[str]:
    """The argument texts of those mentions (of ``role`` when given)."""
    return [
        a["text"]
        for m in event_mentions(text, type_)
        for a in m["arguments"]
        if role is None or a["role"] == role
    ]
