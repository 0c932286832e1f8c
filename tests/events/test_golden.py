"""Golden files of the event coder (issue 5): every event of each fixture, one line each, and under it
its mentions (issue 13), one line each.

The fixtures are the seed and the bundled examples. A change to the lexicons, the rules or the
shipped models that changes any event shows up here as a readable diff (type, mode, trigger, actors,
recipients, place, duration, topics). When the change is intended, regenerate and review the diff:

    KHABAR_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/events/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from khabar.api import process_text
from khabar.model import Document

from conftest import REPO, SEED, need

GOLDEN = Path(__file__).parent / "golden"
FACTS = ("entities", "places", "refs", "dates", "quantities", "events")


def _fixtures() -> dict[str, Path | tuple[Path, int]]:
    out: dict[str, Path | tuple[Path, int]] = {"seed": SEED}
    for p in sorted((REPO / "examples").glob("*.txt")):
        out[p.stem] = p
    records = REPO / "examples" / "records.jsonl"
    for i, _ in enumerate(records.read_text(encoding="utf-8").splitlines()):
        out[f"records-{i + 1}"] = (records, i)
    return out


def _text(src: Path | tuple[Path, int]) -> str | None:
    if isinstance(src, Path):
        return need(src).read_text(encoding="utf-8")
    path, i = src
    rec = json.loads(path.read_text(encoding="utf-8").splitlines()[i])
    return rec.get("text") if isinstance(rec, dict) else None


def _line(doc: Document, ev: dict) -> str:  # type: ignore[type-arg]
    def names(role: str) -> str:
        return "، ".join(a["text"] for a in ev["arguments"] if a["role"] == role) or "-"

    place = ev.get("place_text") or "-"
    dur = ev.get("duration_s")
    flags = "".join(f for f, on in (("N", ev.get("negated")), ("F", ev.get("future"))) if on) or "-"
    return (
        f"{ev['type']}/{ev['mode'] or '-'} «{ev['trigger']['text']}» actors: {names('actor')} | "
        f"recipients: {names('recipient')} | place: {place} | duration: {dur if dur else '-'} | "
        f"topics: {','.join(ev.get('topics') or []) or '-'} | flags: {flags}"
    )


def _event_line(doc: Document, ev: dict) -> str:  # type: ignore[type-arg]
    """A document-level event: its parties by ref name, place, length, confidence and mention count."""

    def names(ids: list[str]) -> str:
        return "، ".join(str((doc.refs.get(r) or {}).get("name") or r) for r in ids) or "-"

    conf = ev.get("confidence")
    confidence = f"{conf:.2f}" if conf is not None else "-"
    return (
        f"{ev['id']} {ev['type']}/{ev['mode'] or '-'} {names(ev['actors'])} → {names(ev['recipients'])} | "
        f"place: {names([ev['place']]) if ev.get('place') else '-'} | "
        f"duration: {ev.get('duration_s') or '-'} | confidence: {confidence} | "
        f"mentions: {len(ev['mentions'])}"
    )


def _render(text: str) -> str:
    doc = process_text(text, id="golden", extra=FACTS)
    out = []
    for ev in doc.events:
        out.append(_event_line(doc, ev) + "\n")
        out.extend("    " + _line(doc, m) + "\n" for m in ev["mentions"])
    return "".join(out)


@pytest.mark.parametrize("name", sorted(_fixtures()))
def test_events_match_the_golden_file(name: str) -> None:
    text = _text(_fixtures()[name])
    if text is None:
        pytest.skip("the fixture has no text")
    got = _render(text)
    path = GOLDEN / f"{name}.events.txt"
    if os.environ.get("KHABAR_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with KHABAR_UPDATE_GOLDEN=1 and review it"
    assert got == path.read_text(encoding="utf-8"), f"events of {name} changed (see the module docstring)"
