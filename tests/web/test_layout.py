"""Every page at a phone's width and a desktop's: nothing wider than the viewport (issue 18, item 2)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")

from web_support import CHROMIUM, chromium, live_server, web_archive

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PAGES = [
    "/",
    "/?q=%D9%88%D8%B2%D9%8A%D8%B1",
    "/entities",
    "/places",
    "/events",
    "/meetings",
    "/stats",
    "/api",
]

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


def _wider_than_viewport(page: Any) -> list[str]:
    """The elements whose right or left edge lies outside the viewport (the page scrolls sideways)."""
    return list(
        page.evaluate(
            """() => {
              const w = document.documentElement.clientWidth, out = [];
              for (const el of document.querySelectorAll('body *')) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || getComputedStyle(el).position === 'fixed') continue;
                if (el.closest('details:not([open])') || el.closest('pre')) continue;
                if (el.ownerSVGElement) continue;  // clipped by its SVG's box
                if (r.right > w + 1 || r.left < -1)
                  out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.width));
              }
              return out.slice(0, 8);
            }"""
        )
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_scrolls_sideways(browser: Any, base_url: str, width: int) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 800}, locale="ar")
    page = ctx.new_page()
    ARTIFACTS.mkdir(exist_ok=True)
    doc = page.goto(base_url + "/?q=%D8%A7%D8%AF%D9%84%D8%A8")
    assert doc is not None
    first = page.locator("ol.hits a").first.get_attribute("href")
    problems = {}
    for path in [*PAGES, first]:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        client = page.evaluate("document.documentElement.clientWidth")
        if scroll > client + 1:
            problems[path] = (scroll, client, _wider_than_viewport(page))
        name = path.strip("/").split("?")[0].replace("/", "-") or "home"
        page.screenshot(path=str(ARTIFACTS / f"layout-{width}-{name[:40]}.png"))
    ctx.close()
    for path, (scroll, client, els) in problems.items():
        print(f"{width} {path}: scroll {scroll} > {client}: {els}")
    assert not problems, sorted(problems)


def test_highlights_switch_off_by_kind_and_all_at_once(browser: Any, base_url: str) -> None:
    # per-category toggles and a plain reading mode, CSS only (they work without JavaScript)
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar", java_script_enabled=False)
    page = ctx.new_page()
    page.goto(base_url + "/?q=%D8%A7%D8%AF%D9%84%D8%A8")
    page.goto(base_url + str(page.locator("ol.hits a").first.get_attribute("href")))
    bg = "el => getComputedStyle(el).backgroundColor"
    person, place = page.locator(".document .ent-PERSON").first, page.locator(".document .ent-LOC").first
    assert person.evaluate(bg) != "rgba(0, 0, 0, 0)"
    page.click("label[for=hl-person]")
    assert person.evaluate(bg) == "rgba(0, 0, 0, 0)" and place.evaluate(bg) != "rgba(0, 0, 0, 0)"
    page.click("label[for=plain-reading]")
    assert place.evaluate(bg) == "rgba(0, 0, 0, 0)"
    ctx.close()
