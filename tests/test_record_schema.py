"""Every kind of output khabar writes validates against ``schema/khabar.record-1.json`` (issue 17)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from khabar.api import process_text
from khabar.io import RawRecord, read_inputs
from khabar.pipeline import FACT_STAGES

jsonschema = pytest.importorskip("jsonschema")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCHEMA = json.loads((REPO / "schema" / "khabar.record-1.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _errors(rec: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(rec)]


def _records(path: Path, *, facts: bool = False, raw: bool = False) -> list[dict[str, Any]]:
    out = []
    for item in read_inputs([str(path)]):
        if isinstance(item, RawRecord):
            doc = process_text(
                item.raw, id=item.id, source=item.source, meta=item.meta, extra=FACT_STAGES if facts else ()
            )
            out.append(doc.to_record(include_raw=raw))
    return out


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (REPO / "examples").iterdir() if p.suffix in (".txt", ".jsonl"))
)
@pytest.mark.parametrize("facts", [False, True])
def test_the_examples(name: str, facts: bool) -> None:
    recs = _records(REPO / "examples" / name, facts=facts, raw=True)
    assert recs
    for rec in recs:
        assert not _errors(rec), rec["id"]


def test_the_seed_with_every_fact() -> None:
    seed = SHARED / "seed" / "000_788df9d9dddd1a7a.txt"
    if not seed.is_file():
        pytest.skip("../shared is not present")
    (rec,) = _records(seed, facts=True)
    assert rec["events"] and rec["entities"] and not _errors(rec)


def test_html_pages() -> None:
    pages = sorted((SHARED / "data" / "html_bench" / "public").glob("t0*_00[01].html"))
    if not pages:
        pytest.skip("../shared is not present")
    for page in pages:
        for rec in _records(page, facts=True):
            assert rec["source"]["format"] == "html"
            assert not _errors(rec), page.name


def test_a_corpus_run_with_clusters(tmp_path: Path) -> None:
    from khabar.corpus import run

    src = tmp_path / "in.jsonl"
    text = "عنوان الخبر\nقال الوزير إن المشروع يخدم المواطنين في المنطقة الشرقية ويضم أقساما جديدة."
    src.write_text(
        "\n".join(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) for i in range(3)) + "\n",
        encoding="utf-8",
    )
    run([str(src)], str(tmp_path / "out"), progress=False)
    recs = [
        json.loads(x)
        for x in (tmp_path / "out" / "part-00000.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert len(recs) == 3 and any(r["signals"].get("cluster_size") for r in recs)
    for rec in recs:
        assert not _errors(rec)


def test_a_broken_record_fails() -> None:
    # the schema is not a formality: a wrong type or a missing field is caught
    rec = process_text("عنوان\nنص الخبر").to_record()
    assert not _errors(rec)
    assert _errors({**rec, "blocks": [{"kind": "banner", "text": "x"}]})
    assert _errors({k: v for k, v in rec.items() if k != "text"})
    assert _errors({**rec, "lang": "Arabic"})
