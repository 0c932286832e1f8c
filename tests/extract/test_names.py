"""Person names: words, parts and the cross-document key (issue 13, item 5)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from khabar.extract.names import is_given_name, name_words, person_key


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
    assert key("الأمير محمد بن سلمان بن عبدالعزيز") == "محمد بن سلمان"
    assert key("محمد بن سلمان") != key("سلمان بن عبدالعزيز")


def test_family_name_with_article_keys_on_given_and_family() -> None:
    # the press drops the middle of a name, never the family name
    assert key("الدكتور عبدالله بن عبدالعزيز الربيعة") == key("عبدالله الربيعة")
    assert key("بشار حافظ الأسد") == key("الرئيس بشار الأسد")
    # ... and a family name keeps two men of the same nasab apart
    assert key("عبدالله بن عبدالعزيز الربيعة") != key("عبدالله بن عبدالعزيز")


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
