"""The evaluation sets the accuracy floors were measured on, pinned by SHA-256 (as trafilatura's eval
gate pins its data): a floor that passes on a changed gold set proves nothing, so a change to any of them
fails here first, with what to do. Only the files a score reads are pinned (not READMEs or checkers).

When a gold set is updated on purpose: re-run the evals, re-measure the floors in tests/eval/, then
``KHABAR_UPDATE_PINS=1 pytest tests/eval/test_gold_pins.py`` and commit the new pins with the figures."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from khabar.eval import shared_data

PINS = Path(__file__).parent / "data" / "gold_sha256.json"

#: set name → the files (globs under ../shared/data/<set>) its scores read
SCORED = {
    "gold": ["textdump_gold.jsonl"],
    "facts_gold": ["docs.jsonl", "gold.jsonl"],
    "events_gold": ["docs.jsonl", "events_gold.jsonl"],
    "anercorp": ["ANERCorp.txt", "splits.json"],
    "html_bench": ["manifest.jsonl", "*/*.html", "*/*.json"],
    "peer_pages": ["*/page.html", "*/*.txt", "*/*.json"],
    "wojood_sample": ["train.txt", "val.txt", "test.txt"],
}


def digest(name: str) -> str | None:
    """SHA-256 over the set's scored files (each file's path relative to the set and its own SHA-256,
    in path order), or None when the set is not on this machine."""
    root = shared_data(name)
    if not root.is_dir():
        return None
    files = sorted({p for g in SCORED[name] for p in root.glob(g) if p.is_file()})
    h = hashlib.sha256()
    for p in files:
        h.update(f"{p.relative_to(root).as_posix()}\0{hashlib.sha256(p.read_bytes()).hexdigest()}\n".encode())
    return h.hexdigest() if files else None


@pytest.mark.parametrize("name", sorted(SCORED))
def test_gold_set_is_the_pinned_one(name: str) -> None:
    pins = json.loads(PINS.read_text(encoding="utf-8")) if PINS.exists() else {}
    got = digest(name)
    if got is None:
        pytest.skip(f"../shared/data/{name} is not on this machine")
    if os.environ.get("KHABAR_UPDATE_PINS"):
        pins[name] = got
        PINS.write_text(json.dumps(pins, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return
    assert pins.get(name) == got, (
        f"../shared/data/{name} is not the version the accuracy floors were measured on "
        f"(SHA-256 {got[:12]}…, pinned {str(pins.get(name))[:12]}…): re-run the evals, re-measure the "
        "floors in tests/eval/, then pin it again with KHABAR_UPDATE_PINS=1 (see this module's docstring)"
    )
