"""Parties read on a fresh SaudiNewsNet sample (seed 20261227): whoever tells of an event after it
(حسبما أفاد مسؤولون، بحسب ما ذكرت إدارة الصحة) is its source, not a party; what a subject is called or
is part of, in apposition right after it, is not whom it acts on; a name after a topic noun is what is
discussed, not whom one meets (يبحث مع جعجع أوضاع لبنان); "at the request of" names who asked; a
vehicle named by what it carries (ناقلة جنود) is no party; an attack noun's doer after ل (بهجمات
لـ«بوكو حرام») did it; who attributes an attack is none of its parties."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import event_args as _args
from conftest import event_mentions


def test_whoever_reports_an_event_after_it_is_no_party() -> None:
    text = (
        "قتل 15 شخصا على الاقل، اليوم (الاربعاء)، عندما فجر انتحاري نفسه في سوق مزدحمة بشمال "
        "افغانستان، حسبما افاد مسؤولون."
    )
    assert "مسؤولون" not in _args(text, "ASSAULT", "recipient")
    text = (
        "وكان الحوثيون قاموا الأحد بقصف أحد أحياء شمال عدن ما أدى إلى سقوط نحو ستين قتيلا من المدنيين، "
        "حسبما ذكرت إدارة الصحة في المدينة."
    )
    assert _args(text, "ASSAULT", "actor") == ["الحوثيون"]
    assert not any("إدارة" in r for r in _args(text, "ASSAULT", "recipient"))


def test_between_is_not_a_verb_of_saying() -> None:
    # بين spells both بيّن "stated" and "between": مفاوضات بين مصر وإثيوبيا has two parties
    text = "تستأنف اليوم مفاوضات بين مصر وإثيوبيا حول سد النهضة."
    assert set(_args(text, "CONSULT", "actor") + _args(text, "CONSULT", "recipient")) >= {"مصر", "إثيوبيا"}


def test_a_speakers_title_before_a_body_still_marks_the_speaker() -> None:
    # وأضافت رئيسة [اتحاد …] «… شهدت معارك»: the union speaks of the fighting, it did not fight
    text = "وأضافت رئيسة اتحاد جمعيات الصحافيين «هذه المنطقة شهدت معارك عنيفة وبالتالي هناك ما يستدعي القلق»."
    assert "اتحاد جمعيات الصحافيين" not in _args(text, "ASSAULT", "actor")


def test_an_apposition_after_the_subject_is_not_the_object() -> None:
    text = "خطفت جبهة النصرة، ذراع تنظيم القاعدة في سوريا، أمس، مجموعة ثانية من أعضاء الفرقة 30 مشاة."
    assert _args(text, "ASSAULT", "actor") == ["جبهة النصرة"]
    recipients = _args(text, "ASSAULT", "recipient")
    assert "تنظيم القاعدة" not in recipients and not any(r.startswith("ذراع") for r in recipients)
    # ذراع says what the subject is even without the comma; أحد without one opens the object
    text = "خطفت جبهة النصرة ذراع تنظيم القاعدة في سوريا، من جديد خمسة مقاتلين."
    assert "تنظيم القاعدة" not in _args(text, "ASSAULT", "recipient")
    assert _args("خطفت جبهة النصرة أحد القادة في ريف حلب.", "ASSAULT", "recipient") == ["القادة"]
    # a title right after a person is his own (الرئيس العام لرعاية الشباب), not whom he condemns
    text = (
        "أدان صاحب السمو الملكي الأمير عبدالله بن مساعد بن عبدالعزيز الرئيس العام لرعاية الشباب العمل "
        "الإرهابي الآثم الذي استهدف مسجداً بمنطقة عسير."
    )
    assert "الرئيس" not in _args(text, "ACCUSE", "recipient")


def test_a_name_after_a_topic_noun_is_what_is_discussed() -> None:
    # مع governs جعجع (a name the tagger misses), not لبنان three words on behind the topic noun أوضاع
    text = "خادم الحرمين يبحث مع جعجع أوضاع لبنان"
    assert _args(text, "CONSULT", "recipient") == ["جعجع"]
    # a title between مع and the name still lets مع reach it
    text = "وبحث وزير الخارجية مع نظيره الروسي سيرغي لافروف العلاقات الثنائية."
    assert _args(text, "CONSULT", "recipient") == ["سيرغي لافروف"]


def test_at_the_request_of_names_who_asked() -> None:
    assert not _args("الحلف الاطلسي يجتمع الثلاثاء بطلب من انقرة", "REQUEST", "recipient")
    text = "يجتمع سفراء دول حلف شمال الاطلسي الثلاثاء بناء على طلب تركيا للتشاور."
    assert _args(text, "REQUEST", "actor") == ["تركيا"]
    # طلب X من Y: Y is asked
    assert _args("طلب الرئيس من الحكومة تقديم استقالتها.", "REQUEST", "recipient") == ["الحكومة"]


def test_a_vehicle_named_by_what_it_carries_is_no_party() -> None:
    # ناقلة جنود مدرعة: an armoured personnel carrier, not soldiers who struck
    text = (
        "وقال بيان لقوة المهام المشتركة أمس: إن خمس غارات قرب الرمادي قصفت وحدات تكتيكية ودبابات "
        "وناقلة جنود مدرعة تابعة للتنظيم."
    )
    assert "جنود" not in _args(text, "ASSAULT")


def test_an_attack_noun_with_its_doer_after_li_names_who_did_it() -> None:
    # بهجمات لـ«بوكو حرام»، في هجمات مفترضة لحركة بوكو حرام: ل after an attack noun names its doer,
    # and the verb of harm before it is the passive (قُتل): its people are the victims
    text = "مقتل 50 شخصا بهجمات لـ«بوكو حرام» في الكاميرون ونيجيريا"
    assert _args(text, "ASSAULT", "actor") == ["بوكو حرام"]
    text = "قتل اكثر من 50 شخصا، يوم أمس (الاربعاء)، في هجمات مفترضة لحركة بوكو حرام في الكاميرون ونيجيريا."
    assert _args(text, "ASSAULT", "actor") == ["حركة بوكو حرام"]
    assert "شخصا" in _args(text, "ASSAULT", "recipient")
    # an attack that is a trigger of its own keeps its own doer (Turkey's raids are not Daesh's attack)
    text = "شنت تركيا غارات على مواقع للتنظيم، عقب هجوم انتحاري لداعش على بلدة سروج."
    got = [m for m in event_mentions(text, "ASSAULT") if m["trigger"]["text"] == "غارات"]
    assert [a["text"] for m in got for a in m["arguments"] if a["role"] == "actor"] == ["تركيا"]


def test_who_attributes_an_attack_is_no_party_of_it() -> None:
    # نسبته السلطات الى التمرد الكردي: "the Kurdish insurgency" is no mention, the authorities still
    # only attribute the attack
    text = (
        "قتل عنصران من الشرطة التركية بالرصاص صباح امس في منطقة اضنه، في هجوم جديد نسبته السلطات الى "
        "التمرد الكردي."
    )
    assert "السلطات" not in _args(text, "ASSAULT")


def test_a_student_is_no_demand() -> None:
    # طالب طب: the noun "student" before a field of study, not the verb "demanded"
    assert not event_mentions("طالب طب سوداني ينضم لداعش ويفجر نفسه!", "REQUEST")
    assert _args("طالب الرئيس الحكومة بالاستقالة.", "REQUEST", "recipient") == ["الحكومة"]


def test_a_plural_verb_of_harm_before_its_cause_is_the_passive() -> None:
    # حوثيا قتلوا جراء قصف جوي شنته قوات التحالف: the coalition is behind the cause, not the object
    text = "ذكرت مصادر صحفية من مأرب أن 25 حوثياً قتلوا جراء قصف جوي شنته قوات التحالف على مواقعهم."
    assert _args(text, "ASSAULT", "actor") == ["قوات التحالف"]
    assert _args(text, "ASSAULT", "recipient") == ["حوثيا"]


def test_min_after_a_number_counts_the_victims() -> None:
    # مصرع وإصابة 5 من رجال الشرطة: the policemen died, they are no agent of the deaths
    text = "مصرع وإصابة 5 من رجال الشرطة المصرية في حادث إرهابي بسيناء"
    assert not _args(text, "ASSAULT", "actor")
    assert _args(text, "ASSAULT", "recipient") == ["رجال الشرطة المصرية"]


def test_activists_without_the_article_are_a_party() -> None:
    assert _args("نشطاء يطالبون بإسناد مهمة إصلاح الفيفا لكوفي عنان", "REQUEST", "actor") == ["نشطاء"]


def test_a_verb_right_after_when_has_its_subject_after_it() -> None:
    # … جنديين تركيين قتلا، عندما فجّر مقاتلون لغما: the soldiers did not set off the mine
    text = (
        "قالت مصادر أمنية إنّ جنديين تركيين قتلا وجرح آخران، عندما فجّر مقاتلون لغمًا محلي الصنع اليوم "
        "في إقليم شرناق."
    )
    got = [m for m in event_mentions(text, "ASSAULT") if m["trigger"]["text"] == "فجّر"]
    assert got and "جنديين" not in [a["text"] for m in got for a in m["arguments"] if a["role"] == "actor"]
    # a plural's agreement points back to the subject before it (المحتجين … بعدما عطلوا المرور)
    text = "وأفاد شاهد بأن عشرات المحتجين اعتقلوا أمس بعدما عطلوا المرور في الشارع الرئيسي."
    assert "المحتجين" in _args(text, "PROTEST", "actor")


_WORDS = [
    "حسبما",
    "بحسب",
    "ما",
    "كما",
    "نقلا",
    "عن",
    "أفاد",
    "ذكرت",
    "قال",
    "مسؤولون",
    "مصادر",
    "،",
    "ذراع",
    "جناح",
    "جبهة",
    "النصرة",
    "الرئيس",
    "قتل",
    "خطفت",
    "أدان",
    "بين",
    "مصر",
    "الحوثيين",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14))
def test_the_rules_hold_on_any_run_of_their_words(ws: list[str]) -> None:
    text = " ".join(ws) + "."
    for m in event_mentions(text):
        for a in m["arguments"]:
            assert text[a["start"] : a["end"]] == a["text"]
