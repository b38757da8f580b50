"""A reader's path through the example site in real Chromium: home, a day, an actor, back."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def heading(page: Any) -> str:
    """Return the page's title as shown, without the permalink mark after it."""
    return str(page.locator("article h1").first.inner_text()).replace("¶", "").strip()


def test_from_home_a_reader_reaches_a_day_an_actor_and_comes_back(
    page: Any, example_url: str
) -> None:
    page.goto(example_url)
    assert heading(page) == "Conflict Chronicle"
    # The timeline chart's bar for the busiest day leads to that day's page.
    page.locator('.cc-chart a[aria-label^="29 March 2022:"]').click()
    page.wait_for_url("**/timeline/2022/03/29/")
    assert heading(page) == "29 March 2022"
    content = page.locator("article")
    assert content.get_by_role("link", name="Pentagon calls Russian moves near Kyiv").is_visible()
    # From the day, the first card naming John Kirby leads to his page.
    page.locator(".cc-entry .cc-meta").get_by_role("link", name="John Kirby").first.click()
    page.wait_for_url("**/actors/john-kirby/")
    assert heading(page) == "John Kirby"
    assert page.get_by_role("heading", name="In their own words").is_visible()
    page.go_back()
    page.wait_for_url("**/timeline/2022/03/29/")
    assert heading(page) == "29 March 2022"
    page.go_back()
    page.wait_for_url(example_url)
    assert heading(page) == "Conflict Chronicle"
    assert page.errors == []


def test_a_reader_follows_the_navigation_to_an_entry_and_home(page: Any, example_url: str) -> None:
    page.goto(example_url)
    page.locator(".md-tabs").get_by_role("link", name="Timeline").click()
    page.wait_for_url("**/timeline/")
    page.locator("article").get_by_role("link", name="March 2022", exact=True).click()
    page.wait_for_url("**/timeline/2022/03/")
    page.locator("article").get_by_role("link", name="28 March 2022", exact=True).click()
    page.wait_for_url("**/timeline/2022/03/28/")
    page.locator("article").get_by_role("link", name="Senior US defence official").first.click()
    page.wait_for_url("**/entries/us-official-donbas-priority/")
    assert page.locator("#quote-donbas-priority").is_visible()
    page.locator(".md-header").get_by_role("link").first.click()
    page.wait_for_url(example_url)
    assert heading(page) == "Conflict Chronicle"
    assert page.errors == []


def test_a_reader_who_trims_an_entry_url_finds_the_entries_and_the_ways_to_them(
    page: Any, example_url: str
) -> None:
    """/entries/ is a page, not a 404: it lists the latest entries and leads to the indexes."""
    response = page.goto(example_url + "entries/")
    assert response is not None and response.status == 200
    assert heading(page) == "Entries"
    assert page.locator("article").get_by_text("6 entries").is_visible()
    page.locator("article").get_by_role("link", name="Senior US defence official").first.click()
    page.wait_for_url("**/entries/us-official-donbas-priority/")
    page.go_back()
    page.locator("article").get_by_role("link", name="timeline", exact=True).click()
    page.wait_for_url("**/timeline/")
    assert page.errors == []


def test_a_link_in_an_entrys_text_leads_to_the_entry_it_names(page: Any, example_url: str) -> None:
    """The editor linked the record's file; the reader follows a link to its page."""
    page.goto(example_url + "entries/kirby-repositioning/")
    body = page.locator(".cc-body")
    body.get_by_role("link", name="said it would scale back military activity").click()
    page.wait_for_url("**/entries/russia-reduces-kyiv-activity/")
    assert heading(page).startswith("Russia says it will reduce military activity near Kyiv")
    assert page.errors == []


def test_a_reader_follows_an_entrys_topic_to_the_topics_page(page: Any, example_url: str) -> None:
    """Topics show the name their file gives (`content/topics/us-response.md`), not the id."""
    page.goto(example_url + "entries/kirby-repositioning/")
    page.locator("article").get_by_role("link", name="US response", exact=True).click()
    page.wait_for_url("**/topics/us-response/")
    assert heading(page) == "Topic: US response"
    assert "What the US government, the Pentagon" in page.locator("article").inner_text()
    page.get_by_role("link", name="Topics", exact=True).last.click()
    page.wait_for_url("**/topics/")
    assert "US response: 3 entries" in page.locator("article").inner_text()
    assert page.errors == []


def test_a_reader_follows_the_timeline_day_by_day(page: Any, example_url: str) -> None:
    page.goto(example_url + "timeline/2022/03/28/")
    days = page.get_by_role("navigation", name="Days", exact=True)
    days.get_by_role("link", name="29 March 2022").click()
    page.wait_for_url("**/timeline/2022/03/29/")
    assert heading(page) == "29 March 2022"
    back = page.get_by_role("navigation", name="Days", exact=True).get_by_role("link")
    assert back.all_inner_texts() == ["← 28 March 2022"]  # the last day has no next
    above = page.get_by_role("navigation", name="Days (top)").get_by_role("link")
    assert above.all_inner_texts() == ["← 28 March 2022"]  # a busy day: above its entries too
    assert page.get_by_role("navigation", name="Entries").count() == 0  # on entry pages
    assert page.errors == []
