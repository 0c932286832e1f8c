"""In-document person linking (issue 4, item 3) and the ``refs`` stage on the seed."""

from __future__ import annotations

import functools
import re

from khabar import process_text
from khabar.extract.linking import link_persons
from khabar.extract.roles import find_roles
from khabar.model import Document, Span
from khabar.pipeline import registered

from conftest import SEED, need


def persons(text: str, *names: str) -> list[Span]:
    """PERSON spans at every occurrence of each name (whole words, a و proclitic left outside, as the
    NER stage trims it), in text order; earlier names win over later ones inside them."""
    out: list[Span] = []
    for name in names:
        for m in re.finditer(rf"(?<!\w)و?({re.escape(name)})(?!\w)", text):
            s, e = m.span(1)
            if not any(p.start <= s < p.end for p in out):
                out.append(Span(s, e, "PERSON", name))
    return sorted(out, key=lambda s: s.start)


def refs_of(spans: list[Span]) -> list[str]:
    return [s.attrs["ref"] for s in spans]


def test_title_surname_and_full_name_are_one_ref() -> None:
    text = "استقبل الرئيس الأسد ضيفه. وقال الأسد إن الرئيس بشار الأسد سيزور موسكو."
    ps = persons(text, "بشار الأسد", "الأسد")
    refs = link_persons(text, ps, find_roles(text, ps))
    assert len(refs) == 1
    (ref,) = refs.values()
    assert ref["name"] == "بشار الأسد"
    assert set(ref["aliases"]) == {"الأسد", "بشار الأسد"}
    assert [r["role"] for r in ref["roles"]] == ["president"]
    assert len(set(refs_of(ps))) == 1


def test_bare_surname_links_to_the_full_name_earlier() -> None:
    text = "قال سيرغي شويغو إن الجيش جاهز. وأضاف شويغو أن"
    ps = persons(text, "سيرغي شويغو", "شويغو")
    refs = link_persons(text, ps)
    assert len(refs) == 1 and refs_of(ps) == ["person:1", "person:1"]


def test_shared_first_name_stays_two_refs() -> None:
    text = "التقى عبد الفتاح السيسي عبد الفتاح البرهان. وقال البرهان إن السيسي"
    ps = persons(text, "عبد الفتاح السيسي", "عبد الفتاح البرهان", "البرهان", "السيسي")
    refs = link_persons(text, ps)
    assert len(refs) == 2
    assert refs_of(ps) == ["person:1", "person:2", "person:2", "person:1"]


def test_shared_surname_makes_a_bare_surname_ambiguous() -> None:
    text = "حافظ الأسد وبشار الأسد. وقال الأسد"
    ps = persons(text, "حافظ الأسد", "بشار الأسد", "الأسد")
    assert [p.text for p in ps] == ["حافظ الأسد", "بشار الأسد", "الأسد"]
    refs = link_persons(text, ps)
    assert len(refs) == 3  # the later الأسد is not guessed


def test_roles_and_countries_on_refs() -> None:
    text = "وصل وزير الدفاع الروسي سيرغي شويغو. وقال فيصل المقداد، وزير الخارجية السوري، إن شويغو"
    ps = persons(text, "سيرغي شويغو", "فيصل المقداد", "شويغو")
    refs = link_persons(text, ps, find_roles(text, ps))
    got = {r["name"]: [(x["role"], x["country"]) for x in r["roles"]] for r in refs.values()}
    assert got == {"سيرغي شويغو": [("defence minister", "RU")], "فيصل المقداد": [("foreign minister", "SY")]}
    assert {r["name"]: r["country"] for r in refs.values()} == {"سيرغي شويغو": "RU", "فيصل المقداد": "SY"}
    assert ps[0].attrs["role"] == "defence minister"


def test_heading_pairs_by_nationality_not_order() -> None:
    heading = "شويغو والمقداد انضما لاحقاً للاجتماع"
    text = "انضم إلى الجلسة وزير الخارجية السوري ووزير الدفاع الروسي.\n" + heading + "\nوقال مصدر إن"
    hs = text.index(heading)
    ps = persons(text, "شويغو", "المقداد")
    refs = link_persons(text, ps, find_roles(text, ps), headings=[(hs, hs + len(heading))])
    got = {r["name"]: [(x["role"], x["country"], x["via"]) for x in r["roles"]] for r in refs.values()}
    assert got == {
        "شويغو": [("defence minister", "RU", "heading")],
        "المقداد": [("foreign minister", "SY", "heading")],
    }


def test_heading_heuristic_stays_out_when_unforced() -> None:
    # two Arab-looking names, roles from two Arab countries: no nationality cue decides, nothing paired
    heading = "المقداد والصفدي انضما للاجتماع"
    text = "انضم وزير الخارجية السوري ووزير الخارجية الأردني.\n" + heading
    hs = text.index(heading)
    ps = persons(text, "المقداد", "الصفدي")
    refs = link_persons(text, ps, find_roles(text, ps), headings=[(hs, len(text))])
    assert all(r["roles"] == [] for r in refs.values())
    # no sentence shares a word with the heading: nothing paired either
    heading = "شويغو والمقداد في دمشق"
    text = "وصل وزير الخارجية السوري ووزير الدفاع الروسي.\n" + heading
    hs = text.index(heading)
    ps = persons(text, "شويغو", "المقداد")
    refs = link_persons(text, ps, find_roles(text, ps), headings=[(hs, len(text))])
    assert all(r["roles"] == [] for r in refs.values())


@functools.cache
def seed_doc() -> Document:
    doc = process_text(need(SEED).read_text(encoding="utf-8"), extra=("entities",))
    registered()  # the built-in stages register first; then this module's stage
    from khabar.extract.refs_stage import refs

    refs(doc)
    return doc


def seed_people() -> dict[str, dict]:
    return {r["name"]: r for r in seed_doc().refs.values() if r["kind"] == "person"}


def test_seed_people() -> None:
    people = seed_people()
    assert set(people) == {"الأسد", "بوتين", "شويغو", "المقداد"}
    assert [r["role"] for r in people["الأسد"]["roles"]] == ["president"]
    assert [r["role"] for r in people["بوتين"]["roles"]] == ["president"]


def test_seed_ministers() -> None:
    people = seed_people()
    assert [(r["role"], r["country"]) for r in people["شويغو"]["roles"]] == [("defence minister", "RU")]
    assert [(r["role"], r["country"]) for r in people["المقداد"]["roles"]] == [("foreign minister", "SY")]
    assert people["شويغو"]["country"] == "RU" and people["المقداد"]["country"] == "SY"


def test_seed_spans_in_bounds_and_refs_set() -> None:
    doc = seed_doc()
    for e in doc.entities:
        assert 0 <= e.start < e.end <= len(doc.text)
        assert doc.text[e.start : e.end] == e.text
        if e.label == "PERSON":
            assert e.attrs["ref"] in doc.refs
    for ref in doc.refs.values():
        for r in ref.get("roles", []):
            s, e = r["span"]
            assert doc.text[s:e] == r["text"]
    assert sum(e.label == "ROLE" for e in doc.entities) >= 6
    assert registered()["refs"].requires == ("entities",)


def test_a_role_with_a_country_alone_refers_to_its_one_holder() -> None:
    text = "وصل وزير الدفاع الأمريكي آشتون كارتر إلى الرياض. وقال الرئيس إن وزير الدفاع الأمريكي سيلتقي"
    ps = persons(text, "آشتون كارتر")
    roles = find_roles(text, ps)
    refs = link_persons(text, ps, roles)
    (ref,) = refs.values()
    alone = [r for r in roles if r.start > text.index("الرياض") and r.attrs.get("country") == "US"]
    assert alone and alone[0].attrs["ref"] == "person:1"
    assert "وزير الدفاع الأمريكي" in ref["aliases"]
    bare = [r for r in roles if r.text == "الرئيس"]
    assert bare and "ref" not in bare[0].attrs  # no country: not guessed


def test_a_role_two_people_hold_stays_unlinked() -> None:
    text = "التقى الرئيس المصري عبد الفتاح السيسي نظيره الرئيس المصري السابق محمد مرسي. وقال الرئيس المصري إن"
    ps = persons(text, "عبد الفتاح السيسي", "محمد مرسي")
    roles = find_roles(text, ps)
    link_persons(text, ps, roles)
    assert [r.attrs.get("ref") for r in roles] == ["person:1", "person:2", None]


# -- issue 13: one person across forms, never father and son, bare given names -------------------------
def test_nasab_with_and_without_family_and_spacing_is_one_ref() -> None:
    # King Salman split four ways on the sample archive: آل سعود and the spacing of عبد العزيز vary
    text = (
        "وصل الملك سلمان بن عبدالعزيز آل سعود إلى جدة. واستقبل سلمان بن عبد العزيز ضيوفه، "
        "وقال سلمان بن عبدالعزيز إن المملكة ماضية."
    )
    ps = persons(text, "سلمان بن عبدالعزيز آل سعود", "سلمان بن عبد العزيز", "سلمان بن عبدالعزيز")
    refs = link_persons(text, ps, find_roles(text, ps))
    assert len(refs) == 1
    assert next(iter(refs.values()))["key"] == "سلمان بن عبدالعزيز"


def test_father_and_son_are_two_refs_and_keys() -> None:
    # a bare سلمان after محمد بن سلمان is not the son: the son's name ends in his father's name
    text = "التقى ولي العهد الأمير محمد بن سلمان وزيرا. وقال الملك سلمان بن عبدالعزيز إن سلمان يتابع."
    ps = persons(text, "محمد بن سلمان", "سلمان بن عبدالعزيز", "سلمان")
    refs = link_persons(text, ps, find_roles(text, ps))
    keys = sorted(r["key"] for r in refs.values())
    assert keys == ["سلمان بن عبدالعزيز", "محمد بن سلمان"]
    son = next(r for r in refs.values() if r["key"] == "محمد بن سلمان")
    assert "سلمان" not in son["aliases"]
    assert all(r["role"] != "king" for r in son["roles"])  # the son does not inherit his father's title


def test_a_son_does_not_take_his_fathers_bare_name() -> None:
    # only the son is named in full: a later bare سلمان cannot be him (nor anyone: it is dropped)
    text = "قال الأمير محمد بن سلمان إن الزيارة ناجحة. وأضاف أن سلمان كان حاضرا."
    ps = persons(text, "محمد بن سلمان", "سلمان")
    refs = link_persons(text, ps, find_roles(text, ps))
    assert [r["name"] for r in refs.values()] == ["محمد بن سلمان"]
    assert ps[1].attrs.get("reject") == "bare_given_name"


def test_bare_given_name_is_no_person_unless_linked() -> None:
    # عبدالعزيز alone (58 documents on the sample) names nobody; عبدالله here opens one full name
    text = "شارك عبدالعزيز في اللقاء. وتحدث عبدالله الربيعة عن الخطة، ثم قال عبدالله إنها جاهزة."
    ps = persons(text, "عبدالله الربيعة", "عبدالعزيز", "عبدالله")
    refs = link_persons(text, ps, find_roles(text, ps))
    assert [r["name"] for r in refs.values()] == ["عبدالله الربيعة"]
    by_text = {p.text: p for p in ps}
    assert by_text["عبدالعزيز"].attrs.get("reject") == "bare_given_name"
    assert by_text["عبدالله"].attrs["ref"] == "person:1"


def test_titled_given_name_links_to_the_full_name() -> None:
    # الأمير محمد is the one prince محمد the page names in full
    text = "استقبل الأمير محمد بن نايف الوفد. وأكد الأمير محمد أهمية التعاون."
    ps = persons(text, "محمد بن نايف", "محمد")
    refs = link_persons(text, ps, find_roles(text, ps))
    assert len(refs) == 1
    assert {p.attrs["ref"] for p in ps} == {"person:1"}


def test_given_name_shared_by_two_full_names_is_dropped() -> None:
    # محمد alone after two different محمد: one of them, not a third person
    text = "التقى محمد العتيبي ومحمد الشمري. وقال محمد إن الاجتماع مثمر."
    ps = persons(text, "محمد العتيبي", "محمد الشمري", "محمد")
    refs = link_persons(text, ps, find_roles(text, ps))
    assert len(refs) == 2
    assert ps[-1].attrs.get("reject") == "ambiguous_given_name"


def test_a_generic_title_does_not_make_a_given_name_someone() -> None:
    # "the engineer Khalid" names one of many engineers: no person across documents
    text = "وأوضح المهندس خالد أن المشروع سينتهي قريبا."
    ps = persons(text, "خالد")
    assert link_persons(text, ps, find_roles(text, ps)) == {}
    assert ps[0].attrs.get("reject") == "bare_given_name"


def test_a_unique_title_makes_a_given_name_someone() -> None:
    # "King Fahd": the title picks out one man
    text = "وافتتح الملك فهد المشروع عام 1985."
    ps = persons(text, "فهد")
    refs = link_persons(text, ps, find_roles(text, ps))
    assert [r["key"] for r in refs.values()] == ["الملك فهد"]
