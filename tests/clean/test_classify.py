"""The line model's chain decoder: Viterbi over a page's blocks and the limits on what it may remove."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from khabar.clean import lexicon
from khabar.clean.classify import LineModel, _structure, load_model, viterbi
from khabar.clean.features import INDEX, LineInfo, block_features
from khabar.model import Block

_PARA = (
    "قالت الهيئة العامة للإحصاء إن أسعار المواد الغذائية ارتفعت في الربع الأخير من العام بنسبة طفيفة، "
    "وعزت ذلك إلى تكاليف النقل التي زادت بعد تعديل رسوم الموانئ في الشهر الماضي."
)
_MID = "وأضافت الهيئة أن الأرقام الجديدة ستنشر كاملة على موقعها الرسمي قبل نهاية الأسبوع."


def test_viterbi_lets_transitions_overrule_a_weak_block() -> None:
    """why: a block that alone looks slightly like content, between two chrome blocks, is chrome
    when chrome follows chrome far more often than it turns to content (a menu's middle item)."""
    emit = np.array([[2.0, 0.0], [0.4, 0.5], [2.0, 0.0]])
    assert viterbi(emit, np.zeros((2, 2))).tolist() == [0, 1, 0]
    stay = np.array([[1.0, -1.0], [-1.0, 1.0]])
    assert viterbi(emit, stay).tolist() == [0, 0, 0]
    assert viterbi(emit[:1], stay).tolist() == [0]


def test_viterbi_matches_exhaustive_search() -> None:
    """why: the back pointers are found for all steps at once; the path must still be the best one."""
    rng = np.random.default_rng(7)
    for n in (2, 3, 4):
        for _ in range(30):
            emit, trans = rng.normal(size=(n, 3)), rng.normal(size=(3, 3))
            paths = np.array(np.meshgrid(*[range(3)] * n, indexing="ij")).reshape(n, -1).T
            scores = [emit[range(n), p].sum() + trans[p[:-1], p[1:]].sum() for p in paths]
            assert viterbi(emit, trans).tolist() == paths[int(np.argmax(scores))].tolist()


def _page(lines: list[str]) -> np.ndarray:
    infos = [LineInfo(t, lexicon.load()) for t in lines]
    return block_features(infos, [False] * len(lines), None, 1.0)


def _chain_removing(model: LineModel, keep_long: bool) -> LineModel:
    """The shipped model with a chain that removes every block (or every block but the 26-60-word
    ones), to see what the decoder's limits leave."""
    k, f = model.chain_state.shape if model.chain_state is not None else (len(model.classes), 0)
    state = np.zeros((k, f))
    bp = model.classes.index("boilerplate")
    state[bp, INDEX["bias"]] = 50.0
    if keep_long:
        state[model.classes.index("paragraph"), INDEX["w_26_60"]] = 100.0
    return dataclasses.replace(model, chain_state=state, chain_trans=np.zeros((k, k)))


def test_the_chain_removes_what_the_line_model_kept_only_within_limits() -> None:
    """why: on unseen sites runs of short lines are as often a body's as a menu's, and headings and
    bylines are the line model's call: the chain removes only kept paragraphs of running text, and
    never all of them (a run of chrome is removed around a body, not the body)."""
    model = load_model()
    if model.chain_state is None:
        pytest.skip("the shipped model has no chain decoder")
    bp, para = model.classes.index("boilerplate"), model.classes.index("paragraph")
    x = _page(["ارتفاع أسعار الغذاء", "الرياض - واس", _MID, "جدول الأسعار", _PARA])
    lr = dataclasses.replace(model, chain_state=None).decode(x)[0]
    assert lr[2] == lr[4] == para  # the line model keeps both paragraphs
    best = _chain_removing(model, keep_long=True).decode(x)[0]
    assert (best[2], best[4]) == (bp, para)  # the 14-word paragraph goes, the 33-word one stays
    short = x[:, INDEX["short_run"]] > 0
    for i in range(len(x)):
        if lr[i] == para and not short[i] and x[i, INDEX["w_26_60"]] == 0:
            assert best[i] == bp  # a kept paragraph of running text: the chain's call
        elif lr[i] != bp:
            assert best[i] == lr[i]  # a short line or a structural kind the line model kept
    # a chain that would remove every paragraph leaves the line model's labels
    assert _chain_removing(model, keep_long=False).decode(x)[0].tolist() == lr.tolist()


def test_a_block_the_chain_keeps_takes_the_chains_kind() -> None:
    """why: a block the line model removed but the page's sequence keeps (a paragraph between two
    paragraphs) needs a kind; the chain's own label is the one that fits its neighbours."""
    model = load_model()
    if model.chain_state is None:
        pytest.skip("the shipped model has no chain decoder")
    k, f = model.chain_state.shape
    para = model.classes.index("paragraph")
    state = np.zeros((k, f))
    state[para, INDEX["bias"]] = 50.0
    keep_all = dataclasses.replace(model, chain_state=state, chain_trans=np.zeros((k, k)))
    x = _page(["اتصل بنا", _PARA, "سياسة الخصوصية"])
    lr = dataclasses.replace(model, chain_state=None).decode(x)[0]
    best = keep_all.decode(x)[0]
    bp = model.classes.index("boilerplate")
    assert [int(b) for b in best] == [para if int(a) == bp else int(a) for a in lr]


def test_html_pages_are_classified_without_the_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    """why: the chain learned text dumps' block sequences; on HTML the DOM rules decide the chrome
    first, so an HTML page's blocks come out as the line model alone labels them."""
    from khabar.api import process_text
    from khabar.clean import classify
    from khabar.model import Source

    model = load_model()
    if model.chain_state is None:
        pytest.skip("the shipped model has no chain decoder")
    html = (
        "<html><head><title>ارتفاع أسعار الغذاء</title></head><body><nav><a href='/'>الرئيسية</a></nav>"
        f"<article><h1>ارتفاع أسعار الغذاء</h1><p>{_MID}</p><p>{_PARA}</p></article>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    )
    # a chain that would remove every block but the long ones
    monkeypatch.setattr(classify, "load_model", lambda: _chain_removing(model, keep_long=True))
    with_chain = [(b.kind, b.text) for b in process_text(html, source=Source(format="html")).blocks]
    monkeypatch.setattr(classify, "load_model", lambda: dataclasses.replace(model, chain_state=None))
    without = [(b.kind, b.text) for b in process_text(html, source=Source(format="html")).blocks]
    assert with_chain == without
    assert ("paragraph", _MID) in without
    # the same text as a dump: the chain's call
    monkeypatch.setattr(classify, "load_model", lambda: _chain_removing(model, keep_long=True))
    dump = process_text("\n".join(["ارتفاع أسعار الغذاء", _MID, _PARA]))
    assert ("boilerplate", _MID) in [(b.kind, b.text) for b in dump.blocks]


def _labelled(
    lines: list[tuple[str, str, str | None]], p: list[dict[str, float]]
) -> tuple[list[Block], np.ndarray]:
    """Blocks as the line model left them (kind, text, reason) and their label probabilities."""
    model = load_model()
    blocks, pos = [], 0
    for kind, text, reason in lines:
        blocks.append(Block(kind=kind, text=text, raw_start=pos, raw_end=pos + len(text), reason=reason))
        pos += len(text) + 1
    probs = np.array([[row.get(c, 0.0) for c in model.classes] for row in p])
    return blocks, probs


def _structure_of(blocks: list[Block], probs: np.ndarray) -> list[tuple[str, str | None]]:
    model = load_model()
    x = _page([b.text for b in blocks])
    _structure(blocks, probs, {c: i for i, c in enumerate(model.classes)}, model, None, True, x)
    return [(b.kind, b.reason) for b in blocks]


def test_a_headline_below_a_section_word_the_model_took_for_the_title_is_the_title() -> None:
    """why: the model reads the line under what it names the title as a byline; when that "title" is a
    section word ("اقتصاد"), the title moves one line down to the headline, not to nothing."""
    headline = "البنك المركزي يرفع سعر الفائدة للمرة الثالثة هذا العام"
    blocks, probs = _labelled(
        [("title", "اقتصاد", None), ("byline", headline, None), ("paragraph", _PARA, None)],
        [{"title": 0.7, "section": 0.1}, {"byline": 0.6, "title": 0.15}, {"paragraph": 1.0}],
    )
    assert _structure_of(blocks, probs) == [("section", None), ("title", None), ("paragraph", None)]


@pytest.mark.parametrize(
    "second",
    [
        "سارة المطيري",  # a reporter's name: a byline, not a headline (under five words)
        "الرياض - واس",  # an agency dateline
        "الخميس 12 مارس 2020",  # a date
    ],
)
def test_a_byline_or_date_below_a_section_word_stays_what_it_is(second: str) -> None:
    """why: only a line that can be a headline moves up; a name, a dateline or a date under the
    section word is what the model read it as."""
    blocks, probs = _labelled(
        [("title", "اقتصاد", None), ("byline", second, None), ("paragraph", _PARA, None)],
        [{"title": 0.7, "section": 0.1}, {"byline": 0.6, "title": 0.15}, {"paragraph": 1.0}],
    )
    assert _structure_of(blocks, probs)[1] == ("byline", None)


def test_a_page_with_a_title_keeps_the_lines_removed_only_for_their_place_at_the_end() -> None:
    """why: on a two-line page the body's only line stands at the page's end, where chrome gathers; a
    title over nothing is no page. A page where anything below the title was removed for what it says
    (a share bar) is chrome, and a page with a body kept needs nothing back."""
    end = ("boilerplate", "الكتب متاحة للجميع", "feature:after_article_end")
    end_p = {"boilerplate": 0.6, "paragraph": 0.3, "byline": 0.1}
    blocks, probs = _labelled([("title", "افتتاح مكتبة الحي", None), end], [{"title": 0.9}, end_p])
    assert _structure_of(blocks, probs) == [("title", None), ("paragraph", None)]
    # a section word ("ثقافة") over the page's one line is the same page without a title
    blocks, probs = _labelled([("section", "ثقافة", None), end], [{"section": 0.9}, end_p])
    assert _structure_of(blocks, probs) == [("section", None), ("paragraph", None)]
    share = ("boilerplate", "شارك الخبر", "lexicon:share")
    blocks, probs = _labelled(
        [("title", "افتتاح مكتبة الحي", None), end, share], [{"title": 0.9}, end_p, {"boilerplate": 1.0}]
    )
    assert _structure_of(blocks, probs)[1] == ("boilerplate", "feature:after_article_end")
    blocks, probs = _labelled(
        [("title", "افتتاح مكتبة الحي", None), ("paragraph", _PARA, None), end],
        [{"title": 0.9}, {"paragraph": 1.0}, end_p],
    )
    assert _structure_of(blocks, probs)[2] == ("boilerplate", "feature:after_article_end")


def _structure_with(blocks: list[Block], probs: np.ndarray, uri: str | None) -> list[tuple[str, str | None]]:
    """:func:`_structure` with the page's line facts and URL, as the classify stage calls it."""
    model = load_model()
    infos = [LineInfo(b.text, lexicon.load()) for b in blocks]
    x = block_features(infos, [False] * len(blocks), uri, 1.0)
    cls = {c: i for i, c in enumerate(model.classes)}
    _structure(blocks, probs, cls, model, None, True, x, infos=infos, uri=uri)
    return [(b.kind, b.reason) for b in blocks]


_DESC = (
    "يحمي زيت الأرغان المغربي الشعر الجاف من التقصف ويمنحه لمعانا طبيعيا، ويستعمل زيت الأرغان مرتين "
    "في الأسبوع على الشعر المبلل بعد الغسل، وهو مناسب لكل أنواع الشعر الجاف والمصبوغ."
)
_NAME = "زيت الأرغان المغربي للشعر الجاف – عبوة 100 مل"


def test_the_url_slug_confirms_a_title_above_the_body_not_a_line_below_it() -> None:
    """why: a CMS writes the slug from the headline, so a short line above the body that holds most
    of the slug's words is the title even when the body words it otherwise; a line below the body's
    first paragraph is a subheading (or a product's name under its description, which the gold does
    not call the title either), whatever the slug says."""
    uri = "https://shop.example/ar/زيت-الأرغان-المغربي-للشعر-الجاف"
    p = [{"boilerplate": 0.8, "title": 0.1}, {"paragraph": 1.0}, {"paragraph": 1.0}]
    lines = [("boilerplate", "أفضل زيت أرغان مغربي لشعرك الجاف", "feature:headline_list")]
    blocks, probs = _labelled([*lines, ("paragraph", _PARA, None), ("paragraph", _PARA, None)], p)
    assert _structure_with(blocks, probs, uri)[0] == ("title", None)
    blocks, probs = _labelled([*lines, ("paragraph", _PARA, None), ("paragraph", _PARA, None)], p)
    assert _structure_with(blocks, probs, None)[0] == ("boilerplate", "feature:headline_list")
    below = [("paragraph", _DESC, None), ("paragraph", _NAME, None), ("paragraph", _PARA, None)]
    p_low = [{"paragraph": 1.0}, {"paragraph": 0.7, "title": 0.1}, {"paragraph": 1.0}]
    blocks, probs = _labelled(below, p_low)
    assert _structure_with(blocks, probs, uri)[1] == ("paragraph", None)


def test_a_short_line_above_the_body_that_the_body_confirms_is_the_title() -> None:
    """why: a headline announces its text, so its words come back in the paragraphs below; a line
    the model removed among the top lines is the title when the body says so, and a menu item whose
    words the body does not carry stays removed."""
    head = "زيت الأرغان للشعر الجاف"
    menu = "العروض والتخفيضات"
    lines = [
        ("boilerplate", menu, "feature:headline_list"),
        ("boilerplate", head, "feature:headline_list"),
        ("paragraph", _DESC, None),
    ]
    p = [{"boilerplate": 0.8, "title": 0.1}, {"boilerplate": 0.7, "title": 0.2}, {"paragraph": 1.0}]
    blocks, probs = _labelled(lines, p)
    assert _structure_with(blocks, probs, None)[:2] == [
        ("boilerplate", "feature:headline_list"),
        ("title", None),
    ]


def test_a_tag_pages_title_is_the_tag_not_a_listed_headline() -> None:
    """why: on a tag or category page ("/tag/<name>/") the page's heading is the tag's name, and a
    headline the model takes for the title is one of the listed pages' (its words are not the
    tag's); the tag's own line stays the title."""
    uri = "https://news.example/tag/الطاقة-الشمسية/"
    listed = "الحكومة تطلق مشروعا جديدا للطاقة الشمسية في الجنوب"
    p = [{"title": 0.8, "boilerplate": 0.15}, {"paragraph": 1.0}]
    blocks, probs = _labelled([("title", listed, None), ("paragraph", _PARA, None)], p)
    assert _structure_with(blocks, probs, uri)[0] == ("boilerplate", "feature:not_a_title:listed_headline")
    blocks, probs = _labelled([("title", "الطاقة الشمسية", None), ("paragraph", _PARA, None)], p)
    assert _structure_with(blocks, probs, uri)[0] == ("title", None)
    # the same headline on an article's URL is its title
    blocks, probs = _labelled([("title", listed, None), ("paragraph", _PARA, None)], p)
    assert _structure_with(blocks, probs, "https://news.example/2024/05/solar-plan")[0] == ("title", None)


def test_a_product_pages_title_is_the_product_not_the_shops_banner() -> None:
    """why: on a product page ("/products/<name>") a banner the model takes for the title ("توصيل
    مجاني لكل الطلبات …") is the shop's, not the product's; a line naming the product stays the
    title, and the last Arabic segment of a nested category path is the one compared."""
    uri = "https://shop.example/products/حقيبة-ظهر-جلدية-سوداء"
    banner = "توصيل مجاني لكل الطلبات فوق مئتي ريال خلال يومين"
    p = [{"title": 0.8, "boilerplate": 0.15}, {"paragraph": 1.0}]
    blocks, probs = _labelled([("title", banner, None), ("paragraph", _PARA, None)], p)
    assert _structure_with(blocks, probs, uri)[0] == ("boilerplate", "feature:not_a_title:listed_headline")
    blocks, probs = _labelled([("title", "حقيبة ظهر جلدية سوداء", None), ("paragraph", _PARA, None)], p)
    assert _structure_with(blocks, probs, uri)[0] == ("title", None)
    from khabar.clean.titles import tag_words

    assert tag_words("https://shop.example/product-category/عناية/صابون-طبيعي/") == {"صابون", "طبيعي"}


def test_a_poems_title_heads_a_page_of_short_punctuated_lines() -> None:
    """why: a page of short lines is a menu or verse; the model removes both, title included. Verse
    lines end in punctuation and a menu's items do not, so the first short line over verse is the
    title, and the first item of a menu stays removed."""
    end = "feature:after_article_end"
    verse = ["على شاطئ الليل،", "تنام المراكب..", "وتصحو النجوم!", "فمن يذكر البحر؟", "ومن يحفظ الموج."]
    lines = [("boilerplate", "مراكب", end)] + [("boilerplate", v, end) for v in verse]
    p = [{"boilerplate": 0.7, "title": 0.1}] + [{"boilerplate": 0.7, "paragraph": 0.3}] * len(verse)
    blocks, probs = _labelled(lines, p)
    assert _structure_with(blocks, probs, None)[0] == ("title", None)
    menu = ["أخبار محلية", "رياضة", "اقتصاد", "ثقافة وفنون", "اتصل بنا"]
    lines = [("boilerplate", "عروض الصيف", end)] + [("boilerplate", m, end) for m in menu]
    blocks, probs = _labelled(lines, p)
    assert _structure_with(blocks, probs, None)[0] == ("boilerplate", end)


def test_a_nabati_poems_title_heads_its_rhyming_unpunctuated_lines() -> None:
    """why: Nabati verse ends its lines in no punctuation but keeps its rhymes; over rhyming lines of
    three words or more, the first short line is the poem's title. A list of headlines of the same
    length that does not rhyme keeps its first line removed."""
    end = "feature:after_article_end"
    verse = [
        "سالم بن راشد",
        "يا ليل طول والنجوم الساهره",
        "والقلب من فرقى الحبايب ضايق",
        "والعين من طول السهر ما ناظره",
        "والشوق في صدري كما نار حارق",
        "يا ديرة الخلان وين العامره",
        "وين الليالي والزمان الرايق",
        "ما عاد لي غير الدموع الحايره",
        "وقصيدة تكتبها حروف الشايق",
    ]
    lines = [("boilerplate", "ليل الغياب", end)] + [("boilerplate", v, end) for v in verse]
    p = [{"boilerplate": 0.7, "title": 0.1}] + [{"boilerplate": 0.7, "paragraph": 0.3}] * len(verse)
    blocks, probs = _labelled(lines, p)
    assert _structure_with(blocks, probs, None)[0] == ("title", None)
    heads = [
        "الأمانة تعلن جدول صيانة الطرق",
        "افتتاح معرض الكتاب الأسبوع المقبل",
        "ارتفاع أسعار الذهب في السوق المحلية",
        "المنتخب يواجه نظيره الكويتي الخميس",
        "وزارة الصحة تطلق حملة تطعيم جديدة",
        "انخفاض درجات الحرارة نهاية الأسبوع",
        "البلدية تغلق ثلاثة مطاعم مخالفة",
        "جامعة المدينة تفتح باب القبول",
        "الطيران المدني يعلن خطة الصيف",
    ]
    lines = [("boilerplate", "آخر الأخبار اليوم", end)] + [("boilerplate", h, end) for h in heads]
    blocks, probs = _labelled(lines, p)
    assert _structure_with(blocks, probs, None)[0] == ("boilerplate", end)


def test_a_title_deep_in_a_page_with_no_text_kept_is_a_listed_headline() -> None:
    """why: a title stands over its text; on a blog's index, where every headline and teaser was
    removed, a line the model names the title halfway down is one more listed headline. At the top
    of such a page (a tag page's name over its removed list) it stays the title."""
    lead = ("boilerplate", "كيف تختار لون الطلاء المناسب لغرفة المعيشة", "feature:headline_list")
    p_lead = {"boilerplate": 0.8}
    head = ("title", "دليل الدهانات الحديثة | أفكار وألوان لكل بيت", None)
    p_head = {"title": 0.6, "boilerplate": 0.3}
    lines, p = [lead] * 8 + [head, lead], [p_lead] * 8 + [p_head, p_lead]
    blocks, probs = _labelled(lines, p)
    assert _structure_with(blocks, probs, None)[8] == ("boilerplate", "feature:not_a_title:listed_headline")
    blocks, probs = _labelled([head] + [lead] * 9, [p_head] + [p_lead] * 9)
    assert _structure_with(blocks, probs, None)[0] == ("title", None)


def test_the_title_by_agreement_is_read_near_the_body_not_at_the_pages_top() -> None:
    """why: a template prints a logo and a menu of ten lines or more before the headline; the title is
    among the lines nearest the body, so agreement reads the eight above the first long paragraph
    (it read the page's first eight, and a headline under a long menu was never looked at)."""
    menu = ["الرئيسية", "من نحن", "الأخبار", "مقالات", "وسائط", "أرشيف", "اتصل بنا", "English", "Français"]
    head = "الهيئة العامة للإحصاء تعلن ارتفاع أسعار المواد الغذائية"
    lines = [("boilerplate", m, "feature:headline_list") for m in menu]
    lines += [("boilerplate", head, "feature:repeated_line"), ("paragraph", _PARA, None)]
    p = [{"boilerplate": 0.9, "title": 0.05}] * len(menu)
    p += [{"boilerplate": 0.8, "title": 0.1}, {"paragraph": 1.0}]
    blocks, probs = _labelled(lines, p)
    assert _structure_with(blocks, probs, None)[len(menu)] == ("title", None)


def test_an_author_line_the_model_removed_under_the_title_is_the_byline() -> None:
    """why: the model weighs a line's place, and under the headline of a template it never saw it
    removed an author line that opens with a byline verb ("كتبت …"); an author line is no chrome.
    A line further down, past the body's first paragraph, stays as the model left it."""
    lines = [
        ("title", "الهيئة تعلن أرقام الربع الأخير", None),
        ("boilerplate", "كتبت سلمى العطار", "feature:after_article_end"),
        ("paragraph", _PARA, None),
        ("boilerplate", "كتب المحرر", "feature:after_article_end"),
    ]
    p = [{"title": 0.9}, {"boilerplate": 0.6, "byline": 0.3}, {"paragraph": 1.0}, {"boilerplate": 0.7}]
    blocks, probs = _labelled(lines, p)
    assert _structure_with(blocks, probs, None) == [
        ("title", None),
        ("byline", None),
        ("paragraph", None),
        ("boilerplate", "feature:after_article_end"),
    ]


@pytest.mark.parametrize(
    ("first", "title_at"),
    [
        ("الخدمات", 1),  # a menu item the body does not confirm: the headline below is the title
        ("أسعار المواد الغذائية", 0),  # a short headline the body confirms stays the title
        # (next to no menu line, a short first line is a column's name over its item: see
        # title_fallbacks.confirmed_below)
    ],
)
def test_a_short_model_title_the_body_does_not_confirm_yields_to_the_headline_below(
    first: str, title_at: int
) -> None:
    """why: the model can name a menu item the title ("الخدمات", a line of the menu over the
    headline); a line of one to three words next to a menu line, that none of the body's words
    confirm, yields to the line below it, above the body, that the body confirms."""
    head = "الهيئة العامة للإحصاء تعلن ارتفاع أسعار المواد الغذائية"
    lines = [
        ("boilerplate", "اتصل بنا", "lexicon:nav"),
        ("title", first, None),
        ("boilerplate", head, "feature:after_article_end"),
        ("paragraph", _PARA, None),
    ]
    p = [{"boilerplate": 1.0}, {"title": 0.5, "boilerplate": 0.4}, {"boilerplate": 0.7, "title": 0.2}]
    blocks, probs = _labelled(lines, [*p, {"paragraph": 1.0}])
    kinds = [k for k, _ in _structure_with(blocks, probs, None)]
    assert [i for i, k in enumerate(kinds) if k == "title"] == [title_at + 1]


def test_a_date_line_the_model_removed_under_the_title_is_the_date() -> None:
    """why: "نشر في: …" under the headline of a template the model never saw was removed with the
    page's chrome, and the record lost its publication date; a date line under the title is no
    chrome. A date line past the body's first paragraph (a related item's) stays removed."""
    lines = [
        ("title", "الهيئة تعلن أرقام الربع الأخير", None),
        ("boilerplate", "نشر في: 12 مارس ,2023: 09:40 ص", "feature:after_article_end"),
        ("paragraph", _PARA, None),
        ("boilerplate", "11 مارس 2023", "feature:after_article_end"),
    ]
    p = [{"title": 0.9}, {"boilerplate": 0.6, "date": 0.3}, {"paragraph": 1.0}, {"boilerplate": 0.7}]
    blocks, probs = _labelled(lines, p)
    assert [k for k, _ in _structure_with(blocks, probs, None)] == [
        "title",
        "date",
        "paragraph",
        "boilerplate",
    ]


@pytest.mark.parametrize("price", ["149 درهم", None])
def test_a_products_name_over_its_price_is_the_title(price: str | None) -> None:
    """why: a shop prints a product's name and then its price; without the URL the model read the name
    as one more line of the shop's chrome. A line over no price is not taken for a name."""
    desc = (
        "حقيبة مصنوعة من الجلد الطبيعي بسعة كبيرة وجيوب داخلية متعددة، مناسبة للسفر والعمل اليومي "
        "وتأتي بضمان لمدة عام كامل من تاريخ الشراء."
    )
    texts = ["حقيبة ظهر جلدية للسفر", *([price] if price else []), "متوفر", desc]
    lines = [("boilerplate", t, "feature:after_article_end") for t in texts]
    blocks, probs = _labelled(lines, [{"boilerplate": 0.9, "title": 0.05}] * len(texts))
    kinds = [k for k, _ in _structure_with(blocks, probs, None)]
    assert (kinds[0] == "title") is (price is not None)


def test_a_headline_over_a_writers_name_and_role_and_the_date() -> None:
    """why: a columnist's name and role stand in two short lines between the headline and the date;
    a headline has four words or more, so lines of three words or fewer there are skipped."""
    lines = [
        ("boilerplate", "هل تنجح المدن الذكية في تخفيف الازدحام المروري؟", "feature:after_article_end"),
        ("boilerplate", "سليم الحايك", "feature:after_article_end"),
        ("boilerplate", "كاتب صحفي", "feature:after_article_end"),
        ("date", "نشر: 03/04/2023 10:00", None),
        ("paragraph", _PARA, None),
    ]
    p = [{"boilerplate": 0.8, "title": 0.1}] * 3 + [{"date": 0.9}, {"paragraph": 1.0}]
    blocks, probs = _labelled(lines, p)
    assert _structure_with(blocks, probs, None)[0] == ("title", None)
