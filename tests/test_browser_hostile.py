"""Pages built from hostile records, in real Chromium: hovering and clicking runs no script.

Every payload in tests/fixtures/bad sets `window.__pwned` or opens a dialog. We load
each page, move the mouse over every element, focus it and click it (links are kept
from navigating), and then ask the page whether anything ran. A hand-made page with
a live payload proves the harness would notice.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

# Fire the events payloads hook: hover, focus and click on every element of the content.
POKE = """() => {
  document.addEventListener('click', e => e.preventDefault(), true);
  const all = Array.from(document.querySelectorAll('body *')).slice(0, 1500);
  for (const el of all) {
    for (const type of ['mouseover', 'mouseenter', 'mousemove', 'focus', 'click', 'dblclick']) {
      el.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true}));
    }
    if (typeof el.focus === 'function') el.focus();
  }
  return all.length;
}"""


def hostile_pages(site: Path) -> list[str]:
    """Return the pages the hostile records appear on: entries, actors, days, topics, home."""
    pages = [""]
    for folder in ("entries", "actors", "timeline", "topics", "places"):
        pages += [
            p.relative_to(site).as_posix().removesuffix("index.html")
            for p in sorted((site / folder).rglob("index.html"))
        ]
    return pages


def visit(page: Any, url: str, ready: str = "") -> tuple[object, list[str], int]:
    """Load a page, hover over and poke every element; return the marker, dialogs, count."""
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url, wait_until="load")
    if ready:  # content a script renders after loading, such as search results
        page.locator(ready).first.wait_for(timeout=10_000)
    content = page.locator("article, .md-content").first
    for element in content.locator("a, img, p, li, figure, td, h1, h2, span").all()[:15]:
        if element.is_visible():
            element.hover(timeout=2000, force=True)
    poked = page.evaluate(POKE)
    page.wait_for_timeout(50)  # let timers a payload might set fire
    marker = page.evaluate("window.__pwned")
    page.remove_listener("dialog", on_dialog)
    return marker, dialogs, poked


def test_no_record_script_runs_on_any_hostile_page(
    page: Any, hostile_site: Path, serve_site: functools.partial[str]
) -> None:
    url = serve_site(hostile_site)
    pages = hostile_pages(hostile_site)
    assert any(p.startswith("entries/script-in-every-field") for p in pages)
    ran = {}
    for address in pages:
        marker, dialogs, poked = visit(page, url + address)
        assert poked > 50, f"{address}: the page did not render"
        if marker is not None or dialogs:
            ran[address] = (marker, dialogs)
    assert ran == {}


def test_the_harness_notices_a_live_payload(
    page: Any, tmp_path: Path, serve_site: functools.partial[str]
) -> None:
    (tmp_path / "index.html").write_text(
        "<!doctype html><html><body><article><p>Hello</p>"
        "<p onmouseover=\"window.__pwned = 'hover'\">hover me</p>"
        '<img src="data:," onclick="alert(\'click\')" width=10 height=10>'
        + "<p>filler</p>" * 60
        + "</article></body></html>",
        encoding="utf-8",
    )
    marker, dialogs, _ = visit(page, serve_site(tmp_path))
    assert marker == "hover"
    assert dialogs == ["click"]


def test_searching_for_the_payloads_runs_none_of_them(
    page: Any, hostile_site: Path, serve_site: functools.partial[str]
) -> None:
    url = serve_site(hostile_site)
    # Result titles, excerpts and the filter lists (actors, places) all show record text.
    for words in ("pwned", "script", "onerror", "Evilton", "Mallory", "window"):
        # visit() waits for a result to appear (and fails if none does), then pokes it
        marker, dialogs, _ = visit(page, f"{url}search/?q={words}", ".pagefind-ui__result")
        assert (marker, dialogs) == (None, [])
