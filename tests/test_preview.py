"""`chronicle serve`, for real: a server on a free port, a record edited, the page changing.

Waits are bounded polls (the server rebuilds when it notices the change); nothing here
asserts how fast that is.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

from tests.cli_helpers import CHRONICLE, chronicle, make_project
from tests.conftest import _free_port

WAIT = 90.0  # seconds: generous bounds for a loaded machine; a pass usually takes one or two
ENTRY = "content/articles/2022/2022-03-29-zelenskyy-talks.md"


@dataclass
class Server:
    """A running `chronicle serve` and the file its terminal output goes to."""

    process: subprocess.Popen[bytes]
    project: Path
    url: str
    log: Path

    def get(self, page: str) -> str:
        with urllib.request.urlopen(self.url + page, timeout=10) as response:
            return unescape(response.read().decode("utf-8"))

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Poll `condition` until it holds; fail after WAIT seconds saying what never happened."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.25)
    pytest.fail(f"gave up waiting: {what}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """`chronicle serve` running in a fresh copy of the mini chronicle."""
    with serving(make_project(tmp_path / "project"), tmp_path) as running:
        yield running


@contextmanager
def serving(project: Path, tmp_path: Path) -> Iterator[Server]:
    """Run `chronicle serve` in `project` until the block ends; its entry page is served."""
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(CHRONICLE), "serve", "--port", str(port)],
            cwd=project, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    running = Server(process, project, f"http://127.0.0.1:{port}/", log)
    try:
        wait_for(lambda: "Zelenskyy on the talks" in running.get("entries/zelenskyy-talks/"),
                 "the server to serve the entry")  # fmt: skip
        yield running
    finally:
        process.terminate()
        process.wait(timeout=30)


def edit(server: Server, old: str, new: str) -> None:
    """Change the entry's record as an editor's text editor would."""
    record = server.project / ENTRY
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new), encoding="utf-8")


def test_serve_regenerates_a_page_when_its_record_changes(server: Server) -> None:
    assert "livereload" in server.get("entries/zelenskyy-talks/")  # the browser is told to reload
    edit(server, "title: Zelenskyy on the talks", "title: Zelenskyy rejects the offer")
    wait_for(lambda: "Zelenskyy rejects the offer" in server.get("entries/zelenskyy-talks/"),
             "the edited title on the entry page")  # fmt: skip
    wait_for(lambda: "Zelenskyy rejects the offer" in server.get("timeline/2022/03/29/"),
             "the edited title on the day page")  # fmt: skip
    actor = server.project / "content/actors/john-kirby.md"
    actor.write_text(actor.read_text().replace("Pentagon Press Secretary", "Rear Admiral, retired"))
    wait_for(lambda: "Rear Admiral, retired" in server.get("actors/john-kirby/"),
             "the edited actor file on the actor page")  # fmt: skip


def test_serve_rebuilds_once_an_edit_and_does_not_watch_its_own_output(server: Server) -> None:
    """The hook writes the generated docs on every rebuild: watching them would set off
    a second, useless rebuild after each edit (and poll thousands of generated files)."""
    watching = next(line for line in server.output().splitlines() if "Watching paths" in line)
    assert "'content'" in watching and "build/docs" not in watching
    before = server.output().count("Building documentation")
    edit(server, "title: Zelenskyy on the talks", "title: Zelenskyy answers")
    wait_for(lambda: "Zelenskyy answers" in server.get("entries/zelenskyy-talks/"),
             "the edited title on the entry page")  # fmt: skip
    time.sleep(3)  # a rebuild set off by the first one's writes would have started by now
    assert server.output().count("Building documentation") == before + 1


def test_serve_shows_a_new_site_name_on_every_page(server: Server) -> None:
    """mkdocs.yml shapes every page (the title, the header): a change to it rebuilds them
    all, where the preview's dirty rebuilds would rebuild only pages whose record changed."""
    config = server.project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_name: Conflict Chronicle", "site_name: War Diary"), encoding="utf-8")  # fmt: skip
    wait_for(lambda: "War Diary" in server.get("entries/zelenskyy-talks/"),
             "the new site name on an entry page")  # fmt: skip
    assert "Conflict Chronicle" not in server.get("actors/john-kirby/")


def test_serve_survives_an_invalid_record_and_keeps_the_last_good_pages(server: Server) -> None:
    edit(server, "date: 2022-03-29", "date: 2022-3-29\ncolour: red")
    wait_for(lambda: "date: expected YYYY-MM-DD" in server.output(),
             "the validation error in the terminal")  # fmt: skip
    assert f"ERROR   -  {ENTRY}:3: date: expected YYYY-MM-DD" in server.output()
    # A warning told with the errors is told as a warning.
    assert f"WARNING -  {ENTRY}:4: warning: colour: unknown field" in server.output()
    assert "the preview shows the last good version" in server.output()
    assert server.process.poll() is None  # still running
    page = server.get("entries/zelenskyy-talks/")
    assert "Zelenskyy on the talks" in page
    # The browser shows the errors too, on every page, as long as there are any.
    for path in ("entries/zelenskyy-talks/", "actors/john-kirby/"):
        shown = server.get(path)
        assert 'id="cc-preview-errors"' in shown
        assert f"{ENTRY}:3: date: expected YYYY-MM-DD" in shown
    edit(server, "title: Zelenskyy on the talks\ndate: 2022-3-29\ncolour: red",
         "title: Zelenskyy, fixed\ndate: 2022-03-29")  # fmt: skip
    wait_for(lambda: "Zelenskyy, fixed" in server.get("entries/zelenskyy-talks/"),
             "the page to follow the fixed record")  # fmt: skip
    assert 'id="cc-preview-errors"' not in server.get("entries/zelenskyy-talks/")


def test_serve_tells_the_terminal_of_a_new_warning_once(server: Server) -> None:
    """A warning does not stop the preview, but the editor must hear of it as `check`
    would say it; repeating every standing warning on each save would bury new ones."""
    edit(server, "summary:", "sumary: x\nsummary:")
    warning = f"{ENTRY}:4: warning: sumary: unknown field 'sumary' (did you mean 'summary'?)"
    wait_for(lambda: warning in server.output(), "the warning in the terminal")
    edit(server, "title: Zelenskyy on the talks", "title: Zelenskyy, warned")
    wait_for(lambda: "Zelenskyy, warned" in server.get("entries/zelenskyy-talks/"),
             "the next save's page")  # fmt: skip
    assert server.output().count(warning) == 1


def test_serve_shows_a_new_record_made_by_chronicle_new(server: Server) -> None:
    made = chronicle(
        server.project,
        "new",
        "Talks resume",
        "--date",
        "2022-03-30",
        "--actor",
        "Zelensky",
        "--summary",
        "They resumed.",
        "--source",
        "A report",
    )
    assert made.returncode == 0, made.stderr  # fmt: skip
    wait_for(lambda: "Talks resume" in server.get("timeline/2022/03/30/"),
             "the new entry on its day page")  # fmt: skip


def gone(server: Server, page: str) -> bool:
    """Return whether the server answers 404 for a page."""
    try:
        server.get(page)
    except urllib.error.HTTPError as exc:
        return exc.code == 404
    return False


def test_serve_drops_the_page_of_a_deleted_record(server: Server) -> None:
    (server.project / "content/articles/2022/2022-03-talks-month.md").unlink()
    wait_for(lambda: gone(server, "entries/talks-month/"), "the deleted entry's page to go")
    assert "Talks continue through March" not in server.get("timeline/2022/03/")


def test_serve_notices_a_folder_of_records_moved_out_of_content(
    server: Server, tmp_path: Path
) -> None:
    """Moved to the bin, a folder is told as the folder's move alone: the preview went
    on as if the records were there, and the entries naming them raised no error."""
    (server.project / "content" / "places").rename(tmp_path / "binned-places")
    wait_for(lambda: "unknown place" in server.output(), "the errors it makes")
    assert "cc-preview-errors" in server.get("entries/zelenskyy-talks/")


@pytest.mark.browser
def test_the_open_page_reloads_itself_in_the_browser(server: Server, page: object) -> None:
    page.goto(server.url + "entries/zelenskyy-talks/")  # type: ignore[attr-defined]
    edit(server, "title: Zelenskyy on the talks", "title: Zelenskyy live")
    page.wait_for_function(  # type: ignore[attr-defined]
        "document.querySelector('h1') && document.querySelector('h1').textContent"
        ".includes('Zelenskyy live')",
        timeout=WAIT * 1000,
    )


@pytest.mark.browser
def test_the_open_page_shows_the_errors_of_a_save_until_they_are_mended(
    server: Server, page: object
) -> None:
    """Otherwise an editor watching the browser sees the page as it was, and takes the
    save for lost."""
    page.goto(server.url + "entries/zelenskyy-talks/")  # type: ignore[attr-defined]
    edit(server, "date: 2022-03-29", "date: 2022-3-29")
    banner = page.locator("#cc-preview-errors")  # type: ignore[attr-defined]
    banner.wait_for(state="visible", timeout=WAIT * 1000)
    assert f"{ENTRY}:3: date: expected YYYY-MM-DD" in banner.inner_text()
    edit(server, "date: 2022-3-29", "date: 2022-03-29")
    banner.wait_for(state="detached", timeout=WAIT * 1000)


def test_serve_with_nothing_good_to_show_exits_1(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    entry = project / ENTRY
    entry.write_text(entry.read_text().replace("date: 2022-03-29", "date: 2022-3-29"))
    result = chronicle(project, "serve", "--port", str(_free_port()))
    assert result.returncode == 1
    assert "no good version to show yet" in result.stderr
    assert f"{ENTRY}:3: date:" in result.stderr


def test_serve_started_on_invalid_content_shows_the_last_good_version(tmp_path: Path) -> None:
    """The first build reports the errors as every rebuild does; the last good pages
    (from an earlier build) are served meanwhile, and the fix shows."""
    project = make_project(tmp_path / "project")
    assert chronicle(project, "build", "--pages-only").returncode == 0
    entry = project / ENTRY
    good = entry.read_text(encoding="utf-8")
    entry.write_text(good.replace("date: 2022-03-29", "date: 2022-3-29"), encoding="utf-8")
    with serving(project, tmp_path) as running:
        assert f"{ENTRY}:3: date: expected YYYY-MM-DD" in running.output()
        assert "the preview shows the last good version" in running.output()
        entry.write_text(good.replace("Zelenskyy on the talks", "Zelenskyy, fixed"), "utf-8")
        wait_for(lambda: "Zelenskyy, fixed" in running.get("entries/zelenskyy-talks/"),
                 "the page to follow the fixed record")  # fmt: skip


def test_serve_on_a_taken_port_is_a_usage_error(server: Server) -> None:
    port = server.url.rsplit(":", 1)[1].strip("/")
    result = chronicle(server.project, "serve", "--port", port)
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_serve_when_stopped_saves_the_page_cache_for_the_next_build(
    server: Server, stop: signal.Signals
) -> None:
    """The preview keeps it in memory while it runs, and leaves it for `chronicle build`."""
    cache = server.project / "build" / "docs-pages.json"
    assert not cache.exists()
    server.process.send_signal(stop)
    assert server.process.wait(timeout=WAIT) == 0
    assert json.loads(cache.read_text(encoding="utf-8"))["pages"]["entries/zelenskyy-talks.md"]


def test_serve_starts_from_the_published_site_and_rebuilds_what_changes(tmp_path: Path) -> None:
    """The first build copies `chronicle build`'s site instead of rendering every page
    (`preview.seed`); a page of the copy is rebuilt when its record changes, in the
    copy only: the published site is never written to."""
    project = make_project(tmp_path / "project")
    assert chronicle(project, "build").returncode == 0
    published = project / "site" / "entries" / "zelenskyy-talks" / "index.html"
    marked = published.read_text(encoding="utf-8") + "<!-- the published copy -->"
    published.write_text(marked, encoding="utf-8")  # newer than its Markdown: kept as it is
    with serving(project, tmp_path) as running:
        assert "the published copy" in running.get("entries/zelenskyy-talks/")
        edit(running, "title: Zelenskyy on the talks", "title: Zelenskyy live")
        wait_for(lambda: "Zelenskyy live" in running.get("entries/zelenskyy-talks/"),
                 "the edited entry to be rebuilt")  # fmt: skip
        assert "the published copy" not in running.get("entries/zelenskyy-talks/")
    assert published.read_text(encoding="utf-8") == marked


@pytest.mark.browser
def test_a_new_entry_not_valid_yet_shows_why_at_its_address_and_then_itself(
    server: Server, page: object
) -> None:
    """The editor opens the new entry's address: it said "not found" with no word of the
    error, and stayed so once the record was mended."""
    record = server.project / "content/articles/2022/2022-03-30-brand-new.md"
    text = (server.project / ENTRY).read_text(encoding="utf-8")
    text = text.replace("title: Zelenskyy on the talks", "title: A brand new entry")
    record.write_text(text.replace("actors: [Zelensky]", "actors: [Zelenskyi]"), "utf-8")
    wait_for(lambda: "unknown actor" in server.output(), "the new record's error")
    page.goto(server.url + "entries/brand-new/")  # type: ignore[attr-defined]
    banner = page.locator("#cc-preview-errors")  # type: ignore[attr-defined]
    banner.wait_for(state="visible", timeout=WAIT * 1000)
    assert "2022-03-30-brand-new.md:5: actors[0]: unknown actor" in banner.inner_text()
    record.write_text(text, "utf-8")
    page.locator("h1", has_text="A brand new entry").wait_for(  # type: ignore[attr-defined]
        timeout=WAIT * 1000
    )


def test_a_change_that_cannot_be_built_is_told_on_the_pages_not_a_stuck_server(
    server: Server,
) -> None:
    """MkDocs held every request while mkdocs.yml was not valid YAML: the browser waited."""
    config = server.project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "\nsite_name: [Broken\n", encoding="utf-8")
    wait_for(lambda: "this change could not be built" in server.output(), "the failure told")
    shown = server.get("entries/zelenskyy-talks/")  # answered, not held
    assert 'id="cc-preview-errors"' in shown and "this change could not be built" in shown
    config.write_text(text, encoding="utf-8")
    wait_for(lambda: 'id="cc-preview-errors"' not in server.get("entries/zelenskyy-talks/"),
             "the banner to go once mkdocs.yml is mended")  # fmt: skip
