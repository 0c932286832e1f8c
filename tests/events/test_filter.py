"""The argument model's policies (``khabar.events.filter.choose_arguments``)."""

from __future__ import annotations

from typing import Any

from khabar.events.arguments import Args
from khabar.events.filter import EventFilter, choose_arguments
from khabar.events.mentions import Mention


class _Ev:
    """The part of an Event that choose_arguments reads."""

    def __init__(self, actors: list[Mention], recipients: list[Mention]) -> None:
        self.args = Args(actors=actors, recipients=recipients)


def _m(ref: str) -> Mention:
    return Mention(0, 1, ref, ref, "person")


def _model(w: float, policy: str = "add", extra: float = 1.0) -> EventFilter:
    return EventFilter({"x": w}, 0.0, 0.5, policy, extra)


def _run(ev: _Ev, cands: list[tuple[Mention, str, dict[str, float]]], models: dict[str, Any]) -> None:
    choose_arguments(ev, cands, models)  # type: ignore[arg-type]


def test_a_role_without_a_model_keeps_the_rules_choice() -> None:
    a, r = _m("a"), _m("r")
    ev = _Ev([a], [r])
    _run(ev, [(a, "recipient", {"x": -5.0}), (r, "recipient", {"x": 5.0})], {"recipient": _model(1.0)})
    assert [m.ref for m in ev.args.actors] == ["a"]
    assert [m.ref for m in ev.args.recipients] == ["r"]


def test_add_keeps_the_rules_choice_and_adds_confident_candidates() -> None:
    a, b = _m("a"), _m("b")
    ev = _Ev([a], [])
    _run(ev, [(a, "actor", {"x": -5.0}), (b, "actor", {"x": 5.0})], {"actor": _model(1.0)})
    assert {m.ref for m in ev.args.actors} == {"a", "b"}


def test_replace_drops_what_the_model_rejects() -> None:
    a, b = _m("a"), _m("b")
    ev = _Ev([a], [])
    _run(ev, [(a, "actor", {"x": -5.0}), (b, "actor", {"x": 5.0})], {"actor": _model(1.0, "replace")})
    assert [m.ref for m in ev.args.actors] == ["b"]


def test_top_keeps_the_best_and_only_sure_others() -> None:
    a, b, c = _m("a"), _m("b"), _m("c")
    ev = _Ev([], [])
    cands = [(a, "actor", {"x": 3.0}), (b, "actor", {"x": 1.0}), (c, "actor", {"x": 0.5})]
    _run(ev, cands, {"actor": _model(1.0, "top", extra=0.99)})
    assert [m.ref for m in ev.args.actors] == ["a"]
