"""The name readers of the event mentions (khabar.events.names)."""

from __future__ import annotations

from khabar.events.names import _only_honorifics


def test_only_honorifics_reads_the_span_between_a_title_and_a_name() -> None:
    # issue 15: the span is read in place and lazily (a role far before the name spans much text);
    # the answer is the one of the span's own words: blank or honorifics only
    text = "وزير الخارجية الأستاذ د. عادل الجبير قال وزير النقل إن الطريق"
    name = text.index("عادل")
    title_end = text.index(" الأستاذ")
    assert _only_honorifics(text, title_end, name)
    assert _only_honorifics(text[title_end:name])
    assert _only_honorifics(text, name, name)
    assert _only_honorifics(" \u00a0 ")
    far = text.index("قال")
    assert not _only_honorifics(text, title_end, far)
    assert not _only_honorifics(text[title_end:far])
    assert not _only_honorifics(text, 0, name)
