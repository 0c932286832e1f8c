"""Arabic in the UI: number agreement and labels for stored codes (issue 18, item 1)."""

from __future__ import annotations

import pytest

from khabar.events.lexicon import MODES, TYPES
from khabar.web.i18n import NOUNS, count, label, plural_category


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "لا نتائج"),
        (1, "نتيجة واحدة"),
        (2, "نتيجتان"),
        (3, "3 نتائج"),
        (10, "10 نتائج"),
        (11, "11 نتيجة"),
        (100, "100 نتيجة"),
        (103, "103 نتائج"),
        (1000, "1,000 نتيجة"),
    ],
)
def test_results_agree_with_their_number(n: int, text: str) -> None:
    assert count(n, "result") == text


def test_masculine_nouns_take_a_masculine_one() -> None:
    assert count(1, "event") == "حدث واحد" and count(2, "event") == "حدثان" and count(3, "event") == "3 أحداث"
    assert count(8, "entity") == "8 كيانات"  # was "8 كيان"


def test_plural_categories_follow_cldr() -> None:
    cats = {n: plural_category(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 200)}
    assert cats == {
        **{0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many"},
        **{100: "other", 101: "other", 102: "other", 103: "few", 111: "many", 200: "other"},
    }


def test_every_noun_has_its_forms() -> None:
    # singular, dual and plural always; the agreeing "one" may be empty (an adjective already agrees)
    assert all(len(forms) == 4 and all(forms[:3]) for forms in NOUNS.values())


def test_every_plover_type_and_mode_has_an_arabic_label() -> None:
    for t in TYPES:
        assert label("type", t) != t and not label("type", t).isascii()
        for m in MODES.get(t, ()):
            assert label("mode", m) != m, (t, m)
    assert label("type", "UNKNOWN") == "UNKNOWN" and label("mode", None) == ""


def test_sites_are_shown_by_their_outlet_names() -> None:
    from khabar.web.i18n import site_name

    # SaudiNewsNet's slugs and an outlet's host read as the outlet ("was" was shown for واس)
    assert [site_name(s) for s in ("was", "alriyadh", "www.aawsat.com")] == ["واس", "الرياض", "الشرق الأوسط"]
    assert site_name("example.com") == "example.com" and site_name(None) == ""


ALLOWED_ASCII = {
    "khabar",
    "API",
    "PLOVER",
    "CSV",
    "JSON",
    "Lines",
    "Noto",
    "Naskh",
    "Arabic",
    "Natural",
    "Earth",
}


def _ui_words(html: str) -> list[str]:
    """The Latin words of a page outside what is not UI text: crawled strings (in <bdi>), code, times,
    scripts, and elements marked left-to-right or English (URLs, ids, file names)."""
    import re
    from html.parser import HTMLParser

    class Walk(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[bool] = []
            self.words: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
                return
            a = dict(attrs)
            skip = tag in ("script", "style", "code", "pre", "time", "bdi", "title", "option")
            # crawled Latin strings are marked ltr (dir in HTML, direction in SVG); chart text is UI
            ltr = a.get("dir") == "ltr" or a.get("direction") == "ltr"
            self.stack.append(skip or ltr or a.get("lang") == "en")

        def handle_endtag(self, tag: str) -> None:
            if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr", "source") and self.stack:
                self.stack.pop()

        def handle_data(self, data: str) -> None:
            if not any(self.stack):
                self.words += re.findall(r"[A-Za-z][A-Za-z_\-]+", data)

    w = Walk()
    w.feed(html)
    return w.words


def test_no_english_in_the_arabic_ui() -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient
    from web_support import web_archive

    from khabar.web.app import create_app

    with TestClient(create_app(web_archive())) as c:
        first = c.get("/api/search", params={"q": "وزير"}).json()["results"][0]["id"]
        person = c.get("/api/entities").json()
        key = next(e["key"] for e in person.get("results", person) if str(e["key"]).startswith("person:"))
        pages = ["/", "/?q=وزير", "/?q=ادلب&page=500", "/?q=x&page=9999999", "/entities", "/places"]
        pages += [
            "/events",
            "/meetings",
            "/stats",
            f"/documents/{first}",
            f"/entities/{key}",
            "/documents/nope",
        ]
        found = {p: sorted(set(_ui_words(c.get(p).text)) - ALLOWED_ASCII) for p in pages}
    assert not {p: w for p, w in found.items() if w}, found


def test_urls_are_shown_decoded() -> None:
    from khabar.web.i18n import display_url

    url = "http://www.aawsat.com/home/article/410416/%D8%A3%D9%88%D8%A8%D8%A7%D9%85%D8%A7"
    assert display_url(url) == "aawsat.com/home/article/410416/أوباما"
    assert display_url(None) == ""
