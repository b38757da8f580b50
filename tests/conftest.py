"""Shared fixtures: the project's paths, a site built from the example content, a browser.

Browser tests drive Debian's Chromium through playwright. On a developer machine
without Chromium they skip; under CI=true a missing browser is a failure.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import http.server
import os
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from generator import build, search_index, site
from generator.settings import Settings
from tests.helpers import ROOT

CHROMIUM = Path("/usr/bin/chromium")
TODAY = dt.date(2026, 1, 1)


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    """Give back the collector's thresholds a build run in the test process set for itself."""
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


@pytest.fixture
def pagefind_runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, bool]]:
    """Pagefind's runs in this test, in order: the folder it indexed, and if it ran behind."""
    runs: list[tuple[Path, bool]] = []
    real = search_index.start

    def start(source: Path, output: Path, behind: bool) -> subprocess.Popen[bytes]:
        runs.append((source, behind))
        return real(source, output, behind)

    monkeypatch.setattr(search_index, "start", start)
    return runs


def project_settings(tmp: Path, content: Path | None = None, **kwargs: object) -> Settings:
    """Return settings that read `content` (default: the example) and write below `tmp`."""
    return Settings(
        root=ROOT,
        content=content or ROOT / "content",
        docs=tmp / "docs",
        site=tmp / "site",
        today=TODAY,
        **kwargs,  # type: ignore[arg-type]
    )


def build_site(tmp: Path, content: Path | None = None) -> Path:
    """Generate pages and build the real site with MkDocs below `tmp`; return site/."""
    settings = project_settings(tmp, content)
    result = build.generate(settings)
    return site.build_site(settings, epoch=site.content_epoch(result.chronicle))


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built from every hostile record the generator accepts (tests/fixtures/bad)."""
    from hostile import accepted_cases, hostile_tree  # noqa: PLC0415  # a sibling helper

    root = hostile_tree(tmp_path_factory.mktemp("hostile"), accepted_cases())
    return build_site(root, root / "content")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example chronicle, built once per test session with the real MkDocs."""
    return build_site(tmp_path_factory.mktemp("example"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def serve_site() -> Iterator[functools.partial[str]]:
    """Return a function that serves a built site folder on loopback and gives its URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", _free_port()), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield functools.partial(start)
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def example_url(example_site: Path, serve_site: functools.partial[str]) -> str:
    """The URL of the example chronicle served on loopback."""
    return serve_site(example_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Debian Chromium driven by playwright; skipped without it unless CI=true."""
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser page that records JavaScript errors in `page.errors`."""
    context = browser.new_context()  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("console", lambda msg: pg.errors.append(msg.text) if msg.type == "error" else None)
    yield pg
    context.close()
