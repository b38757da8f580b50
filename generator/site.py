"""Build the static site with MkDocs, atomically: a failed build leaves `site/` as it was.

MkDocs writes into its `site_dir` as it goes, and a strict build that fails has
already replaced the old site. So we build into a fresh folder beside `site/`, check
it, and only then swap it in with two renames.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from generator.settings import Settings


class SiteBuildFailed(Exception):
    """MkDocs reported errors or warnings; the previous site was kept."""


@contextmanager
def _capture_warnings() -> Iterator[list[str]]:
    """Collect MkDocs' warnings: `--strict` alone can let some of them pass."""
    found: list[str] = []

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                found.append(record.getMessage())

    handler = Handler()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)


def build_site(settings: Settings) -> Path:
    """Build the docs folder into `settings.site` with MkDocs in strict mode."""
    target = settings.site
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a published site is world-readable
    try:
        config = load_config(
            str(settings.config), docs_dir=str(settings.docs), site_dir=str(staging), strict=True
        )
        with _capture_warnings() as warnings:
            try:
                mkdocs_build(config)
            except (Abort, MkDocsException) as exc:
                raise SiteBuildFailed("\n".join([*warnings, str(exc)])) from exc
        if warnings:
            raise SiteBuildFailed("\n".join(["MkDocs warned:", *warnings]))
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _swap(new: Path, target: Path) -> None:
    """Replace `target` with `new` by renames, keeping the old tree until the new is in."""
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
