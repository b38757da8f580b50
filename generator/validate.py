"""Rules across records: names resolve to actors and places, ids are unique, links land,
topics are told apart.

These need every file read first, so they run after `schema` has typed each record
on its own. Resolution is part of validation: an alias becomes its actor's id here,
so every later stage sees ids only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from generator.issues import Issue, Severity, shown
from generator.models import Actor, Article, EventDate, Place, Quote, QuoteRef, Topic
from generator.records import RawRecord
from generator.registry import Registry, normal
from generator.schema import slug_of
from generator.settings import Settings
from generator.wording import closest, did_you_mean, suggest

R = TypeVar("R", Article, Actor, Place, Topic)  # a record, read from its file
N = TypeVar("N", Actor, Place, Topic)  # a record named by its file


@dataclass(frozen=True)
class Corpus:
    """Every valid record, names resolved to ids; drafts included."""

    articles: tuple[Article, ...]
    actors: Registry[Actor]
    places: Registry[Place]
    topics: Mapping[str, Topic]  # those with a file, by id
    unread: tuple[Path, ...] = ()  # record files with an error that kept them from being read


@dataclass
class _Checker:
    records: Mapping[Path, RawRecord]
    issues: list[Issue]
    content: Path  # the content folder: files are named from the folder that holds it
    # Records whose file has an error that kept it from being read (as (noun, id)): a
    # name of one is not unknown, and saying so in every file naming it buried the error.
    unread: dict[tuple[str, str], Path] = dataclasses.field(default_factory=dict)  # files

    def note_unread(self, paths: Iterable[Path]) -> None:
        """Note the records in files that could not be read (`unread`), by their folder."""
        nouns = {"actors": "actor", "places": "place", "articles": "entry"}
        for path in paths:
            inside = path.is_relative_to(self.content)
            parts = path.relative_to(self.content).parts if inside else ()
            if len(parts) > 1 and parts[0] in nouns:  # a file in a folder of records
                ident = slug_of(path) if parts[0] == "articles" else path.stem
                self.unread[(nouns[parts[0]], ident)] = path

    def is_unread(self, noun: str, name: str) -> bool:
        """Say whether `name` is the id of a record whose file could not be read."""
        return (noun, name) in self.unread

    def unknown(self, registry: Registry[Actor] | Registry[Place], name: str) -> str | None:
        """Return the message for a name no record has, or None when it is the id of one
        whose file could not be read (its own error says so). An alias cannot be told
        apart: the message names the files that could not be read, which may hold it."""
        noun = registry.noun
        if self.is_unread(noun, name):
            return None
        parts = [part.strip() for part in name.split(",")]
        if len(parts) > 1 and all(registry.resolve(part) for part in parts):
            # `actors: john-kirby, pentagon` is one text in YAML: brackets make it a list
            return f"unknown {noun} {name!r}: to name several, write [{name}]"
        unread = sorted(self.shown(path) for (kind, _), path in self.unread.items() if kind == noun)
        if not unread:
            return registry.unknown(name)
        files = ", ".join(unread[:3]) + (", ..." if len(unread) > 3 else "")
        return f"{registry.unknown(name)}, unless {files} names it (it could not be read)"

    def unknown_name(
        self, path: Path, field: str, registry: Registry[Actor] | Registry[Place], name: str
    ) -> None:
        """Report a name no record has (`unknown`) on a field of the file at `path`."""
        message = self.unknown(registry, name)
        if message is not None:
            self.error(path, field, message)

    def shown(self, path: Path) -> str:
        """Return a record's file as a message names it (`content/actors/x.md`)."""
        return shown(path, self.content.parent)

    def error(
        self, path: Path, field: str, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        record = self.records.get(path)
        line = record.line_of(field) if record else None
        self.issues.append(Issue(path, line, field, message, severity))

    def located(self, issue: Issue) -> Issue:
        """Return an issue with the line of its field, when its record knows it."""
        record = self.records.get(issue.path)
        if issue.line is not None or record is None:
            return issue
        return replace(issue, line=record.line_of(issue.field))

    def resolve(
        self,
        path: Path,
        field: str,
        names: Sequence[str],
        registry: Registry[Actor] | Registry[Place],
    ) -> tuple[str, ...]:
        ids: list[str] = []
        for i, name in enumerate(names):
            ident = registry.resolve(name)
            if ident is None:
                self.unknown_name(path, f"{field}[{i}]", registry, name)
            elif ident not in ids:
                ids.append(ident)
        return tuple(ids)


def check(
    articles: Sequence[Article],
    actors: Sequence[Actor],
    places: Sequence[Place],
    topics: Sequence[Topic],
    records: Mapping[Path, RawRecord],
    settings: Settings,
    issues: list[Issue],
) -> Corpus:
    """Resolve names and apply the cross-record rules; report every violation.

    `settings` give the last day that is not yet the future, and the content folder."""
    c = _Checker(records, issues, settings.content)
    # Files with an error and no record read from them: reported already, once.
    c.note_unread(i.path for i in issues if i.severity is Severity.ERROR and i.path not in records)
    today = settings.latest_day
    _check_unique_files(c, "actor", actors)
    _check_unique_files(c, "place", places)
    _check_unique_files(c, "topic", topics)
    told = len(issues)
    actor_reg = Registry.build("actor", actors, issues)
    place_reg = Registry.build("place", places, issues)
    issues[told:] = [c.located(i) for i in issues[told:]]  # a registry knows no lines
    for actor in actor_reg.items.values():
        for field in ("affiliation", "country"):
            target = getattr(actor, field)
            if target and target not in actor_reg.items:
                c.unknown_name(actor.source_path, field, actor_reg, target)
    valid = {a.source_path for a in articles} | {a.source_path for a in actors}
    valid |= {p.source_path for p in places} | {t.source_path for t in topics if t.source_path}
    broken = [r for p, r in sorted(records.items()) if p not in valid]
    c.note_unread(r.path for r in broken)  # entries without a date: no answer finds them
    resolved = [_resolve(c, a, actor_reg, place_reg, today) for a in articles]
    _resolve_broken(c, broken, actor_reg, place_reg)
    by_slug = _check_unique(c, resolved)
    _check_responses(c, resolved, by_slug)
    described = {t.id: t for t in topics}
    _check_topics(c, resolved, described)
    articles = tuple(sorted(resolved, key=Article.sort_key))
    return Corpus(articles, actor_reg, place_reg, described, tuple(sorted(c.unread.values())))


def _check_topics(c: _Checker, articles: Sequence[Article], topics: Mapping[str, Topic]) -> None:
    """Warn of two topic files of one name, which readers (and search's Topic filter)
    cannot tell apart, and of a tag like a described topic's id but without a file of its
    own: most likely a typo, which files the entry under a topic of its own."""
    named: dict[str, str] = {}
    for topic in topics.values():
        if not topic.name:
            continue  # a topic file without a name: its own error says so
        first = named.setdefault(normal(topic.name), topic.id)
        if first != topic.id and topic.source_path is not None:
            message = f"{topic.name!r} is also the name of topic {first!r}; name them apart"
            c.error(topic.source_path, "name", message, Severity.WARNING)
    for article in articles:
        for i, tag in enumerate(article.tags):
            if tag not in topics and (close := closest(tag, topics)):
                message = f"topic {tag!r} has no file{did_you_mean(close)}"
                c.error(article.source_path, f"tags[{i}]", message, Severity.WARNING)


def _resolve_broken(
    c: _Checker, broken: Sequence[RawRecord], actors: Registry[Actor], places: Registry[Place]
) -> None:
    """Resolve the names in entries that could not be read as articles, so one run
    reports all.

    Such an entry (one without a usable date) has no `Article`, but an unknown actor in
    it is still worth saying now rather than after the editor has fixed the date.
    """
    for raw in broken:
        data = raw.front.data
        if not isinstance(data, dict) or "actors" not in data:
            continue  # not an entry: only entries name actors
        for field, registry in (("actors", actors), ("places", places)):
            value = data.get(field)
            names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
            for i, name in enumerate(names):
                if isinstance(name, str) and name.strip() and registry.resolve(name) is None:
                    c.unknown_name(raw.path, f"{field}[{i}]", registry, name)


def _resolve(
    c: _Checker, article: Article, actors: Registry[Actor], places: Registry[Place], today: dt.date
) -> Article:
    path = article.source_path
    actor_ids = list(c.resolve(path, "actors", article.actors, actors))
    quotes: list[Quote] = []
    for i, quote in enumerate(article.quotes):
        by = actors.resolve(quote.by)
        if by is None:
            if quote.by:  # none at all: the schema said so
                c.unknown_name(path, f"quotes[{i}].by", actors, quote.by)
            quotes.append(quote)  # its other rules still checked; the error stops the build
            continue
        if by not in actor_ids:
            actor_ids.append(by)  # a speaker takes part in the entry
        quotes.append(quote if by == quote.by else replace(quote, by=by))
    day = article.date.first_day
    if day > today:
        c.error(path, "date", f"{article.date.iso()} is in the future; record events that happened")
    _check_later_dates(c, article, day, today)
    ids = tuple(actor_ids)
    place_ids = c.resolve(path, "places", article.places, places)
    if (ids, place_ids, tuple(quotes)) == (article.actors, article.places, article.quotes):
        return article  # named by ids already: the same object (a `session` knows it)
    return replace(article, actors=ids, places=place_ids, quotes=tuple(quotes))


def _check_later_dates(c: _Checker, article: Article, day: dt.date, today: dt.date) -> None:
    """Report a publication, update, correction or source dated after today, or one of
    the entry's own dated before the event (or an update before its publication): a typo
    there (2202 for 2022) would date the feeds and the build's time stamp to it."""
    path = article.source_path
    if article.published and article.updated and article.updated < article.published:
        c.error(path, "updated", f"{article.updated.isoformat()} is before the entry was "
                f"published ({article.published.isoformat()})")  # fmt: skip
    changes = [("published", article.published), ("updated", article.updated)]
    changes += [(f"corrections[{i}].date", k.date) for i, k in enumerate(article.corrections)]
    for field, when in changes if day <= today else ():  # else the date is the error
        if when is not None and when < day:
            c.error(path, field, f"{when.isoformat()} is before the event ({article.date.iso()})")
    published = [(f"sources[{i}].published", s.published) for i, s in enumerate(article.sources)]
    for field, when in [*changes, *published]:
        if when is not None and when > today:
            c.error(path, field, f"{when.isoformat()} is in the future")


def _holders(records: Iterable[R], ident: Callable[[R], str]) -> dict[str, list[R]]:
    """Return records by id, each id's in the order of their files."""
    holders: dict[str, list[R]] = {}
    for record in sorted(records, key=lambda r: str(r.source_path)):
        holders.setdefault(ident(record), []).append(record)
    return holders


def _check_unique(c: _Checker, articles: Sequence[Article]) -> dict[str, Article]:
    """Report entry ids used twice; return each id's first entry (in file order).

    Each file holding the id is told of the others: which one was added last, and so
    must change, is the editor's to say (renaming the other would break its address).
    """
    holders = _holders(articles, lambda a: a.slug)
    for slug, found in holders.items():
        for article in found if len(found) > 1 else ():
            others = ", ".join(c.shown(o.source_path) for o in found if o is not article)
            record = c.records.get(article.source_path)
            if record is not None and "slug" in record.front.data:
                c.error(article.source_path, "slug", f"entry id {slug!r} is also used by "
                        f"{others}; each entry needs an id of its own (its address): change "
                        "it in the file you added")  # fmt: skip
            else:
                c.error(article.source_path, "", f"the file name gives the entry id {slug!r}, "
                        f"also used by {others}; each entry needs an id of its own (its "
                        "address): rename the file you added, or give it a `slug:`")  # fmt: skip
    return {slug: found[0] for slug, found in holders.items()}


def _check_unique_files(c: _Checker, noun: str, records: Sequence[N]) -> None:
    """Report an actor, place or topic id two files give (their names, in two folders
    below `content/actors/`): one would silently stand in for the other."""
    for ident, found in _holders(records, lambda r: r.id).items():
        for record in found if len(found) > 1 else ():
            assert record.source_path is not None  # read from a file
            others = ", ".join(
                c.shown(o.source_path)
                for o in found
                if o is not record and o.source_path is not None
            )
            message = (
                f"{noun} id {ident!r} is also the id of {others}: merge the two files, or "
                "rename one and change the records that name it"
            )
            c.error(record.source_path, "", message)


def _check_responses(
    c: _Checker, articles: Sequence[Article], by_slug: Mapping[str, Article]
) -> None:
    """Report answers to statements that are not there, to themselves (or in a ring of
    answers), and answers dated before what they answer."""
    answers = {
        QuoteRef(a.slug, q.id): q.responds_to for a in articles for q in a.quotes if q.responds_to
    }
    for article in articles:
        for i, quote in enumerate(article.quotes):
            ref = quote.responds_to
            if ref is None:
                continue
            field = f"quotes[{i}].responds_to"
            target = by_slug.get(ref.entry)
            if target is None and c.is_unread("entry", ref.entry):
                continue  # its own file's error is told
            if target is None:
                c.error(article.source_path, field,
                        f"no entry with id {ref.entry!r}{suggest(ref.entry, by_slug)}")  # fmt: skip
            elif not any(q.id == ref.quote for q in target.quotes):
                ids = [q.id for q in target.quotes]
                # No id close enough to suggest: list its ids, the editor picks one.
                hint = suggest(ref.quote, ids) or (
                    f" (its quotes: {', '.join(ids)})" if ids else " (it quotes no one)"
                )
                c.error(article.source_path, field, f"entry {ref.entry!r} has no quote with id "
                        f"{ref.quote!r}{hint}")  # fmt: skip
            elif ref == (own := QuoteRef(article.slug, quote.id)):
                c.error(article.source_path, field, "a statement cannot answer itself")
            elif _in_ring(own, answers):
                ring = "directly or through others: one of them has to come first"
                c.error(article.source_path, field, f"{ref} answers this statement in turn, {ring}")
            elif _known_before(article.date, target.date):
                c.error(article.source_path, field, f"answers a statement of "
                        f"{target.date.label()}, after this one ({article.date.label()}): "
                        "check the dates, or which statement it answers",
                        Severity.WARNING)  # fmt: skip
            elif target.draft and not article.draft:
                c.error(
                    article.source_path,
                    field,
                    f"entry {ref.entry!r} is a draft: this answer is published without "
                    "the statement it answers until that entry is",
                    Severity.WARNING,
                )


def _in_ring(start: QuoteRef, answers: Mapping[QuoteRef, QuoteRef | None]) -> bool:
    """Return whether following what each statement answers leads back to `start`."""
    seen = set()
    ref = answers.get(start)
    while ref is not None and ref not in seen:
        if ref == start:
            return True
        seen.add(ref)
        ref = answers.get(ref)
    return False


def _known_before(first: EventDate, then: EventDate) -> bool:
    """Return whether `first` is surely before `then`: two times by their moments (their
    offsets may differ), otherwise by day; a month is not before its own days."""
    if first.moment is not None and then.moment is not None:
        return first.moment < then.moment
    if first.day is None or then.day is None:
        return (first.year, first.month) < (then.year, then.month)
    return (first.year, first.month, first.day) < (then.year, then.month, then.day)
