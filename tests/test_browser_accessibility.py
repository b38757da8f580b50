"""Accessibility: axe-core, injected into pages of the example site in real Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser
AXE = ROOT / "tests" / "vendor" / "axe.min.js"
BLOCKING = {"serious", "critical"}
PAGES = {
    "home": "",
    "day": "timeline/2022/03/29/",
    "actor": "actors/john-kirby/",
    "entry": "entries/russia-reduces-kyiv-activity/",
    "entry with answers elsewhere": "entries/kirby-repositioning/",
    "places": "places/",
    "place": "places/kyiv/",
    "contested": "contested/",
    "month": "timeline/2022/03/",
    "topic": "topics/withdrawal/",
    "data": "data/",
    "search results": "search/?q=Kyiv",
    "a linked statement": "entries/russia-reduces-kyiv-activity/#quote-good-faith",
    "page not found": "404.html",
}
PHONE = {"width": 375, "height": 800}


def violations(page: Any) -> list[dict[str, Any]]:
    """Run axe on the loaded page and return its violations."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return list(result["violations"])


@pytest.mark.parametrize("address", PAGES.values(), ids=PAGES.keys())
def test_no_serious_or_critical_violation(page: Any, example_url: str, address: str) -> None:
    page.goto(example_url + address, wait_until="networkidle")
    found = [
        f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in violations(page)
        if v["impact"] in BLOCKING
    ]
    assert not found, "\n".join(found)


def test_axe_finds_a_violation_when_there_is_one(page: Any, example_url: str) -> None:
    """The scan can fail: an image without a text alternative is a critical violation."""
    page.goto(example_url)
    page.evaluate(
        "() => { const img = document.createElement('img'); img.src = 'x.png';"
        " document.querySelector('article').append(img); }"
    )
    assert "image-alt" in {v["id"] for v in violations(page) if v["impact"] in BLOCKING}


def test_axe_is_vendored_with_its_licence() -> None:
    assert AXE.read_text(encoding="utf-8").startswith("/*! axe v4.14.1")
    assert (AXE.parent / "axe-core.LICENSE").read_text().startswith("Mozilla Public License")
    assert Path(AXE.parent / "README.md").is_file()


@pytest.mark.parametrize("address", ["", "timeline/2022/03/29/"], ids=["home", "day"])
def test_no_serious_or_critical_violation_on_a_phone(
    page: Any, example_url: str, address: str
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(example_url + address, wait_until="networkidle")
    found = [v["id"] for v in violations(page) if v["impact"] in BLOCKING]
    assert not found


def test_on_a_phone_tab_goes_from_the_header_to_the_page_not_into_the_closed_menu(
    page: Any, example_url: str
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(example_url + "entries/kirby-repositioning/")
    for _ in range(12):
        page.keyboard.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
        assert not inside, "focus went into the closed menu"
    page.locator("label.md-header__button[for=__drawer]").click()  # the menu button
    page.wait_for_function(
        "getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'visible'"
    )


@pytest.mark.parametrize("width", [PHONE["width"], 1200])  # below a desktop's width
def test_the_keyboard_opens_the_navigation_and_closes_it_again(
    page: Any, example_url: str, width: int
) -> None:
    """Material's menu button is a label for a hidden checkbox: without drawer.js, Tab
    never reaches it, and a reader without a mouse cannot open the navigation."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(example_url + "entries/kirby-repositioning/")
    button = page.get_by_role("button", name="Navigation")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('for') === '__drawer'"):
            break
    assert button.evaluate("b => b === document.activeElement"), "Tab never reached the menu"
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_function(
        "getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'visible'"
    )
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__drawer').checked")
    assert button.evaluate("b => b === document.activeElement")
    assert page.errors == []


def test_tab_skips_a_closed_section_of_the_menu_and_leaving_the_menu_closes_it(
    page: Any, example_url: str
) -> None:
    """Tab went into "About"'s closed section (its panel waits off the drawer's edge), and
    on past the menu into the page behind it, the menu still open over it."""
    page.set_viewport_size(PHONE)
    page.goto(example_url + "entries/kirby-repositioning/")
    page.get_by_role("button", name="Navigation").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('__drawer').checked")
    reached = []
    for _ in range(15):
        page.keyboard.press("Tab")
        where = page.evaluate(
            "() => { const e = document.activeElement;"
            " return [e.closest('.md-sidebar--primary') ? 'menu' : 'page', e.textContent.trim()]; }"
        )
        reached.append(where)
        if where[0] == "page":
            break
    in_menu = [text for place, text in reached if place == "menu"]
    assert "About" in in_menu and "Methodology" not in in_menu, reached
    assert reached[-1][0] == "page", reached
    page.wait_for_function("!document.getElementById('__drawer').checked")
    # Opened, the section's links are reached.
    page.get_by_role("button", name="Navigation").focus()
    page.keyboard.press("Enter")
    page.locator(".md-sidebar--primary label.md-nav__link", has_text="About").click()
    page.get_by_role("link", name="Methodology").wait_for()
    assert page.get_by_role("link", name="Methodology").is_visible()
    assert page.errors == []


def test_the_result_count_is_announced(page: Any, example_url: str) -> None:
    """Pagefind rewrites "13 results for kyiv" in place: a status region repeats it."""
    page.goto(example_url + "search/?q=Kyiv")
    status = page.get_by_role("status")
    status.wait_for(state="attached")
    page.wait_for_function(
        "/results? for/.test(document.querySelector('[role=status]').textContent)"
    )
    assert "for Kyiv" in status.text_content() or "for kyiv" in status.text_content().lower()
