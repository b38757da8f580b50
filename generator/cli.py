"""The `chronicle` command line: where what a command has to say is printed (besides
`make bench` and the link-tree copier, which are commands of their own).

Exit codes: 0 success, 1 invalid content (or a site that failed its checks),
2 usage or environment problems.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib.metadata
import io
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from mkdocs.exceptions import ConfigurationError

from generator import (
    acled,
    build,
    collector,
    importer,
    pipeline,
    preview,
    scaffold,
    site,
    siteinfo,
    writer,
)
from generator.buildlock import BuildLock
from generator.issues import (
    Issue,
    Severity,
    ValidationFailed,
    blocking,
    errors,
    order,
    shown,
    summary,
    within,
)
from generator.models import ActorKind, PlaceKind
from generator.progress import Progress
from generator.settings import Settings
from generator.validate import Corpus
from generator.wording import counted

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_STOPPED = 130  # as a shell reports a command Ctrl-C stopped


def parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand."""
    p = argparse.ArgumentParser(
        prog="chronicle",
        description="Build a static chronicle of a conflict from Markdown records.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    root_help = "project folder holding content/ and mkdocs.yml (default: here)"
    p.add_argument("--root", type=Path, default=Path.cwd(), help=root_help)
    # `chronicle check --root X` as well as `chronicle --root X check`.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help=root_help)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser(
        "build",
        parents=[common],
        help="validate, generate pages and build the site",
        description="Validate every record, generate the pages and build the site into "
        "site/; on any error, report them all and keep the site as it was.",
    )
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument(
        "--pages-only",
        action="store_true",
        help="write the generated pages only (build/docs); do not run MkDocs",
    )
    b.add_argument(
        "--clean",
        action="store_true",
        help="render and rebuild every page, ignoring the caches in build/ (by default only "
        "pages whose inputs changed are rendered, and only pages whose Markdown changed are "
        "rebuilt)",
    )

    c = sub.add_parser(
        "check",
        parents=[common],
        help="validate records without building",
        description="Validate every record and report each problem on its file and line; "
        "exit 1 if there are errors.",
    )
    c.add_argument("paths", nargs="*", type=Path, help="only report on these files or folders")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    c.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: print GitHub Actions annotations",
    )
    _editing_parsers(sub, common)
    return p


def _version() -> str:
    """Return the installed version, as pyproject.toml gives it."""
    try:
        return importlib.metadata.version("conflict-chronicle")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout, not installed
        return "(not installed)"


def _editing_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add the editors' commands: new records, import, live preview."""
    n = sub.add_parser(
        "new",
        parents=[common],
        help="create a new entry in content/articles/",
        description="Create a new entry; unknown actors or places are refused.",
        epilog='example: chronicle new "Talks in Istanbul" --date 2022-03-29 --actor Zelensky '
        '--place Istanbul --summary "Delegations met." --source "News report"',
    )
    n.add_argument("title", help="the entry's title; its id is made from it ('Київ' -> 'kyiv')")
    n.add_argument(
        "--date",
        required=True,
        help="YYYY-MM-DD, or YYYY-MM for a month, or YYYY-MM-DDTHH:MM+03:00",
    )
    n.add_argument(
        "--actor",
        action="append",
        required=True,
        metavar="NAME",
        help="an actor's id or alias (repeat for more)",
    )
    n.add_argument(
        "--place",
        action="append",
        default=[],
        metavar="NAME",
        help="a place's id or alias (repeat for more)",
    )
    n.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TOPIC",
        help="a topic's id or name (repeat for more)",
    )
    n.add_argument("--summary", default="", help="one or two sentences in your own words")
    n.add_argument("--source", default="", help="the source, named as it names itself")
    n.add_argument("--url", default="", help="the source's address, if it has one")
    n.add_argument("--slug", default="", help="the entry id, instead of one made from the title")
    n.add_argument(
        "--draft",
        action="store_true",
        help="mark as draft (always so without --summary and --source)",
    )
    for name, kinds in (("actor", ActorKind), ("place", PlaceKind)):
        e = sub.add_parser(
            f"new-{name}",
            parents=[common],
            help=f"create a new {name} in content/{name}s/",
            description=f"Create a new {name} file; refuses names already taken.",
        )
        e.add_argument("name", help=f"the {name}'s name; its id is made from it")
        e.add_argument(
            "--kind",
            required=True,
            choices=[k.value for k in kinds],
            help=f"what kind of {name} it is",
        )
        e.add_argument("--alias", action="append", default=[], help="another name (repeat)")
        e.add_argument(
            "--id", dest="ident", default="", help="the id, instead of one from the name"
        )
        e.add_argument(
            "--country",
            default="",
            help="country" + (" (an actor's id or name)" if name == "actor" else ""),
        )
        if name == "actor":
            e.add_argument("--role", default="", help="e.g. 'Pentagon Press Secretary'")
            e.add_argument("--affiliation", default="", help="the organisation's id or name")
        else:
            e.add_argument("--region", default="", help="region or province")
            e.add_argument("--lat", type=float, dest="latitude", help="latitude, decimal degrees")
            e.add_argument("--lon", type=float, dest="longitude", help="longitude, decimal degrees")
    t = sub.add_parser(
        "new-topic",
        parents=[common],
        help="create a new topic in content/topics/",
        description="Create a topic file: the name readers see for a tag, and what it covers.",
    )
    t.add_argument("name", help="the topic's name, e.g. 'US response'; its id is made from it")
    t.add_argument("--id", dest="ident", default="", help="the id entries list under `tags`")
    t.add_argument("--description", default="", help="one line on what the topic covers")
    i = sub.add_parser(
        "import",
        parents=[common],
        help="turn an ACLED export (CSV) into records",
        description="Import events from CSV; importing a file twice adds nothing.",
        epilog="columns (ACLED's): " + ", ".join((*acled.REQUIRED, *acled.OPTIONAL)),
    )
    i.add_argument("file", type=Path, help="the CSV file (ACLED export columns)")
    i.add_argument(
        "--dry-run", action="store_true", help="list what would be created; write nothing"
    )
    i.add_argument("--draft", action="store_true", help="import the entries as drafts, for review")
    s = sub.add_parser(
        "serve",
        parents=[common],
        help="preview the site, regenerating on every change",
        description="Serve the site with live reload while you edit content/.",
    )
    s.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument(
        "--poll",
        action="store_true",
        help="look for changes twice a second instead of being told of them: for content "
        "on a network drive or under WSL's /mnt, whose changes the system does not announce",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        # A name in another script, printed where the locale is ASCII (LC_ALL=C, an old
        # CI image), raised UnicodeEncodeError: it is printed escaped instead.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    root: Path = args.root
    if not (root / "content").is_dir():
        here = root.resolve()
        # Run from inside the project (content/actors/): name the folder that holds it.
        project = next((p for p in here.parents if (p / "content").is_dir()), None)
        hint = f"; run it in {project}, or pass --root {project}" if project else ""
        print(f"chronicle: no content/ folder in {here}{hint}", file=sys.stderr)
        return EXIT_USAGE
    settings = Settings(root=root, strict=getattr(args, "strict", False))
    needs_mkdocs = args.command == "serve" or (args.command == "build" and not args.pages_only)
    if needs_mkdocs and not settings.config.is_file():
        print(f"chronicle: no mkdocs.yml in {settings.root}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _run(settings, args)
    except (ConfigurationError, siteinfo.ConfigError) as exc:  # mkdocs.yml is unreadable
        named = isinstance(exc, siteinfo.ConfigError)  # the generator's name the file
        print(f"chronicle: {'' if named else f'{settings.config}: '}{exc}", file=sys.stderr)
    except OSError as exc:  # a full disk, a read-only folder: the machine's, not the content's
        print(f"chronicle: {exc}", file=sys.stderr)
    return EXIT_USAGE


def _run(settings: Settings, args: argparse.Namespace) -> int:
    """Run the command `args` name."""
    if args.command == "check":
        return check(settings, args.paths or None, args.format)
    if args.command in _EDITING:
        return _EDITING[args.command](settings, args)
    return run_build(settings, pages_only=args.pages_only, clean=args.clean)


def report(issues: Sequence[Issue], root: Path, out: TextIO, fmt: str = "text") -> None:
    """Print issues one a line, compiler style, or as GitHub annotations."""
    for issue in sorted(issues, key=order):
        if fmt == "github":
            print(annotation(issue, root), file=out)
        else:
            print(issue.format(root), file=out)


def annotation(issue: Issue, root: Path) -> str:
    """Return an issue as a GitHub Actions workflow command, escaped as the runner expects."""
    level = "error" if issue.severity is Severity.ERROR else "warning"
    props = f"file={_escape(shown(issue.path, root), prop=True)}"
    if issue.line:
        props += f",line={issue.line}"
    message = f"{issue.field}: {issue.message}" if issue.field else issue.message
    return f"::{level} {props},title=chronicle check::{_escape(message)}"


def _escape(text: str, prop: bool = False) -> str:
    """Escape text for a workflow command: `%`, line breaks, and in properties `:` and `,`."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def check(settings: Settings, paths: Sequence[Path] | None, fmt: str) -> int:
    """Validate content and print every issue; exit 1 on errors (or warnings if strict)."""
    missing = [p for p in paths or () if not p.exists()]
    if missing:
        print(
            f"chronicle check: no such file or folder: {', '.join(map(str, missing))}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    _, every, _ = build.load(settings)
    issues = every if paths is None else within(every, paths)
    report(issues, settings.root, sys.stdout, fmt)
    failed = bool(blocking(issues, settings.strict))
    told = set(issues)
    last = _checked(issues, [i for i in every if i not in told])
    print(last + _strictly(issues, settings.strict), file=sys.stderr)
    return EXIT_INVALID if failed else EXIT_OK


def _strictly(issues: Sequence[Issue], strict: bool) -> str:
    """Return what the last line adds when only `--strict` made the warnings fail."""
    return " (--strict: warnings fail too)" if strict and issues and not errors(issues) else ""


def _checked(shown: Sequence[Issue], elsewhere: Sequence[Issue]) -> str:
    """Return the last line of `check`: what it found, and, when it checked some files,
    what it found in the others, which a change to these may have caused (a new actor
    whose name another already has as an alias is reported on the other's file)."""
    if not shown and not elsewhere:
        return "all records are valid"
    if not elsewhere:
        return summary(shown)
    found = summary(shown) if shown else "no problems"
    return f"{found} in the files given; {summary(elsewhere)} elsewhere (`chronicle check`)"


def run_build(settings: Settings, pages_only: bool = False, clean: bool = False) -> int:
    """Generate pages and build the site; nothing is written when content is invalid.

    The build folder is this run's alone (`buildlock`): a preview's rebuild waits.
    """
    try:
        with stopped_as_by_ctrl_c(), _build_lock(settings, "chronicle build"):
            return _build(settings, pages_only, clean)
    except KeyboardInterrupt:  # everything started is stopped and removed by now
        print(f"chronicle: build stopped; {shown(settings.site, settings.root)} is the last "
              "complete build, if any", file=sys.stderr)  # fmt: skip
        return EXIT_STOPPED


@contextlib.contextmanager
def stopped_as_by_ctrl_c() -> Iterator[None]:
    """Have `kill` (SIGTERM: a CI job cancelled, `timeout`, a process manager) stop a
    command as Ctrl-C does, so it cleans up: a build removes its staging folders and
    stops its workers, a preview saves its page cache. Without it, SIGTERM ended the
    process on the spot, and left both behind."""
    before = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _build_lock(settings: Settings, command: str) -> BuildLock:
    """Return the build folder's lock for `command`, which tells on stderr whom it waits for."""
    return BuildLock(settings.docs, command, lambda m: print(f"chronicle: {m}", file=sys.stderr))


def _build(settings: Settings, pages_only: bool, clean: bool) -> int:
    progress = Progress.to(sys.stderr)  # counts on a terminal only, quiet in CI and logs

    def tell(result: build.Result) -> None:
        report(result.issues, settings.root, sys.stderr)
        r = result.report
        print(
            f"generated {len(result.chronicle.entries)} entries: {len(r.written)} files written, "
            f"{r.unchanged} unchanged, {len(r.removed)} removed",
            file=sys.stderr,
        )

    try:
        if pages_only:
            collector.for_a_build()
            tell(build.generate(settings, progress, reuse=not clean))
            return EXIT_OK
        pipeline.publish(settings, progress, clean, generated=tell)
    except ValidationFailed as failed:
        return _refused(failed, settings)
    except writer.UnsafePath as exc:  # two pages on one path, a link in site_config/, ...
        print(f"chronicle: {exc}; the build stopped.", file=sys.stderr)
        return EXIT_INVALID
    except site.SiteBuildFailed as exc:  # the reasons first, then what it means, as `check`
        kept = "the previous site was kept" if settings.site.exists() else "no site was written"
        print(f"{exc}\nchronicle: site build failed; {kept}.", file=sys.stderr)
        return EXIT_INVALID
    print(f"site built in {settings.site}", file=sys.stderr)
    if siteinfo.read(settings.config).url is None:
        print(NO_SITE_URL, file=sys.stderr)
    return EXIT_OK


def _refused(failed: ValidationFailed, settings: Settings) -> int:
    """Report why a command wrote nothing (every issue, then their count); return its exit
    status. Each command that checks records first refuses the same way."""
    report(failed.issues, settings.root, sys.stderr)
    strictly = _strictly(failed.issues, settings.strict)
    print(f"{summary(failed.issues)}{strictly}; nothing was written.", file=sys.stderr)
    return EXIT_INVALID


def _tell_unread(corpus: Corpus, settings: Settings) -> None:
    """Name the actor and place files that could not be read (`Corpus.unread`): a name one
    of them holds is unknown until it is mended, and adding it anew would make two."""
    for path in (p for p in corpus.unread if p.parent.name in ("actors", "places")):
        print(f"note: {shown(path, settings.root)} could not be read (chronicle check says "
              "why): a name it holds is unknown until it is mended", file=sys.stderr)  # fmt: skip


NO_SITE_URL = (
    "chronicle: note: mkdocs.yml sets no site_url, so the sitemap lists no pages, the "
    "feeds and data files link to pages by relative addresses, which some feed readers "
    "do not follow, and the 404 page works only at the root of a domain; set site_url "
    "(or CHRONICLE_SITE_URL) to the address the site is published at"
)


def run_new(settings: Settings, args: argparse.Namespace) -> int:
    """Create a new entry file; print its path, or every reason it was refused."""
    request = scaffold.ArticleRequest(
        title=args.title, date=args.date, actors=tuple(args.actor), places=tuple(args.place),
        tags=tuple(args.tag), summary=args.summary, source=args.source, url=args.url,
        slug=args.slug, draft=args.draft,
    )  # fmt: skip
    return _create(settings, lambda corpus: scaffold.new_article(settings, request, corpus))


def run_new_entity(settings: Settings, args: argparse.Namespace) -> int:
    """Create a new actor or place file."""
    keys = ("role", "affiliation", "country", "region", "latitude", "longitude")
    request = scaffold.EntityRequest(
        name=args.name, kind=args.kind, aliases=tuple(args.alias), ident=args.ident,
        details={k: getattr(args, k) for k in keys if hasattr(args, k)},
    )  # fmt: skip
    make = scaffold.new_actor if args.command == "new-actor" else scaffold.new_place
    return _create(settings, lambda corpus: make(settings, request, corpus))


def run_new_topic(settings: Settings, args: argparse.Namespace) -> int:
    """Create a new topic file."""
    request = scaffold.TopicRequest(args.name, args.ident, args.description)
    return _create(settings, lambda corpus: scaffold.new_topic(settings, request, corpus))


def _create(settings: Settings, make: Callable[[Corpus], scaffold.NewRecord]) -> int:
    corpus, _, _ = build.load(settings)
    try:
        record = make(corpus)
        path = scaffold.create(record, settings)
    except ValidationFailed as failed:
        refused = _refused(failed, settings)
        _tell_unread(corpus, settings)
        return refused
    print(shown(path, settings.root))
    report(record.warnings, settings.root, sys.stderr)
    if scaffold.PLACEHOLDER in path.read_text(encoding="utf-8"):
        print(
            "created as a draft: fill in the TODO: fields, then remove `draft: true`.",
            file=sys.stderr,
        )
    return EXIT_OK


def run_import(settings: Settings, args: argparse.Namespace) -> int:
    """Import an ACLED export: check every row, then create every new file, or none."""
    source: Path = args.file
    if not source.is_file():
        print(f"chronicle import: no such file: {source}", file=sys.stderr)
        return EXIT_USAGE
    corpus, _, _ = build.load(settings)
    try:
        result = importer.plan(settings, source, corpus, draft=args.draft)
        created = (
            [r.path for r in result.files] if args.dry_run else importer.write(settings, result)
        )
    except ValidationFailed as failed:
        return _refused(failed, settings)
    for path in created:
        print(("would create " if args.dry_run else "created ") + shown(path, settings.root))
    print(
        f"{counted(len(result.entries), 'entry', 'entries')}, "
        f"{counted(len(result.actors), 'actor')}, {counted(len(result.places), 'place')} and "
        f"{counted(len(result.topics), 'topic')} {'to create' if args.dry_run else 'created'}; "
        f"{counted(result.already, 'event')} already in the chronicle",
        file=sys.stderr,
    )
    return EXIT_OK


def run_serve(settings: Settings, args: argparse.Namespace) -> int:
    """Serve the pages with live reload until interrupted, regenerating them first.

    The preview's first build regenerates the pages, and reports what is wrong with the
    content as each rebuild does, showing the last good version meanwhile. With no
    version to show yet, they are generated here first, so that errors stop the
    preview before it serves nothing.
    """
    if not (settings.docs / "index.md").is_file():
        try:
            with _build_lock(settings, "chronicle serve"):
                build.generate(settings, search_documents=False)  # the preview has no index
        except ValidationFailed as failed:
            _refused(failed, settings)
            print("chronicle serve: no good version to show yet; fix the errors first.",
                  file=sys.stderr)  # fmt: skip
            return EXIT_INVALID
    try:
        with stopped_as_by_ctrl_c():
            preview.serve(settings, args.host, args.port, poll=args.poll)
    except OSError as exc:
        if exc.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
            raise
        print(
            f"chronicle serve: cannot listen on {args.host}:{args.port}: {exc.strerror}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return EXIT_OK


_EDITING: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "new": run_new,
    "new-actor": run_new_entity,
    "new-place": run_new_entity,
    "new-topic": run_new_topic,
    "import": run_import,
    "serve": run_serve,
}
