"""Parties read on a fresh SaudiNewsNet sample (seed 20261216): a title that runs through a body to
its holder's name, a source after بحسب, the verbal noun after a preposition, a quoted group name, an
approximate length of time, a clause opened by إن, "مع" before "بين", and "لم يحدث أي"."""

from __future__ import annotations

from conftest import event_args as _args
from conftest import facts_doc as _doc


def test_the_verbal_noun_after_a_preposition_takes_its_victim() -> None:
    # عن قتل القاضي X: no verb follows عن, so X is whom it was done to; the claimant did it
    text = (
        "أعلنت حركة طالبان الباكستانية في بيان أمس المسؤولية عن قتل القاضي طاهر خان نيازي أحد قضاة "
        "محكمة ابتدائية في مدينة روالبندي."
    )
    assert _args(text, "ASSAULT", "recipient") == ["طاهر خان نيازي"]
    assert _args(text, "ASSAULT", "actor") == ["حركة طالبان الباكستانية"]


def test_a_genitive_with_an_object_after_it_is_the_doer() -> None:
    # جراء منع التنظيم المواطنين: the verbal noun's genitive is its doer when an object follows it
    text = "واندلعت اشتباكات في مقبرة وادي عقاب، جراء منع التنظيم المواطنين من زيارة قبور موتاهم."
    assert _args(text, "COERCE", "actor") == ["التنظيم"]
    assert "المواطنين" in _args(text, "COERCE", "recipient")


def test_a_clause_opened_by_inna_ends_the_place_phrase_before_it() -> None:
    # في الإيجاز الصحفي أمس إن الهند اتهمت: India is the subject, not a place governed by في
    text = (
        "وقال المتحدث باسم الخارجية الباكستانية قاضي خليل الله في الإيجاز الصحفي الأسبوعي أمس إن الهند "
        "اتهمت عددا من المواطنين الباكستانيين بالتسلل إلى أراضيها."
    )
    assert _args(text, "ACCUSE", "actor") == ["الهند"]


def test_a_title_runs_through_a_body_to_its_holder() -> None:
    # عضو [لجنة الأمن والدفاع النيابية] النائب X: the member named after the title asks, not the committee
    text = (
        "وطالب عضو لجنة الأمن والدفاع النيابية النائب محمد الكربولي، قيادتي العمليات المشتركة والتحالف "
        "الدولي بتوخي الدقة في قصف تجمعات داعش بالأنبار."
    )
    (actor,) = _args(text, "REQUEST", "actor")
    assert actor.startswith("عضو لجنة") and actor.endswith("محمد الكربولي")
    assert "محمد الكربولي" not in _args(text, "REQUEST", "recipient")
    text = "وصل نائب مستشار وزارة الخارجية الأمريكي بريت ماكجورك إلى العاصمة التركية أنقرة."
    assert [a.endswith("بريت ماكجورك") for a in _args(text, "CONSULT", "actor")] == [True]


def test_a_verb_after_wa_ends_a_title() -> None:
    # الرئيس الأمريكي … وصافح نائب الرئيس X: وصافح opens a new clause; no title runs over it
    text = "واستعرض الرئيس الاميركي حرس الشرف وصافح نائب الرئيس وليام روتو في القصر."
    for m in _doc(text).events:
        assert not any("وصافح" in a["text"] for a in m["arguments"]), m


def test_the_title_after_the_subjects_name_is_not_whom_he_calls() -> None:
    # دعا اسحق هرتزوغ زعيم المعارضة الاسرائيلية …: the opposition is his title, not whom he calls on
    text = (
        "من ناحية اخرى، دعا اسحق هرتزوغ زعيم المعارضة الاسرائيلية، في حديث للاذاعة العامة، اليمين "
        "إلى مراجعة الضمير."
    )
    assert _args(text, "REQUEST", "actor") == ["اسحق هرتزوغ"]
    assert not any("المعارضة" in a or a == "زعيم" for a in _args(text, "REQUEST", "recipient"))


def test_the_source_after_bihasab_is_no_party() -> None:
    text = "وبحسب منظمة «يش دين» الاسرائيلية الحقوقية، أحرق مستوطنون 15 منزلا فلسطينيا في الضفة الغربية."
    for m in _doc(text).events:
        assert not any("يش دين" in a["text"] for a in m["arguments"]), m


def test_an_approximate_length_of_time_is_no_party() -> None:
    text = "مشيرا إلى اشتباكات لأكثر من ثماني ساعات متواصلة في محيط البلدتين."
    for m in _doc(text).events:
        assert not any("أكثر" in a["text"] for a in m["arguments"]), m


def test_an_approximate_count_runs_to_the_people_it_counts() -> None:
    text = "وعزلت الحكومة قائد السجن واستجوبت أكثر من 30 مسؤولا بالسجن بشأن هذا الهروب."
    assert "أكثر من 30 مسؤولا" in _args(text, "ACCUSE", "recipient")
    # … and alone, when its people are a mention of their own, it is no party
    text = "تورط المتهمون في مقتل وإصابة أكثر من 1200 من رجال الأمن"
    got = _args(text, "ASSAULT", "recipient")
    assert "أكثر" not in got and "رجال الأمن" in got


def test_a_noun_phrase_ends_before_wa_and_a_function_word() -> None:
    text = "وقالت الرئاسة إن استهداف رجال الأمن في المسجد يدل على خسة منفذيه ومن يقف وراءهم"
    for m in _doc(text).events:
        assert not any(a["text"].endswith("ومن") for a in m["arguments"]), m


def test_a_claim_verb_with_a_pronoun_claims_only_an_attack() -> None:
    # قرار تبناه مجلس الأمن: a resolution adopted, not an attack claimed
    text = (
        "وقالت الحكومة إنها لن تبحث سوى انسحاب المتمردين من كافة المناطق التي سيطروا عليها منذ العام "
        "الماضي بما يتوافق مع قرار تبناه مجلس الأمن الدولي في نيسان."
    )
    assert "مجلس الأمن الدولي" not in _args(text, "ASSAULT", "actor")


def test_a_quoted_name_belongs_to_its_group_noun() -> None:
    # فصائل «جيش الفتح»، حركة "نور الدين الزنكي": the quoted name is the group's, whole
    text = "وتحاصر فصائل «جيش الفتح» بلدتي الفوعة وكفريا منذ نهاية شهر مارس."
    assert _args(text, "COERCE", "actor") == ["فصائل «جيش الفتح»"]
    text = "قتل عشرة جنود في هجوم تبنته جماعة «ولاية سيناء» في العريش."
    assert "جماعة «ولاية سيناء»" in _args(text, "ASSAULT", "actor")


def test_a_crowds_quoted_description_is_not_its_name() -> None:
    # وزراء "ثبت عليهم الفساد": a quoted clause about them, not a name
    text = 'رئيس البرلمان العراقي يطالب العبادي باقالة وزراء "ثبت عليهم الفساد"'
    assert not any("الفساد" in a for a in _args(text, "REQUEST", "recipient"))


def test_the_regime_and_the_factions_are_parties() -> None:
    text = "أفادت المعارضة السورية بمقتل 50 عنصرا لقوات النظام إثر اشتباكات في حي الراشدين."
    assert "قوات النظام" in _args(text, "ASSAULT", "recipient")
    text = "المعارضة السورية تكثف هجماتها على قوات الأسد في درعا"
    assert _args(text, "ASSAULT", "actor") == ["المعارضة السورية"]


def test_with_before_between_names_whom_one_meets() -> None:
    # يبحث مع X آفاق التعاون بين البلدين: بين is the topic's; X is met
    text = "ولي العهد يبحث مع وزير الخارجية المصري آفاق التعاون بين البلدين"
    assert _args(text, "CONSULT", "recipient") == ["وزير الخارجية المصري"]


def test_no_contact_after_any_is_negated() -> None:
    text = "لم يحدث أي اتصال مثمر فعليا بين الدول العربية وبين دمشق."
    events = [e for e in _doc(text).events if e["type"] == "CONSULT"]
    assert events and all(e["negated"] for e in events)


def test_a_manner_phrase_is_not_what_is_condemned() -> None:
    text = "وقال الناطق باسم وزارة الخارجية في تصريح صحفي إن الجزائر تدين بأشد العبارات هذا العمل الإجرامي."
    assert _args(text, "ACCUSE", "actor") == ["الجزائر"]
    assert not any("العبارات" in a for a in _args(text, "ACCUSE", "recipient"))


def test_a_long_title_still_reaches_its_holder() -> None:
    # … السابقة المرشحة لانتخابات الحزب الديموقراطي للرئاسة الأميركية هيلاري كلينتون: nine words on
    text = (
        "دعت وزيرة الخارجية الأميركية السابقة المرشحة لانتخابات الحزب الديموقراطي للرئاسة الأميركية "
        "هيلاري كلينتون الجمعة مجددا إلى إنهاء الحصار الأميركي المفروض على كوبا."
    )
    (actor,) = _args(text, "REQUEST", "actor")
    assert actor.endswith("هيلاري كلينتون")
    assert not _args(text, "REQUEST", "recipient")


def test_a_visit_after_forms_of_address_is_the_named_visitors() -> None:
    # زيارة صاحب السمو الملكي الأمير X … النائب الثاني لرئيس مجلس الوزراء … الى مصر: ل is a title's
    text = (
        "أكد اقتصاديون أن زيارة صاحب السمو الملكي الأمير محمد بن سلمان ولي ولي العهد النائب الثاني "
        "لرئيس مجلس الوزراء وزير الدفاع الى مصر امس الاول تعزز العلاقات"
    )
    assert _args(text, "CONSULT", "actor") == ["الأمير محمد بن سلمان"]
    assert _args(text, "CONSULT", "recipient") == ["مصر"]


def test_a_headlines_title_is_its_subject() -> None:
    # أمير الشرقية يستقبل السفير الكوري: the NER gives the emir's title no mention; he hosts
    text = "أمير الشرقية يستقبل السفير الكوري"
    assert _args(text, "CONSULT", "recipient") == ["أمير الشرقية"]
    assert _args(text, "CONSULT", "actor") == ["السفير"]
    # مدير [تعليم الطائف] يستقبل: the body before the verb is the genitive of the subject's office
    text = "مدير تعليم الطائف يستقبل وفد سفراء الحزم"
    assert _args(text, "CONSULT", "recipient") == ["مدير تعليم الطائف"]
