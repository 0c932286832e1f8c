"""The UI in a real browser: Playwright driving Debian's chromium against ``khabar serve`` on loopback.

A reader's path: search, open the seed, show the removed boilerplate, follow a person, look at the
map, the events and the stats; then the same without JavaScript, and a crawled XSS page. Screenshots
go to tests/artifacts/ (git-ignored) for a person to look at. The browser is Debian's
(``make test`` installs it); Playwright never downloads one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")

from web_support import CHROMIUM, XSS_TITLE, chromium, live_server, web_archive  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SEED_TITLE = "ماذا في زيارة الرئيس الأسد إلى موسكو؟"

if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (make test installs it as root)", allow_module_level=True)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with live_server(web_archive()) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    pg = ctx.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
    pg.problems = problems
    yield pg
    ctx.close()


def shot(page: Any, name: str, *, full: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def test_search_document_boilerplate_entity(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("input[name=q]", "ادلب")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    first = page.locator("ol.hits li.hit").first
    assert first.locator("h2").inner_text() == SEED_TITLE
    assert first.locator(".snippet mark").first.inner_text() in ("إدلب", "وإدلب")
    # the web font is the shipped one, and it is in use
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/\"/g, ''))"
    )
    assert "Noto Naskh Arabic" in loaded
    assert "Noto Naskh Arabic" in page.evaluate("getComputedStyle(document.body).fontFamily")
    # right to left: the results column starts at the right edge, facets are on the left
    results = page.locator("section.results").bounding_box()
    facets = page.locator("aside.facets").bounding_box()
    assert facets["x"] > results["x"]  # the facets column is at the (right-hand) start
    shot(page, "01-search")

    first.locator("h2 a").click()
    page.wait_for_url("**/documents/**")
    assert page.locator("h1.blk-title").inner_text() == SEED_TITLE
    assert page.locator(".document .qhit").count() >= 1
    boiler = page.locator("p.boilerplate").first
    assert not boiler.is_visible()
    shot(page, "02-document")
    page.click("label.toggle-label")
    assert boiler.is_visible()
    assert "زر الذهاب إلى الأعلى" in page.locator("p.boilerplate del").all_inner_texts()
    # the reason in Arabic, its code in the tooltip
    reason = page.locator("p.boilerplate .reason").first
    assert reason.inner_text() == "العودة إلى الأعلى"
    assert (reason.get_attribute("title") or "").startswith(("lexicon:", "feature:", "pattern:"))
    page.locator("p.boilerplate").last.scroll_into_view_if_needed()
    shot(page, "03-document-boilerplate")
    # the choice is remembered (the one place JavaScript helps)
    page.reload()
    assert page.locator("p.boilerplate").first.is_visible()
    page.click("label.toggle-label")

    person = page.locator(".document a.ent-PERSON").first
    name = person.inner_text()
    person.click()
    page.wait_for_url("**/entities/**")
    assert page.locator("h1 bdi").inner_text() == name
    assert page.locator(".entity-docs li").count() >= 1
    assert page.locator("section.roles tbody tr").count() >= 1
    shot(page, "04-entity", full=True)
    assert page.problems == []


def test_places_events_stats_pages(page: Any, base_url: str) -> None:
    page.goto(base_url + "/places")
    page.wait_for_load_state("load")
    assert page.locator("circle.marker").count() > 10
    # the outline is drawn (the shipped SVG loaded as an image, no network)
    assert page.evaluate("document.querySelector('svg.world image').getBBox().width") > 0
    shot(page, "05-places")
    page.locator("figure.map-world svg a").last.click()  # the largest marker is drawn last
    page.wait_for_url("**/entities/**")

    page.goto(base_url + "/events")
    assert page.locator("table.events tbody tr").count() >= 2
    assert page.locator("svg.timeline rect").count() >= 1
    shot(page, "06-events")
    page.select_option("select[name=type]", "CONSULT")
    page.click("form.filters button")
    page.wait_for_url("**/events?type=CONSULT*")
    # the type in Arabic, its PLOVER code in the link and the tooltip
    assert set(page.locator("table.events tbody td:nth-child(2) a").all_inner_texts()) == {"لقاء وتشاور"}
    assert set(
        page.locator("table.events tbody td:nth-child(2) a").evaluate_all("els => els.map(e => e.title)")
    ) == {"PLOVER CONSULT"}

    page.goto(base_url + "/stats")
    assert page.locator("svg.chart.bars").count() >= 2
    shot(page, "07-stats", full=True)
    assert page.problems == []


def test_reading_works_without_javascript(browser: Any, base_url: str) -> None:
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(base_url + "/?q=" + "زيارة الرئيس")
    page.locator("ol.hits li.hit h2 a").first.click()
    page.wait_for_url("**/documents/**")
    assert not page.locator("p.boilerplate").first.is_visible()
    page.click("label.toggle-label")  # the toggle is a checkbox and CSS, no script needed
    assert page.locator("p.boilerplate").first.is_visible()
    page.locator(".facets, .document").first.wait_for()
    ctx.close()


def test_crawled_payloads_render_as_text(page: Any, base_url: str) -> None:
    page.goto(base_url + "/?site=evil.example")
    link = page.locator("ol.hits li.hit h2 a").first
    assert link.inner_text() == XSS_TITLE
    link.click()
    page.wait_for_url("**/documents/**")
    page.click("label.toggle-label")
    assert page.locator("h1.blk-title").inner_text() == XSS_TITLE
    assert '<a href="javascript:alert(2)">' in page.locator(".document").inner_text()
    # nothing from the page became an element, and nothing ran
    assert page.locator(".document script, .document img, .document a[href^='javascript']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    shot(page, "08-xss")
    assert page.problems == []
