"""HTML → blocks: the DOM pass (offsets, roles, link density) and the HTML path end to end."""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

import pytest

from khabar.api import process_text
from khabar.html.dom import parse_html
from khabar.io.html import decode_html
from khabar.model import Document, Source

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "arabic_html_gold"
P1 = (
    "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في جنيف بمشاركة جميع الأطراف المعنية، "
    "وإن الوفود ستصل تباعا."
)
P2 = (
    "وأضاف المتحدث أن الاجتماعات ستتواصل خلال الأيام المقبلة لبحث جميع الملفات العالقة بين الجانبين "
    "في أجواء إيجابية."
)
P3 = (
    "وأشار إلى أن الجولة المقبلة ستعقد في العاصمة العمانية مسقط بعد انتهاء المشاورات الفنية بين "
    "اللجان المختصة."
)
TITLE = "محادثات جنيف تستأنف الأسبوع المقبل"


def run(page: str, uri: str | None = "https://news.test/2021/09/14/talks") -> Document:
    return process_text(page, id="t", source=Source(uri=uri, format="html"))


def _visible(raw: str) -> str:
    """The source slice without tags, entities decoded, whitespace collapsed (to compare with text)."""
    s = re.sub(r"<[A-Za-z/!?][^>]*>", " ", raw)
    return " ".join(html.unescape(s).split())


def assert_offsets(doc: Document) -> None:
    """Every block's raw slice holds its source: its text (tags removed, entities decoded)."""
    for b in doc.blocks:
        src = doc.raw[b.raw_start : b.raw_end]
        vis = _visible(src).replace(" ", "")
        assert b.text.replace(" ", "") in vis or all(w in vis for w in b.text.split()), (b.text, src)
        if b.start is not None:
            assert doc.text[b.start : b.end] == b.text


def kept(doc: Document) -> str:
    return "\n".join(b.text for b in doc.blocks if not b.removed)


ARTICLE = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{TITLE} | أخبار الاختبار</title>
<meta property="og:site_name" content="أخبار الاختبار">
<meta property="article:published_time" content="2021-09-14T10:00:00+03:00">
<link rel="canonical" href="https://news.test/2021/09/14/talks">
<script>var x = "<p>not text</p>";</script>
<style>p {{ color: red }}</style>
</head><body class="single one-sidebar with-comments">
<header class="site-header"><a href="/" class="logo">أخبار الاختبار</a>
<nav class="primary-menu"><ul><li><a href="/">الرئيسية</a></li><li><a href="/pol">سياسة</a></li>
<li><a href="/eco">اقتصاد</a></li><li><a href="/sport">رياضة</a></li></ul></nav></header>
<div class="page-wrap">
<main>
<div class="crumbs-bar" aria-label="مسار التنقل"><a href="/">الرئيسية</a> &raquo;
<a href="/pol">سياسة</a></div>
<article class="story">
<h1 class="headline">{TITLE}</h1>
<div class="story-meta"><span class="writer">جنيف - رويترز</span>
<time datetime="2021-09-14">الثلاثاء 14 أيلول 2021</time></div>
<div class="story-text">
<p>{P1}</p>
<div class="social-links"><a href="#">فيسبوك</a> <a href="#">تويتر</a></div>
<h2>تفاصيل الجولة</h2>
<p>{P2.replace("الاجتماعات", "<b>الاجتماعات</b>")}</p>
<div class="adslot"><span>إعلان</span></div>
<p>{P3}<br>&nbsp;</p>
</div>
<div class="related-box"><h3>اقرأ أيضاً</h3><ul>
<li><a href="/a">وزير المالية يعلن الميزانية الجديدة للعام المقبل</a></li>
<li><a href="/b">ارتفاع أسعار النفط في الأسواق العالمية</a></li></ul></div>
<section id="comments"><h3>التعليقات</h3>
<div class="c-body"><p>مقال رائع جدا وشكرا للكاتب على هذا الطرح المميز والمفيد لنا جميعا
في هذه الأيام الصعبة.</p></div>
</section>
</article>
</main>
<aside class="rail"><h3>الأكثر قراءة</h3><p><a href="/x">خبر آخر في الشريط الجانبي الطويل جدا</a></p></aside>
</div>
<footer><p>جميع الحقوق محفوظة © 2021 أخبار الاختبار</p></footer>
</body></html>"""


def test_article_page_end_to_end() -> None:
    doc = run(ARTICLE)
    text = doc.text
    for p in (P1, P2, P3):
        assert p in text
    assert doc.title == TITLE
    assert doc.published == "2021-09-14"
    assert doc.sections == ["سياسة"]
    assert doc.source.site == "news.test"
    assert doc.meta["html"]["canonical"] == "https://news.test/2021/09/14/talks"
    assert doc.meta["html"]["site_name"] == "أخبار الاختبار"
    for chrome in (
        "فيسبوك",
        "إعلان",
        "وزير المالية",
        "مقال رائع",
        "الأكثر قراءة",
        "جميع الحقوق",
        "اقتصاد",
        "not text",
        "color",
    ):
        assert chrome not in text, chrome
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds[TITLE] == "title"
    assert kinds["تفاصيل الجولة"] == "heading"

    def reason(snippet: str) -> str | None:
        return next(b.reason for b in doc.blocks if snippet in b.text)

    assert reason("فيسبوك") == "dom:share"
    assert reason("إعلان") == "dom:ad"
    assert reason("التعليقات") == "dom:comment"
    assert reason("جميع الحقوق محفوظة") == "dom:footer"
    assert reason("اقتصاد") == "dom:nav"  # a menu is folded whole: one removed block
    assert reason("وزير المالية") == "dom:related"
    assert reason("الأكثر قراءة") == "dom:sidebar"
    assert all(b.reason for b in doc.blocks if b.removed)
    assert_offsets(doc)


def test_page_level_chrome_classes_do_not_remove_the_article() -> None:
    """A role on an element that encloses the article ("with-comments", "layout-sidebar") is ignored."""
    page = f"""<html><body><div class="layout-sidebar-right with-comments">
    <div class="menu"><a href="/">الرئيسية</a> <a href="/a">أخبار</a></div>
    <div class="col"><h1>{TITLE}</h1><div><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></div>
    </div></body></html>"""
    doc = run(page)
    for p in (P1, P2, P3):
        assert p in doc.text
    assert "أخبار" not in doc.text.replace(TITLE, "")


def test_offsets_entities_and_inline_markup() -> None:
    page = (
        "<html><body><div><p>الرئيس&nbsp;قال: &laquo;نعم&raquo; <a href='x'>لا</a>،<b>تم</b></p></div>"
        "</body></html>"
    )
    blocks = parse_html(page).blocks
    assert [b.text for b in blocks] == ["الرئيس قال: «نعم» لا،تم"]
    b = blocks[0]
    assert page[b.raw_start : b.raw_end].startswith("الرئيس&nbsp;") and page[
        b.raw_start : b.raw_end
    ].endswith("تم")
    # every character of the text maps back into the raw slice
    i = b.text.index("«")
    assert page[b.srcmap.to_src_start(i) : b.srcmap.to_src_end(i + 1)] == "&laquo;"
    assert b.link_chars == len("لا")


def test_block_boundaries() -> None:
    page = (
        "<body><div>سطر أول<br>سطر ثان<br/><br/>سطر ثالث</div>"
        "<table><tr><td>الفجر</td><td>4:15</td></tr><tr><td>الظهر</td><td>11:59</td></tr></table>"
        "<ul><li>بند أول<li>بند ثان</ul><p>فقرة<p>فقرة أخرى"
        "<div hidden>مخفي</div><div style='display: none'>مخفي أيضا</div><span class='sr-only'>مخفي</span>"
        "<script>document.write('<p>لا</p>')</script><svg><text>شعار</text></svg>"
        "<a name='top'/><div>بعد الرابط</div><a href='/1'>أخضر</a><a href='/2'>التايكوندو</a>"
        "<span>473</span><span>معجب</span></body>"
    )
    texts = [b.text for b in parse_html(page).blocks]
    assert texts == [
        "سطر أول",
        "سطر ثان",
        "سطر ثالث",
        "الفجر 4:15",
        "الظهر 11:59",
        "بند أول",
        "بند ثان",
        "فقرة",
        "فقرة أخرى",
        "بعد الرابط",
        "أخضر التايكوندو 473 معجب",
    ]
    blocks = parse_html(page).blocks
    assert blocks[-1].link_chars == len("أخضر") + len("التايكوندو")


def test_roles_from_latin_camel_case_and_arabic_labels() -> None:
    page = (
        "<body><div class='ShareBar_bar__cea49'><button>x</button><a>نسخ الرابط</a></div>"
        "<div class='BreakingNews_track__3d034'><a href='/1'>خبر عاجل</a></div>"
        "<section aria-label='التعليقات'><p>تعليق طويل</p></section>"
        "<div role='navigation'><a href='/'>الرئيسية</a></div>"
        "<div class='tie-popular-posts'><a href='/'>خبر</a></div>"
        "<div class='entry-content'><p>نص</p></div></body>"
    )
    roles = [(b.text, b.role) for b in parse_html(page).blocks]
    assert roles == [
        ("نسخ الرابط", "share"),
        ("خبر عاجل", "related"),
        ("تعليق طويل", "comment"),
        ("الرئيسية", "nav"),
        ("خبر", "related"),
        ("نص", "content"),
    ]


def test_head_information() -> None:
    page = parse_html(ARTICLE)
    assert page.head.title and TITLE in page.head.title
    assert page.head.meta["article:published_time"].startswith("2021-09-14")
    assert page.head.links["canonical"] == "https://news.test/2021/09/14/talks"
    assert page.head.times == ["2021-09-14"]
    assert page.head.lang == "ar"


def test_jsonld_and_title_reconciliation() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "موقع"},
            {
                "@type": "NewsArticle",
                "headline": TITLE,
                "datePublished": "2021-09-14T08:00:00Z",
                "author": [{"@type": "Person", "name": "سارة أحمد"}],
                "articleSection": ["سياسة", "دولي"],
            },
        ],
    }
    page = (
        f"<html><head><title>{TITLE} - موقع</title><script type='application/ld+json'>"
        f"{json.dumps(ld, ensure_ascii=False)}</script></head><body><div class='logo'><h1>موقع</h1></div>"
        f"<div class='post'><h1>{TITLE}</h1><p>{P1}</p><p>{P2}</p></div></body></html>"
    )
    doc = run(page, uri=None)
    assert doc.title == TITLE
    assert doc.published == "2021-09-14"
    assert doc.byline == "سارة أحمد"
    assert doc.sections == ["سياسة"]


def test_visible_arabic_date_when_nothing_is_declared() -> None:
    page = (
        f"<html><body><h1>{TITLE}</h1><div class='date'>الثلاثاء ١٤ أيلول ٢٠٢١</div>"
        f"<div><p>{P1}</p><p>{P2}</p></div></body></html>"
    )
    assert run(page, uri=None).published == "2021-09-14"


def test_malformed_html_never_raises() -> None:
    for page in (
        "",
        "<",
        "<<<>>>",
        "<div",
        "<p>نص بلا نهاية",
        "</div></div></p>نص",
        "<table><td>خلية</table>",
        "<script>لا نهاية",
        "<!-- تعليق لا ينتهي",
        "<a href='x'>" * 500 + "نص",
        "<div class='a" + "b" * 10000,
        "<svg><svg></svg>",
        "&amp;&#x;&#99999999;",
    ):
        doc = run(page)
        assert_offsets(doc)


# -- the four real pages of arabic_html_gold ---------------------------------------------------------------
def real(id_: str) -> tuple[Document, dict[str, str]]:
    manifest = GOLD / "manifest.jsonl"
    if not manifest.exists():
        pytest.skip(f"{GOLD} is not available (../shared beside the repository)")
    row = next(
        json.loads(line) for line in manifest.read_text().splitlines() if json.loads(line)["id"] == id_
    )
    data = (GOLD / row["html"]).read_bytes()
    if row["html"].endswith(".gz"):
        data = gzip.decompress(data)
    dec = decode_html(data, name=row["html"])
    return process_text(dec.text, id=id_, source=Source(uri=row["url"], format="html")), row


def body(doc: Document) -> str:
    return "\n".join(
        b.text for b in doc.blocks if b.kind in ("title", "heading", "paragraph", "quote", "list_item")
    )


def norm(s: str) -> str:
    return " ".join(s.split())


def test_real_assabah_snippets() -> None:
    doc, _ = real("trafilatura_assabah")
    gold = next(iter(json.loads((GOLD / "trafilatura" / "evaldata_assabah.json").read_text()).values()))
    text = body(doc)
    for s in gold["with"]:
        assert s in text, s
    for s in gold["without"]:
        assert s not in doc.text, s
    assert norm(doc.title or "") == norm(gold["title"])
    assert_offsets(doc)


def test_real_cnn_arabic_newspaper4k_full_text() -> None:
    doc, _ = real("newspaper4k_cnnarabic")
    gold_paras = [
        p for p in (GOLD / "newspaper4k" / "arabic_article.txt").read_text().split("\n\n") if p.strip()
    ]
    meta = json.loads((GOLD / "newspaper4k" / "arabic_article.metadata.json").read_text())
    text = norm(body(doc))
    for p in gold_paras:
        assert norm(p) in text, p[:60]
    assert doc.title == meta["title"]
    for chrome in ("الأكثر تصفحاً", "Cable News Network", "شروط الخدمة"):
        assert chrome not in doc.text
    assert_offsets(doc)


def test_real_cnn_arabic_goose3_prefix() -> None:
    doc, _ = real("goose3_cnnarabic")
    gold = json.loads((GOLD / "goose3" / "test_cnn_arabic.json").read_text())["expected"]
    assert norm(gold["cleaned_text"]) in norm(body(doc))
    for chrome in ("الأكثر تصفحاً", "Cable News Network"):
        assert chrome not in doc.text


def test_real_lbcgroup_structured_gold() -> None:
    doc, _ = real("fundus_lbcgroup")
    gold = json.loads((GOLD / "fundus" / "LBCGroup.json").read_text())["V1"]
    text = norm(body(doc))
    for sec in gold["body"]["sections"]:
        for p in sec["paragraphs"]:
            assert norm(p) in text, p[:60]
    # the page's h1 quotes the first words ("شعر وردي…"); fundus's title is og:title, without them
    assert norm(doc.title or "").replace('"', "") == norm(gold["title"])
    assert doc.published == gold["publishing_date"][:10]
    for chrome in ("آخر الأخبار", "البث المباشر", "حال الطقس"):
        assert chrome not in doc.text
    assert_offsets(doc)


def test_the_role_vocabulary_is_data_and_an_unknown_kind_names_its_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # why: a new CMS's class names are a line in khabar/data/html_roles_words.tsv; a typo in the kind
    # column must fail with the file and line, not silently drop the word
    from khabar import data
    from khabar.errors import DataFileError
    from khabar.html import roles

    assert roles.CHROME_WORDS["breadcrumbs"] == "breadcrumb" and "entrycontent" in roles.CONTENT_WORDS
    assert roles.ARABIC_ROLE[0] == ("تعليق", "comment")  # file order kept: the first label found decides
    real = data.rows

    def bad(name: str, *, columns: object = None) -> list[data.Row]:
        return [*real(name, columns=3), data.Row(999, ["clas_word", "menu", "nav"])]

    monkeypatch.setattr(roles, "rows", bad)
    with pytest.raises(DataFileError, match=r"html_roles_words\.tsv line 999: unknown kind"):
        roles._load()
