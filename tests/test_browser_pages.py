"""Every page of the example site in real Chromium: no JavaScript errors, a working map."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.escaping import json_attribute

pytestmark = pytest.mark.browser
UNREACHABLE_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # the discard port: nothing answers
BATCH = 16


def site_pages(site: Path) -> list[str]:
    """Return the address of every HTML page of a built site, from its root."""
    found = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        found.append(rel.removesuffix("index.html"))
    return found


def watch(page: Any) -> list[str]:
    """Return a list that collects the page's script errors and console errors."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return errors


def test_no_page_logs_a_javascript_error(
    browser: Any, example_site: Path, example_url: str
) -> None:
    addresses = site_pages(example_site)
    assert len(addresses) > 40  # every day, entry, actor, place and topic page, and more
    failures = {}
    context = browser.new_context()
    try:
        # Pages load a batch at a time, each until its network is idle: some errors
        # come from requests a page makes after it has loaded.
        for start in range(0, len(addresses), BATCH):
            batch = addresses[start : start + BATCH]
            opened = [(address, context.new_page()) for address in batch]
            watched = [(address, page, watch(page)) for address, page in opened]
            for address, page, _ in watched:
                page.goto(example_url + address, wait_until="commit")
            for address, page, errors in watched:
                page.wait_for_load_state("networkidle")
                if errors:
                    failures[address] = errors
                page.close()
    finally:
        context.close()
    assert not failures, failures


def test_places_map_draws_every_marker_above_the_list(page: Any, example_url: str) -> None:
    page.goto(example_url + "places/", wait_until="networkidle")
    assert page.locator("#cc-map").is_visible()
    assert page.locator("#cc-map .leaflet-marker-icon").count() == 5
    assert page.locator("#cc-map .leaflet-marker-icon[alt='Kyiv']").count() == 1
    # Country borders shipped with the site are drawn under the markers.
    assert page.locator("#cc-map path.leaflet-interactive, #cc-map svg path").count() > 100
    page.locator("#cc-map .leaflet-marker-icon[alt='Kyiv']").click()
    popup = page.locator(".leaflet-popup-content a")
    assert popup.inner_text() == "Kyiv"
    popup.click()
    page.wait_for_url("**/places/kyiv/")
    assert page.errors == []


def test_a_marker_opened_from_the_keyboard_takes_focus_to_its_link_and_back(
    page: Any, example_url: str
) -> None:
    page.goto(example_url + "places/", wait_until="networkidle")
    marker = page.locator("#cc-map .leaflet-marker-icon[alt='Kyiv']")
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.closest('.leaflet-popup-content') !== null")
    assert page.evaluate("document.activeElement.textContent") == "Kyiv"
    page.keyboard.press("Escape")
    page.wait_for_function("document.activeElement.getAttribute('alt') === 'Kyiv'")
    page.locator(".leaflet-popup").wait_for(state="detached")  # closed
    assert page.errors == []


def map_layout(page: Any) -> dict[str, Any]:
    """Return the boxes of the map, of its pins and of the place names it shows."""
    return page.evaluate(
        """() => {
          const box = n => { const r = n.getBoundingClientRect();
                             return [r.left, r.top, r.right, r.bottom]; };
          const names = [...document.querySelectorAll('#cc-map .cc-map-label')];
          return {
            map: box(document.getElementById('cc-map')),
            names: names.filter(n => n.checkVisibility()).map(n => [n.textContent, box(n)]),
            pins: [...document.querySelectorAll('#cc-map .leaflet-marker-icon')]
              .map(n => [n.alt, box(n)]),
          };
        }"""
    )


def overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_names_readable(layout: dict[str, Any]) -> None:
    """Every name shown is inside the map, on no other name and on no other place's pin."""
    names, pins, frame = layout["names"], layout["pins"], layout["map"]
    for i, (name, box) in enumerate(names):
        assert frame[0] <= box[0] and box[2] <= frame[2], (name, box, frame)
        assert frame[1] <= box[1] and box[3] <= frame[3], (name, box, frame)
        covered = [other for other, pin in pins if other != name and overlap(box, pin)]
        assert not covered, f"{name} covers the pin of {covered}"
        over = [other for other, at in names[i + 1 :] if overlap(box, at)]
        assert not over, f"{name} overlaps {over}"


@pytest.mark.parametrize("width", [390, 1280])
def test_places_map_names_cover_no_pin_and_no_other_name(
    page: Any, example_url: str, width: int
) -> None:
    """Kyiv, Donbas, Moscow and Istanbul are close: their names covered each other's pins."""
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(example_url + "places/", wait_until="networkidle")
    layout = map_layout(page)
    assert_names_readable(layout)
    assert len(layout["names"]) >= 3, layout["names"]
    # A name without room shows while its pin has the keyboard's focus.
    for name in ["Donbas", "Istanbul", "Kyiv", "Moscow", "Washington"]:
        page.locator(f"#cc-map .leaflet-marker-icon[alt='{name}']").focus()
        assert name in [shown for shown, _ in map_layout(page)["names"]], name
    assert page.errors == []


def test_a_crowded_map_names_what_fits_and_more_as_it_zooms_in(page: Any, example_url: str) -> None:
    """Sixty places ten kilometres apart: names that would collide wait for a zoom."""
    crowd = [
        {"id": f"p{i}", "name": f"Place {i:02d}", "lat": 48 + (i % 8) * 0.09,
         "lng": 35 + (i // 8) * 0.13, "href": f"p{i}/", "label": "1 entry", "entries": i % 5}
        for i in range(60)
    ]  # fmt: skip

    def crowded(route: Any) -> None:
        response = route.fetch()
        body = re.sub(r'data-places="[^"]*"', f'data-places="{json_attribute(crowd)}"',
                      response.text())  # fmt: skip
        route.fulfill(response=response, body=body)

    page.route(example_url + "places/", crowded)
    page.emulate_media(reduced_motion="reduce")  # no zoom animation: each zoom is one step
    page.goto(example_url + "places/", wait_until="networkidle")
    first = map_layout(page)
    assert_names_readable(first)
    assert 0 < len(first["names"]) < 60
    hidden = next(p["name"] for p in crowd if p["name"] not in dict(first["names"]))
    page.locator(f"#cc-map .leaflet-marker-icon[alt='{hidden}']").focus()
    assert hidden in dict(map_layout(page)["names"])
    page.locator(".leaflet-control-zoom-in").click()
    zoomed = map_layout(page)
    assert_names_readable(zoomed)
    assert len(zoomed["names"]) > len(first["names"]), (first["names"], zoomed["names"])
    assert page.errors == []


def test_places_map_draws_no_band_across_the_world_and_no_flag(page: Any, example_url: str) -> None:
    """An outline crossing the 180th meridian, drawn as it comes, spans the whole map."""
    page.goto(example_url + "places/", wait_until="networkidle")
    width = page.locator("#cc-map").bounding_box()["width"]
    widths = page.eval_on_selector_all(
        "#cc-map svg path", "paths => paths.map(p => p.getBoundingClientRect().width)"
    )
    assert len(widths) > 100
    assert max(widths) < 0.75 * width, max(widths)
    credit = page.locator(".leaflet-control-attribution")
    assert credit.locator("svg, img").count() == 0  # Leaflet's default carries a flag
    assert "Leaflet" in credit.inner_text()


def test_without_javascript_the_places_list_stands_alone(browser: Any, example_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(example_url + "places/")
        assert not page.locator("#cc-map").is_visible()
        assert page.get_by_role("link", name="Kyiv").is_visible()
    finally:
        context.close()


def test_map_degrades_when_tiles_cannot_load(browser: Any, example_url: str) -> None:
    """Configure a tile server nobody answers: tile loads fail, nothing else does."""
    context = browser.new_context()
    errors: list[str] = []
    failed: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.on("console", lambda msg: errors.append(f"{msg.text} {msg.location.get('url')}")
                if msg.type == "error" else None)  # fmt: skip

        def with_tiles(route: Any) -> None:
            response = route.fetch()
            body = response.text().replace('"tiles": ""', f'"tiles": "{UNREACHABLE_TILES}"')
            assert UNREACHABLE_TILES in body
            route.fulfill(response=response, body=body)

        page.route(example_url + "places/", with_tiles)
        page.goto(example_url + "places/", wait_until="networkidle")
        assert failed and all(url.startswith("http://127.0.0.1:9/") for url in failed)
        # A failed tile is the only kind of error: no script error, nothing else missing.
        assert all("Failed to load resource" in e and "127.0.0.1:9/" in e for e in errors), errors
        assert "cc-map--plain" in (page.locator("#cc-map").get_attribute("class") or "")
        assert page.locator("#cc-map .leaflet-marker-icon").count() == 5
        assert page.get_by_role("link", name="Washington").is_visible()
    finally:
        context.close()


def test_charts_stay_readable_on_a_phone(page: Any, example_url: str) -> None:
    """Shrunk to a phone's width, a chart's labels were six pixels high; it scrolls instead."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(example_url + "timeline/")
    label = page.locator(".cc-chart .cc-axis text").first.bounding_box()
    assert label["height"] >= 9, label
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the page does not


def test_a_chart_that_scrolls_on_a_phone_opens_at_its_latest_busy_bar(
    page: Any, example_url: str
) -> None:
    """A year's chart opened at December: with entries only in March, a reader saw no bar."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(example_url + "timeline/2022/")
    bars = page.locator(".cc-chart-bars")
    march = page.locator(".cc-chart a[aria-label^='March 2022']")
    march.wait_for()
    view, bar = bars.bounding_box(), march.bounding_box()
    assert view["x"] <= bar["x"] and bar["x"] + bar["width"] <= view["x"] + view["width"]
    caption = page.locator(".cc-chart figcaption").evaluate(
        "c => getComputedStyle(c, '::after').content"
    )
    assert caption == '" (swipe to see other dates)"'
    # The chronicle's own chart ends at its latest entry: it stays where it opens.
    page.goto(example_url + "timeline/")
    assert page.locator(".cc-chart-bars").evaluate("b => b.scrollLeft") == 0
    assert page.locator(".cc-chart--moved").count() == 0
    assert page.errors == []


@pytest.mark.parametrize("width", [390, 1280])
def test_a_month_chart_keeps_its_scale_in_view_on_a_phone_and_a_desktop(
    page: Any, example_url: str, width: int
) -> None:
    """On a phone the bars scroll sideways and open at the month's end: the scale drawn
    among them was off the screen, to the left of the first day."""
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(example_url + "timeline/2022/03/")
    scale = page.locator(".cc-chart .cc-axis text")
    assert [scale.nth(i).text_content() for i in range(2)] == ["5", "0"]
    busiest = page.locator(".cc-chart a[aria-label^='29 March 2022']")
    for box in [scale.nth(0).bounding_box(), scale.nth(1).bounding_box(), busiest.bounding_box()]:
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    # The bars still scroll on a phone (their labels keep a readable size), not on a desktop.
    scrolls = page.evaluate(
        "(s => s.scrollWidth > s.clientWidth)"
        "(document.querySelector('.cc-chart svg[role=group]').parentElement)"
    )
    assert scrolls == (width < 720)
    # The scale and the bars are drawn to one size: their baselines meet.
    heights = page.eval_on_selector_all(
        ".cc-chart svg", "svgs => svgs.map(s => s.getBoundingClientRect().height)"
    )
    assert len(heights) == 2 and abs(heights[0] - heights[1]) < 0.5, heights


def test_in_print_captions_and_dates_are_no_larger_than_the_text(
    page: Any, example_url: str
) -> None:
    """Material prints its text smaller; our sizes, set for the screen, came out larger."""
    page.emulate_media(media="print")
    page.goto(example_url + "entries/kirby-repositioning/")
    sizes = page.evaluate(
        "() => Object.fromEntries(['.md-typeset p:not([class])', '.cc-meta',"
        " '.cc-quote figcaption', '.cc-exchange-label'].map(s =>"
        " [s, parseFloat(getComputedStyle(document.querySelector(s)).fontSize)]))"
    )
    text = sizes.pop(".md-typeset p:not([class])")
    assert all(size <= text for size in sizes.values()), (text, sizes)
