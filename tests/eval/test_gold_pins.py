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


def scored_files(name: str) -> list[str] | None:
    """The set's scored files here, relative to it and sorted, or None when the set is not here."""
    root = shared_data(name)
    if not root.is_dir():
        return None
    return sorted({p.relative_to(root).as_posix() for g in SCORED[name] for p in root.glob(g) if p.is_file()})


def digest(name: str, files: list[str]) -> str:
    """SHA-256 over ``files`` of the set (each file's relative path and its own SHA-256, in order)."""
    root = shared_data(name)
    h = hashlib.sha256()
    for rel in files:
        h.update(f"{rel}\0{hashlib.sha256((root / rel).read_bytes()).hexdigest()}\n".encode())
    return h.hexdigest()


@pytest.mark.parametrize("name", sorted(SCORED))
def test_gold_set_is_the_pinned_one(name: str) -> None:
    """Only the pinned files are compared: a machine holding more of a set (another group of pages
    beside html_bench's public one) passes as long as the pinned ones are unchanged."""
    pins = json.loads(PINS.read_text(encoding="utf-8")) if PINS.exists() else {}
    here = scored_files(name)
    if not here:
        pytest.skip(f"../shared/data/{name} is not on this machine")
    if os.environ.get("KHABAR_UPDATE_PINS"):
        pins[name] = {"files": here, "sha256": digest(name, here)}
        PINS.write_text(
            json.dumps(pins, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        return
    pin = pins.get(name) or {"files": [], "sha256": None}
    missing = sorted(set(pin["files"]) - set(here))
    assert not missing, f"../shared/data/{name} lacks pinned files: {missing[:5]}"
    got = digest(name, pin["files"])
    assert got == pin["sha256"], (
        f"../shared/data/{name} is not the version the accuracy floors were measured on "
        f"(SHA-256 {got[:12]}…, pinned {str(pin['sha256'])[:12]}…): re-run the evals, re-measure the "
        "floors in tests/eval/, then pin it again with KHABAR_UPDATE_PINS=1 (see this module's docstring)"
    )
