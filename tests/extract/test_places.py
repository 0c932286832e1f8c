"""Places with coordinates (issue 4, item 4): the GeoNames gazetteer, clitics and disambiguation."""

from __future__ import annotations

import math
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import process_text
from khabar.extract.places import STOPLIST, find_places, load_gazetteer, nationality_country
from khabar.model import Document, Source
from khabar.pipeline import registered

from conftest import SEED, need

# GeoNames coordinates (cities15000) of the seed's places
MOSCOW = (55.75204, 37.61781)
DARAA = (32.61889, 36.10213)
IDLIB = (35.93062, 36.63393)


def run_places_stage(doc: Document) -> None:
    """Run the ``places`` stage. Its module is imported here, after the built-in stages have
    registered (``registered()`` loads them), so that the registry keeps the built-ins first (the CLI's
    ``stages`` listing relies on that order) until the module joins ``pipeline._BUILTIN_MODULES``."""
    registered()
    from khabar.extract.places_stage import places

    places(doc)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine), in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def countries(text: str) -> dict[str, str]:
    return {s.text: s.attrs["country"] for s in find_places(text)}


def test_data_loads_fast() -> None:
    load_gazetteer.cache_clear()
    t = time.perf_counter()
    gaz = load_gazetteer()
    assert time.perf_counter() - t < 1.0
    assert len(gaz.names) > 5000 and "SY" in gaz.countries
    assert load_gazetteer() is gaz  # loaded once


def test_seed_moscow_daraa_idlib_within_10_km() -> None:
    raw = need(SEED).read_text(encoding="utf-8")
    doc = process_text(raw, id="seed", source=Source(input=str(SEED)))
    run_places_stage(doc)
    by_name = {r["name"]: r for r in doc.refs.values() if r["kind"] == "place"}
    for name, where in (("Moscow", MOSCOW), ("Dar‘ā", DARAA), ("Idlib", IDLIB)):
        ref = by_name[name]
        assert km((ref["lat"], ref["lon"]), where) < 10, name
    assert by_name["Moscow"]["country"] == "RU"  # not Mesquite, Texas (also موسكو in GeoNames)
    assert doc.refs["geonames:524901"]["source_id"] == "524901"
    locs = [e for e in doc.entities if e.label == "LOC"]
    assert {"موسكو", "درعا", "إدلب"} <= {e.text for e in locs}
    assert all(doc.text[e.start : e.end] == e.text for e in doc.entities)


def test_riyadh_is_saudi_not_the_egyptian_town() -> None:
    (sp,) = find_places("وصل الوفد إلى الرياض أمس")
    assert (sp.text, sp.attrs["country"], sp.attrs["ref"]) == ("الرياض", "SA", "geonames:108410")


def test_tripoli_by_the_other_places() -> None:
    assert countries("اشتباكات في طرابلس شمال لبنان")["طرابلس"] == "LB"
    assert countries("اشتباكات في طرابلس غرب ليبيا")["طرابلس"] == "LY"
    # nationality adjectives count as evidence too
    assert countries("قال الجيش اللبناني إن الهدوء عاد إلى طرابلس")["طرابلس"] == "LB"


def test_clitics_stripped() -> None:
    spans = find_places("وصل بموسكو، وإدلب، لدمشق وبالرياض")
    assert [(s.text, s.attrs["name"]) for s in spans] == [
        ("موسكو", "Moscow"),
        ("إدلب", "Idlib"),
        ("دمشق", "Damascus"),
        ("الرياض", "Riyadh"),
    ]


def test_longest_match_first() -> None:
    (sp,) = find_places("زار طرابلس الشام أمس")
    assert sp.text == "طرابلس الشام" and sp.attrs["country"] == "LB"
    (sp,) = find_places("في المدينة المنورة")
    assert sp.text == "المدينة المنورة" and sp.attrs["country"] == "SA"


def test_compound_names_written_glued() -> None:
    """كفرالشيخ and خانيونس are as common in news as كفر الشيخ and خان يونس; المعراج stays a noun."""
    spans = find_places("وصل محافظ كفرالشيخ إلى خانيونس في ذكرى المعراج")
    assert [(s.text, s.attrs["country"]) for s in spans] == [("كفرالشيخ", "EG"), ("خانيونس", "PS")]


def test_article_geonames_leaves_out() -> None:
    """GeoNames spells Khartoum خرطوم; Arabic writes الخرطوم."""
    (sp,) = find_places("وصل الوفد إلى الخرطوم أمس")
    assert (sp.text, sp.attrs["country"]) == ("الخرطوم", "SD")


def test_common_words_are_not_places() -> None:
    # كان (Caen), جامعة (Djamaa), لجنة (ل + جنة, Djenné), الخميس (Khemis Miliana), صور (Tyre)
    assert find_places("كان رئيس لجنة الجامعة يوم الخميس يعرض صور المدينة") == []
    assert "جامعه" in STOPLIST  # one of the few words the frequency rule does not catch


def test_nationality_adjectives() -> None:
    assert nationality_country("السوري") == "SY"
    assert nationality_country("والروسية") == "RU"
    assert nationality_country("المصري") == "EG"
    assert nationality_country("الكتاب") is None


def test_normalised_spellings_and_diacritics() -> None:
    (sp,) = find_places("في اِدْلِب")
    assert sp.attrs["name"] == "Idlib" and sp.text == "اِدْلِب"


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["بموسكو", "درعا", "طرابلس", " ", "\n", "ـ", "َ", "ال", "و", "لبنان", "x"])))
def test_spans_in_bounds(parts: list[str]) -> None:
    text = "".join(parts)
    for sp in find_places(text):
        assert 0 <= sp.start < sp.end <= len(text)
        assert text[sp.start : sp.end] == sp.text
        assert sp.label == "LOC" and sp.attrs["ref"].startswith("geonames:")


def test_places_stage_merges_a_clitic_ner_span_and_drops_title_words_inside_places() -> None:
    """One LOC per place: the NER span with its proclitic (ببلطيم) gives way to the gazetteer's
    (بلطيم); and الشيخ inside كفر الشيخ is part of a name, not a sheikh's title."""
    from khabar import process_text

    text = "كفر الشيخ - أكد المحافظ أن العمل بدأ ببلطيم ومطوبس أمس."
    doc = process_text(text, extra=("entities", "places", "refs"))
    locs = [(e.text, e.attrs.get("country")) for e in doc.entities if e.label == "LOC"]
    assert ("بلطيم", "EG") in locs and not any(t == "ببلطيم" for t, _ in locs)
    assert ("كفر الشيخ", "EG") in locs
    assert not any(e.label == "ROLE" and e.text == "الشيخ" for e in doc.entities)


def test_names_that_are_common_words_need_context() -> None:
    """سلمية is a Syrian town and the feminine of سلمي "peaceful"; العقبة is Aqaba and "the obstacle"."""
    assert find_places("خرجت مظاهرة سلمية") == []
    assert find_places("تجاوز الفريق العقبة الأولى") == []
    assert [s.attrs["name"] for s in find_places("وصل الوفد إلى مدينة سلمية")] == ["As Salamīyah"]
    assert [s.attrs["country"] for s in find_places("وصلت السفينة الى العقبة")] == ["JO"]
    # where the NER model read the word as a place, that is context enough
    text = "وغادر العقبة صباحا"
    (sp,) = find_places(text, [(6, 12)])
    assert sp.text == "العقبة"
