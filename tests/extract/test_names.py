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


def test_given_names() -> None:
    # a bare given name names nobody; a surname does
    assert is_given_name("عبدالعزيز") and is_given_name("محمد") and is_given_name("عبدالله")
    assert not is_given_name("اوباما")


@given(st.text(alphabet="سلمانبعدزيحمو الملكآ", max_size=40))
def test_key_is_stable(name: str) -> None:
    # keying a key's words again changes nothing, and never crashes
    k = key(name)
    assert key(k) == k or not k
