"""A deterministic synthetic chronicle: a content tree of any size, for benchmarks and tests.

Real chronicles are skewed: a few actors (the states at war, their leaders, their
ministries) appear in most entries, while hundreds appear a handful of times. The
corpus here follows that shape with a Zipf-like draw, so the pages that grow with N
(an actor's page, a busy topic) grow as they would on a real site. The same `n` and
`seed` always give byte-identical files, so a benchmark or a "nothing lost" test can
regenerate the corpus instead of storing it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project this module belongs to
N_ACTORS = 300
N_PLACES = 100
N_TAGS = 40
N_STATES = 12
FIRST_DAY = dt.date(2022, 1, 1)
DAYS = 3 * 365
BODY_WORDS = 300
STANCES = ("statement", "claim", "assessment", "denial", "confirmation")
_SYLLABLES = (
    "ka", "ro", "vin", "tel", "mar", "os", "dru", "pel", "zan", "ki", "lo", "bur",
    "sev", "an", "dor", "mi", "hal", "ne", "tus", "vo", "gra", "lin", "ser", "ba",
)  # fmt: skip
_WORDS = (
    "forces", "units", "shelling", "ceasefire", "negotiators", "talks", "withdrawal",
    "offensive", "artillery", "convoy", "civilians", "evacuation", "corridor", "drone",
    "strike", "brigade", "frontline", "statement", "ministry", "officials", "sanctions",
    "supplies", "reinforcements", "positions", "village", "bridge", "railway", "airport",
    "humanitarian", "observers", "report", "casualties", "damage", "infrastructure",
    "power", "grid", "port", "grain", "exports", "delegation", "summit", "envoy", "claims",
    "denied", "confirmed", "assessed", "announced", "warned", "said", "reported", "moved",
    "attacked", "defended", "retreated", "advanced", "near", "along", "after", "before",
    "during", "overnight", "morning", "week", "region", "district", "border", "coast",
    "river", "the", "a", "of", "in", "to", "and", "that", "on", "by", "with", "from",
)  # fmt: skip


@dataclass(frozen=True)
class CorpusStats:
    """What `write_corpus` wrote: counts, and every entry id so tests can find each one."""

    articles: int
    actors: int
    places: int
    tags: int
    quotes: int
    responses: int
    words: int
    entry_ids: tuple[str, ...]


@dataclass(frozen=True)
class _Names:
    """The registries a corpus draws from: actor, place and tag ids, and actor weights."""

    actors: tuple[str, ...]
    weights: tuple[float, ...]
    places: tuple[str, ...]
    tags: tuple[str, ...]


def write_corpus(folder: Path, n: int, seed: int = 0) -> CorpusStats:
    """Write a content tree of `n` articles (plus actors, places and topics) below `folder`."""
    rng = random.Random(seed)
    names = _Names(
        actors=_unique_ids(rng, N_ACTORS, 2),
        weights=tuple(1.0 / (rank + 1) ** 1.1 for rank in range(N_ACTORS)),
        places=_unique_ids(rng, N_PLACES, 1),
        tags=_unique_ids(rng, N_TAGS, 1),
    )
    _write_actors(folder / "content" / "actors", names.actors, rng)
    _write_places(folder / "content" / "places", names.places, rng)
    _write_topics(folder / "content" / "topics", names.tags)
    return _write_articles(folder / "content" / "articles", n, names, rng)


def write_project(folder: Path, n: int, seed: int = 0, like: Path = ROOT) -> CorpusStats:
    """Write a project of `n` synthetic records into `folder`, emptied first: the
    content tree, with the configuration of the project at `like` (mkdocs.yml and
    site_config/) beside it, ready for `chronicle build --root folder`."""
    shutil.rmtree(folder, ignore_errors=True)
    stats = write_corpus(folder, n, seed)
    shutil.copy2(like / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(like / "site_config", folder / "site_config")
    return stats


def main(argv: Sequence[str] | None = None) -> int:
    """Write a synthetic project from the command line: to try the tool at a size."""
    p = argparse.ArgumentParser(
        prog="python -m generator.synthetic",
        description="Write a synthetic chronicle of N records, with this project's "
        "mkdocs.yml and site_config/, into FOLDER (emptied first); then build it with "
        "`chronicle build --root FOLDER`.",
    )
    p.add_argument("folder", type=Path, help="where to write it (emptied first)")
    p.add_argument("--records", type=int, default=1000, help="records in the corpus (N)")
    p.add_argument("--seed", type=int, default=0, help="another seed, another corpus")
    args = p.parse_args(argv)
    if args.folder.resolve() in (ROOT, *ROOT.parents):
        p.error(f"{args.folder} holds this project: name a folder of its own")
    if args.records < 1:
        p.error("--records: at least 1")
    write_project(args.folder, args.records, args.seed)
    print(f"wrote {args.records:,} records into {args.folder}")
    return 0


def _unique_ids(rng: random.Random, count: int, parts: int) -> tuple[str, ...]:
    """Return `count` distinct ids of `parts` invented words each, like `velkaro-dusin`."""
    found: dict[str, None] = {}
    while len(found) < count:
        words = ("".join(rng.choices(_SYLLABLES, k=rng.randint(2, 3))) for _ in range(parts))
        found["-".join(words)] = None
    return tuple(found)


def _title(ident: str) -> str:
    return " ".join(part.capitalize() for part in ident.split("-"))


def _write(path: Path, front: list[str], body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + "\n".join(front) + "\n---\n" + body + "\n", encoding="utf-8")


def _write_actors(folder: Path, actors: tuple[str, ...], rng: random.Random) -> None:
    """Write the actors: the first few are states; people belong to one of them."""
    for rank, ident in enumerate(actors):
        front = [f'name: "{_title(ident)}"']
        if rank < N_STATES:
            front.append("kind: state")
        else:
            kind = rng.choice(("person", "person", "organisation", "armed-group"))
            front += [f"kind: {kind}", f"country: {actors[rng.randrange(N_STATES)]}"]
            if kind == "person":
                front.append(f'role: "{_title(rng.choice(_WORDS))} spokesperson"')
        _write(folder / f"{ident}.md", front, _sentences(rng, 40))


def _write_places(folder: Path, places: tuple[str, ...], rng: random.Random) -> None:
    for ident in places:
        front = [
            f'name: "{_title(ident)}"',
            f"kind: {rng.choice(('city', 'city', 'region', 'site'))}",
            f"latitude: {rng.uniform(44.0, 52.0):.4f}",
            f"longitude: {rng.uniform(22.0, 40.0):.4f}",
        ]
        _write(folder / f"{ident}.md", front, _sentences(rng, 30))


def _write_topics(folder: Path, tags: tuple[str, ...]) -> None:
    """Name every topic, as a chronicle's editors would (the corpus is the same without)."""
    for ident in tags:
        _write(folder / f"{ident}.md", [f'name: "{_title(ident)}"'], "Entries on this topic.")


def _write_articles(folder: Path, n: int, names: _Names, rng: random.Random) -> CorpusStats:
    """Write `n` articles in date order; some quotes answer a quote of an earlier article."""
    days = sorted(FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)) for _ in range(n))
    earlier: list[tuple[str, str]] = []  # (entry id, quote id) of quotes written so far
    ids: list[str] = []
    quotes = responses = words = 0
    for i, day in enumerate(days):
        slug = f"{'-'.join(rng.choices(_WORDS[:60], k=3))}-{i:06d}"
        actors = _pick_actors(rng, names)
        front = [
            f'title: "{_title(slug.rsplit("-", 1)[0])} ({i})"',
            f"date: {day.isoformat()}",
            f'summary: "{_sentences(rng, 25).strip()}"',
            f"actors: [{', '.join(actors)}]",
            f"places: [{', '.join(rng.sample(names.places, rng.randint(0, 2)))}]",
            f"tags: [{', '.join(rng.sample(names.tags, rng.randint(1, 3)))}]",
            "sources:",
            f'  - name: "Synthetic wire report {i}"',
            f"    url: https://example.org/reports/{i}",
            f"    published: {day.isoformat()}",
        ]
        quote_lines, made, answered = _quotes(rng, slug, actors, earlier)
        front += quote_lines
        quotes, responses = quotes + made, responses + answered
        paragraphs = [_sentences(rng, BODY_WORDS // 4) for _ in range(4)]
        paragraphs[1] += f" The wire code of this report is {marker(i)}."
        body = "\n\n".join(paragraphs)
        words += len(body.split())
        _write(folder / f"{day.year}" / f"{day.isoformat()}-{slug}.md", front, body)
        ids.append(slug)
    return CorpusStats(n, N_ACTORS, N_PLACES, N_TAGS, quotes, responses, words, tuple(ids))


def marker(index: int) -> str:
    """Return the word only article `index` has in its body, so a search can find it alone."""
    word = "zq"
    while True:
        index, rest = divmod(index, len(_SYLLABLES))
        word += _SYLLABLES[rest]
        if not index:
            return word


def _pick_actors(rng: random.Random, names: _Names) -> list[str]:
    """Return 1-4 distinct actors, frequent ones far more often (Zipf-like)."""
    wanted = rng.randint(1, 4)
    picked: dict[str, None] = {}
    while len(picked) < wanted:
        picked[rng.choices(names.actors, weights=names.weights)[0]] = None
    return list(picked)


def _quotes(
    rng: random.Random, slug: str, actors: list[str], earlier: list[tuple[str, str]]
) -> tuple[list[str], int, int]:
    """Return front-matter lines for 0-2 quotes, the number made, and how many respond."""
    count = rng.choice((0, 1, 1, 2))
    if not count:
        return [], 0, 0
    lines = ["quotes:"]
    answered = 0
    for q in range(count):
        lines += [
            f"  - id: q{q + 1}",
            f"    by: {rng.choice(actors)}",
            f'    text: "{_sentences(rng, 20).strip()}"',
            f"    stance: {rng.choice(STANCES)}",
        ]
        if earlier and rng.random() < 0.3:
            entry, quote = earlier[rng.randrange(max(0, len(earlier) - 200), len(earlier))]
            lines.append(f"    responds_to: {entry}#{quote}")
            answered += 1
    earlier.extend((slug, f"q{q + 1}") for q in range(count))
    return lines, count, answered


def _sentences(rng: random.Random, words: int) -> str:
    """Return about `words` words of plain sentences (no Markdown or YAML syntax)."""
    out: list[str] = []
    for length in itertools.cycle((9, 12, 7, 14, 10)):
        if len(out) >= words:
            break
        sentence = rng.choices(_WORDS, k=length)
        out.append(sentence[0].capitalize())
        out.extend(sentence[1:-1])
        out.append(sentence[-1] + ".")
    return " ".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
