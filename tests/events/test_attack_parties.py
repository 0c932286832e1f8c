"""Who an attack's parties are not, and who claims it (read on fresh SaudiNewsNet samples): an attack's
adjectives and the verbs of its toll are no party, the claimant is its actor, the place that
"witnessed" it is not."""

from __future__ import annotations

from typing import Any

from conftest import event_args, event_mentions


def _mentions(text: str) -> list[dict[str, Any]]:
    return event_mentions(text, "ASSAULT")


def _args(text: str, role: str | None = None) -> list[str]:
    return event_args(text, "ASSAULT", role)


def test_an_attacks_adjective_is_no_party() -> None:
    # هجوم مسلح، تفجير إرهابي، هجوما جديدا: the adjective had been the attack's target, and after it the
    # place (بمسجد) when the adjective was passed over
    for text, adjective in (
        ("وقتل ثلاثة جنود في هجوم مسلح استهدف نقطة تفتيش جنوب القاهرة.", "مسلح"),
        ("واستشهد سبعة مصلين في تفجير إرهابي بمسجد في مدينة أبها.", "إرهابي"),
        ("ونفذ التنظيم هجوما جديدا على قاعدة عسكرية قرب الرمادي.", "جديدا"),
    ):
        got = _args(text)
        assert _mentions(text), text
        assert not any(adjective in a for a in got), (text, got)
        assert not any(a.startswith("بمسجد") for a in got), (text, got)


def test_after_a_verb_the_same_word_is_a_person() -> None:
    # قتل إرهابي: a verb, so the word after it is whom it was done to, not an adjective
    text = "وقتل إرهابي في اشتباك مع قوات الأمن في العريش."
    assert "إرهابي" in _args(text)


def test_a_verb_of_the_toll_is_no_party() -> None:
    # هجوما أسفر عن مقتل …: the verb had been the attack's recipient
    text = "وتبنى تنظيم داعش هجوما أسفر عن مقتل خمسة جنود مصريين في شمال سيناء."
    got = _args(text)
    assert not any("أسفر" in a for a in got), got


def test_a_reflexive_pronoun_is_no_party() -> None:
    text = "وقامت فتاة في الثانية عشرة من العمر بتفجير نفسها في سوق شعبي شمال الكاميرون."
    assert "نفسها" not in _args(text)


def test_who_claims_an_attack_is_its_actor() -> None:
    # the claimant had been read as whom the attack was done to (a party after the trigger)
    for text, claimant in (
        (
            "قتل ستة أشخاص في انفجار استهدف فندقا في مقديشو وحركة الشباب الصومالية تعلن مسؤوليتها.",
            "حركة الشباب",
        ),
        ("وقتل عشرون شخصا في هجوم انتحاري في مدينة مروة يحمل بصمات جماعة بوكو حرام.", "بوكو حرام"),
        ("وأعلنت جماعة بوكو حرام في بيان على تويتر مسؤوليتها عن الهجوم على السوق.", "بوكو حرام"),
    ):
        actors = _args(text, "actor")
        assert any(claimant in a for a in actors), (text, actors)
        assert not any(claimant in a for a in _args(text, "recipient")), text


def test_a_medium_named_in_the_claim_does_not_claim() -> None:
    # "في بيان على تويتر مسؤوليتها": the medium is governed by على; it is not who claims
    text = "وأعلنت جماعة بوكو حرام في بيان على تويتر مسؤوليتها عن الهجوم على السوق."
    assert not any("تويتر" in a for a in _args(text))


def test_the_place_that_witnessed_an_attack_did_not_do_it() -> None:
    # شهدت X هجوما: X is where it happened (it had been the actor, and the ranker put it back)
    text = "وشهدت مدينة مروة أقصى شمال الكاميرون هجوما انتحاريا مساء السبت نفذته فتاة."
    assert _mentions(text)
    assert not any("الكاميرون" in a for a in _args(text, "actor"))


def test_who_an_attack_is_attributed_to_did_it() -> None:
    # "نسبته السلطات إلى تنظيم داعش": the authorities had been the attack's recipient; also after a
    # killing read as the unvocalised passive, whose actors are otherwise only "من X"
    text = "وقتل 32 شخصا أمس في اعتداء انتحاري نسبته السلطات الى تنظيم داعش في مدينة سوروتش."
    assert "تنظيم داعش" in _args(text, "actor")
    assert not any("السلطات" in a for a in _args(text))


def test_a_day_is_no_groups_genitive() -> None:
    # "قتل 37 شخصا الجمعة": the people killed, not "the people of Friday"
    text = "وقتل 37 شخصا الجمعة أيضا في تفجيرين استهدفا محطتي حافلات في نيجيريا."
    got = _args(text, "recipient")
    assert got and not any("الجمعة" in a for a in got), got


def test_an_attribution_is_about_the_attack_it_follows() -> None:
    # the raids of the same sentence were not attributed to the organisation; the air force is a force
    text = (
        "وشن سلاح الجو التركي الجمعة أولى غاراته على مواقع لتنظيم داعش في سوريا بعد أربعة أيام على "
        "هجوم انتحاري دام نسبته الحكومة إلى التنظيم."
    )
    by_trigger = {m["trigger"]["text"]: m for m in _mentions(text)}
    raids = [a["text"] for a in by_trigger["غاراته"]["arguments"] if a["role"] == "actor"]
    assert raids == ["سلاح الجو التركي"]
    attack = [a["text"] for a in by_trigger["هجوم انتحاري"]["arguments"] if a["role"] == "actor"]
    assert attack == ["التنظيم"]
    assert not any("الحكومة" in a for a in _args(text))


def test_the_nationality_of_the_attack_a_killing_happened_in_names_its_doer() -> None:
    # "مقتل قيادي في غارة أمريكية": the United States, as "في هجوم لداعش" names ISIS (it had no actor)
    for text, doer in (
        ("مقتل قيادي بارز في تنظيم القاعدة في غارة أمريكية على سوريا.", "أمريكية"),
        ("وقتل عشرة مدنيين في قصف روسي على ريف إدلب.", "روسي"),
        ("مقتل ثلاثة جنود أتراك في هجوم لحزب العمال الكردستاني في محافظة شرناق.", "حزب العمال الكردستاني"),
    ):
        assert doer in _args(text, "actor"), text


def test_a_military_base_is_no_armed_group() -> None:
    # "القاعدة الجوية" had been read as al-Qaeda, the attack's actor; it is what is taken or attacked
    text = "وكانت القوات الموالية للحكومة شنت أمس هجوما واسعا لاستعادة القاعدة الجوية من مليشيات الحوثي."
    assert _args(text, "actor") == ["القوات الموالية للحكومة"]
    assert "القاعدة الجوية" in _args(text, "recipient")
    assert "واسعا" not in _args(text)
    text = "وهاجم مسلحون القاعدة العسكرية الروسية في المدينة."
    assert _args(text, "actor") == ["مسلحون"]
    assert _args(text, "recipient") == ["القاعدة العسكرية الروسية"]
    # al-Qaeda itself stays an armed group
    text = "وقال إن مسلحي القاعدة هاجموا نقطة تفتيش."
    assert _args(text, "actor") == ["مسلحي القاعدة"]


def test_a_booby_trapped_thing_is_the_means() -> None:
    # "اقتحم انتحاري بجرار مفخخ …": the tractor had been the attack's target
    text = "واقتحم انتحاري بجرار مفخخ بطنين من المتفجرات مركزا للدرك في شرق البلاد."
    assert not any("مفخخ" in a for a in _args(text))
    assert "انتحاري" in _args(text, "actor")


def test_an_accused_party_is_the_actor_of_the_attack_after_it_only() -> None:
    # "داعش المتهم بالوقوف خلف العملية": ISIS did the operation, not the war that targets it before
    text = (
        "وأطلق الرئيس حربا على الإرهاب تستهدف حزب العمال الكردستاني كما تنظيم داعش المتهم بالوقوف خلف "
        "العملية الانتحارية في سوروتش."
    )
    (targeted,) = [m for m in _mentions(text) if m["trigger"]["text"] == "تستهدف"]
    assert "تنظيم داعش" not in [a["text"] for a in targeted["arguments"] if a["role"] == "actor"]


def test_a_killing_whose_attack_is_claimed_has_its_dead_as_recipients() -> None:
    # the claimant replaces the rules' actor, and the dead the rules had read as the subject are the
    # killing's recipients (the unvocalised passive)
    text = "قتل ستة أشخاص في انفجار استهدف فندقا في مقديشو وأعلنت حركة الشباب مسؤوليتها عن الهجوم."
    (killing,) = [m for m in _mentions(text) if m["trigger"]["text"] == "قتل"]
    assert [a["text"] for a in killing["arguments"] if a["role"] == "actor"] == ["حركة الشباب"]
    assert [a["text"] for a in killing["arguments"] if a["role"] == "recipient"] == ["أشخاص"]
