"""The title rules of text dumps (khabar.clean.titles) and how the classify stage uses them.

Every example here is written for the test (made-up outlets and headlines), not taken from the pages
that motivated the rules; each says which class of line it stands for.
"""

from __future__ import annotations

import pytest

from khabar.api import process_text
from khabar.clean.titles import (
    is_breadcrumb,
    is_outlet_name,
    is_price,
    is_section_name,
    is_source_tag,
    is_widget,
    masthead,
    masthead_names,
    matches_record_title,
    names_site,
    title_reject,
    wire_suffix_start,
)
from khabar.model import Source


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("أخبار محلية", True),  # a two-word section menu item
        ("رياضة", True),  # one section word
        ("اقتصاد وأعمال", True),  # joined by و
        ("Politique", True),  # French menus too
        ("الأمير يفتتح معرض الكتاب", False),  # a headline
        ("سياسة الحكومة الجديدة تجاه المزارعين", False),  # a section word inside a longer headline
        ("رياضة قطر", True),  # a section by country
        ("قطر", False),  # a country's name alone may be a tag page's title
        ("قطر وتركيا", False),  # two countries, no section word: a headline's subject
    ],
)
def test_section_names(line: str, expected: bool) -> None:
    assert is_section_name(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("الرئيسية » عربي ودولي » الخليج", True),  # spaced » levels
        ("Home > Sport > Football", True),  # spaced >
        ("الرئيسية | محليات | تعليم", True),  # three | levels
        ("الصفحة الأولى>رياضة محلية>كرة السلة", True),  # levels glued to their separators
        ("الاستقبال ›وطنية", True),  # a Maghreb site's "home" glued to the next level
        ("«الشورى» يقر نظام التخصيص", False),  # » closes a quotation
        ("<b>عاجل</b> الوزير يصل <i>غدا</i>", False),  # markup's > closes a tag
        ("وزير النقل يدشن الطريق | صحيفة المساء", False),  # title | site: two levels
    ],
)
def test_breadcrumbs(line: str, expected: bool) -> None:
    assert is_breadcrumb(line) is expected


def test_source_tags() -> None:
    assert is_source_tag("النهار/ خاص")  # an outlet's exclusive tag
    assert is_source_tag("جدة / وكالات")  # a place and a source word
    assert not is_source_tag("السعودية / الأردن: مباحثات ثنائية")  # a headline with a slash


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("تعليق الصورة:", "label"),  # a caption label announces what follows
        ("عزيزي القارئ،", "open_sentence"),  # an address, a sentence starts after it
        ("منوعات", "section_name"),
        ("الجريدة/ حصري", "source_tag"),
        ("الرئيسية › أخبار › محليات", "section_name"),  # all levels are section words
        ("الرئيسية › تقارير › الاقتصاد العالمي في ٢٠٢٤", "breadcrumb"),
        ("وزير الصحة: لا إصابات جديدة اليوم", None),  # a colon inside a headline is fine
        # a long line ending in a colon leads into a list or links, whatever its length
        ("للاطلاع على كل العروض الجديدة تابعوا صفحاتنا على مواقع التواصل الاجتماعي:", "label"),
        ("نتائج القبول في الجامعات لعام 2024:", None),  # a headline may end in a colon
        # a lead sentence at the top of a dump that has no headline line: a headline has no full stop
        ("افتتحت البلدية صباح اليوم الحديقة العامة الجديدة في الحي الشرقي.", "sentence"),
        ("الحكومة تعلن استقالتها بعد أسبوع من الاحتجاجات...", None),  # an ellipsis is no full stop
        ("وقعت الكاتبة روايتها الجديدة في معرض الكتاب مساء أمس.", "sentence"),
        # a headline of six words may end in a full stop (shop and campaign pages write them so)
        ("اكتشف عروض الصيف الجديدة في متجرنا.", None),
        # an item of a list that goes on (a recipe's, a gift box's contents)
        ("4 حبات من الطماطم الطازجة؛", "open_sentence"),
        # a form's required field
        ("رقم الجوال *", "form_field"),
        ("كلمة المرور*", "form_field"),
        # a reader's question or a letter opens with a greeting or the basmala
        ("السلام عليكم ورحمة الله وبركاته", "salutation"),
        ("بسم الله الرحمن الرحيم", "salutation"),
        ("السلام عليكم يا أهل الدار: قصيدة جديدة للشاعر في حب المدينة وأهلها القدامى", None),
        # section words with a country's name are a menu path
        ("أخبار العراق", "section_name"),
        ("الصفحة الرئيسية › الأردن", "section_name"),
        ("نهاية عصر.", None),  # too short to be a sentence rather than a headline with a dot
        # an agency's name alone is a source credit or an agency site's logo; a headline names what it did
        ("(بترا)", "agency_name"),
        ("وام", "agency_name"),
        ("رويترز تغلق مكتبها في العاصمة", None),
        # a photo's caption ends in its agency credit; a headline does not credit one
        ("الوزير خلال زيارته للمعرض (رويترز)", "caption"),
        ("الوزير يزور المعرض (صور)", None),
        # twenty words and more are running text, whatever the punctuation (no headline is that long)
        (" ".join(["كلمة"] * 20), "running_text"),
    ],
)
def test_title_reject(line: str, why: str | None) -> None:
    assert title_reject(line) == why


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        ("أمير المنطقة يدشن مشروع المياه / إضافة ثانية", "أمير المنطقة يدشن مشروع المياه"),
        ("أمير المنطقة يدشن مشروع المياه / إضافة ثالثة وأخيرة", "أمير المنطقة يدشن مشروع المياه"),
        # a two-word marker is known without a separator
        ("أمير المنطقة يدشن مشروع المياه إضافة أولى", "أمير المنطقة يدشن مشروع المياه"),
        ("مباحثات سعودية كويتية - تابع", "مباحثات سعودية كويتية"),
        # a headline may end in a marker word itself ("the follow-up"): only after a separator
        ("الوزير يكلف لجنة بالمتابعة والتابع", None),
    ],
)
def test_wire_suffix(title: str, kept: str | None) -> None:
    i = wire_suffix_start(title)
    assert (title[:i] if i is not None else None) == kept


def test_record_title_matching() -> None:
    assert matches_record_title("انطلاق مهرجان الصيف", "انطلاق  مهرجان الصيف")  # spacing differs
    assert matches_record_title("انطلاق مهرجان الصيف - صحيفة الغد", "انطلاق مهرجان الصيف")  # + site
    assert not matches_record_title("انطلاق", "انطلاق مهرجان الصيف في المدينة")


_BODY = (
    "وقال المتحدث باسم الهيئة في تصريح صحفي اليوم إن الفعاليات ستستمر طوال الأسبوع المقبل، "
    "وإن الدعوة عامة لجميع الزوار من داخل المدينة وخارجها، مؤكدا أن الاستعدادات اكتملت.\n"
    "وأضاف أن الهيئة وفرت حافلات لنقل الزوار من المواقف العامة إلى ساحة المهرجان مجانا، "
    "وأن العروض تبدأ في السابعة مساء كل يوم وتنتهي قبل منتصف الليل بقليل."
)


def test_record_title_wins_over_the_model() -> None:
    """A record's title field is the title even when its line looks like verse or a heading (the
    SaudiNewsNet records that got title: null had a short or poetic first line)."""
    title = "يا ليل الصب"
    doc = process_text(f"{title}\n{_BODY}", id="t", meta={"title": title})
    assert doc.title == title
    # without the record's field the same dump may get another title or none: the field decides
    blocks = [b for b in doc.blocks if b.kind == "title"]
    assert len(blocks) == 1 and blocks[0].text == title


def test_wire_suffix_is_cut_off_the_title() -> None:
    """An agency marker after the headline becomes a removed block with its reason."""
    title = "هيئة السياحة تطلق برنامج صيف المدينة / إضافة ثانية وأخيرة"
    doc = process_text(f"{title}\n{_BODY}", id="t", meta={"title": title})
    assert doc.title == "هيئة السياحة تطلق برنامج صيف المدينة"
    cut = [b for b in doc.blocks if b.reason == "pattern:wire_suffix"]
    assert len(cut) == 1 and doc.raw[cut[0].raw_start : cut[0].raw_end] == "/ إضافة ثانية وأخيرة"


def test_section_word_above_the_title_is_a_section() -> None:
    """A section word over the headline names the section; it is neither the title nor removed."""
    raw = f"منوعات\nهيئة السياحة تطلق برنامج صيف المدينة للعام الحالي\n{_BODY}"
    doc = process_text(raw, id="t", source=Source(uri=None))
    assert doc.title == "هيئة السياحة تطلق برنامج صيف المدينة للعام الحالي"
    assert doc.sections == ["منوعات"]


def test_a_weekday_before_the_date_is_no_dateline() -> None:
    """ "Monday, 3 May 2021" is a date: the weekday is not the place of a dateline (a place before a
    date, as in agency copy, still is one)."""
    raw = f"افتتاح المعرض الدولي للكتاب\nسامي الأحمد | Monday, 3 May 2021 - 10:15 am\n{_BODY}"
    doc = process_text(raw, id="t")
    assert doc.dateline is None
    assert doc.byline == "سامي الأحمد"
    assert any(b.kind == "date" and b.text.startswith("Monday") for b in doc.blocks)


def test_a_label_before_the_date_is_no_dateline() -> None:
    """ "نُشر في: 5 يونيو 2022" is a labelled date: the label is not the place of a dateline."""
    raw = f"افتتاح المعرض الدولي للكتاب\nنُشر في: 5 يونيو 2022\n{_BODY}"
    doc = process_text(raw, id="t")
    assert doc.dateline is None
    assert any(b.kind == "date" and b.text.startswith("نُشر في") for b in doc.blocks)


#: a body that reports what its headline announces, as a news text does (the line model reads a
#: title's agreement with the paragraphs below it: a headline about an unrelated story is no title)
_MATCH_BODY = (
    "فاز المنتخب الوطني في مباراته الودية الأولى على ضيفه بهدفين دون رد، في إطار استعداداته للبطولة "
    "القارية التي تنطلق الشهر المقبل، وقال المدرب إن الفريق قدم أداء جيدا رغم غياب عدد من اللاعبين.\n"
    "وأضاف أن المنتخب سيخوض مباراة ودية ثانية الأسبوع المقبل قبل السفر إلى مقر البطولة، وأن الجهاز "
    "الفني سيعلن القائمة النهائية بعد المباراة الثانية."
)


def test_breadcrumb_above_the_title_is_the_section_path() -> None:
    """A breadcrumb over the headline is the section path even where the model would drop it."""
    raw = f"الرئيسية » المغرب » رياضة\nالمنتخب يفوز في مباراته الودية الأولى استعدادا للبطولة\n{_MATCH_BODY}"
    doc = process_text(raw, id="t")
    assert doc.sections == ["الرئيسية", "المغرب", "رياضة"]
    assert doc.title == "المنتخب يفوز في مباراته الودية الأولى استعدادا للبطولة"


@pytest.mark.parametrize(
    "line",
    [
        "التخطي إلى المحتوى",
        "تخطي الى المحتوى",
        "الانتقال إلى المحتوى",
        "مستخدم جديد؟",
        "هل نسيت كلمة المرور؟",
    ],
)
def test_skip_links_and_account_prompts_are_chrome(line: str) -> None:
    """why: a theme's skip link ("Skip to content") and a login box's prompts head many dumps; they
    are menu lines, never the title of a page without a headline."""
    from khabar.clean import lexicon

    assert lexicon.load().match_line(line, lexicon.key(line)) == "nav"


@pytest.mark.parametrize(
    ("lines", "n"),
    [
        # a newspaper's name and slogan over its menu
        (["المدينة", "صحيفة يومية مستقلة", "الرئيسية", "محليات", "رياضة", "عنوان الخبر هنا اليوم"], 2),
        # a blog's name over a menu of section words
        (["مدونة الطبخ", "منوعات", "صحة", "وصفة الكبسة باللحم"], 1),
        # the logo's slogan of four words under it
        (["النهضة", "جريدة يومية سياسية مستقلة", "محليات", "رياضة", "عنوان"], 2),
        # a date line beside the logo, and a number in the site's name
        (["الشعب", "السبت 7 ديسمبر 2024م", "الرئيسية", "محليات", "رياضة", "عنوان"], 2),
        (["قناة 11", "أخبار", "رياضة", "الطقس", "عنوان الخبر هنا اليوم"], 1),
        # a sports site's name over a menu of competitions (four short items, no section word)
        (
            [
                "هدف",
                "كأس العالم",
                "الدوري الإسباني",
                "الدوري الإيطالي",
                "كأس آسيا",
                "المنتخب يتأهل إلى النهائي",
            ],
            1,
        ),
        # a headline of four words or more over a menu is the page's <title>, not a logo
        (["البلدية تفتتح حديقة الحي الشرقي", "أخبار", "محليات", "نص"], 0),
        # a page that opens with its menu has no masthead
        (["الرئيسية", "أخبار", "رياضة", "عنوان"], 0),
        # no menu near the top: nothing to tell a logo from a short headline
        (["نهاية عصر", "بقلم كاتب", "نص طويل"], 0),
    ],
)
def test_masthead(lines: list[str], n: int) -> None:
    """why: a dump starts with the site's logo text and its menu; the logo is not the title."""
    nav = [t == "الرئيسية" for t in lines]
    assert masthead(lines, nav) == n


def test_an_outlets_full_name_over_its_menu_is_the_masthead() -> None:
    """why: an agency's or a paper's logo often spells its full name ("وكالة … للأنباء"), past the
    three words of a logo line; over the menu it is the masthead, never the headline."""
    top = ["وكالة الأنباء اليمنية الرسمية", "سبأ", "الرئيسية", "محليات", "اقتصاد", "عنوان الخبر"]
    assert masthead(top, [t == "الرئيسية" for t in top]) == 2
    assert masthead_names(top[:2]) == top[:2]
    assert is_outlet_name("بوابة الوفد الإلكترونية") and not is_outlet_name("وكالة الطاقة تتوقع زيادة 3%")
    # a headline opening with the same word, over its text rather than a menu, stays a headline
    assert masthead(["وكالة الفضاء تطلق قمرا جديدا للاتصالات", "بقلم كاتب", "نص"], [False] * 3) == 0


def test_credit_lines_name_the_site() -> None:
    """why: once the masthead names the site, "city - site" and "site- city" lines are its credit."""
    assert names_site("جدة - المدينة", ["المدينة"])
    assert names_site("«المدينة» - الرياض", ["المدينة"])
    assert not names_site("سكان المدينة المنورة يستقبلون الحجاج بالورود والتمر والقهوة", ["المدينة"])
    assert not names_site("المدينة الطبية", ["مدونة الطبخ"])


def test_the_logo_over_the_menu_is_no_title() -> None:
    """why: the line model takes a dump's first short line for the title; a logo over a menu is not."""
    raw = (
        "المدينة\nصحيفة يومية مستقلة\nالرئيسية\nمحليات\nرياضة\nاقتصاد\n"
        "المنتخب يفوز في مباراته الودية الأولى استعدادا للبطولة\n"
        f"جدة - المدينة\n{_MATCH_BODY}"
    )
    doc = process_text(raw, id="t")
    assert doc.title == "المنتخب يفوز في مباراته الودية الأولى استعدادا للبطولة"


def test_a_headline_over_its_byline_is_the_title_even_with_a_full_stop() -> None:
    """why: a headline some sites end in a full stop reads as the text's first sentence; over the
    author's line and above the body it is the headline (the first sentence comes after the byline)."""
    raw = (
        "أخبار جهوية\n"
        "مدينة الحسيمة .. افتتاح السوق الأسبوعي الجديد بعد سنتين من الأشغال المتواصلة .\n"
        "سعيد الإدريسي /الحسيمة اليوم\n"
        f"{_MATCH_BODY}"
    )
    doc = process_text(raw, id="t")
    assert doc.title == "مدينة الحسيمة .. افتتاح السوق الأسبوعي الجديد بعد سنتين من الأشغال المتواصلة ."


def test_the_sites_menu_is_not_the_pages_section_path() -> None:
    """why: a dump keeps the site's menu, one section a line; the path is what stands right above
    the headline ("محليات"), not every section of the menu."""
    raw = (
        "الرئيسية\nمحليات\nدولية\nاقتصاد\nرياضة\nثقافة\nصحة\n"
        "اتصل بنا\n"
        "محليات\n"
        "المنتخب يفوز في مباراته الودية الأولى استعدادا للبطولة\n"
        f"{_MATCH_BODY}"
    )
    doc = process_text(raw, id="t")
    assert doc.title == "المنتخب يفوز في مباراته الودية الأولى استعدادا للبطولة"
    assert doc.sections == ["محليات"]
    menu = [b.reason for b in doc.blocks if b.text in ("دولية", "اقتصاد", "صحة")]
    assert menu == ["feature:menu"] * 3


def test_a_headline_printed_twice_is_read_at_the_copy_over_the_body() -> None:
    """why: a ticker or the page heading prints the headline once more above the article's own
    copy; the section path stands between them, over the copy that heads the text."""
    head = "المنتخب يفوز في مباراته الودية الأولى استعدادا للبطولة"
    raw = f"وكالة الأنباء\nالرئيسية\nمحليات\nدولية\n{head}\nرياضة\n{head}\n{_MATCH_BODY}"
    doc = process_text(raw, id="t")
    assert doc.title == head
    assert doc.sections == ["رياضة"]


def test_a_short_news_page_scored_as_a_listing_keeps_its_headline() -> None:
    """why: a short item (a school's or a club's news) in a template with a menu scores as a listing,
    but a line above its kept text that the text's words confirm is its headline all the same (a
    listing's headlines are removed with their teasers, so they are no candidates)."""
    raw = (
        "الرئيسية\nعن النادي\nالألعاب\nالأخبار\nاتصل بنا\n"
        "فريق الناشئين يتوج بكأس البطولة المدرسية للسباحة\n"
        "توج فريق الناشئين بكأس البطولة المدرسية للسباحة بعد منافسة قوية مع فرق المدارس الأخرى "
        "في المسبح الأولمبي بالمدينة الرياضية مساء أمس.\n"
        "وحصد سباحو الفريق سبع ميداليات ذهبية وأربع فضيات في مختلف السباقات.\n"
        "وشكر المدرب اللاعبين وأولياء أمورهم على الدعم.\n"
        "جميع الحقوق محفوظة"
    )
    doc = process_text(raw, id="t")
    assert doc.title == "فريق الناشئين يتوج بكأس البطولة المدرسية للسباحة"


def test_a_headline_over_its_author_and_date_lines_is_the_title() -> None:
    """why: "city - reporter" and the date stand between the headline and the text; the model can
    read the reporter's line as text and remove the headline, which stands over both."""
    raw = (
        "هدف\nكأس العالم\nالدوري الإسباني\nالدوري الإيطالي\nكأس آسيا\n"
        "المنتخب يتأهل إلى نهائي كأس آسيا بعد فوز مثير\n"
        "الدوحة - سالم المري\n"
        "الخميس 05 ديسمبر 2024 | 21:40\n"
        f"{_MATCH_BODY}"
    )
    doc = process_text(raw, id="t")
    assert doc.title == "المنتخب يتأهل إلى نهائي كأس آسيا بعد فوز مثير"


def test_a_tag_pages_name_without_its_url_is_the_title() -> None:
    """why: a tag page lists headlines that all carry its name; without the URL (/tag/<name>/) the
    first line, repeated on most of the listed lines, is still the page's name. A first line the
    list does not repeat is no title."""
    items = [
        "زيت الزيتون البكر الممتاز: كيف تختاره من رفوف المتجر",
        "خمس وصفات سريعة بزيت الزيتون لعشاء خفيف",
        "أسعار زيت الزيتون ترتفع بعد موسم جاف في حوض المتوسط",
        "هل يصلح زيت الزيتون للقلي؟ خبراء التغذية يجيبون",
        "مهرجان زيت الزيتون يعود إلى القرى الجبلية هذا الخريف",
        "زيت الزيتون والصحة: ما تقوله الدراسات الحديثة",
        "المزيد",
    ]
    doc = process_text("\n".join(["زيت الزيتون", *items]), id="t")
    assert doc.title == "زيت الزيتون"
    doc = process_text("\n".join(["مطبخ سلمى", *items]), id="t")
    assert doc.title is None


def test_price_lines() -> None:
    """why: a product's name is read over its price (title_fallbacks.product_name_title); a price is
    a number and a currency on a short line, not any line with a currency word."""
    assert is_price("149 درهم") and is_price("السعر: 12.5 د.إ") and is_price("₺619.00السعر")
    assert not is_price("حقيبة ظهر جلدية") and not is_price("صفقة بقيمة 300 مليون دولار مع الشركة الكبرى")


def test_a_two_paragraph_briefs_headline_under_a_credit_line() -> None:
    """why: a brief's headline stands under the site's credit line ("site - city") and over a lead
    and one short paragraph; the model keeps it as text and the page, short, scores as a listing.
    The first kept line right over the body, short and unpunctuated, is its headline; and a credit
    line naming the site, kept as text, is a byline."""
    raw = (
        "الشعب\nالرئيسية\nمحليات\nرياضة\nاقتصاد\n"
        "الشعب ـ وهران\n"
        "افتتاح خط جديد للترامواي في وهران\n"
        "دخل خط الترامواي الجديد في مدينة وهران الخدمة صباح اليوم الأحد، بعد أشغال دامت ثلاث سنوات، "
        "ويربط الخط وسط المدينة بالأحياء الشرقية والقطب الجامعي.\n"
        "وتتوقع المؤسسة المسيرة نقل نحو ثلاثين ألف راكب يوميا على الخط الجديد."
    )
    doc = process_text(raw, id="t")
    assert doc.title == "افتتاح خط جديد للترامواي في وهران"


def test_a_headline_over_a_credit_line_naming_the_site() -> None:
    """why: "city- «site»:" under the headline is the site's credit, the byline's place; the model kept
    it as text, so no byline stood between the headline and the body."""
    raw = (
        "الشعب\nالرئيسية\nمحليات\nرياضة\nاقتصاد\n"
        "افتتاح خط جديد للترامواي في وهران بعد ثلاث سنوات من الأشغال\n"
        "وهران- «الشعب»:\n"
        "دخل خط الترامواي الجديد في مدينة وهران الخدمة صباح اليوم الأحد، بعد أشغال دامت ثلاث سنوات، "
        "ويربط الخط وسط المدينة بالأحياء الشرقية والقطب الجامعي.\n"
        "وتتوقع المؤسسة المسيرة نقل نحو ثلاثين ألف راكب يوميا على الخط الجديد.\n"
        "وقال مدير المؤسسة إن الخط سيعمل من السادسة صباحا إلى منتصف الليل طوال أيام الأسبوع المقبل."
    )
    doc = process_text(raw, id="t")
    assert doc.title == "افتتاح خط جديد للترامواي في وهران بعد ثلاث سنوات من الأشغال"
    assert [b.text for b in doc.blocks if b.kind == "byline"] == ["وهران- «الشعب»:"]


def test_a_headline_over_a_short_credit_and_the_date() -> None:
    """why: a channel's credit ("قناة المدينة") or a writer's name and role in two short lines stand
    between the headline and the date; a headline has four words or more, so short lines are skipped."""
    raw = (
        "النهضة\nجريدة يومية سياسية مستقلة\nمحليات\nرياضة\nاقتصاد\n"
        "هل تنجح المدن الذكية في تخفيف الازدحام المروري؟\n"
        "سليم الحايك\n"
        "كاتب صحفي\n"
        "نشر: 03/04/2023 10:00\n"
        "تتسابق المدن العربية الكبرى في تبني حلول المدن الذكية، من إشارات المرور المتصلة إلى تطبيقات "
        "النقل الجماعي، أملا في تخفيف الازدحام الذي يستهلك ساعات من يوم السكان.\n"
        "لكن التجارب تظهر أن التقنية وحدها لا تكفي، ما لم تصاحبها سياسات تخطيط عمراني واضحة."
    )
    assert process_text(raw, id="t").title == "هل تنجح المدن الذكية في تخفيف الازدحام المروري؟"


def test_header_widgets_between_the_logo_and_the_menu_are_the_masthead() -> None:
    """why: templates print the weather, an exchange rate or a prayer time between the logo and the
    menu; the logo over them is still the masthead (no title), and a widget names no site."""
    top = ["الوطن اليوم", "القاهرة 22°", "اليورو 1.08 دولار", "العصر 15:10", "محليات", "رياضة", "اقتصاد"]
    assert masthead(top, [False] * len(top)) == 4
    assert masthead_names(top[:4]) == ["الوطن اليوم"]
    assert is_widget("الذهب 4.5%") and not is_widget("فرانس 24") and not is_widget("القاهرة")


def test_a_short_news_items_headline_is_confirmed_by_its_short_paragraphs() -> None:
    """why: a news item whose paragraphs are all under twenty words has no long paragraph for title
    by agreement to read; its body starts where its sentences carry on one another, and the line
    above that its sentences confirm is its headline."""
    head = "الولاية: انطلاق أشغال توسعة الطريق الساحلي نحو الميناء التجاري"
    raw = (
        "إذاعة المدينة\nAccueil\nالرئيسية\nجهوية\nوطنية\nرياضة\nFrançais\nجهوية\n"
        f"{head}\n05-12-2024 10:30\n"
        "أعلنت الولاية عن انطلاق أشغال توسعة الطريق الساحلي المؤدي إلى الميناء التجاري بداية من الأسبوع "
        "المقبل.\nوتشمل الأشغال إنجاز مسلكين إضافيين وممرات للراجلين على طول ستة كيلومترات.\n"
        "ودعت السلط السائقين إلى الحذر.\nPartager"
    )
    doc = process_text(raw, id="t")
    assert doc.title == head
    assert doc.sections == ["جهوية"]


def test_a_digest_under_its_columns_name_is_titled_by_the_name() -> None:
    """why: a newspaper's short-news column ("موجز …") is a page of items, each a headline over its
    text, under the column's name; without the URL the first item's headline was taken for the
    page's title. An article with subheadings stands under its own headline and keeps it."""
    items = [
        ("نادي الساحل يتعاقد مع مدرب إسباني لموسمين", "أعلن نادي الساحل أمس تعاقده مع مدرب إسباني"),
        ("منتخب الناشئين يفوز في افتتاح البطولة الإقليمية", "حقق منتخب الناشئين فوزا مستحقا على نظيره"),
        ("تأجيل مباراة القمة إلى الأسبوع المقبل بسبب الأمطار", "قررت رابطة الدوري تأجيل مباراة القمة"),
    ]
    tail = (
        " في بيان نشره على موقعه الرسمي، وأوضح أن التفاصيل الكاملة ستعلن خلال الأيام المقبلة بعد"
        " استكمال الإجراءات."
    )
    raw = "موجز رياضي\n" + "\n".join(f"{h}\n{p}{tail}" for h, p in items)
    doc = process_text(raw, id="t")
    assert doc.title == "موجز رياضي"
    raw = "نادي الساحل يعيد بناء فريقه استعدادا للموسم الجديد\n" + "\n".join(
        f"{h}\n{p}{tail}" for h, p in items
    )
    assert process_text(raw, id="t").title == "نادي الساحل يعيد بناء فريقه استعدادا للموسم الجديد"


def test_a_headline_over_its_standfirst_is_the_title() -> None:
    """why: a dump that starts with its headline and prints a standfirst under it gives two
    headline-shaped lines; the model took the standfirst, nearer the byline and the body. The first
    line is the headline when the body repeats its words; a line the body does not echo (a site's
    name) or a credit line is not."""
    from khabar.clean import lexicon
    from khabar.clean.classify import article_features, block_features
    from khabar.clean.features import LineInfo
    from khabar.clean.title_fallbacks import headline_over_standfirst
    from khabar.model import Block

    body = (
        "شهدت أسعار الأسمدة في الأسواق المحلية ارتفاعا ملحوظا خلال الأسابيع الماضية، بسبب تراجع الإمدادات "
        "من الخارج وارتفاع كلفة الشحن، ما دفع المزارعين إلى المطالبة بتدخل الجهات المعنية."
    )

    def over(first: str) -> bool:
        lines = [first, "تجار الأسمدة ينتظرون انخفاض كلفة الشحن", "سالم العنزي – الرياض", body]
        infos = [LineInfo(t, lexicon.load()) for t in lines]
        feats = block_features(infos, [False] * 4, None, 0.5, article_features(infos, None))
        kinds = ["boilerplate", "title", "byline", "paragraph"]
        live = [
            Block(k, t, 0, len(t), reason="feature:x" if k == "boilerplate" else None)
            for k, t in zip(kinds, lines, strict=True)
        ]
        return headline_over_standfirst(live, infos, feats)

    assert over("لهذه الأسباب.. ارتفاع أسعار الأسمدة في الأسواق المحلية")
    assert not over("مدونة المزارع العربي للأخبار والتقارير")
    assert not over("الرياض - وكالة الأنباء السعودية")


def test_a_headline_read_as_a_byline_over_the_text_is_the_title() -> None:
    """why: a column that goes from its headline straight into its text gives the model a short
    line over the body where it expects the author; a line with no byline mark is the headline, a
    writer's name or a credit line stays the byline."""
    from khabar.clean import lexicon
    from khabar.clean.classify import article_features, block_features
    from khabar.clean.features import LineInfo
    from khabar.clean.title_fallbacks import headline_read_as_byline
    from khabar.model import Block

    body = (
        "لم تعد المدن الكبرى قادرة على استيعاب الأعداد المتزايدة من السكان، فالطرق مزدحمة والخدمات "
        "تتراجع عاما بعد عام، والحلول المؤقتة لم تعد تكفي لمواجهة هذا الواقع."
    )

    def first(line: str) -> int:
        lines = [line, body, body.replace("المدن", "العواصم")]
        infos = [LineInfo(t, lexicon.load()) for t in lines]
        feats = block_features(infos, [False] * 3, None, 0.5, article_features(infos, None))
        live = [
            Block(k, t, 0, len(t)) for k, t in zip(("byline", "paragraph", "paragraph"), lines, strict=True)
        ]
        return headline_read_as_byline(live, feats)

    assert first("المدن التي ضاقت بأهلها") == 0
    assert first("سامي عبد الرحمن الخطيب") == -1
    assert first("الرياض - وكالة الأنباء") == -1


def test_a_headline_over_its_standfirst_under_the_masthead_is_the_title() -> None:
    """why: under a site's masthead and section path the headline and its standfirst are again two
    headline-shaped lines, and the model takes the standfirst, nearer the byline; the headline is
    the shorter line over it. A site that prints its (longer) standfirst over the headline keeps
    the model's title, and so does a line that stands under running text rather than furniture."""
    head = "لماذا تتأخر مشاريع النقل العام في المدن الكبرى؟"
    stand = "خبراء يحملون التمويل والتخطيط مسؤولية التأخير ويدعون إلى شراكات مع القطاع الخاص"
    body = (
        "تتأخر مشاريع النقل العام في عدد من المدن الكبرى سنوات عن مواعيدها المعلنة، ما يزيد من الازدحام "
        "ويرفع كلفة التنقل على السكان، بحسب تقرير صدر هذا الأسبوع عن هيئة مستقلة."
    )
    raw = (
        f"الرصيف\nالرئيسية\nسياسة\nاقتصاد\nمجتمع\nرياضة\nمجتمع\n{head}\n{stand}\n"
        f"نادر السويدي\nالاثنين 9 ديسمبر 2024\n{body}\n"
        "ويقول مختصون إن التخطيط المسبق وتأمين التمويل قبل إطلاق المشاريع يختصران سنوات من التأخير "
        "ويحميان المال العام من الهدر، داعين إلى إشراك القطاع الخاص في التنفيذ والتشغيل."
    )
    doc = process_text(raw, id="t")
    assert doc.title == head
    assert doc.sections == ["مجتمع"]

    from khabar.clean import lexicon
    from khabar.clean.classify import article_features, block_features
    from khabar.clean.features import LineInfo
    from khabar.clean.title_fallbacks import headline_over_standfirst
    from khabar.model import Block

    def over(top: str, upper: str, lower: str, top_kind: str = "section") -> bool:
        lines = [top, upper, lower, "نادر السويدي", body]
        infos = [LineInfo(t, lexicon.load()) for t in lines]
        feats = block_features(infos, [False] * 5, None, 0.5, article_features(infos, None))
        kinds = [top_kind, "boilerplate", "title", "byline", "paragraph"]
        live = [
            Block(k, t, 0, len(t), reason="feature:x" if k == "boilerplate" else None)
            for k, t in zip(kinds, lines, strict=True)
        ]
        return headline_over_standfirst(live, infos, feats, keep=2)

    assert over("مجتمع", head, stand)
    assert not over("مجتمع", stand, head)  # the standfirst printed over the headline
    assert not over(body, head, stand, "paragraph")  # under running text, not under the page's furniture


def test_a_word_quoted_between_two_reversed_guillemets_is_no_breadcrumb() -> None:
    """why: Arabic print often quotes a name between two » ("لـ»البلدية»"); a headline doing so is
    no menu path, while a path glued or spaced around » stays one."""
    assert not is_breadcrumb("جولات لـ»البلدية» على المطاعم")
    assert is_breadcrumb("الرئيسية » محليات » البلديات")
    assert is_breadcrumb("أخبار»محليات»البلديات")
