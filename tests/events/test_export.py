"""``khabar events``: one row per event, CSV that spreadsheets open (UTF-8, optional BOM)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from khabar.cli import main

from conftest import SEED, need


def test_csv_with_bom_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert main(["events", str(need(SEED)), "--bom", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows and {
        "date",
        "type",
        "mode",
        "actor",
        "recipient",
        "lat",
        "lon",
        "duration_s",
        "topics",
    } <= set(rows[0])
    # one row per document-level event: the visit, with the length of its two phases (90 + 45 minutes)
    consult = [r for r in rows if r["type"] == "CONSULT"]
    assert len(consult) == 1 and consult[0]["duration_s"] == "8100"
    assert consult[0]["place"] == "Moscow" and consult[0]["lat"]
    assert "موسكو" in consult[0]["sentence"]  # Arabic text intact
    assert int(consult[0]["mentions"]) > 1 and consult[0]["event_id"] and consult[0]["confidence"]
    assert "المباحثات" in consult[0]["triggers"]


def test_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert (
        main(["events", str(need(SEED)), "--format", "jsonl", "-o", str(out), "--min-confidence", "all"]) == 0
    )
    # the seed's document-level events: the visit, the fighting, the agreement, the congratulation
    assert out.read_text(encoding="utf-8").count("\n") >= 3
