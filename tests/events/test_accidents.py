"""Deaths and injuries with no attacker are no ASSAULT (khabar.events.accidents).

Every text here is written for the test (none is from a gold set or a sample the rule was read on).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from khabar.api import process_text
from khabar.events.accidents import accident_cause, attack_told
from khabar.events.mentions import words_of
from khabar.events.triggers import find_triggers

FACTS = ("entities", "places", "refs", "dates", "quantities", "events")


@cache
def _assaults(text: str) -> list[dict[str, Any]]:
    """Every ASSAULT mention of ``text``, shown or not (no threshold)."""
    doc = process_text(text, extra=FACTS, min_confidence="all")
    return [m for e in doc.events for m in e["mentions"] if m["type"] == "ASSAULT"]


def _sentence(text: str) -> tuple[bool, bool]:
    """(an accident named, an attack told) for one sentence."""
    w = words_of(text)
    teh = frozenset(i for i in range(len(w.toks)) if text[w.text_spans[i][1] - 1] == "ة")
    matches = find_triggers(w.toks, teh, w.keys)
    n = len(w.toks)
    return any(accident_cause(w, m, 0, n) for m in matches), attack_told(w, 0, n, matches)


def test_a_stampede_told_in_several_sentences_is_no_assault() -> None:
    # the headline and the body name the stampede; the third sentence tells the deaths again alone
    text = (
        "لقي 9 أشخاص مصرعهم في تدافع بمهرجان ديني في الهند\n"
        "قتل تسعة أشخاص على الأقل في تدافع خلال مهرجان ديني في ولاية بيهار أمس الأحد، بحسب الشرطة.\n"
        "وقال مسؤول إن مقتل الأشخاص التسعة وقع عند مدخل المعبد، وإن 20 آخرين أصيبوا."
    )
    assert _assaults(text) == []


def test_drowning_and_earthquake_and_road_accident_are_no_assault() -> None:
    # three accident nouns of the list, each in a sentence of its own kind
    assert _assaults("لقي خمسة أطفال حتفهم غرقا في سد بمحافظة العلا أمس، وقال الدفاع المدني إنهم غرقوا") == []
    assert _assaults("قتل 30 شخصا على الأقل وأصيب المئات في زلزال ضرب شرق تركيا مساء الجمعة.") == []
    assert _assaults("مقتل أربعة معلمات وإصابة سائق في حادث مروري على طريق الرياض أمس.") == []


def test_an_attack_beside_an_accident_noun_stays_an_assault() -> None:
    # an arson (أضرم is its own trigger) and a "terrorist" fire are someone's act
    assert _assaults("مقتل رضيع في حريق أضرمه مسلحون في منزل عائلته بالقرية أمس.")
    assert _sentence("مقتل ثلاثة في حريق إرهابي استهدف السوق") == (True, True)
    # fighting in the sentence: a drowning during a battle is not told as an accident alone
    assert _sentence("قتل عشرة جنود غرقا خلال معارك عنيفة على ضفة النهر")[1]


def test_an_operation_named_storm_or_an_accident_far_off_is_no_cause() -> None:
    # عاصفة alone names operations (عاصفة الصحراء); a weather storm is two words; an accident in
    # another clause of a long sentence is not the death's cause
    assert not _sentence("مقتل قائد ميداني في غارات عاصفة الصحراء على المدينة")[0]
    assert _sentence("مصرع صياد في عاصفة بحرية قبالة الساحل")[0]
    far = (
        "وأعلنت الشرطة مقتل رجل الأعمال المعروف في منزله بالعاصمة مساء أمس، فيما شهدت مدن الساحل "
        "الجنوبية والشرقية خلال الأسبوع الماضي أمطارا متفرقة وسيولا جارفة"
    )
    assert not _sentence(far)[0]


def test_killings_with_no_accident_are_untouched() -> None:
    # no accident noun: the rule does not apply
    assert _sentence("قتل 12 جنديا في هجوم على موقع للجيش") == (False, True)
    assert _assaults("قتل مسلحون 12 جنديا في هجوم على موقع للجيش شمال تكريت أمس.")


def test_two_word_accident_cues_match_with_clitics() -> None:
    # "انقلاب" alone is also a coup: only "انقلاب سيارة"-like pairs are accidents, with ب on the first word
    assert _sentence("مصرع شاب وإصابة اثنين بانقلاب سيارة على طريق الطائف")[0]
    assert not _sentence("مقتل ثلاثة في محاولة انقلاب فاشلة")[0]


def test_the_document_rule_drops_a_death_told_again_only_after_an_accident() -> None:
    # the retold sentence alone names no cause: alone, or after an attack, it stays ASSAULT
    retold = "وقال مسؤول إن مقتل الأشخاص التسعة وقع عند مدخل المعبد، وإن 20 آخرين أصيبوا."
    assert _assaults(retold)
    assert len(_assaults("مقتل 12 جنديا في هجوم لداعش شمال العراق\n" + retold)) == 2
    assert _assaults("لقي تسعة أشخاص مصرعهم في فيضان اجتاح القرية أمس\n" + retold) == []


def test_a_military_aircraft_crash_is_an_accident() -> None:
    # "عسكرية" is a word of the battle class, not of an attack: a transport plane falls by a failure
    assert _assaults("لقي ستة جنود مصرعهم في تحطم طائرة نقل عسكرية بسبب عطل فني قرب القاعدة أمس.") == []
    # fighters and a front name fighting (class intent): a death there stays an attack
    assert _sentence("مقتل ثلاثة مقاتلين غرقا على جبهة النهر")[1]


def test_beside_an_attack_only_the_accidents_own_count_is_retold() -> None:
    # a document with a crash and, the same day, a bombing: the crash's 14 told again goes, the
    # bombing's deaths stay
    text = (
        "لقي 14 شخصا مصرعهم في انقلاب حافلة على طريق الجبل أمس.\n"
        "وقال مسؤول في المرور إن 14 شخصا قتلوا بينهم أطفال.\n"
        "وفي حادث منفصل قتل 6 أشخاص في تفجير سيارة مفخخة وسط المدينة."
    )
    got = [m["trigger"]["text"] for m in _assaults(text)]
    assert "قتلوا" not in got
    assert got


def test_an_animal_is_no_attacker() -> None:
    # PLOVER's actors are people: a shark or a pack of dogs that kills makes no ASSAULT, even where the
    # text calls it an attack (هجوم لهذه الحيوانات); a man who attacks with a dog still does
    assert _assaults("لقي سباح مصرعه إثر هجوم سمكة قرش قبالة شاطئ في أستراليا أمس.") == []
    assert (
        _assaults("قتلت مجموعة من الكلاب الضالة طفلا في القرية، وأصيبت أمه بجروح في هجوم لهذه الحيوانات.")
        == []
    )
    assert _sentence("قتل رجل جاره في هجوم بسكين ثم أطلق كلبه")[1]
    # a weapon near a place named after an animal (وادي الذئاب) is still an attack
    assert _sentence("استشهد جندي بعد قصف وادي الذئب")[1]
    # a weapon the trigger lexicon leaves to its exposure verb (تعرضه لشظايا قذيفة) is a word of intent
    assert _sentence("استشهد الجندي إثر تعرضه لشظايا قذيفة هاون بوادي الذئب")[1]
