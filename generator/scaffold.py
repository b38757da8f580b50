"""Write new record files for editors: `chronicle new`, `new-actor`, `new-place`, `new-topic`.

A new file is rendered from a template (required fields filled, the rest as commented
placeholders), then read back through the same readers and rules `chronicle check`
uses, so what we write is valid by construction and a typo in an actor's name is
caught before the file exists. Nothing is ever overwritten.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import frontmatter
import jinja2

from generator import records, schema, slugs, validate
from generator.fields import IDENT, parse_event_date
from generator.issues import Issue, ValidationFailed, errors, shown
from generator.models import Actor, ActorKind, Article, EventDate, Place, PlaceKind, Topic
from generator.records import RawRecord
from generator.registry import Registry, normal
from generator.settings import Settings

PLACEHOLDER = schema.PLACEHOLDER


@dataclass(frozen=True)
class NewRecord:
    """A record file to create: where it goes, its text, and what `check` will warn of
    in it (a tag like a described topic's id, most likely a typo)."""

    path: Path
    text: str
    warnings: tuple[Issue, ...] = ()


@dataclass(frozen=True)
class ArticleRequest:
    """What an editor gives `chronicle new`; empty fields become placeholders."""

    title: str
    date: str
    actors: tuple[str, ...]
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: str = ""
    source: str = ""
    url: str = ""
    slug: str = ""
    draft: bool = False


@dataclass(frozen=True)
class EntityRequest:
    """What an editor gives `chronicle new-actor` or `new-place`."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    ident: str = ""
    details: dict[str, str | float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class TopicRequest:
    """What an editor gives `chronicle new-topic`."""

    name: str
    ident: str = ""
    description: str = ""


class _Raw(str):
    """Text already valid as a YAML scalar (a date, a number): written unquoted."""


def yaml_value(value: object) -> str:
    """Return a value as YAML: text double-quoted (JSON strings are YAML), lists in flow style."""
    if isinstance(value, _Raw):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, float | int):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


def _environment() -> jinja2.Environment:
    """Return the template environment: every value quoted for YAML by default."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=False,  # YAML, not HTML: `yaml_value` quotes every value instead
        finalize=yaml_value,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, **context: object) -> str:
    """Return the text of a new record from its template."""
    return _environment().get_template(template).render(**context)


def article_path(content: Path, date: EventDate, slug: str) -> Path:
    """Return where an entry's file goes: `articles/<yyyy>/<date>-<slug>.md`."""
    prefix = date.iso()[:10] if date.day is not None else date.iso()
    return content / "articles" / f"{date.year:04d}" / f"{prefix}-{slug}.md"


def new_article(settings: Settings, request: ArticleRequest, corpus: validate.Corpus) -> NewRecord:
    """Return a new entry's file, checked; raise ValidationFailed naming every problem."""
    target = settings.content / "articles"
    try:
        date = parse_event_date(request.date.strip())
    except ValueError as exc:  # no file to name yet: the names are checked all the same
        date_issue = Issue(target, None, "--date", str(exc))
        raise ValidationFailed([date_issue, *_names(target, request, corpus)]) from None
    slug, path = _article_location(settings, request, date)
    issues = _names(path, request, corpus)
    used = next((a for a in corpus.articles if a.slug == slug), None)
    if used is not None:
        where = shown(used.source_path, settings.root)
        message = f"entry id {slug!r} is already used by {where}; choose another with --slug"
        issues.append(Issue(path, None, "slug", message))
    _refuse_if(issues)
    text = render(
        "new_article.md.j2",
        title=request.title,
        date=_Raw(date.iso()),
        summary=request.summary or f"{PLACEHOLDER} one or two sentences in your own words",
        actors=[_Raw(_id(n, corpus.actors)) for n in request.actors],
        places=[_Raw(_id(n, corpus.places)) for n in request.places],
        tags=[_Raw(_topic_id(t, corpus.topics)) for t in request.tags],
        source=request.source or f"{PLACEHOLDER} the source, named as it names itself",
        url=request.url,
        draft=request.draft or not (request.summary and request.source),
        today=_Raw(settings.today.isoformat()),
        body=_Raw(""),
    )
    return _checked(settings, NewRecord(path, text), corpus)


def _article_location(
    settings: Settings, request: ArticleRequest, date: EventDate
) -> tuple[str, Path]:
    """Return a new entry's id and file; refuse a bad id, or a taken file."""
    target = settings.content / "articles"
    slug = request.slug or slugs.slugify(request.title)
    if not IDENT.match(slug):
        message = f"expected an id like 'kyiv-talks', found {slug!r}"
        raise ValidationFailed([Issue(target, None, "slug", message)])
    path = article_path(settings.content, date, slug)
    if path.exists():
        raise ValidationFailed([_exists(path, settings)])
    return slug, path


def new_actor(settings: Settings, request: EntityRequest, corpus: validate.Corpus) -> NewRecord:
    """Return a new actor's file, checked; raise ValidationFailed naming every problem."""
    path = _record_path(settings.content / "actors", request.name, request.ident)
    issues = _name_taken(path, request, corpus.actors)
    details = dict(request.details)
    for key in ("affiliation", "country"):
        name = details.get(key)
        if isinstance(name, str) and name:
            issues += _resolve_all(path, key, (name,), corpus.actors)
            details[key] = _id(name, corpus.actors)
    _refuse_if(issues)
    fields = {k: details.get(k) or "" for k in ("role", "affiliation", "country")}
    text = _entity_text("new_actor.md.j2", request, **fields)
    return _checked(settings, NewRecord(path, text), corpus)


def new_place(settings: Settings, request: EntityRequest, corpus: validate.Corpus) -> NewRecord:
    """Return a new place's file, checked; raise ValidationFailed naming every problem."""
    path = _record_path(settings.content / "places", request.name, request.ident)
    _refuse_if(_name_taken(path, request, corpus.places))
    d = request.details
    if (d.get("latitude") is None) != (d.get("longitude") is None):
        _refuse_if([Issue(path, None, "latitude", "give both --lat and --lon, or neither")])
    text = _entity_text(
        "new_place.md.j2", request, country=d.get("country") or "", region=d.get("region") or "",
        latitude=d.get("latitude"), longitude=d.get("longitude"),
    )  # fmt: skip
    return _checked(settings, NewRecord(path, text), corpus)


def new_topic(settings: Settings, request: TopicRequest, corpus: validate.Corpus) -> NewRecord:
    """Return a new topic's file, checked; refuse a name another topic has."""
    path = _record_path(settings.content / "topics", request.name, request.ident)
    for other in corpus.topics.values():
        if normal(other.name) == normal(request.name):
            message = f"{request.name!r} already names topic {other.id!r}"
            _refuse_if([Issue(path, None, "name", message)])
    text = render("new_topic.md.j2", name=request.name, body=_Raw(request.description))
    return _checked(settings, NewRecord(path, text), corpus)


def create(record: NewRecord, settings: Settings) -> Path:
    """Write a new record file; refuse, without touching it, a file that already exists."""
    record.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with record.path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(record.text)
    except FileExistsError:
        raise ValidationFailed([_exists(record.path, settings)]) from None
    return record.path


def _entity_text(template: str, request: EntityRequest, **fields: object) -> str:
    """Return an actor's or place's file: name, kind and aliases, then its own fields."""
    return render(template, name=request.name, kind=request.kind,
                  aliases=list(request.aliases), body=_Raw(""), **fields)  # fmt: skip


def _record_path(folder: Path, name: str, ident: str) -> Path:
    """Return the file of a new actor, place or topic; refuse an id that is no id
    (`--id ../x` would write outside `folder`)."""
    ident = ident or slugs.slugify(name)
    if not IDENT.match(ident):
        message = f"expected an id: lowercase words joined by hyphens, found {ident!r}"
        raise ValidationFailed([Issue(folder, None, "id", message)])
    return folder / f"{ident}.md"


def _name_taken(
    path: Path, request: EntityRequest, registry: Registry[Actor] | Registry[Place]
) -> list[Issue]:
    """Report a name or alias that already stands for another actor or place."""
    found = []
    for i, name in enumerate((request.name, *request.aliases)):
        owner = registry.resolve(name)
        if owner is not None:
            where = "name" if i == 0 else f"aliases[{i - 1}]"
            found.append(
                Issue(
                    path,
                    None,
                    where,
                    f"{name!r} already names {registry.noun} {owner!r}; add to that file instead",
                )
            )
    return found


def _names(path: Path, request: ArticleRequest, corpus: validate.Corpus) -> list[Issue]:
    """Return an issue for each actor and place a new entry names that is not known."""
    issues = _resolve_all(path, "actors", request.actors, corpus.actors)
    return issues + _resolve_all(path, "places", request.places, corpus.places)


def _resolve_all(
    path: Path, field_name: str, names: Sequence[str], registry: Registry[Actor] | Registry[Place]
) -> list[Issue]:
    """Return an issue for each name the registry does not know; where nothing known is
    close, the message says how to create it."""
    issues = []
    for i, name in enumerate(names):
        if registry.resolve(name) is not None:
            continue
        message = registry.unknown(name)
        if registry.new_name(name):
            kinds = "|".join(ActorKind if registry.noun == "actor" else PlaceKind)
            command = f"chronicle new-{registry.noun} {shlex.quote(name)} --kind {kinds}"
            message += f"; to add it: `{command}`"
        field = f"{field_name}[{i}]" if field_name in ("actors", "places") else field_name
        issues.append(Issue(path, None, field, message))
    return issues


def _id(name: str, registry: Registry[Actor] | Registry[Place]) -> str:
    return registry.resolve(name) or name


def _topic_id(tag: str, topics: Mapping[str, Topic]) -> str:
    """Return the id of the topic `tag` names by its name (`--tag "US response"`), or
    the id made of it: a new topic, or one named by its id already."""
    by_name = {normal(t.name): ident for ident, t in topics.items()}
    return by_name.get(normal(tag)) or slugs.slugify(tag)


def _checked(settings: Settings, record: NewRecord, corpus: validate.Corpus) -> NewRecord:
    """Refuse a new record that `check` would fault; return it otherwise, with the
    warnings `check` will give."""
    issues = check_new(settings, corpus, [record])
    _refuse_if(issues)
    return replace(record, warnings=tuple(issues))


def check_new(settings: Settings, corpus: validate.Corpus, new: Sequence[NewRecord]) -> list[Issue]:
    """Return the issues `check` finds in new files, read together with the existing records."""
    issues: list[Issue] = []
    raws: dict[Path, RawRecord] = {}
    actors, places = list(corpus.actors.items.values()), list(corpus.places.items.values())
    topics = list(corpus.topics.values())
    articles: list[Article] = []
    for record in new:
        raw = records.split(record.path, record.text)
        if record.path.exists():
            issues.append(_exists(record.path, settings))
            continue
        if isinstance(raw, Issue):
            issues.append(raw)
            continue
        raws[record.path] = raw
        folder = record.path.relative_to(settings.content).parts[0]
        if folder == "actors" and (actor := schema.read_actor(raw, issues)):
            actors.append(actor)
        elif folder == "places" and (place := schema.read_place(raw, issues)):
            places.append(place)
        elif folder == "topics" and (topic := schema.read_topic(raw, issues)):
            topics.append(topic)
        elif folder == "articles" and (article := schema.read_article(raw, issues)):
            articles.append(article)
    validate.check(articles, actors, places, topics, raws, settings, issues)
    new_paths = {r.path for r in new}
    return [i for i in issues if i.path in new_paths]


def dump_record(fields: dict[str, object], body: str) -> str:
    """Return a record's text from its fields and body, via python-frontmatter's writer."""
    post = frontmatter.Post(body)
    post.metadata.update(fields)
    return str(frontmatter.dumps(post, sort_keys=False, width=1_000_000)) + "\n"


def _refuse_if(issues: Sequence[Issue]) -> None:
    if errors(issues):
        raise ValidationFailed(issues)


def _exists(path: Path, settings: Settings) -> Issue:
    option = "--slug" if path.is_relative_to(settings.content / "articles") else "--id"
    return Issue(
        path,
        None,
        "",
        f"{shown(path, settings.root)} already exists; chronicle never "
        f"overwrites a record (edit it, or choose another name or {option})",
    )
