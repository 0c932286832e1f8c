"""The HTML title by agreement, the site name learnt from the page, leads and tickers.

`data/joomla_k2_like.html` was written for this test in the shape of a Joomla/K2 item page (a site
logo in an ``h1`` on every page, the item's title in ``h2.itemTitle``, the intro in its own box before
the full text, a breaking-news ticker): the shape of the unseen template of issue 14, with made-up text."""

from __future__ import annotations

import re
from pathlib import Path

from khabar.api import process_text
from khabar.html.meta import site_name_keys, title_agreement
from khabar.html.rules import _headline_levels
from khabar.model import Document, Source

K2 = (Path(__file__).parent / "data" / "joomla_k2_like.html").read_text(encoding="utf-8")
TITLE = "البرلمان يقر موازنة العام المقبل بعد جلسة طويلة"
LEAD = "أقر البرلمان مساء أمس موازنة العام المقبل بأغلبية الأصوات."


def _doc(page: str) -> Document:
    return process_text(page, id="k2", source=Source(format="html"))


def test_logo_h1_is_never_the_title() -> None:
    doc = _doc(K2)
    assert doc.title == TITLE
    logo = next(b for b in doc.blocks if b.text == "صوت الوادي")
    assert (logo.kind, logo.reason) == ("boilerplate", "dom:site_name")
    assert doc.byline == "سليم داود"  # "كتب <a>سليم داود</a>": a linked name is still the byline
    assert doc.published == "2015-08-11"


def test_site_name_learnt_without_og_site_name() -> None:
    # no og:site_name: the <title>'s end part is the site because the footer repeats it
    page = K2.replace('<meta property="og:site_name" content="صوت الوادي">', "")
    doc = _doc(page)
    assert doc.title == TITLE
    assert "صوت الوادي" not in doc.text.split("\n")


def test_title_agreement_counts_declared_titles() -> None:
    head = {"title_tag": f"{TITLE} - صوت الوادي", "og_title": TITLE, "headline": TITLE}
    sites = site_name_keys(head, ["جميع الحقوق محفوظة © صوت الوادي 2015"])
    assert sites == {"صوت الوادي"}
    assert title_agreement(TITLE, head, sites) == 3
    assert title_agreement("صوت الوادي", head, sites) == 0  # the suffix of <title> is the site
    # a title part that og:title repeats is never taken for the site, even if a related list repeats it
    assert site_name_keys(head, [TITLE]) == set()


def test_intro_box_before_the_body_is_the_lead() -> None:
    doc = _doc(K2)
    lead = next(b for b in doc.blocks if b.text == LEAD)
    assert lead.kind == "paragraph" and lead.reason is None
    assert doc.text.index(LEAD) < doc.text.index("وقال رئيس لجنة المال")


def test_standfirst_in_the_headline_box_is_not_the_lead() -> None:
    # a summary printed beside the h1 (in the headline's own box) stays out of the body, as the
    # peers' gold texts leave it out
    body = "".join(
        f"<p>الفقرة رقم {i} من نص الخبر تتحدث عن تفاصيل كثيرة تخص الموضوع، وتذكر أسماء وأرقاما ومواعيد.</p>"
        for i in range(6)
    )
    page = (
        f"<html><head><title>{TITLE}</title></head><body><div class='wrap'><div class='head'>"
        f"<h1>{TITLE}</h1><p class='lead'>ملخص قصير للخبر في سطر واحد يسبق النص.</p></div>"
        f"<div class='text'>{body}</div></div></body></html>"
    )
    doc = _doc(page)
    got = next(b for b in doc.blocks if b.text.startswith("ملخص قصير"))
    assert got.kind == "boilerplate"


def test_ticker_is_no_breadcrumb() -> None:
    ticker = (
        '<div class="breadcrumbs"><span>عاجل</span> » انقطاع التيار الكهربائي عن أحياء في شمال المدينة » '
        "ارتفاع أسعار الخضار في الأسواق المحلية هذا الأسبوع</div>"
    )
    page = re.sub(r'<div class="moduletable">.*?</ul></div>', ticker, K2, flags=re.S)
    doc = _doc(page)
    assert doc.sections == []
    got = next(b for b in doc.blocks if b.text.startswith("عاجل"))
    assert (got.kind, got.reason) == ("boilerplate", "dom:headline_list")
    assert _headline_levels(
        "عاجل » انقطاع التيار الكهربائي عن أحياء المدينة » ارتفاع أسعار الخضار في الأسواق"
    )
    assert not _headline_levels("الرئيسية » أخبار محلية » اقتصاد")
    # a breadcrumb that ends in the article's own title has one long level: still a breadcrumb
    assert not _headline_levels(f"الرئيسية » محليات » {TITLE}")


def test_site_first_title_tag() -> None:
    # "<title>site - title</title>" with the title in the h1 and the site in the footer: the h1 is
    # confirmed by the title's end part, and the site part is learnt from the footer
    page = (
        "<html><head><title>بوابة السهل - افتتاح مكتبة عامة في وسط المدينة</title></head><body>"
        "<div class='top'><a href='/'>بوابة السهل</a></div><h1>افتتاح مكتبة عامة في وسط المدينة</h1>"
        "<p>افتتحت البلدية صباح اليوم مكتبة عامة جديدة في وسط المدينة تضم آلاف الكتب، "
        "وتفتح أبوابها للجميع.</p>"
        "<p>وقال رئيس البلدية إن المكتبة ستنظم أنشطة أسبوعية للأطفال والشباب، وإن الدخول إليها مجاني.</p>"
        "<footer>جميع الحقوق محفوظة لبوابة السهل</footer></body></html>"
    )
    doc = _doc(page)
    assert doc.title == "افتتاح مكتبة عامة في وسط المدينة"


def test_declared_title_without_a_heading_loses_the_site_name() -> None:
    # no heading at all: the <title> gives the title, less the site part its footer repeats
    page = (
        "<html><head><title>مجلة الرواق | معرض للفنون التشكيلية في الميناء القديم</title></head><body>"
        "<p>يفتتح مساء الخميس معرض للفنون التشكيلية في الميناء القديم بمشاركة عشرين فنانا، "
        "ويستمر أسبوعين.</p>"
        "<p>وتعرض في المعرض لوحات ومنحوتات تستلهم تاريخ المدينة، وتخصص عائداته لدعم المواهب الشابة.</p>"
        "<footer>© مجلة الرواق 2024</footer></body></html>"
    )
    assert _doc(page).title == "معرض للفنون التشكيلية في الميناء القديم"
