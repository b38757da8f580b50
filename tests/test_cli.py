"""The `chronicle` command as editors run it: a subprocess in a small project, exit codes, output.

Each error case is one bad record and the exact line the editor should see: the line
number is where the field sits in the record we write (front matter starts on line 2).
"""

from __future__ import annotations

import gc
import os
import re
import signal
import subprocess
import time
import tomllib
from html import unescape
from pathlib import Path

import pytest

from generator import cli, collector
from tests.cli_helpers import CHRONICLE, built_nothing, chronicle, make_project
from tests.helpers import ROOT, article, tree, write

ARTICLES = "content/articles/2022"
COMMANDS = ("build", "check", "new", "new-actor", "new-place", "import", "serve")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the mini chronicle with the site's own mkdocs.yml and site_config/."""
    return make_project(tmp_path)


def test_check_passes_a_valid_chronicle(project: Path) -> None:
    result = chronicle(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "all records are valid" in result.stderr


ERROR_CASES = {
    "missing field": (
        "2022-04-01-no-summary.md",
        "---\ntitle: No summary\ndate: 2022-04-01\nactors: [john-kirby]\n"
        "sources:\n  - name: A report\n---\nBody.\n",
        "2022-04-01-no-summary.md:2: summary: required field is missing",
    ),
    "bad date": (
        "2022-03-30-bad-date.md",
        article(date="2022-3-30"),
        "2022-03-30-bad-date.md:3: date: expected YYYY-MM-DD (or YYYY-MM, or "
        "YYYY-MM-DDTHH:MM+03:00), found '2022-3-30'",
    ),
    "impossible date": (
        "2022-02-30-no-such-day.md",
        article(date="2022-02-30"),
        "2022-02-30-no-such-day.md:3: date: not a real date (day is out of range for month): "
        "'2022-02-30'",
    ),
    "unknown actor with a suggestion": (
        "2022-03-29-typo.md",
        article(actors="[john-kirby, Zelenskii]"),
        "2022-03-29-typo.md:5: actors[1]: unknown actor 'Zelenskii' (did you mean "
        "'volodymyr-zelenskyy'?)",
    ),
    "duplicate slug": (
        "2022-04-03-zelenskyy-talks.md",
        article(date="2022-04-03"),
        "2022-04-03-zelenskyy-talks.md:2: the file name gives the entry id 'zelenskyy-talks', "
        "also used by content/articles/2022/2022-03-29-zelenskyy-talks.md; each entry needs an "
        "id of its own",
    ),
    "placeholder left by chronicle new": (
        "2022-03-29-unfinished.md",
        article(title='"TODO: a title"'),
        "2022-03-29-unfinished.md:2: title: still holds the placeholder 'TODO: a title': "
        "write it, or keep `draft: true`",
    ),
    "unclosed front matter": (
        "2022-04-05-unclosed.md",
        "---\ntitle: Open\ndate: 2022-04-05\n",
        "2022-04-05-unclosed.md:1: front matter is not closed: add a line with --- after it",
    ),
}


@pytest.mark.parametrize("case", ERROR_CASES, ids=list(ERROR_CASES))
def test_check_reports_each_error_on_its_line_and_fails(project: Path, case: str) -> None:
    name, text, expected = ERROR_CASES[case]
    write(project / "content", {f"articles/2022/{name}": text})
    result = chronicle(project, "check")
    assert result.returncode == 1
    mine = [line for line in result.stdout.splitlines() if line.startswith(f"{ARTICLES}/{name}")]
    assert mine and mine[0].startswith(f"{ARTICLES}/{expected}"), result.stdout
    assert re.search(r"^\d+ errors? in \d+ files?$", result.stderr.strip(), re.MULTILINE)


def test_check_reports_every_problem_of_the_run_at_once(project: Path) -> None:
    write(project / "content", {
        "articles/2022/2022-03-29-a.md": article(date="2022-4-1"),
        "articles/2022/2022-03-29-b.md": article(actors="[kirbi]"),
    })  # fmt: skip
    result = chronicle(project, "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        f"{ARTICLES}/2022-03-29-a.md",
        f"{ARTICLES}/2022-03-29-b.md",
    ]
    assert "(did you mean 'john-kirby'?)" in lines[1]
    assert result.stderr.strip() == "2 errors in 2 files"


def test_an_entry_with_a_field_error_still_has_its_names_checked(project: Path) -> None:
    write(project / "content", {
        "articles/2022/2022-03-29-a.md": article(date="2022-4-1", actors="[Zelensky, kirbi]"),
    })  # fmt: skip
    result = chronicle(project, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{ARTICLES}/2022-03-29-a.md:3: date: expected YYYY-MM-DD (or YYYY-MM, or "
        "YYYY-MM-DDTHH:MM+03:00), found '2022-4-1'",
        f"{ARTICLES}/2022-03-29-a.md:5: actors[1]: unknown actor 'kirbi' (did you mean "
        "'john-kirby'?)",
    ]


def test_unknown_field_is_a_warning_unless_strict(project: Path) -> None:
    write(project / "content", {"articles/2022/2022-03-29-a.md": article(extra="actor: [x]\n")})
    relaxed = chronicle(project, "check")
    assert relaxed.returncode == 0
    assert "warning: actor: unknown field 'actor' (did you mean 'actors'?)" in relaxed.stdout
    assert relaxed.stderr == "1 warning in 1 file\n"
    strict = chronicle(project, "check", "--strict")
    assert strict.returncode == 1
    assert strict.stderr == "1 warning in 1 file (--strict: warnings fail too)\n"  # why it failed
    built = chronicle(project, "build", "--strict")
    assert built.returncode == 1
    assert "1 warning in 1 file (--strict: warnings fail too); nothing was written." in built.stderr


def test_check_paths_reports_only_on_the_named_files(project: Path) -> None:
    write(project / "content", {"articles/2022/2022-03-29-a.md": article(date="2022-4-1")})
    other = chronicle(project, "check", f"{ARTICLES}/2022-03-29-zelenskyy-talks.md")
    assert other.returncode == 0, other.stdout
    assert other.stdout == ""
    # Not "all records are valid": a file named may have caused what is found in others.
    assert other.stderr.strip() == (
        "no problems in the files given; 1 error in 1 file elsewhere (`chronicle check`)"
    )
    named = chronicle(project, "check", f"{ARTICLES}/2022-03-29-a.md")
    assert named.returncode == 1
    assert named.stdout.startswith(f"{ARTICLES}/2022-03-29-a.md:3: date:")
    assert named.stderr.strip() == "1 error in 1 file"


def test_check_names_a_missing_path_as_a_usage_error(project: Path) -> None:
    result = chronicle(project, "check", "content/articles/nope.md")
    assert result.returncode == 2
    assert "no such file or folder: content/articles/nope.md" in result.stderr


def test_github_format_prints_escaped_annotations(project: Path) -> None:
    write(project / "content", {
        "articles/2022/2022-03-29-a.md": article(date="2022-4-1"),
        "articles/2022/2022-03-29-b.md": article(title='"50% done, or: not"', extra="x: 1\n"),
    })  # fmt: skip
    result = chronicle(project, "check", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"::error file={ARTICLES}/2022-03-29-a.md,line=3,title=chronicle check::date: "
        "expected YYYY-MM-DD (or YYYY-MM, or YYYY-MM-DDTHH:MM+03:00), found '2022-4-1'"
    )
    assert lines[1] == (
        f"::warning file={ARTICLES}/2022-03-29-b.md,line=8,title=chronicle check::"
        "x: unknown field 'x'"
    )


def test_names_in_another_script_are_printed_escaped_where_the_locale_is_ascii(
    project: Path,
) -> None:
    """Printing 'Київщина' to an ASCII stream raised UnicodeEncodeError: a traceback."""
    write(project / "content", {"articles/2022/2022-03-29-a.md": article(actors="[Київщина]")})
    ascii_locale = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0",
                    "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": "ascii"}  # fmt: skip
    for form in ("text", "github"):
        result = subprocess.run(
            [str(CHRONICLE), "check", "--format", form], cwd=project, capture_output=True,
            text=True, timeout=300, check=False, env=ascii_locale, encoding="utf-8",
        )  # fmt: skip
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert "\\u041a" in result.stdout + result.stderr  # К, escaped


def test_python_dash_m_is_the_same_command(project: Path) -> None:
    write(project / "content", {"articles/2022/2022-03-29-a.md": article(actors="[kirbi]")})
    as_module = chronicle(project, "check", module=True)
    assert as_module.returncode == 1
    assert as_module.stdout == chronicle(project, "check").stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_has_help(tmp_path: Path, command: str) -> None:
    result = chronicle(tmp_path, command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: chronicle {command}")


@pytest.mark.parametrize(
    "args",
    [("frobnicate",), ("new", "A title"), ("new-actor", "X", "--kind", "wizard"), ()],
    ids=["unknown command", "missing --date", "bad kind", "no command"],
)
def test_usage_errors_exit_2(project: Path, args: tuple[str, ...]) -> None:
    result = chronicle(project, *args)
    assert result.returncode == 2
    assert "usage: chronicle" in result.stderr


def test_a_folder_without_content_is_a_usage_error(tmp_path: Path) -> None:
    result = chronicle(tmp_path, "check")
    assert result.returncode == 2
    assert "no content/ folder" in result.stderr


def test_run_inside_the_project_it_names_the_project_folder(project: Path) -> None:
    result = chronicle(project / "content" / "actors", "check")
    assert result.returncode == 2
    inside = (project / "content" / "actors").resolve()
    assert result.stderr.strip() == (
        f"chronicle: no content/ folder in {inside}; run it in {project.resolve()}, "
        f"or pass --root {project.resolve()}"
    )


@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_missing_or_broken_mkdocs_yml_is_an_environment_error(
    project: Path, command: str
) -> None:
    config = project / "mkdocs.yml"
    config.unlink()
    missing = chronicle(project, command)
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"chronicle: no mkdocs.yml in {project.resolve()}"
    config.write_text("site_name: [unclosed\n", encoding="utf-8")
    broken = chronicle(project, command)
    assert broken.returncode == 2
    assert broken.stderr.startswith(f"chronicle: {config.resolve()}: ")
    assert "Traceback" not in broken.stderr


def test_build_refuses_invalid_content_and_writes_nothing(project: Path) -> None:
    write(project / "content", {"articles/2022/2022-03-29-a.md": article(date="2022-4-1")})
    result = chronicle(project, "build")
    assert result.returncode == 1
    assert result.stderr.rstrip().endswith("1 error in 1 file; nothing was written.")
    assert built_nothing(project)


def test_a_rebuild_refused_for_invalid_content_leaves_the_site_and_no_staging(
    project: Path,
) -> None:
    """The published site is copied for a rebuild while the records are read; a refused
    rebuild removes that copy and keeps the site as it was."""
    assert chronicle(project, "build").returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    write(project / "content", {"articles/2022/2022-03-29-a.md": article(date="2022-4-1")})
    result = chronicle(project, "build")
    assert result.returncode == 1
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_broken_link_in_a_hand_written_page_is_named_by_file_and_line(project: Path) -> None:
    assert chronicle(project, "build").returncode == 0
    published = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    about = project / "site_config" / "pages" / "about.md"
    lines = about.read_text("utf-8").splitlines()
    about.write_text("\n".join([*lines, "", "See [the plan](missing-page.md)."]) + "\n", "utf-8")
    result = chronicle(project, "build")
    assert result.returncode == 1
    told = result.stderr.strip().splitlines()
    assert told[-1] == "chronicle: site build failed; the previous site was kept."
    assert any(
        line.startswith(f"site_config/pages/about.md:{len(lines) + 2}: ")
        and "'missing-page.md'" in line
        for line in told
    ), told
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == published


def test_a_build_without_site_url_says_what_it_costs_and_how_to_set_it(project: Path) -> None:
    result = chronicle(project, "build")
    assert result.returncode == 0, result.stderr
    assert result.stderr.rstrip().endswith(cli.NO_SITE_URL)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8") + "site_url: https://chronicle.example.org/\n", "utf-8"
    )
    result = chronicle(project, "build")
    assert result.returncode == 0, result.stderr
    assert "note:" not in result.stderr


def test_a_site_published_in_a_subfolder_builds(project: Path) -> None:
    """A GitHub project page: MkDocs writes the 404 page's links from the server's root."""
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8") + "site_url: https://newsroom.example.org/chronicle/\n", "utf-8"
    )
    result = chronicle(project, "build")
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "404.html").read_text(encoding="utf-8")
    assert 'src="/chronicle/assets/' in page and 'action="/chronicle/search/"' in page


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini chronicle built once with `chronicle build`, as an editor would."""
    project = make_project(tmp_path_factory.mktemp("built"))
    result = chronicle(project, "build")
    assert result.returncode == 0, result.stderr
    return project / "site"


def html(site: Path, page: str) -> str:
    """Return a built page with character references resolved (record values are escaped)."""
    return unescape((site / page / "index.html").read_text(encoding="utf-8"))


def test_build_puts_a_month_precision_entry_on_its_month_page_only(built: Path) -> None:
    month = html(built, "timeline/2022/03")
    during = month.index('<h2 id="during-the-month"')
    assert during < month.index("Talks continue through March") < month.index('id="29-march-2022"')
    for day in sorted((built / "timeline/2022/03").glob("[0-9][0-9]")):
        assert "Talks continue through March" not in html(built, str(day.relative_to(built)))


def test_build_sorts_a_timed_entry_after_the_days_untimed_ones(built: Path) -> None:
    day = html(built, "timeline/2022/03/29")
    assert day.index("Zelenskyy on the talks") < day.index("Pentagon: a repositioning")  # 16:00


def test_build_leaves_drafts_unpublished(built: Path) -> None:
    assert not (built / "entries" / "draft-entry").exists()
    assert "Unpublished draft" not in html(built, "timeline/2022/03")
    assert "Unpublished draft" not in html(built, "actors/john-kirby")


def test_build_files_aliases_under_their_actor(built: Path) -> None:
    page = html(built, "actors/volodymyr-zelenskyy")
    assert "Zelenskyy on the talks" in page  # the record says `actors: [Zelensky]`
    kirby = html(built, "actors/john-kirby")
    assert "Pentagon: a repositioning, not a withdrawal" in kirby  # `actors: [Kirby, ...]`


def test_build_shows_updated_and_corrections_on_the_entry(built: Path) -> None:
    page = html(built, "entries/kirby-repositioning")
    assert "Updated 1 April 2022." in page
    assert '<a href="#cc-corrections">updated 1 April 2022</a>' in page  # beside the date
    assert '<div id="cc-corrections">\n<h2 id="corrections">Corrections' in page
    assert "Corrected the time of the briefing." in page
    assert "29 March 2022, 16:00 (UTC-04:00)" in page


def test_build_runs_with_the_collector_set_for_a_build(project: Path) -> None:
    assert gc.get_threshold() != collector.BUILD_THRESHOLDS  # conftest gives the default back
    assert cli.main(["--root", str(project), "build", "--pages-only"]) == 0
    assert gc.get_threshold() == collector.BUILD_THRESHOLDS


def test_a_full_disk_is_told_in_one_line_and_exits_2(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The machine's trouble, not the content's: exit 2 and no traceback."""

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device", str(project / "build" / "docs" / "x.md"))

    monkeypatch.setattr(cli.build, "generate", full)
    assert cli.main(["--root", str(project), "build", "--pages-only"]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("chronicle: [Errno 28] No space left on device:")
    assert err.count("\n") == 1


def test_the_version_is_the_one_pyproject_gives(project: Path) -> None:
    """Written once (pyproject.toml), read from the installed distribution."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    result = chronicle(project, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"chronicle {declared['project']['version']}"


def test_a_build_stopped_by_kill_cleans_up_and_keeps_the_published_site(tmp_path: Path) -> None:
    """SIGTERM (a cancelled CI job, `timeout`) stops a build as Ctrl-C does: exit 130, its
    staging folders removed, the published site as it was."""
    project = make_project(tmp_path)
    assert chronicle(project, "build").returncode == 0
    published = tree(project / "site")
    build = subprocess.Popen([str(CHRONICLE), "build", "--clean"], cwd=project,
                             stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 120
    while not list(project.glob(".site-*")) and time.monotonic() < deadline:
        time.sleep(0.02)  # the staging folder: the build is under way
    build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=120)
    assert build.returncode == cli.EXIT_STOPPED, err
    assert "build stopped; site is the last complete build" in err
    assert "Traceback" not in err
    assert [p.name for p in project.glob(".site-*")] == []
    assert tree(project / "site") == published


def test_a_broken_theme_override_is_one_line_with_its_file_and_line(tmp_path: Path) -> None:
    """A template syntax error in site_config/overrides printed sixty lines of traceback."""
    project = make_project(tmp_path / "project")
    form = project / "site_config" / "overrides" / "partials" / "pagefind-form.html"
    lines = form.read_text(encoding="utf-8").count("\n")
    form.write_text(form.read_text(encoding="utf-8") + "{% if x %}\n", encoding="utf-8")
    result = chronicle(project, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        f"site_config/overrides/partials/pagefind-form.html:{lines + 1}: template error: "
        "Unexpected end of template." in result.stderr
    ), result.stderr
    assert "chronicle: site build failed; no site was written." in result.stderr
