"""Document-level events (``khabar.events.document``): the confidence of a mention weighed by the event it
belongs to (issue 13). The mentions are hand-made; the sentences are composed for the tests."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.events import document
from khabar.events import filter as flt
from khabar.events.document import document_events, group_features, stacked_features
from khabar.events.filter import EventFilter, Models
from khabar.model import Document

#: "Talks in Rabat" (title), then "the minister met his counterpart in Rabat" and "the talks went on"
TITLE = "محادثات في الرباط"
TEXT = TITLE + "\nالتقى الوزير نظيره في الرباط أمس. وتواصلت المحادثات حتى المساء. وهنأ الرئيس الفريق."


def _doc() -> Document:
    return Document(id="t", raw=TEXT, text=TEXT, title=TITLE)


#: the sentences of TEXT
SENTENCES = (
    TITLE,
    "التقى الوزير نظيره في الرباط أمس.",
    "وتواصلت المحادثات حتى المساء.",
    "وهنأ الرئيس الفريق.",
)


def _mention(word: str, typ: str, conf: float | None, actors: list[str] | None = None) -> dict[str, Any]:
    at = TEXT.index(word)
    sent = next(x for x in SENTENCES if TEXT.index(x) <= at < TEXT.index(x) + len(x))
    s0, s1 = TEXT.index(sent), TEXT.index(sent) + len(sent)
    m: dict[str, Any] = {
        "type": typ,
        "mode": None,
        "trigger": {"start": at, "end": at + len(word), "text": word},
        "actors": actors or [],
        "recipients": [],
        "place": None,
        "place_text": None,
        "date": None,
        "date_span": None,
        "duration_s": None,
        "topics": [],
        "sentence": {"start": s0, "end": s1},
        "negated": False,
        "future": False,
        "arguments": [],
    }
    if conf is not None:
        m["confidence"] = conf
    return m


def _mentions() -> list[dict[str, Any]]:
    return [
        _mention("محادثات", "CONSULT", 0.6),
        _mention("التقى", "CONSULT", 0.7, ["person:1"]),
        _mention("المحادثات", "CONSULT", 0.5),
        _mention("وهنأ", "SUPPORT", 0.6, ["np:1"]),
    ]


def _with_model(monkeypatch: pytest.MonkeyPatch, weights: dict[str, float]) -> None:
    model = EventFilter(weights, 0.0, 0.0)
    monkeypatch.setattr(flt, "load_models", lambda: Models(None, None, model))


def test_a_told_and_titled_event_is_surer_than_a_lone_one(monkeypatch: pytest.MonkeyPatch) -> None:
    # the meeting is told three times, once in the title; the congratulation once, by an unnamed party:
    # a model that weighs those (here by hand) raises the meeting's mentions above the congratulation
    _with_model(monkeypatch, {"p_logit": 1.0, "dg_title=True": 1.0, "dg_n=3+": 1.0, "dg_actor=False": -1.0})
    events = document_events(_doc(), _mentions())
    meeting, support = events
    assert meeting["type"] == "CONSULT" and len(meeting["mentions"]) == 3
    assert all(m["confidence"] > 0.8 for m in meeting["mentions"])
    assert support["mentions"][0]["confidence"] < 0.5
    # the event's confidence is its most confident mention's
    assert meeting["confidence"] == max(m["confidence"] for m in meeting["mentions"])


def test_without_a_document_model_the_confidences_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flt, "load_models", lambda: Models(None, None, None))
    events = document_events(_doc(), _mentions())
    assert [m["confidence"] for ev in events for m in ev["mentions"]] == [0.6, 0.7, 0.5, 0.6]


def test_a_doubted_mention_lends_its_event_no_party(monkeypatch: pytest.MonkeyPatch) -> None:
    # the talks (0.2) name someone the meeting (0.9) does not: the event does not take him; with only
    # doubted mentions, the surest of them still names the event's parties
    monkeypatch.setattr(flt, "load_models", lambda: Models(None, None, None))
    meeting = _mention("التقى", "CONSULT", 0.9, ["person:1"])
    talks = _mention("المحادثات", "CONSULT", 0.2, ["person:1", "person:2"])
    (ev,) = document_events(_doc(), [meeting, talks])
    assert ev["actors"] == ["person:1"]
    meeting["confidence"] = 0.3
    (ev,) = document_events(_doc(), [meeting, talks])
    assert ev["actors"] == ["person:1"]
    talks["confidence"] = 0.3
    (ev,) = document_events(_doc(), [meeting, talks])
    assert ev["actors"] == ["person:1", "person:2"]


def test_training_mentions_get_the_event_features() -> None:
    # with the filter's features (training), the document features join them and name the event
    ms = _mentions()
    for m in ms:
        m["_features"] = {"type=" + m["type"]: 1.0}
    events = document_events(_doc(), ms)
    f = events[0]["mentions"][1]["_features"]
    assert f["dg_title=True"] == 1.0 and f["dg_n=3+"] == 1.0 and f["dg_rank=1"] == 1.0
    assert f["__event"] == 0.0 and events[1]["mentions"][0]["_features"]["__event"] == 1.0


def test_group_features() -> None:
    ev = {"type": "CONSULT", "mentions": _mentions()[:2], "actors": ["person:1"], "recipients": ["np:2"]}
    f = group_features(ev, (0, len(TITLE)), 1)
    # two mentions, one in the title; a named actor, an unnamed recipient; no place or date
    assert {"dg_n=2", "dg_title=True", "dg_actor=True", "dg_recipient=False", "dg_place=False"} <= set(f)
    assert group_features(ev, None, 1)["dg_title=False"] == 1.0  # no title: none is in it


def test_stacked_features() -> None:
    assert stacked_features(0.5, []) == {"p_logit": 0.0, "others_none": 1.0}
    f = stacked_features(0.9, [0.2, 0.95])
    assert f["others_best=4"] == 1.0 and f["others_logit"] > 2.9
    # a probability of 0 or 1 (3 decimals in the record) stays finite
    assert abs(stacked_features(1.0, [0.0])["p_logit"]) < 7


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0.0, 1.0), min_size=4, max_size=4))
def test_the_shipped_model_gives_confidences_from_zero_to_one(probs: list[float]) -> None:
    if flt.load_models() is None or flt.load_models().document is None:  # type: ignore[union-attr]
        pytest.skip("no document model shipped")
    ms = _mentions()
    for m, p in zip(ms, probs, strict=True):
        m["confidence"] = round(p, 3)
    for ev in document.document_events(_doc(), ms):
        assert all(0.0 <= m["confidence"] <= 1.0 for m in ev["mentions"])
        assert ev["confidence"] == max(m["confidence"] for m in ev["mentions"])


def test_an_events_argument_spans_take_the_role_its_parties_won() -> None:
    # why (sample M): one mention read a party as the actor, another as the recipient, and the event's
    # arguments listed it in both roles while its actors list held it once
    a = _mention("التقى", "CONSULT", 0.9, ["person:1"])
    a["recipients"] = ["person:2"]
    a["arguments"] = [
        {"role": "actor", "ref": "person:1", "text": "الوزير", "start": 1, "end": 2},
        {"role": "recipient", "ref": "person:2", "text": "نظيره", "start": 3, "end": 4},
    ]
    b = _mention("المحادثات", "CONSULT", 0.4, ["person:2"])
    b["recipients"] = ["person:1"]
    b["arguments"] = [
        {"role": "actor", "ref": "person:2", "text": "نظيره", "start": 5, "end": 6},
        {"role": "recipient", "ref": "person:1", "text": "الوزير", "start": 7, "end": 8},
    ]
    ev = document._event(_doc(), 1, [a, b])
    assert ev["actors"] == ["person:1"] and ev["recipients"] == ["person:2"]
    kept = [(x["role"], x["ref"]) for x in ev["arguments"]]
    assert kept == [("actor", "person:1"), ("recipient", "person:2")]
