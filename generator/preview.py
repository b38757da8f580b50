"""Live preview: MkDocs' own development server, with the chronicle regenerated on each change.

MkDocs watches content/ (`watch:` in mkdocs.yml) and reloads its config on every
change; the hook in site_config/hooks.py regenerates the pages at that moment.
The system announces changes to the hook's watcher (inotify, FSEvents), or, with
`--poll`, MkDocs polls for them as it does by default. The preview runs without
MkDocs' strict mode, so that an editor's half-written link is a warning in the
terminal rather than a server that stops rebuilding; `chronicle build` stays strict.
"""

from __future__ import annotations

import logging
import os

from mkdocs.commands.serve import serve as mkdocs_serve

from generator.settings import Settings
from generator.site import DIRTY_WARNING, DropMessage

POLL_VARIABLE = "CHRONICLE_POLL"  # set (to anything): site_config/hooks.py keeps polling


def serve(settings: Settings, host: str, port: int, poll: bool = False) -> None:
    """Serve the site at http://host:port/ until interrupted, reloading on every change.

    With `poll`, the hook keeps MkDocs' polling for changes (site_config/hooks.py:
    POLL_VARIABLE); otherwise the system announces them.
    """
    _show_mkdocs_log()
    if poll:
        os.environ[POLL_VARIABLE] = "1"
    # Dirty rebuilds: the writer rewrites only Markdown that changed, so MkDocs rebuilds
    # only those pages (a handful for one edited record, not the whole chronicle). Its
    # warning that dirty builds may be inaccurate does not apply to the fixed nav.
    logging.getLogger("mkdocs.commands.build").addFilter(DropMessage(DIRTY_WARNING))
    mkdocs_serve(
        config_file=str(settings.config),
        livereload=True,
        build_type="dirty",
        dev_addr=f"{host}:{port}",
        docs_dir=str(settings.docs),
        strict=False,
    )


def _show_mkdocs_log() -> None:
    """Print MkDocs' messages (serving address, rebuilds, our hook's errors) like `mkdocs serve`."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
