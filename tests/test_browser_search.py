"""Search in real Chromium: the header box, Pagefind's results, its filters, a result's page."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from conftest import build_site

from tests.helpers import article, copy_mini, search_fragments, write

pytestmark = pytest.mark.browser


def search_from_header(page: Any, url: str, words: str) -> Any:
    """Type words into the header's search box on `url`, press Enter; return the result links."""
    page.goto(url)
    box = page.get_by_role("search").get_by_label("Search the chronicle")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    links = page.locator(".pagefind-ui__result-link")
    links.first.wait_for()
    return links


def test_a_body_word_typed_in_the_header_finds_the_kirby_entry(page: Any, example_url: str) -> None:
    links = search_from_header(page, example_url + "actors/", "repositioning")
    titles = links.all_inner_texts()
    assert any(t.startswith("Pentagon calls Russian moves near Kyiv") for t in titles)
    page.get_by_role("link", name="Pentagon calls Russian moves near Kyiv").first.click()
    page.wait_for_url("**/entries/kirby-repositioning/")
    assert page.locator("article h1").first.inner_text().startswith("Pentagon calls")
    assert page.errors == []


def test_a_word_finds_only_the_entries_that_hold_it(
    page: Any, example_url: str, example_site: Path
) -> None:
    """No result merely shares the word's first letters (as one index a part of the
    chronicle, merged in the browser, gave: `search_index`)."""
    holding = sorted(
        doc["meta"]["title"]
        for doc in search_fragments(example_site).values()
        if "repositioning" in doc["content"].lower()
    )
    links = search_from_header(page, example_url, "repositioning")
    assert result_count(page) == len(holding) == 3  # two entries and the Kyiv offensive topic
    assert sorted(links.all_inner_texts()) == holding


def result_count(page: Any, below: int | None = None) -> int:
    """Wait for Pagefind's "N results for ..." line (with N below `below`); return N.

    Result links appear one by one as their fragments load, and only the first few
    are shown before "load more", so the count comes from Pagefind's own message.
    """
    handle = page.wait_for_function(
        """below => {
            const m = document.querySelector('.pagefind-ui__message');
            const n = m ? parseInt(m.textContent, 10) : NaN;
            return Number.isInteger(n) && (below === null || n < below) ? n : null;
        }""",
        arg=below,
    )
    return int(handle.json_value())


def shown_count(page: Any, below: int | None = None) -> int:
    """Wait for Pagefind's "N results for ..." line (below a number, if given); return N."""
    page.wait_for_function(
        """below => {
            const m = document.querySelector('.pagefind-ui__message');
            const n = m && /^(\\d+) results? for/.exec(m.textContent.trim());
            return n && (below === null || Number(n[1]) < below);
        }""",
        arg=below,
    )
    return int(page.locator(".pagefind-ui__message").inner_text().split()[0])


@pytest.mark.parametrize(
    ("group", "label", "value"),
    [
        ("actor", "John Kirby", "John Kirby"),
        ("topic", "US response", "US response"),
        ("month", "March 2022", "2022-03"),
    ],
)
def test_a_filter_by_actor_topic_or_month_narrows_the_results(
    page: Any, example_url: str, example_site: Path, group: str, label: str, value: str
) -> None:
    """A month is listed as readers read it, "March 2022", though its value is "2022-03"."""
    search_from_header(page, example_url, "Kyiv")
    before = shown_count(page)
    page.locator("summary").get_by_text(group.capitalize(), exact=True).click()
    name = re.compile("^" + re.escape(label) + r" \(\d+\)$")
    page.get_by_role("checkbox", name=name).check()
    after = shown_count(page, below=before)
    assert after >= 1
    # Pagefind redrew the list with the new counts: the label is still the reader's.
    assert page.get_by_role("checkbox", name=name, checked=True).count() == 1
    matching = {
        u for u, d in search_fragments(example_site).items() if value in d["filters"].get(group, [])
    }
    page.locator(".pagefind-ui__result-link").nth(after - 1).wait_for()
    shown = page.locator(".pagefind-ui__result-link").evaluate_all(
        "links => links.map(a => a.pathname)"
    )
    assert shown and set(shown) <= matching
    assert page.errors == []


def test_months_are_named_and_listed_oldest_first_as_the_years_are(
    page: Any, tmp_path_factory: pytest.TempPathFactory, serve_site: functools.partial[str]
) -> None:
    """Pagefind lists a filter's values in the order of their text: "2021-12" before
    "2022-01" keeps the calendar's order, which the months' names would not."""
    root = tmp_path_factory.mktemp("months")
    content = copy_mini(root)
    write(content, {
        "articles/2021/2021-12-31-year-end.md": article("Kyiv at the year's end", "2021-12-31"),
        "articles/2022/2022-01-talks.md": article("Talks on Kyiv in January", "2022-01"),
    })  # fmt: skip
    search_from_header(page, serve_site(build_site(root, content)), "Kyiv")

    def listed(group: str) -> list[str]:
        """Open a filter; return its values as shown, without their counts."""
        page.locator("summary").get_by_text(group, exact=True).click()
        block = page.locator(".pagefind-ui__filter-block").filter(
            has=page.locator("summary").get_by_text(group, exact=True)
        )
        return [t.rsplit(" (", 1)[0] for t in block.locator("label").all_inner_texts()]

    assert listed("Year") == ["2021", "2022"]
    assert listed("Month") == ["December 2021", "January 2022", "March 2022"]
    assert page.errors == []


@pytest.mark.parametrize(
    ("words", "group", "name"),
    [
        ("Zelensky", "actor", "Volodymyr Zelenskyy"),
        ("Kiev", "place", "Kyiv"),
        # In another script: Pagefind keeps such words beside their plain form ("киів")
        ("Київ", "place", "Kyiv"),
        ("Зеленський", "actor", "Volodymyr Zelenskyy"),
    ],
)
def test_another_name_of_an_actor_or_place_finds_their_entries(
    page: Any, example_url: str, example_site: Path, words: str, group: str, name: str
) -> None:
    """An alias finds the entries about its actor or place, though no entry's text uses it
    (the example's entries write "Zelenskyy" and "Kyiv"), as well as their own page."""
    about = {
        url for url, doc in search_fragments(example_site).items()
        if url.startswith("/entries/") and name in doc["filters"].get(group, [])
    }  # fmt: skip
    search_from_header(page, example_url, words)
    count = shown_count(page)
    page.locator(".pagefind-ui__result-link").nth(count - 1).wait_for()
    shown = page.locator(".pagefind-ui__result-link").evaluate_all(
        "links => links.map(a => a.pathname)"
    )
    assert len(about) >= 2
    assert {u for u in shown if u.startswith("/entries/")} == about
    assert f"/{group}s/{name.lower().replace(' ', '-')}/" in shown
    assert page.errors == []


def test_a_word_no_record_holds_finds_nothing(page: Any, example_url: str) -> None:
    page.goto(example_url + "search/?q=zzzqqqxx")
    page.get_by_text("No results for").wait_for()
    assert page.locator(".pagefind-ui__result-link").count() == 0


def test_on_a_phone_the_header_keeps_the_name_and_its_button_opens_the_search(
    page: Any, example_url: str
) -> None:
    """A box beside the name left "Conflict Ch…" at 375 px: there the button stands alone."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(example_url + "entries/kirby-repositioning/")
    name = page.locator(".md-header__topic").first
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), "the site's name is cut short"
    assert not page.get_by_role("search").get_by_label("Search the chronicle").is_visible()
    page.get_by_role("search").get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=")
    box = page.get_by_label("Search entries, actors, places and topics")
    box.wait_for()
    page.wait_for_function("document.activeElement.classList.contains('pagefind-ui__search-input')")
    page.keyboard.type("repositioning")
    page.locator(".pagefind-ui__result-link").first.wait_for()
    assert page.errors == []


def test_a_word_of_a_topics_description_finds_the_topic(page: Any, example_url: str) -> None:
    """`content/topics/us-response.md`: "What the US government, the Pentagon and the
    White House said about Russia's moves and the talks"."""
    links = search_from_header(page, example_url, "White House")
    links.first.wait_for()
    page.wait_for_function(
        "[...document.querySelectorAll('.pagefind-ui__result-link')]"
        ".some(a => a.pathname.endsWith('/topics/us-response/'))"
    )
    titles = links.all_inner_texts()
    assert "US response" in titles
    assert page.errors == []


def test_words_typed_on_the_search_page_come_back_with_the_page(
    page: Any, example_url: str
) -> None:
    """Back from a result, or a reload, shows the results last seen, not the first search."""
    search_from_header(page, example_url, "Kyiv")
    box = page.get_by_label("Search entries, actors, places and topics")
    box.fill("repositioning")
    page.wait_for_url("**/search/?q=repositioning")
    page.get_by_role("link", name="Pentagon calls Russian moves near Kyiv").first.click()
    page.wait_for_url("**/entries/kirby-repositioning/")
    page.go_back()
    page.wait_for_url("**/search/?q=repositioning")
    page.locator(".pagefind-ui__result-link").first.wait_for()
    assert page.get_by_label("Search entries, actors, places and topics").input_value() == (
        "repositioning"
    )
    # Pagefind's Clear button empties the box, and the address with it.
    page.locator(".pagefind-ui__search-clear").click()
    page.wait_for_url("**/search/")
    assert address(page) == {}
    assert page.errors == []


def address(page: Any) -> dict[str, list[str]]:
    """Return the query of the page's address, decoded: each name with its values."""
    return parse_qs(urlsplit(page.url).query)


def ticked(page: Any) -> list[str]:
    """Return Pagefind's ticked filter values, as "filter=value", in the order it lists them."""
    return list(
        page.locator(".pagefind-ui__filter-checkbox:checked").evaluate_all(
            "boxes => boxes.map(b => b.name + '=' + b.value)"
        )
    )


def shown_paths(page: Any, count: int) -> set[str]:
    """Wait for `count` result links; return their paths."""
    page.locator(".pagefind-ui__result-link").nth(count - 1).wait_for()
    return set(
        page.locator(".pagefind-ui__result-link").evaluate_all(
            "links => links.map(a => a.pathname)"
        )
    )


def test_filters_ticked_on_the_search_page_come_back_with_the_page(
    page: Any, example_url: str, example_site: Path
) -> None:
    """Back from a result shows the filtered results, the filters still ticked, not all of
    them; the address holds a month's value ("2022-03"), not the label readers see."""
    entries = {
        u for u, d in search_fragments(example_site).items() if d["filters"]["kind"] == ["Entry"]
    }
    search_from_header(page, example_url, "Kyiv")
    before = shown_count(page)
    for group, label in (("Kind", "Entry"), ("Month", "March 2022")):
        page.locator("summary").get_by_text(group, exact=True).click()
        page.get_by_role("checkbox", name=re.compile(f"^{label} \\(\\d+\\)$")).check()
    page.wait_for_url(re.compile(r"[?&]month=2022-03(&|$)"))
    assert address(page) == {"q": ["Kyiv"], "kind": ["Entry"], "month": ["2022-03"]}
    after = shown_count(page, below=before)
    page.locator(".pagefind-ui__result-link").first.click()
    page.wait_for_url("**/entries/**")
    page.go_back()
    page.wait_for_url(re.compile(r"[?&]month=2022-03(&|$)"))
    assert shown_count(page) == after
    assert shown_paths(page, after) <= entries
    assert ticked(page) == ["kind=Entry", "month=2022-03"]
    assert page.get_by_role("checkbox", name="March 2022", checked=True).count() == 1
    assert page.errors == []


@pytest.fixture(scope="module")
def names_url(tmp_path_factory: pytest.TempPathFactory, serve_site: functools.partial[str]) -> str:
    """A chronicle whose actors are named with an accent and in Cyrillic; its URL.

    "borscht" is in three entries: José Andrés is in two, Олена Зеленська in one of those.
    """
    root = tmp_path_factory.mktemp("names")
    content = copy_mini(root)
    write(content, {
        "actors/jose-andres.md": "---\nname: José Andrés\nkind: person\n---\nA cook.\n",
        "actors/olena-zelenska.md": "---\nname: Олена Зеленська\nkind: person\n---\nFirst Lady.\n",
        "articles/2022/2022-03-20-kitchen-visit.md": article(
            "A visit to the kitchen", "2022-03-20", "[jose-andres, olena-zelenska]", body="Borscht."
        ),
        "articles/2022/2022-03-21-kitchen-opens.md": article(
            "The kitchen opens", "2022-03-21", "[jose-andres]", body="Borscht and bread."
        ),
        "articles/2022/2022-03-22-borscht.md": article("Borscht in Kyiv", "2022-03-22"),
    })  # fmt: skip
    return serve_site(build_site(root, content))


def test_a_link_with_filters_opens_filtered_with_names_in_any_script(
    page: Any, names_url: str
) -> None:
    """A link with a filter opens filtered; a value or filter the index lacks (a renamed
    actor, another site's parameter) is left out, not made to filter out everything."""
    query = [("q", "borscht"), ("actor", "José Andrés"), ("actor", "Nobody"), ("utm_source", "x")]
    page.goto(names_url + "search/?" + urlencode(query))
    assert shown_count(page) == 2
    assert shown_paths(page, 2) == {"/entries/kitchen-visit/", "/entries/kitchen-opens/"}
    assert ticked(page) == ["actor=José Andrés"]
    page.get_by_role("checkbox", name=re.compile(r"^Олена Зеленська \(")).check()
    assert shown_count(page, below=2) == 1
    assert address(page) == {"q": ["borscht"], "actor": ["José Andrés", "Олена Зеленська"]}
    page.reload()
    assert shown_count(page) == 1
    assert shown_paths(page, 1) == {"/entries/kitchen-visit/"}
    assert ticked(page) == ["actor=José Andrés", "actor=Олена Зеленська"]
    page.get_by_role("status").filter(has_text="1 result for borscht").wait_for(state="attached")
    assert page.errors == []


def test_a_filter_in_an_address_without_words_applies_to_the_words_typed(
    page: Any, names_url: str
) -> None:
    """Pagefind shows nothing until words are typed, filters or not: they wait, ticked,
    and the page says so rather than stay blank."""
    page.goto(names_url + "search/?" + urlencode({"actor": "Олена Зеленська"}))
    note = page.locator("#cc-search-applied")
    note.filter(has_text="Filtered by Actor: Олена Зеленська. Type a word").wait_for()
    box = page.get_by_label("Search entries, actors, places and topics")
    box.fill("borscht")
    assert shown_count(page, below=3) == 1  # 3 unfiltered
    assert ticked(page) == ["actor=Олена Зеленська"]
    page.wait_for_url(re.compile(r"[?&]q=borscht(&|$)"))
    assert address(page) == {"q": ["borscht"], "actor": ["Олена Зеленська"]}
    assert note.text_content() == "Filtered by Actor: Олена Зеленська."
    page.get_by_role("checkbox", name=re.compile(r"^Олена Зеленська \(")).uncheck()
    note.wait_for(state="hidden")
    assert page.errors == []


def test_one_month_year_or_kind_at_a_time_and_filters_in_force_are_named(
    page: Any, example_url: str
) -> None:
    """Pagefind joins two values of one filter with "and": an entry has one month, so a
    second month emptied the results. Once one is ticked the others are not offered."""
    search_from_header(page, example_url, "Kyiv")
    before = shown_count(page)
    page.locator("summary").get_by_text("Kind", exact=True).click()
    offered = page.locator("input[name=kind]:visible")
    assert offered.count() > 1
    page.get_by_role("checkbox", name=re.compile(r"^Entry \(")).check()
    shown_count(page, below=before)
    assert offered.count() == 1 and ticked(page) == ["kind=Entry"]
    # Actors stay offered beside each other: an entry may name both.
    page.locator("summary").get_by_text("Actor", exact=True).click()
    assert page.locator("input[name=actor]:visible").count() > 1
    page.get_by_role("checkbox", name=re.compile(r"^John Kirby \(")).check()
    note = page.locator("#cc-search-applied")
    note.filter(has_text="Actor").wait_for()
    assert note.text_content() == "Filtered by Actor: John Kirby; Kind: Entry."  # as listed
    page.get_by_role("checkbox", name=re.compile(r"^Entry \(")).uncheck()
    page.wait_for_function("document.querySelectorAll('input[name=kind]:not(:checked)').length")
    assert offered.count() > 1
    assert page.errors == []


@pytest.mark.parametrize(("width", "opened"), [(390, False), (1280, True)])
def test_a_link_with_filters_opens_their_lists_beside_the_results_not_above_them(
    page: Any, example_url: str, width: int, opened: bool
) -> None:
    """On a phone the filters come first: an open list of months pushed results away."""
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(example_url + "search/?" + urlencode({"q": "Kyiv", "month": "2022-03"}))
    assert shown_count(page) >= 1
    assert page.locator("details.pagefind-ui__filter-block[open]").count() == (1 if opened else 0)
    assert page.locator("#cc-search-applied").text_content() == "Filtered by Month: March 2022."
    assert page.errors == []


def test_each_result_says_what_it_is_and_filters_show_whether_they_are_open(
    page: Any, example_url: str
) -> None:
    """A place and a topic may share a name ("Kyiv", "Kyiv offensive"): a result says which."""
    links = search_from_header(page, example_url, "Kyiv")
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-tag').length > 1")
    kinds = set(page.locator(".pagefind-ui__result-tag").all_inner_texts())
    assert {"Kind: Entry", "Kind: Place", "Kind: Topic"} <= kinds, kinds
    assert links.count() >= 3
    arrow = page.locator("summary.pagefind-ui__filter-name").first.evaluate(
        "e => { const s = getComputedStyle(e, '::after');"
        " return [s.display, s.borderLeftWidth, s.maskImage || s.webkitMaskImage]; }"
    )
    assert arrow[0] != "none" and arrow[1] != "0px" and arrow[2] == "none", arrow
