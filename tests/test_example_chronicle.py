"""The example chronicle as a reader sees it: who said what, where, over time.

These check the built example site against its records: the pages must show what
the records say. (test_example_content checks the records against the source report.)
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import yaml

from tests.conftest import ROOT


def page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """Return a page's visible text, roughly: tags dropped, entities read."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def records() -> list[dict[str, object]]:
    found = []
    for path in sorted((ROOT / "content" / "articles").rglob("*.md")):
        found.append(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1]))
    return found


def test_contested_page_shows_the_claim_beside_the_answers(example_site: Path) -> None:
    text = text_of(page(example_site, "contested"))
    claim = text.index("“a good faith” Russian Ministry of Defence · claim")
    for answer in ("a repositioning, not a real withdrawal", "I don’t read anything into it"):
        assert text.index(answer) > claim
    # The report does not say Zelenskyy answered the announcement: not linked to it.
    assert "fighting to destroy us" not in text
    # Medinsky's claim that the talks were constructive drew no answer: not contested.
    assert "“constructive”" not in text


def test_actor_page_shows_first_and_last_appearance_and_companions(example_site: Path) -> None:
    text = text_of(page(example_site, "actors/russia"))
    assert "3 entries , first 28 March 2022, last 29 March 2022." in text
    assert "Most often appears with:" in text
    assert "Russian negotiating team (2)" in text
    medinsky = text_of(page(example_site, "actors/vladimir-medinsky"))
    assert "In their own words" in medinsky
    assert "claim : “constructive”" in medinsky


def test_topics_and_places_list_their_entries_with_counts(example_site: Path) -> None:
    by_tag: dict[str, int] = {}
    for record in records():
        for tag in record.get("tags", []):  # type: ignore[attr-defined]
            by_tag[tag] = by_tag.get(tag, 0) + 1
    topics = text_of(page(example_site, "topics"))
    for tag, count in by_tag.items():
        topic = ROOT / "content" / "topics" / f"{tag}.md"  # every topic of the example has one
        name = yaml.safe_load(topic.read_text(encoding="utf-8").split("---")[1])["name"]
        assert f"{name} : {count} {'entry' if count == 1 else 'entries'}" in topics
    kyiv = page(example_site, "places/kyiv")
    assert kyiv.count('href="../../entries/') >= 3
    assert "Entries in Kyiv, per day" in kyiv
    # An actor of one day: the day once, not as its first and its last.
    assert "1 entry , on 29 March 2022." in text_of(page(example_site, "actors/john-kirby"))


def test_actor_statements_say_what_they_answer_and_who_answered(example_site: Path) -> None:
    ministry = text_of(page(example_site, "actors/russian-ministry-of-defence"))
    said = ministry[ministry.index("In their own words") :]
    # Kirby answered twice: his name comes once, his statements by their stance.
    answered = "answered by John Kirby ( confirmation , assessment ), Joe Biden"
    assert f"claim : “a good faith” · {answered}" in said
    biden = text_of(page(example_site, "actors/joe-biden"))
    assert "· answering Russian Ministry of Defence" in biden


def test_a_wrong_address_offers_search_and_the_indexes(example_site: Path) -> None:
    """The 404 page leads on: a search box and the ways into the chronicle."""
    html = (example_site / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<form[^>]*role="search"[^>]*action="/search/"', html)
    assert '<label for="cc-404-query">Search the chronicle</label>' in html
    for index in ("timeline/", "actors/", "places/", "topics/"):
        assert f'href="/{index}"' in html  # from the site's root: no page, no depth


def test_a_busy_day_links_the_days_around_it_above_its_entries_too(example_site: Path) -> None:
    """29 March holds five entries: its neighbours are at hand without scrolling past them."""
    html = page(example_site, "timeline/2022/03/29")
    top = html.index('aria-label="Days (top)"')
    assert top < html.index('class="cc-entry"') < html.index('aria-label="Days"')
    assert 'href="../28/"' in html[top : html.index("</nav>", top)]
    assert 'aria-label="Days (top)"' not in page(example_site, "timeline/2022/03/28")  # one entry
