"""The extra training-only text dumps (``khabar.eval.textdump_extra``): standoff labels rebuilt into
gold records, checked, and kept apart from the gold set's sites and documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.eval import textdump_extra as tx
from khabar.eval.gold import GoldFormatError, load_gold, parse_gold_record

from conftest import GOLD, SHARED, need

_LINES = ["عام / وصول الوفد", "الرياض 26 شوال 1436 هـ واس", "وصل الوفد اليوم إلى الرياض. سمات الوفد"]


def _record(monkeypatch: pytest.MonkeyPatch, **over: object) -> dict[str, object]:
    monkeypatch.setattr(tx, "dump_of", lambda ref: (list(_LINES), "http://x.example/a", "x.example"))
    rec: dict[str, object] = {
        "id": "extra:t#1",
        "origin": "cc",
        "source": "x.example",
        "ref": {"file": "cc", "index": 0},
        "url": "http://x.example/a",
        "sha1": tx.sha1_of(_LINES),
        "is_article": True,
        "labels": "TBP",
        "trailing": {"2": len("سمات الوفد")},
        "glued": {"0": [[4, "S"], [len(_LINES[0]), "T"]], "1": [[6, "B"], [23, "D"], [len(_LINES[1]), "B"]]},
    }
    return rec | over


def test_standoff_labels_become_a_gold_record_with_glued_and_trailing_parts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """why: the extra set stores no text (its sources may not be redistributed); offsets must turn
    back into the same glued parts and trailing suffix the gold format spells out."""
    doc = parse_gold_record(tx.to_gold_record(_record(monkeypatch)))
    assert doc.lines[0].glued == ("عام", "وصول الوفد") and doc.lines[0].glued_labels == ("section", "title")
    assert doc.lines[1].glued_labels == ("byline", "date", "byline")
    assert doc.lines[2].trailing_boilerplate == "سمات الوفد"
    assert [u.label for u in doc.units][-2:] == ["paragraph", "boilerplate"]


def test_a_dump_that_changed_since_it_was_labelled_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """why: labels are by line number; a rebuilt dump that differs (another copy of the data) would
    put every label on the wrong line, so the SHA-1 must match."""
    with pytest.raises(GoldFormatError, match="SHA-1"):
        tx.to_gold_record(_record(monkeypatch, sha1="0" * 40))
    with pytest.raises(GoldFormatError, match="label codes"):
        tx.to_gold_record(_record(monkeypatch, labels="TB"))


def test_skipped_records_are_not_loaded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """why: a labelled page outside the selection stays in the file (the work is kept) but trains nothing."""
    rec = _record(monkeypatch)
    p = tmp_path / "extra.jsonl"
    skipped = rec | {"id": "extra:t#2", "skip": "too long"}
    p.write_text("# header\n" + json.dumps(rec) + "\n" + json.dumps(skipped) + "\n")
    assert [d.id for d in tx.load_extra(p)] == ["extra:t#1"]
    assert tx.load_extra(tmp_path / "absent.jsonl") == []


def test_the_shipped_extra_set_is_the_selection_and_outside_the_gold_set() -> None:
    """The extra dumps are exactly the documented selection; none is a gold document, and no Common
    Crawl one comes from a gold host (SaudiNewsNet outlets are all gold sites: the CV drops those
    pages from the folds that test their outlet)."""
    need(SHARED / "data" / "cc_arabic_crawl_sample")
    need(SHARED / "data" / "saudinewsnet_full")
    gold = load_gold(need(GOLD))
    extra = tx.load_extra()
    assert len(extra) == 64
    assert {d.id for d in extra} == {f"extra:{r['file']}#{r['index']}" for r in tx.select_refs(gold)}
    gold_hosts = {d.source.removeprefix("www.") for d in gold if d.origin == "cc"}
    assert not {d.url for d in extra} & {d.url for d in gold}
    assert not {d.source.removeprefix("www.") for d in extra if d.origin == "cc"} & gold_hosts
