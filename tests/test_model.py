"""The record's typed parts: RefTable."""

from __future__ import annotations

import copy
import json

import orjson

from khabar.model import Document, RefTable


def test_add_numbers_refs_per_prefix_and_finds_a_key_again() -> None:
    refs = RefTable({"person:1": {"name": "أ"}})
    a = refs.add("person", {"name": "ب"}, key="ب")
    assert a == "person:2" and refs.add("person", {"name": "ب ثانية"}, key="ب") == a
    assert refs[a] == {"name": "ب"}  # the first data stays
    assert refs.add("np", {"name": "الجانبان"}, key="الجانبان") == "np:1"


def test_the_key_index_is_not_in_the_record() -> None:
    # why: the index used to be a "_key" field inside each ref that a later stage had to pop
    doc = Document(id="d", raw="")
    doc.refs.add("np", {"name": "الطرفان", "kind": "group"}, key="الطرفان")
    rec = doc.to_record()
    assert rec["refs"] == {"np:1": {"name": "الطرفان", "kind": "group"}}
    assert json.loads(orjson.dumps(rec["refs"])) == json.loads(json.dumps(rec["refs"], ensure_ascii=False))
    back = Document.from_record(rec)
    assert isinstance(back.refs, RefTable) and back.refs == rec["refs"]


def test_prune_removes_the_unkept_refs_of_a_prefix_only() -> None:
    refs = RefTable({"np:1": {}, "np:2": {}, "person:1": {}})
    assert refs.prune("np", {"np:2"}) == ["np:1"]
    assert set(refs) == {"np:2", "person:1"}


def test_a_copy_keeps_its_index() -> None:
    refs = RefTable()
    refs.add("org", {"name": "س"}, key="س")
    dup = copy.deepcopy(refs)
    assert isinstance(dup, RefTable) and dup.add("org", {}, key="س") == "org:1"
    dup["org:1"]["name"] = "ص"
    assert refs["org:1"]["name"] == "س"
