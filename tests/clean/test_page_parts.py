"""The page parts around a text dump's title (:mod:`khabar.clean.page_parts`)."""

from __future__ import annotations

import pytest

from khabar.clean import lexicon
from khabar.clean.features import LineInfo
from khabar.clean.page_parts import has_article_body


def _infos(lines: list[str]) -> list[LineInfo]:
    return [LineInfo(t, lexicon.load()) for t in lines]


_SPORT = [
    "تأهل فريق النادي الأهلي إلى الدور نصف النهائي من بطولة الكأس بعد فوزه على ضيفه بثلاثة أهداف مقابل "
    "هدف في المباراة التي أقيمت مساء أمس.",
    "وسجل المهاجم الدولي هدفين في الشوط الأول، قبل أن يضيف زميله الهدف الثالث من ركلة جزاء في الدقائق "
    "الأخيرة من اللقاء.",
]


@pytest.mark.parametrize(
    ("lines", "body"),
    [
        # two long paragraphs in a row, under a menu and over a share bar: a text
        (["الرئيسية", "رياضة", "الأهلي إلى نصف النهائي", *_SPORT, "فيسبوك", "واتساب"], True),
        # three sentences of twelve words or more in a row, one of them long
        (
            [
                "الأهلي إلى نصف النهائي",
                _SPORT[0],
                "وقال المدرب بعد اللقاء إن اللاعبين قدموا مباراة كبيرة أمام جمهورهم الوفي.",
                "ويلتقي الفريق في الدور المقبل مع الفائز من مباراة الغد بين الفريقين.",
            ],
            True,
        ),
        # a wire dateline opens the only long paragraph
        (
            [
                "عمّان (بترا) - افتتح وزير الزراعة اليوم السبت مهرجان الزيتون الوطني في دورته الجديدة بمشاركة "
                "أكثر من مئتي مزارع وجمعية تعاونية من مختلف المحافظات."
            ],
            True,
        ),
        # a listing: each teaser stands alone between two headlines
        (["الأهلي إلى نصف النهائي", _SPORT[0], "المهاجم يسجل هدفين", _SPORT[1], "المزيد"], False),
        # a long paragraph leading into a list is no run of sentences
        ([_SPORT[0][:-1] + ":", _SPORT[1]], False),
    ],
)
def test_an_article_body_is_paragraphs_in_a_row(lines: list[str], body: bool) -> None:
    """why: a news page in a template full of short lines scored as a listing without its URL; a
    listing's teasers stand alone between headlines, paragraphs that follow one another are a text,
    and a wire dateline is a news text's opening."""
    assert has_article_body(_infos(lines)) is body


_ITEM = [
    "أعلنت بلدية المدينة عن إغلاق الطريق الساحلي أمام حركة السير يومي الجمعة والسبت لإجراء أعمال الصيانة.",
    "وأضافت البلدية أن الحركة ستحول إلى الطريق الداخلي طوال فترة الأشغال، داعية السائقين إلى الحذر.",
]


@pytest.mark.parametrize(
    ("lines", "body"),
    [
        # a short news item: two sentences, the second carrying on the first ("وأضافت")
        (["الرئيسية", "محليات", "إغلاق الطريق الساحلي يومين للصيانة", *_ITEM, "شارك"], True),
        # "كما" carries a text on too
        (
            [_ITEM[0], "كما تقرر تمديد ساعات عمل الحافلات العامة خلال اليومين لتخفيف الازدحام في الأحياء."],
            True,
        ),
        # two teasers in a row, each about another story
        (
            [_ITEM[0], "وزارة الصحة تطلق حملة التلقيح الموسمية في جميع المراكز الصحية بداية من الاثنين."],
            False,
        ),
        # a continuation under a line of a few words is no run of sentences
        (["إغلاق الطريق.", _ITEM[1]], False),
    ],
)
def test_a_short_news_items_paragraphs_carry_on_one_another(lines: list[str], body: bool) -> None:
    """why: a two-paragraph news item of sentences under twenty words scored as a listing and lost its
    body and title; its second paragraph opens with a reporting verb or "كما", as a listing's
    teasers, each about another story, do not."""
    assert has_article_body(_infos(lines)) is body


_TRAIN = (
    "أعلنت الشركة الوطنية للسكك الحديدية عن تشغيل قطار جديد بين العاصمة والمدن الساحلية ابتداء من "
    "الأسبوع المقبل، في إطار خطتها لتحسين خدمات النقل وتقليص مدة الرحلات.\n"
    "وأضافت الشركة في بيان أن القطار الجديد يتسع لأكثر من خمسمئة راكب، وأن التذاكر متاحة عبر الموقع "
    "الإلكتروني ونقاط البيع في المحطات الرئيسية."
)


def test_a_name_between_the_title_and_its_date_is_the_author() -> None:
    """why: templates print the author's name alone between the headline and the date, with no
    "كتب" or "بقلم"; the model removed it and the record lost its writer. One line only: a second
    is the author's role."""
    from khabar.api import process_text

    raw = (
        "الرئيسية\nاقتصاد\nرياضة\nمنوعات\nاقتصاد\n"
        "قطار جديد يربط العاصمة بالمدن الساحلية ابتداء من الأسبوع المقبل\n"
        "ليلى بن عمر\nصحفية مختصة في النقل\n12 نوفمبر 2024\n"
        f"{_TRAIN}"
    )
    doc = process_text(raw, id="t")
    assert doc.byline == "ليلى بن عمر"
    # a headline over its date with no name between keeps no byline
    doc = process_text(raw.replace("ليلى بن عمر\nصحفية مختصة في النقل\n", ""), id="t")
    assert doc.byline is None


def test_a_date_printed_under_the_text_is_the_pages_date() -> None:
    """why: some templates print the publication date at the article's foot, between the text and
    the footer; with no date line elsewhere it is the page's date. A date lower down (past the two
    lines under the text) or on a page that has its date line already is not taken."""
    from khabar.api import process_text
    from khabar.clean.page_parts import date_after_body
    from khabar.model import Block

    head = "البلدية تطلق حملة لتشجير الأحياء الشعبية"
    raw = (
        f"{head}\n{_SPORT[0].replace('فريق النادي', 'نادي البلدية')}\n{_SPORT[1]}\n"
        "2023-03-14\nاتصل بنا\nسياسة الخصوصية"
    )
    doc = process_text(raw, id="t")
    assert str(doc.published)[:10] == "2023-03-14"

    def dated(tail: list[str], top: str = "عنوان الخبر") -> list[str]:
        live = [Block("title", top, 0, 1), Block("paragraph", _SPORT[0], 0, 1)]
        live += [Block("boilerplate", t, 0, 1, reason="feature:x") for t in tail]
        date_after_body(live)
        return [b.text for b in live if b.kind == "date"]

    assert dated(["14 مارس 2023", "اتصل بنا"]) == ["14 مارس 2023"]
    assert dated(["اتصل بنا", "الأكثر قراءة", "14 مارس 2023"]) == []  # past the text's foot
    assert dated(["تابعونا على", "14 مارس 2023 - 09:05"]) == ["14 مارس 2023 - 09:05"]


def test_a_masthead_line_credits_no_writer() -> None:
    """why: an agency's logo prints its name and its abbreviation over the menu ("وكالة … للأنباء" /
    "سبأ"); the model may read the abbreviation as a credit, but the masthead names the site, not a
    writer. A credit line naming the site under the title stays a byline."""
    from khabar.clean.page_parts import menus_are_no_path
    from khabar.model import Block

    lines = [
        ("boilerplate", "وكالة الأنباء اليمنية الرسمية", "feature:not_a_title:masthead"),
        ("byline", "سبأ", None),
        ("boilerplate", "الرئيسية", "lexicon:nav"),
        ("title", "افتتاح مستشفى ميداني جديد في المحافظة", None),
        ("byline", "صنعاء - سبأ", None),
        ("paragraph", _SPORT[0], None),
    ]
    live = [Block(k, t, 0, len(t), reason=r) for k, t, r in lines]
    menus_are_no_path(live, 3, {0, 1, 4}, mast=2)
    assert [b.kind for b in live] == [
        "boilerplate",
        "boilerplate",
        "boilerplate",
        "title",
        "byline",
        "paragraph",
    ]
    assert live[1].reason == "feature:masthead"
