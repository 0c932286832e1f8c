"""``--min-confidence default|all|FLOAT`` on ``khabar process``, ``show``, ``events`` and ``run``, the
events export's confidence columns, and corpus mode passing the thresholds to its workers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from khabar.api import process_text
from khabar.cli import main
from khabar.corpus import run
from khabar.corpus.profiles import process_record
from khabar.corpus.writers import read_shard
from khabar.events.export import COLUMNS, event_rows
from khabar.io import read_inputs
from khabar.model import Document
from khabar.pipeline import FACT_STAGES, registered, stage

from conftest import SEED, need

BEFORE = tuple(s for s in FACT_STAGES if s != "confidence")


def _doubt(doc: Document) -> None:
    """Test only: every second event and every mention of Moscow at low confidence."""
    for e in doc.entities:
        if e.text == "موسكو":
            e.attrs["confidence"] = 0.2
    for i, ev in enumerate(doc.events):
        ev["confidence"] = 0.3 if i % 2 else 0.95


DOUBT = (*BEFORE, "cli_test_confidences", "confidence")


@pytest.fixture(autouse=True)
def _doubt_stage() -> None:
    """The test stage, registered after the built-in ones (so `khabar stages` still lists those first)."""
    registered()
    stage("cli_test_confidences", requires=("events",))(_doubt)


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_process_min_confidence_all_equals_the_output_before_the_gate(tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert main(["process", str(need(SEED)), "--facts", "--min-confidence", "all", "-q", "-o", str(out)]) == 0
    old = process_text(SEED.read_text(encoding="utf-8"), id=SEED.stem, extra=BEFORE).to_record()
    (rec,) = _records(out)
    rec["source"] = old["source"] = None  # the CLI records the input path
    assert rec == old


def test_process_default_and_a_number(tmp_path: Path) -> None:
    kept = {}
    for arg in ("all", "default", "0.99"):
        out = tmp_path / f"{arg}.jsonl"
        argv = ["process", str(need(SEED)), "--facts", "--min-confidence", arg, "-q", "-o", str(out)]
        assert main(argv) == 0
        (rec,) = _records(out)
        low = rec.get("low_confidence") or {}
        # every fact is in the main fields or held back, whatever the thresholds
        kept[arg] = (len(rec["entities"]), len(low.get("entities") or []))
    assert kept["all"][1] == 0 and len({sum(k) for k in kept.values()}) == 1
    assert kept["all"][0] >= kept["default"][0] >= kept["0.99"][0]


@pytest.mark.parametrize("bad", ["2", "most", "-0.5"])
def test_a_bad_min_confidence_exits_2(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["process", str(need(SEED)), "--facts", "--min-confidence", bad])
    assert exc.value.code == 2 and "min_confidence" in capsys.readouterr().err


def test_show_regates_a_stored_record(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = process_text(need(SEED).read_text(encoding="utf-8"), id="s", extra=DOUBT)
    assert doc.low_confidence
    out = tmp_path / "gated.jsonl"
    out.write_text(json.dumps(doc.to_record(), ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["show", str(out), "--plain"]) == 0
    stored = capsys.readouterr().out
    assert "low confidence (held back)" in stored and "--min-confidence all shows them" in stored
    assert main(["show", str(out), "--plain", "--min-confidence", "all"]) == 0
    everything = capsys.readouterr().out
    assert "low confidence (held back)" not in everything
    assert everything.count("موسكو") > stored.count("موسكو")


def test_events_export_carries_confidence(tmp_path: Path) -> None:
    out = tmp_path / "ev.csv"
    assert main(["events", str(need(SEED)), "-o", str(out), "--min-confidence", "all"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert rows and {"confidence", "low_confidence"} <= set(rows[0])
    # everything in the main fields: nothing is marked held back, and every event has its confidence
    assert {r["low_confidence"] for r in rows} == {"False"}
    assert all(0.0 <= float(r["confidence"]) <= 1.0 for r in rows)


def test_event_rows_default_and_switch() -> None:
    doc = process_text(need(SEED).read_text(encoding="utf-8"), id="s", extra=DOUBT)
    shown = event_rows(doc)
    every = event_rows(doc, include_low=True)
    assert len(every) == len(shown) + len(doc.low_confidence.events) > len(shown)
    assert all(r["confidence"] == 0.95 and not r["low_confidence"] for r in shown)
    assert all(r["low_confidence"] for r in every[len(shown) :])
    assert set(shown[0]) == set(COLUMNS)
    # a party whose link is held back (Moscow) is in the *_text columns, not in the linked ones
    moved = [r for r, ev in zip(shown, doc.events, strict=True) if ev.get("low_confidence_refs")]
    assert moved and all("Moscow" not in r["recipient"] + r["place"] for r in moved)


def test_run_passes_min_confidence_to_its_workers(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "seed.txt").write_text(need(SEED).read_text(encoding="utf-8"), encoding="utf-8")
    outs = {}
    for value in ("all", 0.5):
        out = tmp_path / f"out-{value}"
        run([str(src)], str(out), progress=False, dedup="off", extra=DOUBT, min_confidence=value)
        (rec,) = [r for p in sorted(out.glob("part-*.jsonl")) for r in read_shard(str(p), "jsonl")]
        outs[value] = rec
    assert "low_confidence" not in outs["all"]
    assert outs[0.5]["low_confidence"]["events"]
    assert len(outs[0.5]["events"]) + len(outs[0.5]["low_confidence"]["events"]) == len(outs["all"]["events"])


def test_process_record_with_profiles_takes_min_confidence() -> None:
    from khabar.corpus.profiles import Profiles

    (item,) = list(read_inputs([str(need(SEED))]))
    profiles = Profiles(sites={}, params={})  # no site: the profile removes nothing
    every = process_record(item, profiles, DOUBT, min_confidence="all")
    half = process_record(item, profiles, DOUBT, min_confidence=0.5)
    default = process_record(item, profiles, DOUBT)
    assert not every.low_confidence and half.low_confidence and default.low_confidence
    assert half.done[-1] == "confidence"


def test_run_into_the_archive_keeps_the_held_back_facts(tmp_path: Path) -> None:
    from khabar.archive import Archive

    src = tmp_path / "in"
    src.mkdir()
    (src / "seed.txt").write_text(need(SEED).read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "a.db"
    run([str(src)], None, progress=False, dedup="off", extra=DOUBT, archive=str(db), min_confidence=0.5)
    with Archive(db) as a:
        low = a.conn.execute("SELECT count(*) FROM events WHERE low = 1").fetchone()[0]
        assert low and a.stats()["events_low_confidence"] == low
        assert a.conn.execute("SELECT count(*) FROM entities WHERE low = 1 AND text = 'موسكو'").fetchone()[0]
