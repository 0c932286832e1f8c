"""Every wrong fact issue 13 reported from the SaudiNewsNet sample archive, as a test with its reason.

The sentences are written for these tests (not copied from the sample): each holds the word that went
wrong in the context that made it wrong. The layers' own test modules test the rules behind them on
other sentences; this module is the list a reader of the issue can check off.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from khabar.api import process_text
from khabar.model import Document, Source
from khabar.pipeline import FACT_STAGES


@cache
def _doc(text: str, site: str | None = None) -> Document:
    return process_text(text, id="t", source=Source(site=site), extra=FACT_STAGES)


def _places(text: str, site: str | None = None) -> dict[str, dict[str, Any]]:
    """Shown place refs (with coordinates) by their name as written."""
    doc = _doc(text, site)
    out: dict[str, dict[str, Any]] = {}
    for rid, ref in doc.refs.items():
        if ref.get("lat") is not None:
            for alias in [ref.get("name"), *(ref.get("aliases") or [])]:
                out[str(alias)] = {"id": rid, **ref}
    return out


def _place_names(text: str) -> set[str]:
    return {str(r.get("name")) for r in _places(text).values()}


def _entity_texts(text: str, label: str | None = None) -> set[str]:
    return {e.text for e in _doc(text).entities if label is None or e.label == label}


# -- places: common words are not places ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "not_place"),
    [
        ("يرى الكاتب أن الحل البسيط هو الحوار بين الأطراف.", "Albacete"),  # البسيط "simple"
        ("ارتدى اللاعبون القميص الرمادي في المباراة الأخيرة.", "Ramadi"),  # الرمادي "grey"
        ("تجمع المحتجون في ميدان كبير وسط المدينة.", "Medan"),  # ميدان "square"
        ("قال المحلل إن الحراك الشعبي مستمر منذ أشهر.", "Al Ḩirāk"),  # الحراك "the movement"
        ("حفرت الجمعية آبارا جديدة لسكان القرى النائية.", "Ibara"),  # آبارا "wells"
        ("حذر الشيخ من الصراع القبلي في المنطقة.", "Kebili"),  # القبلي "tribal"
        ("تلاحق الشرطة السجناء الهاربين منذ أمس.", "Harbin"),  # الهاربين "the fugitives"
        ("اشترى المواطن سيارة تويوتا جديدة من المعرض.", "Toyota"),  # a car make
        ("وقالت الوزارة في بيانه إن العمل مستمر.", "Spain"),  # بيانه "its statement"
        ("تعمل الحكومة على تطوير البنى التحتية في الريف.", "United States"),  # البنى "structures"
    ],
)
def test_a_common_word_is_not_a_place(text: str, not_place: str) -> None:
    assert not any(not_place.lower() in n.lower() for n in _place_names(text)), _place_names(text)


# -- places: homonyms -------------------------------------------------------------------------------
def test_manchester_is_the_english_city() -> None:
    # the US town of the same name is not what football news means, even when the page names the USA
    places = _places(
        "فاز مانشستر يونايتد على ضيفه في ملعب أولد ترافورد، وتابع المباراة مشجعون من الولايات المتحدة."
    )
    assert all(p["country"] != "US" for n, p in places.items() if "مانشستر" in n)


def test_paris_is_the_french_capital_even_beside_the_usa() -> None:
    places = _places("التقى وزير الخارجية الأمريكي نظيره الفرنسي في باريس لبحث الملف النووي.")
    assert places["باريس"]["country"] == "FR"


def test_darin_is_not_the_us_town() -> None:
    # دارين is a Saudi town on Tarout island and a given name; Darien IL is not what Saudi news means
    places = _places("افتتح أمير المنطقة الشرقية مهرجان دارين البحري في محافظة القطيف.")
    assert all(p["country"] != "US" for n, p in places.items() if "دارين" in n)


def test_ariha_in_idlib_is_not_jericho() -> None:
    # أريحا in Idlib province is Ariha SY, not Jericho PS
    places = _places("سيطر مقاتلو المعارضة على مدينة أريحا في محافظة إدلب شمال سوريا.")
    assert all(p["country"] != "PS" for n, p in places.items() if "أريحا" in n)


def test_the_newspaper_is_an_organisation() -> None:
    # الشرق الأوسط the paper (لـ«الشرق الأوسط») is a media organisation, not a place on the map
    doc = _doc("وقال المسؤول لـ«الشرق الأوسط» إن المفاوضات ستستأنف الأسبوع المقبل.")
    assert not any(
        r.get("lat") is not None and "الشرق الأوسط" in r.get("aliases", []) for r in doc.refs.values()
    )
    assert any(r.get("kind") == "org" and r.get("org_kind") == "media" for r in doc.refs.values())


def test_nationality_adjectives_are_not_places() -> None:
    # السورية, الكردي: adjectives, referring to a country (kind nationality), not places on the map
    places = _places("التقى الوفد السورية بممثلي الحزب الكردي في جنيف.")
    assert "السورية" not in places and "الكردي" not in places


# -- clitics: a name keeps its first letter -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("نشرت مجلة فورين بوليسي تقريرا عن الأزمة.", "ورين بوليسي"),  # فورين is a name, not ف + ورين
        ("أرسلت الحكومة وفدا إلى العاصمة للتفاوض.", "فدا"),  # وفدا "a delegation"
        ("استقبل البابا فرنسيس الرئيس في الفاتيكان.", "رنسيس"),  # Pope Francis
        ("قالت السفيرة سامانثا باور إن المجلس سيصوت غدا.", "اور"),  # Samantha Power
        ("عرض فيلم باندورا في مهرجان السينما.", "اندورا"),  # Pandora, not Andorra
        ("قصفت الطائرات وادي الزبداني أمس.", "ادي الزبداني"),  # وادي "valley" keeps its و
    ],
)
def test_a_name_is_not_cut(text: str, cut: str) -> None:
    assert cut not in _entity_texts(text)


def test_pandora_is_not_andorra() -> None:
    assert "Andorra" not in _place_names("عرض فيلم باندورا في مهرجان السينما.")


def test_the_united_states_after_li_keeps_its_article() -> None:
    # للولايات = ل + الولايات: the place is الولايات المتحدة, never "لولايات"
    places = _places("وجه الوزير الشكر للولايات المتحدة على دعمها.")
    assert "لولايات المتحدة" not in places and any(p["country"] == "US" for p in places.values())


# -- people -------------------------------------------------------------------------------------------
def _person_keys(text: str) -> dict[str, str]:
    doc = _doc(text)
    return {r["name"]: r.get("key", "") for rid, r in doc.refs.items() if rid.startswith("person:")}


def test_king_salman_is_one_person_in_every_spelling() -> None:
    keys = {
        next(iter(_person_keys(t).values()), "")
        for t in (
            "استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود الوفد.",
            "استقبل الملك سلمان بن عبد العزيز الوفد في الرياض.",
            "وجه سلمان بن عبدالعزيز بصرف المساعدات.",
        )
    }
    assert len(keys) == 1 and "" not in keys


def test_father_and_son_are_two_people() -> None:
    keys = set(_person_keys("استقبل الملك سلمان بن عبدالعزيز ولي ولي العهد الأمير محمد بن سلمان.").values())
    assert len(keys) == 2


def test_the_son_does_not_take_his_fathers_title() -> None:
    doc = _doc("استقبل الملك سلمان بن عبدالعزيز ولي ولي العهد الأمير محمد بن سلمان في الرياض.")
    son = [r for rid, r in doc.refs.items() if rid.startswith("person:") and r.get("key") == "محمد بن سلمان"]
    assert son and all(x.get("role") != "king" for x in son[0].get("roles", []))


@pytest.mark.parametrize("name", ["عبدالعزيز", "عبدالله", "محمد"])
def test_a_bare_given_name_is_not_a_person(name: str) -> None:
    assert name not in _entity_texts(f"وقال {name} إن العمل سينتهي قريبا.", "PERSON")


@pytest.mark.parametrize(
    ("text", "not_person"),
    [
        ("هنأ المدير الموظفين بمناسبة عيد مبارك وأعياد سعيدة.", "مبارك"),  # "blessed"
        ("فاز الهلال في دوري عبداللطيف جميل للمحترفين.", "عبداللطيف جميل"),  # a league's name
        ("سيطر المقاتلون الأكراد على مدينة كوباني السورية.", "كوباني"),  # a town
        ("شاهد الجمهور الرجل ذا الشنب الكثيف في الصورة وعلى دروب القرية.", "وعلى دروب"),  # a phrase
        ("يعاني السكان من لهيب الصيف في المدينة.", "لهيب الصيف"),  # "the summer's heat"
    ],
)
def test_not_a_person(text: str, not_person: str) -> None:
    assert not_person not in _entity_texts(text, "PERSON")


def test_a_verb_before_a_name_is_not_part_of_it() -> None:
    # يناشدون هادي: the people appeal to Hadi; the verb is not his first name
    assert "يناشدون هادي" not in _entity_texts("وقال المحتجون إنهم يناشدون هادي التدخل لإنهاء الأزمة.")


def test_a_month_is_not_an_organisation() -> None:
    # نيسان is April (and a car make), not an organisation
    assert "نيسان" not in _entity_texts("عقد المؤتمر في شهر نيسان من العام الماضي.", "ORG")


# -- events ---------------------------------------------------------------------------------------------
def _event_types(text: str) -> set[str]:
    doc = _doc(text)
    return {str(e.get("type")) for e in [*doc.events, *doc.low_confidence.events]}


def test_self_restraint_is_not_an_arrest() -> None:
    assert "COERCE" not in _event_types("دعا الأمين العام جميع الأطراف إلى ضبط النفس وتجنب التصعيد.")


def test_here_is_not_a_congratulation() -> None:
    # من هنا "from here": هنا is not هنأ
    assert "SUPPORT" not in _event_types("ومن هنا تبدأ رحلة الحجاج إلى المشاعر المقدسة.")


def test_progress_is_not_an_assault() -> None:
    assert "ASSAULT" not in _event_types("أشاد الوزير بتقدم العمل في مشروع المستشفى الجديد.")


def test_an_exhibition_title_is_not_an_attack() -> None:
    assert "ASSAULT" not in _event_types("افتتحت الأميرة معرض «أشعل أملا» للفنون التشكيلية في جدة.")


def test_the_seed_visit_is_one_event_in_moscow() -> None:
    from conftest import SEED, need

    doc = process_text(need(SEED).read_text(encoding="utf-8"), id="seed", extra=FACT_STAGES)
    events = [*doc.events, *doc.low_confidence.events]
    assert len(events) <= 8
    visits = [e for e in events if e.get("type") == "CONSULT" and e.get("mode") == "visit"]
    assert len(visits) == 1
    refs = {**doc.low_confidence.refs, **doc.refs}
    assert refs[visits[0]["place"]]["name"] == "Moscow"


def test_no_event_date_far_beyond_publication() -> None:
    # "رؤية 2030" is a vision, not when anything happened
    doc = process_text(
        "أعلن الوزير أمس عن خطة جديدة ضمن رؤية 2030 لتطوير التعليم، ووقع اتفاقية مع الجامعة.",
        id="t",
        meta={"date_extracted": "2015-08-01 10:00:00"},
        extra=FACT_STAGES,
    )
    for e in [*doc.events, *doc.low_confidence.events]:
        assert not str(e.get("date") or "").startswith("2030")


# -- dates ---------------------------------------------------------------------------------------------
def test_the_outlet_name_is_not_today() -> None:
    # اليوم in the outlet's name عين اليوم is not a date
    doc = process_text("عين اليوم - الرياض\nأعلنت الوزارة عن مشروع جديد.", id="t", extra=FACT_STAGES)
    assert not any(d.text == "اليوم" and d.start < 10 for d in doc.dates)


def test_the_crawl_date_fills_published() -> None:
    doc = process_text(
        "أعلنت الوزارة أمس عن مشروع جديد.", id="t", meta={"date_extracted": "2015-07-21 02:51:41"}
    )
    assert doc.published is not None and doc.published.startswith("2015-07")
