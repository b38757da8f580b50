"""The `chronicle` command line: the only module that prints.

Exit codes: 0 success, 1 invalid content (or a site that failed its checks),
2 usage or environment problems.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from generator import build, site
from generator.issues import Issue, Severity, ValidationFailed, blocking, summary
from generator.settings import Settings

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand."""
    p = argparse.ArgumentParser(
        prog="chronicle",
        description="Build a static chronicle of a conflict from Markdown records.",
    )
    p.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="project folder holding content/ and mkdocs.yml (default: here)",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="validate, generate pages and build the site")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument(
        "--pages-only",
        action="store_true",
        help="write the generated Markdown only; do not run MkDocs",
    )

    c = sub.add_parser("check", help="validate records without building")
    c.add_argument("paths", nargs="*", type=Path, help="only report on these files or folders")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    c.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: print GitHub Actions annotations",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    root: Path = args.root
    if not (root / "content").is_dir():
        print(f"chronicle: no content/ folder in {root.resolve()}", file=sys.stderr)
        return EXIT_USAGE
    settings = Settings(root=root, strict=getattr(args, "strict", False))
    if args.command == "check":
        return check(settings, args.paths or None, args.format)
    return run_build(settings, pages_only=args.pages_only)


def report(issues: Sequence[Issue], root: Path, out: TextIO, fmt: str = "text") -> None:
    """Print issues one a line, compiler style, or as GitHub annotations."""
    for issue in sorted(issues, key=lambda i: (str(i.path), i.line or 0, i.field)):
        if fmt == "github":
            level = "error" if issue.severity is Severity.ERROR else "warning"
            line = f",line={issue.line}" if issue.line else ""
            message = f"{issue.field}: {issue.message}" if issue.field else issue.message
            print(f"::{level} file={issue.location(root).split(':')[0]}{line}::{message}", file=out)
        else:
            print(issue.format(root), file=out)


def check(settings: Settings, paths: Sequence[Path] | None, fmt: str) -> int:
    """Validate content and print every issue; exit 1 on errors (or warnings if strict)."""
    _, issues, _ = build.load(settings, only=paths)
    report(issues, settings.root, sys.stdout, fmt)
    failed = bool(blocking(issues, settings.strict))
    print(summary(issues) if issues else "all records are valid", file=sys.stderr)
    return EXIT_INVALID if failed else EXIT_OK


def run_build(settings: Settings, pages_only: bool = False) -> int:
    """Generate pages and build the site; nothing is written when content is invalid."""
    try:
        result = build.generate(settings)
    except ValidationFailed as failed:
        report(failed.issues, settings.root, sys.stderr)
        print(f"{summary(failed.issues)}; nothing was written.", file=sys.stderr)
        return EXIT_INVALID
    report(result.issues, settings.root, sys.stderr)
    r = result.report
    print(
        f"generated {len(result.chronicle.entries)} entries: {len(r.written)} files written, "
        f"{r.unchanged} unchanged, {len(r.removed)} removed",
        file=sys.stderr,
    )
    if pages_only:
        return EXIT_OK
    try:
        out = site.build_site(settings)
    except site.SiteBuildFailed as exc:
        print(f"chronicle: site build failed; the previous site was kept.\n{exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"site built in {out}", file=sys.stderr)
    return EXIT_OK
