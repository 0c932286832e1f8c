"""The section path right above a text dump's title (:func:`khabar.clean.page_parts.section_path`).

Examples written here (not from the site-style dumps that showed the classes)."""

from __future__ import annotations

from khabar.api import process_text
from khabar.clean.titles import is_home_crumb

_HEAD = "الفريق الوطني للشباب يتأهل إلى نهائي البطولة العربية لكرة اليد"
_BODY = (
    "تأهل الفريق الوطني للشباب إلى المباراة النهائية من البطولة العربية لكرة اليد، بعد فوزه على نظيره "
    "في نصف النهائي بفارق أربعة أهداف في المباراة التي احتضنتها الصالة الرياضية الكبرى مساء أمس.\n"
    "وقال المدرب عقب اللقاء إن اللاعبين أظهروا روحا قتالية عالية طوال المباراة، وإن الفريق سيستعد جيدا "
    "للمباراة النهائية التي تقام بعد غد أمام حامل اللقب.\n"
)


def test_a_one_line_breadcrumb_is_the_whole_path_and_the_menu_above_is_not() -> None:
    """why: a dump keeps the menu's section words one a line right above the breadcrumb; the
    breadcrumb over the headline names the page's place, the lines over it are the site's menu."""
    raw = f"الموقع الرياضي\nالرئيسية\nمنوعات\nثقافة\nالرئيسية > رياضة > كرة اليد\n{_HEAD}\n{_BODY}"
    doc = process_text(raw, id="t")
    assert doc.title == _HEAD
    assert doc.sections == ["الرئيسية", "رياضة", "كرة اليد"]


def test_a_bar_that_opens_with_the_home_page_over_the_headline_is_the_path() -> None:
    """why: "الرئيسية | رياضة" reads as a menu bar by its words, but opening with the home page
    and standing right above the headline it is the page's breadcrumb."""
    raw = f"الموقع الرياضي\nالرئيسية\nأخبار\nمحليات\nرياضة\nمنوعات\nالرئيسية | رياضة\n{_HEAD}\n{_BODY}"
    doc = process_text(raw, id="t")
    assert doc.title == _HEAD
    assert doc.sections == ["الرئيسية", "رياضة"]


def test_home_crumbs() -> None:
    """why: a breadcrumb of two levels joined by | is a path only when it opens with the home page;
    a bilingual home link or a bar of other links is a menu."""
    assert is_home_crumb("Home > أخبار > محليات")
    assert is_home_crumb("الصفحة الرئيسية / رياضة")
    assert not is_home_crumb("Accueil | الرئيسية")
    assert not is_home_crumb("من نحن | اتصل بنا")
    assert not is_home_crumb("الرئيسية | كل ما تريد معرفته عن البطولة العربية لكرة اليد")


def test_the_menus_current_item_repeated_over_the_headline_is_the_path() -> None:
    """why: templates print the menu and then the current section again over the headline; the
    repeated item is the page's section, whatever the line model made of it."""
    raw = f"الموقع الرياضي\nالرئيسية\nالخليج\nالعالم\nرياضة\nمنوعات\nالخليج\n{_HEAD}\n{_BODY}"
    doc = process_text(raw, id="t")
    assert doc.title == _HEAD
    assert doc.sections == ["الخليج"]


def test_a_standfirst_may_stand_between_the_path_and_the_headline() -> None:
    """why: some sites print a standfirst over the headline, under the section's name; the path
    is read past it."""
    raw = (
        "الموقع الرياضي\nالرئيسية\nمحليات\nرياضة\nمنوعات\nرياضة\n"
        "فوز عريض في نصف النهائي بفارق أربعة أهداف أمام جمهور غفير\n"
        f"{_HEAD}\nالرياض - سامي العتيبي\n{_BODY}"
    )
    doc = process_text(raw, id="t")
    assert doc.title == _HEAD
    assert doc.sections == ["رياضة"]


def test_the_current_item_repeated_under_a_short_menu_is_the_path() -> None:
    """why: a path names no level twice; a menu of two items and its current item repeated under it
    ("رياضة" / "منوعات" / "رياضة") leave that item alone as the path, not all three lines."""
    raw = f"النبأ\nرياضة\nمنوعات\nرياضة\n{_HEAD}\nالرياض - سامي العتيبي\n{_BODY}"
    doc = process_text(raw, id="t")
    assert doc.title == _HEAD
    assert doc.sections == ["رياضة"]
