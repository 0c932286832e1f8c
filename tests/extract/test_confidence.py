"""The confidence gate (``khabar.extract.confidence``): thresholds loaded and checked, every fact
either shown or held back (never lost), the record consistent after the gate, and ``all`` as before."""

from __future__ import annotations

import copy
import functools
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.api import process_text
from khabar.errors import DataFileError, UsageError
from khabar.extract.confidence import (
    ABSENT_THRESHOLD,
    Thresholds,
    confidence_of,
    fact_type,
    load_thresholds,
    merge_low_confidence,
    min_confidence_arg,
    regate,
    resolve_min_confidence,
    split_by_confidence,
)
from khabar.model import Document, LowConfidence, Span
from khabar.pipeline import FACT_STAGES, Pipeline, registered, stage

from conftest import SEED, need

BEFORE = tuple(s for s in FACT_STAGES if s != "confidence")  # the fact layers before the gate existed


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@functools.cache
def _record(path: Path) -> str:
    doc = process_text(
        need(path).read_text(encoding="utf-8"), id=path.stem, extra=FACT_STAGES, min_confidence="all"
    )
    return json.dumps(doc.to_record(), ensure_ascii=False)


def seed_doc(path: Path = SEED) -> Document:
    """A page with every fact (a fresh copy each time): the seed unless another is named."""
    return Document.from_record(json.loads(_record(path)))


#: pages the properties run on: the seed and the bundled examples with facts
PAGES = (SEED, EXAMPLES / "agency_story.txt", EXAMPLES / "entities_and_forms.txt")


def canon(rec: dict[str, Any]) -> dict[str, Any]:
    """A record with its entities and events in a canonical order: merging puts held-back facts back
    in text order, and facts at the same offsets (a ROLE and a PERSON span, two events on one trigger)
    may come back in another order among themselves."""
    out = dict(rec)
    for key in ("entities", "events"):
        out[key] = sorted(rec.get(key) or [], key=lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False))
    return out


def with_confidences(doc: Document, rng: random.Random) -> Document:
    """Random confidences (3 decimals) on some facts; others keep none (they count 1.0)."""
    for e in doc.entities:
        if rng.random() < 0.8:
            e.attrs["confidence"] = round(rng.random(), 3)
    for r in doc.refs.values():
        if rng.random() < 0.8:
            r["confidence"] = round(rng.random(), 3)
    for ev in doc.events:
        if rng.random() < 0.8:
            ev["confidence"] = round(rng.random(), 3)
    return doc


# -- thresholds ---------------------------------------------------------------------------------------
def test_the_package_thresholds_load_and_say_how_they_were_chosen() -> None:
    th = load_thresholds()
    for key in ("place", "person", "org", "event"):
        assert key in th.facts and 0.0 <= th.facts[key] <= 1.0
        assert th.how_chosen[key].strip()
    raw = json.loads((Path(__file__).parents[2] / "src/khabar/data/fact_thresholds.json").read_text("utf-8"))
    assert all("provenance" in v for k, v in raw.items() if not k.startswith("_") and k != "entity")


@pytest.mark.parametrize(
    ("content", "what"),
    [
        ("{not json", "cannot read JSON"),
        ("[]", "expected a JSON object"),
        ('{"place": 0.9}', "must be an object"),
        ('{"place": {"threshold": 1.5, "how_chosen": "x"}}', "threshold must be a number from 0 to 1"),
        ('{"place": {"threshold": true, "how_chosen": "x"}}', "threshold must be a number from 0 to 1"),
        ('{"place": {"threshold": 0.9}}', "how_chosen"),
        ('{"entity": {"LOC": {"threshold": "high", "how_chosen": "x"}}}', "entity.LOC"),
    ],
)
def test_a_broken_thresholds_file_is_a_data_file_error_naming_it(
    tmp_path: Path, content: str, what: str
) -> None:
    p = tmp_path / "fact_thresholds.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_thresholds(p)
    assert str(p) in str(err.value) and what in str(err.value)


def test_a_missing_thresholds_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="file not found"):
        load_thresholds(tmp_path / "nope.json")


def test_absent_keys_take_the_default_and_labels_fall_back_to_their_fact_type(tmp_path: Path) -> None:
    p = tmp_path / "t.json"
    p.write_text(
        json.dumps(
            {
                "_comment": "comments are skipped",
                "place": {"threshold": 0.95, "how_chosen": "test"},
                "entity": {"PERSON": {"threshold": 0.7, "how_chosen": "test"}},
            }
        ),
        encoding="utf-8",
    )
    th = load_thresholds(p)
    assert th.for_type("place") == 0.95 and th.for_type("person") == ABSENT_THRESHOLD
    assert th.for_span("LOC") == 0.95  # a LOC span takes the place threshold
    assert th.for_span("PERSON") == 0.7  # unless its label has its own
    assert th.for_span("ROLE") == ABSENT_THRESHOLD
    assert th.for_ref({"kind": "place", "lat": 1.0}) == 0.95
    assert th.for_ref({"kind": "person"}) == ABSENT_THRESHOLD


def test_fact_type_of_refs() -> None:
    assert fact_type({"kind": "person"}) == "person"
    assert fact_type({"kind": "org"}) == "org"
    assert fact_type({"kind": "place", "lat": 1}) == "place"
    assert fact_type({"lat": 1, "lon": 2}) == "place"  # coordinates: a place, as score.py counts it
    # a kind a layer adds is its own type when the thresholds name it (else its coordinates decide)
    assert fact_type({"kind": "nationality", "lat": 1}, ["nationality"]) == "nationality"
    assert fact_type({"kind": "nationality", "lat": 1}) == "place"
    assert fact_type({}) == "ref"


def test_min_confidence_values() -> None:
    assert resolve_min_confidence("all").is_open
    assert resolve_min_confidence(None) == load_thresholds() == resolve_min_confidence("default")
    assert resolve_min_confidence("0.8").for_type("event") == 0.8
    assert resolve_min_confidence(0.25).for_span("LOC") == 0.25
    for bad in ("high", 1.5, -0.1, "nan", True):
        with pytest.raises(UsageError):
            resolve_min_confidence(bad)  # type: ignore[arg-type]
    assert min_confidence_arg("all") == "all" and min_confidence_arg("0.9") == 0.9
    import argparse

    with pytest.raises(argparse.ArgumentTypeError):
        min_confidence_arg("2")


def test_confidence_of_counts_a_missing_or_broken_value_as_one() -> None:
    assert confidence_of({}) == 1.0 and confidence_of({"confidence": None}) == 1.0
    assert confidence_of({"confidence": "0.3"}) == 1.0 and confidence_of({"confidence": float("nan")}) == 1.0
    assert confidence_of({"confidence": 0.42}) == 0.42 and confidence_of({"confidence": 0}) == 0.0


# -- the stage and the API ----------------------------------------------------------------------------
def test_the_gate_is_the_last_fact_stage() -> None:
    assert FACT_STAGES[-1] == "confidence" and FACT_STAGES.index("events") < FACT_STAGES.index("confidence")
    Pipeline(("segment", "classify", "assemble", "signals", *FACT_STAGES))  # requirements met


def test_min_confidence_all_equals_the_output_before_the_gate() -> None:
    raw = need(SEED).read_text(encoding="utf-8")
    old = process_text(raw, id="s", extra=BEFORE).to_record()
    new = process_text(raw, id="s", extra=FACT_STAGES, min_confidence="all").to_record()
    assert json.dumps(new, ensure_ascii=False) == json.dumps(old, ensure_ascii=False)
    assert "low_confidence" not in new  # present only when something is held back


def _test_confidences(doc: Document) -> None:
    """Test only: low confidences on the seed's facts that name Moscow, and on every second event."""
    for e in doc.entities:
        if e.text == "موسكو":
            e.attrs["confidence"] = 0.2
    for i, ev in enumerate(doc.events):
        ev["confidence"] = 0.3 if i % 2 else 0.95


def test_process_text_takes_min_confidence() -> None:
    # registered here, not on import: the built-in stages come first in `khabar stages`
    registered()
    stage("test_confidences", requires=("events",))(_test_confidences)
    raw = need(SEED).read_text(encoding="utf-8")
    extra = (*BEFORE, "test_confidences", "confidence")
    everything = process_text(raw, id="s", extra=extra, min_confidence="all")
    half = process_text(raw, id="s", extra=extra, min_confidence=0.5)
    assert half.done[-1] == "confidence"
    assert not everything.low_confidence
    assert {e.text for e in half.low_confidence.entities} == {"موسكو"}
    assert "geonames:524901" in half.low_confidence.refs and "geonames:524901" not in half.refs
    assert len(half.events) + len(half.low_confidence.events) == len(everything.events)
    assert all(ev["confidence"] == 0.95 for ev in half.events)
    # the events shown that placed something in Moscow keep the mention, not the link
    moved = [ev for ev in half.events if ev.get("low_confidence_refs")]
    assert moved and all(ev.get("place") != "geonames:524901" for ev in half.events)
    with pytest.raises(UsageError):
        process_text(raw, id="s", extra=extra, min_confidence="most")


def test_a_record_keeps_its_low_confidence_facts_through_json() -> None:
    doc = with_confidences(seed_doc(), random.Random(3))
    split_by_confidence(doc, Thresholds.uniform(0.5))
    rec = doc.to_record()
    assert set(rec["low_confidence"]) == {"entities", "refs", "events"}
    back = Document.from_record(json.loads(json.dumps(rec, ensure_ascii=False)))
    assert back.to_record() == rec


# -- the rules, on a small document -------------------------------------------------------------------
def _small() -> Document:
    # "Ahmad met Zaid in Doha; the committee welcomed it" with hand-made facts
    text = "التقى أحمد زيدا في الدوحة ورحبت اللجنة"
    at = text.index

    def span(word: str, label: str, ref: str | None, conf: float | None = None) -> Span:
        attrs: dict[str, Any] = {"ref": ref} if ref else {}
        if conf is not None:
            attrs["confidence"] = conf
        return Span(at(word), at(word) + len(word), label, word, attrs)

    doc = Document(id="t", raw=text, text=text)
    doc.entities = [
        span("أحمد", "PERSON", "person:1", 0.9),
        span("زيدا", "PERSON", "person:2", 0.3),
        span("الدوحة", "LOC", "geonames:290030"),
    ]
    doc.refs = {
        "person:1": {"name": "أحمد", "kind": "person"},
        "person:2": {"name": "زيد", "kind": "person"},
        "geonames:290030": {"name": "Doha", "kind": "place", "lat": 25.3, "lon": 51.5, "confidence": 0.4},
        "org:1": {"name": "اللجنة", "kind": "org"},  # no span: an event made it
    }
    doc.events = [
        {
            "type": "CONSULT",
            "trigger": {"start": 0, "end": 5, "text": "التقى"},
            "actors": ["person:1"],
            "recipients": ["person:2"],
            "place": "geonames:290030",
            "arguments": [
                {"role": "actor", "ref": "person:1", "text": "أحمد", "start": 6, "end": 10},
                {"role": "recipient", "ref": "person:2", "text": "زيدا", "start": 11, "end": 15},
            ],
            "place_text": "الدوحة",
            "confidence": 0.8,
        },
        {
            "type": "SUPPORT",
            "trigger": {"start": at("رحبت"), "end": at("رحبت") + 4, "text": "رحبت"},
            "actors": ["org:1"],
            "recipients": [],
            "place": None,
            "confidence": 0.2,
        },
    ]
    return doc


def test_the_rules_of_the_gate() -> None:
    doc = _small()
    original = copy.deepcopy(doc.to_record())
    split_by_confidence(doc, Thresholds.uniform(0.5))
    low = doc.low_confidence
    # a span below its threshold is held back; so is its ref when no shown span points at it
    assert [e.text for e in doc.entities] == ["أحمد"]
    assert {e.text for e in low.entities} == {"زيدا", "الدوحة"}
    # a ref below its threshold goes back with its spans (الدوحة has no confidence of its own)
    assert set(low.refs) == {"person:2", "geonames:290030", "org:1"}
    assert set(doc.refs) == {"person:1"}
    # the event below its threshold is held back whole; org:1, made for it alone, goes with it
    assert [ev["type"] for ev in doc.events] == ["CONSULT"] and [ev["type"] for ev in low.events] == [
        "SUPPORT"
    ]
    # the shown event keeps the mentions as written, not the links to held-back refs
    ev = doc.events[0]
    assert ev["actors"] == ["person:1"] and ev["recipients"] == [] and ev["place"] is None
    assert ev["place_text"] == "الدوحة" and ev["arguments"][1] == {
        "role": "recipient",
        "ref": None,
        "text": "زيدا",
        "start": 11,
        "end": 15,
    }
    assert {x["ref"] for x in ev["low_confidence_refs"]} == {"person:2", "geonames:290030"}
    # and everything goes back
    merge_low_confidence(doc)
    assert doc.to_record() == original


def test_a_ref_that_a_shown_span_points_at_stays() -> None:
    doc = _small()
    # a second, confident mention of Zaid: his ref stays, the doubtful mention alone is held back
    doc.entities.append(Span(30, 34, "PERSON", doc.text[30:34], {"ref": "person:2", "confidence": 0.99}))
    split_by_confidence(doc, Thresholds.uniform(0.5))
    assert "person:2" in doc.refs and "زيدا" in {e.text for e in doc.low_confidence.entities}
    assert doc.events[0]["recipients"] == ["person:2"]


def test_thresholds_per_type() -> None:
    doc = _small()
    th = Thresholds(facts={"place": 0.3, "person": 0.2, "event": 0.1, "org": 0.0}, default=0.9)
    split_by_confidence(doc, th)
    assert not doc.low_confidence  # every fact is above its own type's threshold


def test_event_thresholds_by_plover_type(tmp_path: Path) -> None:
    # issue 13: the event entry may set a threshold per PLOVER type (by_type); the other types keep the
    # entry's threshold, and a file without by_type reads as before
    p = tmp_path / "t.json"
    p.write_text(
        json.dumps({"event": {"threshold": 0.9, "how_chosen": "test", "by_type": {"SUPPORT": 0.1}}}),
        encoding="utf-8",
    )
    th = load_thresholds(p)
    assert th.for_event({"type": "SUPPORT"}) == 0.1 and th.for_event({"type": "CONSULT"}) == 0.9
    assert th.event == 0.9 and th.to_dict()["by_type"] == {"event": {"SUPPORT": 0.1}}
    doc = _small()
    split_by_confidence(doc, th)
    # the congratulation (0.2) passes its type's 0.1; the meeting (0.8) misses the events' 0.9
    assert [ev["type"] for ev in doc.events] == ["SUPPORT"]
    assert [ev["type"] for ev in doc.low_confidence.events] == ["CONSULT"]
    assert load_thresholds().by_type == {} or "event" in load_thresholds().by_type


@pytest.mark.parametrize("by_type", ['"high"', '{"SUPPORT": 2}', '{"SUPPORT": true}'])
def test_a_broken_by_type_is_a_data_file_error(tmp_path: Path, by_type: str) -> None:
    p = tmp_path / "t.json"
    entry = {"threshold": 0.9, "how_chosen": "x", "by_type": json.loads(by_type)}
    p.write_text(json.dumps({"event": entry}), encoding="utf-8")
    with pytest.raises(DataFileError, match="by_type"):
        load_thresholds(p)


# -- properties -----------------------------------------------------------------------------------------
def _ref_ids(obj: Any, known: set[str]) -> set[str]:
    out: set[str] = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            if "text" in k or k == "low_confidence_refs":
                continue
            out |= {v} & known if isinstance(v, str) else _ref_ids(v, known)
    elif isinstance(obj, list):
        for v in obj:
            out |= {v} & known if isinstance(v, str) else _ref_ids(v, known)
    return out


def check_consistent(doc: Document) -> None:
    """Nothing shown points at a held-back fact; held-back facts point at shown or held-back refs."""
    low = doc.low_confidence
    every = set(doc.refs) | set(low.refs)
    assert not set(doc.refs) & set(low.refs)
    for e in doc.entities:
        assert doc.text[e.start : e.end] == e.text
        if isinstance(e.attrs.get("ref"), str) and e.attrs["ref"] in every:
            assert e.attrs["ref"] in doc.refs
    for ev in doc.events:
        assert _ref_ids(ev, every) <= set(doc.refs)
    for e in low.entities:
        assert doc.text[e.start : e.end] == e.text
    for ev in low.events:
        assert _ref_ids(ev, every) <= every


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    page=st.sampled_from(PAGES),
    seed=st.integers(0, 10_000),
    place=st.floats(0, 1),
    person=st.floats(0, 1),
    org=st.floats(0, 1),
    event=st.floats(0, 1),
    default=st.floats(0, 1),
)
def test_every_fact_is_shown_or_held_back(
    page: Path, seed: int, place: float, person: float, org: float, event: float, default: float
) -> None:
    doc = with_confidences(seed_doc(page), random.Random(seed))
    before = copy.deepcopy(doc.to_record())
    th = Thresholds(facts={"place": place, "person": person, "org": org, "event": event}, default=default)
    split_by_confidence(doc, th)
    low = doc.low_confidence
    # counts are kept: each fact is either shown or held back
    assert len(doc.entities) + len(low.entities) == len(before["entities"])
    assert len(doc.refs) + len(low.refs) == len(before["refs"])
    assert len(doc.events) + len(low.events) == len(before["events"])
    # what is shown passes its threshold; a span or an event held back had a reason
    assert all(confidence_of(e.attrs) >= th.for_span(e.label) for e in doc.entities)
    assert all(confidence_of(r) >= th.for_ref(r) for r in doc.refs.values())
    assert all(confidence_of(ev) >= th.event for ev in doc.events)
    assert all(confidence_of(ev) < th.event for ev in low.events)
    check_consistent(doc)
    # the gate is idempotent, and merging puts back exactly what was there
    again = copy.deepcopy(doc.to_record())
    assert not split_by_confidence(doc, th)
    assert doc.to_record() == again
    merge_low_confidence(doc)
    assert canon(doc.to_record()) == canon(before)


@settings(max_examples=25, deadline=None)
@given(
    page=st.sampled_from(PAGES), seed=st.integers(0, 10_000), first=st.floats(0, 1), second=st.floats(0, 1)
)
def test_regating_a_gated_record_is_gating_the_original(
    page: Path, seed: int, first: float, second: float
) -> None:
    original = with_confidences(seed_doc(page), random.Random(seed))
    direct = split_by_confidence(copy.deepcopy(original), Thresholds.uniform(second))
    twice = copy.deepcopy(original)
    split_by_confidence(twice, Thresholds.uniform(first))
    regate(twice, Thresholds.uniform(second))
    once = copy.deepcopy(original)
    split_by_confidence(once, Thresholds.uniform(second))
    assert canon(twice.to_record()) == canon(once.to_record())
    assert len(direct) == len(once.low_confidence)


def test_low_confidence_is_falsy_when_empty() -> None:
    assert not LowConfidence() and len(LowConfidence()) == 0
    assert LowConfidence(refs={"x": {}}) and LowConfidence.from_dict(None) == LowConfidence()
