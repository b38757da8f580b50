"""Exchanges: each statement beside its answers, wherever either was recorded."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import build
from generator.exchanges import Exchange, by_speaker, exchanges
from generator.models import Article, EventDate, Quote, QuoteRef, Stance
from tests.conftest import ROOT, project_settings
from tests.helpers import copy_mini


def entry(slug: str, *quotes: Quote) -> Article:
    return Article(slug=slug, source_path=Path(f"{slug}.md"), title=slug,
                   date=EventDate(2022, 3, 29), summary="s", actors=("a",), body="",
                   quotes=quotes)  # fmt: skip


CLAIM = Quote("good-faith", "mod", "a good faith", Stance.CLAIM)
ANSWER_1 = Quote("small", "kirby", "Small numbers", Stance.CONFIRMATION,
                 QuoteRef("russia", "good-faith"))  # fmt: skip
ANSWER_2 = Quote("repositioning", "kirby", "a repositioning", Stance.ASSESSMENT,
                 QuoteRef("russia", "good-faith"))  # fmt: skip
ASIDE = Quote("failed", "kirby", "Russia has failed", Stance.ASSESSMENT)
RUSSIA = entry("russia", CLAIM)
KIRBY = entry("kirby", ANSWER_1, ANSWER_2, ASIDE)
QUOTES = {(a.slug, q.id): (a, q) for a in (RUSSIA, KIRBY) for q in a.quotes}
RESPONSES = {("russia", "good-faith"): [(KIRBY, ANSWER_1), (KIRBY, ANSWER_2)]}


def test_a_claim_is_shown_with_every_answer_recorded_elsewhere() -> None:
    assert exchanges(RUSSIA, QUOTES, RESPONSES) == [
        Exchange((RUSSIA, CLAIM), ((KIRBY, ANSWER_1), (KIRBY, ANSWER_2)), home=True)
    ]


def test_answers_are_grouped_by_speaker_in_the_order_they_first_answered() -> None:
    biden = Quote("see", "biden", "We'll see", Stance.ASSESSMENT, QuoteRef("russia", "good-faith"))
    later = entry("later", biden)
    answers = [(KIRBY, ANSWER_1), (later, biden), (KIRBY, ANSWER_2)]
    assert by_speaker(answers) == [
        ("kirby", [(KIRBY, ANSWER_1), (KIRBY, ANSWER_2)]),
        ("biden", [(later, biden)]),
    ]


def test_answers_to_one_statement_share_one_exchange_and_others_stand_alone() -> None:
    assert exchanges(KIRBY, QUOTES, RESPONSES) == [
        Exchange((RUSSIA, CLAIM), ((KIRBY, ANSWER_1), (KIRBY, ANSWER_2)), home=False),
        Exchange((KIRBY, ASIDE), (), home=True),
    ]


def test_an_answer_within_the_same_entry_appears_once() -> None:
    reply = Quote("reply", "b", "No.", Stance.DENIAL, QuoteRef("one", "claim"))
    claim = Quote("claim", "a", "Yes.", Stance.CLAIM)
    one = entry("one", claim, reply)
    quotes = {("one", "claim"): (one, claim), ("one", "reply"): (one, reply)}
    found = exchanges(one, quotes, {("one", "claim"): [(one, reply)]})
    assert found == [Exchange((one, claim), ((one, reply),), home=True)]


def test_example_entry_page_shows_the_claim_beside_its_answers(example_site: Path) -> None:
    html = (example_site / "entries" / "russia-reduces-kyiv-activity" / "index.html").read_text()
    exchange = html[html.index('class="cc-exchange"') :]
    said, answers = exchange.split('class="cc-exchange-answers"', 1)
    assert "a good faith" in said and 'id="quote-good-faith"' in said
    shown = answers.split("</div>\n</div>")[0]
    for words in ("a repositioning, not a real withdrawal", "I don’t read anything into it",
                  "continue to see attacks across Ukraine"):  # fmt: skip
        assert words in shown, words
    assert "fighting to destroy us" not in shown  # the report does not link it to the claim


def test_answers_to_a_draft_are_shown_alone_until_it_is_published(tmp_path: Path) -> None:
    """A draft is validated but not published: answering it must not break the build."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    claim = content / "articles" / "2022" / "2022-03-29-russia-reduces-kyiv-activity.md"
    claim.write_text(claim.read_text().replace("draft: false", "draft: true"))
    settings = project_settings(tmp_path, content)
    build.generate(settings)
    kirby = (settings.docs / "entries" / "kirby-repositioning.md").read_text()
    assert 'id="quote-repositioning"' in kirby
    assert "russia-reduces-kyiv-activity" not in kirby and "cc-exchange" not in kirby
    assert "russia-reduces" not in (settings.docs / "contested.md").read_text()


def test_a_statement_that_answers_and_is_answered_has_one_anchor(tmp_path: Path) -> None:
    """Shown beside what it answers and above its own answers: one element has its id."""
    content = copy_mini(tmp_path)
    articles = content / "articles" / "2022"
    head = "---\ntitle: {t}\ndate: 2022-03-29\nsummary: S.\nactors: [john-kirby]\n"
    tail = "sources:\n  - name: A report\n---\nBody.\n"
    quote = "  - id: {q}\n    by: john-kirby\n    text: {t}\n    stance: claim\n"
    (articles / "2022-03-29-first.md").write_text(
        head.format(t="First") + "quotes:\n" + quote.format(q="a", t="A.") + tail, "utf-8"
    )
    middle = quote.format(q="b", t="B.") + "    responds_to: first#a\n"
    (articles / "2022-03-29-second.md").write_text(
        head.format(t="Second") + "quotes:\n" + middle + tail, "utf-8"
    )
    last = quote.format(q="c", t="C.") + "    responds_to: second#b\n"
    (articles / "2022-03-29-third.md").write_text(
        head.format(t="Third") + "quotes:\n" + last + tail, "utf-8"
    )
    settings = project_settings(tmp_path, content)
    build.generate(settings)
    page = (settings.docs / "entries" / "second.md").read_text("utf-8")
    assert page.count('id="quote-b"') == 1
    assert "A." in page and "C." in page  # beside what it answers, and above its answer
