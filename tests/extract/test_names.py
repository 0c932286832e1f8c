"""Person names: words, parts and the cross-document key (issue 13, item 5)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from khabar.extract.names import is_given_name, name_words, person_key, same_person


def key(name: str) -> str:
    return person_key(name_words(name))


def test_titles_and_family_particle_do_not_change_the_key() -> None:
    # every way of writing King Salman keys the same
    forms = [
        "خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود",
        "الملك سلمان بن عبد العزيز",
        "سلمان بن عبدالعزيز",
    ]
    assert {key(f) for f in forms} == {"سلمان بن عبدالعزيز"}


def test_father_and_son_keys_differ() -> None:
    # the son's chain holds the father's name; the keys must still differ
    assert key("الأمير محمد بن سلمان بن عبدالعزيز") == "محمد بن سلمان بن عبدالعزيز"
    assert key("محمد بن سلمان") != key("سلمان بن عبدالعزيز")
    assert not same_person(name_words("محمد بن سلمان"), name_words("سلمان بن عبدالعزيز"))


def test_a_nasab_chain_keys_up_to_the_grandfather() -> None:
    # two princes of one name and father, of two grandfathers (a family's branches)
    assert key("فهد بن عبدالله بن جلوي") != key("فهد بن عبدالله بن ثنيان آل سعود")
    assert key("فهد بن عبدالله بن جلوي بن تركي") == "فهد بن عبدالله بن جلوي"
    # the shorter form may be either: one person in a document that names it beside one of them
    assert same_person(name_words("فهد بن عبدالله"), name_words("فهد بن عبدالله بن جلوي"))


def test_family_name_with_article_keys_on_given_father_and_family() -> None:
    # the press drops the middle of a name, never the family name: the forms are one person ...
    assert same_person(name_words("الدكتور عبدالله بن عبدالعزيز الربيعة"), name_words("عبدالله الربيعة"))
    assert same_person(name_words("بشار حافظ الأسد"), name_words("الرئيس بشار الأسد"))
    # ... but the father's name keeps two men of one given and family name apart (a Gulf patronymic
    # with the article is the father too)
    assert key("ناصر بن سعد الشهري") == "ناصر بن سعد الشهري" != key("ناصر بن علي الشهري")
    assert key("جابر المبارك الحمد الصباح") == key("جابر مبارك الصباح") == "جابر بن مبارك الصباح"
    assert key("جابر العبد الله الصباح") == "جابر بن عبدالله الصباح"
    # ... and a family name keeps two men of the same nasab apart
    assert key("عبدالله بن عبدالعزيز الربيعة") != key("عبدالله بن عبدالعزيز")


def test_a_family_after_al_keys_unless_it_is_a_ruling_house() -> None:
    # the press writes آل سعود or leaves it out; آل مريع tells a man from others of his chain
    assert key("فيصل بن سلمان بن عبدالعزيز آل سعود") == key("فيصل بن سلمان بن عبدالعزيز")
    assert key("ناصر بن سعد آل فهيد") == "ناصر بن سعد ال فهيد" != key("ناصر بن سعد")


def test_a_bare_word_after_a_chain_is_the_family_name() -> None:
    # a family name without the article keeps a commoner apart from the prince of that chain
    assert key("جميل بن حسن مرداد") == "جميل بن حسن مرداد" != key("جميل بن حسن")


def test_a_chain_with_and_without_its_family_name_can_be_one_man() -> None:
    # a poet named with his tribe's name once and without it next
    assert same_person(name_words("زهير بن أبي سلمى المزني"), name_words("زهير بن أبي سلمى"))
    # a family name alone beside a chain without one is another man
    assert not same_person(name_words("فهد الشمري"), name_words("فهد بن سعد"))
    # a family-like patronymic is the father of the chain
    assert same_person(name_words("تركي الفيصل"), name_words("تركي بن فيصل بن عبدالعزيز"))


def test_a_family_like_name_before_a_nasab_chain_is_the_family() -> None:
    # the press writes the prince "خالد الفيصل"; his chain after it does not make another man
    assert key("الأمير سعود الفيصل بن عبدالعزيز") == key("سعود الفيصل") == "سعود الفيصل"


def test_a_theophoric_compound_is_one_name_word() -> None:
    # نصر الله is one family name: its الله is no family name with the article
    assert name_words("حسن نصر الله") == ("حسن", "نصرالله")
    assert key("حسن نصر الله") == "حسن نصرالله" != key("حسن الله")
    # آية الله is a title
    assert key("آية الله علي السيستاني") == key("علي السيستاني")


def test_a_conjunction_on_a_compound_head_is_no_part_of_the_name() -> None:
    # "and Abd al-Ilah X": the conjunction stays out of the key
    assert key("وعبد الرحيم القحطاني") == key("عبدالرحيم القحطاني") == "عبدالرحيم القحطاني"


def test_a_regnal_name_keys_on_the_name_and_its_number() -> None:
    # the king's nasab after his number does not make another person
    assert key("الملك حسين الأول بن طلال") == key("الملك حسين الأول") == "حسين الاول"


def test_given_names() -> None:
    # a bare given name names nobody; a surname does
    assert is_given_name("عبدالعزيز") and is_given_name("محمد") and is_given_name("عبدالله")
    assert not is_given_name("اوباما")


@given(st.text(alphabet="سلمانبعدزيحمو الملكآ", max_size=40))
def test_key_is_stable(name: str) -> None:
    # keying a key's words again changes nothing, and never crashes
    k = key(name)
    assert key(k) == k or not k
