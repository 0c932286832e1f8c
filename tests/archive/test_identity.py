"""People across documents (issue 13): the archive learns which fuller name a short form stands for."""

from __future__ import annotations

from pathlib import Path

from archive_support import make_doc

from khabar.archive.queries import top_entities
from khabar.archive.store import Archive
from khabar.extract.linking import alone_key
from khabar.model import Span


def _span(text: str, name: str) -> Span:
    start = text.index(name)
    return Span(start, start + len(name), "PERSON", name)


def test_alone_key_of_a_titled_given_name_keeps_the_title() -> None:
    text = "وصل الملك سلمان إلى جدة"
    assert alone_key(text, _span(text, "سلمان")) == "الملك سلمان"


def test_alone_key_of_a_bare_given_name_is_none() -> None:
    # a given name alone names nobody in particular
    text = "قال عبدالله إن الاجتماع انتهى"
    assert alone_key(text, _span(text, "عبدالله")) is None


def test_a_kunya_is_not_a_title() -> None:
    # أبو أحمد is one compound name: أبو is not a title taken off its front
    text = "قال أبو أحمد إن الاجتماع انتهى"
    key = alone_key(text, _span(text, "أبو أحمد"))
    assert key is not None and not key.startswith("ابو ابو")


def _docs(a: Archive, texts: list[str]) -> None:
    for i, t in enumerate(texts):
        a.add(make_doc(t, id=f"d{i}", uri=f"https://example.com/{i}"))


def test_a_short_form_the_corpus_links_to_one_fuller_name_is_that_person(tmp_path: Path) -> None:
    linked = "استقبل الرئيس الأمريكي باراك أوباما ضيفه في البيت الأبيض.\nوقال أوباما إن المحادثات مثمرة."
    alone = "وقال أوباما في خطاب أمس إن الاقتصاد يتعافى."
    with Archive(tmp_path / "a.db") as a:
        _docs(a, [linked, linked.replace("ضيفه", "ضيوفه"), alone, alone.replace("أمس", "اليوم")])
        before = {e["key"] for e in top_entities(a)}
        assert {"person:باراك اوباما", "person:اوباما"} <= before  # two entities before the corpus speaks
        aliases = a.resolve_identities()
        assert aliases.get("person:اوباما") == "person:باراك اوباما"
        after = {e["key"]: e["documents"] for e in top_entities(a)}
        assert "person:اوباما" not in after and after["person:باراك اوباما"] == 4
        # idempotent
        assert a.resolve_identities() == aliases


def test_a_short_form_linked_to_several_people_stays_itself(tmp_path: Path) -> None:
    # two namesakes: the short form is not taken for either
    one = "قال المهندس محمد سعيد الغامدي إن المشروع اكتمل.\nوأضاف محمد الغامدي أن العمل مستمر."
    two = "قال الدكتور محمد حامد الغامدي إن الدراسة اكتملت.\nوأضاف محمد الغامدي أن النتائج مبشرة."
    with Archive(tmp_path / "a.db") as a:
        _docs(a, [one, one.replace("اكتمل", "انتهى"), two, two.replace("اكتملت", "انتهت")])
        assert "person:محمد الغامدي" not in a.resolve_identities()


def test_one_document_is_not_enough(tmp_path: Path) -> None:
    linked = "استقبل الرئيس الأمريكي باراك أوباما ضيفه في البيت الأبيض.\nوقال أوباما إن المحادثات مثمرة."
    with Archive(tmp_path / "a.db") as a:
        _docs(a, [linked, "وقال أوباما في خطاب أمس إن الاقتصاد يتعافى."])
        assert "person:اوباما" not in a.resolve_identities()
