"""Convert a chronicle's content tree to a Pelican project, for the benchmark's comparison.

The comparison is only fair if Pelican builds the same corpus into comparable pages:
every entry with its quotes and sources, a page per actor (as Pelican authors), per
topic (tags), per place (categories: Pelican allows one, so the first place), and
year, month and day archives. Feeds are off on both sides. Pelican is never a
dependency of the project: `bench` installs it into its own virtual environment.
"""

from __future__ import annotations

from pathlib import Path

from generator import build
from generator.models import Article
from generator.settings import Settings

PELICAN_REQUIREMENTS = ("pelican==4.12.0", "Markdown==3.11.3")
SETTINGS = """\
AUTHOR = "Conflict Chronicle"
SITENAME = "Conflict Chronicle (Pelican comparison)"
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%d %B %Y"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 20
YEAR_ARCHIVE_SAVE_AS = "timeline/{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = "timeline/{date:%Y}/{date:%m}/index.html"
DAY_ARCHIVE_SAVE_AS = "timeline/{date:%Y}/{date:%m}/{date:%d}/index.html"
ARTICLE_URL = "entries/{slug}/"
ARTICLE_SAVE_AS = "entries/{slug}/index.html"
"""


def convert(content: Path, target: Path) -> int:
    """Write `content` as a Pelican project below `target`; return the number of articles."""
    settings = Settings(root=content.parent, content=content)
    corpus, _, _ = build.load(settings)
    actors = {ident: actor.name for ident, actor in corpus.actors.items.items()}
    places = {ident: place.name for ident, place in corpus.places.items.items()}
    out = target / "content"
    out.mkdir(parents=True, exist_ok=True)
    for article in corpus.articles:
        (out / f"{article.slug}.md").write_text(_article(article, actors, places), "utf-8")
    (target / "pelicanconf.py").write_text(SETTINGS, encoding="utf-8")
    return len(corpus.articles)


def _article(article: Article, actors: dict[str, str], places: dict[str, str]) -> str:
    """Return one entry in Pelican's Markdown metadata format, quotes as blockquotes."""
    day = article.date.date
    lines = [
        f"Title: {article.title}",
        f"Date: {day.isoformat() if day else article.date.iso() + '-01'}",
        f"Slug: {article.slug}",
        f"Summary: {article.summary}",
        f"Authors: {', '.join(actors[a] for a in article.actors)}",
        f"Tags: {', '.join(article.tags)}",
    ]
    if article.places:
        lines.append(f"Category: {places[article.places[0]]}")
    lines += ["", article.body, ""]
    for quote in article.quotes:
        lines += [f"> {quote.text}", ">", f"> -- {actors[quote.by]} ({quote.stance})", ""]
    lines.append("## Sources\n")
    lines += [f"- [{s.name}]({s.url})" if s.url else f"- {s.name}" for s in article.sources]
    return "\n".join(lines) + "\n"
