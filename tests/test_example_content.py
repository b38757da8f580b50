"""The example chronicle is true to its source: the seed news report."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import build
from generator.validate import Corpus
from tests.conftest import ROOT, project_settings

REPORT = (Path(__file__).parent / "fixtures" / "seed" / "report.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    loaded, issues, _ = build.load(project_settings(tmp_path_factory.mktemp("c"), ROOT / "content"))
    assert issues == [], [i.format(ROOT) for i in issues]
    return loaded


def test_every_quote_is_word_for_word_in_the_report(corpus: Corpus) -> None:
    quotes = [(a.slug, q) for a in corpus.articles for q in a.quotes]
    assert len(quotes) >= 8
    for slug, quote in quotes:
        assert quote.text in REPORT, f"{slug}#{quote.id} is not in the report: {quote.text!r}"


def test_the_example_is_large_enough(corpus: Corpus) -> None:
    assert len(corpus.articles) >= 5
    assert len(corpus.actors.items) >= 8
    for actor in ("john-kirby", "vladimir-medinsky", "russian-ministry-of-defence", "joe-biden",
                  "kate-bedingfield", "volodymyr-zelenskyy", "vladimir-putin",
                  "senior-us-defence-official"):  # fmt: skip
        assert actor in corpus.actors.items


def test_sources_invent_no_outlet_or_address(corpus: Corpus) -> None:
    for article in corpus.articles:
        for source in article.sources:
            assert source.url is None, article.slug
            assert "ANI" in source.name


def test_dates_follow_the_report(corpus: Corpus) -> None:
    dates = {a.slug: a.date.iso() for a in corpus.articles}
    assert dates["kirby-repositioning"] == "2022-03-29"
    assert dates["istanbul-talks"] == "2022-03-29"
    assert dates["us-official-donbas-priority"] == "2022-03-28"
