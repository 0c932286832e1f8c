"""The person rules (khabar.extract.person_rules): one composed sentence per class rule, each with the
reason the rule exists. None of these sentences is from the documents that motivated the rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.extract.ner import load_model, tag_entities
from khabar.extract.person_rules import RULES, apply_rules, load_cues


def persons(text: str, *, rules: bool = True) -> list[tuple[str, str | None]]:
    return [(s.text, s.attrs.get("cue")) for s in tag_entities(text, rules=rules) if s.label == "PERSON"]


def names(text: str) -> set[str]:
    return {t for t, _ in persons(text)}


# -- cue -------------------------------------------------------------------------------------------
def test_a_person_noun_names_the_foreign_name_after_it() -> None:
    # sports news names players and coaches by a noun before a transliterated name the model never saw
    assert ("كوستوفيتش", "cue") in persons("وأشاد الحارس كوستوفيتش بأداء زملائه في المباراة.")


def test_modifiers_may_stand_between_the_noun_and_the_name() -> None:
    # "the new Brazilian player X": adjectives and a nationality between the cue and the name
    assert "باولينيو" in names("وصل اللاعب الجديد البرازيلي باولينيو إلى الرياض أمس.")


def rule_tags(tokens: str, tags: str, rules: tuple[str, ...] = RULES) -> list[str]:
    """The tags the rules leave on one sentence given the model's tags (space-separated; ``.`` = O)."""
    sent = tokens.split()
    model_tags = ["O" if t == "." else t for t in tags.split()]
    assert len(sent) == len(model_tags)
    out, _ = apply_rules(load_model(), [sent], [model_tags], rules)
    return out[0]


def test_a_nationality_adjective_is_a_cue_for_a_man() -> None:
    # "the Argentine X" stands for "the Argentine player X" in transfer news
    got = rule_tags("وأكدت الإدارة أن الأرجنتيني بيريرا لن يلعب", ". . . . . . .", ("cue",))
    assert got[4] == "B-PERS" and got[5] == "O"


def test_a_feminine_nationality_qualifies_the_noun_before_it() -> None:
    # "the new Syrian force kidnapped": السورية agrees with القوة, nothing after it is a person
    assert names("وقال إن القوة السورية مخطوفة منذ أيام.") == set()


def test_names_coordinated_after_a_plural_cue() -> None:
    # "the two Colombian players X and Y": both are people
    got = names("تعاقد النادي مع اللاعبين الكولومبيين ألفاريز وكاسترو لمدة موسمين.")
    assert {"ألفاريز", "كاسترو"} <= got


def test_a_noun_that_is_also_a_common_word_needs_a_two_word_name() -> None:
    # الفريق is "the team" as often as the rank: "the team meets Hajar today" names nobody
    assert names("والفريق يلاقي هجر اليوم في الدمام.") == set()
    assert "مروان الحسيني" in names("وصل الفريق مروان الحسيني إلى القاهرة.")


def test_after_a_noun_without_the_article_comes_its_complement() -> None:
    # "the Shabab coach made substitutions": the word after the club is no name
    assert "تبديلات" not in names("وأجرى مدرب الشباب تبديلات كثيرة في الشوط الثاني.")


def test_a_cue_overrides_the_models_place_reading() -> None:
    # a transliterated first name that is also a town: after "the Polish midfielder" it is a person
    assert "ادريان" in names("وتألق لاعب الوسط البولندي ادريان في اللقاء.")


# -- speech ----------------------------------------------------------------------------------------
def test_a_speech_verb_then_a_name_then_an_complementiser() -> None:
    # "and X added that …": the quoted official's surname alone
    assert ("الفريحي", "speech") in persons("وأضاف الفريحي أن العمل سينتهي قبل موعده.")


def test_a_speaker_the_model_tags_as_an_organisation_elsewhere_is_not_made_a_person() -> None:
    # a club speaks too: "the Nassr said that …" where النصر is the club elsewhere in the document
    m = load_model()
    first, second = ["فاز", "نادي", "النصر", "على", "ضيفه"], ["وقال", "النصر", "إن", "اللاعب", "سيعود"]
    tags, _ = apply_rules(m, [first, second], [["O", "B-ORG", "I-ORG", "O", "O"], ["O"] * 5], ("speech",))
    assert tags[1] == ["O"] * 5
    tags, _ = apply_rules(m, [second], [["O"] * 5], ("speech",))
    assert tags[0][1] == "B-PERS"  # alone, the same sentence names a speaker


# -- given + family --------------------------------------------------------------------------------
def test_a_given_name_and_a_rare_family_name_with_the_article() -> None:
    # Gulf family names the model never saw (العليوات), after a given name from the list
    assert ("صالح الدحيلان", "given") in persons("وحضر الحفل صالح الدحيلان وعدد من المسؤولين.")


def test_a_feminine_relative_adjective_after_a_given_name_is_no_family_name() -> None:
    # "the forces of Saleh, the putschist ones": ال…ية agrees with the feminine noun before the name; a
    # family name of that shape is a word web text never uses (العطية)
    text = "واتهمت الحكومة قوات خليفة الانقلابية بقصف الأحياء."
    assert not any("الانقلابية" in n for n in names(text))
    assert ("خالد العطية", "given") in persons("وحضر اللقاء خالد العطية وعدد من المسؤولين.")


def test_after_a_nasab_chain_the_next_word_with_the_article_is_the_family_name() -> None:
    # السريع "the fast" and القصير "the short" are common words, but after "X بن Y" they are the family
    # name that tells two men of the same chain apart; an office or a time word there is not
    assert ("سعود بن فهد السريع", "given") in persons("وحضر سعود بن فهد السريع افتتاح المعرض.")
    assert ("ماجد بن سعد القصير", "given") in persons("وحضر ماجد بن سعد القصير حفل التخرج.")
    assert ("تركي بن خالد", "given") in persons("وقال تركي بن خالد المدير العام للشركة إن الأرباح ارتفعت.")
    assert ("تركي بن خالد", "given") in persons("ووصل تركي بن خالد الخميس إلى الرياض.")
    assert ("تركي بن خالد", "given") in persons("وأعلن تركي بن خالد الانسحاب من السباق.")


def test_a_given_name_before_a_common_word_is_no_name() -> None:
    # حسن الجوار "good neighbourliness": the word after the given name is common
    assert not any("الظن" in n for n in names("وطالب بحسن الظن بين الجيران."))


def test_ali_is_the_name_where_the_document_writes_the_preposition_with_its_alef_maqsura() -> None:
    # the view folds على into علي; a writer who uses ى keeps them apart
    text = "وقع الحادث على الطريق السريع، وأكد علي الزهيري أن الأضرار محدودة."
    assert "علي الزهيري" in names(text)


def test_ali_with_a_conjunction_opens_the_name() -> None:
    # "and Ali Hassan Mahmoud": the model left the conjunction-prefixed علي out of the name
    got = rule_tags(
        "وقف على المنصة مسؤولون وعلي حسن محمود أمس",
        ". . . . . B-PERS I-PERS .",
        ("given",),
    )
    assert got[4:7] == ["B-PERS", "I-PERS", "I-PERS"]


def test_two_chunks_of_given_names_side_by_side_are_one_name() -> None:
    # a man named with his father and grandfather, which the model cut in two (خالد علي | أحمد حسن)
    got = rule_tags(
        "وأكد على ذلك المحامي خالد علي أحمد حسن أمس",
        ". . . . B-PERS I-PERS B-PERS I-PERS .",
        ("given",),
    )
    assert got[4:8] == ["B-PERS", "I-PERS", "I-PERS", "I-PERS"]


def test_two_names_with_a_conjunction_between_stay_two() -> None:
    # a list of two people keeps its names apart
    got = rule_tags(
        "وأكد على ذلك خالد علي وأحمد حسن أمس",
        ". . . B-PERS I-PERS B-PERS I-PERS .",
        ("given",),
    )
    assert got[3:7] == ["B-PERS", "I-PERS", "B-PERS", "I-PERS"]


def test_a_female_given_name_is_not_cut_at_its_first_letter() -> None:
    # لبنى is no ل + بنى: a byline names the writer whole
    assert "لبنى الشهري" in names("خبر عاجل عن المدارس\nلبنى الشهري – الرياض\nأعلنت الوزارة موعد الدراسة.")


def test_a_preposition_before_a_given_name_that_is_a_noun() -> None:
    # "by the power of the victor": ب + سلطان is the noun سلطان "power"
    assert rule_tags("وفرضوا شروطهم بسلطان المنتصر على المهزوم", ". . . . . .", ("given",)) == ["O"] * 6


# -- nasab -----------------------------------------------------------------------------------------
def test_the_word_before_a_name_the_model_opened_at_bin() -> None:
    # a rare given name the model left out before the nasab chain it found
    got = rule_tags("أن دغيمان بن فالح أقدم", ". . B-PERS I-PERS .", ("nasab",))
    assert got == ["O", "B-PERS", "I-PERS", "I-PERS", "O"]


# -- list ------------------------------------------------------------------------------------------
def test_a_line_up_names_its_single_surnames() -> None:
    # a team sheet: two full names make the list a list of people, surnames alone included
    text = "وبدأ المدرب اللقاء بكل من: خالد المطيري، الغامدي، فهد القحطاني، بوريسوف، وسعد العنزي."
    got = names(text)
    assert "بوريسوف" in got


def test_a_list_without_two_people_is_left_alone() -> None:
    # towns in a list: no person item, no person made
    assert names("زار الوفد الرياض وجدة والدمام والطائف.") == set()


# -- byline ----------------------------------------------------------------------------------------
def test_a_byline_with_a_place() -> None:
    # "Place – Reporter" under the headline
    assert "نوف الحربي" in names("أمطار غزيرة على المدينة\nتبوك – نوف الحربي\nهطلت أمطار غزيرة أمس.")


def test_a_byline_where_the_model_saw_only_the_surname() -> None:
    # the model tags the family name; the plain word before it in the byline is the given name
    assert rule_tags("الدمام – مرشد الفارس", "B-LOC . . B-PERS", ("byline",)) == [
        "B-LOC",
        "O",
        "B-PERS",
        "I-PERS",
    ]


def test_a_name_alone_on_its_line() -> None:
    # a column's author under its title: the model saw the surname, the line is the name
    assert rule_tags("مساعد الزهيري", ". B-PERS", ("byline",)) == ["B-PERS", "I-PERS"]


# -- word grading, invariants --------------------------------------------------------------------
def test_inflected_common_words_are_no_name_words() -> None:
    w = load_model().rule_words()
    # tanween, a possessive suffix on a common noun, a dual, an imperfect verb
    for word in ("جهوداً", "معسكره", "السفارتين", "تحرق"):
        assert not w.token_namey(word, loose=True), word
    for word in ("رافينها", "دونيس", "العويس"):
        assert w.token_namey(word, loose=True), word


def test_the_cue_file_loads() -> None:
    c = load_cues()
    assert "اللاعب" in c.before and "قال" in c.speech and "الجديد" in c.between


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_alone_keeps_bio(rule: str) -> None:
    m = load_model()
    sent = [
        *("وقال", "اللاعب", "البرازيلي", "كوستا", "إن", "المدرب", "دونيس"),
        *("،", "خالد", "المطيري", "،", "الغامدي", "وافقوا"),
    ]
    tags, _ = apply_rules(m, [sent], [m.tag(sent)], rules=(rule,))
    for prev, tag in zip(["O", *tags[0]], tags[0], strict=False):
        assert not tag.startswith("I-") or prev[2:] == tag[2:]


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="اللاعب المدرب وقال إن علي محمد العويس، - :\nبن دونيس", max_size=120))
def test_spans_stay_in_bounds_and_match_the_text(text: str) -> None:
    for s in tag_entities(text):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text


def test_a_byline_given_name_and_a_family_name_that_is_also_a_word() -> None:
    # "Abdulrahman Al-Hijab (Riyadh)": the family name is also "the veil"; the byline makes it a name
    got = rule_tags("عبدالرحمن الحجاب ( الرياض )", ". . . B-LOC .", ("byline",))
    assert got[:2] == ["B-PERS", "I-PERS"]
