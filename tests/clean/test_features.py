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


def test_word_lists_come_from_the_data_file_and_the_date_module() -> None:
    """why: issue 19 — the features' agencies, byline words, weekdays and function words live in
    line_words_ar.tsv, and their month names are the date module's (one list for the package)."""
    from khabar.arabic.dates import HIJRI_MONTHS, MONTHS
    from khabar.clean.features import _FUNCTION, _words
    from khabar.data import rows

    kinds = {r.cols[0] for r in rows("line_words_ar.tsv", columns=2)}
    assert kinds == {"agency", "initials", "byline", "weekday", "function", "continuation"}
    assert {"في", "على", "الذي"} <= _FUNCTION == set(_words("function"))
    assert "شوال" in HIJRI_MONTHS and "اغسطس" in MONTHS


def test_agency_initials_match_joined_spaced_and_dotted() -> None:
    """why: a wire credit is written "أ ف ب", "أ.ف.ب." or "(افب)" on different sites; all three
    are the same agency, and a word that merely contains the letters is not."""
    from khabar.clean.features import _AGENCIES

    for line in ("بيروت - ا ف ب", "بيروت - ا.ف.ب.", "القاهرة (افب)", "دبي - رويترز"):
        assert _AGENCIES.search(lexicon.key(line)), line
    assert not _AGENCIES.search(lexicon.key("افبريل القادم"))


def test_a_short_dated_line_reads_its_month_from_the_date_module() -> None:
    """why: a month of any calendar the date module knows (Levantine, Maghrebi, Hijri with two words)
    makes a short dated line date-like; an ordinal alone ("الاول") does not."""
    m = _matrix(["12 تشرين الاول 2023", "5 ذو القعده 1436", "3 جوان 2021", "الفصل الاول 2"])
    col = INDEX["date_like"]
    assert [bool(v) for v in m[:, col]] == [True, True, True, False]
