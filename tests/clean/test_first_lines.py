"""The title on a text dump's first lines (:mod:`khabar.clean.first_lines`). Examples written here,
not from the site-style dumps or the pages that showed the classes."""

from __future__ import annotations

import numpy as np

from khabar.api import process_text


def test_the_headline_under_the_pages_title_line_is_the_title() -> None:
    """why: a dump that opens with the page's <title> ("headline - site") prints the headline again,
    alone, over the text; that copy is the title, and a line that repeats only part of it is not."""
    head = "افتتاح مكتبة عامة جديدة في وسط المدينة"
    raw = (
        f"{head} | صحيفة الساحل\nالرئيسية\nأخبار\nثقافة\n{head}\n"
        "افتتح محافظ المدينة صباح اليوم مكتبة عامة جديدة في الحي القديم تضم أكثر من عشرين ألف كتاب "
        "وقاعات للمطالعة والبحث، ضمن خطة لتوسيع المرافق الثقافية في المحافظة.\n"
        "وقال مدير المكتبة إن أبوابها ستفتح يوميا من التاسعة صباحا حتى التاسعة مساء، وإن الاشتراك فيها "
        "مجاني لطلاب المدارس والجامعات خلال العام الأول."
    )
    doc = process_text(raw, id="t")
    assert doc.title == head

    from khabar.clean.first_lines import headline_under_page_title
    from khabar.model import Block

    def below(lines: list[str]) -> int:
        return headline_under_page_title([Block("boilerplate", t, 0, len(t)) for t in lines], 0)

    assert below([f"{head} - الساحل", "أخبار", head]) == 2
    # the part after the separator is a sentence, not a site's name
    assert below([f"{head} - والبلدية تعد بمكتبات أخرى في الأحياء", head]) == -1
    # the line below repeats part of the first, not its whole headline
    assert below([f"{head} - الساحل", "افتتاح مكتبة عامة"]) == -1


def test_a_first_heading_over_the_text_is_the_title() -> None:
    """why: a dump that opens with its headline over a list or a column gives the model a short line
    over running text, which it reads as a subheading; with nothing above it and no title on the
    page, it is the page's title."""
    from khabar.clean import lexicon
    from khabar.clean.classify import article_features, block_features
    from khabar.clean.features import LineInfo
    from khabar.clean.first_lines import first_heading_title
    from khabar.model import Block

    items = [
        "1. خطط ليومك من الليلة السابقة، واكتب المهام الثلاث الأهم قبل أن تنام حتى تبدأ صباحك بوضوح.",
        "2. ابدأ بالمهمة الأصعب في الساعات الأولى من النهار، حين يكون تركيزك في أعلى درجاته.",
    ]

    def first(line: str, second: str = "list_item") -> int:
        lines = [line, *items]
        infos = [LineInfo(t, lexicon.load()) for t in lines]
        feats = block_features(infos, [False] * 3, None, 0.5, article_features(infos, None))
        live = [Block(k, t, 0, len(t)) for k, t in zip(("heading", second, "list_item"), lines, strict=True)]
        return first_heading_title(live, infos, feats)

    assert first("عادات صغيرة ترفع إنتاجيتك") == 0
    assert first("عادات صغيرة ترفع إنتاجيتك", "boilerplate") == -1  # over no kept text
    assert first("بقلم: سارة العلي") == -1  # a byline's cue
    assert first("الخطوات:") == -1  # a label


def test_a_listing_pages_first_line_is_its_title_unless_a_listed_item() -> None:
    """why: a page with no text for the article model (a video item, a tag's page) scores as a
    listing, where removed lines are other pages' headlines; its first line, which the model found
    a likely title, is its heading, but not when the lines under it are look-alike items."""
    from khabar.clean import lexicon
    from khabar.clean.features import LineInfo
    from khabar.clean.first_lines import first_line_of_listing
    from khabar.model import Block

    def first(lines: list[str], p0: float = 0.4) -> int:
        infos = [LineInfo(t, lexicon.load()) for t in lines]
        live = [Block("boilerplate", t, 0, len(t), reason="model:line_classifier") for t in lines]
        return first_line_of_listing(live, infos, np.array([p0] + [0.05] * (len(lines) - 1)))

    video = ["ملخص وأهداف مباراة الوحدة والتعاون", "مشاهدة الفيديو", "مباريات اليوم"]
    assert first(video) == 0
    assert first(video, p0=0.2) == -1  # the model did not find it a likely title
    items = ["دليل المعلم لمادة الرياضيات للصف الأول", "دليل المعلم لمادة الرياضيات للصف الثاني", "اتصل بنا"]
    assert first(items) == -1  # the first of look-alike listed items
    # a photo item: its caption, under the credit line, repeats the headline
    photo = [
        "صورة اليوم .. طيور مهاجرة تعبر سماء الواحة",
        "الأحساء - الوكالة",
        "طيور مهاجرة تعبر سماء الواحة",
    ]
    assert first(photo) == 0
    assert first(["تابعونا على:", "فيسبوك"]) == -1  # a label


def test_a_long_quotation_headline_over_its_byline_is_the_title() -> None:
    """why: a quotation headline runs to twenty words and more, which the title rules read as running
    text, and it is itself the page's first long line; over a byline over the text it is the
    headline. A lead paragraph over its author (ending in a full stop) is not, nor a line over a
    name without a byline's mark."""
    from khabar.clean import lexicon
    from khabar.clean.classify import article_features, block_features
    from khabar.clean.features import LineInfo
    from khabar.clean.first_lines import long_headline_over_byline
    from khabar.model import Block

    head = (
        "رئيس الهيئة: لن نسمح بأي تأخير في تسليم المشاريع المتعثرة بعد اليوم وسنحاسب كل مقصر مهما كان موقعه"
    )
    body = (
        "أكد رئيس الهيئة العامة للمشاريع خلال لقائه بالمقاولين أمس أن الهيئة وضعت جدولا زمنيا صارما "
        "لتسليم المشاريع المتعثرة، وأنها ستتابع تنفيذه أسبوعيا مع الجهات المعنية."
    )

    def first(line: str, by: str = "الدمام - واس") -> int:
        lines = [line, by, body]
        infos = [LineInfo(t, lexicon.load()) for t in lines]
        feats = block_features(infos, [False] * 3, None, 0.5, article_features(infos, None))
        kinds = ("paragraph", "byline", "paragraph")
        return long_headline_over_byline(
            [Block(k, t, 0, len(t)) for k, t in zip(kinds, lines, strict=True)], feats
        )

    assert first(head) == 0
    assert first(head + ".") == -1  # a lead paragraph's sentence
    assert first(head, "سالم عبد الله الغامدي") == -1  # a name with no byline mark
