"""Line features of the block classifier: the neighbourhood features (body agreement, repeated words)."""

from __future__ import annotations

from khabar.clean import lexicon
from khabar.clean.features import INDEX, LineInfo, block_features

_PARA = (
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد للأطفال في المدينة الشمالية بطاقة مئتي سرير، "
    "وقال الوزير إن المستشفى سيستقبل المرضى من جميع المحافظات المجاورة ابتداء من الشهر المقبل."
)


def _matrix(lines: list[str]):  # type: ignore[no-untyped-def]
    infos = [LineInfo(t, lexicon.load()) for t in lines]
    return block_features(infos, [False] * len(lines), None, 1.0)


def test_a_headline_agrees_with_the_body_below_it_and_a_menu_item_does_not() -> None:
    """A title or subheading announces the paragraph after it (shared words, with و/ال peeled);
    a menu item above the same paragraph shares none."""
    X = _matrix(["اتصل بنا", "افتتاح مستشفى جديد للأطفال في المدينة الشمالية", _PARA])
    col = INDEX["body_overlap"]
    assert X[1, col] >= 0.8
    assert X[0, col] == 0.0
    assert X[2, col] == 0.0  # a long line is the body itself, not a candidate


def test_words_repeated_on_many_lines_mark_a_keyword_stuffed_list() -> None:
    """Doorway and link-list lines repeat the same keywords on line after line; a news page's lines
    do not (a different example from the gold set's cement-mill pages that motivated it)."""
    stuffed = [
        "شقق للبيع في دبي بأسعار مناسبة",
        "شقق للبيع في دبي مارينا",
        "أفضل شقق للبيع في دبي",
        "شقق للبيع في دبي بالتقسيط",
        "شقق مفروشة للبيع في دبي",
    ]
    X = _matrix(stuffed)
    assert X[0, INDEX["word_repeat"]] >= 0.5
    assert X[0, INDEX["doc_word_repeat"]] >= 0.5
    news = _matrix(["افتتاح مستشفى جديد للأطفال", "محمد الأحمد", _PARA])
    assert news[0, INDEX["word_repeat"]] == 0.0
    assert news[0, INDEX["doc_word_repeat"]] == 0.0


def test_content_words_by_split_equal_the_regex_scan() -> None:
    """The fast path (split, all-letter words kept whole, only the rest scanned) gives the same set as
    the one-scan definition, on lines with punctuation against words, digits, Latin, و/ف/ال to peel,
    short and function words (why: the line model was trained on the definition's features)."""
    from khabar.clean.features import _content_words, _content_words_scan

    lines = [
        _PARA,
        "والحكومة، فالمستشفى «الجديد» (2024) والي وفي ال فن alpha_beta x2y abc-def",
        "وزير: الخارجية... قال؛ إن-المملكة 12ساعة ساعة12 الـ ومن فإن والأمن",
        "",
        "   ",
        "a b c déjà-vu ÉTÉ وو فففف والو",
    ]
    for line in lines:
        k = lexicon.key(line)
        assert _content_words(k) == _content_words_scan(k), line
