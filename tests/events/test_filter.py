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


# -- the page and the sentence around a candidate (issue 13) ---------------------------------------------
FACTS = ("entities", "places", "refs", "dates", "quantities")


def _features(text: str) -> list[dict[str, float]]:
    """The filter's features of every candidate of ``text`` (sentences composed for the tests)."""
    from khabar.api import process_text
    from khabar.events.coder import code_events

    doc = process_text(text, extra=FACTS)
    return [
        m["_features"] for e in code_events(doc, use_filter=False, with_features=True) for m in e["mentions"]
    ]


def test_page_cues_load_with_every_class() -> None:
    from khabar.events.filter import PAGE_CUE_CLASSES, load_page_cues

    cues = load_page_cues()
    assert {cls for forms in cues.values() for _, cls in forms} == PAGE_CUE_CLASSES
    assert (("ف", "ب"), "agency") in cues["ا"]  # a multiword byline: أ ف ب


def test_a_column_in_the_first_person_reads_as_one() -> None:
    # a writer who says "we" and "I think" about a meeting: the page's first person and rhetoric show
    f = _features(
        "نحن نعرف أن الوزير التقى نظيره في الرياض أمس، ولعل هذا اللقاء لن يغير شيئا. "
        "أعتقد أننا بحاجة إلى أكثر من ذلك، فهل يكفي الكلام؟ للأسف لا."
    )[0]
    assert "pg_first_person=0" not in f and "pg_opinion=0" not in f and "pg_questions=0" not in f


def test_an_agency_report_reads_as_one() -> None:
    # a dateline with an agency: the report's first words name it
    f = _features("عمّان - واس: التقى وزير الخارجية الأردني نظيره المصري في عمّان اليوم وبحثا العلاقات.")[0]
    assert f["pg_agency_lead=True"] == 1.0 and f["pg_first_person=0"] == 1.0


def test_a_hedge_an_anchor_a_quote_and_a_question_around_a_trigger() -> None:
    # "Washington may impose sanctions ..." (a hedge), "after the attack ..." (the attack as an anchor),
    # an attack in a quotation, and a question about an arrest
    hedged = _features("ربما تفرض الولايات المتحدة عقوبات جديدة على روسيا.")
    assert all(f.get("ms_hedge=True") for f in hedged) and hedged
    anchored = _features("قتل خمسة جنود في الموصل أمس، وبعد الهجوم فرضت القوات طوقا على المدينة.")
    assert any(f.get("ms_prev=anchor") for f in anchored)
    quoted = _features('وقال المتحدث: "هاجم المسلحون مركز الشرطة في بنغازي أمس".')
    assert any(f.get("ms_quote=True") for f in quoted)
    asked = _features("هل اعتقلت الشرطة المشتبه بهم في جدة؟")
    assert all(f.get("ms_question=True") for f in asked)


def test_the_second_mention_of_a_type_in_a_sentence_is_ranked() -> None:
    # two attacks in one sentence: the second is told apart from the first (the gold codes one record
    # per event and sentence, so a second mention of the same event is not another one)
    fs = _features("قتل جنديان في هجوم على حاجز في سيناء أمس، وأصيب ثلاثة آخرون في هجوم ثان على دورية.")
    ranks = sorted(k for f in fs for k in f if k.startswith("ms_rank="))
    assert ranks[0] == "ms_rank=0" and ranks[-1] in ("ms_rank=1", "ms_rank=2")


# -- issue 16: the argument scorer's features and its abstention ----------------------------------------
def _arg_features(text: str) -> list[tuple[str, str, dict[str, float]]]:
    """(candidate text, role, features) of every candidate of every event the coder finds in ``text``."""
    from khabar.api import process_text
    from khabar.events.coder import code_events

    doc = process_text(text, extra=("entities", "places", "refs", "dates", "quantities"))
    out = []
    for e in code_events(doc, use_filter=False, with_features=True):
        for m in e["mentions"]:
            out += [(c["text"], c["role"], c["features"]) for c in m["_arg_cands"]]
    return out


def test_a_one_word_manner_phrase_is_marked_adverbial() -> None:
    # "condemned strongly": بشدة is how, not who (the brief's "تدين → بقوة" is another page)
    fs = _arg_features("استنكرت الحكومة بشدة الهجوم على السفارة.")
    manner = [f for t, role, f in fs if t.endswith("شدة") and role == "actor"]
    party = [f for t, role, f in fs if t == "الحكومة" and role == "actor"]
    assert manner and all(f.get("actor|adverbial=True") for f in manner)
    assert party and all(f.get("actor|adverbial=False") for f in party)


def test_a_verb_between_the_candidate_and_the_trigger_is_marked() -> None:
    # the minister who said it is not whom the attack was by: a verb of saying stands between
    fs = _arg_features("الوزير قال إن هجوما استهدف الحاجز أمس.")
    said = [f for t, role, f in fs if "الوزير" in t and role == "actor"]
    assert said and any(f.get("actor|verb_between=True|before") for f in said)


def test_a_verbal_noun_of_what_happens_is_marked_without_agent() -> None:
    # مقتل: nobody's act is named by the noun itself
    fs = _arg_features("أعلنت الشرطة مقتل ثلاثة مسلحين في الاشتباكات.")
    assert any(any(k.startswith("actor|no_agent=True") for k in f) for _, _, f in fs)


def test_gate_keeps_the_rules_choice_the_model_agrees_with_and_abstains_otherwise() -> None:
    a, b, c = _m("a"), _m("b"), _m("c")
    ev = _Ev([a, b], [])
    # a: the rules' choice, sure; b: the rules' choice, unsure (left out); c: not chosen, below extra
    cands = [(a, "actor", {"x": 3.0}), (b, "actor", {"x": -3.0}), (c, "actor", {"x": 1.0})]
    _run(ev, cands, {"actor": _model(1.0, "gate", extra=1.01)})
    assert [m.ref for m in ev.args.actors] == ["a"]
    # nothing sure enough: the role is left empty rather than given a doubtful party
    ev = _Ev([b], [])
    _run(
        ev, [(b, "actor", {"x": -3.0}), (c, "actor", {"x": -1.0})], {"actor": _model(1.0, "gate", extra=1.01)}
    )
    assert ev.args.actors == []


def test_the_scorer_only_leaves_out_what_issue_13s_ranker_gives() -> None:
    # with the scorer on, each mention's arguments are among those of the ranker it replaces, in the
    # same roles (a page of our own: a visit, a meeting and a strike)
    from khabar.api import process_text
    from khabar.events.filter import use_scorer

    text = (
        "وصل وزير الخارجية الفرنسي إلى الرياض أمس في زيارة رسمية، والتقى خلالها ولي العهد. "
        "وبحث الجانبان العلاقات الثنائية. وقصفت طائرات التحالف مواقع الحوثيين في صعدة."
    )
    extra = ("entities", "places", "refs", "dates", "quantities", "events")
    was = use_scorer(True)
    try:
        on = process_text(text, extra=extra)
        use_scorer(False)
        off = process_text(text, extra=extra)
    finally:
        use_scorer(was)
    got = [m for e in on.events for m in e["mentions"]]
    ref = [m for e in off.events for m in e["mentions"]]
    assert [m["trigger"] for m in got] == [m["trigger"] for m in ref]
    for x, y in zip(got, ref, strict=True):
        assert set(x["actors"]) <= set(y["actors"]) and set(x["recipients"]) <= set(y["recipients"])
