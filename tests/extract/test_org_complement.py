"""The complement of an organisation's head noun (khabar.extract.org_complement), through find_orgs:
the classes added for organisations recall (a sector's directorate named by its town, a court named by
its type, a definite head's purpose as a construct chain, a programme with its acronym in brackets).
Every sentence here is written for the test, none is from the facts gold."""

from __future__ import annotations

import pytest

from khabar.extract.orgs import find_orgs
from khabar.model import Span


def found(text: str, places: tuple[str, ...] = ()) -> list[str]:
    """The organisations of ``text`` with ``places`` given as the NER's LOC spans."""
    ents = []
    for p in places:
        at = text.index(p)
        ents.append(Span(at, at + len(p), "LOC", p))
    return [text[m.start : m.end] for m in find_orgs(text, ents)]


@pytest.mark.parametrize(
    ("text", "place", "name"),
    [
        ("وأعلنت صحة تبوك أمس افتتاح مركز جديد.", "تبوك", "صحة تبوك"),
        (
            "وقال المتحدث باسم تعليم المدينة المنورة إن الدراسة تبدأ.",
            "المدينة المنورة",
            "تعليم المدينة المنورة",
        ),
        ("وضبط مرور الدمام عددا من المخالفين.", "الدمام", "مرور الدمام"),
    ],
)
def test_a_sector_named_by_its_town_is_its_directorate(text: str, place: str, name: str) -> None:
    # Saudi news names a ministry's regional directorate by the sector and the town (صحة جدة "Jeddah's
    # health directorate"): the town, all its words, is the genitive
    assert found(text, (place,)) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "وتهتم الدولة بصحة المرضى في المستشفيات.",
        "ويبدأ تعليم الأطفال القراءة مبكرا.",
        "وشدد مرور أمس على السائقين.",
    ],
)
def test_a_sector_without_a_town_is_the_sector(text: str) -> None:
    # another genitive (صحة المرضى "the patients' health") or none: the sector itself, no body
    assert found(text) == []


def test_a_court_is_named_by_its_type() -> None:
    # المحكمة + a relative adjective is the court of that kind (a criminal court, the ICC), where other
    # definite heads with an adjective alone stay descriptions
    assert found("وأحالت النيابة القضية إلى المحكمة الإدارية أمس.") == ["المحكمة الإدارية"]
    assert found("وقررت الشركة المنفذة تأجيل التسليم.") == []


def test_a_court_of_a_country_or_a_generic_adjective_is_no_name() -> None:
    # a nationality (المحكمة المصرية "an Egyptian court") or a generic word names no court
    assert found("وقضت المحكمة المصرية بالبراءة.") == []
    assert found("وأحيلت القضية إلى المحكمة المختصة.") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "وأوصت اللجنة الوطنية لمكافحة تهريب المخدرات بتشديد العقوبات.",
            "اللجنة الوطنية لمكافحة تهريب المخدرات",
        ),
        ("وعقدت الهيئة العليا لشؤون حجاج الخارج اجتماعها.", "الهيئة العليا لشؤون حجاج الخارج"),
    ],
)
def test_a_definite_heads_purpose_may_be_a_construct_chain(text: str, name: str) -> None:
    # the purpose that names a definite head (لمكافحة تهريب المخدرات) has an indefinite noun before its
    # definite genitive, as a construct chain does
    assert found(text) == [name]


def test_a_verbal_noun_after_a_complete_name_is_the_sentence() -> None:
    # after an indefinite head's name, or after a first purpose, لتطوير نظم … belongs to the sentence
    assert found("ووقعت الشركة اتفاقا مع وزارة الصحة لتطوير خدمات المستشفيات.") == ["وزارة الصحة"]
    assert found("وطالب المجلس الأعلى للقضاء لتطوير أنظمة المحاكم.") == ["المجلس الأعلى للقضاء"]


def test_a_chain_of_two_indefinite_words_runs_into_the_sentence() -> None:
    # قررت اللجنة الفنية لمسابقة [ترشيح أفضل] الأعمال: a chain longer than one word is the verb's object
    assert found("وقررت اللجنة الفنية لمسابقة ترشيح أفضل الأعمال غدا.") == []


def test_a_short_purpose_names_the_body() -> None:
    # للحج is a purpose as للسياحة is (a two-letter stem after لل)
    assert found("وأعلنت اللجنة الوطنية للحج والعمرة خطتها.") == ["اللجنة الوطنية للحج والعمرة"]
    # but a two-letter stem before a preposition is the sentence's verbal noun ("to limit")
    assert found("وأوصت اللجنة الفنية للحد من الحوادث.") == []


def test_a_former_office_holders_time_ends_the_name() -> None:
    # رئيس الهيئة العامة للرياضة [السابق]: "former" qualifies the person, not the body
    assert found("وقال رئيس الهيئة العامة للرياضة السابق إن الأندية تحتاج الدعم.") == [
        "الهيئة العامة للرياضة"
    ]


def test_a_programme_with_its_acronym_in_brackets_is_a_body() -> None:
    # a programme, an initiative or a market named with its short name in brackets is the body that runs
    # it; without the brackets (or with a year in them) it is a broadcast or a plan
    text = "وأعلن المشرف على البرنامج الوطني لدعم الأسر المنتجة (ريادة) نتائج العام."
    assert found(text) == ["البرنامج الوطني لدعم الأسر المنتجة"]
    assert found("وشاهد الجمهور البرنامج الوطني لدعم الأسر المنتجة على التلفاز.") == []
    assert found("وأطلق الوزير البرنامج الوطني للتوعية (2015) أمس.") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وفاز مرشح الحزب الاشتراكي في الانتخابات.", "الحزب الاشتراكي"),
        ("ونظمت الغرفة التجارية ملتقى للمستثمرين.", "الغرفة التجارية"),
        ("وناقش المجلس البلدي مشاريع الطرق.", "المجلس البلدي"),
    ],
)
def test_a_party_a_chamber_or_a_council_is_named_by_its_type(text: str, name: str) -> None:
    # why: a definite party, chamber or council with a relative adjective is the body of that kind (the
    # socialist party, the chamber of commerce, the municipal council), as a court is
    assert found(text) == [name]


def test_a_construct_chain_may_end_in_a_place() -> None:
    # why: a body of a town is named by a construct chain that the town ends, as one that a definite
    # word ends (مجلس شباب جازان "Jazan's youth council", حركة نداء تونس)
    assert found("ونظم مجلس شباب جازان ملتقى للمتطوعين.", ("جازان",)) == ["مجلس شباب جازان"]
    assert found("ونظم مجلس شباب جازان ملتقى للمتطوعين.") == []  # no place: a cut-off chain names nothing


def test_a_regions_governorate_is_named_by_the_region() -> None:
    # why: إمارة منطقة X is the region's governorate (a government body); إمارة + a town alone is the
    # emirate itself, a place (إمارة الشارقة)
    assert found("وأعلنت إمارة منطقة تبوك نتائج المسابقة.", ("منطقة تبوك",)) == ["إمارة منطقة تبوك"]
    assert found("وزار الوفد إمارة الشارقة أمس.", ("الشارقة",)) == []


@pytest.mark.parametrize(
    "text",
    [
        "وتوقعت الرئاسة العامة للأرصاد أن تكون حركة الرياح السطحية شمالية غربية.",
        "وبلغت قوة الرياح الشمالية 40 كلم في الساعة.",
        "وتوقع المركز أن يكون ارتفاع الأمواج من متر إلى مترين وحركة الأمواج الساحلية معتدلة.",
    ],
)
def test_a_weather_noun_after_a_weak_head_is_the_weather(text: str) -> None:
    # the daily weather bulletins: حركة "movement" and قوة "force" are weak heads (حركة حماس، قوة الواجب
    # 10), and a noun with its adjective (or a number) would pass for a name; a weather noun says it is none
    assert not [o for o in found(text) if "الرياح" in o or "الأمواج" in o]


def test_a_weak_head_with_a_noun_and_adjective_is_still_a_body() -> None:
    assert found("وقالت حركة المقاومة الإسلامية إنها رفضت العرض.") == ["حركة المقاومة الإسلامية"]
    assert found("وقالت قوة الواجب 10 إنها انتشرت في المنطقة.") == ["قوة الواجب 10"]
