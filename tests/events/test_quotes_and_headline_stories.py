"""Parties read on fresh SaudiNewsNet samples (seeds 20261231, 20261232): whoever speaks the quotation
an attack is told in is its source, not its doer; a headline's two stories joined by ".." keep their
parties apart; an attack noun with the alif of an indefinite object (هجوما لميليشيات …) has its doer
after ل; a list of parties right after an unvocalised verb of harm is whom it was done to (قُتل), and
they did not make the attack they died in; a visit's inviter is not its visitor, and a visitor whose
titles stand between him and the verb is the visitor, not his last title; an office after a deputy's
title (النائب الثاني لرئيس مجلس الوزراء) is part of the title; whom "حمّل * مسؤولية" encloses is
the accused; a quoted name after a noun of places is a place; the body "led by" someone (التحالف الذي
تقوده السعودية) acts, not its leader."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import event_args as _args
from conftest import event_mentions, facts_doc


def test_the_speaker_of_a_quoted_attack_is_no_party() -> None:
    for quoted in (
        '"تحطمت طائرة حربية أثناء قصفها حيا في وسط مدينة أريحا"',
        "«تحطمت طائرة حربية أثناء قصفها حيا في وسط مدينة أريحا»",
    ):
        text = f"وقال مدير المرصد رامي عبدالرحمن {quoted} الواقعة في محافظة إدلب."
        assert "رامي عبدالرحمن" not in _args(text, "ASSAULT", "actor")
    # who speaks in the first person did it (نرفض، قصفنا): the speaker stays
    assert _args("وقال الوزير «نرفض أي اعتداء على المدنيين»", "REJECT", "actor") == ["الوزير"]
    # a quotation after إن is the clause said, its subject outside it included
    text = "وقال المرصد إن قوات النظام «قصفت مواقع المعارضة في ريف حماة»."
    assert "المرصد" not in _args(text, "ASSAULT", "actor")


def test_a_quoted_meeting_keeps_its_speakers_side() -> None:
    # the body whose spokeswoman speaks of the talks is one of their sides
    text = (
        'وقالت متحدثة باسم المفوضية الأوروبية في بروكسل "إن المحادثات مع اليونان بشأن صفقة إنقاذ ثالثة '
        'تمضي قدما"، وذلك بعد جولة جديدة من المفاوضات مع الدائنين.'
    )
    mentions = event_mentions(text)
    sides = [a["text"] for m in mentions if m["type"] == "CONSULT" for a in m["arguments"]]
    assert "المفوضية الأوروبية" in sides or not mentions


def test_a_headlines_two_stories_keep_their_parties() -> None:
    text = "المقاومة الشعبية تستعيد قاعدة العند.. والقوات الخليجية تؤمن عدن"
    assert _args(text, "ASSAULT", "actor") == ["المقاومة الشعبية"]
    assert "القوات الخليجية" not in _args(text, "ASSAULT", "recipient")


def test_dots_in_running_text_are_an_ellipsis() -> None:
    # the cut holds in a line of its own with no full stop (a title), not in a sentence of the body
    body = "عنوان الخبر\nوقصفت طائرات التحالف... مواقع الحوثيين في المدينة."
    assert "الحوثيين" in _args(body, "ASSAULT", "recipient")
    title = "قصفت طائرات التحالف.. مواقع الحوثيين في المدينة"
    assert "الحوثيين" not in _args(title, "ASSAULT", "recipient")


def test_an_attack_nouns_indefinite_object_has_its_doer_after_lam() -> None:
    text = (
        "أحبطت القوات السعودية اليوم هجومًا لميليشيات الرئيس اليمني المخلوع علي عبدالله صالح على منفذ "
        "الطوال الحدودي."
    )
    assert _args(text, "ASSAULT", "actor")[:1] == ["ميليشيات الرئيس اليمني المخلوع"]
    assert "ميليشيات الرئيس اليمني المخلوع" not in _args(text, "ASSAULT", "recipient")


def test_a_list_after_a_verb_of_harm_is_its_victims() -> None:
    text = "وقتل ضابطا شرطة ومجند ومسلح أمس الأحد في هجوم بمدينة العريش."
    assert _args(text, "ASSAULT", "actor") == []
    assert {"شرطة", "مسلح"} <= set(_args(text, "ASSAULT", "recipient"))
    # an active verb has its object after the list: the list is its subject
    assert _args("قتل الجيش والشرطة عشرة مسلحين في المدينة.", "ASSAULT", "actor") == ["الجيش", "الشرطة"]
    # killed in a clash: the sides are parties of the clash
    text = "مقتل أربعة مسلحين في اشتباكات مع قوات الأمن جنوب باكستان"
    assert "مسلحين" in _args(text, "ASSAULT", "recipient")


def test_a_visits_inviter_is_not_its_visitor() -> None:
    text = (
        "وكان الأمير محمد بن سلمان بن عبد العزيز آل سعود، ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء "
        "وزير الدفاع السعودي، وصل أمس إلى المملكة الأردنية الهاشمية تلبية لدعوة من العاهل الأردني الملك "
        "عبد الله الثاني بن الحسين."
    )
    assert "الملك عبد الله الثاني بن الحسين" not in _args(text, "CONSULT", "actor")


def test_a_visitor_whose_titles_stand_before_the_verb() -> None:
    # the prince arrived, not "the defence minister" that ends his titles
    text = (
        "الأمير محمد بن سلمان، ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع السعودي، وصل "
        "أمس إلى المملكة الأردنية الهاشمية."
    )
    actors = _args(text, "CONSULT", "actor")
    assert actors and actors[0].startswith("الأمير محمد بن سلمان")
    # a subject after a verb of its own is no title of the person before it
    text = (
        "انطلاقا من العلاقات التي تربط المملكة والأردن بقيادة الملك سلمان بن عبدالعزيز، والملك عبدالله "
        "الثاني، فقد قام ولي ولي العهد، بزيارة إلى الأردن."
    )
    assert "الملك عبدالله الثاني" not in _args(text, "CONSULT", "actor")


def test_a_deputys_office_is_part_of_his_title() -> None:
    # النائب الثاني [لرئيس مجلس الوزراء]: the prime minister is no party of the prince's meeting
    text = (
        "التقى الأمير محمد بن سلمان بن عبدالعزيز ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير "
        "الدفاع أمس الرئيس رمضان أحمد قاديروف."
    )
    assert "رئيس مجلس الوزراء" not in _args(text, "CONSULT")
    # an office that is itself the object stays (استقبل رئيس مجلس الوزراء …)
    assert "رئيس مجلس الوزراء العراقي" in _args("استقبل الملك أمس رئيس مجلس الوزراء العراقي.", "CONSULT")


def test_whom_an_accusation_holds_responsible() -> None:
    # تحمل [المالكي] مسؤولية: the enclosed party is the accused, whatever the verb's form
    assert _args("اعترافات تحمل المالكي مسؤولية سقوط الموصل", "ACCUSE", "recipient") == ["المالكي"]
    text = "حمّل وزير الداخلية الحوثيين مسؤولية الهجوم"
    assert _args(text, "ACCUSE", "actor") == ["وزير الداخلية"]
    assert _args(text, "ACCUSE", "recipient") == ["الحوثيين"]
    assert _args("الحكومة تحمل الحوثيين المسؤولية", "ACCUSE", "recipient") == ["الحوثيين"]


def test_a_quoted_name_after_a_noun_of_places_is_a_place() -> None:
    text = (
        "كما هاجم مسلحو المقاومة الشعبية في منطقة «الراهدة» التابعة لمحافظة تعز، رتلا عسكرياً يضم "
        "تعزيزات عسكرية للحوثيين."
    )
    assert "الراهدة" not in _args(text, "ASSAULT")
    text = "دارت معارك عنيفة في مديرية «لودر» بين المقاومة الشعبية ومليشيات الحوثي."
    assert "لودر" not in _args(text, "ASSAULT")


def test_the_body_a_relative_clause_says_is_led_by_someone_acts() -> None:
    text = "إن التحالف الذي تقوده السعودية شن غارات على مواقع الحوثيين."
    assert _args(text, "ASSAULT", "actor") == ["التحالف"]
    # a country before the relative names where, not who acts
    text = "قصفت تركيا مواقع في شمال قبرص الذي تحتله تركيا منذ عقود."
    assert "قبرص" not in _args(text, "ASSAULT", "actor")


#: this round's cue words and marks, with parties and triggers to put beside them
_PIECES = [
    "وقال",
    "المرصد",
    "إن",
    "«",
    "»",
    '"',
    "..",
    "…",
    "،",
    "\n",
    "قصفت",
    "وقتل",
    "ضابطا",
    "شرطة",
    "ومسلح",
    "في",
    "هجوم",
    "هجوما",
    "لميليشيات",
    "الحوثي",
    "وصل",
    "الأمير",
    "محمد",
    "بن",
    "سلمان",
    "النائب",
    "الثاني",
    "لرئيس",
    "مجلس",
    "الوزراء",
    "وزير",
    "الدفاع",
    "تلبية",
    "لدعوة",
    "من",
    "الملك",
    "حمّل",
    "تحمل",
    "المالكي",
    "مسؤولية",
    "مديرية",
    "«لودر»",
    "مصر",
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=16))
def test_the_rules_hold_on_any_run_of_their_pieces(ws: list[str]) -> None:
    # quotes opened and never closed, dots at either end, a title with no name: no error, and every
    # argument is a span of the text
    doc = facts_doc(" ".join(ws) + ".")  # (offsets are the cleaned text's: blank lines go)
    for m in (m for e in doc.events for m in e["mentions"]):
        for a in m["arguments"]:
            assert doc.text[a["start"] : a["end"]] == a["text"]
