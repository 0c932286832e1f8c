"""Parties read on a second fresh SaudiNewsNet sample (seed 20261217): families are no captives, the
attack a verb of condemning takes is a verbal noun, an attack noun's armed genitive made it, a person
killed with nothing after the verb is its victim, a party inside what is demanded neither asks nor is
asked, and a verb of saying heads no party."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.api import process_text

from conftest import EVENT_FACTS as FACTS
from conftest import event_args as _args
from conftest import event_mentions as _mentions
from conftest import facts_doc as _doc


def test_families_are_no_captives() -> None:
    # مع أسرهم "with their families", أسر الشهداء "the martyrs' families": not أسر "captured"
    for text in (
        "وقال إن مسلحيه وجيش صالح غادروا عدن نهاية رمضان لقضاء الاجازة مع اسرهم في القرى.",
        "وقدم الأمير التعازي إلى أسر الشهداء من رجال الأمن في مقر الإمارة.",
    ):
        assert not _mentions(text, "ASSAULT"), text
    # … and the verb keeps its sense where it captures someone
    assert _args("أسر الحوثيون عشرة جنود في هجوم على تعز.", "ASSAULT", "actor") == ["الحوثيون"]


def test_the_attack_condemned_is_a_verbal_noun_made_by_its_genitive() -> None:
    # دانت المنظمة قصف المتمردين لمناطق سكنية: the rebels shelled; the condemner did not
    text = "دانت منظمة هيومن رايتس ووتش الخميس قصف المتمردين في اليمن لمناطق سكنية في مدينة عدن."
    assert _args(text, "ASSAULT", "actor") == ["المتمردين"]
    assert "منظمة هيومن رايتس ووتش" not in _args(text, "ASSAULT", "recipient")


def test_an_attack_nouns_armed_genitive_made_it() -> None:
    # هجمات «بوكو حرام»: Boko Haram's attacks; the two who condemn them (تدينان) are no party
    text = "«التعاون الإسلامي» وأميركا تدينان هجمات «بوكو حرام» في الكاميرون ونيجيريا"
    assert _args(text, "ASSAULT", "actor") == ["بوكو حرام"]
    assert not _args(text, "ASSAULT", "recipient")


def test_a_person_killed_with_nothing_after_the_verb_is_its_victim() -> None:
    # ان محسن الفضلي قتل في 8 يوليو … بشمال غرب سورية: قُتل, and Syria is where
    text = (
        "وقال جيف ديفيس احد المتحدثين باسم البنتاغون في بيان ان محسن الفضلي قتل في 8 يوليو خلال تنقله "
        "بسيارة بالقرب من سرمدا بشمال غرب سورية."
    )
    assert _args(text, "ASSAULT", "recipient") == ["محسن الفضلي"]
    assert not _args(text, "ASSAULT", "actor")


def test_a_party_inside_what_is_demanded_neither_asks_nor_is_asked() -> None:
    text = "القاعدة يدعو لمهاجمة أميركا وفرنسا"
    assert _args(text, "REQUEST", "actor") == ["القاعدة"]
    assert not _args(text, "REQUEST", "recipient")
    text = "الأوقاف المصرية تطالب بإدراج «جبهة علماء الأزهر» ضمن الكيانات الإرهابية"
    got = _args(text, "REQUEST", "actor") + _args(text, "REQUEST", "recipient")
    assert not any("جبهة" in a or "ضمن" in a for a in got), got
    text = "طالبت المنظمة بالإفراج عن الناشط أحمد علي"
    assert _args(text, "REQUEST", "actor") == ["المنظمة"]
    assert not _args(text, "REQUEST", "recipient")
    text = 'رئيس البرلمان العراقي يطالب العبادي باقالة وزراء "ثبت عليهم الفساد"'
    assert _args(text, "REQUEST", "recipient") == ["العبادي"]
    # … also when a party of the demand was first read as the subject after the verb
    text = "القوى الشيعية تطالب العبادي بإخراج الأكراد من سلاح الجو"
    got = _args(text, "REQUEST", "actor") + _args(text, "REQUEST", "recipient")
    assert "الأكراد" not in got and "سلاح الجو" not in got
    # … while the object right after the verb is whom it asks, and a party after a subject's titles
    text = (
        "دعا صلاح الدين دمرداش زعيم حزب الشعوب الديمقراطي الموالي للأكراد في تركيا أمس حزب العمال "
        "الكردستاني إلى رفع اصبعه عن الزناد."
    )
    assert "حزب العمال الكردستاني" in _args(text, "REQUEST", "recipient")
    assert _args("طالب الرئيس الحكومة بالاستقالة", "REQUEST", "recipient") == ["الحكومة"]


def test_a_verb_of_saying_heads_no_party() -> None:
    text = (
        "وأعلن الجيش شن ضربات جوية على قرية بيتا، حيث كانت بوكو حرام تستعد لشن هجوم، وأفاد عن مقتل "
        "العديد من عناصر الحركة."
    )
    for m in _doc(text).events:
        assert not any(a["text"].startswith("وأفاد") for a in m["arguments"]), m


def test_the_parties_of_a_charge_are_not_whom_it_accuses() -> None:
    # تتهم X باستغلال الحرب على «داعش»: the war on IS is the charge, IS is not accused
    text = "المعارضة التركية تتهم إردوغان باستغلال الحرب على «داعش» في «الانتخابات المبكرة»"
    assert "داعش" not in _args(text, "ACCUSE", "recipient")
    text = "وأوضح أن الهند اتهمت باكستان بالوقوف وراء الهجوم الإرهابي الذي استهدف مركزا للشرطة."
    assert _args(text, "ACCUSE", "recipient") == ["باكستان"]


def test_strikes_and_fighters_name_who_attacks() -> None:
    # ضربات التحالف: the coalition's strikes; هجمات مقاتلي حزب العمال: the PKK's fighters attack
    text = "وقال مدير المرصد ان ضربات التحالف الجوية دعمت الاكراد في هذه العملية."
    assert _args(text, "ASSAULT", "actor") == ["التحالف الجوية"]
    text = "وزادت وتيرة هجمات مقاتلي حزب العمال الكردستاني في جنوب شرق تركيا منذ منتصف يوليو."
    assert _args(text, "ASSAULT", "actor") == ["حزب العمال الكردستاني"]
    assert not _args(text, "ASSAULT", "recipient")


def test_the_condemned_attack_names_its_doer_in_construct() -> None:
    # أدانت المنظمة قصف المتمردين الحوثيين … مناطق سكنية: the rebels shelled (the object, no ل)
    text = "أدانت منظمة هيومن رايتس ووتش أمس قصف المتمردين الحوثيين في اليمن مناطق سكنية في مدينة عدن."
    assert _args(text, "ASSAULT", "actor") == ["المتمردين الحوثيين"]
    assert _args(text, "ACCUSE", "recipient") == ["المتمردين الحوثيين"]


def test_a_quotation_after_a_definite_word_is_no_name() -> None:
    # القوات السعودية “تَرُد”: the writer's quotation marks, not the forces' name
    text = "القوات السعودية “تَرُد” على قصف حدودي للحوثيين على الطوّال"
    assert "القوات السعودية" in _args(text, "ASSAULT", "actor")


_WORDS = [
    "قتل",
    "عن",
    "القاضي",
    "محمد",
    "علي",
    "جيش",
    "الفتح",
    "فصائل",
    "حركة",
    "يطالب",
    "بإدراج",
    "أكثر",
    "من",
    "30",
    "مسؤولا",
    "ثماني",
    "ساعات",
    "صاحب",
    "السمو",
    "الملكي",
    "الأمير",
    "زيارة",
    "إلى",
    "مصر",
    "أسر",
    "مع",
    "الشهداء",
    "هجمات",
    "ضربات",
    "مقاتلي",
    "حزب",
    "العمال",
    "دانت",
    "قصف",
    "المتمردين",
    "لمناطق",
    "مناطق",
    "تتهم",
    "باستغلال",
    "على",
    "داعش",
    "وصافح",
    "بحسب",
    "منظمة",
    "عضو",
    "لجنة",
    "والدفاع",
    "النائب",
    "إن",
    "الهند",
    "بشمال",
    "غرب",
    "سورية",
    "لم",
    "يحدث",
    "أي",
    "اتصال",
    "بين",
    "البلدين",
    "يبحث",
    "وزير",
    "الخارجية",
]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_WORDS), st.sampled_from(["", "", "", "«", "»", '"', "،", "."])),
        min_size=1,
        max_size=24,
    )
)
def test_the_argument_rules_hold_on_any_sequence_of_their_words(pairs: list[tuple[str, str]]) -> None:
    # the rules index words around a trigger, a quotation and a title: none may fail, and every
    # argument is a span of the text
    text = " ".join(w + mark if mark in "»،." else mark + w for w, mark in pairs)
    doc = process_text(text, extra=FACTS)
    for e in doc.events:
        for m in e["mentions"]:
            for a in m["arguments"]:
                assert doc.text[a["start"] : a["end"]] == a["text"]
