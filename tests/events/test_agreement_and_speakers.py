"""Parties read on a sixth fresh SaudiNewsNet sample (seed 20261221): a verb that agrees with a plural
has its subject before it, a speaker's office reports and does not act, a headline's label is no party,
who survived an attack was its target, and what an accusation describes is no accuser's."""

from __future__ import annotations

from conftest import event_args as _args
from conftest import event_mentions as _mentions
from conftest import facts_doc as _doc


def test_a_plural_verbs_subject_stands_before_it() -> None:
    # عناصر من جبهة النصرة خطفوا … قائد الفرقة: خطفوا agrees with a subject before it; the commander
    # after it is whom they took, named with his whole title
    text = "وقال المرصد إن عناصر من جبهة النصرة خطفوا الأربعاء قائد الفرقة 30 العقيد المنشق نديم الحسن"
    got = _args(text, "ASSAULT", "recipient")
    assert len(got) == 1 and got[0].startswith("قائد الفرقة") and got[0].endswith("نديم الحسن")
    assert not any("نديم" in a for a in _args(text, "ASSAULT", "actor"))


def test_a_plural_verbs_object_stands_before_a_clause_after_it() -> None:
    # جنديين … قتلوا عندما فجر مقاتلون أكراد: nothing after قتلوا is its object, so it reads قُتلوا
    text = (
        "قالت مصادر أمنية: إن جنديين تركيين وحارسًا مسلحًا قتلوا عندما فجر مقاتلون أكراد لغمًا محلي "
        "الصنع صباح أمس في إقليم سيرت"
    )
    mention = next(m for m in _mentions(text, "ASSAULT") if m["trigger"]["text"] == "قتلوا")
    assert [a["text"] for a in mention["arguments"] if a["role"] == "recipient"] == ["جنديين"]
    assert not [a for a in mention["arguments"] if a["role"] == "actor"]


def test_a_speakers_office_does_not_act() -> None:
    # وقال مكتب محافظ دياربكر … أن سيارة مفخخة انفجرت: the governor's office reports the blast
    text = "وقال مكتب محافظ دياربكر في بيان أن سيارة مفخخة انفجرت في منطقة ليجي عند مرور الجنود."
    assert not any("محافظ" in a for a in _args(text, "ASSAULT", "actor"))


def test_a_headlines_label_is_no_party() -> None:
    text = "سوريا.. معارك عنيفة في «داريا» واعتصام في «اللاذقية»"
    for m in _doc(text).events:
        assert not any(a["text"] == "سوريا" for a in m["arguments"]), m


def test_who_survived_an_attack_was_its_target() -> None:
    text = "نجاة وزير الداخلية الليبي من محاولة اغتيال في تونس"
    assert _args(text, "ASSAULT", "recipient") == ["وزير الداخلية الليبي"]
    assert not _args(text, "ASSAULT", "actor")


def test_who_describes_an_accusation_did_not_make_it() -> None:
    # ظريف يصف اتهامات بأنشطة إيرانية … بأنها أكاذيب: neither he nor the charge is a party of it
    text = "ظريف يصف اتهامات بأنشطة إيرانية في موقع عسكري بأنها أكاذيب"
    for m in _mentions(text, "ACCUSE"):
        assert not m["arguments"], m


def test_a_definite_group_noun_heads_no_construct_with_a_name() -> None:
    # المقاومة [تطهر زنجبار]: the tagger's name after a definite noun is not the group's
    text = "المقاومة تطهر زنجبار وغارات تستهدف الحديدة"
    for m in _doc(text).events:
        assert not any(a["text"].startswith("المقاومة ت") for a in m["arguments"]), m


def test_the_country_across_a_border_is_no_party() -> None:
    # الهجوم الذي وقع … على الحدود مع تركمانستان: Turkmenistan is where, not whom
    text = "ويسلط الهجوم الذي وقع في منطقة المار بولاية فرياب على الحدود مع تركمانستان الضوء على الخسائر"
    for m in _mentions(text, "ASSAULT"):
        assert not any(a["text"] == "تركمانستان" for a in m["arguments"]), m


def test_a_description_is_no_office_and_a_place_no_demand() -> None:
    # خبير أمني يطالب: "a security expert" is no office holder's title (an office's genitive is
    # definite: أمير الشرقية); دعا فرع الوزارة [بمنطقة …] المواطنين: ب governs a place, not a demand
    text = 'خبير أمني يطالب بحجب مواقع التواصل من "مواطن الفتن"'
    assert "خبير أمني" not in _args(text, "REQUEST", "actor")
    text = "دعا فرع وزارة العمل بمنطقة الحدود الشمالية، المواطنين والمقيمين للإبلاغ عن الأيدي العاملة"
    assert _args(text, "REQUEST", "recipient") == ["المواطنين"]


def test_a_time_word_ends_a_title_and_weapons_name_their_owner() -> None:
    # استقبل الرئيس المصري عبد الفتاح السيسي أمس الأمير …: the host's title stops at أمس
    text = (
        "استقبل الرئيس المصري عبد الفتاح السيسي أمس الأمير محمد بن سلمان بن عبد العزيز، ولي ولي "
        "العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع السعودي"
    )
    assert not any("أمس" in a for a in _args(text, "CONSULT", "recipient"))
    assert any(a.startswith("الأمير محمد بن سلمان") for a in _args(text, "CONSULT", "actor"))
    # بألغام المتمردين: the rebels' mines; the rebels did it
    assert _args("مقتل وإصابة 44 يمنيا بألغام المتمردين", "ASSAULT", "actor") == ["المتمردين"]


def test_a_group_takes_one_name_and_its_sectarian_adjective() -> None:
    # منظمة «هيومن رايتس ووتش» اسرائيل: the organisation, then whom it accuses
    text = 'اتهمت منظمة "هيومن رايتس ووتش" اسرائيل، اليوم (الاثنين)، باستخدام "القوة غير المبررة"'
    assert _args(text, "ACCUSE", "actor") == ['منظمة "هيومن رايتس ووتش"']
    assert _args(text, "ACCUSE", "recipient") == ["اسرائيل"]
    # القوى الشيعية: the adjective belongs to the group, which is the verb's subject
    text = "القوى الشيعية تطالب العبادي بإخراج الأكراد من سلاح الجو"
    assert _args(text, "REQUEST", "actor") == ["القوى الشيعية"]


def test_after_a_titled_name_a_comma_and_a_body_open_the_object() -> None:
    text = "ودعا عضو لجنة الأمن والدفاع النيابية محمد الكربولي، الحكومة إلى إسناد عشائر كبيسة."
    (actor,) = _args(text, "REQUEST", "actor")
    assert actor.endswith("محمد الكربولي")
    assert _args(text, "REQUEST", "recipient") == ["الحكومة"]


def test_a_person_after_a_state_name_holds_the_title() -> None:
    # مع دولة رئيس وزراء جمهورية باكستان الإسلامية محمد نواز شريف: the title runs on to its holder
    text = (
        "عقد خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز في قصر العوجا، اليوم الخميس، جلسة مباحثات "
        "رسمية مع دولة رئيس وزراء جمهورية باكستان الإسلامية محمد نواز شريف."
    )
    got = [a for m in _doc(text).events for x in m["mentions"] for a in x["arguments"]]
    assert any(a["text"].endswith("محمد نواز شريف") for a in got), got
