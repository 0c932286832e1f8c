"""Titles and roles (issue 4, item 2): the role lexicon, nationality countries, binding to names."""

from __future__ import annotations

import pytest

from khabar.extract.roles import bind_roles, find_roles, load_roles
from khabar.model import Span


def person(text: str, name: str) -> Span:
    start = text.index(name)
    return Span(start, start + len(name), "PERSON", name)


def one(text: str) -> Span:
    roles = find_roles(text)
    assert len(roles) == 1, roles
    return roles[0]


def test_lexicon_loads_with_ranks() -> None:
    table = load_roles()
    assert table  # written by hand for khabar, see the file's header
    assert all(1 <= e.rank <= 7 for e in table.values())


@pytest.mark.parametrize(
    ("text", "role", "country"),
    [
        # the seed's two ministers: the adjective after the phrase gives the country
        ("انضم وزير الدفاع الروسي إلى الجلسة", "defence minister", "RU"),
        ("انضم وزير الخارجية السوري إلى الجلسة", "foreign minister", "SY"),
        # a construct phrase takes a country name instead of an adjective
        ("التقى وزير خارجية روسيا نظيره", "foreign minister", "RU"),
        # the longest phrase wins: ولي ولي العهد is not ولي العهد
        ("استقبل ولي ولي العهد ضيوفه", "deputy crown prince", None),
        ("استقبل ولي العهد السعودي ضيوفه", "crown prince", "SA"),
        ("قال رئيس الوزراء المصري إن", "prime minister", "EG"),
        ("قال المتحدث باسم الحكومة إن", "spokesperson", None),
        # a proclitic on the first word stays outside the span
        ("وقال ووزير الداخلية", "interior minister", None),
    ],
)
def test_role_phrases(text: str, role: str, country: str | None) -> None:
    r = one(text)
    assert r.label == "ROLE"
    assert r.attrs["role"] == role
    assert r.attrs["country"] == country
    assert text[r.start : r.end] == r.text
    assert not r.text.startswith("ووزير")


def test_role_alone_is_a_fact() -> None:
    text = "انضمام وزير الدفاع الروسي إلى الجلسة يؤكد ذلك"
    r = one(text)
    assert r.text == "وزير الدفاع الروسي"
    assert bind_roles(text, [r], []) == []


def test_bound_phrases_need_a_name() -> None:
    """الفريق is "the team" far more often than a rank: only before a name is it a role."""
    assert find_roles("فاز الفريق بالكأس") == []
    text = "قال الفريق أول عبد الفتاح البرهان"
    p = person(text, "عبد الفتاح البرهان")
    roles = find_roles(text, [p])
    assert [(r.text, r.attrs["role"]) for r in roles] == [("الفريق أول", "general")]


def test_role_before_a_name_binds() -> None:
    text = "وصل وزير الدفاع الروسي سيرغي شويغو إلى دمشق"
    p = person(text, "سيرغي شويغو")
    roles = find_roles(text, [p])
    assert bind_roles(text, roles, [p]) == [(0, 0)]
    assert roles[0].attrs == {"role": "defence minister", "rank": 4, "country": "RU"}


def test_appositive_after_a_name_binds() -> None:
    text = "وقال فيصل المقداد، وزير الخارجية السوري، إن الزيارة ناجحة"
    p = person(text, "فيصل المقداد")
    roles = find_roles(text, [p])
    assert bind_roles(text, roles, [p]) == [(0, 0)]
    assert (roles[0].attrs["role"], roles[0].attrs["country"]) == ("foreign minister", "SY")


def test_role_before_wins_over_appositive() -> None:
    text = "التقى بشار الأسد، الرئيس الروسي فلاديمير بوتين"
    a, b = person(text, "بشار الأسد"), person(text, "فلاديمير بوتين")
    roles = find_roles(text, [a, b])
    assert bind_roles(text, roles, [a, b]) == [(0, 1)]


def test_no_binding_across_a_line_or_words() -> None:
    text = "وزير الدفاع الروسي\nسيرغي شويغو"
    p = person(text, "سيرغي شويغو")
    assert bind_roles(text, find_roles(text, [p]), [p]) == []
    text = "وزير الدفاع الروسي قال إن سيرغي شويغو"
    p = person(text, "سيرغي شويغو")
    assert bind_roles(text, find_roles(text, [p]), [p]) == []


def test_role_reaches_a_name_over_more_title_words() -> None:
    """A caption's list "ROLE NAME، ROLE … NAME": each role goes to the name after it, not back over
    the comma to the name before (it is a title running on: "وزير الداخلية وامين عام الحزب")."""
    text = "رئيس الحكومة صبري العسلي، وزير الداخلية وامين عام حزب الشعب علي بوظو"
    a, b = person(text, "صبري العسلي"), person(text, "علي بوظو")
    roles = find_roles(text, [a, b])
    assert [r.attrs["role"] for r in roles] == ["prime minister", "interior minister"]
    assert bind_roles(text, roles, [a, b]) == [(0, 0), (1, 1)]


def test_title_gap_stops_at_a_clause_word() -> None:
    text = "وقال وزير الخارجية ان الرئيس بشار الأسد سيزور موسكو"
    p = person(text, "بشار الأسد")
    roles = find_roles(text, [p])
    pairs = bind_roles(text, roles, [p])
    assert [roles[ri].text for ri, _ in pairs] == ["الرئيس"]


def test_title_gap_stops_at_another_role_or_a_future_verb() -> None:
    text = "الرئيس اليمني سيلتقي الرئيس عبدالفتاح السيسي"
    p = person(text, "عبدالفتاح السيسي")
    roles = find_roles(text, [p])
    pairs = bind_roles(text, roles, [p])
    assert [(roles[ri].text, roles[ri].attrs.get("country")) for ri, _ in pairs] == [("الرئيس", None)]
    text = "وزير الخارجية سيستقبل علي بوظو"
    p = person(text, "علي بوظو")
    assert bind_roles(text, find_roles(text, [p]), [p]) == []


def test_title_gap_stops_at_a_verb() -> None:
    for verb in ("يلتقي", "التقى"):
        text = f"وزير الخارجية السوري {verb} علي بوظو في دمشق"
        p = person(text, "علي بوظو")
        assert bind_roles(text, find_roles(text, [p]), [p]) == [], verb


def test_an_undersecretary_and_a_deputy_governor_are_offices() -> None:
    # why (sample K): "وكيل إمارة منطقة جازان" (the region's deputy governor) had no role, and the NER
    # read وكيل alone as a place in 9 mentions
    from khabar.api import process_text
    from khabar.pipeline import FACT_STAGES

    doc = process_text(
        "وأوضح وكيل وزارة النقل للشؤون الفنية المهندس سامي الحربي أن الطريق سيفتتح قريبا.", extra=FACT_STAGES
    )
    assert [e.attrs.get("role") for e in doc.entities if e.label == "ROLE"] == ["deputy minister"]
    assert "وكيل" not in [e.text for e in doc.entities if e.label == "LOC"]
    roles = {r.text: r.attrs["role"] for r in find_roles("استقبل وكيل الإمارة المساعد الوفد")}
    assert roles == {"وكيل الإمارة": "deputy governor"}


def test_run_at_agrees_with_the_whole_texts_runs() -> None:
    # find_roles walks the joined words only from a word that opens a role phrase (issue 15): the
    # same count as the per-text runs, capped, on words with punctuation, clitics and line breaks
    from khabar.arabic.tokenize import tokens_of
    from khabar.extract.roles import _run_at, _runs

    text = "قال وزير الخارجية السعودي،  الأمير فيصل\nبن فرحان (رئيس الوفد) إن 3 وزراء الدفاع حضروا"
    toks = list(tokens_of(text))
    runs = _runs(text, toks)
    for i in range(len(toks)):
        for cap in (1, 2, 3, 5, 9):
            assert _run_at(text, toks, i, cap) == min(runs[i], cap), (i, cap)
